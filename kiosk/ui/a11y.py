"""``kiosk check-a11y``: measure what a page offers a visitor, on the configured screen.

For a rendered window and the physical :class:`~kiosk.core.geometry.Geometry` of the screen,
:func:`check_window` finds every touch target (each visible, enabled ``MouseArea``) and every
visible text, and reports:

- ``target-size``: a target smaller than ``min_target_mm`` (20 mm) in either direction;
- ``reach``: a target with less than a target's height inside the reach band (0.90-1.30 m
  above the floor);
- ``contrast``: text whose colour against the rendered pixels behind it has a contrast
  ratio under 4.5:1 (3:1 for large text: 24 px, or 18.66 px bold, WCAG 1.4.3);
- ``large-text`` (in large-text mode only): text whose capitals subtend less than 0.7
  degrees at the viewing distance (EN 301 549, 5.1.4).

Measured on the pixels and the item tree Qt actually rendered, not on the QML source.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage
from PySide6.QtQml import QJSValue
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.geometry import LARGE_TEXT_DEGREES, Geometry
from kiosk.core.theme import contrast_ratio as theme_contrast

#: A target covering this share of the window is a backdrop (touch anywhere), not a control.
BACKDROP_SHARE = 0.8
#: Touch catchers that are not controls: they pass the touch on to what is underneath.
NOT_CONTROLS = {"touchCatcher", "maintenanceCorner"}


@dataclass(frozen=True)
class Violation:
    rule: str  # target-size, reach, contrast, large-text
    element: str  # what it is: a button's text, a text's first words
    detail: str
    #: A known limit (docs/accessibility.md): reported, not counted as a violation.
    known_limit: bool = False

    def __str__(self) -> str:
        note = " (known limit, not counted)" if self.known_limit else ""
        return f"{self.rule}: {self.element}: {self.detail}{note}"


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (alpha ignored)."""
    return theme_contrast(a.name(QColor.NameFormat.HexRgb), b.name(QColor.NameFormat.HexRgb))


def check_window(
    window: QQuickWindow, image: QImage, geometry: Geometry, large_text: bool = False
) -> list[Violation]:
    """Every violation on what ``window`` shows (``image``: its grabbed pixels);
    ``large_text``: the window is in large-text mode, whose capitals must subtend the
    large-text angle."""
    width, height = image.width(), image.height()
    scale = image.width() / max(1, window.width())  # grabbed pixels per item unit
    g = geometry.oriented(height > width)
    px_mm = g.px_per_mm(width, height)
    band_top, band_bottom = g.reach_rows(height)
    min_cap_px = g.large_cap_height_mm() * px_mm
    violations: list[Violation] = []
    screen = QRectF(0, 0, width, height)
    keyboard_labels: list[tuple[float, Violation]] = []  # (capital height, violation)
    for item in _visible_items(window.contentItem()):
        whole = _scene_rect(item, scale)
        rect = whole.intersected(_clip_of(item, scale)).intersected(screen)  # what shows
        if rect.isEmpty():
            continue
        if item.inherits("QQuickMouseArea"):
            if not item.isEnabled() or item.objectName() in NOT_CONTROLS:
                continue
            if rect.width() * rect.height() >= BACKDROP_SHARE * width * height:
                continue
            name = _label_of(item)
            # Its whole size: a row half scrolled out of a list is a whole row to the finger.
            w_mm, h_mm = whole.width() / px_mm, whole.height() / px_mm
            if min(w_mm, h_mm) < g.min_target_mm:
                violations.append(_too_small(name, w_mm, h_mm, g))
            inside = min(rect.bottom(), band_bottom) - max(rect.top(), band_top)
            needed = min(rect.height(), g.min_target_mm * px_mm)
            if inside < needed - 0.5:
                violations.append(_out_of_reach(name, rect, g, height))
        elif item.objectName() == "keyboard" and not _in_keyboard(item):  # keys, not areas
            violations += _keyboard(rect, px_mm, g, band_top, band_bottom, height)
        elif item.inherits("QQuickText") or item.inherits("QQuickTextInput"):
            if not item.isEnabled():  # text of a disabled control: no contrast requirement
                continue
            found = _text_contrast(item, rect, image)
            if found is not None:
                violations.append(found)
            if large_text:
                small = _small_capitals(item, scale, min_cap_px, px_mm, g)
                if small is not None and _in_keyboard(item):
                    keyboard_labels.append(small)
                elif small is not None:
                    violations.append(small[1])
    if keyboard_labels:
        # The letters on the on-screen keyboard's keys: Qt Virtual Keyboard's style sizes
        # them from the keys, and the keys from the room the page has; one line, not 30.
        _cap, smallest = min(keyboard_labels, key=lambda found: found[0])
        violations.append(
            Violation("large-text", "keyboard key labels", smallest.detail, known_limit=True)
        )
    return violations


