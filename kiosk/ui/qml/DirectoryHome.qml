// Directory home: a search entry and one large tile per topic.
import QtQuick

Item {
    id: page
    property real u: 1
    property bool portrait: true
    property bool compact: false   // the reach band: the heading is shown above it instead
    readonly property real pad: 48 * u

    Column {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.pad }
        spacing: 12 * page.u
        Text {
            width: parent.width
            visible: !page.compact
            //: Title of the services directory home page
            text: qsTr("Town hall services")
            color: player.colours.primary
            font.pixelSize: Math.max((page.portrait ? 72 : 58) * page.u, display.minTextPx)
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            visible: page.portrait && !page.compact  // landscape keeps its height for the tiles
            //: Subtitle of the services directory home page
            text: qsTr("Touch a topic, or search for a service.")
            color: player.colours.text_muted
            font.pixelSize: Math.max(38 * page.u, display.minTextPx)
            wrapMode: Text.WordWrap
        }
        Item { width: 1; height: 12 * page.u }
        Row {
          width: parent.width
          spacing: 20 * page.u
          Rectangle {
            objectName: "searchEntry"
            width: parent.width - azButton.width - parent.spacing
            height: 116 * page.u
            radius: height / 2
            color: player.colours.surface
            border.color: player.colours.primary
            border.width: Math.max(2, 3 * page.u)
            Row {
                anchors { left: parent.left; leftMargin: 40 * page.u; verticalCenter: parent.verticalCenter }
                spacing: 20 * page.u
                Image {
                    width: 52 * page.u; height: width
                    sourceSize: Qt.size(width, height)
                    source: "image://icon/search/" + String(player.colours.primary).slice(1)
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.parent.width - 160 * page.u
                    //: Placeholder of the search entry on the directory home
                    text: qsTr("Search: passport, school, waste…")
                    color: player.colours.text_muted
                    font.pixelSize: Math.max(38 * page.u, display.minTextPx)
                    elide: Text.ElideRight
                }
            }
            MouseArea { anchors.fill: parent; onClicked: directory.openSearch() }
          }
          TouchButton {
            id: azButton
            objectName: "allButton"
            u: page.u
            icon: "document"
            //: Button opening the list of every service, alphabetically
            text: qsTr("A to Z")
            onClicked: directory.openAll()
          }
        }
    }

    GridView {
        id: grid
        objectName: "categoryGrid"
        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: parent.bottom
                  topMargin: 32 * page.u; leftMargin: page.pad - gap / 2; rightMargin: page.pad - gap / 2 }
        readonly property real gap: 28 * page.u
        // Landscape: five narrower, shorter tiles a row, so ten topics show without scrolling.
        // Large text: four a row in landscape, and taller tiles.
        readonly property int columns: page.portrait ? 2 : display.largeText ? 4 : 5
        cellWidth: width / columns
        cellHeight: (page.portrait ? (display.largeText ? 430 : 360)
                                   : (display.largeText ? 290 : 244)) * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: directory.categories
        delegate: Item {
            required property var modelData
            width: grid.cellWidth
            height: grid.cellHeight
            Rectangle {
                objectName: "tile-" + modelData.id
                anchors { fill: parent; margins: grid.gap / 2 }
                radius: 24 * page.u
                color: tileArea.pressed ? player.colours.band : player.colours.surface
                border.color: player.colours.band
                border.width: Math.max(2, 3 * page.u)
                Column {
                    anchors { left: parent.left; right: parent.right; top: parent.top
                              margins: (page.portrait ? 32 : 24) * page.u }
                    spacing: (page.portrait ? 14 : 8) * page.u
                    Image {
                        width: (page.portrait ? 88 : 72) * page.u; height: width
                        sourceSize: Qt.size(width, height)
                        source: modelData.icon
                    }
                    Text {
                        width: parent.width
                        text: modelData.title
                        color: player.colours.primary
                        font.pixelSize: Math.max((page.portrait ? 42 : 35) * page.u, display.minTextPx)
                        font.weight: Font.Bold
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        visible: page.portrait  // landscape tiles: icon and title only
                        text: modelData.summary
                        color: player.colours.text_muted
                        font.pixelSize: Math.max(28 * page.u, display.minTextPx)
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
                MouseArea { id: tileArea; anchors.fill: parent; onClicked: directory.openCategory(modelData.id) }
            }
        }
    }

    ScrollHint { flick: grid; u: page.u }
}
