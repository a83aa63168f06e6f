// An Extreme or Severe official alert: the whole screen, above the loop and above a visit.
// What to do comes first after the headline, then who says so, since when, and when the
// source was last checked. Colours are fixed (not the theme's): an alert looks the same in
// every town. White on #9B0D14 is 8.6:1, on #B83A0A 5.6:1 (WCAG AA for any text size).
import QtQuick

Rectangle {
    id: overlay
    property real u: 1
    property bool portrait: true
    property var alert: ({})
    property int more: 0
    readonly property bool extreme: alert.severity === "Extreme"
    readonly property real pad: (portrait ? 64 : 72) * u

    color: extreme ? "#9B0D14" : "#B83A0A"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: (alert.headline || "") + ". " + (alert.instruction || "")

    // The alert takes every touch: nothing underneath reacts while it is up.
    MouseArea { anchors.fill: parent; onPressed: function(mouse) { mouse.accepted = true } }

    Column {
        id: top
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: overlay.pad }
        spacing: 28 * overlay.u

        Row {
            spacing: 28 * overlay.u
            Image {
                anchors.verticalCenter: parent.verticalCenter
                width: 120 * overlay.u
                height: width
                sourceSize: Qt.size(width, height)
                source: "image://icon/warning/FFFFFF"
            }
            Column {
                id: titles
                anchors.verticalCenter: parent.verticalCenter
                width: top.width - 148 * overlay.u - (languageRow.visible ? languageRow.width + 24 * overlay.u : 0)
                Text {
                    objectName: "alertLevel"
                    width: titles.width
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: 36 * overlay.u
                    text: overlay.extreme
                          //: Full-screen alert title, severity Extreme
                          ? qsTr("EXTREME ALERT")
                          //: Full-screen alert title, severity Severe
                          : qsTr("SEVERE ALERT")
                    color: "white"
                    font.pixelSize: 64 * overlay.u
                    font.weight: Font.Black
                    font.letterSpacing: 2 * overlay.u
                }
                Text {
                    width: titles.width
                    visible: text !== ""
                    text: overlay.alert.event || ""
                    color: "white"
                    font.pixelSize: 38 * overlay.u
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
            }
        }

        Rectangle {
            visible: overlay.alert.test === true
            width: testLabel.implicitWidth + 40 * overlay.u
            height: testLabel.implicitHeight + 16 * overlay.u
            radius: 8 * overlay.u
            color: "white"
            Text {
                id: testLabel
                anchors.centerIn: parent
                //: Badge on an alert whose CAP status is Test or Exercise (test mode only)
                text: qsTr("TEST: not a real alert")
                color: "#9B0D14"
                font.pixelSize: 34 * overlay.u
                font.weight: Font.Bold
            }
        }

        Text {
            objectName: "alertHeadline"
            width: parent.width
            text: overlay.alert.headline || ""
            color: "white"
            font.pixelSize: (overlay.portrait ? 88 : 72) * overlay.u
            font.weight: Font.Bold
            lineHeight: 1.05
            wrapMode: Text.WordWrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }

        Rectangle {
            width: parent.width
            visible: (overlay.alert.instruction || "") !== ""
            height: todo.implicitHeight + 64 * overlay.u
            radius: 24 * overlay.u
            color: "white"
            Column {
                id: todo
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 32 * overlay.u }
                spacing: 12 * overlay.u
                Text {
                    //: Heading above the instructions of an alert
                    text: qsTr("What to do")
                    color: overlay.color
                    font.pixelSize: 40 * overlay.u
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "alertInstruction"
                    width: parent.width
                    text: overlay.alert.instruction || ""
                    color: "#1B1F24"
                    font.pixelSize: (overlay.portrait ? 54 : 42) * overlay.u
                    wrapMode: Text.WordWrap
                    maximumLineCount: overlay.portrait ? 9 : 5
                    elide: Text.ElideRight
                }
            }
        }

        Text {
            width: parent.width
            visible: text !== ""
            text: overlay.alert.description || ""
            color: "white"
            font.pixelSize: 36 * overlay.u
            wrapMode: Text.WordWrap
            maximumLineCount: overlay.portrait ? 6 : 3
            elide: Text.ElideRight
        }

        Text {
            width: parent.width
            visible: (overlay.alert.areas || "") !== ""
            //: Where an alert applies; %1 is a list of places
            text: qsTr("Area: %1").arg(overlay.alert.areas || "")
            color: "white"
            font.pixelSize: 34 * overlay.u
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    // The visitor's language, one touch (the alert's text comes in the languages its
    // issuer wrote; the labels follow the choice).
    Row {
        id: languageRow
        objectName: "alertLanguages"
        anchors { right: parent.right; top: parent.top; margins: overlay.pad }
        spacing: 16 * overlay.u
        visible: directory.languages.length > 1
        Repeater {
            model: directory.languages
            delegate: TouchButton {
                objectName: "alertLanguage-" + modelData.code
                u: overlay.u
                implicitHeight: 100 * overlay.u
                text: modelData.code.toUpperCase()
                selected: modelData.code === directory.language
                Accessible.name: modelData.name
                onClicked: directory.setLanguage(modelData.code)
            }
        }
    }

    AlertSource {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: overlay.pad }
        u: overlay.u
        alert: overlay.alert
        more: overlay.more
        size: 32
        textColor: "white"
    }
}
