// Pause and Resume for the attract loop (WCAG 2.2.2): the slide on screen stays, the ticker
// stops, and no visit starts. A pause nobody ends does not freeze the screen: after
// `timeoutMs` the visit's inactivity warning comes ("Are you still there?", `warningSeconds`
// to answer with any touch), then the loop plays again. A full-screen alert holds the
// countdown; it starts again, whole, when the alert ends.
import QtQuick

Item {
    id: control
    property real u: 1
    property int timeoutMs: 120000
    property int warningSeconds: 20
    property bool held: false               // a full-screen alert is up
    property bool paused: false
    property bool warning: false            // "Still there?" is on screen
    property int secondsLeft: 0             // ... for so many seconds more

    implicitWidth: button.width
    implicitHeight: button.height

    function pause() { warning = false; paused = true }
    function resume() { warning = false; paused = false }
    // "Still there?" answered: a whole pause again.
    function extend() { if (paused) { warning = false; if (idle.running) idle.restart() } }
    // After an alert, a whole pause again too (the warning, if it was up, has gone under it).
    onHeldChanged: if (held) warning = false

    TouchButton {
        id: button
        objectName: "pauseButton"
        u: control.u
        selected: control.paused
        icon: control.paused ? "play" : "pause"
        text: control.paused
              //: Button on the slides: they play again (shown while they are paused)
              ? qsTr("Resume")
              //: Button on the slides: stops them changing, on the one shown
              : qsTr("Pause")
        onClicked: control.paused ? control.resume() : control.pause()
    }

    Timer {
        id: idle
        interval: control.timeoutMs
        running: control.paused && !control.warning && !control.held
        onTriggered: { control.secondsLeft = control.warningSeconds; control.warning = true }
    }
    Timer {
        interval: 1000
        repeat: true
        running: control.warning && !control.held
        onTriggered: {
            control.secondsLeft -= 1
            if (control.secondsLeft <= 0) control.resume()
        }
    }
}