def _in_keyboard(item: QQuickItem) -> bool:
    parent = item.parentItem()
    while parent is not None:
        if parent.objectName() == "keyboard":
            return True
        parent = parent.parentItem()
    return False


#: Qt Virtual Keyboard's default style: rows of at most 11 keys, 4 rows of letters.
KEYBOARD_COLUMNS, KEYBOARD_ROWS = 11, 4


def _keyboard(
    rect: QRectF, px_mm: float, g: Geometry, band_top: float, band_bottom: float, height: int
) -> list[Violation]:
    """The on-screen keyboard (an ``InputPanel`` named "keyboard"): the size of a key (its
    width over 11 columns, its height over 4 rows) and the reach of its top and bottom rows."""
    found = []
    key_w, key_h = rect.width() / KEYBOARD_COLUMNS / px_mm, rect.height() / KEYBOARD_ROWS / px_mm
    if min(key_w, key_h) < g.min_target_mm:
        found.append(_too_small("keyboard keys", key_w, key_h, g))
    if rect.top() < band_top - 0.5 or rect.bottom() > band_bottom + 0.5:
        found.append(_out_of_reach("keyboard", rect, g, height))
    return found


def _too_small(name: str, w_mm: float, h_mm: float, g: Geometry) -> Violation:
    return Violation(
        "target-size", name, f"{w_mm:.0f} x {h_mm:.0f} mm; at least {g.min_target_mm:.0f} mm a side"
    )


def _out_of_reach(name: str, rect: QRectF, g: Geometry, height: int) -> Violation:
    low, high = g.floor_height(rect.bottom(), height), g.floor_height(rect.top(), height)
    return Violation(
        "reach",
        name,
        f"{low / 1000:.2f}-{high / 1000:.2f} m above the floor; the reach band is "
        f"{g.reach_low_mm / 1000:.2f}-{g.reach_high_mm / 1000:.2f} m",
    )


def _visible_items(root: QQuickItem) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    stack = [root]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() <= 0.01:
            continue
        found.append(item)
        stack.extend(item.childItems())
    return found


def _scene_rect(item: QQuickItem, scale: float) -> QRectF:
    r = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    return QRectF(r.x() * scale, r.y() * scale, r.width() * scale, r.height() * scale)


def _clip_of(item: QQuickItem, scale: float) -> QRectF:
    """The part of the scene the item can show: its clipping ancestors' rectangles."""
    clip = QRectF(-1e9, -1e9, 2e9, 2e9)
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            clip = clip.intersected(_scene_rect(parent, scale))
        parent = parent.parentItem()
    return clip


def _effective_opacity(item: QQuickItem) -> float:
    opacity = 1.0
    node: QQuickItem | None = item
    while node is not None:
        opacity *= node.opacity()
        node = node.parentItem()
    return opacity


def _texts_under(item: QObject) -> list[str]:
    texts = []
    for child in item.findChildren(QObject):
        if child.inherits("QQuickText"):
            text = str(child.property("text") or "").strip()
            if text:
                texts.append(text)
    return texts


def _label_of(area: QQuickItem) -> str:
    """A name for a target: its (or its control's) object name and the control's texts."""
    control = area.parentItem() or area
    name = area.objectName() or control.objectName()
    texts = " / ".join(_texts_under(control))[:60]
    if name and texts:
        return f"{name} '{texts}'"
    return name or (f"'{texts}'" if texts else "an unlabelled touch area")


