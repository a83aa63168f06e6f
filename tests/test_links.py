"""Link checking before publishing, against a real HTTP server on 127.0.0.1.

The server is :class:`tests.httpserver.TestServer` taught two more things a link checker
meets: redirects (a ``Location`` header) and servers that answer ``HEAD`` differently from
``GET`` (405, 501, or a wrong 404). It records the method of every request, so the tests
check what the checker really asked, not only what it concluded.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from kiosk.core.parse import parse_feed_bytes
from kiosk.core.validate import Context, validate
from kiosk.publish.links import (
    MAX_REDIRECTS,
    LinkReport,
    check_links,
    feed_links,
    format_reports,
    summary,
)
from kiosk.resources import demo_site
from tests.httpserver import Route, TestServer


@dataclass
class LinkRoute(Route):
    """A :class:`Route` with a ``Location`` header, and a different answer to ``HEAD``."""

    location: str | None = None
    head_status: int | None = None


class LinkServer(TestServer):
    """A TestServer that also answers HEAD, sends Location headers and logs methods."""

    __test__ = False

    def __init__(self) -> None:
        super().__init__()
        self.methods: list[tuple[str, str]] = []
        self._httpd.RequestHandlerClass = _link_handler(self, self._httpd.RequestHandlerClass)

    def redirect(self, path: str, status: int, location: str) -> None:
        self.routes[path] = LinkRoute(status=status, location=location, etag="")

    def methods_for(self, path: str) -> list[str]:
        with self.changed:
            return [method for method, p in self.methods if p == path]


def _link_handler(server: LinkServer, base: Any) -> type[BaseHTTPRequestHandler]:
    class Handler(base):  # type: ignore[misc,valid-type]
        def do_GET(self) -> None:
            self._log()
            super().do_GET()

        def do_HEAD(self) -> None:
            route = server.routes.get(self._path())
            if isinstance(route, LinkRoute) and route.head_status is not None:
                self._log()
                server._record(self._path(), {}, route.head_status)
                self.send_response(route.head_status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.do_GET()  # the same status and headers; _send_body sends nothing

        def _send_body(self, path: str, route: Route) -> None:
            if self.command != "HEAD":
                super()._send_body(path, route)

        def end_headers(self) -> None:
            route = server.routes.get(self._path())
            if isinstance(route, LinkRoute) and route.location is not None:
                self.send_header("Location", route.location)
            super().end_headers()

        def _path(self) -> str:
            return str(self.path).split("?", 1)[0]

        def _log(self) -> None:
            with server.changed:
                server.methods.append((self.command, self._path()))

    return Handler


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer() as srv:
        yield srv


def check_one(server: LinkServer, path: str, **options: Any) -> LinkReport:
    (report,) = check_links([("rotation.x.link", server.url(path))], **options)
    assert report.field == "rotation.x.link" and report.url == server.url(path)
    return report


# -- what each answer is reported as ---------------------------------------------------------


def test_ok_uses_head_only(server: LinkServer) -> None:
    server.serve("/page", b"<html>...</html>")
    report = check_one(server, "/page")
    assert (report.kind, report.status, report.method, report.broken) == ("ok", 200, "HEAD", False)
    assert report.final_url == server.url("/page") and report.hops == ()
    assert server.methods_for("/page") == ["HEAD"]
    assert report.message() == "ok (200 OK)"


def test_a_moved_link_is_reported_with_every_hop(server: LinkServer) -> None:
    """service-public.fr -> service-public.gouv.fr: it works, but the feed should change."""
    server.redirect("/service-public.fr/F1341", 301, server.url("/gouv/vosdroits/F1341"))
    server.redirect("/gouv/vosdroits/F1341", 302, "/gouv/particuliers/vosdroits/F1341")  # relative
    server.serve("/gouv/particuliers/vosdroits/F1341", b"fiche")
    report = check_one(server, "/service-public.fr/F1341")
    assert report.kind == "redirect" and not report.broken and report.permanent
    assert report.status == 200
    assert report.final_url == server.url("/gouv/particuliers/vosdroits/F1341")
    assert [(h.url, h.status, h.location) for h in report.hops] == [
        (server.url("/service-public.fr/F1341"), 301, server.url("/gouv/vosdroits/F1341")),
        (
            server.url("/gouv/vosdroits/F1341"),
            302,
            server.url("/gouv/particuliers/vosdroits/F1341"),
        ),
    ]
    assert "301 Moved Permanently" in report.message()
    assert report.final_url in report.message() and "update the link" in report.message()


def test_a_temporary_redirect_is_not_called_permanent(server: LinkServer) -> None:
    server.redirect("/fr", 307, "/fr/accueil")
    server.serve("/fr/accueil", b"")
    report = check_one(server, "/fr")
    assert report.kind == "redirect" and not report.permanent
    assert "update the link" not in report.message()


@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (404, "not_found", "not found (404 Not Found)"),
        (410, "gone", "gone: the page was removed (410 Gone)"),
        (500, "http_error", "answered 500 Internal Server Error"),
        (403, "http_error", "answered 403 Forbidden"),
        (299, "ok", "ok (299)"),
    ],
)
def test_status_codes(server: LinkServer, status: int, kind: str, words: str) -> None:
    server.routes["/p"] = Route(body=b"x", status=status, etag="")
    report = check_one(server, "/p")
    assert (report.kind, report.status) == (kind, status)
    assert report.broken == (kind not in ("ok", "redirect"))
    assert words in report.message()


def test_redirect_to_a_removed_page_is_gone_with_its_hops(server: LinkServer) -> None:
    server.redirect("/old/F1234", 301, "/new/F1234")
    server.routes["/new/F1234"] = Route(status=410, etag="")
    report = check_one(server, "/old/F1234")
    assert report.kind == "gone" and report.broken and len(report.hops) == 1
    assert report.final_url == server.url("/new/F1234")
    assert f"after redirects to {server.url('/new/F1234')}" in report.message()


@pytest.mark.parametrize("refusal", [405, 501, 404])
def test_get_when_head_is_refused(server: LinkServer, refusal: int) -> None:
    server.routes["/form"] = LinkRoute(body=b"form", head_status=refusal)
    report = check_one(server, "/form")
    assert (report.kind, report.status, report.method) == ("ok", 200, "GET")
    assert server.methods_for("/form") == ["HEAD", "GET"]


def test_get_fallback_reports_what_get_says(server: LinkServer) -> None:
    server.routes["/gone"] = LinkRoute(status=404, head_status=501, etag="")
    report = check_one(server, "/gone")
    assert (report.kind, report.status, report.method) == ("not_found", 404, "GET")


def test_bodies_are_never_downloaded(server: LinkServer) -> None:
    """A GET whose body never comes: a checker reading it would time out; this one does not."""
    server.routes["/big"] = LinkRoute(body=b"x" * 1_000_000, head_status=405, pause_at=0)
    report = check_one(server, "/big", timeout=3)
    assert (report.kind, report.method) == ("ok", "GET")


def test_more_than_five_redirects_is_an_error(server: LinkServer) -> None:
    server.redirect("/a", 302, "/b")
    server.redirect("/b", 302, "/a")
    report = check_one(server, "/a")
    assert report.kind == "error" and report.broken and report.status is None
    assert f"more than {MAX_REDIRECTS} redirects" in report.message()
    assert len(report.hops) == MAX_REDIRECTS + 1
    assert len(server.methods) == MAX_REDIRECTS + 1  # stopped there, did not loop on


def test_five_redirects_are_followed(server: LinkServer) -> None:
    for i in range(MAX_REDIRECTS):
        server.redirect(f"/r{i}", 301, f"/r{i + 1}")
    server.serve(f"/r{MAX_REDIRECTS}", b"")
    report = check_one(server, "/r0")
    assert report.kind == "redirect" and len(report.hops) == MAX_REDIRECTS


def test_redirect_without_location(server: LinkServer) -> None:
    server.routes["/nowhere"] = Route(status=302, etag="")
    report = check_one(server, "/nowhere")
    assert (report.kind, report.status) == ("http_error", 302)
    assert "no Location" in report.message()


def test_a_server_that_never_answers_times_out(server: LinkServer) -> None:
    server.routes["/slow"] = Route(hang=True)
    report = check_one(server, "/slow", timeout=0.5)
    assert report.kind == "error" and report.broken
    assert (
        report.message() == f"cannot be checked: no answer from {server.url('/slow')} within 0.5 s"
    )


def test_connection_refused() -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (report,) = check_links([("services.cni.procedure", f"http://127.0.0.1:{port}/x")])
    assert report.kind == "error" and report.field == "services.cni.procedure"
    assert f"cannot connect to 127.0.0.1:{port}" in report.message()


def test_not_a_web_address_is_reported_without_a_request() -> None:
    (report,) = check_links([("rotation.q.url", "mailto:mairie@example.org")])
    assert report.kind == "error" and "not a web address" in report.message()


# -- several links ---------------------------------------------------------------------------


def test_each_address_is_requested_once_and_reported_per_field(server: LinkServer) -> None:
    server.serve("/same", b"")
    server.routes["/missing"] = Route(status=404, etag="")
    links = [
        ("rotation.a.link", server.url("/same")),
        ("rotation.b.url", server.url("/missing")),
        ("services.c.procedure", server.url("/same")),
    ]
    reports = check_links(links)
    assert [(r.field, r.url, r.kind) for r in reports] == [
        ("rotation.a.link", server.url("/same"), "ok"),
        ("rotation.b.url", server.url("/missing"), "not_found"),
        ("services.c.procedure", server.url("/same"), "ok"),
    ]
    assert server.methods_for("/same") == ["HEAD"]
    assert check_links([]) == []


def test_links_are_checked_concurrently(server: LinkServer) -> None:
    """Four servers that never answer are all being asked at the same moment."""
    paths = [f"/hang{i}" for i in range(4)]
    for path in paths:
        server.routes[path] = Route(hang=True)
    result: list[list[LinkReport]] = []
    worker = threading.Thread(
        target=lambda: result.append(check_links([("f", server.url(p)) for p in paths], timeout=20))
    )
    worker.start()
    try:
        assert server.wait_for(lambda: sum(server.hits[p] for p in paths) == 4, timeout=15)
        assert result == []  # all four are waiting for their answer at once
    finally:
        server.stopping.set()  # the hanging handlers close their connections
        worker.join(30)
    assert [r.kind for r in result[0]] == ["error"] * 4


def test_format_reports_names_field_url_and_finding(server: LinkServer) -> None:
    server.serve("/ok", b"")
    server.redirect("/moved", 301, "/ok")
    server.redirect("/moved-twice", 308, "/moved")
    server.routes["/gone"] = Route(status=410, etag="")
    reports = check_links(
        [
            ("rotation.a.link", server.url("/ok")),
            ("rotation.b.link", server.url("/moved")),
            ("rotation.c.url", server.url("/moved-twice")),
            ("services.d.procedure", server.url("/gone")),
            ("rotation.e.source", "ftp://example.org/feed.xml"),
        ]
    )
    lines = format_reports(reports)
    text = "\n".join(lines)
    assert f"ok        rotation.a.link: {server.url('/ok')}" in lines
    assert f"MOVED     rotation.b.link: {server.url('/moved')}" in lines
    assert f"BROKEN    services.d.procedure: {server.url('/gone')}" in lines
    assert "UNCHECKED rotation.e.source: ftp://example.org/feed.xml" in lines
    assert f"308 Permanent Redirect -> {server.url('/moved')}" in text  # hops of a chain
    assert lines[-1] == "5 links checked: 1 ok, 2 moved, 1 broken, 1 could not be checked"
    assert lines[-1] == summary(reports)
    only = format_reports(reports, only_problems=True)
    assert not any(line.startswith("ok ") for line in only)


# -- the links of a feed ---------------------------------------------------------------------

LINKED_FEED = """\
version: 1
site: {name: Testville, languages: [fr]}
rotation:
  - {type: announcement, id: works, title: Travaux, link: "https://town.example/travaux"}
  - {type: qr, id: app, title: Application, url: "https://town.example/app"}
  - {type: news, id: actu, source: "https://town.example/feed.rss"}
  - {type: news, id: local-actu, source: actu.xml}
  - {type: agenda, id: agenda, source: "https://town.example/agenda.ics"}
  - {type: image, id: photo, image: media/photo.jpg}
