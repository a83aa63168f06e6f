"""UI translations: Qt Linguist catalogues (``kiosk_<lang>.ts``) and their compiled ``.qm``.

``python -m kiosk.ui.i18n`` (``make translations``) extracts every ``qsTr`` string of the QML,
and the strings only spoken (``translate("Spoken", ...)`` in ``kiosk/core/spoken.py``), into
the catalogues (keeping existing translations) and compiles them. Translators edit the
``.ts`` files (Qt Linguist, or any text editor); tests fail when a string is untranslated or
a ``.qm`` is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QML = HERE.parent / "qml"
#: Python files with ``translate(context, text)`` calls (the text read aloud).
PYTHON = (HERE.parent.parent / "core" / "spoken.py",)
LANGUAGES = ("fr", "en")


def catalogue(lang: str) -> Path:
    return HERE / f"kiosk_{lang}.ts"


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the same environment as this Python."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def extract(ts_files: list[Path]) -> None:
    qml = sorted(str(p) for p in QML.glob("*.qml"))
    args = [_tool("lupdate"), *qml, *map(str, PYTHON), "-ts", *map(str, ts_files)]
    subprocess.run(
        [*args, "-source-language", "en", "-locations", "none", "-no-obsolete", "-silent"],
        check=True,
    )


def compile_catalogue(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    files = [catalogue(lang) for lang in LANGUAGES]
    extract(files)
    for ts in files:
        compile_catalogue(ts, ts.with_suffix(".qm"))
        print(f"{ts.name} -> {ts.with_suffix('.qm').name}")
    return 0
