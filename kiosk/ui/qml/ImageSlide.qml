// A picture on its own (a poster, a photo), with an optional caption band.
// fit "contain" (default) never crops a poster; "cover" fills the screen.
import QtQuick

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool ready: picture.status === Image.Ready
    signal failed(string reason)
    signal finished()
    function begin() {}

    Image {
        // The same picture, blurred-looking (tiny and scaled up), fills the bars of "contain".
        // Drawn once into a layer: the upscaling is not redone at every frame of a fade.
        anchors.fill: parent
        visible: slide.fit !== "cover" && picture.status === Image.Ready
        source: slide.fit !== "cover" ? (slide.image || "") : ""
        sourceSize: Qt.size(32, 32)
        fillMode: Image.PreserveAspectCrop
        asynchronous: !slideRoot.decodeNow
        opacity: 0.35
        layer.enabled: visible
    }

    Image {
        id: picture
        anchors.fill: parent
        source: slide.image || ""
        // Decoded at the size shown (see AnnouncementSlide): no rescaling at each frame.
        sourceSize: Qt.size(width, height)
        fillMode: slide.fit === "cover" ? Image.PreserveAspectCrop : Image.PreserveAspectFit
        asynchronous: !slideRoot.decodeNow
        // Not kept in Qt's image cache once the slide is gone: a full-screen picture is
        // ~8 MB decoded, and decoding it again next cycle costs far less than holding it.
        cache: false
        clip: true
        onStatusChanged: if (status === Image.Error) slideRoot.failed("picture " + slide.media_name + " could not be decoded")
    }

    Caption {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        u: slideRoot.u
        text: slide.caption || ""
        textAlt: slide.caption_alt || ""
    }
}
