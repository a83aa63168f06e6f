"""How fast an official alert reaches the screen, and what an idle poll costs.

1. Latency: a real ``kiosk run`` process (offscreen, software renderer, 1080x1920) plays a
   site whose alert source is a CAP document on a local HTTP server, polled every 30 s.
   At a random moment the document is replaced by an Extreme alert; the time from that
   moment to the first frame carrying the alert (``--alert-frame-file``) is recorded. The
   alert is then cancelled and the next trial starts. Expected: at most poll + 1 s.
2. Idle poll: one cycle of the poller when nothing changed, against the same server, in
   process: requests made, status, bytes received, wall time (median of N).

    python benchmarks/alert_latency.py [--trials 6] [--poll 30] [--idle 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.capkit import cap, reference  # noqa: E402

FEED = """version: 1
site: {{name: Valmorin-sur-Ondine, languages: [fr, en]}}
rotation:
  - {{id: hello, type: announcement, title: Bienvenue, body: "Mairie ouverte", duration: 8}}
alerts:
  area: {{insee: "99001"}}
  sources:
    - {{id: prefecture, url: "{url}", kind: cap, poll: {poll}}}
"""


class Document:
    """The CAP document the server gives, with its ETag; and what it sent."""

    def __init__(self, body: bytes) -> None:
        self.lock = threading.Lock()
        self.set(body)
        self.log: list[tuple[int, int, float]] = []  # (status, body bytes, time answered)

    def set(self, body: bytes) -> None:
        with self.lock:
            self.body = body
            self.etag = f'"{hash(body) & 0xFFFFFFFF:08x}"'


def server_for(doc: Document) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with doc.lock:
                body, etag = doc.body, doc.etag
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                doc.log.append((304, 0, time.time()))
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/cap+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            doc.log.append((200, len(body), time.time()))

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def wait_lines(path: Path, count: int, timeout: float) -> list[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists():
            lines = path.read_text().splitlines()
            if len(lines) >= count:
                return lines
        time.sleep(0.02)
    raise SystemExit(f"timeout waiting for {path} to have {count} lines")


def latency(trials: int, poll: float) -> list[tuple[float, float]]:
    """(publication to frame, answer to frame) per trial."""
    now = datetime.now(UTC)
    doc = Document(cap("old", now - timedelta(days=2), expires=now - timedelta(days=1)))
    httpd = server_for(doc)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/alerte.xml"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "feed.yaml").write_text(FEED.format(url=url, poll=poll))
        config = Path(tmp) / "kiosk.toml"
        config.write_text(f'feed = "{site}"\ndata_dir = "{tmp}/data"\nallow_unsigned = true\n')
        first, alerts = Path(tmp) / "first", Path(tmp) / "alerts"
        log = Path(tmp) / "kiosk.log"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "-v",
                "run",
                "--config",
                str(config),
                "--windowed",
                "--first-frame-file",
                str(first),
                "--alert-frame-file",
                str(alerts),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        try:
            wait_lines(first, 1, 60)
            time.sleep(3)  # the first poll happened (pollers start after the first frame)
            for n in range(trials):
                time.sleep(random.uniform(0, poll))  # a random phase against the poll
                sent = datetime.now(UTC)
                t0 = time.time()
                doc.set(cap(f"A{n}", sent, severity="Extreme", expires=sent + timedelta(hours=1)))
                t1 = float(wait_lines(alerts, n + 1, poll + 30)[n].split()[0])
                answered = min(t for status, _, t in doc.log if status == 200 and t >= t0)
                results.append((t1 - t0, t1 - answered))
                print(
                    f"  trial {n + 1}: {t1 - t0:.2f} s after publication, "
                    f"{(t1 - answered) * 1000:.0f} ms after the server's answer",
                    flush=True,
                )
                doc.set(
                    cap(
                        f"C{n}",
                        sent + timedelta(seconds=1),
                        msg_type="Cancel",
                        references=reference(f"A{n}", sent),
                    )
                )
                time.sleep(poll + 1)  # the cancellation is seen
        except SystemExit:
            print(log.read_text()[-3000:])
            raise
        finally:
            proc.terminate()
            proc.wait(10)
            httpd.shutdown()
    return results


def idle_poll(count: int) -> dict[str, float]:
    from kiosk.core.alerts import Place
    from kiosk.core.feed import AlertSource
    from kiosk.io.alerts import ALERT_LIMITS, SourcePoller
    from kiosk.io.fetch import Fetcher

    now = datetime.now(UTC)
    doc = Document(cap("A", now, expires=now + timedelta(hours=1)))
    httpd = server_for(doc)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/alerte.xml"
    with tempfile.TemporaryDirectory() as tmp:
        poller = SourcePoller(
            AlertSource(id="p", url=url, kind="cap"),
            url,
            Path(tmp) / "p",
            Fetcher(ALERT_LIMITS),
            Place(),
        )
        poller.poll()
        doc.log.clear()
        times, cpu = [], []
        for _ in range(count):
            t, c = time.perf_counter(), time.process_time()
            report = poller.poll()
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            assert report.requests == 1
    httpd.shutdown()
    statuses = {s for s, _, _ in doc.log}
    return {
        "polls": count,
        "requests_per_poll": len(doc.log) / count,
        "statuses": ",".join(map(str, sorted(statuses))),
        "body_bytes": sum(b for _, b, _ in doc.log),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": sorted(times)[int(0.95 * len(times))] * 1000,
        "cpu_median_ms": statistics.median(cpu) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=6)
    parser.add_argument("--poll", type=float, default=30.0)
    parser.add_argument("--idle", type=int, default=200)
    args = parser.parse_args()
    print(f"idle poll ({args.idle} cycles, nothing changed):")
    for key, value in idle_poll(args.idle).items():
        print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
    print(f"alert latency, poll every {args.poll:.0f} s, {args.trials} trials:")
    results = latency(args.trials, args.poll)
    total = [r[0] for r in results]
    after = [r[1] * 1000 for r in results]
    print(
        f"  publication to frame: median {statistics.median(total):.2f} s, "
        f"max {max(total):.2f} s (bound: poll + 1 s = {args.poll + 1:.0f} s)"
    )
    print(
        f"  server's answer to frame: median {statistics.median(after):.0f} ms, "
        f"max {max(after):.0f} ms"
    )


if __name__ == "__main__":
    main()
