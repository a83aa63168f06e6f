// An announcement: optional picture, title (+ translation), body, optional QR of its link.
//   portrait:  picture on top, text below, QR card bottom right;
//   landscape: picture on the left with the QR card over its corner, text on the right.
import QtQuick

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool hasImage: (slide.image || "") !== ""
    readonly property bool hasQr: (slide.qr || "") !== ""
    readonly property bool ready: (!hasImage || photo.status === Image.Ready) && (!hasQr || qrCard.ready)
    readonly property real pad: 64 * u
    // Room kept free at the bottom for the window's Pause button and "touch the screen"
    // hint (the button's 116 and its margin in Main.qml).
    readonly property real bottomInset: 152 * u
    signal failed(string reason)
    signal finished()
    function begin() {}

    Image {
        id: photo
        visible: slideRoot.hasImage
        width: slideRoot.portrait ? parent.width : Math.round(parent.width * 0.46)
        height: slideRoot.hasImage ? (slideRoot.portrait ? Math.round(parent.height * 0.38) : parent.height) : 0
        source: slide.image || ""
        // Decoded at exactly the size shown (crop: scaled to fill it), so drawing a frame is a
        // plain copy, not a rescale: this is what keeps crossfades cheap without a GPU.
        sourceSize: Qt.size(width, height)
        fillMode: Image.PreserveAspectCrop
        asynchronous: !slideRoot.decodeNow
        // Not kept in Qt's image cache once the slide is gone: a full-screen picture is
        // ~8 MB decoded, and decoding it again next cycle costs far less than holding it.
        cache: false
        clip: true
        onStatusChanged: if (status === Image.Error) slideRoot.failed("picture " + slide.media_name + " could not be decoded")
    }

    Item {
        id: content
        x: slideRoot.portrait || !slideRoot.hasImage ? 0 : photo.width
        y: slideRoot.portrait ? photo.height : 0
        width: parent.width - x
        // Its bottom margins (pad * 0.8 and more) are above the controls: half a pad is enough.
        height: parent.height - y - slideRoot.bottomInset + slideRoot.pad * 0.5

        readonly property bool qrBeside: !slideRoot.portrait && !slideRoot.hasImage && slideRoot.hasQr
        readonly property bool qrBelow: slideRoot.portrait && slideRoot.hasQr

        TitleBlock {
            id: block
            u: slideRoot.u
            x: slideRoot.pad
            // Text-only announcements are larger and centred vertically.
            y: slideRoot.hasImage ? slideRoot.pad * 0.9
               : Math.max(slideRoot.pad, (content.height - height
                          - (content.qrBelow ? qrCard.height + slideRoot.pad : 0)) / 2)
            width: content.width - 2 * slideRoot.pad - (content.qrBeside ? qrCard.width + slideRoot.pad : 0)
            title: slide.title || ""
            titleAlt: slide.title_alt || ""
            altLang: slide.alt_lang || ""
            body: slide.body || ""
            titleSize: slideRoot.hasImage ? (slideRoot.portrait ? 84 : 76) : (slideRoot.portrait ? 104 : 88)
            bodySize: slideRoot.hasImage ? (slideRoot.portrait ? 50 : 46) : (slideRoot.portrait ? 60 : 52)
            // With a picture, the body runs down to the bottom margin and, in portrait, leaves
            // room on its right for the QR card; without, the QR card goes below the text.
            availableHeight: slideRoot.hasImage ? content.height - y - slideRoot.pad * 0.8
                             : content.height - 2 * slideRoot.pad - (content.qrBelow ? qrCard.height + slideRoot.pad : 0)
            bodyRightInset: content.qrBelow && slideRoot.hasImage ? qrCard.width + slideRoot.pad * 0.6 : 0
        }
    }

    QrCard {
        id: qrCard
        visible: slideRoot.hasQr
        u: slideRoot.u
        qr: slide.qr || ""
        url: slide.url || ""
        decodeNow: slideRoot.decodeNow
        codeSize: (slideRoot.portrait ? 260 : 270) * slideRoot.u
        x: content.qrBeside ? content.x + content.width - width - slideRoot.pad
           : !slideRoot.portrait ? slideRoot.pad * 0.6
           : slideRoot.hasImage ? content.width - width - slideRoot.pad
           : slideRoot.pad
        y: content.qrBeside ? content.y + (content.height - height) / 2
           : !slideRoot.portrait ? slideRoot.height - height - slideRoot.pad * 0.6
           // beside the body, above the controls; never over the title (a long one may push
           // it a little over the controls)
           : slideRoot.hasImage ? Math.max(content.y + block.y + block.headHeight,
                                           slideRoot.height - height - slideRoot.bottomInset - 20 * slideRoot.u)
           : content.y + block.y + block.height + slideRoot.pad
        onFailedChanged: if (failed) slideRoot.failed("QR code image missing")
    }
}
