"""The physical geometry of a screen and ``kiosk check-a11y``'s measurements.

The checker is fed pages built to violate each rule (a target too small, a control out of
reach, text without contrast) and a page that respects them all, rendered offscreen by Qt.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickView

from kiosk.core.geometry import PRESETS, Geometry, parse_geometry
from kiosk.errors import ConfigError
from kiosk.ui.a11y import check_window, contrast_ratio

TOTEM = PRESETS["totem55"]


# -- geometry --------------------------------------------------------------------------------


def test_totem_geometry() -> None:
    # 1080 px over 685 mm: 1.58 px per mm; the picture spans 0.60 to 1.82 m.
    assert TOTEM.px_per_mm(1080, 1920) == pytest.approx(1.5765, abs=0.001)
    assert TOTEM.floor_height(1920, 1920) == 600
    assert TOTEM.floor_height(0, 1920) == pytest.approx(1818)
    top, bottom = TOTEM.reach_rows(1920)
    assert TOTEM.floor_height(top, 1920) == pytest.approx(1300)
    assert TOTEM.floor_height(bottom, 1920) == pytest.approx(900)
    assert (round(top), round(bottom)) == (817, 1447)
    # 0.7 degrees at 700 mm: capitals of 8.55 mm
    assert TOTEM.large_cap_height_mm() == pytest.approx(700 * math.tan(math.radians(0.7)))


def test_a_screen_turned_keeps_its_lower_edge() -> None:
    hall = PRESETS["hall24"]
    assert not hall.portrait and hall.oriented(portrait=False) is hall
    upright = hall.oriented(portrait=True)
    assert (upright.width_mm, upright.height_mm, upright.bottom_mm) == (299, 531, 950)
    # the whole landscape hall screen is within reach; turned, its top part is not
    assert hall.reach_rows(1080) == (0.0, 1080.0)
    assert upright.reach_rows(1920)[0] > 0


def test_geometry_from_kiosk_toml() -> None:
    g = parse_geometry({"preset": "totem55", "bottom_mm": 450, "reach_mm": [850, 1250]}, "k")
    assert (g.width_mm, g.bottom_mm, g.reach_low_mm, g.reach_high_mm) == (685, 450, 850, 1250)
    custom = parse_geometry({"width_mm": 1000, "height_mm": 560, "bottom_mm": 1000}, "k")
    assert custom.name == "custom" and custom.viewing_mm == 600


@pytest.mark.parametrize(
    "table, expected",
    [
        ({"preset": "totem65"}, "expected one of totem55, hall24"),
        ({"width_mm": 500}, "needs a `preset`"),
        ({"preset": "hall24", "width": 3}, "unknown key `geometry.width`"),
        ({"preset": "hall24", "reach_mm": [1300, 900]}, "low end"),
        ({"preset": "hall24", "min_target_mm": 0}, "more than 0"),
        ({"preset": "hall24", "bottom_mm": "high"}, "wrong type"),
    ],
)
def test_bad_geometry_is_a_config_error(table: dict, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        parse_geometry(table, "/etc/kiosk/kiosk.toml")


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast_ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


# -- the checker on pages built for it -----------------------------------------------------

# On the totem (1.58 px/mm): 20 mm is 32 px; the reach band is rows 817 to 1447.
PAGE = """
import QtQuick
Rectangle {
    width: 1080; height: 1920; color: "#FFFFFF"
    Rectangle {   // too small: 10 x 10 mm, in the band
        x: 100; y: 1000; width: 16; height: 16; color: "#1D3557"
        MouseArea { objectName: "tiny"; anchors.fill: parent }
    }
    Rectangle {   // out of reach: 40 mm tall at the top of the totem
        x: 100; y: 100; width: 300; height: 64; color: "#1D3557"
        Text { text: "Up there"; color: "#FFFFFF"; font.pixelSize: 30; anchors.centerIn: parent }
        MouseArea { objectName: "high"; anchors.fill: parent }
    }
    Rectangle {   // fine: 50 x 40 mm, in the band, white on dark blue
        x: 500; y: 1100; width: 300; height: 64; color: "#1D3557"
        Text { text: "Within reach"; color: "#FFFFFF"; font.pixelSize: 30
               anchors.centerIn: parent }
        MouseArea { objectName: "good"; anchors.fill: parent }
    }
    Text { x: 100; y: 1600; text: "Pale grey words"; color: "#BBBBBB"; font.pixelSize: 20 }
    Text { x: 100; y: 1700; text: "Dark words"; color: "#222222"; font.pixelSize: 20 }
    Text { x: 100; y: 1800; text: "Faded words"; color: "#222222"; opacity: 0.3
           font.pixelSize: 20 }
    MouseArea { objectName: "backdrop"; anchors.fill: parent; z: -1 }
}
"""


def render(qtbot, tmp_path: Path, qml: str):  # type: ignore[no-untyped-def]
    file = tmp_path / "Page.qml"
    file.write_text(textwrap.dedent(qml))
    view = QQuickView()
    view.setSource(QUrl.fromLocalFile(str(file)))
    view.resize(1080, 1920)
    view.show()
    qtbot.waitExposed(view)
    image = view.grabWindow()
    return view, image


def test_each_rule_is_caught_and_a_good_control_passes(qtbot, tmp_path: Path) -> None:
    view, image = render(qtbot, tmp_path, PAGE)
    try:
        found = check_window(view, image, TOTEM)
    finally:
        view.close()
    by_rule = {(v.rule, v.element.split(" ")[0]) for v in found}
    assert ("target-size", "tiny") in by_rule
    assert ("reach", "high") in by_rule
    assert any(v.element == "high 'Up there'" for v in found)  # named with its text
    assert not any("Within reach" in v.element for v in found)
    contrast = [v for v in found if v.rule == "contrast"]
    assert {v.element for v in contrast} == {"text 'Pale grey words'", "text 'Faded words'"}
    assert "#bbbbbb on #ffffff" in next(v.detail for v in contrast if "Pale" in v.element)
    reach = next(v for v in found if v.rule == "reach")
    assert "1.71-1.75 m above the floor" in reach.detail  # rows 100-164 of 1920
    assert len(found) == 4  # the backdrop is not a control; nothing else is wrong


def test_the_same_page_on_a_screen_hung_lower(qtbot, tmp_path: Path) -> None:
    low = Geometry("low", 685, 1218, bottom_mm=0, viewing_mm=700)  # top at 1.22 m
    view, image = render(qtbot, tmp_path, PAGE)
    try:
        found = check_window(view, image, low)
    finally:
        view.close()
    assert not any(v.rule == "reach" and "high" in v.element for v in found)
    assert any(v.rule == "reach" and "tiny" in v.element for v in found)  # now too low


LARGE = """
import QtQuick
Rectangle {
    width: 1080; height: 1920; color: "#FFFFFF"
    Text { x: 100; y: 1000; text: "Small print"; color: "#000000"; font.pixelSize: 12 }
    Text { x: 100; y: 1100; text: "Large enough"; color: "#000000"; font.pixelSize: 40 }
    Text { x: 100; y: 1200; width: 60; height: 40; text: "Fitted down"; color: "#000000"
           font.pixelSize: 40; fontSizeMode: Text.HorizontalFit; minimumPixelSize: 8 }
}
"""


def test_large_text_mode_wants_capitals_of_0_7_degrees(qtbot, tmp_path: Path) -> None:
    # 0.7 degrees at 0.70 m: capitals of 8.6 mm, 13.5 px on the totem.
    view, image = render(qtbot, tmp_path, LARGE)
    try:
        normal = check_window(view, image, TOTEM)
        large = check_window(view, image, TOTEM, large_text=True)
    finally:
        view.close()
    assert not [v for v in normal if v.rule == "large-text"]  # only asked of large text
    # A text fitted to its box is measured at the size it was drawn, not the size asked.
    fitted, small = sorted((v for v in large if v.rule == "large-text"), key=lambda v: v.element)
    assert (fitted.element, small.element) == ("text 'Fitted down'", "text 'Small print'")
    assert "at least 8.6 mm (0.7 degrees)" in small.detail and "at 0.70 m" in small.detail


@pytest.mark.parametrize(
    "box, expected",
    [
        ("x: 0; y: 1100; width: 1080; height: 320", []),  # 62 x 51 mm keys, in the band
        ("x: 0; y: 1100; width: 300; height: 100", ["target-size"]),  # 17 x 16 mm keys
        ("x: 0; y: 1300; width: 1080; height: 320", ["reach"]),  # its bottom row at 0.84 m
    ],
)
def test_on_screen_keyboard_keys_are_measured(qtbot, tmp_path: Path, box: str, expected) -> None:
    qml = f"""
    import QtQuick
    Rectangle {{
        width: 1080; height: 1920; color: "#FFFFFF"
        Rectangle {{ objectName: "keyboard"; {box}; color: "#222222" }}
    }}
    """
    view, image = render(qtbot, tmp_path, qml)
    try:
        found = check_window(view, image, TOTEM)
    finally:
        view.close()
    assert [v.rule for v in found] == expected
    assert all(v.element in ("keyboard keys", "keyboard") for v in found)


def test_keyboard_labels_too_small_for_large_text_are_a_known_limit(qtbot, tmp_path) -> None:
    qml = """
    import QtQuick
    Rectangle {
        width: 1080; height: 1920; color: "#FFFFFF"
        Rectangle {
            objectName: "keyboard"; x: 0; y: 1100; width: 1080; height: 320; color: "#222222"
            Text { x: 10; y: 10; text: "a"; color: "#FFFFFF"; font.pixelSize: 12 }
            Text { x: 60; y: 10; text: "z"; color: "#FFFFFF"; font.pixelSize: 14 }
        }
        Text { x: 10; y: 1500; text: "Tiny"; color: "#000000"; font.pixelSize: 12 }
    }
    """
    view, image = render(qtbot, tmp_path, qml)
    try:
        found = check_window(view, image, TOTEM, large_text=True)
    finally:
        view.close()
    limit, tiny = sorted(found, key=lambda v: v.element)
    assert (limit.element, limit.known_limit) == ("keyboard key labels", True)
    assert "(known limit, not counted)" in str(limit)
    assert (tiny.element, tiny.known_limit) == ("text 'Tiny'", False)  # outside: counted


@pytest.mark.slow
@pytest.mark.parametrize("geometry", ["totem55", "hall24"])
def test_check_a11y_passes_on_the_demo(capsys: pytest.CaptureFixture[str], geometry: str) -> None:
    """A page of each kind (the whole demo takes minutes: its result is in the issue's
    note), both orientations, both languages, every display mode."""
    from kiosk.cli import main
    from kiosk.resources import demo_site

    pages = ["home", "services/etat-civil", "services/etat-civil/pacs", "search:"]
    args = ["check-a11y", str(demo_site()), "--geometry", geometry]
    status = main(args + [a for page in pages for a in ("--page", page)])
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{demo_site()}: 0 violations on {geometry} ("), out
    assert status == 0
    # Only known limits are printed: the keyboard's letters in large-text mode, once per
    # search page (2 orientations x 2 languages).
    assert len(out) - 1 == 4 and all("keyboard key labels" in line for line in out[:-1])
    assert all(" large-text search:: " in line for line in out[:-1])


# -- the reach band layout -------------------------------------------------------------------


def demo_view(tmp_path: Path, geometry: Geometry | None, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from kiosk.app import load_theme, snapshot_of
    from kiosk.resources import demo_site
    from kiosk.ui.bridge import Player
    from kiosk.ui.view import View, load_fonts

    snapshot = snapshot_of(demo_site(), tmp_path / "data")
    theme, folder = load_theme(snapshot.feed.site.theme)
    load_fonts(theme, folder)
    player = Player(theme, folder, language="fr", render_mode=True)
    player.set_snapshot(snapshot)
    view = View(player, timed_sessions=False, geometry=geometry)
    view.show(size, fullscreen=False, hide_cursor=False)
    return player, view


@pytest.mark.parametrize("page", ["home", "services/etat-civil", "services/etat-civil/pacs"])
def test_on_the_totem_every_control_comes_into_the_reach_band(
    qtbot, tmp_path: Path, page: str
) -> None:
    from kiosk.ui.render import grab_page

    _player, view = demo_view(tmp_path, TOTEM, (1080, 1920))
    try:
        image = grab_page(view, page)
        found = check_window(view.window, image, TOTEM)
        assert [v for v in found if v.rule == "reach"] == []
        above = view.window.findChild(QObject, "aboveBand")
        assert above is not None and above.property("visible")  # what is read, up there
    finally:
        view.close()
    # Without the geometry (the layout every screen had before), the same page is not.
    _player, plain = demo_view(tmp_path / "plain", None, (1080, 1920))
    try:
        image = grab_page(plain, page)
        assert any(v.rule == "reach" for v in check_window(plain.window, image, TOTEM))
    finally:
        plain.close()


def test_a_screen_wholly_within_reach_keeps_its_layout(qtbot, tmp_path: Path) -> None:
    from kiosk.ui.render import grab_page

    hall = PRESETS["hall24"]  # landscape, 0.95 to 1.25 m: all of it within reach
    _player, view = demo_view(tmp_path, hall, (1920, 1080))
    try:
        image = grab_page(view, "home")
        assert not view.window.findChild(QObject, "aboveBand").property("visible")
        assert [v for v in check_window(view.window, image, hall) if v.rule == "reach"] == []
    finally:
        view.close()
