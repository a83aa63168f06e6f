"""What the screen shows, told to the proof-of-play :class:`~kiosk.io.telemetry.Recorder`.

Runs on the Qt thread and only queues tuples (the recorder writes on its own thread). A slide
counts from the moment it is fully on screen until another replaces it, or until something
covers the loop (a visit of the services directory, a full-screen alert); when the cover
goes, the slide underneath counts again until the next one fades in. Directory pages are
counted by page, never by what a visitor typed; alerts by what is visible (the full-screen
alert, or the banners when there is none).

It also keeps the plain values the heartbeat reports (what plays, the last sync).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.io.telemetry import Recorder, utc_text

log = logging.getLogger(__name__)

VISIBLE_BANNERS = 2  # Main.qml shows the first two banners


class ProofOfPlay:
    def __init__(
        self,
        recorder: Recorder,
        player: Any,
        view: Any,
        display_power: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.recorder = recorder
        self.player = player
        self.view = view
        self.display_power = display_power  # the display power helper's state, when it exists
        self.current = ""  # the item of the loop on screen (or under a cover)
        self.last_sync: dict[str, Any] | None = None
        self._covered = False
        self._page: tuple[str, str, str] | None = None
        self._alerts: set[str] = set()
        self.snapshot_id = ""  # a plain copy: the heartbeat's thread never reads the player
        player.siteChanged.connect(self._site_changed)
        self._site_changed()
        player.slideShown.connect(self._slide_shown)
        view.session.activeChanged.connect(self._cover_changed)
        view.alerts.changed.connect(self._cover_changed)
        view.alerts.changed.connect(self._alerts_changed)
        view.directory.changed.connect(self._page_changed)
        self._alerts_changed()

    def _site_changed(self) -> None:
        snapshot = self.player.snapshot
        self.snapshot_id = snapshot.id if snapshot is not None else ""

    # -- the loop ----------------------------------------------------------------------------

    def _slide_shown(self, item_id: str) -> None:
        self.current = item_id
        if self._covered:
            return
        self.recorder.play(item_id, self.snapshot_id)
        address = self.player.qr_address(item_id)
        if address:
            self.recorder.qr(item_id, address, self.snapshot_id)

    def _cover_changed(self) -> None:
        covered = bool(self.view.session.active or self.view.alerts.fullScreen)
        if covered == self._covered:
            return
        self._covered = covered
        if covered:
            self.recorder.stop_play()
            return
        self._page = None  # the next visit's first page counts
        if self.current:
            self.recorder.play(self.current, self.snapshot_id)  # visible until the next fades in

    # -- the directory -------------------------------------------------------------------------

    def _page_changed(self) -> None:
        if not self.view.session.active:
            return
        nav = self.view.directory.navigation
        here = (nav.page, nav.category_id, nav.service_id)
        if here == self._page:
            return  # typing in the search field, a language switch: the same page
        self._page = here
        self.recorder.page(page_path(*here), self.snapshot_id)
        if nav.page == "service":
            address = self.view.directory.service.get("url", "")
            if address:
                self.recorder.qr(nav.service_id, address, self.snapshot_id)

    # -- alerts --------------------------------------------------------------------------------

    def _alerts_changed(self) -> None:
        board = self.view.alerts
        visible = [board.full] if board.fullScreen else board.banners[:VISIBLE_BANNERS]
        shown = {a["key"]: f"{a['level']}/{a['severity']}" for a in visible}
        for key in self._alerts - shown.keys():
            self.recorder.alert_off(key)
        for key in shown.keys() - self._alerts:
            self.recorder.alert_on(key, shown[key], self.snapshot_id)
        self._alerts = set(shown)

    # -- the heartbeat -------------------------------------------------------------------------

    def sync_done(self, result: Any) -> None:
        """A :class:`~kiosk.io.sync.SyncResult`, on the Qt thread."""
        self.last_sync = {
            "status": result.status,
            "message": result.message,
            "at": utc_text(datetime.now(UTC)),
        }

    def status(self) -> dict[str, Any]:
        """Plain values for the heartbeat job, read from its thread (each attribute is
        replaced whole on the Qt thread, never changed in place)."""
        return {
            "snapshot": self.snapshot_id or None,
            "current_item": (self.current or None) if not self._covered else None,
            "last_sync": self.last_sync,
            "display_power": self._power(),
        }

    def _power(self) -> str | None:
        try:
            return self.display_power()
        except Exception:  # a power backend's bug must not stop the heartbeat
            log.exception("display power state unreadable")
            return None


def page_path(page: str, category_id: str, service_id: str) -> str:
    """The page as ``kiosk render --page`` names it; a search is only ``search``."""
    if page == "category":
        return f"services/{category_id}"
    if page == "service":
        return f"services/{category_id}/{service_id}"
    return {"all": "services"}.get(page, page)
