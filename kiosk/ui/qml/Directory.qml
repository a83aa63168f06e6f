// The services directory: one page at a time above the navigation bar. Pages only show
// what `directory` (Python) says; touches call its slots. Swiping right goes back.
import QtQuick
import QtQuick.Window

Rectangle {
    id: root
    property real u: 1
    property bool portrait: true
    color: player.colours.background

    // The reach band (kiosk.toml [geometry]): on a screen whose top or bottom is out of
    // reach from a wheelchair, every control (pages and navigation) sits between 0.90 and
    // 1.30 m above the floor; above it, what the page says without being touched.
    readonly property bool banded: reach.active && bandBottom - bandTop < height - 1
    readonly property var bandFractions: reach.active ? reach[portrait ? "portrait" : "landscape"] : [0, 1]
    readonly property real topInWindow: Window.height - height   // anchored to the bottom
    readonly property real bandTop: Math.max(0, Window.height * bandFractions[0] - topInWindow)
    readonly property real bandBottom: Math.min(height, Window.height * bandFractions[1] - topInWindow)

    Column {
        id: above
        objectName: "aboveBand"
        visible: root.banded && root.bandTop > 120 * root.u
        anchors { left: parent.left; right: parent.right; top: parent.top
                  margins: 48 * root.u }
        height: root.bandTop - 96 * root.u
        spacing: 24 * root.u
        readonly property var heading: directory.page === "service" ? directory.service
                                      : directory.page === "category" ? directory.category : ({})
        Image {
            visible: !above.heading.title && player.logo !== ""
            source: player.logo
            height: Math.min(above.height * 0.6, 360 * root.u); width: height
            sourceSize: Qt.size(width, height)
            fillMode: Image.PreserveAspectFit
        }
        Text {
            width: parent.width
            text: above.heading.title || player.siteName
            color: player.colours.primary
            font { pixelSize: 72 * root.u; weight: Font.Bold; family: player.fontFamily }
            wrapMode: Text.Wrap
            maximumLineCount: 3; elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: above.heading.summary || ""
            color: player.colours.text
            font { pixelSize: 44 * root.u; family: player.fontFamily }
            wrapMode: Text.Wrap
            height: Math.max(0, above.height - y); elide: Text.ElideRight
        }
    }

    Item {
        id: band
        anchors { left: parent.left; right: parent.right }
        y: root.banded ? root.bandTop : 0
        height: root.banded ? root.bandBottom - root.bandTop : root.height
    }

    Item {
        id: content
        anchors { left: parent.left; right: parent.right; top: band.top
                  bottom: speechBar.visible ? speechBar.top : nav.top }
        clip: true

        Loader {
            anchors.fill: parent
            source: ({ "home": "DirectoryHome.qml", "all": "DirectoryAll.qml", "category": "DirectoryCategory.qml",
                       "service": "DirectoryService.qml", "search": "DirectorySearch.qml" })[directory.page] || ""
            onLoaded: {
                item.u = Qt.binding(function() { return root.u })
                item.portrait = Qt.binding(function() { return root.portrait })
                item.compact = Qt.binding(function() { return root.banded && above.visible })
            }
        }
        // A swipe to the right is Back: recognised in Python for the whole window
        // (kiosk/ui/gestures.py), so a swipe that starts on a row works too.
    }

    // While a page is read aloud: Repeat, Slower, the volume.
    SpeechBar {
        id: speechBar
        objectName: "speechBar"
        visible: speech.speaking
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: nav.top }
    }

    NavBar {
        id: nav
        u: root.u
        portrait: root.portrait
        anchors { left: parent.left; right: parent.right; bottom: band.bottom }
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
