// Every service, A to Z, for visitors who prefer a list to topics.
import QtQuick

Item {
    id: page
    property real u: 1
    property bool portrait: true
    property bool compact: false   // the reach band: the heading is shown above it instead
    readonly property real pad: 48 * u

    Text {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.pad }
        //: Title of the page listing every service alphabetically
        text: qsTr("All services, A to Z")
        color: player.colours.primary
        font.pixelSize: Math.max(64 * page.u, display.minTextPx)
        font.weight: Font.Bold
        wrapMode: Text.WordWrap
    }

    ListView {
        id: list
        objectName: "allList"
        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: parent.bottom
                  margins: page.pad; bottomMargin: 0 }
        spacing: 16 * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: directory.allServices
        footer: Item { width: 1; height: page.pad }
        delegate: ServiceRow {
            required property var modelData
            width: list.width
            u: page.u
            objectName: "all-" + modelData.id
            title: modelData.title
            subtitle: modelData.summary
            icon: modelData.icon
            onClicked: directory.openService(modelData.id)
        }
    }

    ScrollHint { flick: list; u: page.u }
}
