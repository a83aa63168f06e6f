// A visible scroll bar on the right of a list that holds more than it shows, so a visitor
// knows there is more below (touch screens otherwise give no hint).
import QtQuick

Rectangle {
    id: hint
    property Flickable flick
    property real u: 1
    property bool inside: false  // on the list's own edge (a list that fills the page)
    readonly property real ratio: flick && flick.contentHeight > 0 ? Math.min(1, flick.height / flick.contentHeight) : 1
    visible: flick && ratio < 0.99
    anchors { right: flick ? flick.right : undefined; top: flick ? flick.top : undefined
              bottom: flick ? flick.bottom : undefined; rightMargin: inside ? 10 * u : -22 * u }
    width: 12 * u
    radius: width / 2
    color: player.colours.band

    Rectangle {
        width: parent.width
        radius: width / 2
        color: player.colours.text_muted
        height: Math.max(48 * hint.u, hint.height * hint.ratio)
        y: hint.flick ? Math.min(hint.height - height, Math.max(0,
               (hint.flick.contentY - hint.flick.originY) / Math.max(1, hint.flick.contentHeight - hint.flick.height)
               * (hint.height - height))) : 0
    }
}
