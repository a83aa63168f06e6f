"""`kiosk render` and `kiosk demo` without a display: real PNGs, checked pixel by pixel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.app import render_site, run_demo
from kiosk.cli import main
from kiosk.resources import demo_site
from tests.fixtures_feed import jpeg_bytes
from tests.qmlkit import colour_spread, dark_fraction, has_colour, make_site, picture

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PRIMARY = "#1D3557"  # header band of the default theme


@pytest.fixture(scope="module")
def demo_renders(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert run_demo(out=out) == 0
    return out


@pytest.mark.parametrize(
    ("orientation", "size"), [("portrait", (1080, 1920)), ("landscape", (1920, 1080))]
)
def test_demo_renders_every_item_in_both_orientations(demo_renders, orientation, size):
    files = sorted((demo_renders / orientation).glob("*.png"))
    items = [f.stem.split("-", 1)[1].split("#")[0] for f in files]
    # Every rotation item of playlists/demo; news and agenda items once per derived slide
    # (the demo's agenda repeats weekly; its 4 articles, dated November 2026, age out after
    # 365 days: tests/test_live_render.py renders news at fixed dates).
    assert set(items) >= {"bienvenue", "agenda", "noel-video"}
    assert len(set(items) - {"actualites"}) == 16
    assert items.count("actualites") <= 4 and items.count("agenda") >= 2
    for file in files:
        image = QImage(str(file))
        assert (image.width(), image.height()) == size
        assert has_colour(image.copy(0, 0, size[0], 40), PRIMARY, tolerance=4), (
            f"{file.name}: no header"
        )
        body = image.copy(0, size[1] // 8, size[0], size[1] * 3 // 4)
        assert colour_spread(body) > 80, f"{file.name}: the slide is blank"
        assert dark_fraction(body) < 0.6, f"{file.name}: the slide is mostly black"


def test_the_video_slide_shows_a_frame_of_the_video(demo_renders):
    [video] = (demo_renders / "portrait").glob("*-noel-video.png")
    image = QImage(str(video))
    # The Christmas-market video has snow-white chalet roofs and red stalls in its frames.
    middle = image.copy(0, 700, 1080, 500)
    assert colour_spread(middle) > 150
    assert has_colour(middle, "#FFFFFF", tolerance=40, step=3)


def test_render_at_a_moment_applies_the_schedule(tmp_path):
    # Wednesday 25 November 2026, 22:00 in Paris: the overnight pharmacy item is on for the
    # street totem, the Saturday market (thu-sat) is not, the canteen menu (weekdays) is.
    out = tmp_path / "out"
    code = main(
        [
            "render",
            str(demo_site()),
            "--out",
            str(out),
            "--screen",
            "totem-place",
            "--at",
            "2026-11-25T22:00",
        ]
    )
    assert code == 0
    names = {p.name.split("-", 1)[1] for p in out.glob("*.png")}
    assert "pharmacie-garde.png" in names
    assert "marche-samedi.png" not in names
    assert "cantine-menu.png" in names
    assert "noel-marche.png" not in names  # targets totem-gare only


def test_render_size_and_language(tmp_path):
    paths = render_site(
        demo_site(), tmp_path, screen="hall-mairie", size=(1280, 720), lang="en", every_item=True
    )
    assert all(QImage(str(p)).size().toTuple() == (1280, 720) for p in paths)


@pytest.mark.qt_log_ignore("Error decoding", "Quantization table")
def test_render_reports_a_broken_picture_by_item(tmp_path, capsys):
    site = make_site(
        tmp_path / "site",
        """\
        version: 1
        site: {name: Testville}
        rotation:
          - {id: good, type: image, image: media/good.jpg}
          - {id: bad, type: image, image: media/bad.jpg}
        """,
        {"media/good.jpg": picture("#3050C0"), "media/bad.jpg": jpeg_bytes(b"not a jpeg at all")},
    )
    code = main(["render", str(site), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "slide bad: picture media/bad.jpg could not be decoded" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "out").glob("*.png")] == ["01-good.png"]


def test_render_refuses_an_unknown_screen(tmp_path, capsys):
    code = main(["render", str(demo_site()), "--out", str(tmp_path), "--screen", "nowhere"])
    assert code == 1
    assert "no screen named 'nowhere'" in capsys.readouterr().err
