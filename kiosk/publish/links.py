"""Checking the links a feed shows before it is published.

Every address a screen shows as a QR code (announcement links, QR slides, the online
procedures of the services directory) and every news/agenda source on the web is requested
once: ``HEAD`` first, ``GET`` when the server refuses ``HEAD`` or answers it with an error
(many servers answer 405 or 501, some 403 or 404, to HEAD alone). Bodies are never
downloaded (streamed, then closed). Redirects are followed one hop at a time, at most
:data:`MAX_REDIRECTS`, and each hop is reported: an address that moved (service-public.fr now
redirects to service-public.gouv.fr) still works, but the feed should say the new one.

The checks run concurrently (:data:`WORKERS` threads); each address is requested once even
when several fields show it. ``kiosk publish --check-links`` prints :func:`format_reports`;
with ``--strict-links`` any report whose :attr:`LinkReport.broken` is true fails the publish.
"""

from __future__ import annotations

import dataclasses
import http
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import requests

from kiosk import __version__
from kiosk.core.feed import Feed, procedure_url

#: Seconds to connect, and to wait for each read of an answer.
TIMEOUT = 10.0
#: Redirects followed before giving up (browsers allow about 20; a link needing more than a
#: few is a broken configuration).
MAX_REDIRECTS = 5
#: Links checked at the same time.
WORKERS = 8

LinkKind = Literal["ok", "redirect", "not_found", "gone", "http_error", "error"]
_REDIRECTS = (301, 302, 303, 307, 308)
_PERMANENT = (301, 308)


