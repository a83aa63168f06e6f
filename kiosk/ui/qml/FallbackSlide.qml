// Shown when nothing in the feed is valid right now (or before the first sync): the town's
// logo and name, a large clock and the date. Never a black screen.
import QtQuick

Rectangle {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool ready: true
    signal failed(string reason)
    signal finished()
    function begin() {}
    color: player.colours.background

    Column {
        anchors.centerIn: parent
        width: parent.width - 160 * slideRoot.u
        spacing: 40 * slideRoot.u

        Image {
            anchors.horizontalCenter: parent.horizontalCenter
            height: (slideRoot.portrait ? 360 : 260) * slideRoot.u
            width: height * 200 / 240
            sourceSize.height: height
            fillMode: Image.PreserveAspectFit
            source: player.logo
            visible: player.logo !== ""
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            //: Shown on the fallback slide when the town's name is not known yet
            text: player.siteName !== "" ? player.siteName : qsTr("Welcome")
            color: player.colours.primary
            font.pixelSize: 96 * slideRoot.u
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: (slide.body || "") !== ""
            text: slide.body || ""
            color: player.colours.text_muted
            font.pixelSize: 48 * slideRoot.u
            wrapMode: Text.WordWrap
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: player.clockText
            color: player.colours.text
            font.pixelSize: 220 * slideRoot.u
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: player.dateText
            color: player.colours.text
            font.pixelSize: 56 * slideRoot.u
        }
    }
}
