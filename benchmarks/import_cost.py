"""Import cost of the feed model's validation library, against the start-up budget.

The player must show its first slide no later than a Chromium kiosk (~0.55 s here), and it
decodes its snapshot with the feed model at start-up. This measures, in fresh interpreters,
how long importing each candidate takes (msgspec, which the project uses, and pydantic,
the other one the issue names, if installed) plus the other modules on the start-up path.

    python benchmarks/import_cost.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CANDIDATES = {
    "msgspec": "import msgspec",
    "pydantic (+ a 3-class model)": (
        "from pydantic import BaseModel, ConfigDict, Field\n"
        "class A(BaseModel):\n    model_config = ConfigDict(extra='forbid')\n    id: str\n"
        "    duration: float = Field(gt=0)\n"
        "class B(BaseModel):\n    model_config = ConfigDict(extra='forbid')\n    url: str\n"
        "class F(BaseModel):\n    items: list[A | B] = []\n"
    ),
    "kiosk.core.feed (our model, msgspec)": "import kiosk.core.feed",
    "kiosk.io.store (snapshot loading)": "import kiosk.io.store",
    "PySide6.QtQuick": "import PySide6.QtQuick",
    "yaml (authoring only, not at start-up)": "import yaml",
    "requests (after the first frame)": "import requests",
}


def cost_ms(code: str) -> float | None:
    timer = (
        "import time; t = time.perf_counter()\n" + code + "\n"
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", timer], capture_output=True, text=True)
    return float(out.stdout) if out.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"import cost, median of {args.runs} fresh interpreters ({sys.version.split()[0]})")
    for name, code in CANDIDATES.items():
        runs = [cost_ms(code) for _ in range(args.runs)]
        if None in runs:
            print(f"  {name:45s} not installed")
            continue
        print(f"  {name:45s} {statistics.median(runs):7.1f} ms")  # type: ignore[type-var]


if __name__ == "__main__":
    main()
