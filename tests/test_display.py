"""The visitor's display modes: large text, high contrast and the accessible layout.

Each is turned on through the Accessibility panel of the real directory (the demo town, on
the totem's geometry), measured on the rendered window with kiosk check-a11y's checker, and
reset at the end of the visit. ``kiosk render --mode`` previews them.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from kiosk.core.geometry import PRESETS, Geometry
from kiosk.ui.a11y import check_window
from kiosk.ui.display import LARGE_TEXT_UNITS, Display, large_text_px
from tests.qmlkit import _really_visible, click, dark_fraction, find, items

TOTEM = PRESETS["totem55"]

pytestmark = pytest.mark.gui


def test_large_text_size_from_the_geometry() -> None:
    # On the totem, 44 px (the floor) already gives capitals far above 0.7 degrees.
    assert large_text_px(TOTEM, 1080, 1920, 0.7) == LARGE_TEXT_UNITS
    # The same picture read from 4 m away needs more: capitals of 4000 * tan(0.7 deg) mm.
    far = Geometry("far", 685, 1218, bottom_mm=600, viewing_mm=4000)
    size = large_text_px(far, 1080, 1920, 0.7)
    cap_mm = size * 0.7 / far.px_per_mm(1080, 1920)
    assert size > LARGE_TEXT_UNITS
    assert math.degrees(2 * math.atan(cap_mm / 2 / 4000)) >= 0.7
    # Without a geometry: the floor, scaled to the window.
    assert large_text_px(None, 2160, 3840, 0.7) == 2 * LARGE_TEXT_UNITS


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown display mode 'huge'"):
        Display().set_modes(["huge"])


def _demo(tmp_path: Path, geometry: Geometry | None, size=(1080, 1920)):  # type: ignore[no-untyped-def]
    from tests.test_a11y import demo_view

    return demo_view(tmp_path, geometry, size)


def _texts(view) -> list[QObject]:  # type: ignore[no-untyped-def]
    """The visible texts of the directory (not the header's clock and date)."""
    loader = find(view, "directoryLoader")
    found = []
    for item in items(view):
        if (
            not item.inherits("QQuickText")
            or not _really_visible(item)
            or not item.property("text")
        ):
            continue
        parent = item.parentItem()
        while parent is not None and parent is not loader and parent != loader:
            parent = parent.parentItem()
        if parent is not None:
            found.append(item)
    return found


def _open_panel(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    click(view, "accessibilityButton")
    qtbot.waitUntil(lambda: find(view, "accessibilityPanel").property("visible"), timeout=2000)


def test_large_text_from_the_panel(qtbot, tmp_path: Path) -> None:
    from kiosk.ui.render import grab_page

    hall = PRESETS["hall24"]
    _player, view = _demo(tmp_path, hall, (1920, 1080))
    try:
        image = grab_page(view, "services/etat-civil/pacs")
        before = check_window(view.window, image, hall, large_text=True)
        assert any(v.rule == "large-text" for v in before)  # normal text is not large
        smallest = min(t.property("font").pixelSize() for t in _texts(view))
        _open_panel(qtbot, view)
        click(view, "mode-largeText")
        click(view, "closeAccessibility")
        assert view.display.largeText
        image = grab_page(view, "services/etat-civil/pacs")
        after = check_window(view.window, image, hall, large_text=True)
        assert [v for v in after if v.rule == "large-text"] == []
        sizes = [t.property("font").pixelSize() for t in _texts(view)]
        assert min(sizes) >= view.display.minTextPx >= LARGE_TEXT_UNITS > smallest
        # The end of the visit: the next visitor gets the normal size.
        view.session.end()
        assert not view.display.largeText and view.display.minTextPx == 0
    finally:
        view.close()


def test_high_contrast_from_the_panel(qtbot, tmp_path: Path) -> None:
    from kiosk.ui.render import grab_page

    player, view = _demo(tmp_path, TOTEM)
    try:
        grab_page(view, "home")
        normal = dict(player.colours)
        _open_panel(qtbot, view)
        click(view, "mode-highContrast")
        click(view, "closeAccessibility")
        assert player.colours["background"] == "#000000" != normal["background"]
        image = grab_page(view, "home")
        assert dark_fraction(image) > 0.6  # white and yellow on black
        found = check_window(view.window, image, TOTEM)
        assert [v for v in found if v.rule == "contrast"] == []
        # The tiles' icons are drawn again in the new colours.
        icon = view.directory.categories[0]["icon"]
        assert player.colours["primary"][1:].lower() in icon.lower()
        view.session.end()
        assert dict(player.colours) == normal
    finally:
        view.close()


def test_the_accessible_layout_brings_the_whole_page_into_the_band(qtbot, tmp_path: Path) -> None:
    from kiosk.ui.render import grab_page

    _player, view = _demo(tmp_path, TOTEM)
    try:
        grab_page(view, "home")
        top, bottom = TOTEM.reach_rows(1920)

        def heading_rows() -> tuple[float, float]:
            title = next(t for t in _texts(view) if t.property("text") == "Services de la mairie")
            rect = title.mapRectToScene(title.boundingRect())
            return rect.top(), rect.bottom()

        # By default the page's own heading is above the band (read, not touched)...
        assert not any(t.property("text") == "Services de la mairie" for t in _texts(view))
        _open_panel(qtbot, view)
        click(view, "mode-accessibleLayout")
        click(view, "closeAccessibility")
        image = grab_page(view, "home")
        # ... in the accessible layout it comes down with the rest of the page.
        first, last = heading_rows()
        assert top <= first < last <= bottom
        assert [v for v in check_window(view.window, image, TOTEM) if v.rule == "reach"] == []
        view.session.end()
        assert not view.display.accessibleLayout
    finally:
        view.close()


def test_the_layout_control_is_offered_only_where_part_of_the_screen_is_out_of_reach(
    qtbot, tmp_path: Path
) -> None:
    from kiosk.ui.render import grab_page

    _player, view = _demo(tmp_path, PRESETS["hall24"], (1920, 1080))  # all within reach
    try:
        grab_page(view, "home")
        _open_panel(qtbot, view)
        assert find(view, "mode-largeText").property("visible")
        assert find(view, "mode-accessibleLayout") is None  # find() sees visible items only
    finally:
        view.close()


def test_kiosk_render_previews_each_mode(tmp_path: Path) -> None:
    from kiosk.cli import main
    from kiosk.resources import demo_site

    shots = {}
    for mode in ("default", "high-contrast", "accessible-layout"):
        args = ["render", str(demo_site()), "--out", str(tmp_path / mode), "--size", "1080x1920"]
        args += ["--geometry", "totem55", "--page", "home"]
        args += [] if mode == "default" else ["--mode", mode]
        assert main(args) == 0
        shots[mode] = QImage(str(tmp_path / mode / "home.png"))
    assert dark_fraction(shots["high-contrast"]) > 0.6 > dark_fraction(shots["default"])
    assert shots["accessible-layout"] != shots["default"]


@pytest.mark.parametrize("geometry", [TOTEM, None])
def test_the_pause_button_of_the_loop_is_within_reach_on_the_totem(
    qtbot, tmp_path: Path, geometry: Geometry | None
) -> None:
    _player, view = _demo(tmp_path, geometry)
    try:
        qtbot.waitUntil(lambda: find(view, "pauseButton") is not None, timeout=5000)
        image = view.window.grabWindow()
        out_of_reach = [
            v for v in check_window(view.window, image, TOTEM) if "pauseButton" in v.element
        ]
        # Placed from the geometry: within the band; without it, at the bottom of the screen.
        assert [v.rule for v in out_of_reach] == ([] if geometry else ["reach"])
    finally:
        view.close()
