// A video, muted, played once. `ready` when its first frame is decoded (it is loaded while
// hidden, playing paused on that frame), so it fades in showing a picture, never black.
import QtQuick
import QtMultimedia
import Kiosk

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    property bool ready: false
    property bool started: false
    signal failed(string reason)
    signal finished()

    function begin() {
        started = true
        media.play()
    }
    function pause() { media.pause() }

    // Behind a letterboxed video: the theme's dark colour rather than plain black.
    Rectangle { anchors.fill: parent; color: player.colours.primary; visible: slideRoot.ready }

    // VideoOutput needs a GPU scene graph; the software renderer paints frames itself.
    readonly property bool software: GraphicsInfo.api === GraphicsInfo.Software

    VideoOutput {
        id: output
        anchors.fill: parent
        visible: !slideRoot.software
        fillMode: slide.fit === "cover" ? VideoOutput.PreserveAspectCrop : VideoOutput.PreserveAspectFit
    }

    SoftwareVideo {
        id: softOutput
        anchors.fill: parent
        visible: slideRoot.software
        crop: slide.fit === "cover"
    }

    MediaPlayer {
        id: media
        source: slide.video || ""
        videoOutput: slideRoot.software ? softOutput.videoSink : output
        loops: 1
        audioOutput: null
        onErrorOccurred: function(error, errorString) { slideRoot.failed("video " + slide.media_name + ": " + errorString) }
        onMediaStatusChanged: {
            if (mediaStatus === MediaPlayer.InvalidMedia) slideRoot.failed("video " + slide.media_name + " cannot be played")
            else if (mediaStatus === MediaPlayer.EndOfMedia && slideRoot.started) slideRoot.finished()
        }
        onPositionChanged: function(position) {
            // The first frame is there: hold it until the fade starts.
            if (!slideRoot.ready && position > 0 && (!slideRoot.software || softOutput.frameCount > 0)) {
                if (!slideRoot.started) pause()
                slideRoot.ready = true
            }
        }
    }

    Caption {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        u: slideRoot.u
        text: slide.caption || ""
        textAlt: slide.caption_alt || ""
    }

    Component.onCompleted: media.play()
}
