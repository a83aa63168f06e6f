"""Display power on the real QML window (offscreen): the night switch-off of a street screen
covers everything with black, stops the loop and switches the panel (a fake xset first in
PATH records the real command lines); an alert wakes it at once; a visit delays it; a clock
jump is noticed; a failing command still leaves the screen black."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint

from kiosk.io.alerts import SourcePoller, source_locations
from kiosk.io.fetch import Fetcher
from kiosk.ops.power import PowerSwitch, backend_named
from tests.capkit import cap, reference
from tests.qmlkit import (
    Clock,
    close_views,
    colour_media,
    find,
    make_site,
    player_and_view,
    shown_ids,
    snapshot_of,
    tap,
)
from tests.test_power import FakeTools

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("overrides a member of the base object")]

PARIS = ZoneInfo("Europe/Paris")
#: Two seconds before the night switch-off of a Wednesday.
BEFORE_NIGHT = datetime(2026, 11, 25, 0, 59, 58, tzinfo=PARIS)

SITE = """\
version: 1
site: {name: Valmorin-sur-Ondine, languages: [fr, en]}
screens:
  - {name: totem, orientation: portrait, placement: street}
rotation:
  - {id: red, type: image, image: media/red.jpg, fit: cover, duration: 0.4}
  - {id: green, type: image, image: media/green.jpg, fit: cover, duration: 0.4}
ticker:
  - {id: t, text: Bienvenue}
services:
  categories:
    - id: etat-civil
      title: {fr: État civil, en: Civil status}
      services:
        - {id: naissance, title: {fr: Acte de naissance, en: Birth certificate}}
alerts:
  area: {insee: "99001"}
  sources:
    - {id: prefecture, url: alerte.xml, kind: cap}
