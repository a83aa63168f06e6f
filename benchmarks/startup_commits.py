"""Time to the first slide, commit against commit, back to back (issue 2's start-up budget).

    .venv/bin/python benchmarks/startup_commits.py --runs 8 HEAD~3 HEAD [--worktree-too]

Each commit is checked out in a temporary git worktree; the same signed feed (the Chromium
peer's slideshow, published as a town would, see compare_chromium.py) is played by each in
turn, alternating, through ../shared/peer-chromium/measure.sh (short settle and window:
only the first frame matters). ``.`` stands for the working tree as it is. Prints the median
and spread of each, and the start-up steps the kiosk logs (imports, Qt ready, QML loaded).
Run it alone on the machine: the timings are those of 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from compare_chromium import PEER, kiosk_setup  # noqa: E402


def worktree(commit: str, tmp: Path) -> Path:
    if commit == ".":
        return REPO
    path = tmp / f"wt-{commit.replace('/', '_').replace('~', '-')}"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), commit],
        check=True,
        capture_output=True,
    )
    return path


def first_paint(tree: Path, cmd: list[str], env: dict[str, str]) -> float:
    full = [str(PEER / "measure.sh"), "--settle", "2", "--window", "1", *cmd]
    env = dict(env, PYTHONPATH=str(tree))  # this tree's kiosk package, whatever the cwd
    out = subprocess.run(full, env=env, capture_output=True, text=True, check=False, timeout=120)
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "first_paint_s":
            return float(parts[1])
    raise SystemExit(f"no first frame from {tree}:\n{out.stdout}\n{out.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commits", nargs="+", help="git commits, or . for the working tree")
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-startup-") as tmp_name:
        tmp = Path(tmp_name)
        cmd, env = kiosk_setup(tmp)
        trees = {c: worktree(c, tmp) for c in args.commits}
        times: dict[str, list[float]] = {c: [] for c in args.commits}
        try:
            for _ in range(args.runs):
                for commit, tree in trees.items():
                    times[commit].append(first_paint(tree, cmd, env))
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(
                        ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                        check=False,
                    )
        print(f"first slide on screen, {args.runs} alternating runs, {os.cpu_count()} CPUs")
        for commit, values in times.items():
            values.sort()
            print(
                f"{commit:>12}: median {statistics.median(values):.3f} s, "
                f"min {values[0]:.3f}, max {values[-1]:.3f}  "
                + " ".join(f"{v:.2f}" for v in values)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
