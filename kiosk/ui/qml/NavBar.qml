// Always at the bottom of the directory, within reach: Home, Back, Search, Listen (when
// there is a voice for the visitor's language), and the language switch, each language
// named in itself. Portrait screens are narrow: Listen and the languages get a row of
// their own below the navigation buttons.
import QtQuick

Rectangle {
    id: bar
    property real u: 1
    property bool portrait: true
    color: player.colours.band
    // Two rows in portrait, 16 apart (adjacent targets invite a touch on the wrong one).
    implicitHeight: (portrait ? 288 : 156) * u

    // Two languages: both shown, one touch to switch. More: one button opening a chooser.
    readonly property bool inline: directory.languages.length <= 2
    readonly property bool showLanguages: directory.languages.length > 1
    signal chooseLanguage()
    signal openAccessibility()

    Row {
        id: navRow
        anchors { left: parent.left; leftMargin: 24 * bar.u; top: parent.top; topMargin: 20 * bar.u }
        spacing: 16 * bar.u
        // In portrait the three buttons share the width.
        readonly property real buttonWidth: bar.portrait ? (bar.width - 48 * bar.u - 2 * spacing) / 3 : 0
        TouchButton {
            objectName: "homeButton"
            u: bar.u; icon: "home"
            width: navRow.buttonWidth > 0 ? navRow.buttonWidth : implicitWidth
            //: Button: back to the first page of the services directory
            text: qsTr("Home")
            selected: directory.page === "home"
            onClicked: directory.openHome()
        }
        TouchButton {
            objectName: "backButton"
            u: bar.u; icon: "back"
            width: navRow.buttonWidth > 0 ? navRow.buttonWidth : implicitWidth
            //: Button: previous page
            text: qsTr("Back")
            enabled: directory.canGoBack
            onClicked: directory.back()
        }
        TouchButton {
            objectName: "searchButton"
            u: bar.u; icon: "search"
            width: navRow.buttonWidth > 0 ? navRow.buttonWidth : implicitWidth
            //: Button: open the search page
            text: qsTr("Search")
            selected: directory.page === "search"
            onClicked: directory.openSearch()
        }
    }

    // Reads the page aloud; while it reads, it is the Stop button (and SpeechBar shows).
    TouchButton {
        id: listen
        objectName: "listenButton"
        visible: speech.available
        u: bar.u
        x: bar.portrait ? 24 * bar.u : navRow.x + navRow.width + navRow.spacing
        y: bar.height - height - 20 * bar.u
        // As wide as the wider of its two labels (it does not move the languages), and in
        // portrait as wide as the buttons above it.
        width: Math.max(implicitWidth, Math.max(stopLabel.advanceWidth, listenLabel.advanceWidth)
                        + 52 * u + 72 * u, bar.portrait ? navRow.buttonWidth : 0)
        icon: speech.speaking ? "stop" : "speaker"
        selected: speech.speaking
        text: speech.speaking
              //: Button: stop reading the page aloud
              ? qsTr("Stop")
              //: Button: read the page aloud
              : qsTr("Listen")
        onClicked: speech.speaking ? speech.stop() : speech.listen()
        TextMetrics { id: stopLabel; font.pixelSize: Math.max(38 * bar.u, display.minTextPx); font.weight: Font.Bold; text: qsTr("Stop") }
        TextMetrics { id: listenLabel; font.pixelSize: Math.max(38 * bar.u, display.minTextPx); font.weight: Font.Bold; text: qsTr("Listen") }
    }

    // Large text, high contrast, the accessible layout: always here, on every page.
    TouchButton {
        id: accessibility
        objectName: "accessibilityButton"
        u: bar.u
        icon: "accessibility"
        x: listen.visible ? listen.x + listen.width + 16 * bar.u
                          : bar.portrait ? 24 * bar.u : navRow.x + navRow.width + navRow.spacing
        y: bar.height - height - 20 * bar.u
        //: Button opening the display options (large text, contrast, layout)
        Accessible.name: qsTr("Accessibility")
        onClicked: bar.openAccessibility()
    }

    Item {
        id: languageArea
        visible: bar.showLanguages
        anchors { right: parent.right; rightMargin: 24 * bar.u; bottom: parent.bottom; bottomMargin: 20 * bar.u }
        width: bar.portrait ? bar.width - 48 * bar.u - (accessibility.x + accessibility.width + 16 * bar.u - 24 * bar.u)
                            : languageRow.implicitWidth
        height: 116 * bar.u

        TouchButton {
            visible: !bar.inline
            objectName: "languageButton"
            anchors.centerIn: parent
            u: bar.u; icon: "language"
            text: {
                for (var i = 0; i < directory.languages.length; i++)
                    if (directory.languages[i].code === directory.language) return directory.languages[i].name
                return ""
            }
            onClicked: bar.chooseLanguage()
        }

        Row {
            id: languageRow
            visible: bar.inline
            anchors.centerIn: parent
            spacing: 16 * bar.u
            Image {
                visible: bar.portrait
                anchors.verticalCenter: parent.verticalCenter
                width: 52 * bar.u; height: width
                sourceSize: Qt.size(width, height)
                source: "image://icon/language/" + String(player.colours.primary).slice(1)
            }
            Repeater {
                model: bar.inline && bar.showLanguages ? directory.languages : []
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
}
