"""The ``kiosk`` command: argparse subcommands, each a thin call into the layers below.

Errors the kiosk expects (:class:`~kiosk.errors.KioskError`) are printed as one clear line
and give exit status 1; the Qt parts are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.core.geometry import DISPLAY_MODES as MODES
from kiosk.core.geometry import PRESETS
from kiosk.errors import KioskError

log = logging.getLogger("kiosk")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    command: Callable[[argparse.Namespace], int] = args.func
    try:
        return command(args)
    except KioskError as exc:
        print(f"kiosk {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _setup_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Municipal kiosk and digital-signage player."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log (-vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("demo", _cmd_demo, "play the bundled demo town (renders PNGs when there is no display)")
    p.add_argument("--out", type=Path, help="folder for the PNGs when there is no display")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")

    p = add("run", _cmd_run, "the player: full screen, plays the current snapshot, syncs")
    _config_options(p)
    p.add_argument("--windowed", action="store_true", help="a window (Esc or Ctrl+Q quits)")
    p.add_argument(
        "--first-frame-file",
        type=Path,
        metavar="P",
        help="write the Unix time of the first slide on screen to P (benchmarks)",
    )
    p.add_argument(
        "--alert-frame-file",
        type=Path,
        metavar="P",
        help="append the Unix time of each full-screen alert's first frame to P (benchmarks)",
    )

    p = add("validate", _cmd_validate, "check a feed file or a site folder; exit 1 on any error")
    p.add_argument("path", type=Path, metavar="PATH")

    p = add("render", _cmd_render, "one PNG per slide a screen would show at a given moment")
    p.add_argument("path", type=Path, metavar="PATH", help="a site folder, feed file or bundle")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--screen", metavar="S", help="screen name (targeting, orientation)")
    p.add_argument(
        "--size", type=_size, metavar="WxH", help="pixels; default from the screen orientation"
    )
    p.add_argument("--lang", metavar="L", help="language (default: the site's first)")
    p.add_argument(
        "--page",
        action="append",
        metavar="P",
        help="a page of the services directory instead of the slides: home, services, "
        "services/<category>, services/<category>/<service>, search:<text> (repeatable)",
    )
    p.add_argument(
        "--at",
        type=_moment,
        metavar="ISO-DATETIME",
        help="moment to render, site local time unless an offset is given (default: now)",
    )
    _geometry_options(p, "the physical screen, for the reach band (default: none)")
    p.add_argument(
        "--mode",
        action="append",
        choices=MODES,
        default=[],
        help="a visitor's display mode, as from the Accessibility panel (repeatable)",
    )

    p = add("sync", _cmd_sync, "fetch the feed and its media into the store")
    _config_options(p)
    p.add_argument("--once", action="store_true", help="one cycle, exit 0 if the snapshot is good")

    p = add("keygen", _cmd_keygen, "create the town's signing key pair (minisign format)")
    p.add_argument("--out", type=Path, required=True, metavar="PREFIX", help="PREFIX.key/.pub")
    p.add_argument(
        "--unencrypted", action="store_true", help="no passphrase on the secret key (automation)"
    )
    p.add_argument("--force", action="store_true", help="replace existing key files")

    p = add("publish", _cmd_publish, "validate a site folder, write its bundle and sign it")
    p.add_argument("src", type=Path, metavar="SRC", help="a site folder or its feed file")
    p.add_argument("--key", type=Path, required=True, metavar="KEY", help="secret key file")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="bundle folder")
    p.add_argument(
        "--check-links",
        action="store_true",
        help="request every link and QR address; report redirects, 404 and 410",
    )
    p.add_argument(
        "--strict-links",
        action="store_true",
        help="with --check-links: do not publish when a link is broken (404, 410, no answer)",
    )

    p = add("doctor", _cmd_doctor, "check this screen's set-up; say what is wrong and the fix")
    _config_options(p)

    p = add("stats", _cmd_stats, "proof of play: slides shown, pages opened, QR codes, alerts")
    p.add_argument(
        "--config", type=Path, metavar="F", help="kiosk.toml (default /etc/kiosk/kiosk.toml)"
    )
    p.add_argument("--data-dir", type=Path, metavar="D", help="where telemetry.sqlite lives")
    p.add_argument("--since", metavar="ISO", help="from this day or date-time (site time)")
    p.add_argument(
        "--until", metavar="ISO", help="before this date-time, or up to this day included"
    )
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="default csv")
    p.add_argument(
        "--kind",
        action="append",
        choices=("play", "page", "qr", "alert"),
        help="only these records (repeatable; default all)",
    )
    p.add_argument(
        "--summary", action="store_true", help="one line per day and item: count, total time"
    )
    p.add_argument(
        "--zone", default="Europe/Paris", metavar="Z", help="time zone of dates (Europe/Paris)"
    )

    p = add(
        "check-a11y",
        _cmd_check_a11y,
        "measure every interactive page on the physical screen: target sizes, reach, contrast",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="a site folder, feed file or bundle")
    _geometry_options(p, "a preset screen (default: totem55)")
    p.add_argument("--screen", metavar="S", help="screen name (targeting)")
    p.add_argument(
        "--mode",
        action="append",
        choices=("default", *MODES),
        default=[],
        help="only these display modes (repeatable; default: every mode)",
    )
    p.add_argument("--page", action="append", metavar="P", help="only this page (repeatable)")

    p = add("schema", _cmd_schema, "print the JSON Schema of the feed (playlists/schema.json)")
    p.add_argument("--out", type=Path, help="write to this file instead of stdout")

    p = add(
        "inspect",
        _cmd_inspect,
        "read an alert, news or agenda source and print its items as JSON lines",
    )
    p.add_argument("source", metavar="SOURCE", help="a file or an http(s) URL")
    p.add_argument(
        "--kind",
        choices=("auto", "cap", "rss", "atom", "ics", "json"),
        default="auto",
        help="what the source is (default: auto, from its content)",
    )
    p.add_argument(
        "--lang", default="fr", metavar="L", help="alerts: the info in this language (default fr)"
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="alert indexes: fetch each linked CAP document and print the full alert",
    )
    p.add_argument(
        "--polygons", action="store_true", help="alerts: polygon points instead of their count"
    )
    p.add_argument("--days", type=int, default=30, metavar="N", help="agenda: N days (default 30)")
    p.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="agenda: first day (default today)"
    )
    p.add_argument(
        "--zone", default="Europe/Paris", metavar="Z", help="agenda: time zone (Europe/Paris)"
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a size; expected WxH, like 1080x1920"
        ) from None
    if not (64 <= w <= 8192 and 64 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}': width and height must be 64 to 8192 pixels")
    return w, h


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date-time; expected like 2026-12-05T10:30"
        ) from None


def _geometry_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--config", type=Path, metavar="F", help="kiosk.toml with a [geometry]")
    p.add_argument("--geometry", choices=tuple(PRESETS), help=what)


def _geometry(args: argparse.Namespace, default: str | None) -> Any:
    """The screen's geometry: --geometry, else the [geometry] of --config, else ``default``."""
    from kiosk.config import load_config

    if args.geometry:
        return PRESETS[args.geometry]
    configured = load_config(args.config).geometry if args.config else None
    return configured or (PRESETS[default] if default else None)


