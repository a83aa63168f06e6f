// A large touch target: icon and/or label, pressed state, disabled state.
import QtQuick

Rectangle {
    id: button
    property real u: 1
    property string icon: ""          // theme icon name
    property string text: ""
    property bool primary: false
    property bool selected: false
    property color foreground: primary || selected ? player.colours.on_primary : player.colours.primary
    signal clicked()

    implicitHeight: 116 * u
    implicitWidth: Math.max(implicitHeight, row.implicitWidth + 56 * u)
    radius: 20 * u
    color: !enabled ? player.colours.band
         : area.pressed ? Qt.darker(primary || selected ? player.colours.primary : player.colours.surface, 1.15)
         : primary || selected ? player.colours.primary : player.colours.surface
    border.width: primary || selected ? 0 : Math.max(2, 3 * u)
    border.color: player.colours.primary
    opacity: enabled ? 1 : 0.55
    Accessible.role: Accessible.Button
    Accessible.name: text

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 16 * button.u
        Image {
            visible: button.icon !== ""
            anchors.verticalCenter: parent.verticalCenter
            width: 52 * button.u
            height: width
            sourceSize: Qt.size(width, height)
            source: button.icon !== "" ? "image://icon/" + button.icon + "/" + String(button.foreground).slice(1) : ""
        }
        Text {
            visible: button.text !== ""
            anchors.verticalCenter: parent.verticalCenter
            text: button.text
            color: button.foreground
            font.pixelSize: Math.max(38 * button.u, display.minTextPx)
            font.weight: Font.Bold
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: button.clicked()
    }
}
