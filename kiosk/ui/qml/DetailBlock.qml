// A section of a service page: an icon, a heading and one or more lines (hidden if empty).
import QtQuick

Row {
    id: block
    property real u: 1
    property string icon: ""
    property string heading: ""
    property var lines: []
    visible: lines.length > 0
    spacing: 24 * u

    Rectangle {
        width: 84 * block.u; height: width
        radius: width / 2
        color: player.colours.band
        Image {
            anchors.centerIn: parent
            width: 52 * block.u; height: width
            sourceSize: Qt.size(width, height)
            source: block.icon !== "" ? "image://icon/" + block.icon + "/" + String(player.colours.primary).slice(1) : ""
        }
    }
    Column {
        width: block.width - 84 * block.u - block.spacing
        spacing: 6 * block.u
        Text {
            width: parent.width
            text: block.heading
            color: player.colours.primary
            font.pixelSize: Math.max(38 * block.u, display.minTextPx)
            font.weight: Font.Bold
        }
        Repeater {
            model: block.lines
            Text {
                required property string modelData
                width: parent.width
                text: (block.lines.length > 1 ? "•  " : "") + modelData
                color: player.colours.text
                font.pixelSize: Math.max(36 * block.u, display.minTextPx)
                lineHeight: 1.1
                wrapMode: Text.WordWrap
            }
        }
    }
}
