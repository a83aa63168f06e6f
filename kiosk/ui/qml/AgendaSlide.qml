// Coming events of the town's agenda (an `agenda` item): today's, or the coming days',
// up to four per slide. Each event is a card: on its left a tile with the day (or, today,
// the time it starts), then its title, its hours (or "all day") and where it takes place.
//   portrait:  the cards one under the other;
//   landscape: two columns of two.
// Dates and hours come from Python already written in the screen's language.
import QtQuick

Item {
    id: slideRoot
    property var slide: ({})
    property real u: 1
    property bool portrait: true
    property bool decodeNow: false
    readonly property bool ready: true
    readonly property real pad: 64 * u
    // Room kept free at the bottom for the "touch the screen" hint of the window (its
    // height and margin in Main.qml).
    readonly property real bottomInset: directory.available ? 140 * u : 0
    readonly property bool today: slide.when === "today"
    readonly property var events: slide.events || []
    signal failed(string reason)
    signal finished()
    function begin() {}

    // The title, then "Today" (and the date) or "This week": on one line when they fit
    // (landscape), else one under the other.
    Flow {
        id: head
        x: slideRoot.pad
        y: slideRoot.pad * 0.8
        width: parent.width - 2 * slideRoot.pad
        spacing: 36 * slideRoot.u

        Text {
            id: titleText
            width: Math.min(implicitWidth, head.width)
            //: Title of an agenda slide when the feed gives none
            text: slide.title ? slide.title : qsTr("What's on")
            color: player.colours.primary
            font.pixelSize: (slideRoot.portrait ? 84 : 72) * slideRoot.u
            font.weight: Font.Bold
            lineHeight: 1.05
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }

        Row {
            id: whenRow
            readonly property real rowHeight: whenText.implicitHeight + 10 * slideRoot.u
            // Beside the title: centred on its line.
            topPadding: y < 1 ? Math.max(0, (titleText.height - rowHeight) / 2) : 0
            spacing: 22 * slideRoot.u
            Rectangle {
                width: whenText.implicitWidth + 32 * slideRoot.u
                height: whenRow.rowHeight
                radius: 10 * slideRoot.u
                color: slideRoot.today ? player.colours.accent : player.colours.primary
                Text {
                    id: whenText
                    anchors.centerIn: parent
                    text: slideRoot.today
                          //: Heading of the agenda slide listing today's events
                          ? qsTr("Today")
                          : (slide.days || 7) <= 7
                            //: Heading of the agenda slides listing the next days' events
                            ? qsTr("This week")
                            //: Heading of the agenda slides when they look further than a week ahead
                            : qsTr("Coming up")
                    color: slideRoot.today ? player.colours.on_accent : player.colours.on_primary
                    font.pixelSize: 44 * slideRoot.u
                    font.weight: Font.Bold
                }
            }
            Text {
                visible: slideRoot.today
                height: whenRow.rowHeight
                verticalAlignment: Text.AlignVCenter
                text: slide.day || ""
                color: player.colours.text
                font.pixelSize: 44 * slideRoot.u
                font.weight: Font.Medium
            }
            Text {
                visible: (slide.pages || 1) > 1
                height: whenRow.rowHeight
                verticalAlignment: Text.AlignVCenter
                text: (slide.page || 1) + "/" + (slide.pages || 1)
                color: player.colours.text_muted
                font.pixelSize: 40 * slideRoot.u
                font.weight: Font.Medium
            }
        }
    }

    Grid {
        id: cards
        readonly property int perSlide: 4
        readonly property int rowCount: slideRoot.portrait ? perSlide : perSlide / 2
        readonly property real areaTop: head.y + head.height + 36 * slideRoot.u
        readonly property real room: parent.height - areaTop
                                     - (slideRoot.bottomInset > 0 ? slideRoot.bottomInset + 24 * slideRoot.u : slideRoot.pad * 0.8)
        x: slideRoot.pad
        y: areaTop
        width: parent.width - 2 * slideRoot.pad
        height: room
        columns: slideRoot.portrait ? 1 : 2
        flow: Grid.LeftToRight
        rows: rowCount
        spacing: 28 * slideRoot.u
        readonly property real cellWidth: (width - (columns - 1) * spacing) / columns
        readonly property real cellHeight: Math.min((room - (rowCount - 1) * spacing) / rowCount,
                                                    (slideRoot.portrait ? 330 : 300) * slideRoot.u)

        Repeater {
            model: slideRoot.events
            delegate: Rectangle {
                id: card
                required property var modelData
                readonly property var event: modelData
                width: cards.cellWidth
                height: cards.cellHeight
                radius: 22 * slideRoot.u
                color: player.colours.surface
                border.color: player.colours.band
                border.width: Math.max(2, 3 * slideRoot.u)
                clip: true

                // The day of the event (coming days), or the hour it starts (today).
                Rectangle {
                    id: tile
                    anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
                    width: (slideRoot.portrait ? 230 : 210) * slideRoot.u
                    radius: card.radius
                    color: slideRoot.today ? player.colours.accent : player.colours.primary
                    // Square corners on the side that meets the text.
                    Rectangle {
                        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
                        width: card.radius
                        color: parent.color
                    }
                    Column {
                        anchors.centerIn: parent
                        width: parent.width - 24 * slideRoot.u
                        spacing: 2 * slideRoot.u
                        Text {
                            width: parent.width
                            visible: !slideRoot.today
                            horizontalAlignment: Text.AlignHCenter
                            text: card.event.weekday
                            color: player.colours.on_primary
                            font.pixelSize: 32 * slideRoot.u
                            font.weight: Font.Bold
                            font.capitalization: Font.AllUppercase
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 20 * slideRoot.u
                        }
                        Text {
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter
                            text: slideRoot.today
                                  ? (card.event.all_day
                                     //: In the hour tile of an event of today that lasts all day
                                     ? qsTr("All day") : card.event.start)
                                  : card.event.date
                            color: slideRoot.today ? player.colours.on_accent : player.colours.on_primary
                            font.pixelSize: (slideRoot.today ? (card.event.all_day ? 44 : 58) : 96) * slideRoot.u
                            font.weight: Font.Bold
                            lineHeight: 0.95
                            wrapMode: Text.WordWrap
                            // "18 h 30" shrinks rather than wrap; "All day" wraps instead.
                            fontSizeMode: slideRoot.today && card.event.all_day ? Text.FixedSize : Text.HorizontalFit
                            minimumPixelSize: 30 * slideRoot.u
                        }
                        Text {
                            width: parent.width
                            visible: !slideRoot.today
                            horizontalAlignment: Text.AlignHCenter
                            text: card.event.month
                            color: player.colours.on_primary
                            font.pixelSize: 32 * slideRoot.u
                            font.weight: Font.Medium
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 20 * slideRoot.u
                        }
                    }
                }

                Column {
                    id: words
                    anchors { left: tile.right; right: parent.right; verticalCenter: parent.verticalCenter
                              leftMargin: 34 * slideRoot.u; rightMargin: 30 * slideRoot.u }
                    spacing: 12 * slideRoot.u
                    readonly property real room: card.height - 32 * slideRoot.u

                    // Shrinks (down to 34 px at 1080) rather than being cut.
                    Text {
                        width: parent.width
                        height: Math.min(implicitHeight, words.room - details.height - words.spacing)
                        text: card.event.summary
                        color: player.colours.text
                        font.pixelSize: (slideRoot.portrait ? 52 : 44) * slideRoot.u
                        font.weight: Font.Bold
                        lineHeight: 1.05
                        wrapMode: Text.WordWrap
                        fontSizeMode: Text.VerticalFit
                        minimumPixelSize: 34 * slideRoot.u
                        textFormat: Text.PlainText
                        clip: true
                    }
                    // When (hours, or until which day), then where: each on its line in
                    // portrait, one after the other in landscape (wide, low cards).
                    Column {
                        id: details
                        width: parent.width
                        spacing: 4 * slideRoot.u
                        // Today, "all day" is already in the tile.
                        readonly property string when: card.event.all_day
                            //: How long an event lasts, in the list of events
                            ? (card.event.until ? qsTr("Until %1").arg(card.event.until)
                                                : slideRoot.today ? "" : qsTr("All day"))
                            : card.event.time + (card.event.until ? " – " + card.event.until : "")
                        Text {
                            width: parent.width
                            visible: text !== ""
                            text: slideRoot.portrait ? details.when
                                  : [details.when, card.event.location]
                                    .filter(function(t) { return t !== "" }).join("  ·  ")
                            color: player.colours.text
                            font.pixelSize: (slideRoot.portrait ? 40 : 34) * slideRoot.u
                            font.weight: Font.Medium
                            wrapMode: Text.WordWrap
                            maximumLineCount: slideRoot.portrait ? 1 : 2
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                        Text {
                            width: parent.width
                            visible: slideRoot.portrait && text !== ""
                            text: card.event.location
                            color: player.colours.text_muted
                            font.pixelSize: 38 * slideRoot.u
                            font.weight: Font.Medium
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                    }
                }
            }
        }
    }
}
