"""``kiosk doctor``: what is wrong with this screen, and how to fix it.

Each check prints one line, ``ok`` or ``FAIL`` (or ``warn``), what it found and, when
something is wrong, what to do. The exit status is 1 when any check failed. Checks so far:
the configuration, the trusted keys, the feed (reachable, signed by a trusted key, valid, not
older than what plays), the store, the last sync, display power (the backend, whether its
command answers, today's schedule); then the display, speech and clock
(:mod:`kiosk.ops.device_checks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from kiosk.config import Config
from kiosk.errors import FetchError, KioskError
from kiosk.ops.device_checks import check_device
from kiosk.resources import demo_site


@dataclass
class Report:
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (status, check, text)

    def add(self, status: str, check: str, text: str) -> None:
        self.lines.append((status, check, text))

    @property
    def failed(self) -> bool:
        return any(status == "FAIL" for status, _, _ in self.lines)

    def text(self) -> str:
        return "\n".join(f"{status:<4} {check}: {text}" for status, check, text in self.lines)


def run(load: Callable[[], Config]) -> Report:
    """``load``: reads kiosk.toml and applies the command line (its errors are reported)."""
    report = Report()
    try:
        config = load()
    except KioskError as exc:
        report.add("FAIL", "config", f"{exc} (see docs/configuration.md)")
        return report
    where = config.source_file or "no kiosk.toml (defaults: the bundled demo)"
    report.add("ok", "config", str(where))
    trust = _check_keys(config, report)
    source = config.feed or str(demo_site())
    current = _check_store(config, report)
    if trust is not None:
        _check_feed(source, trust, current, report)
    _check_last_sync(config, report)
    _check_power(config, current, report)
    check_device(config, current, report)
    return report


def _check_keys(config: Config, report: Report):  # type: ignore[no-untyped-def]
    from kiosk.io.trust import trust_of

    try:
        trust = trust_of(config)
    except KioskError as exc:
        report.add("FAIL", "keys", f"{exc}; fix `trusted_keys` in kiosk.toml")
        return None
    if trust.keys:
        report.add("ok", "keys", "trusts " + trust.key_list())
    elif config.feed and "://" in config.feed:
        report.add(
            "FAIL",
            "keys",
            "no trusted key, so no feed from a server will play; add the town's public key "
            "(the .pub file from `kiosk keygen`) to `trusted_keys` in kiosk.toml",
        )
    else:
        report.add("ok", "keys", "none (local or demo feed)")
    return trust


def _check_store(config: Config, report: Report):  # type: ignore[no-untyped-def]
    from kiosk.io.store import Store

    data_dir = config.resolved_data_dir()
    if not data_dir.exists():
        report.add("warn", "store", f"{data_dir} does not exist yet: nothing synced so far")
        return None
    try:
        current = Store(data_dir).current()
    except KioskError as exc:
        report.add("FAIL", "store", f"{exc}; check the permissions and free space of {data_dir}")
        return None
    if current is None:
        report.add("warn", "store", f"no snapshot in {data_dir} yet: the screen shows its fallback")
        return None
    publication = current.feed.publication
    number = f", publication {publication.sequence} of {publication.time}" if publication else ""
    report.add("ok", "store", f"snapshot {current.id} ({current.feed.site.name}{number})")
    return current


def _check_feed(source: str, trust, current, report: Report) -> None:  # type: ignore[no-untyped-def]
    from kiosk.core.parse import MAX_FEED_BYTES
    from kiosk.errors import SyncRefused
    from kiosk.io.fetch import Fetcher, Limits, is_url
    from kiosk.io.sync import feed_location
    from kiosk.io.trust import check_sequence, fetch_signature

    fetcher = Fetcher(Limits(connect_timeout=5, read_timeout=10, deadline=30))
    try:
        location = feed_location(source)
        body = fetcher.get(location, max_bytes=MAX_FEED_BYTES).body or b""

        signer = trust.check(
            location, body, not is_url(location), lambda: fetch_signature(fetcher, location)
        )
        from kiosk.core.parse import parse_feed_bytes
        from kiosk.core.validate import validate

        feed, problems = validate(parse_feed_bytes(body, location))
        if feed is None:
            errors = "; ".join(str(p) for p in problems if not p.warning)
            report.add("FAIL", "feed", f"{errors} (fix the feed, then publish it again)")
            return
        if signer is not None:
            same = current is not None and feed.publication == current.feed.publication
            check_sequence(feed, current.feed if current else None, True, same)
        how = f"signed by key {signer.id_hex}" if signer else "unsigned (allowed: local feed)"
        report.add("ok", "feed", f"{location}: {how}")
    except FetchError as exc:
        report.add("FAIL", "feed", f"cannot fetch it: {exc} (check the network and the address)")
    except SyncRefused as exc:
        report.add("FAIL", "feed", f"refused: {exc}")
    except KioskError as exc:
        report.add("FAIL", "feed", str(exc))
    finally:
        fetcher.close()


def _check_last_sync(config: Config, report: Report) -> None:
    state_file = config.resolved_data_dir() / "sync.json"
    try:
        state = msgspec.json.decode(state_file.read_bytes())
    except (OSError, msgspec.DecodeError):
        return
    if not isinstance(state, dict):
        return
    if state.get("last_error"):
        report.add(
            "FAIL",
            "last sync",
            f"{state['last_error']} (last good sync: {state.get('last_ok') or 'never'})",
        )
    elif state.get("last_ok"):
        report.add("ok", "last sync", f"good at {state['last_ok']}")


def _check_power(config: Config, current, report: Report) -> None:  # type: ignore[no-untyped-def]
    """The display power backend (configured or found), whether its command answers, and
    this screen's schedule today (from the snapshot playing)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.core.power import day_plan, describe_day, plan_for
    from kiosk.ops.power import check_backend, choose_backend

    backend = choose_backend(config.power_backend, config.power_output)
    chosen = f"{backend.name} ({'auto' if config.power_backend == 'auto' else 'kiosk.toml'})"
    feed = current.feed if current is not None else None
    today = ""
    switches_off = False
    if feed is not None:
        tz = ZoneInfo(feed.site.timezone)
        stretches = day_plan(feed, config.screen, datetime.now(tz).date())
        screen = feed.screen(config.screen)
        where = f"{screen.name} ({screen.placement})" if screen else "this screen (not in the feed)"
        today = f"; {where} today: {describe_day(stretches, tz)}"
        plan = plan_for(feed, config.screen)
        switches_off = plan.night_off or plan.windows is not None
    problem = check_backend(backend)
    if problem is not None:
        report.add(
            "FAIL",
            "power",
            f"{chosen}: {problem}{today}; install it, or choose another `power_backend` in "
            "kiosk.toml (see docs/configuration.md#display-power)",
        )
    elif backend.is_black and config.power_backend == "auto" and switches_off:
        report.add(
            "warn",
            "power",
            f"{chosen}: no way to switch the panel off was found, so at night the screen shows "
            f"black but stays lit{today}; run the player under cage (wlr-randr), or install "
            "v4l-utils for an HDMI-CEC TV (see docs/configuration.md#display-power)",
        )
    else:
        report.add("ok", "power", f"{chosen}{today}")
