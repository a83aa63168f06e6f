// A Moderate or Minor official alert: a band under the header that stays while the loop
// plays and while a visitor browses the services. Dark text on yellow (#FFC21A: 11.6:1) or
// on pale yellow (#FFE89A: 14.6:1).
import QtQuick

Rectangle {
    id: banner
    property real u: 1
    property var alert: ({})
    readonly property bool moderate: alert.severity === "Moderate"

    implicitHeight: content.implicitHeight + 36 * u
    color: moderate ? "#FFC21A" : "#FFE89A"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: (alert.headline || "") + ". " + (alert.instruction || "")

    Rectangle {  // a severity stripe, so two banners stacked read as two
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: 16 * banner.u
        color: banner.moderate ? "#B83A0A" : "#8A6D00"
    }

    Image {
        id: icon
        anchors { left: parent.left; leftMargin: 44 * banner.u; top: parent.top; topMargin: 22 * banner.u }
        width: 72 * banner.u
        height: width
        sourceSize: Qt.size(width, height)
        source: "image://icon/warning/1B1F24"
    }

    Column {
        id: content
        anchors { left: icon.right; leftMargin: 28 * banner.u; right: parent.right
                  rightMargin: 40 * banner.u; top: parent.top; topMargin: 18 * banner.u }
        spacing: 4 * banner.u
        Text {
            objectName: "bannerHeadline"
            width: parent.width
            text: (banner.alert.test ? qsTr("TEST: not a real alert") + " · " : "") + (banner.alert.headline || "")
            color: "#1B1F24"
            font.pixelSize: 40 * banner.u
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: banner.alert.instruction || banner.alert.description || ""
            color: "#1B1F24"
            font.pixelSize: 32 * banner.u
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        AlertSource {
            width: parent.width
            u: banner.u
            alert: banner.alert
            size: 26
            compact: true
            textColor: "#1B1F24"
        }
    }
}
