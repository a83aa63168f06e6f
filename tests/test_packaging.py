"""What the installed package needs to be right: translations, the Qt binding, the wheel."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.ui import i18n


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_ui_string_is_translated(lang):
    root = ET.parse(i18n.catalogue(lang)).getroot()
    messages = root.findall(".//message")
    assert messages
    for message in messages:
        translation = message.find("translation")
        source = message.findtext("source")
        assert translation is not None and translation.get("type") is None and translation.text, (
            f"kiosk_{lang}.ts: '{source}' is not translated (edit the .ts, then make translations)"
        )


def test_catalogues_list_every_qml_string_and_the_qm_files_are_current(tmp_path):
    copies = []
    for lang in i18n.LANGUAGES:
        copy = tmp_path / i18n.catalogue(lang).name
        copy.write_bytes(i18n.catalogue(lang).read_bytes())
        copies.append(copy)
    i18n.extract(copies)  # what `make translations` would write
    for lang, copy in zip(i18n.LANGUAGES, copies, strict=True):
        assert copy.read_text("utf-8") == i18n.catalogue(lang).read_text("utf-8"), (
            f"kiosk_{lang}.ts misses strings of the QML: run `make translations`"
        )
        qm = tmp_path / f"kiosk_{lang}.qm"
        i18n.compile_catalogue(copy, qm)
        assert qm.read_bytes() == i18n.catalogue(lang).with_suffix(".qm").read_bytes(), (
            f"kiosk_{lang}.qm is out of date: run `make translations`"
        )


def test_the_qt_binding_does_not_release_none():
    # PySide6 6.12.0 on CPython 3.11 drops a reference to None at every call returning
    # nothing, and the kiosk aborts ("none_dealloc") after a few minutes of playback.
    code = (
        "import sys\n"
        "from PySide6.QtCore import QObject\n"
        "o = QObject(); before = sys.getrefcount(None)\n"
        "for _ in range(20000): o.setObjectName('x')\n"
        "print(sys.getrefcount(None) - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout)) < 100


@pytest.mark.slow
def test_the_wheel_carries_qml_translations_themes_and_the_demo(tmp_path):
    """A plain `pip install` (no checkout) must be able to play the demo."""
    import zipfile

    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        timeout=600,
    )
    [wheel] = tmp_path.glob("kiosk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "kiosk/ui/qml/Main.qml",
        "kiosk/ui/qml/VideoSlide.qml",
        "kiosk/ui/i18n/kiosk_fr.qm",
        "kiosk/_bundled/themes/default/theme.toml",
        "kiosk/_bundled/themes/default/fonts/AtkinsonHyperlegibleNext_700Bold.ttf",
        "kiosk/_bundled/playlists/demo/feed.yaml",
        "kiosk/_bundled/playlists/demo/media/noel.mp4",
        "kiosk/_bundled/playlists/schema.json",
    ):
        assert required in names, f"{required} is missing from {wheel.name}"
