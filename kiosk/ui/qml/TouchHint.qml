// On the attract loop: tells passers-by the screen is interactive.
import QtQuick

Rectangle {
    id: hint
    property real u: 1
    property bool forSlide: false   // the slide on screen has a service page
    property real maxWidth: Infinity // beyond, the text wraps
    width: row.implicitWidth + 56 * u
    height: Math.max(104 * u, row.implicitHeight + 24 * u)
    radius: height / 2
    color: player.colours.primary
    border.color: player.colours.on_primary
    border.width: Math.max(2, 3 * u)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 18 * hint.u
        Image {
            anchors.verticalCenter: parent.verticalCenter
            width: 60 * hint.u; height: width
            sourceSize: Qt.size(width, height)
            source: "image://icon/touch/" + String(player.colours.on_primary).slice(1)
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, hint.maxWidth - 134 * hint.u)  // icon, spacing, sides
            wrapMode: Text.WordWrap
            text: hint.forSlide
                  //: Hint on a slide that has a page in the services directory
                  ? qsTr("Touch to learn more")
                  //: Hint on the attract loop: the screen is interactive
                  : qsTr("Touch the screen to find a service")
            color: player.colours.on_primary
            font.pixelSize: 36 * hint.u
            font.weight: Font.Bold
        }
    }
}