def _config_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", type=Path, metavar="F", help="kiosk.toml (default /etc/kiosk/kiosk.toml)"
    )
    p.add_argument("--feed", metavar="URL_OR_PATH", help="feed URL, feed file or site folder")
    p.add_argument("--data-dir", type=Path, metavar="D", help="where snapshots and media live")
    p.add_argument("--screen", metavar="S", help="this screen's name in the feed")
    p.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar="PUBFILE",
        help="also trust feeds signed by this minisign public key (repeatable)",
    )
    p.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="play an unsigned local feed file or folder (development, previews)",
    )


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.config import load_config

    config = load_config(args.config)
    return config.with_overrides(
        feed=args.feed,
        data_dir=args.data_dir,
        screen=args.screen,
        trusted_keys=config.trusted_keys + tuple(str(p.resolve()) for p in args.trust),
        allow_unsigned=True if args.allow_unsigned else None,
    )


def _check_site(path: Path) -> tuple[Path | None, Any, list[Any]]:
    """Read and validate a site folder or feed file, media checked by content, printing every
    problem; returns (feed file, None when unreadable; feed, None on any error; problems)."""
    from kiosk.core.validate import validate
    from kiosk.errors import FeedError
    from kiosk.publish.bundle import find_feed_file, folder_context, read_feed_file

    try:
        feed_file = find_feed_file(path)
        parsed = read_feed_file(feed_file)
    except FeedError as exc:
        for problem in exc.problems:
            print(problem)
        return None, None, exc.problems
    feed, problems = validate(parsed, folder_context(feed_file, parsed, datetime.now(UTC)))
    if feed is not None:
        problems += _media_problems(feed_file, feed)
        if any(not p.warning for p in problems):
            feed = None
    for problem in sorted(problems, key=lambda p: (p.line or 0, p.path)):
        print(problem)
    return feed_file, feed, problems


