"""The JSON Schema shipped for editors: current, complete, and in agreement with the validator."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from kiosk.cli import main
from kiosk.core.feed import ITEM_TYPES
from kiosk.core.parse import parse_feed_bytes
from kiosk.core.schema import feed_schema, schema_json
from kiosk.core.validate import validate
from kiosk.publish.bundle import build_bundle
from tests.fixtures_feed import write_site
from tests.minischema import schema_errors

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "playlists" / "schema.json"

RICH_FEED = """\
version: 1
site:
  name: Testville
  timezone: Europe/Paris
  languages: [fr, en, de]
  theme: default
  motto: {fr: Bienvenue, en: Welcome}
screens:
  - name: hall
    orientation: landscape
    tags: [indoor]
    description: Lobby of the town hall
  - name: street
    orientation: portrait
    tags: [outdoor]
rotation:
  - type: announcement
    id: fair
    duration: 12.5
    priority: high
    title: {fr: Marché de Noël, en: Christmas market}
    body: Place de la mairie
    image: media/poster.png
    link: https://example.org/noel
    tags: [outdoor]
    promotion: true
    valid:
      from: 2026-12-01
      until: 2026-12-24T20:00
      weekdays: [fri, sat, sun]
      hours: [10:00-12:00, 22:00-02:00]
  - type: image
    id: photo
    image: media/photo.jpg
    caption: Le marché
    fit: cover
    screens: [hall]
  - type: video
    id: clip
    video: media/clip.mp4
  - type: qr
    id: forms
    url: https://example.org/demarches
    title: Démarches en ligne
    priority: highest
ticker:
  - id: water
    text: Coupure d'eau rue Victor Hugo
    valid: {until: 2026-12-02}
  - id: schools
    text: Trois écoles rénovées
    promotion: true
services:
  categories:
    - id: papers
      title: Papiers
      tags: [indoor]
      services:
        - {id: id-card, title: Carte d'identité, screens: [hall], procedure: F1341}
reserve_periods:
  - id: municipales-2032
    from: 2031-09-01
    until: 2032-03-21T20:00
    label: {fr: Municipales 2032, en: 2032 local elections}
links:
  allow_http: false
  hosts: [example.org]
"""


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


def test_shipped_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == schema_json(), (
        "playlists/schema.json is out of date with kiosk/core/feed.py: run `make schema`"
    )


def test_schema_command_prints_and_writes_the_same_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_json()
    assert main(["schema", "--out", str(tmp_path / "schema.json")]) == 0
    assert (tmp_path / "schema.json").read_text("utf-8") == schema_json()


def test_schema_declares_every_item_type(schema: dict[str, Any]) -> None:
    tags = {t.__struct_config__.tag: t for t in ITEM_TYPES}
    assert set(tags) == {"announcement", "image", "video", "qr", "news", "agenda"}
    items = schema["$defs"]["Feed"]["properties"]["rotation"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    assert set(items["discriminator"]["mapping"]) == set(tags)
    assert len(items["anyOf"]) == len(tags)
    for tag, struct in tags.items():
        ref = items["discriminator"]["mapping"][tag]
        assert {"$ref": ref} in items["anyOf"]
        definition = schema["$defs"][ref.rsplit("/", 1)[1]]
        assert definition["properties"]["type"] == {"enum": [tag]}
        assert definition["additionalProperties"] is False
        required = {f.encode_name for f in msgspec.structs.fields(struct) if f.required}
        assert set(definition["required"]) == {"type"} | required, tag


def test_schema_describes_itself_for_editors(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/Feed"
    assert "kiosk schema" in schema["description"]
    assert schema == feed_schema()


def test_schema_accepts_an_authoring_feed_using_every_item_type(schema: dict[str, Any]) -> None:
    data = parse_feed_bytes(RICH_FEED.encode(), "feed.yaml").data
    assert {item["type"] for item in data["rotation"]} == {"announcement", "image", "video", "qr"}
    assert schema_errors(schema, data) == []
    feed, problems = validate(parse_feed_bytes(RICH_FEED.encode(), "feed.yaml"))
    assert feed is not None, problems


def test_schema_accepts_a_published_feed(schema: dict[str, Any], tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    build_bundle(site, tmp_path / "bundle")
    published = json.loads((tmp_path / "bundle" / "feed.json").read_bytes())
    assert published["media"], "a published feed carries its media manifest"
    assert schema_errors(schema, published) == []


def _set(path: list[Any], value: Any) -> Any:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Any:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


# Mistakes that both the schema (in the editor) and the validator (in `kiosk validate`) catch.
BROKEN = {
    "unknown-item-type": _set(["rotation", 0, "type"], "poster"),
    "unknown-item-field": _set(["rotation", 1, "colour"], "red"),
    "unknown-top-field": _set(["rotaton"], []),
    "missing-id": _delete(["rotation", 2, "id"]),
    "missing-qr-url": _delete(["rotation", 3, "url"]),
    "missing-site-name": _delete(["site", "name"]),
    "negative-duration": _set(["rotation", 0, "duration"], -1),
    "zero-duration": _set(["rotation", 0, "duration"], 0),
    "bad-priority": _set(["rotation", 0, "priority"], "urgent"),
    "bad-id": _set(["rotation", 1, "id"], "le marché"),
    "bad-weekday": _set(["rotation", 0, "valid", "weekdays"], ["monday"]),
    "bad-time-range": _set(["rotation", 0, "valid", "hours"], ["8h-12h"]),
    "bad-date": _set(["rotation", 0, "valid", "from"], "01/12/2026"),
    "bad-language-code": _set(["site", "languages"], ["French"]),
    "no-language": _set(["site", "languages"], []),
    "bad-orientation": _set(["screens", 0, "orientation"], "upside-down"),
    "version-as-text": _set(["version"], "1"),
    "promotion-as-text": _set(["rotation", 0, "promotion"], "yes"),
    "reserve-without-until": _delete(["reserve_periods", 0, "until"]),
    "reserve-bad-date": _set(["reserve_periods", 0, "from"], "1er septembre"),
    "unknown-reserve-field": _set(["reserve_periods", 0, "to"], "2032-03-21"),
    "hosts-not-a-list": _set(["links", "hosts"], "example.org"),
    "allow-http-as-text": _set(["links", "allow_http"], "no"),
    "category-screens-not-a-list": _set(["services", "categories", 0, "screens"], "hall"),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_schema_and_validator_both_refuse(schema: dict[str, Any], mutate: Any) -> None:
    parsed = parse_feed_bytes(RICH_FEED.encode(), "feed.yaml")
    data = copy.deepcopy(parsed.data)
    mutate(data)
    assert schema_errors(schema, data) != []
    parsed.data = data
    feed, problems = validate(parsed)
    assert feed is None
    assert any(not p.warning for p in problems)
