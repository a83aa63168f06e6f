// Caption band over a picture or video: dark enough behind the text for 4.5:1 contrast
// whatever the picture, with the translation on a second line.
import QtQuick

Rectangle {
    id: band
    property real u: 1
    property string text: ""
    property string textAlt: ""
    visible: text !== ""
    height: visible ? column.implicitHeight + 56 * u : 0
    color: "#E6101820"

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                  leftMargin: 56 * band.u; rightMargin: 56 * band.u }
        spacing: 8 * band.u
        Text {
            width: parent.width
            text: band.text
            color: "#FFFFFF"
            font.pixelSize: 60 * band.u
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: band.textAlt !== ""
            text: band.textAlt
            color: "#E8E8E8"
            font.pixelSize: 38 * band.u
            font.weight: Font.Medium
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }
}