def _text_contrast(item: QQuickItem, rect: QRectF, image: QImage) -> Violation | None:
    text = str(item.property("text") or "").strip()
    if not text or rect.width() < 2 or rect.height() < 2:
        return None
    colour = QColor(item.property("color"))
    background = _dominant_colour(image, rect)
    opacity = _effective_opacity(item) * colour.alphaF()
    if opacity < 1:  # what the eye gets: the text colour blended over the background
        colour = QColor.fromRgbF(
            colour.redF() * opacity + background.redF() * (1 - opacity),
            colour.greenF() * opacity + background.greenF() * (1 - opacity),
            colour.blueF() * opacity + background.blueF() * (1 - opacity),
        )
    font = item.property("font")
    size = font.pixelSize() if font is not None and font.pixelSize() > 0 else 16
    bold = font is not None and font.bold()
    large = size >= 24 or (bold and size >= 18.66)
    needed = 3.0 if large else 4.5
    ratio = contrast_ratio(colour, background)
    if ratio + 1e-6 >= needed:
        return None
    words = " ".join(text.split())[:50]
    return Violation(
        "contrast",
        f"text '{words}'",
        f"{ratio:.2f}:1 ({colour.name()} on {background.name()}); at least {needed:.1f}:1 "
        f"for {'large' if large else 'normal'} text",
    )


def _small_capitals(
    item: QQuickItem, scale: float, min_cap_px: float, px_mm: float, g: Geometry
) -> tuple[float, Violation] | None:
    """Large-text mode: capitals shorter than the large-text angle at the viewing distance
    (their height in pixels, and the violation)."""
    text = str(item.property("text") or "").strip()
    font = item.property("font")
    if not text or font is None:
        return None
    info = item.property("fontInfo")  # the size rendered (fitted text shrinks its font)
    drawn = info.property("pixelSize").toInt() if isinstance(info, QJSValue) else 0
    if drawn > 0:
        font = QFont(font)
        font.setPixelSize(drawn)
    metrics = QFontMetricsF(font)
    cap_px = metrics.capHeight() * scale * _scene_scale(item)
    if cap_px + 0.5 >= min_cap_px:
        return None
    words = " ".join(text.split())[:50]
    angle = math.degrees(2 * math.atan(cap_px / px_mm / 2 / g.viewing_mm))
    return cap_px, Violation(
        "large-text",
        f"text '{words}'",
        f"capitals {cap_px / px_mm:.1f} mm high ({angle:.2f} degrees at "
        f"{g.viewing_mm / 1000:.2f} m); at least {min_cap_px / px_mm:.1f} mm "
        f"({LARGE_TEXT_DEGREES} degrees)",
    )


def _scene_scale(item: QQuickItem) -> float:
    """How much the item's ancestors scale it (1 without transforms)."""
    r = item.mapRectToScene(QRectF(0, 0, 100, 100))
    return r.height() / 100


def _dominant_colour(image: QImage, rect: QRectF) -> QColor:
    """The most frequent colour in ``rect``: the background behind text (glyphs are thin)."""
    counts: Counter[int] = Counter()
    x0, y0 = max(0, int(rect.left())), max(0, int(rect.top()))
    x1, y1 = min(image.width(), int(rect.right())), min(image.height(), int(rect.bottom()))
    step = max(1, int(min(x1 - x0, y1 - y0) / 24))
    for y in range(y0, y1, step):
        for x in range(x0, x1, step):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    if not counts:
        return QColor("white")
    return QColor(counts.most_common(1)[0][0] | 0xFF000000)


@dataclass(frozen=True)
class Finding:
    page: str
    language: str
    orientation: str
    violation: Violation
    mode: str = "default"

    def __str__(self) -> str:
        where = f"{self.orientation} {self.language}"
        if self.mode != "default":
            where += f" {self.mode}"
        return f"{where} {self.page}: {self.violation}"


def interactive_pages(directory: object) -> list[str]:
    """Every page of the services directory a visitor can open on this screen."""
    model = directory._nav.directory  # type: ignore[attr-defined]  # this screen's directory
    pages = ["home", "services", "search:"]
    for category in model.categories:
        pages.append(f"services/{category.id}")
        pages += [f"services/{category.id}/{service.id}" for service in category.services]
    return pages


def check_pages(
    view: object, pages: list[str], geometry: Geometry, large_text: bool = False
) -> list[tuple[str, Violation]]:
    """Open each page of ``view`` (a kiosk.ui.view.View), grab it and check it."""
    from kiosk.ui.render import grab_page

    found = []
    for page in pages:
        image = grab_page(view, page)  # type: ignore[arg-type]
        window = view.window  # type: ignore[attr-defined]
        found += [(page, v) for v in check_window(window, image, geometry, large_text)]
    return found
