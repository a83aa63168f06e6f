// "Still there?": shown after a while without a touch, for at least 20 s, before the
// screen goes back to the attract loop and forgets the visit (WCAG 2.2.1); the same, with
// `forPause`, before a paused loop plays again.
import QtQuick

Rectangle {
    id: overlay
    property real u: 1
    property bool forPause: false
    property int secondsLeft: session.secondsLeft
    signal continued()
    color: "#CC101820"

    MouseArea { anchors.fill: parent; onClicked: overlay.continued() }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 96 * overlay.u, 900 * overlay.u)
        height: column.implicitHeight + 96 * overlay.u
        radius: 32 * overlay.u
        color: player.colours.surface

        Column {
            id: column
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * overlay.u }
            spacing: 28 * overlay.u
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                //: Title of the inactivity warning
                text: qsTr("Are you still there?")
                color: player.colours.primary
                font.pixelSize: 64 * overlay.u
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "idleCountdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.forPause
                      //: Warning on the paused slides; %n is a number of seconds
                      ? qsTr("Without a touch, the slides start again in %n second(s).", "", overlay.secondsLeft)
                      //: Inactivity warning; %n is a number of seconds
                      : qsTr("Without a touch, the screen goes back to the start in %n second(s).", "", overlay.secondsLeft)
                color: player.colours.text
                font.pixelSize: 40 * overlay.u
                wrapMode: Text.WordWrap
            }
            TouchButton {
                objectName: "continueButton"
                anchors.horizontalCenter: parent.horizontalCenter
                u: overlay.u
                primary: true
                icon: overlay.forPause ? "pause" : "check"
                text: overlay.forPause
                      //: Button of the warning on the paused slides: they stay paused
                      ? qsTr("Stay paused")
                      //: Button of the inactivity warning
                      : qsTr("Continue")
                implicitHeight: 140 * overlay.u
                width: Math.min(parent.width, 600 * overlay.u)
                onClicked: overlay.continued()
            }
        }
    }
}
