// Title, its translation (marked with its language), and body text of a slide.
// Text shrinks to fit (down to a size still legible from 3 m) rather than being clipped.
import QtQuick

Column {
    id: block
    property real u: 1
    property string title: ""
    property string titleAlt: ""
    property string altLang: ""
    property string body: ""
    property real titleSize: 84
    property real bodySize: 50
    // Height the whole block may take; the body gets what the title lines leave.
    property real availableHeight: 800 * u
    // Room kept free on the right of the body (for a QR card beside it).
    property real bodyRightInset: 0
    readonly property real headHeight: titleText.height + spacing
        + (altRow.visible ? altRow.height + spacing : 0)
        + (bar.visible ? bar.height + spacing : 0)
    spacing: 22 * u

    Text {
        id: titleText
        width: parent.width
        text: block.title
        color: player.colours.primary
        font.pixelSize: block.titleSize * block.u
        font.weight: Font.Bold
        lineHeight: 1.05
        wrapMode: Text.WordWrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }

    Row {
        id: altRow
        width: parent.width
        spacing: 16 * block.u
        visible: block.titleAlt !== ""
        Rectangle {
            id: badge
            anchors.verticalCenter: parent.verticalCenter
            width: badgeText.implicitWidth + 20 * block.u
            height: badgeText.implicitHeight + 6 * block.u
            radius: 8 * block.u
            color: "transparent"
            border.color: player.colours.text_muted
            border.width: Math.max(2, 3 * block.u)
            Text {
                id: badgeText
                anchors.centerIn: parent
                text: block.altLang.toUpperCase()
                color: player.colours.text_muted
                font.pixelSize: 26 * block.u
                font.weight: Font.Bold
            }
        }
        Text {
            width: parent.width - badge.width - parent.spacing
            text: block.titleAlt
            color: player.colours.text_muted
            font.pixelSize: block.titleSize * 0.56 * block.u
            font.weight: Font.Medium
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    Rectangle {
        id: bar
        width: 120 * block.u
        height: 8 * block.u
        radius: height / 2
        color: player.colours.accent
        visible: block.body !== ""
    }

    // Height of the body at its full size, to size the block to its content.
    Text {
        id: bodyNatural
        visible: false
        width: parent.width - block.bodyRightInset
        text: block.body
        font.pixelSize: block.bodySize * block.u
        lineHeight: 1.15
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
    }

    // Shrinks to fit its box (no elide: with elide, Qt would cut the text instead of
    // shrinking it); clipped only if even the minimum size cannot hold it.
    Text {
        width: parent.width - block.bodyRightInset
        height: Math.max(60 * block.u, Math.min(bodyNatural.implicitHeight,
                                                block.availableHeight - block.headHeight))
        visible: block.body !== ""
        text: block.body
        color: player.colours.text
        font.pixelSize: block.bodySize * block.u
        minimumPixelSize: 36 * block.u
        fontSizeMode: Text.VerticalFit
        lineHeight: 1.15
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
        clip: true
    }
}
