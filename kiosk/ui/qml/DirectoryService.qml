// One service: what it is, what to bring, where, when, whom to call, and the QR code of the
// online procedure with its address in clear text.
import QtQuick

Item {
    id: page
    property real u: 1
    property bool portrait: true
    property bool compact: false   // the reach band: the heading is shown above it instead
    readonly property real pad: 48 * u
    readonly property var service: directory.service
    readonly property bool hasQr: (service.qr || "") !== ""

    Flickable {
        id: flick
        objectName: "serviceFlick"
        anchors.fill: parent
        contentHeight: body.height + 2 * page.pad
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        Item {
            id: body
            x: page.pad
            y: page.pad
            width: page.width - 2 * page.pad
            height: Math.max(details.y + details.height, qrCard.visible ? qrCard.y + qrCard.height : 0)

            // In landscape the QR card sits top right: text beside it leaves it room.
            readonly property real textWidth: page.portrait || !page.hasQr ? width : width - qrCard.width - 48 * page.u

            // The heading; in the reach band (compact) it is shown above the band instead.
            Column {
                id: heading
                width: body.textWidth
                visible: !page.compact
                height: visible ? implicitHeight : 0
                spacing: 8 * page.u
                Text {
                    id: crumb
                    width: parent.width
                    text: page.service.categoryTitle || ""
                    color: player.colours.accent
                    font.pixelSize: Math.max(30 * page.u, display.minTextPx)
                    font.weight: Font.Bold
                    font.capitalization: Font.AllUppercase
                }
                Text {
                    id: title
                    width: parent.width
                    text: page.service.title || ""
                    color: player.colours.primary
                    font.pixelSize: Math.max(64 * page.u, display.minTextPx)
                    font.weight: Font.Bold
                    wrapMode: Text.WordWrap
                }
                Item { width: 1; height: 8 * page.u; visible: summary.visible }
                Text {
                    id: summary
                    width: parent.width
                    visible: text !== ""
                    text: page.service.summary || ""
                    color: player.colours.text
                    font.pixelSize: Math.max(38 * page.u, display.minTextPx)
                    lineHeight: 1.15
                    wrapMode: Text.WordWrap
                }
            }
            readonly property real afterHeading: heading.visible ? heading.height : -32 * page.u

            // Portrait: the QR card first (the action), details below. Landscape: side by side.
            QrCard {
                id: qrCard
                objectName: "serviceQr"
                visible: page.hasQr
                u: page.u
                qr: page.service.qr || ""
                url: page.service.url || ""
                decodeNow: true  // a small SVG: the page's first frame already shows the code
                codeSize: (page.portrait ? 360 : 330) * page.u
                x: page.portrait ? 0 : parent.width - width
                y: page.portrait ? body.afterHeading + 32 * page.u : 0
            }
            Text {
                visible: page.hasQr && page.portrait
                anchors { left: qrCard.right; leftMargin: 36 * page.u; right: parent.right
                          verticalCenter: qrCard.verticalCenter }
                //: Next to the QR code of a service page
                text: qsTr("Do it online: scan the code with your phone's camera, the procedure opens on your phone.")
                color: player.colours.text
                font.pixelSize: Math.max(36 * page.u, display.minTextPx)
                wrapMode: Text.WordWrap
            }

            Column {
                id: details
                y: page.portrait && page.hasQr ? qrCard.y + qrCard.height + 40 * page.u
                                              : body.afterHeading + 36 * page.u
                width: body.textWidth
                spacing: 28 * page.u

                DetailBlock {
                    u: page.u
                    width: parent.width
                    icon: "document"
                    //: Heading of the list of documents to bring
                    heading: qsTr("What to bring")
                    lines: page.service.documents || []
                }
                DetailBlock {
                    u: page.u
                    width: parent.width
                    icon: "place"
                    //: Heading: where the service is
                    heading: qsTr("Where")
                    lines: page.service.place ? [page.service.place] : []
                }
                DetailBlock {
                    u: page.u
                    width: parent.width
                    icon: "clock"
                    //: Heading: opening hours
                    heading: qsTr("When")
                    lines: page.service.hours ? [page.service.hours] : []
                }
                DetailBlock {
                    u: page.u
                    width: parent.width
                    icon: "phone"
                    //: Heading: phone number
                    heading: qsTr("Phone")
                    lines: page.service.phone ? [page.service.phone] : []
                }
            }
        }
    }

    ScrollHint { flick: flick; u: page.u; inside: true }
}
