"""Soak: thousands of accelerated slide changes through the real player, memory at start and end.

The player is the one ``kiosk run`` starts (``kiosk.app.run_player``: store, sync jobs, proof
of play, everything), playing a site of the demo's pictures and its video with every item
on screen for 0.1 s and 50 ms crossfades. Only one thing is changed for the run: the floor on
how long a slide stays (``MIN_SLIDE_MS``, 0.5 s against flashing) is lowered, so that 5,000
changes take minutes instead of hours.

Printed: slides shown, wall time, PSS and RSS of the process after the warm-up and at the
end (and the growth), every warning logged (Python and Qt), and the rows the proof-of-play
database holds afterwards (``telemetry.sqlite``, when the player writes one).

    python benchmarks/soak.py [--changes 5000] [--warmup 200]

Runs offscreen with Qt Quick's software renderer, like the Chromium comparison.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "playlists" / "demo"
KINDS = ("image", "announcement", "qr", "video")
PICTURES = ["mairie", "piscine", "cantine", "marche", "travaux", "conseil", "mediatheque", "velo"]


def make_site(folder: Path, kinds: set[str]) -> None:
    """Eight pictures (half as image slides, half as announcements), a QR and the demo's
    video; ``kinds`` keeps only some of these (to find which one a growth comes from)."""
    media = folder / "media"
    media.mkdir(parents=True)
    lines = [
        "version: 1",
        "site: {name: Valmorin-sur-Ondine, timezone: Europe/Paris, languages: [fr, en]}",
        "rotation:",
    ]
    for n, name in enumerate(PICTURES):
        shutil.copy(DEMO / "media" / f"{name}.jpg", media)
        if n % 2 and "announcement" in kinds:
            lines += [
                f"  - {{id: a-{name}, type: announcement, duration: 0.1, image: media/{name}.jpg,",
                f"     title: {{fr: Annonce {name}, en: Notice {name}}},",
                "     body: {fr: Texte de l’annonce, en: Notice text}}",
            ]
        elif not n % 2 and "image" in kinds:
            lines.append(
                f"  - {{id: i-{name}, type: image, duration: 0.1, image: media/{name}.jpg}}"
            )
    shutil.copy(DEMO / "media" / "noel.mp4", media)
    if "video" in kinds:
        lines.append("  - {id: video, type: video, duration: 0.3, video: media/noel.mp4}")
    if "qr" in kinds:
        lines.append(
            "  - {id: qr, type: qr, duration: 0.1, url: 'https://www.service-public.gouv.fr/',"
        )
        lines.append("     title: {fr: Démarches, en: Procedures}}")
    (folder / "feed.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def memory() -> dict[str, float]:
    """PSS and RSS of this process, MiB."""
    values = {}
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Rss"):
                values[key.lower()] = int(rest.split()[0]) / 1024
    return values


def child(config: Path, changes: int, warmup: int, out: Path) -> None:
    """In the player's process: count slides, read memory, stop after ``changes``."""
    import kiosk.ui.bridge
    from kiosk import app
    from kiosk.config import load_config

    kiosk.ui.bridge.MIN_SLIDE_MS = 20  # the one acceleration (see the module docstring)
    warnings: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(f"{record.levelname} {record.name}: {record.getMessage()}")

    logging.getLogger().addHandler(Keep(logging.WARNING))
    logging.getLogger().setLevel(logging.INFO)
    result: dict[str, object] = {"warnings": warnings}
    seen = {"n": 0}
    original = app.FirstSlide.__init__

    def counting(self, player, first_frame_file, then):  # type: ignore[no-untyped-def]
        original(self, player, first_frame_file, then)

        def shown(_item: str) -> None:
            seen["n"] += 1
            if seen["n"] == warmup:
                result["start"] = {**memory(), "t": time.monotonic()}
            if seen["n"] == warmup + changes:
                result["end"] = {**memory(), "t": time.monotonic()}
                from PySide6.QtCore import QCoreApplication

                QCoreApplication.quit()

        player.slideShown.connect(shown)

    app.FirstSlide.__init__ = counting  # type: ignore[method-assign]
    config_value = load_config(config).with_overrides(fullscreen=False, hide_cursor=False)
    status = app.run_player(config_value)
    result["status"] = status
    result["shown"] = seen["n"]
    out.write_text(json.dumps(result))


def telemetry_rows(data: Path) -> dict[str, int]:
    path = data / "telemetry.sqlite"
    if not path.exists():
        return {}
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        help=f"slide kinds to play, comma-separated (default: all of {', '.join(KINDS)})",
    )
    parser.add_argument("--child", nargs=2, metavar=("CONFIG", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.changes, args.warmup, Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as tmp:
        folder = Path(tmp)
        make_site(folder / "site", set(args.kinds.split(",")))
        data = folder / "data"
        config = folder / "kiosk.toml"
        config.write_text(
            f'feed = "{folder / "site"}"\ndata_dir = "{data}"\nallow_unsigned = true\n'
            "transition = 0.05\npoll_interval = 60\n"
        )
        out = folder / "result.json"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        began = time.monotonic()
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--changes",
                str(args.changes),
                "--warmup",
                str(args.warmup),
                "--child",
                str(config),
                str(out),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        wall = time.monotonic() - began
        if proc.returncode != 0 or not out.exists():
            sys.exit(f"the player failed (status {proc.returncode}):\n{proc.stderr[-3000:]}")
        result = json.loads(out.read_text())
        rows = telemetry_rows(data)
    start, end = result["start"], result["end"]
    print(f"slide changes after warm-up: {args.changes} ({result['shown']} shown in all)")
    print(f"wall time: {wall:.0f} s ({end['t'] - start['t']:.0f} s for the measured changes)")
    for key in ("pss", "rss"):
        grow = end[key] - start[key]
        print(f"{key.upper()}: {start[key]:.1f} MiB -> {end[key]:.1f} MiB ({grow:+.1f} MiB)")
    print("proof-of-play rows: " + (", ".join(f"{k} {v}" for k, v in rows.items()) or "none"))
    warnings = result["warnings"]
    print(f"warnings logged: {len(warnings)}")
    for line in dict.fromkeys(warnings):
        print(f"  {warnings.count(line)} x {line}")


if __name__ == "__main__":
    main()
