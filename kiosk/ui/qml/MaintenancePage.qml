// The hidden maintenance page: a PIN pad, then the screen's status (read only). Nothing
// here leaves the app, opens a shell or changes a setting (docs/operations.md).
import QtQuick

Rectangle {
    id: page
    property real u: 1
    property bool portrait: height > width
    property string entered: ""
    readonly property int locked: maintenance.lockedSeconds
    readonly property var status: maintenance.status
    color: player.colours.background

    // Every touch stays here (nothing reaches the loop or a visit) and keeps it open.
    MouseArea { anchors.fill: parent; onPressed: function(mouse) { maintenance.touched() } }

    Connections {
        target: maintenance
        function onChanged() { if (maintenance.wrongPin) page.entered = "" }
    }

    // Where a hand reaches (the reach band of [geometry]): the keys and Close are there.
    readonly property var bandFractions: reach.active ? reach[portrait ? "portrait" : "landscape"] : [0, 1]
    readonly property real reachTop: Math.max(band.height, height * bandFractions[0]) + 24 * u
    readonly property real reachBottom: height * bandFractions[1] - 24 * u

    Rectangle {
        id: band
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: 130 * page.u
        color: player.colours.primary
        Text {
            anchors { left: parent.left; leftMargin: 48 * page.u; verticalCenter: parent.verticalCenter
                      right: parent.right; rightMargin: 48 * page.u }
            //: Title of the technicians' hidden page
            text: qsTr("Maintenance")
            color: player.colours.on_primary
            font.pixelSize: 56 * page.u
            font.weight: Font.Bold
            elide: Text.ElideRight
        }
    }

    TouchButton {
        id: closeButton
        objectName: "maintenanceClose"
        z: 1
        x: maintenance.page === "pin" ? pad.x : page.width - width - 48 * page.u
        y: page.reachBottom - height
        width: maintenance.page === "pin" ? pad.width : implicitWidth
        u: page.u
        implicitHeight: pad.key
        icon: "close"
        //: Button closing the maintenance page (back to the slides)
        text: qsTr("Close")
        onClicked: { page.entered = ""; maintenance.close() }
    }

    // -- the PIN pad ------------------------------------------------------------------------
    Column {
        id: prompt
        visible: maintenance.page === "pin"
        x: page.portrait ? (page.width - width) / 2 : 48 * page.u
        // Just above the keys (portrait), or beside them (landscape).
        y: page.portrait ? Math.max(band.height + 24 * page.u, pad.y - height - 24 * page.u)
                         : page.reachTop
        width: page.portrait ? Math.min(page.width - 96 * page.u, 760 * page.u)
                             : page.width / 2 - 96 * page.u
        spacing: 24 * page.u

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            //: Prompt of the maintenance PIN pad
            text: qsTr("Enter the maintenance PIN")
            color: player.colours.text
            font.pixelSize: 46 * page.u
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "pinDots"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: page.entered.length ? "\u25CF".repeat(page.entered.length) : " "
            color: player.colours.primary
            font.pixelSize: 64 * page.u
        }
        Text {
            objectName: "pinMessage"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: page.locked > 0
                  //: After wrong PINs; %n is a number of seconds
                  ? qsTr("Wrong PIN. Try again in %n second(s).", "", page.locked)
                  : maintenance.wrongPin
                    //: After a wrong PIN, once the pad accepts another
                    ? qsTr("Wrong PIN.") : " "
            color: player.colours.accent
            font.pixelSize: 40 * page.u
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
    }

    // Four rows of keys and the Close button, inside the reach band.
    Grid {
        id: pad
        objectName: "pinPad"
        visible: maintenance.page === "pin"
        columns: 3
        spacing: 20 * page.u
        readonly property real room: page.reachBottom - page.reachTop
        readonly property real key: Math.min(120 * page.u, (room - 4 * spacing) / 5)
        width: Math.min(page.portrait ? page.width - 96 * page.u : page.width / 2 - 96 * page.u,
                        720 * page.u)
        x: page.portrait ? (page.width - width) / 2 : page.width - width - 48 * page.u
        y: page.reachBottom - 5 * key - 4 * spacing
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]
            delegate: TouchButton {
                objectName: "pinKey_" + modelData
                u: page.u
                width: (pad.width - 2 * pad.spacing) / 3
                implicitHeight: pad.key
                enabled: page.locked === 0 && (modelData !== "ok" || page.entered.length >= 4)
                primary: modelData === "ok"
                icon: modelData === "erase" ? "back" : modelData === "ok" ? "check" : ""
                text: modelData === "erase"
                      //: Key of the PIN pad removing the last digit
                      ? qsTr("Erase")
                      : modelData === "ok"
                        //: Key of the PIN pad confirming the PIN
                        ? qsTr("OK") : modelData
                onClicked: {
                    maintenance.touched()
                    if (modelData === "erase") page.entered = page.entered.slice(0, -1)
                    else if (modelData === "ok") maintenance.submitPin(page.entered)
                    else if (page.entered.length < 12) page.entered += modelData
                }
            }
        }
    }

    // -- the status (read only) -------------------------------------------------------------
    Flickable {
        objectName: "statusPage"
        visible: maintenance.page === "status"
        // Portrait: above Close; landscape: beside it, in two columns.
        anchors { top: band.bottom; left: parent.left; right: parent.right; bottom: parent.bottom
                  bottomMargin: page.portrait ? page.height - closeButton.y + 24 * page.u : 36 * page.u
                  topMargin: 36 * page.u; leftMargin: 48 * page.u
                  rightMargin: page.portrait ? 48 * page.u : closeButton.width + 96 * page.u }
        contentHeight: rows.implicitHeight
        clip: true
        // A touch on the status (read, or scrolled) keeps the page open, like any other.
        PointHandler { onActiveChanged: if (active) maintenance.touched() }

        Column {
            id: rows
            width: parent.width
            spacing: 18 * page.u

            Grid {
                id: facts
                width: parent.width
                columns: page.portrait ? 1 : 2
                columnSpacing: 48 * page.u
                rowSpacing: 18 * page.u
                Repeater {
                    model: [
                        //: Maintenance status: this screen's name in the feed
                        [qsTr("Screen"), page.status.screen
                            //: Maintenance status: the screen has no name in kiosk.toml
                            || qsTr("(none)")],
                        //: Maintenance status: the kiosk software's version
                        [qsTr("Version"), page.status.version || ""],
                        //: Maintenance status: time since the player started
                        [qsTr("Running for"), page.duration(page.status.uptimeSeconds || 0)],
                        //: Maintenance status: the server the feed comes from
                        [qsTr("Feed server"), page.status.feedHost === "file"
                            //: Maintenance status: the feed is a file on this screen
                            ? qsTr("a file on this screen") : (page.status.feedHost || "")],
                        //: Maintenance status: result of the last feed check
                        [qsTr("Last check"), page.syncText()],
                        //: Maintenance status: the content being played
                        [qsTr("Content"), page.status.snapshotId
                            ? page.status.snapshotId + "  (" + page.status.snapshotTime + ")"
                            //: Maintenance status: nothing synced yet
                            : qsTr("none yet")],
                        //: Maintenance status: the system clock's state
                        [qsTr("Clock"), page.clockText()],
                    ]
                    delegate: Column {
                        width: (facts.width - (facts.columns - 1) * facts.columnSpacing) / facts.columns
                        spacing: 4 * page.u
                        Text {
                            text: modelData[0]
                            color: player.colours.text_muted
                            font.pixelSize: 32 * page.u
                        }
                        Text {
                            width: parent.width
                            text: modelData[1]
                            color: player.colours.text
                            font.pixelSize: 40 * page.u
                            font.weight: Font.Bold
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
            Text {
                topPadding: 12 * page.u
                //: Maintenance status: heading of the last warnings and errors of the log
                text: qsTr("Recent problems")
                color: player.colours.text_muted
                font.pixelSize: 32 * page.u
            }
            Text {
                objectName: "problems"
                width: parent.width
                text: (page.status.problems || []).length
                      ? page.status.problems.slice().reverse().join("\n")
                      //: Maintenance status: the log has no warning or error
                      : qsTr("none")
                color: player.colours.text
                font.pixelSize: 28 * page.u
                wrapMode: Text.Wrap
            }
        }
    }

    function duration(seconds) {
        var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600)
        var m = Math.floor(seconds % 3600 / 60)
        //: Maintenance status: days, hours and minutes
        return qsTr("%1 d %2 h %3 min").arg(d).arg(h).arg(m)
    }

    function syncText() {
        var s = page.status
        var names = {
            //: Maintenance status: the last check brought a new feed
            "new": qsTr("new content"),
            //: Maintenance status: the last check found nothing new
            "unchanged": qsTr("up to date"),
            //: Maintenance status: the feed could not be fetched
            "failed": qsTr("failed"),
            //: Maintenance status: the feed was fetched but refused
            "refused": qsTr("refused")
        }
        if (!s.syncStatus)
            //: Maintenance status: no feed check since the start
            return qsTr("not yet")
        return names[s.syncStatus] + "  (" + s.syncTime + ")"
               + (s.syncStatus === "failed" || s.syncStatus === "refused" ? "\n" + s.syncMessage : "")
    }

    function clockText() {
        var s = page.status
        if (s.clockState === "synchronized")
            //: Maintenance status: %1 is the date and time
            return qsTr("%1, synchronized").arg(s.clockNow)
        if (s.clockState === "plausible")
            //: Maintenance status: %1 is the date and time
            return qsTr("%1, not synchronized (plausible)").arg(s.clockNow)
        //: Maintenance status: %1 is the time used, %2 the wrong system time
        return qsTr("%1 (last good time; the system clock says %2)").arg(s.clockNow).arg(s.clockSystem)
    }
}
