"""The dependency rule: only ``kiosk/ui`` may import Qt; ``kiosk/core`` is pure.

Each check runs in a fresh interpreter, so what this test process already imported (pytest-qt
loads PySide6) cannot hide a violation.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.fixtures_feed import write_site

REPO = Path(__file__).resolve().parents[1]
QT_FREE_PACKAGES = ("kiosk.core", "kiosk.io", "kiosk.ops", "kiosk.publish")

BLOCK_QT = """
import importlib.abc, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked: this layer must not import Qt")
        return None

sys.meta_path.insert(0, BlockQt())
"""

IMPORT_ALL = """
import importlib, pkgutil
imported = []
for package in PACKAGES:
    pkg = importlib.import_module(package)
    imported.append(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
for name in EXTRA:
    importlib.import_module(name)
    imported.append(name)
"""


def run_python(code: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def source_modules(package: str) -> set[str]:
    """Every module of ``package`` according to the files on disk."""
    folder = REPO / package.replace(".", "/")
    found = {package}
    for file in folder.rglob("*.py"):
        rel = file.relative_to(REPO).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found.add(".".join(parts))
    return found


def test_qt_free_layers_import_and_validate_with_qt_blocked(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    code = (
        BLOCK_QT
        + textwrap.dedent(f"""
        try:
            import PySide6.QtCore
        except ImportError:
            blocked = True
        else:
            blocked = False
        PACKAGES = {list(QT_FREE_PACKAGES)!r}
        EXTRA = ["kiosk", "kiosk.errors", "kiosk.config", "kiosk.resources", "kiosk.cli"]
        """)
        + IMPORT_ALL
        + textwrap.dedent(f"""
        import io, json, contextlib
        from kiosk.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["validate", {str(site)!r}])
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print(json.dumps({{"blocked": blocked, "imported": imported, "status": status,
                          "output": out.getvalue(), "qt": qt}}))
        """)
    )
    result = run_python(code)

    assert result["blocked"], "the import blocker does not work: the test would prove nothing"
    imported = set(result["imported"])
    for package in QT_FREE_PACKAGES:
        assert source_modules(package) <= imported, f"some modules of {package} were not imported"
    assert result["qt"] == []
    assert result["status"] == 0, result["output"]
    assert "valid feed for Testville" in result["output"]


def test_core_imports_no_qt_no_network_no_scheduler() -> None:
    code = (
        textwrap.dedent("""
        import sys, json
        PACKAGES = ["kiosk.core"]
        EXTRA = []
        """)
        + IMPORT_ALL
        + textwrap.dedent("""
        print(json.dumps({"imported": imported, "modules": sorted(sys.modules)}))
        """)
    )
    result = run_python(code)
    assert source_modules("kiosk.core") <= set(result["imported"])
    loaded = {m.split(".")[0] for m in result["modules"]}
    forbidden = {"PySide6", "shiboken6", "requests", "urllib3", "apscheduler"}
    assert loaded & forbidden == set()
    assert not any(m.startswith(("kiosk.io", "kiosk.ui")) for m in result["modules"])
