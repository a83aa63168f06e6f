// Always at the bottom of the directory, within reach: Home, Back, Search, and the
// language switch, each language named in itself.
import QtQuick

Rectangle {
    id: bar
    property real u: 1
    color: player.colours.band
    implicitHeight: 156 * u

    Row {
        id: left
        anchors { left: parent.left; leftMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 16 * bar.u
        TouchButton {
            objectName: "homeButton"
            u: bar.u; icon: "home"
            //: Button: back to the first page of the services directory
            text: qsTr("Home")
            selected: directory.page === "home"
            onClicked: directory.openHome()
        }
        TouchButton {
            objectName: "backButton"
            u: bar.u; icon: "back"
            //: Button: previous page
            text: qsTr("Back")
            enabled: directory.canGoBack
            onClicked: directory.back()
        }
        TouchButton {
            objectName: "searchButton"
            u: bar.u; icon: "search"
            //: Button: open the search page
            text: bar.width > 1400 * bar.u ? qsTr("Search") : ""
            selected: directory.page === "search"
            onClicked: directory.openSearch()
        }
    }

    // Two languages: both shown, one touch to switch. More: one button opening a chooser.
    readonly property bool inline: directory.languages.length <= 2
    signal chooseLanguage()

    TouchButton {
        visible: !bar.inline
        objectName: "languageButton"
        anchors { right: parent.right; rightMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        u: bar.u; icon: "language"
        text: {
            for (var i = 0; i < directory.languages.length; i++)
                if (directory.languages[i].code === directory.language) return directory.languages[i].name
            return ""
        }
        onClicked: bar.chooseLanguage()
    }

    Row {
        visible: bar.inline
        anchors { right: parent.right; rightMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 12 * bar.u
        Repeater {
            model: bar.inline && directory.languages.length > 1 ? directory.languages : []
            TouchButton {
                required property var modelData
                objectName: "language-" + modelData.code
                u: bar.u
                text: modelData.name
                selected: directory.language === modelData.code
                onClicked: directory.setLanguage(modelData.code)
                Accessible.name: modelData.name
            }
        }
    }
}
