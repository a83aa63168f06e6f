"""The kiosk against a Chromium kiosk, side by side on this machine, as ratios.

Both play the same content: ../shared/peer-chromium/slideshow.html (Chromium, --kiosk,
headless, software compositing) and the same six slides, 5 s period, 1 s crossfade and
120 px/s ticker as a kiosk site (benchmarks/peer_site.py), played by `kiosk run` offscreen
with Qt Quick's software renderer (no GPU either). Runs alternate (chromium, kiosk,
chromium, ...) so both see the same machine state. Each run is measured by the peer's own
measure.sh: time from process start to the first slide on screen, PSS of the process tree
after 30 s of playback, CPU seconds over the next 30 s.

    python benchmarks/compare_chromium.py [--runs 3] [--settle 30] [--window 30]

Prints a Markdown table and writes it to benchmarks/results/chromium-<date>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER = Path(os.environ.get("KIOSK_PEER_CHROMIUM", ROOT.parent / "shared" / "peer-chromium"))
METRICS = {  # metric -> (label, target ratio kiosk/chromium, lower is better)
    "first_paint_s": ("first slide on screen (s)", 1.0),
    "pss_sum_mib": ("PSS of the process tree after 30 s (MiB)", 1 / 3),
    "cpu_s": ("CPU seconds over 30 s of playback", 0.5),
}
EXTRA = ("uss_sum_mib", "procs", "pss_sum_end_mib", "survived")


def measure(cmd: list[str], env: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    full = [
        str(PEER / "measure.sh"),
        "--settle",
        str(args.settle),
        "--window",
        str(args.window),
        *cmd,
    ]
    out = subprocess.run(full, env=env, capture_output=True, text=True, check=False)
    values: dict[str, float] = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            values[parts[0]] = float(parts[1])
    if "first_paint_s" not in values:
        sys.exit(f"measure.sh failed for {cmd}:\n{out.stdout}\n{out.stderr[-3000:]}")
    return values


def kiosk_setup(tmp: Path) -> tuple[list[str], dict[str, str]]:
    """The peer's slideshow as a town would run it: published and signed, the screen
    trusting the town's key (so signature checking is part of what is measured)."""
    site, bundle, data = tmp / "site", tmp / "bundle", tmp / "data"
    subprocess.run(
        [sys.executable, str(HERE / "peer_site.py"), str(PEER / "assets"), str(site)], check=True
    )
    kiosk = [sys.executable, "-m", "kiosk"]
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*kiosk, "keygen", "--out", str(tmp / "town"), "--unencrypted"], **quiet)
    key, trust = str(tmp / "town.key"), str(tmp / "town.pub")
    subprocess.run([*kiosk, "publish", str(site), "--key", key, "--out", str(bundle)], **quiet)
    feed = str(bundle / "feed.json")
    subprocess.run(
        [*kiosk, "sync", "--once", "--feed", feed, "--data-dir", str(data), "--trust", trust],
        **quiet,
    )
    screen = tmp / "offscreen.json"  # a 1080x1920 portrait screen, like the peer's --screen-info
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "totem",
                        "x": 0,
                        "y": 0,
                        "width": 1080,
                        "height": 1920,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(
        os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_QUICK_BACKEND="software"
    )
    cmd = [
        "--ready",
        "file:@TMP@/first-frame",
        "--",
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--feed",
        feed,
        "--data-dir",
        str(data),
        "--trust",
        trust,
        "--first-frame-file",
        "@TMP@/first-frame",
    ]
    return cmd, env


def table(
    chromium: list[dict[str, float]], kiosk: list[dict[str, float]], args: argparse.Namespace
) -> str:
    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs if key in r)

    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.uname().nodename} "
        f"({os.cpu_count()} CPUs), {args.runs} alternating runs each, medians; "
        f"settle {args.settle} s, window {args.window} s.",
        "",
        "| metric | Chromium kiosk | municipal kiosk | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for key, (label, target) in METRICS.items():
        c, k = med(chromium, key), med(kiosk, key)
        ok = "met" if k / c <= target else "MISSED"
        lines.append(f"| {label} | {c:.3f} | {k:.3f} | {k / c:.2f} | <= {target:.2f} ({ok}) |")
    for key in EXTRA:
        lines.append(f"| {key} | {med(chromium, key):g} | {med(kiosk, key):g} | | |")
    lines += ["", "Raw runs (first_paint_s, pss_sum_mib, cpu_s):", ""]
    for name, runs in (("chromium", chromium), ("kiosk", kiosk)):
        for r in runs:
            lines.append(
                f"- {name}: {r['first_paint_s']:.3f} s, {r['pss_sum_mib']:.1f} MiB, "
                f"{r['cpu_s']:.2f} s"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=int, default=30)
    parser.add_argument("--window", type=int, default=30)
    args = parser.parse_args()
    if not (PEER / "measure.sh").exists():
        sys.exit(f"no peer measurement kit at {PEER} (set KIOSK_PEER_CHROMIUM)")
    if not Path("/usr/bin/chromium").exists():
        sys.exit("Chromium is not installed: apt-get install chromium (benchmarks/run.sh does it)")
    chromium: list[dict[str, float]] = []
    kiosk: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-vs-chromium-") as tmp:
        kiosk_cmd, kiosk_env = kiosk_setup(Path(tmp))
        for i in range(args.runs):
            print(f"run {i + 1}/{args.runs}: chromium", file=sys.stderr)
            chromium.append(measure([], dict(os.environ), args))
            print(f"run {i + 1}/{args.runs}: kiosk", file=sys.stderr)
            kiosk.append(measure(kiosk_cmd, kiosk_env, args))
    report = table(chromium, kiosk, args)
    print(report)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / f"chromium-{datetime.now(UTC):%Y-%m-%d}.md").write_text(report)


if __name__ == "__main__":
    main()
