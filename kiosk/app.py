"""Composition root of the player: config -> store -> theme -> Qt app -> QML -> sync jobs.

Everything is built here, in this order, and each step is logged once. What is slow to import
(requests, APScheduler) is imported only after the first slide is on screen: the public sees
the town's content first, and the network comes second.
"""

from __future__ import annotations

import itertools
import logging
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import Config, read_heartbeat_token
from kiosk.core.clock import UNTRUSTED, TrustedClock, publication_time
from kiosk.core.theme import Theme, parse_theme
from kiosk.errors import ConfigError, KioskError
from kiosk.io.store import Snapshot, Store
from kiosk.ops.clock import SAVE_INTERVAL, ClockKeeper, load_last_good
from kiosk.resources import demo_site, theme_dir

log = logging.getLogger(__name__)

DEFAULT_SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


def load_theme(name: str) -> tuple[Theme, Path]:
    folder = theme_dir(name) or theme_dir("default")
    if folder is None:
        raise ConfigError("no theme found (themes/default/theme.toml is missing)")
    if folder.name != name:
        log.warning("theme '%s' not found; using the default theme", name)
    path = folder / "theme.toml"
    return parse_theme(path.read_bytes(), str(path)), folder


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux), for the start-up steps in the log."""
    try:
        with open("/proc/self/stat") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return (uptime - ticks / os.sysconf("SC_CLK_TCK")) * 1000


def has_display() -> bool:
    """A screen to play on: a desktop session, or an explicit non-offscreen Qt platform."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return not platform.startswith(("offscreen", "minimal"))
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# -- the player ------------------------------------------------------------------------------


