// An article of the town's website (a `news` item): picture if any, a line saying where it
// comes from and when it was published, title, plain summary, QR code of the article.
//   portrait:  picture on top, text below, QR card bottom right;
//   landscape: picture on the left with the QR card over its corner, text on the right.
// Without a picture the text is larger and centred, with the QR card below it (portrait) or
// beside it (landscape). A picture that cannot be decoded is left out, not the article.
import QtQuick

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool hasImage: (slide.image || "") !== "" && photo.status !== Image.Error
    readonly property bool hasQr: (slide.qr || "") !== ""
    readonly property bool ready: (!hasImage || photo.status === Image.Ready) && (!hasQr || qrCard.ready)
    readonly property real pad: 64 * u
    // Room kept free at the bottom for the window's Pause button and "touch the screen"
    // hint (the button's 116 and its margin in Main.qml).
    readonly property real bottomInset: 152 * u
    // Above the hint, a small gap is enough.
    readonly property real bottomMargin: bottomInset > 0 ? 20 * u : pad * 0.8
    signal failed(string reason)
    signal finished()
    function begin() {}

    Image {
        id: photo
        visible: slideRoot.hasImage
        width: slideRoot.portrait ? parent.width : Math.round(parent.width * 0.40)
        height: slideRoot.hasImage ? (slideRoot.portrait ? portraitHeight : parent.height) : 0
        // A quarter of the slide, less if a long title would push the QR card off the
        // bottom (the QR card goes below the title, beside the summary).
        readonly property real portraitHeight: Math.round(Math.max(parent.height * 0.16, Math.min(
            parent.height * 0.26,
            parent.height - slideRoot.bottomInset - slideRoot.pad * 0.8 - slideRoot.bottomMargin - kicker.height
            - block.spacing - block.headHeight - qrCard.height)))
        source: slide.image || ""
        sourceSize: Qt.size(width, height)
        fillMode: Image.PreserveAspectCrop
        asynchronous: !slideRoot.decodeNow
        cache: false
        clip: true
    }

    Item {
        id: content
        x: slideRoot.portrait || !slideRoot.hasImage ? 0 : photo.width
        y: slideRoot.portrait ? photo.height : 0
        width: parent.width - x
        height: parent.height - y - slideRoot.bottomInset

        readonly property bool qrBeside: !slideRoot.portrait && !slideRoot.hasImage && slideRoot.hasQr
        readonly property bool qrBelow: slideRoot.portrait && slideRoot.hasQr
        readonly property real textWidth: width - 2 * slideRoot.pad - (qrBeside ? qrCard.width + slideRoot.pad : 0)
        readonly property real groupHeight: kicker.height + block.spacing + block.height

        // [News]  Published on Tuesday 24 November
        // Valmorin-sur-Ondine – Actualités
        Column {
            id: kicker
            x: slideRoot.pad
            y: slideRoot.hasImage ? slideRoot.pad * 0.8
               : Math.max(slideRoot.pad, (content.height - content.groupHeight
                          - (content.qrBelow ? qrCard.height + slideRoot.pad : 0)) / 2)
            width: content.textWidth
            spacing: 10 * slideRoot.u
            Row {
                spacing: 20 * slideRoot.u
                Rectangle {
                    id: pill
                    width: label.implicitWidth + 28 * slideRoot.u
                    height: label.implicitHeight + 8 * slideRoot.u
                    radius: 8 * slideRoot.u
                    color: player.colours.accent
                    Text {
                        id: label
                        anchors.centerIn: parent
                        //: Label above an article of the town's website
                        text: qsTr("News")
                        color: player.colours.on_accent
                        font.pixelSize: 34 * slideRoot.u
                        font.weight: Font.Bold
                    }
                }
                Text {
                    anchors.verticalCenter: pill.verticalCenter
                    width: Math.min(implicitWidth, kicker.width - pill.width - parent.spacing)
                    visible: (slide.published || "") !== ""
                    //: When an article was published; %1 is a date such as "Tuesday 24 November"
                    text: qsTr("Published on %1").arg(slide.published || "")
                    color: player.colours.text
                    font.pixelSize: 36 * slideRoot.u
                    font.weight: Font.Medium
                    elide: Text.ElideRight
                }
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: slide.source || ""
                color: player.colours.text_muted
                font.pixelSize: 34 * slideRoot.u
                font.weight: Font.Medium
                elide: Text.ElideRight
            }
        }

        // Title, a bar, the summary. The summary shrinks to fit (down to 36 px at 1080), and
        // if even that is too long ends with "…" on a whole line (it is a summary: the QR
        // code leads to the article); never a line cut in half.
        Column {
            id: block
            x: slideRoot.pad
            y: kicker.y + kicker.height + spacing
            width: content.textWidth
            spacing: 22 * slideRoot.u
            readonly property real titleSize: (slideRoot.hasImage ? (slideRoot.portrait ? 76 : 62)
                                                                  : (slideRoot.portrait ? 92 : 80)) * slideRoot.u
            readonly property real bodySize: (slideRoot.hasImage ? (slideRoot.portrait ? 48 : 44)
                                                                 : (slideRoot.portrait ? 56 : 50)) * slideRoot.u
            readonly property real minBodySize: 36 * slideRoot.u
            readonly property real headHeight: titleText.height + bar.height + 2 * spacing
            // With a picture, down to the bottom; without, the room the whole group would
            // have from the top (it is then centred: no dependency on where it lands).
            readonly property real bodyRoom: (slideRoot.hasImage ? content.height - y - slideRoot.bottomMargin
                                              : content.height - 2 * slideRoot.pad - kicker.height - spacing
                                                - (content.qrBelow ? qrCard.height + slideRoot.pad : 0))
                                             - headHeight
            readonly property real bodyWidth: width - (content.qrBelow && slideRoot.hasImage
                                                       ? qrCard.width + slideRoot.pad * 0.6 : 0)

            Text {
                id: titleText
                width: parent.width
                text: slide.title || ""
                color: player.colours.primary
                font.pixelSize: block.titleSize
                font.weight: Font.Bold
                lineHeight: 1.05
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
            }
            Rectangle {
                id: bar
                width: 120 * slideRoot.u
                height: 8 * slideRoot.u
                radius: height / 2
                color: player.colours.accent
            }
            // The summary at full and at the smallest size, measured only.
            Text {
                id: bodyNatural
                visible: false
                width: block.bodyWidth
                text: slide.body || ""
                font.pixelSize: block.bodySize
                lineHeight: 1.15
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
            }
            Text {
                id: bodySmallest
                visible: false
                width: block.bodyWidth
                text: slide.body || ""
                font.pixelSize: block.minBodySize
                lineHeight: 1.15
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
            }
            Text {
                id: bodyText
                // Shrinking is enough: Qt picks the largest size that fits the box.
                readonly property bool shrinks: bodySmallest.implicitHeight <= block.bodyRoom
                readonly property real smallLine: bodySmallest.implicitHeight / Math.max(1, bodySmallest.lineCount)
                readonly property int lines: Math.max(1, Math.floor(block.bodyRoom / smallLine))
                width: block.bodyWidth
                height: shrinks ? Math.min(bodyNatural.implicitHeight, block.bodyRoom) : lines * smallLine
                visible: text !== ""
                text: slide.body || ""
                color: player.colours.text
                font.pixelSize: shrinks ? block.bodySize : block.minBodySize
                minimumPixelSize: block.minBodySize
                fontSizeMode: shrinks ? Text.VerticalFit : Text.FixedSize
                lineHeight: 1.15
                wrapMode: Text.WordWrap
                maximumLineCount: shrinks ? 1000 : lines
                elide: shrinks ? Text.ElideNone : Text.ElideRight
                textFormat: Text.PlainText
            }
        }
    }

    QrCard {
        id: qrCard
        visible: slideRoot.hasQr
        u: slideRoot.u
        qr: slide.qr || ""
        url: slide.url || ""
        decodeNow: slideRoot.decodeNow
        urlLines: 5
        // Larger when there is no picture: the text leaves it the room.
        codeSize: (slideRoot.hasImage ? (slideRoot.portrait ? 240 : 260) : (slideRoot.portrait ? 340 : 320)) * slideRoot.u
        x: content.qrBeside ? content.x + content.width - width - slideRoot.pad
           : !slideRoot.portrait ? slideRoot.pad * 0.6
           : slideRoot.hasImage ? content.width - width - slideRoot.pad
           : slideRoot.pad
        y: content.qrBeside ? content.y + (content.height - height) / 2
           : !slideRoot.portrait ? slideRoot.height - height - slideRoot.pad * 0.6
           // at the bottom, but never over the title: below it if the title is long
           : slideRoot.hasImage ? Math.max(content.y + content.height - height - slideRoot.bottomMargin,
                                           content.y + block.y + block.headHeight)
           : content.y + block.y + block.height + slideRoot.pad
        onFailedChanged: if (failed) slideRoot.failed("QR code image missing")
    }
}
