// One topic: its services as large rows in a list that scrolls with a flick.
import QtQuick

Item {
    id: page
    property real u: 1
    property bool portrait: true
    property bool compact: false   // the reach band: the heading is shown above it instead
    readonly property real pad: 48 * u
    readonly property var category: directory.category

    Row {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.pad }
        spacing: 28 * page.u
        visible: !page.compact
        height: visible ? implicitHeight : -page.pad / 2
        Image {
            id: icon
            width: 104 * page.u; height: width
            sourceSize: Qt.size(width, height)
            source: page.category.icon || ""
        }
        Column {
            width: parent.width - icon.width - parent.spacing
            anchors.verticalCenter: parent.verticalCenter
            Text {
                width: parent.width
                text: page.category.title || ""
                color: player.colours.primary
                font.pixelSize: Math.max(64 * page.u, display.minTextPx)
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: page.category.summary || ""
                color: player.colours.text_muted
                font.pixelSize: Math.max(32 * page.u, display.minTextPx)
                wrapMode: Text.WordWrap
            }
        }
    }

    ListView {
        id: list
        objectName: "serviceList"
        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: parent.bottom
                  margins: page.pad; bottomMargin: 0 }
        spacing: 20 * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: page.category.services || []
        footer: Item { width: 1; height: page.pad }
        delegate: ServiceRow {
            required property var modelData
            width: list.width
            u: page.u
            objectName: "service-" + modelData.id
            title: modelData.title
            subtitle: modelData.summary
            onClicked: directory.openService(modelData.id)
        }
    }

    ScrollHint { flick: list; u: page.u }
}
