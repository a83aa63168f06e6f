// A band of short messages scrolling right to left at a constant speed (player.tickerSpeed
// px/s). The text is drawn twice so the loop has no gap; nothing moves in render mode.
import QtQuick

Rectangle {
    id: ticker
    property real u: 1
    color: player.colours.band
    clip: true

    Rectangle {
        id: label
        z: 1
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: labelText.implicitWidth + 56 * ticker.u
        color: player.colours.accent
        Text {
            id: labelText
            anchors.centerIn: parent
            //: Label of the scrolling news band at the bottom of the screen
            text: qsTr("News")
            color: player.colours.on_accent
            font.pixelSize: 40 * ticker.u
            font.weight: Font.Bold
        }
    }

    Item {
        id: track
        anchors { left: label.right; right: parent.right; top: parent.top; bottom: parent.bottom }
        clip: true
        readonly property real gap: 120 * ticker.u

        Row {
            id: row
            anchors.verticalCenter: parent.verticalCenter
            spacing: track.gap
            // Without a GPU, the text is rasterised once and moved as a picture; on a GPU the
            // text itself is cheap to draw (and a very wide layer could exceed its limits).
            layer.enabled: GraphicsInfo.api === GraphicsInfo.Software
            Repeater {
                model: 2
                Text {
                    text: player.tickerText
                    color: player.colours.text
                    font.pixelSize: 46 * ticker.u
                    font.weight: Font.Medium
                }
            }
        }

        // The animation moves `offset`; the text sits on whole pixels, so each frame is a
        // plain copy of the (layered) text, never a resampling.
        property real offset: 0
        Binding { target: row; property: "x"; value: Math.round(track.offset) }

        NumberAnimation {
            id: scroll
            target: track
            property: "offset"
            from: 0
            to: -(row.width + track.gap) / 2
            duration: Math.max(1, (row.width + track.gap) / 2 / Math.max(player.tickerSpeed, 1) * 1000)
            loops: Animation.Infinite
            running: ticker.visible && !player.renderMode && player.tickerSpeed > 0
        }
    }
}