def _cmd_validate(args: argparse.Namespace) -> int:
    feed_file, feed, problems = _check_site(args.path)
    if feed_file is None:
        return 1
    if feed is None:
        errors = sum(not p.warning for p in problems)
        print(f"{feed_file}: {errors} error{'s' if errors > 1 else ''}; the feed is not valid")
        return 1
    print(
        f"{feed_file}: valid feed for {feed.site.name}: {len(feed.rotation)} rotation items, "
        f"{len(feed.screens)} screens, {len(feed.media_paths())} media files"
    )
    return 0


def _media_problems(feed_file: Path, feed: Any) -> list[Any]:
    """Each media file of the site folder checked by content, as screens check it."""
    from kiosk.errors import Problem, SyncRefused
    from kiosk.io.media_check import check_media

    problems = []
    for rel in feed.media_paths():
        file = feed_file.parent / rel
        if not file.is_file():
            continue  # a published bundle's manifest entry; the screens check it on arrival
        try:
            check_media(rel, file)
        except SyncRefused as exc:
            problems.append(Problem(str(feed_file), "", str(exc)))
    return problems


def _cmd_keygen(args: argparse.Namespace) -> int:
    from kiosk.publish.signing import keygen, passphrase_from_env_or_prompt

    passphrase = None if args.unencrypted else passphrase_from_env_or_prompt(confirm=True)
    files = keygen(args.out, passphrase, force=args.force)
    print(f"secret key: {files.secret} (keep it on the desk; never on a screen or a server)")
    print(f"public key: {files.public} (key id {files.key.id_hex})")
    print("Put the public key on every screen, in kiosk.toml:")
    print(f'  trusted_keys = ["{files.key.file_text().splitlines()[1]}"]')
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    from kiosk.publish.signing import passphrase_from_env_or_prompt, publish, read_key

    feed_file, feed, _problems = _check_site(args.src)
    if feed is None:
        print(f"{feed_file or args.src}: not published: the feed has errors")
        return 1
    if args.check_links and not _links_ok(feed, args.strict_links):
        print(f"{feed_file}: not published: broken links (--strict-links)")
        return 1
    key = read_key(args.key, lambda: passphrase_from_env_or_prompt(confirm=False))
    published = publish(args.src, args.out, key)
    assert published.publication is not None
    print(
        f"published {feed.site.name} into {args.out}: feed.json number "
        f"{published.publication.sequence}, {len(published.media)} media files, signed by "
        f"key {key.public_key().id_hex}"
    )
    return 0


def _links_ok(feed: Any, strict: bool) -> bool:
    from kiosk.publish.links import check_links, feed_links, format_reports

    reports = check_links(feed_links(feed))
    for line in format_reports(reports):
        print(line)
    return not strict or not any(r.broken for r in reports)