def run_player(
    config: Config, first_frame_file: Path | None = None, alert_frame_file: Path | None = None
) -> int:
    from kiosk.ops.memory import tune_allocator

    tune_allocator()  # before Qt starts its threads: pictures go back to the system when freed
    from kiosk.ops.logring import RecentProblems

    problems = RecentProblems().install()  # the maintenance page's "recent problems"
    from kiosk.ui import qtlog, signals
    from kiosk.ui.bridge import Player
    from kiosk.ui.jobs import ScheduledRunner
    from kiosk.ui.view import View, application, load_fonts
    from kiosk.ui.watchdog import Supervisor

    log.debug("start-up: modules imported at %.0f ms", process_age_ms())
    from kiosk.io.trust import trust_of

    trust = trust_of(config)  # a bad key is a config error, said before anything shows
    heartbeat_token = read_heartbeat_token(config)  # so is an unreadable token file
    data_dir = config.resolved_data_dir()
    store = Store(data_dir)
    snapshot = store.current()
    log.info("data dir %s, snapshot %s", data_dir, snapshot.id if snapshot else "none yet")
    theme_name = snapshot.feed.site.theme if snapshot else "default"
    theme, folder = load_theme(theme_name)
    clock = trusted_clock(data_dir, snapshot)

    qtlog.install()
    app = application()
    from kiosk.ops.sdnotify import Notifier

    supervisor = Supervisor(Notifier(), app)  # systemd: watchdog pings from the Qt loop
    from kiosk.ui.collector import MainThreadCollector

    collector = MainThreadCollector(app)  # cycles holding Qt objects die on the Qt thread
    load_fonts(theme, folder)
    player = Player(
        theme,
        folder,
        screen=config.screen,
        language=config.language,
        ticker_speed=config.ticker_speed,
        transition=config.transition,
        clock=clock.now,
        parent=app,
    )
    player.set_snapshot(snapshot)
    recorder = proof_recorder(config)
    runner = ScheduledRunner(app)
    source = config.feed or str(demo_site())

    polling: list[Any] = []  # the AlertPolling, once set up on the worker thread

    def on_result(name: str, result: Any) -> None:
        if name.startswith("alert:"):
            view.alerts.accept(result)
            return
        if name == "clock":
            watch.checked()
            return
        if name != "sync":
            return
        proof.sync_done(result)
        if result.status == "new":  # its publication time is past: the clock is not behind
            clock.know_past(publication_time(result.snapshot.feed))
            watch.checked()
        if result.status == "new" and result.snapshot.feed.site.theme != theme_name:
            log.warning(
                "the feed now asks for theme '%s': it applies at the next restart",
                result.snapshot.feed.site.theme,
            )
        status_source.record_sync(result)
        player.accept_sync(result)
        supervisor.status(f"last sync: {result.status}, {result.message}")
        if result.status == "new" and polling:  # off the Qt thread: pollers read their state
            runner.in_background(lambda: configure_alerts(polling[0], result.snapshot))

    def configure_alerts(alert_polling: Any, current: Snapshot | None) -> None:
        from kiosk.io.alerts import source_locations

        alert_polling.configure(source_locations(current), view.alerts.place)

    def set_up_sync() -> None:  # on a worker thread: requests and APScheduler are slow to import
        from kiosk.io.alerts import ALERT_LIMITS, AlertPolling
        from kiosk.io.fetch import Fetcher
        from kiosk.io.sync import Syncer

        # Alerts first: after a reboot, an alert in force is back before the feed is checked.
        alert_polling = AlertPolling(
            data_dir / "alerts", Fetcher(ALERT_LIMITS), runner.every, runner.cancel, clock.now
        )
        configure_alerts(alert_polling, player.snapshot)
        polling.append(alert_polling)
        syncer = Syncer(source, store, Fetcher(), clock=clock.now, trust=trust)
        runner.every("sync", config.poll_interval, syncer.run_once)
        runner.every("clock", SAVE_INTERVAL, ClockKeeper(clock, data_dir).run_once)
        log.info("syncing %s every %.0f s", source, config.poll_interval)
        if config.heartbeat_url and heartbeat_token:
            from kiosk.io.heartbeat import Heartbeat

            beat = Heartbeat(
                config.heartbeat_url, heartbeat_token, data_dir, proof.status, config.screen
            )
            runner.every("heartbeat", config.heartbeat_interval, beat.run_once)
            log.info("heartbeat to %s every %.0f s", beat.url, config.heartbeat_interval)

    def start_background_work() -> None:
        current = player.snapshot
        supervisor.ready(f"playing snapshot {current.id}" if current else "playing the fallback")
        runner.done.connect(on_result)
        runner.in_background(set_up_sync)

    # Listening before the QML exists: the first slide (maybe the fallback) is not missed.
    first = FirstSlide(player, first_frame_file, start_background_work)
    from kiosk.ops.power import PowerSwitch, choose_backend

    # Chosen on the power worker thread, at the first switch (it looks for commands).
    power = PowerSwitch(lambda: choose_backend(config.power_backend, config.power_output))
    log.debug("start-up: Qt ready at %.0f ms", process_age_ms())
    from kiosk.ui.maintenance import Maintenance, StatusSource

    status_source = StatusSource(source, config.screen, clock, lambda: player.snapshot, problems)
    maintenance = (
        Maintenance(config.maintenance_pin, status_source.values)
        if config.maintenance_pin
        else None
    )
    view = View(
        player,
        allow_quit=not config.fullscreen,
        position=config.position,
        geometry=config.geometry,
        speech_engine="speechd",  # Listen and alerts read aloud (docs/accessibility.md)
        audio=config.audio,
        reduced_motion=config.reduced_motion,
        power_switch=power,
        maintenance=maintenance,
    )
    log.debug("start-up: QML loaded at %.0f ms", process_age_ms())
    watch = ClockWatch(clock, [player.refresh, view.alerts.refresh])
    first.view = view
    from kiosk.ui.proof import ProofOfPlay

    controller = view.power  # read from the heartbeat's thread: plain attributes, no Qt call
    proof = ProofOfPlay(recorder, player, view, lambda: "on" if controller.on else "off")
    frames = AlertFrames(view, alert_frame_file) if alert_frame_file is not None else None

    def stop_now() -> None:
        supervisor.stopping()
        runner.shutdown()
        recorder.close()  # the slide on screen gets its exact duration
        ClockKeeper(clock, data_dir).save(clock.now())  # stopping: no frame waits for it
        log.info("player stopped")

    keep = signals.install(app, stop_now)
    view.show(None, config.fullscreen, config.hide_cursor)
    log.info("player started (%s)", "full screen" if config.fullscreen else "windowed")
    exit_status = app.exec()
    supervisor.stopping()
    runner.shutdown()
    recorder.close()
    ClockKeeper(clock, data_dir).save(clock.now())  # the loop has ended: no frame waits
    view.close()
    del keep, frames
    collector.stop()
    problems.remove()
    log.info("player stopped")
    return exit_status


def trusted_clock(data_dir: Path, snapshot: Snapshot | None) -> TrustedClock:
    """The player's one clock: never behind the last good time saved in ``data_dir`` nor
    the current feed's publication (docs/operations.md, "Clock rules")."""
    clock = TrustedClock(time.monotonic, last_good=load_last_good(data_dir))
    if snapshot is not None:
        clock.know_past(publication_time(snapshot.feed))
    reading = clock.read()
    if not reading.good:
        log.warning(
            "clock: the system clock (%s) is behind the last good time; using %s until it is set",
            reading.system.isoformat(timespec="seconds"),
            reading.now.isoformat(timespec="seconds"),
        )
    return clock


