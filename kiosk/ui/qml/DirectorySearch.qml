// Search: a field, results updated at each letter, and Qt's on-screen keyboard.
// Matching (no accents, no capitals, start of words, keywords) is done in Python.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: page
    property real u: 1
    property bool portrait: true
    property bool compact: false   // the reach band: the heading is shown above it instead
    readonly property real pad: 48 * u
    readonly property var results: directory.results

    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: directory.language === "fr" ? "fr_FR" : directory.language === "de" ? "de_DE"
             : directory.language === "es" ? "es_ES" : "en_GB"
    }

    // Portrait: field, results, keyboard from top to bottom. Landscape: field and keyboard on
    // the left, results in a column on the right, so a whole list stays visible.
    // In a short reach band (compact, on a tall totem) there is no room for all three
    // stacked: side by side. A band tall enough (a 24-inch screen turned portrait) stacks
    // them, and the keyboard keeps the whole width: keys of 20 mm on a narrow screen.
    readonly property bool stacked: page.portrait && (!page.compact || page.height > 760 * page.u)
    readonly property real leftWidth: page.stacked ? width : width * 0.56

    Rectangle {
        id: field
        anchors { left: parent.left; top: parent.top; margins: page.compact ? page.pad / 2 : page.pad }
        width: page.leftWidth - 2 * page.pad
        height: (page.compact ? 96 : 120) * page.u
        radius: height / 2
        color: player.colours.surface
        border.color: player.colours.primary
        border.width: Math.max(3, 4 * page.u)
        Image {
            id: glass
            anchors { left: parent.left; leftMargin: 40 * page.u; verticalCenter: parent.verticalCenter }
            width: 52 * page.u; height: width
            sourceSize: Qt.size(width, height)
            source: "image://icon/search/" + String(player.colours.primary).slice(1)
        }
        TextInput {
            id: input
            objectName: "searchInput"
            anchors { left: glass.right; leftMargin: 24 * page.u; right: clear.left; rightMargin: 16 * page.u
                      verticalCenter: parent.verticalCenter }
            font.pixelSize: Math.max(44 * page.u, display.minTextPx)
            color: player.colours.text
            focus: true
            clip: true
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
            onTextChanged: directory.setQuery(text)
            Component.onCompleted: { text = directory.query; forceActiveFocus() }
            Connections {  // a query set from outside (previews, tests) shows in the field
                target: directory
                function onChanged() { if (input.text !== directory.query) input.text = directory.query }
            }
            Text {
                anchors.fill: parent
                visible: input.text === ""
                verticalAlignment: Text.AlignVCenter
                //: Placeholder of the search field
                text: qsTr("Type a word: passport, school…")
                color: player.colours.text_muted
                font.pixelSize: Math.max(40 * page.u, display.minTextPx)
                elide: Text.ElideRight
            }
        }
        TouchButton {
            id: clear
            anchors { right: parent.right; rightMargin: 8 * page.u; verticalCenter: parent.verticalCenter }
            visible: input.text !== ""
            u: page.u
            implicitHeight: 104 * page.u
            icon: "close"
            Accessible.name: qsTr("Clear the search")
            onClicked: { input.text = ""; input.forceActiveFocus() }
        }
    }

    ListView {
        id: list
        objectName: "resultList"
        x: page.stacked ? page.pad : page.leftWidth
        y: page.stacked ? field.y + field.height + 28 * page.u : page.pad
        width: page.stacked ? page.width - 2 * page.pad : page.width - page.leftWidth - page.pad
        height: (page.stacked ? keyboard.y - 16 * page.u : page.height) - y
        spacing: 16 * page.u
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: page.results
        delegate: ServiceRow {
            required property var modelData
            width: list.width
            u: page.u
            objectName: "result-" + modelData.id
            title: modelData.title
            subtitle: modelData.subtitle
            icon: modelData.icon
            onClicked: modelData.kind === "category" ? directory.openCategory(modelData.id)
                                                     : directory.openService(modelData.id)
        }
    }

    // Nothing typed yet, or nothing found: say what to do next.
    Column {
        anchors { left: list.left; right: list.right; top: list.top; topMargin: 20 * page.u }
        visible: page.results.length === 0
        spacing: 20 * page.u
        Text {
            objectName: "searchEmpty"
            width: parent.width
            text: input.text === ""
                  //: Search page before anything is typed
                  ? qsTr("Type the first letters of what you are looking for: results appear as you type.")
                  //: Search page when nothing matches; %1 is what was typed
                  : qsTr("No service found for “%1”.").arg(input.text)
            color: player.colours.text
            font.pixelSize: Math.max(40 * page.u, display.minTextPx)
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            visible: input.text !== ""
            //: Suggestion when a search finds nothing
            text: qsTr("Try another word, or browse the topics.")
            color: player.colours.text_muted
            font.pixelSize: Math.max(34 * page.u, display.minTextPx)
            wrapMode: Text.WordWrap
        }
        TouchButton {
            visible: input.text !== ""
            u: page.u
            icon: "home"
            //: Button on the empty search results
            text: qsTr("See all topics")
            onClicked: directory.openHome()
        }
    }

    InputPanel {
        id: keyboard
        objectName: "keyboard"
        // Keys stay large: the whole width in portrait, the left part in landscape.
        anchors.bottom: parent.bottom
        x: page.stacked ? 0 : page.pad / 2
        // Its height follows its width (the default style is drawn 2560 x 800): where the
        // page is short (the reach band of a screen turned landscape), it is narrower, so
        // that the field above it stays in view.
        readonly property real room: page.height - (field.y + field.height + 16 * page.u)
        width: Math.min(page.stacked ? page.width : page.leftWidth - page.pad, room / 0.3125)
    }

    ScrollHint { flick: list; u: page.u }
}
