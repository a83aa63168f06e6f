"""CAP 1.2 documents for tests of the alert flow (the parser itself is tested on real
documents from tests/data)."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

SENDER = "pref-ondine@interieur.gouv.fr"

TEXTS = {
    "fr": {
        "event": "Crue",
        "headline": "Crue majeure de l'Ondine : évacuation des quais",
        "description": "Le niveau de l'Ondine monte rapidement. Débordements attendus cette nuit.",
        "instruction": "Quittez les quais et les parkings souterrains. Montez à l'étage. "
        "N'allez pas chercher vos enfants à l'école : ils sont pris en charge.",
        "sender": "Préfecture de l'Ondine",
        "area": "Valmorin-sur-Ondine",
    },
    "en": {
        "event": "Flood",
        "headline": "Major flood of the Ondine: leave the quays",
        "description": "The Ondine is rising fast. Overflows expected tonight.",
        "instruction": "Leave the quays and underground car parks. Go upstairs. "
        "Do not fetch your children from school: they are looked after.",
        "sender": "Ondine prefecture",
        "area": "Valmorin-sur-Ondine",
    },
}


def cap(
    identifier: str,
    sent: datetime,
    severity: str = "Extreme",
    msg_type: str = "Alert",
    references: str = "",
    expires: datetime | None = None,
    languages: tuple[str, ...] = ("fr", "en"),
    geocode: tuple[str, str] = ("INSEE", "99001"),
    status: str = "Actual",
    headline: str | None = None,
) -> bytes:
    infos = []
    for lang in languages:
        t = dict(TEXTS[lang])
        if headline is not None:
            t["headline"] = headline
        expiry = f"<expires>{expires.isoformat()}</expires>" if expires else ""
        infos.append(f"""
  <info>
    <language>{lang}-{lang.upper() if lang != "en" else "GB"}</language>
    <category>Met</category>
    <event>{escape(t["event"])}</event>
    <urgency>Immediate</urgency>
    <severity>{severity}</severity>
    <certainty>Observed</certainty>
    {expiry}
    <senderName>{escape(t["sender"])}</senderName>
    <headline>{escape(t["headline"])}</headline>
    <description>{escape(t["description"])}</description>
    <instruction>{escape(t["instruction"])}</instruction>
    <area>
      <areaDesc>{escape(t["area"])}</areaDesc>
      <geocode><valueName>{geocode[0]}</valueName><value>{geocode[1]}</value></geocode>
    </area>
  </info>""")
    refs = f"<references>{references}</references>" if references else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{identifier}</identifier>
  <sender>{SENDER}</sender>
  <sent>{sent.isoformat()}</sent>
  <status>{status}</status>
  <msgType>{msg_type}</msgType>
  <scope>Public</scope>
  {refs}{"".join(infos)}
</alert>
""".encode()


def reference(identifier: str, sent: datetime) -> str:
    return f"{SENDER},{identifier},{sent.isoformat()}"