class ClockWatch:
    """When the clock's state changes (it became good, or was found behind), every date
    window and alert is re-decided at once: their timers were armed on the old time."""

    def __init__(self, clock: TrustedClock, redecide: list[Any]) -> None:
        self.clock = clock
        self.redecide = redecide
        self.state = clock.read().state

    def checked(self) -> None:
        """On the Qt thread, after the clock job or a new feed."""
        state = self.clock.read().state
        if state == self.state:
            return
        level = logging.WARNING if state == UNTRUSTED else logging.INFO
        log.log(level, "clock: %s (was %s)", state, self.state)
        self.state = state
        for fn in self.redecide:
            fn()


def proof_recorder(config: Config) -> Any:
    """The proof-of-play recorder of ``telemetry.sqlite`` (docs/proof-of-play.md)."""
    from kiosk.io.telemetry import Recorder, Retention

    retention = Retention(config.stats_retention_days, int(config.stats_max_mb * 1024 * 1024))
    return Recorder(config.resolved_data_dir(), config.screen, retention)


class FirstSlide:
    """When the first slide is shown, wait for the frame that carries it, write its time
    (``--first-frame-file``), then start what comes second (the sync jobs)."""

    def __init__(self, player: Any, first_frame_file: Path | None, then: Any) -> None:
        self.player = player
        self.view: Any = None
        self.file = first_frame_file
        self.then = then
        player.slideShown.connect(self._shown)

    def _shown(self, _item_id: str) -> None:
        self.player.slideShown.disconnect(self._shown)
        self.view.window.frameSwapped.connect(self._swapped)
        self.view.window.update()

    def _swapped(self) -> None:
        self.view.window.frameSwapped.disconnect(self._swapped)
        if self.file is not None:
            self.file.write_text(f"{time.time():.6f}\n")
        log.info("first slide on screen after %.0f ms", process_age_ms())
        self.then()


class AlertFrames:
    """Appends the time of the frame that first carries each full-screen alert to a file
    (the alert latency benchmark), and logs it."""

    def __init__(self, view: Any, path: Path) -> None:
        self.view = view
        self.path = path
        self.key = ""
        view.alerts.fullChanged.connect(self._changed)

    def _changed(self, key: str) -> None:
        if key:
            self.key = key
            self.view.window.frameSwapped.connect(self._swapped)
            self.view.window.update()

    def _swapped(self) -> None:
        self.view.window.frameSwapped.disconnect(self._swapped)
        with self.path.open("a") as fh:
            fh.write(f"{time.time():.6f} {self.key}\n")
        log.info("full-screen alert on screen: %s", self.key)


# -- render and demo ---------------------------------------------------------------------------


def snapshot_of(path: Path, data_dir: Path) -> Snapshot:
    """Sync a site folder, feed file or bundle into ``data_dir`` and return its snapshot."""
    from kiosk.io.sync import sync_once
    from kiosk.io.trust import Trust

    # Previews read local files on the desk: unsigned is fine; a bad signature is not.
    result = sync_once(str(path), data_dir, trust=Trust(allow_unsigned=True))
    if not result.ok or result.snapshot is None:
        raise KioskError(result.message)
    return result.snapshot


