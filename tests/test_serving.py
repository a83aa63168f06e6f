"""The demo, published and signed, served by a real nginx on 127.0.0.1 with the configuration
of docs/serving.md, then synced by a screen: the way a town runs it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.io.fetch import Fetcher, Limits
from kiosk.io.store import Store
from kiosk.io.sync import Syncer
from kiosk.io.trust import Trust
from kiosk.publish.signing import publish
from kiosk.resources import demo_site
from tests.fixtures_feed import TOWN_KEY, fixed_clock

REPO = Path(__file__).resolve().parents[1]
LOCATIONS = REPO / "docs" / "nginx" / "kiosk-bundle.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)

pytestmark = pytest.mark.skipif(
    NGINX is None,
    reason="nginx is not installed (scripts/setup.sh installs it when run as root on Debian)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    bundle = tmp_path / "www"
    publish(demo_site(), bundle, TOWN_KEY)
    port = free_port()
    run = tmp_path / "nginx"
    run.mkdir()
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    user = "user root root;" if os.geteuid() == 0 else ""  # workers must read pytest's tmp
    (run / "nginx.conf").write_text(
        f"""
        {user}
        daemon off;
        worker_processes 1;
        pid {run}/nginx.pid;
        error_log {run}/error.log;
        events {{ worker_connections 64; }}
        http {{
            {mime}
            access_log {run}/access.log;
            client_body_temp_path {run}/body;
            proxy_temp_path {run}/proxy;
            fastcgi_temp_path {run}/fastcgi;
            uwsgi_temp_path {run}/uwsgi;
            scgi_temp_path {run}/scgi;
            server {{
                listen 127.0.0.1:{port};
                root {bundle};
                include {LOCATIONS};
            }}
        }}
        """
    )
    assert NGINX is not None
    proc = subprocess.Popen(
        [NGINX, "-c", str(run / "nginx.conf"), "-p", str(run)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # error_log is a file
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    error = (run / "error.log").read_text() if (run / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start: {error}")
                time.sleep(0.05)
        (run / "access.log").touch()
        yield f"http://127.0.0.1:{port}/", run
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_screen_syncs_the_demo_from_nginx(served: tuple[str, Path], tmp_path: Path) -> None:
    base, run = served
    screen = Trust(keys=(TOWN_KEY.public_key(),))
    fetcher = Fetcher(Limits(connect_timeout=2, read_timeout=5))
    try:
        syncer = Syncer(base, Store(tmp_path / "data"), fetcher, fixed_clock, screen)
        first = syncer.run_once()
        assert first.status == "new", first.message
        assert first.snapshot is not None and first.snapshot.feed.site.name
        assert "signed by key" in first.message
        again = syncer.run_once()
        assert again.status == "unchanged", again.message
    finally:
        fetcher.close()
    log = (run / "access.log").read_text().splitlines()
    feed_requests = [line for line in log if '"GET /feed.json ' in line]
    assert [line.split('" ')[1].split()[0] for line in feed_requests] == ["200", "304"]
    media = [line for line in log if '"GET /media/' in line]
    assert media and all('" 200 ' in line for line in media)


def test_headers_caching_and_compression(served: tuple[str, Path]) -> None:
    base, _run = served
    feed = requests.get(base + "feed.json", headers={"Accept-Encoding": "gzip"}, timeout=5)
    assert feed.status_code == 200
    assert feed.headers["Content-Type"].startswith("application/json")
    assert feed.headers["Content-Encoding"] == "gzip"
    assert feed.headers["Cache-Control"] == "no-cache"
    assert "ETag" in feed.headers
    again = requests.get(
        base + "feed.json", headers={"If-None-Match": feed.headers["ETag"]}, timeout=5
    )
    assert again.status_code == 304

    signature = requests.get(base + "feed.json.minisig", timeout=5)
    assert signature.status_code == 200 and signature.text.startswith("untrusted comment:")

    name = next(iter(feed.json()["media"].values()))["url"]
    media = requests.get(base + name, timeout=5)
    assert media.status_code == 200
    assert "immutable" in media.headers["Cache-Control"]
    assert media.headers["X-Content-Type-Options"] == "nosniff"

    for hidden in ("", "media/", ".git/config", "../etc/passwd"):
        assert requests.get(base + hidden, timeout=5).status_code in (403, 404), hidden
