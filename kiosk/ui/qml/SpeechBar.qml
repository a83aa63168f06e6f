// Shown while a page is read aloud (the Listen button has become Stop): start again,
// slower, and the volume in steps. Touch targets as large as the navigation bar's.
import QtQuick

Rectangle {
    id: bar
    property real u: 1
    color: player.colours.surface
    implicitHeight: flow.implicitHeight + 40 * u

    Rectangle {  // the line that sets the bar off the page above it
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Math.max(2, 3 * bar.u)
        color: player.colours.band
    }

    TextMetrics {
        id: normalLabel
        font.pixelSize: Math.max(38 * bar.u, display.minTextPx)
        font.weight: Font.Bold
        //: Button while reading aloud: back to the normal rate after the slowest one
        text: qsTr("Normal speed")
    }
    TextMetrics { id: slowerLabel; font: normalLabel.font; text: qsTr("Slower") }

    Flow {
        id: flow
        anchors { left: parent.left; right: parent.right; top: parent.top
                  leftMargin: 24 * bar.u; rightMargin: 24 * bar.u; topMargin: 20 * bar.u }
        spacing: 16 * bar.u

        TouchButton {
            objectName: "repeatButton"
            u: bar.u; icon: "repeat"
            //: Button while reading aloud: read the page again from the start
            text: qsTr("Repeat")
            onClicked: speech.repeat()
        }
        TouchButton {
            objectName: "slowerButton"
            u: bar.u; icon: "slower"
            // As wide as the wider of its two labels: the buttons after it do not move.
            width: Math.max(implicitWidth,
                            Math.max(normalLabel.advanceWidth, slowerLabel.advanceWidth) + 124 * bar.u)
            //: Button while reading aloud: read more slowly
            text: speech.rateStep < speech.rateSteps - 1 ? qsTr("Slower") : qsTr("Normal speed")
            selected: speech.rateStep > 0
            onClicked: speech.slower()
        }
        Row {
            spacing: 16 * bar.u
            Text {
                anchors.verticalCenter: parent.verticalCenter
                //: Label of the volume buttons while reading aloud
                text: qsTr("Volume")
                color: player.colours.primary
                font.pixelSize: Math.max(38 * bar.u, display.minTextPx)
                font.weight: Font.Bold
            }
            TouchButton {
                objectName: "volumeDownButton"
                u: bar.u; icon: "volume-down"
                enabled: speech.volumeStep > 0
                //: Button while reading aloud (a loudspeaker with a minus sign)
                Accessible.name: qsTr("Quieter")
                onClicked: speech.volumeDown()
            }
            Row {
                objectName: "volumeLevel"
                anchors.verticalCenter: parent.verticalCenter
                spacing: 8 * bar.u
                Accessible.role: Accessible.Indicator
                //: The volume level while reading aloud; %1 and %2 are numbers
                Accessible.name: qsTr("Volume %1 of %2").arg(speech.volumeStep + 1).arg(speech.volumeSteps)
                Repeater {
                    model: speech.volumeSteps
                    Rectangle {
                        required property int index
                        anchors.bottom: parent.bottom
                        width: 18 * bar.u
                        height: (36 + 14 * index) * bar.u
                        radius: 4 * bar.u
                        // The steps above the level stay outlined: how many there are shows too.
                        color: index <= speech.volumeStep ? player.colours.primary : player.colours.surface
                        border.width: Math.max(2, 3 * bar.u)
                        border.color: player.colours.primary
                    }
                }
            }
            TouchButton {
                objectName: "volumeUpButton"
                u: bar.u; icon: "volume-up"
                enabled: speech.volumeStep < speech.volumeSteps - 1
                //: Button while reading aloud (a loudspeaker with a plus sign)
                Accessible.name: qsTr("Louder")
                onClicked: speech.volumeUp()
            }
        }
    }
}