def render_site(
    path: Path,
    out: Path,
    screen: str | None = None,
    size: tuple[int, int] | None = None,
    lang: str | None = None,
    at: datetime | None = None,
    every_item: bool = False,
    pages: list[str] | None = None,
    geometry: Any = None,
    modes: list[str] | None = None,
) -> list[Path]:
    """PNG of each slide ``screen`` shows at ``at`` (or of every item, for the demo), or of
    each directory page of ``pages``; on ``geometry`` (the reach band), in the visitor's
    display ``modes`` (large-text, high-contrast, accessible-layout)."""
    from zoneinfo import ZoneInfo

    from kiosk.core.rotation import weighted_order
    from kiosk.core.schedule import active_items, wall_to_instant
    from kiosk.ui.bridge import Player
    from kiosk.ui.render import render_to_files
    from kiosk.ui.view import View, application, load_fonts

    with tempfile.TemporaryDirectory(prefix="kiosk-render-") as tmp:
        snapshot = snapshot_of(path, Path(tmp))
        feed = snapshot.feed
        if screen is not None and feed.screen(screen) is None:
            names = ", ".join(s.name for s in feed.screens) or "none"
            raise KioskError(f"no screen named '{screen}' in the feed (screens: {names})")
        moment = at or datetime.now(UTC)
        if moment.tzinfo is None:  # a local time of the site
            moment = wall_to_instant(moment, ZoneInfo(feed.site.timezone))
        if every_item:  # the demo preview: everything, whatever its schedule and targets
            items = list(feed.rotation)
        else:
            items = active_items(feed, screen, moment)
        orientation = feed.screen(screen).orientation if feed.screen(screen) else "landscape"
        size = size or DEFAULT_SIZES[orientation]

        theme, folder = load_theme(feed.site.theme)
        app = application(offscreen=True)
        load_fonts(theme, folder)
        player = Player(
            theme,
            folder,
            screen=screen,
            language=lang,
            clock=lambda: moment,
            render_mode=True,
            parent=app,
        )
        player.set_snapshot(snapshot)
        unique = list({item.id: item for item in weighted_order(items)}.values())
        slide_list = [s for item in unique for s in player.slides_for(item)] or [
            player.fallback_slide()
        ]
        view = View(player, timed_sessions=False, geometry=geometry)
        view.show(size, fullscreen=False, hide_cursor=False)
        try:
            view.display.set_modes(modes or [])
            if pages:
                return render_pages(view, pages, out)
            return render_to_files(view, slide_list, out)
        finally:
            view.close()
            player.deleteLater()  # its clock's timers stop with it (tests render many times)


def render_pages(view: Any, pages: list[str], out: Path) -> list[Path]:
    from kiosk.ui.render import grab_page, page_file_name

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for page in pages:
        target = out / page_file_name(page)
        if not grab_page(view, page).save(str(target)):
            raise KioskError(f"cannot write {target}")
        written.append(target)
    return written


def run_demo(out: Path | None = None, windowed: bool = False) -> int:
    """Play the demo town; with no display, render every slide in both orientations."""
    if has_display() and out is None:
        with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as tmp:
            config = Config(feed=str(demo_site()), data_dir=Path(tmp), screen=None)
            snapshot_of(demo_site(), Path(tmp))
            if windowed:
                config = config.with_overrides(fullscreen=False, hide_cursor=False)
            return run_player(config)
    out = out or Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    print(f"No display: rendering every slide of the demo into {out}")
    for orientation, size in DEFAULT_SIZES.items():
        paths = render_site(demo_site(), out / orientation, size=size, every_item=True)
        print(f"  {orientation} {size[0]}x{size[1]}: {len(paths)} slides in {out / orientation}")
    print(
        "To play it on a screen: run `kiosk demo` in a desktop session, or on a console\n"
        "with QT_QPA_PLATFORM=eglfs kiosk demo"
    )
    return 0


# -- accessibility check -----------------------------------------------------------------------


def check_accessibility(
    path: Path,
    geometry: Any,
    screen: str | None = None,
    pages: list[str] | None = None,
    modes: list[str] | None = None,
) -> list[Any]:
    """Every interactive page of ``path``, in every language of the site, both orientations
    and every display mode (``modes``: "default" and those of DISPLAY_MODES; None: all),
    checked on ``geometry`` (kiosk check-a11y). Returns the findings."""
    from kiosk.core.geometry import DISPLAY_MODES
    from kiosk.ui.a11y import Finding, check_pages, interactive_pages
    from kiosk.ui.bridge import Player
    from kiosk.ui.view import View, application, load_fonts, reach_band

    findings: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-a11y-") as tmp:
        snapshot = snapshot_of(path, Path(tmp))
        feed = snapshot.feed
        if feed.services is None:
            raise KioskError(f"{path}: the feed has no `services`: no interactive page to check")
        theme, folder = load_theme(feed.site.theme)
        app = application(offscreen=True)
        load_fonts(theme, folder)
        for orientation, language, mode in itertools.product(
            ("portrait", "landscape"), feed.site.languages, modes or ("default", *DISPLAY_MODES)
        ):
            if mode == "accessible-layout" and not reach_band(geometry)["active"]:
                continue  # the whole screen is within reach: the mode changes nothing
            player = Player(theme, folder, screen=screen, language=language, render_mode=True)
            player.set_snapshot(snapshot)
            view = View(player, timed_sessions=False, geometry=geometry)
            view.show(DEFAULT_SIZES[orientation], fullscreen=False, hide_cursor=False)
            try:
                view.display.set_modes([] if mode == "default" else [mode])
                todo = pages or interactive_pages(view.directory)
                large = mode == "large-text"
                for page, violation in check_pages(view, todo, geometry, large_text=large):
                    findings.append(Finding(page, language, orientation, violation, mode))
            finally:
                view.close()
                player.deleteLater()
        del app
    return findings
