"""The town's own alert file: what the communication team publishes by hand (FR-Alert
reaches phones only; a boil-water notice has no feed at all).

A small JSON document stating the alerts in force now; publishing a new version without
an alert withdraws it. It becomes ordinary CAP values, so the same rules apply::

    {"version": 1,
     "alerts": [{"id": "crue-ondine", "severity": "severe",
                 "headline": {"fr": "Crue de l'Ondine", "en": "Ondine river flood"},
                 "instruction": {"fr": "Évitez les quais.", "en": "Keep away from the quays."},
                 "sender": "Mairie de Valmorin-sur-Ondine",
                 "sent": "2026-11-24T06:30:00+01:00", "expires": "2026-11-25T18:00:00+01:00"}]}
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from kiosk.core.cap import Area, CapAlert, Info
from kiosk.core.xmlsafe import XmlRefused

Text = str | dict[str, str]


class ManualAlert(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    severity: Literal["extreme", "severe", "moderate", "minor"]
    headline: Text
    instruction: Text | None = None
    description: Text | None = None
    event: Text | None = None
    sender: Annotated[str, Meta(min_length=1)]
    sent: datetime
    expires: datetime | None = None
    status: Literal["actual", "exercise", "test"] = "actual"
    area: str | None = None  # shown as is ("Quartier des Prés"); no filtering


class ManualAlerts(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    version: int
    alerts: list[ManualAlert] = msgspec.field(default_factory=list)


def parse_manual(data: bytes, source: str) -> list[CapAlert]:
    try:
        doc = msgspec.json.decode(data, type=ManualAlerts)
    except msgspec.ValidationError as exc:
        raise XmlRefused(source, f"not a valid alert file: {exc}") from None
    except msgspec.DecodeError as exc:
        raise XmlRefused(source, f"not JSON: {exc}") from None
    if doc.version != 1:
        raise XmlRefused(source, f"alert file version {doc.version}; this kiosk reads 1")
    return [_to_cap(a, source) for a in doc.alerts]


def _texts(value: Text | None, languages: list[str]) -> dict[str, str]:
    if value is None:
        return {}
    return {languages[0]: value} if isinstance(value, str) else dict(value)


def _to_cap(alert: ManualAlert, source: str) -> CapAlert:
    for moment in (alert.sent, alert.expires):
        if moment is not None and moment.tzinfo is None:
            raise XmlRefused(source, f"{alert.id}: dates need a UTC offset, like +01:00")
    headline = _texts(alert.headline, ["fr"])
    languages = list(headline) or ["fr"]
    texts = {
        name: _texts(getattr(alert, name), languages)
        for name in ("instruction", "description", "event")
    }
    infos = tuple(
        Info(
            language=lang,
            event=texts["event"].get(lang, ""),
            urgency="Immediate",
            severity=alert.severity.capitalize(),
            certainty="Observed",
            headline=headline[lang],
            description=texts["description"].get(lang, ""),
            instruction=texts["instruction"].get(lang, ""),
            sender_name=alert.sender,
            expires=alert.expires,
            areas=(Area(alert.area),) if alert.area else (),
        )
        for lang in languages
    )
    return CapAlert(
        identifier=alert.id,
        sender=alert.sender,
        sent=alert.sent,
        status=alert.status.capitalize(),
        msg_type="Alert",
        scope="Public",
        infos=infos,
        source=source,
        version="manual",
    )