@dataclass(frozen=True)
class Hop:
    """One redirect: ``url`` answered ``status`` and sent the client to ``location``."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class LinkReport:
    """What requesting the address shown at ``field`` of the feed found.

    ``kind``: ``ok`` (2xx), ``redirect`` (2xx at the end of one or more redirects),
    ``not_found`` (404), ``gone`` (410), ``http_error`` (any other status, including a 3xx
    without a usable Location), ``error`` (no answer: DNS, connection, TLS, timeout, too
    many redirects, not a web address). ``status`` is the last HTTP status received (None
    without one), ``final_url`` the address that gave it, ``hops`` each redirect followed,
    ``method`` the request whose answer is reported (``GET`` after a refused ``HEAD``).
    """

    field: str
    url: str
    kind: LinkKind
    status: int | None = None
    final_url: str = ""
    hops: tuple[Hop, ...] = ()
    method: str = "HEAD"
    reason: str = ""

    @property
    def broken(self) -> bool:
        """A visitor following this link would not reach a page."""
        return self.kind not in ("ok", "redirect")

    @property
    def permanent(self) -> bool:
        """Some hop is a permanent redirect (301/308): the link should be updated."""
        return any(h.status in _PERMANENT for h in self.hops)

    def message(self) -> str:
        """What was found, in words."""
        via = f" after redirects to {self.final_url}" if self.hops else ""
        if self.kind == "ok":
            return f"ok ({_status(self.status)})"
        if self.kind == "redirect":
            advice = (
                "update the link to the new address"
                if self.permanent
                else "works; check whether the new address should be used"
            )
            return (
                f"redirected ({_status(self.hops[0].status)}) to {self.final_url}, "
                f"which answers {_status(self.status)}: {advice}"
            )
        if self.kind == "not_found":
            return f"not found ({_status(self.status)}){via}"
        if self.kind == "gone":
            return f"gone: the page was removed ({_status(self.status)}){via}"
        if self.kind == "http_error":
            detail = f": {self.reason}" if self.reason else ""
            return f"the server answered {_status(self.status)}{detail}{via}"
        return f"cannot be checked: {self.reason}"


def check_links(
    urls: list[tuple[str, str]],
    *,
    timeout: float = TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    workers: int = WORKERS,
) -> list[LinkReport]:
    """Request each ``(field, url)`` and report what was found, in the order given.

    An address shown by several fields is requested once and reported for each field.
    Never raises for a bad link: each failure is a report.
    """
    unique = list(dict.fromkeys(url for _, url in urls))
    if not unique:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique)))) as pool:
        found = dict(
            zip(
                unique,
                pool.map(lambda url: _check(url, timeout, max_redirects), unique),
                strict=True,
            )
        )
    return [_for_field(found[url], field) for field, url in urls]


def _for_field(report: LinkReport, field: str) -> LinkReport:
    return dataclasses.replace(report, field=field)


def _check(url: str, timeout: float, max_redirects: int) -> LinkReport:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed [IPv6 bracket
        return LinkReport("", url, "error", final_url=url, reason=f"not a valid address ({exc})")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return LinkReport("", url, "error", final_url=url, reason="not a web address (https://)")
    hops: list[Hop] = []
    current, method = url, "HEAD"
    with requests.Session() as session:
        session.headers["User-Agent"] = f"municipal-kiosk/{__version__} (link check)"
        try:
            while True:
                status, location, method = _request(session, current, timeout)
                if status not in _REDIRECTS:
                    break
                if not location:
                    return _report(url, "http_error", status, current, hops, method, "no Location")
                target = urljoin(current, location)
                hops.append(Hop(current, status, target))
                if len(hops) > max_redirects:
                    reason = f"more than {max_redirects} redirects (last to {target})"
                    return _report(url, "error", None, current, hops, method, reason)
                current = target
        except requests.Timeout:
            reason = f"no answer from {current} within {timeout:g} s"
            return _report(url, "error", None, current, hops, method, reason)
        except (requests.RequestException, ValueError) as exc:  # ValueError: bad IDNA, Location
            return _report(url, "error", None, current, hops, method, _cause(current, exc))
    return _report(url, _kind(status, bool(hops)), status, current, hops, method, "")


def _kind(status: int, redirected: bool) -> LinkKind:
    if 200 <= status < 300:
        return "redirect" if redirected else "ok"
    if status == 404:
        return "not_found"
    if status == 410:
        return "gone"
    return "http_error"


def _request(session: requests.Session, url: str, timeout: float) -> tuple[int, str, str]:
    """(status, Location, method) of one request to ``url``: HEAD, then GET when HEAD is
    refused or answered with an error. Redirects are not followed here."""
    status, location = _answer(session, "HEAD", url, timeout)
    if status < 400:
        return status, location, "HEAD"
    return (*_answer(session, "GET", url, timeout), "GET")


def _answer(session: requests.Session, method: str, url: str, timeout: float) -> tuple[int, str]:
    with session.request(
        method, url, timeout=timeout, allow_redirects=False, stream=True
    ) as response:  # stream=True: the body is never read; leaving closes the connection
        return response.status_code, response.headers.get("Location", "")


def _report(
    url: str,
    kind: LinkKind,
    status: int | None,
    final: str,
    hops: list[Hop],
    method: str,
    reason: str,
) -> LinkReport:
    return LinkReport("", url, kind, status, final, tuple(hops), method, reason)


def _status(code: int | None) -> str:
    if code is None:
        return "no answer"
    try:
        return f"{code} {http.HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _cause(url: str, exc: BaseException) -> str:
    """The innermost reason of a requests error, short enough for one line."""
    if isinstance(exc, requests.exceptions.SSLError):
        prefix = "TLS/certificate problem"
    elif isinstance(exc, requests.ConnectionError):
        prefix = "cannot connect"
    else:
        prefix = "request failed"
    inner: BaseException = exc
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    text = str(inner) or type(inner).__name__
    text = text if len(text) < 160 else text[:157] + "..."
    return f"{prefix} to {urlsplit(url).netloc} ({text})"


# -- output ----------------------------------------------------------------------------------

_LABELS = {
    "ok": "ok",
    "redirect": "MOVED",
    "not_found": "BROKEN",
    "gone": "BROKEN",
    "http_error": "BROKEN",
    "error": "UNCHECKED",
}


def format_reports(reports: Iterable[LinkReport], *, only_problems: bool = False) -> list[str]:
    """Lines for a terminal: for each link its label, field and address, then what was found
    (and each redirect hop), then a summary line."""
    reports = list(reports)
    lines: list[str] = []
    for report in reports:
        if only_problems and report.kind == "ok":
            continue
        lines.append(f"{_LABELS[report.kind]:<9} {report.field}: {report.url}")
        lines.append(f"{'':<9} {report.message()}")
        if (report.broken and report.hops) or len(report.hops) > 1:  # else the message says it
            for hop in report.hops:
                lines.append(f"{'':<9}   {_status(hop.status)} -> {hop.location}")
    lines.append(summary(reports))
    return lines


def summary(reports: Iterable[LinkReport]) -> str:
    """``12 links checked: 9 ok, 2 moved, 1 broken, 0 unchecked``."""
    reports = list(reports)
    moved = sum(r.kind == "redirect" for r in reports)
    unchecked = sum(r.kind == "error" for r in reports)
    broken = sum(r.broken for r in reports) - unchecked
    ok = len(reports) - moved - broken - unchecked
    noun = "link" if len(reports) == 1 else "links"
    return (
        f"{len(reports)} {noun} checked: {ok} ok, {moved} moved, {broken} broken, "
        f"{unchecked} could not be checked"
    )


# -- what a feed links to --------------------------------------------------------------------


def feed_links(feed: Feed) -> list[tuple[str, str]]:
    """Every web address ``feed`` shows or reads, as ``(field, url)`` in the feed's order.

    Fields are named by id, the way staff find them in the file: ``rotation.<item
    id>.link``, ``rotation.<item id>.url``, ``rotation.<item id>.source`` (news and agenda
    sources on the web; a file of the site folder is not a link) and
    ``services.<service id>.procedure`` (a service-public.gouv.fr fiche id becomes its
    address). Official alert sources are left out: they are machine feeds, often behind an
    API key, polled by the kiosk itself.
    """
    links: list[tuple[str, str]] = []
    for item in feed.rotation:
        for name in ("link", "url", "source"):
            value = getattr(item, name, None)
            if isinstance(value, str) and _is_web(value):
                links.append((f"rotation.{item.id}.{name}", value))
    if feed.services is not None:
        for _, service in feed.services.services():
            if service.procedure:
                url = procedure_url(service.procedure)
                if _is_web(url):
                    links.append((f"services.{service.id}.procedure", url))
    return links


def _is_web(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")
