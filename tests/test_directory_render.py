"""`kiosk render --page`: every page type in both orientations, and every service's QR code
read back with a real QR decoder (zbar's zbarimg)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.app import render_site
from kiosk.cli import main
from kiosk.core.feed import procedure_url
from kiosk.io.sync import sync_once
from kiosk.resources import demo_site
from tests.fixtures_feed import TRUST
from tests.qmlkit import colour_spread

pytestmark = [
    pytest.mark.gui,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("overrides a member of the base object"),
]

PAGE_TYPES = [
    "home",
    "services",
    "services/etat-civil",
    "services/etat-civil/acte-naissance",
    "search:pass",
    "search:zzz",
]


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_every_page_type_renders_in_both_orientations(tmp_path, size):
    paths = render_site(demo_site(), tmp_path, size=size, pages=PAGE_TYPES)
    assert [p.name for p in paths] == [
        "home.png",
        "services.png",
        "services--etat-civil.png",
        "services--etat-civil--acte-naissance.png",
        "search-pass.png",
        "search-zzz.png",
    ]
    for path in paths:
        image = QImage(str(path))
        assert image.size().toTuple() == size
        assert colour_spread(image.copy(0, size[1] // 6, size[0], size[1] // 2)) > 100, path.name


def test_render_refuses_an_unknown_page(tmp_path, capsys):
    code = main(["render", str(demo_site()), "--out", str(tmp_path), "--page", "services/nope"])
    assert code == 1
    assert "no page 'services/nope'" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) missing")
def test_every_service_page_qr_code_decodes_to_its_procedure(tmp_path):
    result = sync_once(str(demo_site()), tmp_path / "data", trust=TRUST)
    services = [(c, s) for c, s in result.snapshot.feed.services.services() if s.procedure]
    assert len(services) >= 30
    pages = [f"services/{c.id}/{s.id}" for c, s in services]
    paths = render_site(demo_site(), tmp_path / "png", size=(1080, 1920), pages=pages)
    # A landscape page too: the card sits elsewhere and is smaller.
    paths += render_site(demo_site(), tmp_path / "land", size=(1920, 1080), pages=pages[:3])
    expected = [procedure_url(s.procedure) for _, s in services] + [
        procedure_url(s.procedure) for _, s in services[:3]
    ]
    for path, url in zip(paths, expected, strict=True):
        out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True)
        assert out.stdout.strip() == url, f"{Path(path).name}: read {out.stdout!r}, expected {url}"
