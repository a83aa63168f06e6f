// One slide, loaded by type. `ready` once everything it shows is decoded; `failed` (with
// `error`) when a file is missing or broken; `finished` when a video reached its end.
import QtQuick

Item {
    id: layer
    property real u: 1
    property bool portrait: true
    property var slide: null
    property string error: ""
    readonly property bool ready: loader.status === Loader.Ready && loader.item.ready && error === ""
    readonly property bool failed: error !== ""
    signal finished()
    opacity: 0

    Rectangle { anchors.fill: parent; color: player.colours.background }

    Loader {
        id: loader
        anchors.fill: parent
        asynchronous: false
        onLoaded: {
            item.u = Qt.binding(function() { return layer.u })
            item.portrait = Qt.binding(function() { return layer.portrait })
        }
    }
    Connections {
        target: loader.item
        ignoreUnknownSignals: true
        function onFailed(reason) { layer.fail(reason) }
        function onFinished() { layer.finished() }
    }

    // `now`: decode pictures synchronously (the very first slide), else in the background.
    function load(s, now) {
        error = ""
        slide = s
        var file = {
            "announcement": "AnnouncementSlide.qml",
            "image": "ImageSlide.qml",
            "video": "VideoSlide.qml",
            "qr": "QrSlide.qml",
            "news": "NewsSlide.qml",
            "agenda": "AgendaSlide.qml",
            "fallback": "FallbackSlide.qml"
        }[s.type]
        if (file === undefined) { fail("unknown slide type " + s.type); return }
        // Size and scale are known from the start, so images decode once at the right size.
        loader.setSource(file, { "slide": s, "u": u, "portrait": portrait,
                                 "width": width, "height": height, "decodeNow": now === true })
    }
    function unload() { loader.source = ""; slide = null; error = "" }
    function fail(reason) { if (error === "") error = reason || "could not be shown" }
    function begin() { if (loader.item && loader.item.begin) loader.item.begin() }
    function pause() { if (loader.item && loader.item.pause) loader.item.pause() }
}
