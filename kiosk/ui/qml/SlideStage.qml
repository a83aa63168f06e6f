// Two layers and a crossfade: the next slide is loaded, hidden, behind the one on screen;
// only when it is completely ready (image decoded, first video frame) does it fade in over
// the current one, which stays fully opaque underneath: no black or empty frame, ever.
// A slide that fails to load is reported and skipped while the current one stays.
// With reduced motion (kiosk.toml), the next slide replaces the current one at once: a cut.
// Whatever the feed asks, slides change at most every player.minSlideMs, so that a loop of
// dark and light slides cannot flash (WCAG 2.3.1).
// What to show next and for how long is decided in Python (player.nextSlide()).
import QtQuick

Item {
    id: stage
    property real u: 1
    property bool portrait: true
    property SlideLayer front: layerA
    property SlideLayer back: layerB
    property bool waiting: false      // the hold time is over; show back as soon as it is ready
    property bool started: false
    property bool paused: false
    property double shownAt: 0         // when the slide on screen was fully shown (ms)
    readonly property string currentServiceId: front.slide && front.slide.service ? front.slide.service : ""
    readonly property bool ready: front.ready && front.opacity === 1 && !fading
    readonly property string currentId: front.slide ? front.slide.id : ""
    readonly property string frontError: front.error

    // Without a GPU, the slide fading in is flattened into one picture while it fades, so a
    // frame of the fade blends one copy instead of redrawing every picture, band and glyph
    // with opacity (half the CPU of the fade). The slide underneath stays opaque and is drawn
    // as it is: flattening it too would hold one more full-screen picture for nothing.
    SlideLayer { id: layerA; anchors.fill: parent; u: stage.u; portrait: stage.portrait
                 layer.enabled: stage.software && stage.fading && stage.back === layerA }
    SlideLayer { id: layerB; anchors.fill: parent; u: stage.u; portrait: stage.portrait
                 layer.enabled: stage.software && stage.fading && stage.back === layerB }

    Connections {
        target: stage.back
        function onReadyChanged() { if (stage.back.ready && stage.waiting && !stage.paused) stage.crossfade() }
        // Later, not inside the change notification: backFailed() loads another slide.
        function onFailedChanged() { if (stage.back.failed) Qt.callLater(stage.backFailed) }
    }
    Connections {
        target: stage.front
        function onFinished() { stage.advance() }      // a video played to its end
    }
    Connections {
        target: player
        // The schedule or the snapshot changed: drop a slide that is no longer valid.
        function onRotationChanged() {
            if (player.renderMode || !stage.started) return
            if (stage.back.slide && !player.isActive(stage.back.slide.id)) stage.prepare()
            if (stage.front.slide && !player.isActive(stage.front.slide.id)) stage.advance()
        }
        function onSiteChanged() { if (!player.renderMode && !stage.started) stage.start() }
    }

    Timer { id: hold; onTriggered: stage.advance() }
    Timer {
        // A slide that neither loads nor fails (a stalled video) is skipped after this long.
        id: loadGuard
        interval: 15000
        onTriggered: if (!stage.back.ready) stage.back.fail("took longer than 15 s to load")
    }

    readonly property bool software: GraphicsInfo.api === GraphicsInfo.Software
    readonly property bool fading: fade.running
    NumberAnimation {
        id: fade
        target: stage.back
        property: "opacity"
        from: 0; to: 1
        duration: player.transitionMs
        easing.type: Easing.InOutQuad
        onFinished: stage.swap()
    }

    Component.onCompleted: if (!player.renderMode) Qt.callLater(start)

    function start() {
        started = true
        waiting = true
        prepare()
    }

    // Load the next slide into the hidden layer.
    function prepare() {
        loadGuard.restart()
        back.opacity = 0
        back.load(player.nextSlide(), !front.slide)
        if (back.ready && waiting && !paused) crossfade()
    }

    onPausedChanged: {
        if (paused) { hold.stop(); front.pause() }
        else if (started) advance()
    }

    // The current slide's time is up.
    function advance() {
        if (paused) return
        var tooSoon = shownAt + player.minSlideMs - Date.now()
        if (front.slide && tooSoon > 0) {    // a short video, a failure, a schedule change
            hold.interval = tooSoon
            hold.restart()
            return
        }
        hold.stop()
        waiting = true
        if (back.ready) crossfade()
        else if (!back.slide) prepare()
    }

    function backFailed() {
        if (!back.failed) return
        player.slideFailed(back.slide.id, back.error)
        prepare()
    }

    function crossfade() {
        waiting = false
        loadGuard.stop()
        if (front.slide && back.slide.id === front.slide.id && back.slide.type !== "video") {
            // The same slide again (a lone item, or the fallback): nothing to fade.
            back.unload()
            restartHold()
            Qt.callLater(prepare)
            return
        }
        back.z = 1
        front.z = 0
        back.begin()
        if (!front.slide || player.transitionMs === 0 || display.reducedMotion) {
            back.opacity = 1
            swap()
        } else {
            fade.restart()
        }
    }

    function swap() {
        var old = front
        front = back
        back = old
        back.unload()
        back.opacity = 0
        shownAt = Date.now()
        player.markShown(front.slide.id)
        restartHold()
        prepare()
    }

    function restartHold() {
        if (front.slide.duration > 0) {
            hold.interval = Math.max(front.slide.duration, player.minSlideMs)
            hold.restart()
        }
    }

    // Render mode: show one slide at once, no timers, no transitions.
    function showNow(slide) {
        front.unload()
        front.load(slide)
        front.opacity = 1
        front.z = 1
        back.opacity = 0
        front.begin()
    }
}