def _cmd_check_a11y(args: argparse.Namespace) -> int:
    from kiosk.app import check_accessibility

    geometry = _geometry(args, "totem55")
    findings = check_accessibility(
        args.path, geometry, args.screen, args.page, modes=args.mode or None
    )
    violations = [f for f in findings if not f.violation.known_limit]
    limits = [f for f in findings if f.violation.known_limit]
    for finding in violations + limits:
        print(finding)
    shape = f"{geometry.width_mm:.0f} x {geometry.height_mm:.0f} mm"
    noted = f" ({len(limits)} known limit{'s' if len(limits) != 1 else ''} noted)" if limits else ""
    print(
        f"{args.path}: {len(violations)} violation{'s' if len(violations) != 1 else ''} on "
        f"{geometry.name} ({shape}, lower edge {geometry.bottom_mm / 1000:.2f} m){noted}"
    )
    return 1 if violations else 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.ops.doctor import run

    report = run(lambda: _config(args))
    print(report.text())
    return 1 if report.failed else 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from kiosk.config import load_config
    from kiosk.io import stats

    try:
        zone = ZoneInfo(args.zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise KioskError(f"--zone {args.zone!r}: unknown time zone (like Europe/Paris)") from None
    since = _stats_moment("--since", args.since, zone, end_of_day=False)
    until = _stats_moment("--until", args.until, zone, end_of_day=True)
    if since and until and since >= until:
        raise KioskError(f"--since {args.since} is not before --until {args.until}")
    data_dir = args.data_dir or load_config(args.config).resolved_data_dir()
    kinds = tuple(args.kind or ("play", "page", "qr", "alert"))
    with stats.reading(data_dir) as conn:
        found = stats.records(conn, since, until, kinds)
        if args.summary:
            stats.write(
                iter(stats.summary(found, zone)), stats.SUMMARY_FIELDS, args.format, sys.stdout
            )
        else:
            stats.write(map(stats.row_of, found), stats.FIELDS, args.format, sys.stdout)
    return 0


def _stats_moment(option: str, text: str | None, zone: Any, end_of_day: bool) -> Any:
    """A day (its start; with ``end_of_day``, the start of the next) or a date-time; without
    an offset, in ``zone``."""
    from datetime import date, timedelta

    if text is None:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end_of_day else 0)
            return datetime(day.year, day.month, day.day, tzinfo=zone)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise KioskError(
            f"{option} {text!r}: not a date; expected a day like 2026-11-01 or a date-time "
            "like 2026-11-01T08:00 (site time) or 2026-11-01T07:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _cmd_sync(args: argparse.Namespace) -> int:
    import time

    from kiosk.io.sync import sync_once
    from kiosk.io.trust import trust_of
    from kiosk.resources import demo_site

    config = _config(args)
    source = config.feed or str(demo_site())
    trust = trust_of(config)
    while True:
        result = sync_once(source, config.resolved_data_dir(), trust=trust)
        print(f"{result.status}: {result.message}")
        if args.once:
            return 0 if result.ok else 1
        time.sleep(config.poll_interval)


def _cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.core.schema import schema_json

    text = schema_json()
    if args.out:
        args.out.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from kiosk.inspect import Options, run

    options = Options(
        kind=args.kind,
        lang=args.lang,
        follow=args.follow,
        days=args.days,
        start=args.start,
        zone=args.zone,
        polygons=args.polygons,
    )
    return run(args.source, options)


def _cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run_player

    config = _config(args)
    if args.windowed:
        config = config.with_overrides(fullscreen=False, hide_cursor=False)
    return run_player(
        config, first_frame_file=args.first_frame_file, alert_frame_file=args.alert_frame_file
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.app import run_demo

    return run_demo(out=args.out, windowed=args.windowed)


def _cmd_render(args: argparse.Namespace) -> int:
    from kiosk.app import render_site

    paths = render_site(
        args.path,
        args.out,
        screen=args.screen,
        size=args.size,
        lang=args.lang,
        at=args.at,
        pages=args.page,
        geometry=_geometry(args, None),
        modes=args.mode,
    )
    for path in paths:
        print(path)
    return 0
