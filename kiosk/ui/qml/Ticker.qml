// A band of short messages scrolling right to left at a constant speed (player.tickerSpeed
// px/s). The text is drawn twice so the loop has no gap; nothing moves in render mode.
// With reduced motion (kiosk.toml), nothing moves at all: the messages stand still, one
// page at a time (a message too long for the band is cut at a word into several pages),
// each replaced by the next, without a transition, after the time it takes to read it.
// `paused` (the loop's Pause control) stops both.
import QtQuick

Rectangle {
    id: ticker
    property real u: 1
    property bool paused: false
    readonly property bool still: display.reducedMotion
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
            visible: !ticker.still
            anchors.verticalCenter: parent.verticalCenter
            spacing: track.gap
            // Without a GPU, the text is rasterised once and moved as a picture; on a GPU the
            // text itself is cheap to draw (and a very wide layer could exceed its limits).
            layer.enabled: visible && GraphicsInfo.api === GraphicsInfo.Software
            Repeater {
                model: ticker.still ? 0 : 2
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
            running: ticker.visible && !ticker.still && !player.renderMode && player.tickerSpeed > 0
            paused: running && ticker.paused
        }

        // -- the still ticker ---------------------------------------------------------------

        readonly property real pageWidth: width - 72 * ticker.u
        readonly property var pages: ticker.still ? paginate(player.tickerItems, pageWidth, metrics.font) : []
        property int page: 0
        onPagesChanged: { page = 0; if (turn.running) turn.restart() }

        FontMetrics { id: metrics; font: pageText.font }

        // Each message on one line, or cut between words into as few lines fitting `width` as
        // can be, of even lengths (no last page of two words).
        function paginate(messages, width, font) {
            var out = []
            for (var i = 0; i < messages.length; i++) {
                // Only plain spaces: a no-break space (French "8 h 30", "lundi :") binds.
                var words = messages[i].split(/[ \t\n]+/).filter(function(w) { return w !== "" })
                var lines = fill(words, width)
                if (lines.length > 1) {
                    var target = metrics.advanceWidth(words.join(" ")) / lines.length
                    for (; target < width; target += width * 0.03) {
                        var even = fill(words, target)
                        if (even.length <= lines.length) { lines = even; break }
                    }
                }
                out = out.concat(lines)
            }
            return out
        }
        function fill(words, width) {
            var lines = [], line = ""
            for (var j = 0; j < words.length; j++) {
                var longer = line === "" ? words[j] : line + " " + words[j]
                if (line !== "" && metrics.advanceWidth(longer) > width) {
                    lines.push(line)
                    line = words[j]
                } else {
                    line = longer
                }
            }
            if (line !== "") lines.push(line)
            return lines
        }

        Text {
            id: pageText
            objectName: "tickerPage"
            visible: ticker.still
            anchors { left: parent.left; right: parent.right; leftMargin: 36 * ticker.u
                      rightMargin: 36 * ticker.u; verticalCenter: parent.verticalCenter }
            text: track.pages.length > 0 ? track.pages[Math.min(track.page, track.pages.length - 1)] : ""
            color: player.colours.text
            font.pixelSize: 46 * ticker.u
            font.weight: Font.Medium
            elide: Text.ElideRight   // only a single word wider than the band
        }

        Timer {
            id: turn
            objectName: "tickerTurn"
            interval: player.readingMs(pageText.text)
            running: ticker.visible && ticker.still && !ticker.paused && !player.renderMode
                     && track.pages.length > 1
            repeat: true
            onTriggered: track.page = (track.page + 1) % track.pages.length
        }
    }
}
