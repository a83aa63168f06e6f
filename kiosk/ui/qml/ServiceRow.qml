// A row of a list of services (category page, search results): title, a line of detail,
// a chevron; the whole row is the touch target.
import QtQuick

Rectangle {
    id: row
    property real u: 1
    property string title: ""
    property string subtitle: ""
    property string icon: ""
    signal clicked()

    height: Math.max(132 * u, column.implicitHeight + 44 * u)
    radius: 20 * u
    color: area.pressed ? player.colours.band : player.colours.surface
    border.color: player.colours.band
    border.width: Math.max(2, 3 * u)

    Image {
        id: leading
        visible: row.icon !== ""
        anchors { left: parent.left; leftMargin: 28 * row.u; verticalCenter: parent.verticalCenter }
        width: visible ? 64 * row.u : 0
        height: width
        sourceSize: Qt.size(64 * row.u, 64 * row.u)
        source: row.icon
    }
    Column {
        id: column
        anchors { left: leading.right; leftMargin: 28 * row.u; right: chevron.left; rightMargin: 20 * row.u
                  verticalCenter: parent.verticalCenter }
        spacing: 6 * row.u
        Text {
            width: parent.width
            text: row.title
            color: player.colours.primary
            font.pixelSize: Math.max(42 * row.u, display.minTextPx)
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: row.subtitle
            color: player.colours.text_muted
            font.pixelSize: Math.max(30 * row.u, display.minTextPx)
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }
    Image {
        id: chevron
        anchors { right: parent.right; rightMargin: 24 * row.u; verticalCenter: parent.verticalCenter }
        width: 48 * row.u; height: width
        sourceSize: Qt.size(width, height)
        source: "image://icon/chevron-right/" + String(player.colours.primary).slice(1)
    }
    MouseArea { id: area; anchors.fill: parent; onClicked: row.clicked() }
}
