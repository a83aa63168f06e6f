// Who issued an alert, when, until when, and when its source was last checked (or since
// when it could not be): shown under every alert, full screen or banner.
import QtQuick

Column {
    id: source
    property real u: 1
    property var alert: ({})
    property int more: 0
    property int size: 30
    property color textColor: "white"
    property bool compact: false
    spacing: 6 * u

    Text {
        objectName: "alertSender"
        width: parent.width
        //: Who issued an alert and when: %1 sender, %2 date, %3 time
        text: qsTr("Issued by %1, %2 at %3").arg(source.alert.sender || "")
                  .arg(source.alert.sentDate || "").arg(source.alert.sentTime || "")
        color: source.textColor
        font.pixelSize: source.size * source.u
        font.weight: Font.Bold
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    Text {
        width: parent.width
        visible: !source.compact && (source.alert.expiresTime || "") !== ""
        //: End of validity of an alert: %1 date, %2 time
        text: qsTr("Until %1 at %2").arg(source.alert.expiresDate || "").arg(source.alert.expiresTime || "")
        color: source.textColor
        font.pixelSize: source.size * source.u
        wrapMode: Text.WordWrap
    }
    Text {
        objectName: "alertChecked"
        width: parent.width
        visible: text !== ""
        text: (source.alert.failingSince || "") !== ""
              //: The alert source cannot be reached; %1 is a time (or a date and time)
              ? qsTr("Could not check for updates since %1").arg(source.alert.failingSince)
              : (source.alert.checkedTime || "") !== ""
                //: Last successful check of the alert source; %1 is a time
                ? qsTr("Last checked at %1").arg(source.alert.checkedTime) : ""
        color: source.textColor
        opacity: 0.9
        font.pixelSize: (source.size - 4) * source.u
        wrapMode: Text.WordWrap
    }
    Text {
        width: parent.width
        visible: source.more > 0
        //: More full-screen alerts are in force; %n is how many
        text: qsTr("%n other alert(s) in force", "", source.more)
        color: source.textColor
        font.pixelSize: source.size * source.u
        font.weight: Font.Bold
    }
}
