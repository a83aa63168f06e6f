// The player's window: header (town, date, clock), the slide stage, the ticker.
// Layout unit `u` = 1 px on a 1080-px short side, so the same proportions hold for
// 1080x1920 totems and 1920x1080 hall screens at any resolution.
import QtQuick

Window {
    id: root
    color: player.colours.background
    // The screen's size from the start, so the first slide is laid out (and its picture
    // decoded) once, at the right size; previews and windowed runs resize afterwards.
    width: Screen.width
    height: Screen.height
    title: player.siteName

    readonly property bool portrait: height > width
    readonly property real u: Math.min(width, height) / 1080
    property alias stage: stage
    // Only with --windowed: a public kiosk has no way out by keyboard.
    property bool allowQuit: false

    Shortcut {
        sequences: ["Esc", "Ctrl+Q"]
        enabled: root.allowQuit
        onActivated: Qt.quit()
    }
    // Nor does a window manager's close (Alt+F4, a close button) end a public kiosk; the
    // player sets `closable` when it quits (SIGTERM) or tears the window down.
    property bool closable: false
    onClosing: function(close) {
        if (!root.allowQuit && !root.closable) {
            console.info("a request to close the window was refused (kiosk mode)")
            close.accepted = false
        }
    }

    Header {
        id: header
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: (root.portrait ? 180 : 140) * root.u
        u: root.u
    }

    // Moderate and Minor official alerts: bands under the header, above the loop and the
    // directory alike (two at most; the most severe first).
    Column {
        id: banners
        objectName: "alertBanners"
        anchors { top: header.bottom; left: parent.left; right: parent.right }
        Repeater {
            model: alerts.banners.slice(0, 2)
            delegate: AlertBanner {
                objectName: "alertBanner"
                width: banners.width
                u: root.u
                alert: modelData
            }
        }
    }

    SlideStage {
        id: stage
        objectName: "stage"
        // A visit stops the loop (WCAG 2.2.2); it resumes, on the next slide, when it ends.
        // A full-screen alert stops it too: nobody sees those slides. And the Pause button.
        // While the screen is switched off (power schedule) nothing plays under the cover.
        paused: session.active || alerts.fullScreen || pauseControl.paused || power.off
        anchors {
            top: banners.bottom; left: parent.left; right: parent.right
            bottom: ticker.visible ? ticker.top : parent.bottom
        }
        u: root.u
        portrait: root.portrait
    }

    Ticker {
        id: ticker
        anchors { bottom: parent.bottom; left: parent.left; right: parent.right }
        height: (root.portrait ? 104 : 88) * root.u
        u: root.u
        visible: player.tickerText !== "" && !session.active
        paused: pauseControl.paused || power.off
    }

    // Created only for feeds with a directory, and the warning only when due: start-up
    // pays for neither.
    Loader {
        id: hintLoader
        anchors { right: parent.right; bottom: ticker.visible ? ticker.top : parent.bottom
                  margins: 36 * root.u }
        active: directory.available && !session.active
        sourceComponent: TouchHint {
            objectName: "touchHint"
            u: root.u
            forSlide: stage.currentServiceId !== ""
            // Beside the Pause button (its text wraps on a narrow screen).
            maxWidth: root.width - pauseControl.width - 96 * root.u
        }
    }

    // The services directory, created when a visit starts (nothing to pay at start-up).
    Loader {
        id: directoryLoader
        objectName: "directoryLoader"
        anchors { top: banners.bottom; left: parent.left; right: parent.right; bottom: parent.bottom }
        active: session.active
        source: "Directory.qml"
        onLoaded: {
            item.u = Qt.binding(function() { return root.u })
            item.portrait = Qt.binding(function() { return root.portrait })
        }
    }

    Loader {
        anchors.fill: parent
        active: session.warning
        sourceComponent: IdleWarning {
            objectName: "idleWarning"
            u: root.u
            onContinued: session.extend()
        }
    }

    // Sees every press first (but the Pause button's, above it). During the loop, a press
    // starts a visit (on the service of the slide, if it has one) and goes no further; during
    // a visit it only restarts the idle countdown and passes on to the control underneath.
    MouseArea {
        objectName: "touchCatcher"
        anchors.fill: parent
        z: 1000
        onPressed: function(mouse) {
            if (!session.active && directory.available) {
                session.start(stage.currentServiceId)
                mouse.accepted = true
            } else {
                session.touched()
                mouse.accepted = false
            }
        }
    }

    // Pause and Resume of the loop, low on the screen: just left of the touch hint, which
    // is the bottom-left corner on a portrait screen (where the hint takes the rest of the
    // row); away from the bottom-left of landscape slides, where their QR code and its
    // address are. Above the touch catcher: pausing is not a visit (a visit ends the pause).
    PauseControl {
        id: pauseControl
        objectName: "pauseControl"
        z: 1001
        x: Math.max(36 * root.u, root.width - 36 * root.u - width
                    - (hintLoader.item ? hintLoader.item.width + 24 * root.u : 0))
        // Where the bottom of the screen is below the reach band (a totem), as low as it
        // can be with a finger's worth of it (28 mm on the totem) inside the band.
        readonly property real lowest: root.height - (ticker.visible ? ticker.height : 0) - 36 * root.u
        readonly property real reachBottom: reach.active
            ? root.height * reach[root.portrait ? "portrait" : "landscape"][1] - 44 * root.u
            : root.height
        y: Math.min(lowest - height, reachBottom)
        u: root.u
        visible: !session.active
        held: alerts.fullScreen
        Connections {
            target: session
            function onActiveChanged() { if (session.active) pauseControl.resume() }
        }
    }

    // A pause left alone: "Still there?" before the loop plays again (any touch answers it
    // and keeps the pause; none starts a visit).
    Loader {
        anchors.fill: parent
        z: 1500
        active: pauseControl.warning && !session.active
        sourceComponent: IdleWarning {
            objectName: "pauseWarning"
            u: root.u
            forPause: true
            secondsLeft: pauseControl.secondsLeft
            onContinued: pauseControl.extend()
        }
    }

    // The hidden maintenance gesture (only with `maintenance_pin`): 5 taps within 3 s in
    // the top-right corner, over the header's clock. Each tap still reaches what is
    // underneath, but the one completing the gesture, which opens the PIN pad. Above the
    // power cover too: a technician may come while the screen is switched off.
    MouseArea {
        objectName: "maintenanceCorner"
        anchors { top: parent.top; right: parent.right }
        width: 160 * root.u
        height: width
        z: 3100
        enabled: maintenance.enabled && maintenance.page === ""
        visible: enabled
        onPressed: function(mouse) { mouse.accepted = maintenance.cornerTapped() }
    }

    Loader {
        objectName: "maintenanceLoader"
        anchors.fill: parent
        z: 3200
        active: maintenance.page !== ""
        sourceComponent: MaintenancePage {
            objectName: "maintenancePage"
            u: root.u
        }
    }

    // Extreme and Severe official alerts: above everything, the loop and a visit included
    // (the visit is kept underneath and is back when the alert ends).
    Loader {
        objectName: "alertLoader"
        anchors.fill: parent
        z: 2000
        active: alerts.fullScreen
        sourceComponent: AlertOverlay {
            objectName: "alertOverlay"
            u: root.u
            portrait: root.portrait
            alert: alerts.full
            more: alerts.moreFull
        }
    }

    // The screen switched off by its power schedule (night switch-off, opening hours): black
    // over everything, also when the panel itself is off (one that ignores the command shows
    // nothing either). Presses stop here: a dark screen starts no visit. An alert in force
    // switches it on, so the alert above is never under it.
    Rectangle {
        objectName: "powerCover"
        anchors.fill: parent
        z: 3000
        color: "black"
        visible: power.off
        MouseArea { anchors.fill: parent; enabled: power.off }
    }
}
