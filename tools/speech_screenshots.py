"""Pictures of the Listen control for docs/screenshots: the services directory of the demo
with its Listen button, and a service page being read aloud (Stop, Repeat, Slower, the
volume), in French (portrait totem) and English (landscape hall screen).

    .venv/bin/python tools/speech_screenshots.py [OUT_DIR]

The real window, offscreen, like tests/test_speech.py, with the kiosk's own engine on a
private speech-dispatcher (espeak-ng, no sound card needed: audio goes to a null output).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.ui.view import application

app = application(offscreen=True)

from kiosk.resources import demo_site  # noqa: E402
from tests.qmlkit import Clock, close_views, find, player_and_view, snapshot_of  # noqa: E402
from tests.speechkit import MISSING, private_speech_dispatcher  # noqa: E402

SERVICE = "acte-naissance"


def settle(seconds: float = 1.0, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.01)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, private_speech_dispatcher(Path(tmp)) as server:
        if server is None:
            raise SystemExit(f"{MISSING}: no picture written")
        os.environ["SPEECHD_ADDRESS"] = server.address
        snapshot = snapshot_of(demo_site(), Path(tmp) / "data")
        for lang, size, name in (
            ("fr", (1080, 1920), "portrait"),
            ("en", (1920, 1080), "landscape"),
        ):
            _player, view = player_and_view(
                snapshot, Clock(frozen=True), size=size, language=lang, speech_engine="speechd"
            )
            view.session.start("")
            settle(20, until=lambda view=view: view.speech.available)
            assert view.speech.available, "no voice: see the log"
            settle(1.0)
            view.window.grabWindow().save(str(out / f"speech-{lang}-{name}.png"))
            view.directory.openService(SERVICE)
            settle(1.0)
            # espeak-ng with no sound card reads fast: the picture is taken as soon as the
            # controls show, and again if the reading was over before.
            for _attempt in range(10):
                view.speech.listen()
                settle(2, until=lambda view=view: find(view, "speechBar") is not None)
                image = view.window.grabWindow()
                if view.speech.speaking:
                    break
            image.save(str(out / f"speech-{lang}-{name}-reading.png"))
            view.speech.stop()
            close_views()
    print("written to", out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
