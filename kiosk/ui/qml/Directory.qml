// The services directory: one page at a time above the navigation bar. Pages only show
// what `directory` (Python) says; touches call its slots. Swiping right goes back.
import QtQuick

Rectangle {
    id: root
    property real u: 1
    property bool portrait: true
    color: player.colours.background

    Item {
        id: content
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: nav.top }
        clip: true

        Loader {
            anchors.fill: parent
            source: ({ "home": "DirectoryHome.qml", "all": "DirectoryAll.qml", "category": "DirectoryCategory.qml",
                       "service": "DirectoryService.qml", "search": "DirectorySearch.qml" })[directory.page] || ""
            onLoaded: {
                item.u = Qt.binding(function() { return root.u })
                item.portrait = Qt.binding(function() { return root.portrait })
            }
        }
        // A swipe to the right is Back: recognised in Python for the whole window
        // (kiosk/ui/gestures.py), so a swipe that starts on a row works too.
    }

    NavBar {
        id: nav
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        onChooseLanguage: chooser.visible = true
    }

    // Chooser for more than two languages, each named in itself.
    Rectangle {
        id: chooser
        visible: false
        anchors.fill: parent
        color: "#B3101820"
        MouseArea { anchors.fill: parent; onClicked: chooser.visible = false }
        Column {
            anchors.centerIn: parent
            spacing: 20 * root.u
            Repeater {
                model: directory.languages
                TouchButton {
                    required property var modelData
                    objectName: "choose-" + modelData.code
                    u: root.u
                    width: 560 * root.u
                    text: modelData.name
                    selected: directory.language === modelData.code
                    onClicked: { directory.setLanguage(modelData.code); chooser.visible = false }
                }
            }
        }
    }
}
