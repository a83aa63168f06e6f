// Caption band over a picture or video: dark enough behind the text for 4.5:1 contrast
// whatever the picture, with the translation on a second line. The text stays above the
// window's Pause button and "touch the screen" hint, which sit on the band's lower part
// (the button's 116 and its margin in Main.qml).
import QtQuick

Rectangle {
    id: band
    property real u: 1
    property string text: ""
    property string textAlt: ""
    visible: text !== ""
    readonly property real bottomInset: 152 * u
    height: visible ? column.implicitHeight + 56 * u + bottomInset : 0
    color: "#E6101820"

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: 28 * band.u
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