"""


class Totem:
    def __init__(self, tmp_path: Path, start: datetime, fail: bool = False, **options) -> None:
        self.site = make_site(tmp_path / "site", SITE, colour_media("red", "green"))
        self.alert_file = self.site / "alerte.xml"
        self.alert_file.write_bytes(b"")
        self.tools = FakeTools(tmp_path)
        if fail:
            self.tools.fail.touch()
        self.clock = Clock(start)
        snapshot = snapshot_of(self.site, tmp_path / "data")
        switch = PowerSwitch(backend_named("xset"), env=self.tools.env)
        self.player, self.view = player_and_view(
            snapshot, self.clock, screen="totem", transition=0.1, power_switch=switch, **options
        )
        self.power = self.view.power
        [(source, location)] = source_locations(snapshot)
        self.poller = SourcePoller(
            source,
            location,
            tmp_path / "data" / "alerts",
            Fetcher(),
            self.view.alerts.place,
            clock=self.clock,
        )

    def publish(self, document: bytes) -> None:
        self.alert_file.write_bytes(document)
        self.view.alerts.accept(self.poller.poll())

    def commands(self) -> list[str]:
        self.power.wait_idle()
        return self.tools.calls()


@pytest.fixture
def totem(tmp_path):
    made = []

    def make(start: datetime = BEFORE_NIGHT, **options):
        made.append(Totem(tmp_path / str(len(made)), start, **options))
        return made[-1]

    yield make
    close_views()


def all_black(image) -> bool:
    return all(
        image.pixelColor(x, y).lightness() == 0
        for y in range(0, image.height(), 16)
        for x in range(0, image.width(), 16)
    )


def test_at_one_the_street_screen_goes_black_stops_its_loop_and_an_alert_wakes_it(
    qtbot, totem, tmp_path
):
    t = totem()
    seen = shown_ids(t.player)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)  # the loop plays before 01:00
    assert not t.power.off and find(t.view, "powerCover") is None
    qtbot.waitUntil(lambda: t.power.off, timeout=5000)  # a timer, no poll
    state = t.power.state()
    assert (state["on"], state["reason"], state["backend"]) == (False, "night", "xset")
    assert state["next_change"] == "2026-11-25T05:00:00+00:00"  # 06:00 in Paris
    assert t.commands() == ["xset dpms force on", "xset dpms force off"]
    qtbot.wait(200)
    image = t.view.window.grabWindow()
    image.save(str(tmp_path / "power-off.png"))
    assert all_black(image)
    # The loop stands still under the cover: no slide change, no visit from a touch.
    count = len(seen)
    qtbot.wait(1500)
    assert len(seen) == count
    assert t.view.stage.property("paused") is True
    tap(t.view, QPoint(270, 700))
    qtbot.wait(200)
    assert not t.view.session.active
    # A severe alert lights the screen at once, above everything.
    sent = t.clock() - timedelta(minutes=5)
    t.publish(cap("A1", sent, severity="Extreme", expires=t.clock() + timedelta(hours=3)))
    qtbot.waitUntil(lambda: find(t.view, "alertOverlay") is not None, timeout=3000)
    assert not t.power.off and t.power.state()["reason"] == "alert"
    assert find(t.view, "powerCover") is None
    assert t.commands()[-1] == "xset dpms force on"
    image = t.view.window.grabWindow()
    image.save(str(tmp_path / "power-alert.png"))
    assert not all_black(image)
    # Cancelled: the night applies again.
    t.publish(
        cap("A2", sent + timedelta(minutes=1), msg_type="Cancel", references=reference("A1", sent))
    )
    qtbot.waitUntil(lambda: t.power.off, timeout=3000)
    assert t.commands()[-1] == "xset dpms force off"


def test_a_visit_in_progress_is_not_cut_the_screen_goes_off_when_it_ends(qtbot, totem):
    t = totem()
    t.view.session.start("naissance")
    qtbot.wait(2500)  # past 01:00
    assert not t.power.off and t.power.state()["reason"] == "visit"
    t.view.session.end()
    assert t.power.off and t.power.state()["reason"] == "night"


def test_a_clock_jump_into_the_night_is_noticed_at_the_next_minute(qtbot, totem):
    t = totem(start=datetime(2026, 11, 25, 12, 0, tzinfo=PARIS))
    assert not t.power.off
    t.clock.start += timedelta(hours=15)  # NTP after a boot with no RTC: 03:00 next day
    t.player.clockChanged.emit()  # what the header clock's minute timer emits
    assert t.power.off and t.power.state()["reason"] == "night"


def test_a_failing_command_still_leaves_the_screen_black(qtbot, totem, caplog):
    t = totem(start=datetime(2026, 11, 25, 3, 0, tzinfo=PARIS), fail=True)
    assert t.power.off
    qtbot.waitUntil(lambda: t.power.backend == "black", timeout=5000)
    assert "exited with status 3" in t.power.state()["error"]
    assert find(t.view, "powerCover") is not None
    assert all_black(t.view.window.grabWindow())


def test_previews_never_show_the_cover(qtbot, totem):
    t = totem(start=datetime(2026, 11, 25, 3, 0, tzinfo=PARIS), render_mode=True)
    assert not t.power.off and t.commands() == []


def test_a_banner_alert_leaves_the_street_screen_dark(qtbot, totem):
    t = totem(start=datetime(2026, 11, 25, 3, 0, tzinfo=PARIS))
    sent = t.clock() - timedelta(minutes=5)
    t.publish(cap("M1", sent, severity="Moderate", expires=t.clock() + timedelta(hours=12)))
    assert len(t.view.alerts.banners) == 1  # a yellow vigilance: a band in the daytime
    assert t.power.off and t.power.state()["reason"] == "night"


def test_a_new_feed_that_makes_the_screen_a_street_one_switches_it_off_at_once(
    qtbot, totem, tmp_path
):
    t = totem(start=datetime(2026, 11, 25, 3, 0, tzinfo=PARIS))
    assert t.power.off
    indoor = make_site(
        tmp_path / "indoor",
        SITE.replace("placement: street", "placement: indoor"),
        colour_media("red", "green"),
    )
    t.player.set_snapshot(snapshot_of(indoor, tmp_path / "data2"))
    assert not t.power.off and t.power.state()["next_change"] is None
    t.player.set_snapshot(snapshot_of(t.site, tmp_path / "data3"))
    assert t.power.off
    assert t.commands() == ["xset dpms force off", "xset dpms force on", "xset dpms force off"]


def test_the_maintenance_gesture_works_while_the_screen_is_switched_off(qtbot, totem):
    """A technician may come at night: the corner and the PIN pad are above the cover."""
    from kiosk.ui.maintenance import Maintenance

    t = totem(
        start=datetime(2026, 11, 25, 3, 0, tzinfo=PARIS), maintenance=Maintenance("0482", dict)
    )
    assert t.power.off
    qtbot.waitUntil(lambda: find(t.view, "maintenanceCorner") is not None, timeout=3000)
    qtbot.wait(100)
    corner = QPoint(t.view.window.width() - 20, 20)
    for _ in range(5):
        tap(t.view, corner)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: find(t.view, "pinPad") is not None, timeout=2000)
    assert t.power.off  # the pad opens over the black screen; the panel's state is unchanged
