"""Pictures of official alerts for docs/screenshots: a full-screen alert and a banner (over
the services directory), in French (portrait totem) and English (landscape hall screen).

    .venv/bin/python tools/alert_screenshots.py [OUT_DIR]

Uses the real poller on a CAP file and the real window, offscreen, like tests/test_alerts_ui.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.ui.view import application

app = application(offscreen=True)

from tests.capkit import cap, reference  # noqa: E402
from tests.qmlkit import NOW, Clock  # noqa: E402
from tests.test_alerts_ui import Kiosk  # noqa: E402


def settle(seconds: float = 1.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sent = NOW - timedelta(minutes=20)
    for lang, size, name in (("fr", (1080, 1920), "portrait"), ("en", (1920, 1080), "landscape")):
        with tempfile.TemporaryDirectory() as tmp:
            k = Kiosk(Path(tmp), size=size, clock=Clock(frozen=True))
            k.view.directory.setLanguage(lang)
            k.publish(cap("A1", sent, severity="Extreme", expires=NOW + timedelta(hours=6)))
            settle()
            k.view.window.grabWindow().save(str(out / f"alert-full-{lang}-{name}.png"))
            k.publish(
                cap("A2", sent + timedelta(minutes=1), severity="Moderate", msg_type="Update",
                    references=reference("A1", sent), expires=NOW + timedelta(hours=6))
            )
            k.view.session.start("naissance")
            k.view.directory.setLanguage(lang)
            settle(1.5)
            k.view.window.grabWindow().save(str(out / f"alert-banner-{lang}-{name}.png"))
            k.view.close()
    print("written to", out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
