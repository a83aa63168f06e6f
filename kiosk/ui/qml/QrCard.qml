// A QR code on a white card with its address in clear text beneath (never a bare code:
// people must see where it leads, and can type it), and a short instruction.
import QtQuick

Rectangle {
    id: card
    property real u: 1
    property string qr: ""
    property string url: ""
    property real codeSize: 360 * u
    property bool decodeNow: false
    // Lines the address may take before it is cut (long article addresses need more).
    property int urlLines: 3
    readonly property bool ready: code.status === Image.Ready
    readonly property bool failed: code.status === Image.Error
    width: Math.max(codeSize + 2 * pad, 0)
    height: column.implicitHeight + 2 * pad
    readonly property real pad: 28 * u
    radius: 24 * u
    color: player.colours.surface
    border.color: player.colours.band
    border.width: Math.max(2, 3 * u)

    Column {
        id: column
        anchors { top: parent.top; topMargin: card.pad; horizontalCenter: parent.horizontalCenter }
        width: card.codeSize
        spacing: 14 * card.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            //: Instruction above a QR code
            text: qsTr("Scan with your phone")
            color: player.colours.primary
            font.pixelSize: Math.max(34 * card.u, display.minTextPx)
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Image {
            id: code
            width: card.codeSize
            height: card.codeSize
            sourceSize: Qt.size(card.codeSize, card.codeSize)
            source: card.qr
            smooth: false
            asynchronous: !card.decodeNow
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: card.url
            color: player.colours.text
            font.pixelSize: Math.max(28 * card.u, display.minTextPx)
            wrapMode: Text.WrapAnywhere
            maximumLineCount: card.urlLines
            elide: Text.ElideRight
        }
    }
}
