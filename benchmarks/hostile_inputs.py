"""How long `kiosk validate` takes to refuse hostile files (the issue asks: under a second).

Each case runs the real command in a fresh process; the time includes interpreter start.

    python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _level(i: int) -> str:
    name, prev = chr(98 + i), chr(97 + i)
    return f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}]\n"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(_level(i) for i in range(20))


def cases(tmp: Path) -> dict[str, Path]:
    files = {
        "garbage bytes (64 KiB random)": os.urandom(64 * 1024),
        "empty file": b"",
        "YAML alias bomb (billion laughs)": BOMB.encode(),
        "nesting 100 000 deep": b"[" * 100_000 + b"]" * 100_000,
        "512 KiB of valid-looking YAML (the cap)": (
            b"rotation:\n" + b"- {id: x, type: qr}\n" * 28_000
        )[: 512 * 1024],
    }
    paths = {}
    for name, data in files.items():
        path = tmp / (name.split()[0] + ".yaml")
        path.write_bytes(data)
        paths[name] = path
    big = tmp / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    paths["100 MB file"] = big
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in cases(Path(tmp)).items():
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "kiosk", "validate", str(path)],
                capture_output=True,
                text=True,
            )
            took = time.perf_counter() - start
            first = (out.stdout.strip().splitlines() or [""])[0][:90]
            print(f"{name:40s} exit {out.returncode}  {took * 1000:6.0f} ms  {first}")


if __name__ == "__main__":
    main()