services:
  categories:
    - id: papiers
      title: Papiers
      services:
        - {id: cni, title: Carte d'identité, procedure: F1341}
        - {id: rdv, title: Rendez-vous, procedure: "https://town.example/rdv/"}
        - {id: guichet, title: Guichet}
alerts:
  sources: [{id: meteo, url: "https://alerts.example/cap.xml"}]
  area: {insee: "75056"}
"""


def load(text: str) -> Any:
    parsed = parse_feed_bytes(text.encode(), "feed.yaml")
    feed, problems = validate(parsed, Context(media_exists=lambda _: True))
    assert feed is not None, problems
    return feed


def test_feed_links_lists_every_address_shown_with_its_field() -> None:
    assert feed_links(load(LINKED_FEED)) == [
        ("rotation.works.link", "https://town.example/travaux"),
        ("rotation.app.url", "https://town.example/app"),
        ("rotation.actu.source", "https://town.example/feed.rss"),
        ("rotation.agenda.source", "https://town.example/agenda.ics"),
        (
            "services.cni.procedure",
            "https://www.service-public.gouv.fr/particuliers/vosdroits/F1341",
        ),
        ("services.rdv.procedure", "https://town.example/rdv/"),
    ]


def test_demo_feed_links() -> None:
    data = (demo_site() / "feed.yaml").read_bytes()
    parsed = parse_feed_bytes(data, "feed.yaml")
    feed, problems = validate(parsed, Context(media_exists=lambda _: True))
    assert feed is not None, problems
    links = feed_links(feed)
    assert links and all(url.startswith("https://") for _, url in links)
    fields = [f for f, _ in links]
    assert len(fields) == len(set(fields))
    assert (
        "rotation.travaux-republique.link",
        "https://www.valmorin-sur-ondine.fr/travaux",
    ) in links
    assert any(f.startswith("services.") and "service-public.gouv.fr" in u for f, u in links)


def test_a_feed_checked_end_to_end(server: LinkServer) -> None:
    """What ``kiosk publish --check-links`` does: the feed's links, checked, printed."""
    server.serve("/travaux", b"")
    server.redirect("/app", 301, "/apps/kiosk")
    server.serve("/apps/kiosk", b"")
    text = LINKED_FEED.replace("https://town.example/", server.url("/"))
    text = text.replace("procedure: F1341", f"procedure: {server.url('/F1341')}")
    feed = load(text + "links: {allow_http: true}\n")  # the test server speaks http://
    reports = check_links(feed_links(feed), timeout=5)
    found = {r.field: r.kind for r in reports}
    assert found == {
        "rotation.works.link": "ok",
        "rotation.app.url": "redirect",
        "rotation.actu.source": "not_found",
        "rotation.agenda.source": "not_found",
        "services.cni.procedure": "not_found",
        "services.rdv.procedure": "not_found",
    }
    assert (
        format_reports(reports)[-1]
        == "6 links checked: 1 ok, 1 moved, 4 broken, 0 could not be checked"
    )


# -- kiosk publish --check-links -------------------------------------------------------------


def _site_with_links(tmp_path: Any, server: LinkServer) -> Any:
    from tests.fixtures_feed import SITE_MEDIA, write_site

    feed = f"""\
version: 1
site: {{name: Testville}}
links: {{allow_http: true}}
rotation:
  - {{type: qr, id: app, title: App, url: "{server.url("/app")}"}}
  - {{type: qr, id: old, title: Old, url: "{server.url("/old")}"}}
  - {{type: announcement, id: fair, title: Fair, link: "{server.url("/gone")}"}}
"""
    return write_site(tmp_path / "site", feed, SITE_MEDIA)


def test_publish_reports_links_and_publishes_unless_strict(
    server: LinkServer, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main
    from kiosk.core import minisign

    server.serve("/app", b"ok")
    server.serve("/new", b"ok")
    server.redirect("/old", 301, "/new")
    server.serve("/gone", b"", status=410)
    site = _site_with_links(tmp_path, server)
    key = tmp_path / "k.key"
    key.write_text(minisign.secret_key_text(minisign.generate(), None))
    args = ["publish", str(site), "--key", str(key), "--check-links"]

    assert main([*args, "--out", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "rotation.old.url" in out and server.url("/new") in out
    assert "rotation.fair.link" in out and "410" in out
    assert (tmp_path / "a" / "feed.json").exists()  # reported, not blocking

    assert main([*args, "--strict-links", "--out", str(tmp_path / "b")]) == 1
    assert "not published" in capsys.readouterr().out
    assert not (tmp_path / "b" / "feed.json").exists()
