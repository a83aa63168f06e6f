// A slide whose point is a link: title (+ translation), a short text, a large QR code with
// its address in clear.
import QtQuick

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool ready: qrCard.ready
    readonly property real pad: 72 * u
    signal failed(string reason)
    signal finished()
    function begin() {}

    TitleBlock {
        id: block
        u: slideRoot.u
        x: slideRoot.pad
        y: slideRoot.pad
        width: slideRoot.portrait ? parent.width - 2 * slideRoot.pad
                                  : parent.width - qrCard.width - 3 * slideRoot.pad
        title: slide.title || ""
        titleAlt: slide.title_alt || ""
        altLang: slide.alt_lang || ""
        body: slide.body || ""
        titleSize: 80
        bodySize: 52
        availableHeight: slideRoot.portrait ? slideRoot.height - y - qrCard.height - 2 * slideRoot.pad
                                            : slideRoot.height - y - slideRoot.pad
    }

    QrCard {
        id: qrCard
        u: slideRoot.u
        qr: slide.qr || ""
        url: slide.url || ""
        decodeNow: slideRoot.decodeNow
        codeSize: (slideRoot.portrait ? 500 : 500) * slideRoot.u
        x: slideRoot.portrait ? (parent.width - width) / 2 : parent.width - width - slideRoot.pad
        // Portrait: centred in the space the text leaves below it.
        y: slideRoot.portrait ? block.y + block.height
                                + Math.max(slideRoot.pad * 0.6, (parent.height - block.y - block.height - height) / 2)
                              : (parent.height - height) / 2
        onFailedChanged: if (failed) slideRoot.failed("QR code image missing")
    }
}
