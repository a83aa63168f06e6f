// Town name and logo on the left, date and clock on the right (clock text comes from Python,
// in the site's time zone, whatever the system's zone is).
import QtQuick

Rectangle {
    id: header
    property real u: 1
    color: player.colours.primary

    Image {
        id: logo
        anchors { left: parent.left; leftMargin: 40 * header.u; verticalCenter: parent.verticalCenter }
        height: parent.height * 0.72
        width: status === Image.Ready ? height * implicitWidth / Math.max(implicitHeight, 1) : 0
        sourceSize.height: height
        source: player.logo
        fillMode: Image.PreserveAspectFit
        smooth: true
        asynchronous: false
    }

    Text {
        id: town
        anchors {
            left: logo.right; leftMargin: logo.width > 0 ? 28 * header.u : 0
            right: clockBox.left; rightMargin: 24 * header.u
            verticalCenter: parent.verticalCenter
        }
        text: player.siteName
        color: player.colours.on_primary
        font.pixelSize: 54 * header.u
        font.weight: Font.Bold
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Math.max(30 * header.u, display.minTextPx)
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }

    Column {
        id: clockBox
        anchors { right: parent.right; rightMargin: 40 * header.u; verticalCenter: parent.verticalCenter }
        spacing: 0
        Text {
            anchors.right: parent.right
            text: player.clockText
            color: player.colours.on_primary
            font.pixelSize: 76 * header.u
            font.weight: Font.Bold
            font.features: { "tnum": 1 }
        }
        Text {
            anchors.right: parent.right
            text: player.dateText
            color: player.colours.on_primary
            font.pixelSize: Math.max(32 * header.u, display.minTextPx)
        }
    }
}
