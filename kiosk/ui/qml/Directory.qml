// The services directory: one page at a time above the navigation bar. Pages only show
// what `directory` (Python) says; touches call its slots. Swiping right goes back.
import QtQuick
import QtQuick.Window

Rectangle {
    id: root
    property real u: 1
    property bool portrait: true
    color: player.colours.background

    // The reach band (kiosk.toml [geometry]): on a screen whose top or bottom is out of
    // reach from a wheelchair, every control (pages and navigation) sits between 0.90 and
    // 1.30 m above the floor; above it, what the page says without being touched.
    // Where part of the directory is out of reach: by default the controls come into the
    // band (the page's heading goes above it); the visitor's "accessible layout" brings the
    // whole page, heading included, into the band.
    readonly property bool canLower: reach.active && bandBottom - bandTop < height - 1
    readonly property bool lowered: canLower && display.accessibleLayout
    readonly property bool banded: canLower && !lowered
    readonly property var bandFractions: reach.active ? reach[portrait ? "portrait" : "landscape"] : [0, 1]
    readonly property real topInWindow: Window.height - height   // anchored to the bottom
    readonly property real bandTop: Math.max(0, Window.height * bandFractions[0] - topInWindow)
    readonly property real bandBottom: Math.min(height, Window.height * bandFractions[1] - topInWindow)

    // What is read, not touched: above the band when there is more room above it (a
    // portrait totem), below it otherwise (a totem turned landscape: the band is its top).
    Column {
        id: above
        objectName: "aboveBand"
        readonly property bool up: root.bandTop >= root.height - root.bandBottom
        readonly property real room: up ? root.bandTop : root.height - root.bandBottom
        visible: root.canLower && room > 120 * root.u
        x: 48 * root.u
        y: (up ? 0 : root.bandBottom) + 48 * root.u
        width: root.width - 96 * root.u
        height: room - 96 * root.u
        spacing: 24 * root.u
        readonly property var heading: root.lowered ? ({})
                                      : directory.page === "service" ? directory.service
                                      : directory.page === "category" ? directory.category : ({})
        Image {
            visible: !above.heading.title && player.logo !== "" && !root.lowered
            source: player.logo
            height: Math.min(above.height * 0.6, 360 * root.u); width: height
            sourceSize: Qt.size(width, height)
            fillMode: Image.PreserveAspectFit
        }
        Text {
            width: parent.width
            text: above.heading.title || player.siteName
            color: player.colours.primary
            font { pixelSize: Math.max(72 * root.u, display.minTextPx); weight: Font.Bold; family: player.fontFamily }
            wrapMode: Text.Wrap
            maximumLineCount: 3; elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: root.lowered
                  //: Shown above the directory when the visitor brought it down within reach
                  ? qsTr("Accessible layout: the whole page is within reach. Touch Accessibility to change it.")
                  : above.heading.summary || ""
            color: player.colours.text
            font { pixelSize: Math.max(44 * root.u, display.minTextPx); family: player.fontFamily }
            wrapMode: Text.Wrap
            height: Math.max(0, above.height - y); elide: Text.ElideRight
        }
    }

    Item {
        id: band
        anchors { left: parent.left; right: parent.right }
        y: root.canLower ? root.bandTop : 0
        height: root.canLower ? root.bandBottom - root.bandTop : root.height
    }

    Item {
        id: content
        anchors { left: parent.left; right: parent.right; top: band.top
                  bottom: speechBar.visible ? speechBar.top : nav.top }
        clip: true

        Loader {
            anchors.fill: parent
            source: ({ "home": "DirectoryHome.qml", "all": "DirectoryAll.qml", "category": "DirectoryCategory.qml",
                       "service": "DirectoryService.qml", "search": "DirectorySearch.qml" })[directory.page] || ""
            onLoaded: {
                item.u = Qt.binding(function() { return root.u })
                item.portrait = Qt.binding(function() { return root.portrait })
                item.compact = Qt.binding(function() { return root.banded && above.visible })
            }
        }
        // A swipe to the right is Back: recognised in Python for the whole window
        // (kiosk/ui/gestures.py), so a swipe that starts on a row works too.
    }

    // While a page is read aloud: Repeat, Slower, the volume.
    SpeechBar {
        id: speechBar
        objectName: "speechBar"
        visible: speech.speaking
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: nav.top }
    }

    NavBar {
        id: nav
        u: root.u
        portrait: root.portrait
        anchors { left: parent.left; right: parent.right; bottom: band.bottom }
        onChooseLanguage: chooser.visible = true
        onOpenAccessibility: panel.visible = true
    }

    // The visitor's display modes, for this visit: large text, high contrast and, where the
    // screen is taller than the reach band, the accessible layout.
    Rectangle {
        id: panel
        objectName: "accessibilityPanel"
        visible: false
        anchors { left: parent.left; right: parent.right; top: band.top; bottom: band.bottom }
        color: player.colours.background
        border.color: player.colours.primary
        border.width: Math.max(2, 3 * root.u)
        Connections {
            target: session
            function onActiveChanged() { panel.visible = false }
        }
        Flickable {
            id: panelFlick
            anchors { fill: parent; margins: 32 * root.u }
            contentHeight: panelColumn.height
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: panelColumn
                width: panelFlick.width
                spacing: 16 * root.u
                Text {
                    width: parent.width
                    //: Title of the panel of display options (large text, contrast, layout)
                    text: qsTr("Accessibility")
                    color: player.colours.primary
                    font { pixelSize: Math.max(56 * root.u, display.minTextPx); weight: Font.Bold; family: player.fontFamily }
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: [
                        //: Toggle: bigger text everywhere in the directory
                        { key: "largeText", icon: "search", label: qsTr("Large text"), on: display.largeText, shown: true },
                        //: Toggle: white and yellow on black
                        { key: "highContrast", icon: "info", label: qsTr("High contrast"), on: display.highContrast, shown: true },
                        //: Toggle: the whole page comes down within reach of a wheelchair user
                        { key: "accessibleLayout", icon: "accessibility", label: qsTr("Accessible layout (lower)"), on: display.accessibleLayout, shown: root.canLower || display.accessibleLayout }
                    ]
                    TouchButton {
                        required property var modelData
                        visible: modelData.shown
                        objectName: "mode-" + modelData.key
                        u: root.u
                        width: panelColumn.width
                        icon: modelData.on ? "check" : modelData.icon
                        text: modelData.label
                        selected: modelData.on
                        Accessible.checkable: true
                        Accessible.checked: modelData.on
                        onClicked: {
                            if (modelData.key === "largeText") display.toggleLargeText()
                            else if (modelData.key === "highContrast") display.toggleHighContrast()
                            else display.toggleAccessibleLayout()
                        }
                    }
                }
                TouchButton {
                    objectName: "closeAccessibility"
                    u: root.u
                    primary: true
                    icon: "close"
                    //: Button closing the panel of display options
                    text: qsTr("Close")
                    onClicked: panel.visible = false
                }
            }
        }
    }

    // Chooser for more than two languages, each named in itself.
    Rectangle {
        id: chooser
        visible: false
        anchors.fill: parent
        color: "#B3101820"
        MouseArea { anchors.fill: parent; onClicked: chooser.visible = false }
        Column {
            anchors.centerIn: parent
            spacing: 20 * root.u
            Repeater {
                model: directory.languages
                TouchButton {
                    required property var modelData
                    objectName: "choose-" + modelData.code
                    u: root.u
                    width: 560 * root.u
                    text: modelData.name
                    selected: directory.language === modelData.code
                    onClicked: { directory.setLanguage(modelData.code); chooser.visible = false }
                }
            }
        }
    }
}
