"""Feed validation: every mistake staff can make is reported at its field, on its line, in words.

Feeds are written as real files in a site folder (with real media files beside them) and read
the way ``kiosk validate`` reads them. In the YAML snippets below, the comment ``# <-`` marks
the line the problem must be reported on.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.parse import MAX_DEPTH, MAX_FEED_BYTES, parse_feed_bytes
from kiosk.core.validate import validate
from kiosk.errors import FeedError, Problem
from kiosk.publish.bundle import folder_context, read_feed_file
from tests.fixtures_feed import write_site

MARK = "# <-"

BASE = """\
version: 1
site:
  name: Testville
  timezone: Europe/Paris
  languages: [fr, en]
screens:
  - name: hall
    tags: [indoor]
  - name: street
    orientation: portrait
    tags: [outdoor]
rotation:
  - type: image
    id: photo
    image: media/photo.jpg
"""


def marked_line(text: str) -> int | None:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if MARK in line]
    assert len(lines) <= 1, "one marked line per case"
    return lines[0] if lines else None


def check_folder(folder: Path, name: str = "feed.yaml") -> tuple[bool, list[Problem]]:
    """(valid?, problems) of the feed file in ``folder``, as ``kiosk validate`` computes them."""
    feed_file = folder / name
    try:
        parsed = read_feed_file(feed_file)
    except FeedError as exc:
        return False, exc.problems
    feed, problems = validate(parsed, folder_context(feed_file, parsed))
    assert (feed is None) == any(not p.warning for p in problems)
    return feed is not None, problems


def check(tmp_path: Path, text: str) -> tuple[bool, list[Problem]]:
    return check_folder(write_site(tmp_path / "site", text))


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def item(body: str) -> str:
    """BASE with a second rotation item (rotation[1]) made of ``body``."""
    return BASE + body


# (case id, feed text, field path, key phrase of the message). The line is the marked one.
INVALID = [
    (
        "unknown-field",
        item("  - type: announcement\n    id: fair\n    title: Marché\n    boddy: Place  # <-\n"),
        "rotation[1].boddy",
        "unknown field `boddy` (did you mean `body`?)",
    ),
    (
        "unknown-section",
        BASE + "rotaton: []  # <-\n",
        "rotaton",
        "unknown field `rotaton` (did you mean `rotation`?)",
    ),
    (
        "unknown-validity-field",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      form: 2026-12-01  # <-\n"
        ),
        "rotation[1].valid.form",
        "did you mean `from`?",
    ),
    (
        "duplicate-id",
        item("  - type: announcement\n    id: photo  # <-\n    title: Marché\n"),
        "rotation[1].id",
        "id 'photo' is already used by rotation[0]",
    ),
    (
        "negative-duration",
        item("  - type: announcement\n    id: fair\n    title: Marché\n    duration: -5  # <-\n"),
        "rotation[1].duration",
        "expected a number > 0",
    ),
    (
        "zero-duration",
        item("  - type: announcement\n    id: fair\n    title: Marché\n    duration: 0  # <-\n"),
        "rotation[1].duration",
        "expected a number > 0",
    ),
    (
        "duration-with-unit",
        item("  - type: announcement\n    id: fair\n    title: Marché\n    duration: 10s  # <-\n"),
        "rotation[1].duration",
        "expected a number, got text '10s'",
    ),
    (
        "unknown-item-type",
        item("  - type: poster  # <-\n    id: fair\n"),
        "rotation[1].type",
        "unknown item type 'poster'; expected one of: announcement, image, video, qr",
    ),
    (
        "missing-id",
        item("  - type: announcement  # <-\n    title: Marché\n"),
        "rotation[1]",
        "missing required field `id`",
    ),
    (
        "missing-type",
        item("  - id: fair  # <-\n    title: Marché\n"),
        "rotation[1]",
        "missing required field `type`",
    ),
    (
        "hour-25",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      hours: ['25:00-02:00']  # <-\n"
        ),
        "rotation[1].valid.hours[0]",
        "25:00 is not a time of day",
    ),
    (
        "minute-61",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      hours:\n        - 08:00-09:00\n        - 12:61-13:00  # <-\n"
        ),
        "rotation[1].valid.hours[1]",
        "12:61 is not a time of day",
    ),
    (
        "empty-hour-window",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      hours: [08:00-08:00]  # <-\n"
        ),
        "rotation[1].valid.hours[0]",
        "starts and ends at the same time",
    ),
    (
        "unknown-weekday",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      weekdays: [mon, monday]  # <-\n"
        ),
        "rotation[1].valid.weekdays[1]",
        "'monday' is not allowed; expected one of: mon, tue",
    ),
    (
        "impossible-date",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      from: 2026-02-30  # <-\n"
        ),
        "rotation[1].valid.from",
        "'2026-02-30' is not a real date",
    ),
    (
        "from-after-until",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    valid:\n"
            "      from: 2026-12-05\n      until: 2026-12-01  # <-\n"
        ),
        "rotation[1].valid.until",
        "'2026-12-01' is not after 'from' (2026-12-05)",
    ),
    (
        "future-version",
        BASE.replace("version: 1", "version: 2  # <-"),
        "version",
        "update the kiosk software",
    ),
    (
        "version-not-integer",
        BASE.replace("version: 1", "version: '1'  # <-"),
        "version",
        "expected the integer 1",
    ),
    ("missing-version", BASE.replace("version: 1\n", ""), "", "missing `version: 1`"),
    (
        "missing-site",
        "version: 1\nrotation:\n  - type: qr\n    id: a\n    title: T\n    url: https://e.org/\n",
        "",
        "missing required section `site`",
    ),
    (
        "unknown-time-zone",
        BASE.replace("Europe/Paris", "Europe/Pariss  # <-"),
        "site.timezone",
        "unknown time zone 'Europe/Pariss'",
    ),
    (
        "bad-language-code",
        BASE.replace("languages: [fr, en]", "languages: [fr, English]  # <-"),
        "site.languages[1]",
        "expected a language code such as fr",
    ),
    (
        "unknown-screen",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n"
            "    screens: [hall, lobby]  # <-\n"
        ),
        "rotation[1].screens[1]",
        "no screen named 'lobby' (declared screens: hall, street)",
    ),
    (
        "unknown-tag",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n    tags: [indoors]  # <-\n"
        ),
        "rotation[1].tags[0]",
        "no screen has the tag 'indoors' (tags in use: indoor, outdoor)",
    ),
    (
        "duplicate-screen",
        BASE.replace("  - name: street", "  - name: hall  # <-"),
        "screens[1].name",
        "screen 'hall' is declared twice",
    ),
    (
        "no-text-in-first-language",
        item(
            "  - type: announcement\n    id: fair\n    title:  # <-\n      en: Christmas market\n"
        ),
        "rotation[1].title",
        "no text in 'fr', the site's first language",
    ),
    (
        "language-not-in-site",
        item(
            "  - type: announcement\n    id: fair\n    title:\n      fr: Marché\n"
            "      de: Weihnachtsmarkt  # <-\n"
        ),
        "rotation[1].title.de",
        "language 'de' is not in site.languages (fr, en)",
    ),
    (
        "empty-text",
        item("  - type: announcement\n    id: fair\n    title: '  '  # <-\n"),
        "rotation[1].title",
        "empty text",
    ),
    (
        "url-not-web",
        item(
            "  - type: qr\n    id: form\n    title: Démarches\n"
            "    url: ftp://example.org/form  # <-\n"
        ),
        "rotation[1].url",
        "is not a web address",
    ),
    (
        "link-without-scheme",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n"
            "    link: www.example.org  # <-\n"
        ),
        "rotation[1].link",
        "is not a web address",
    ),
    (
        "url-with-space",
        item(
            "  - type: qr\n    id: form\n    title: Démarches\n    url: https://e.org/a b  # <-\n"
        ),
        "rotation[1].url",
        "contains spaces",
    ),
    (
        "url-too-long-for-qr",
        item(
            "  - type: qr\n    id: form\n    title: Démarches\n"
            f"    url: https://example.org/{'a' * 2400}  # <-\n"
        ),
        "rotation[1].url",
        "QR code",
    ),
    (
        "media-escapes-folder",
        item("  - type: image\n    id: secret\n    image: ../x.jpg  # <-\n"),
        "rotation[1].image",
        "must be a path inside the site folder",
    ),
    (
        "media-absolute-path",
        item("  - type: image\n    id: secret\n    image: /etc/kiosk/key.png  # <-\n"),
        "rotation[1].image",
        "must be a path inside the site folder",
    ),
    (
        "media-escapes-after-normalising",
        item("  - type: image\n    id: secret\n    image: media/../../x.jpg  # <-\n"),
        "rotation[1].image",
        "must be a path inside the site folder",
    ),
    (
        "media-up-a-folder-and-back",  # stays inside once normalised, but `..` is refused
        item("  - type: image\n    id: secret\n    image: media/../photo.jpg  # <-\n"),
        "rotation[1].image",
        "'media/../photo.jpg' goes up a folder (..): it must be a path inside the site folder",
    ),
    (
        "media-backslash",
        item("  - type: image\n    id: win\n    image: 'media\\photo.jpg'  # <-\n"),
        "rotation[1].image",
        "contains a backslash",
    ),
    (
        "media-drive-letter",
        item("  - type: image\n    id: win\n    image: 'C:/kiosk/photo.jpg'  # <-\n"),
        "rotation[1].image",
        "starts with a drive letter",
    ),
    (
        "media-empty-segment",
        item("  - type: image\n    id: twice\n    image: media//photo.jpg  # <-\n"),
        "rotation[1].image",
        "has an empty part (// or a / at the end)",
    ),
    (
        "media-nul-character",
        item('  - type: image\n    id: nul\n    image: "media/photo.jpg\\0.png"  # <-\n'),
        "rotation[1].image",
        "'media/photo.jpg\\x00.png' contains a control or invisible character (U+0000)",
    ),
    (
        "video-absolute-path",
        item("  - type: video\n    id: clip\n    video: /var/lib/kiosk/clip.mp4  # <-\n"),
        "rotation[1].video",
        "is an absolute path: it must be a path inside the site folder",
    ),
    (
        "logo-escapes-folder",
        BASE.replace("  languages: [fr, en]", "  languages: [fr, en]\n  logo: ../logo.svg  # <-"),
        "site.logo",
        "goes up a folder",
    ),
    (
        "icon-file-escapes-folder",
        BASE + "services:\n  categories:\n    - id: c\n      title: C\n"
        "      icon: ../../icons/c.svg  # <-\n      services: [{id: s, title: S}]\n",
        "services.categories[0].icon",
        "goes up a folder",
    ),
    (
        "icon-name-with-backslash",
        BASE + "services:\n  categories:\n    - id: c\n      title: C\n"
        "      icon: 'x\\y'  # <-\n      services: [{id: s, title: S}]\n",
        "services.categories[0].icon",
        "is neither an icon name of the theme",
    ),
    (
        "source-absolute-path",
        item("  - type: news\n    id: news\n    source: /etc/passwd  # <-\n"),
        "rotation[1].source",
        "is an absolute path: it must be an https:// address or a path inside the site folder",
    ),
    (
        "source-up-a-folder",
        item("  - type: agenda\n    id: cal\n    source: live/../../secret.ics  # <-\n"),
        "rotation[1].source",
        "goes up a folder",
    ),
    (
        "source-percent-encoded-dots",
        item("  - type: agenda\n    id: cal\n    source: live/%2e%2e/secret.ics  # <-\n"),
        "rotation[1].source",
        "contains '%', which changes its meaning in a web address",
    ),
    (
        "source-file-url",
        item("  - type: news\n    id: news\n    source: file:///etc/passwd  # <-\n"),
        "rotation[1].source",
        "is not a web address (file: addresses are refused)",
    ),
    (
        "source-plain-http",
        item("  - type: news\n    id: news\n    source: http://www.example.org/rss  # <-\n"),
        "rotation[1].source",
        "is not secure (http://): use https://",
    ),
    (
        "link-plain-http",
        item(
            "  - type: announcement\n    id: fair\n    title: Marché\n"
            "    link: http://example.org/noel  # <-\n"
        ),
        "rotation[1].link",
        "'http://example.org/noel' is not secure (http://): use https://, or allow http://",
    ),
    (
        "url-javascript",
        item("  - type: qr\n    id: js\n    title: X\n    url: 'javascript:alert(1)'  # <-\n"),
        "rotation[1].url",
        "is not a web address (javascript: addresses are refused)",
    ),
    (
        "url-data",
        item(
            "  - type: qr\n    id: data\n    title: X\n"
            "    url: 'data:text/html,<script>alert(1)</script>'  # <-\n"
        ),
        "rotation[1].url",
        "(data: addresses are refused)",
    ),
    (
        "url-with-credentials",
        item(
            "  - type: qr\n    id: creds\n    title: X\n"
            "    url: https://mairie.fr:secret@evil.example/  # <-\n"
        ),
        "rotation[1].url",
        "contains a user name or password (user:password@host)",
    ),
    (
        "url-with-bidi-override",
        item('  - type: qr\n    id: bidi\n    title: X\n    url: "https://e.org/\\u202e"  # <-\n'),
        "rotation[1].url",
        "contains a control or invisible character (U+202E)",
    ),
    (
        "url-with-line-break",
        item('  - type: qr\n    id: nl\n    title: X\n    url: "https://e.org/a\\nb"  # <-\n'),
        "rotation[1].url",
        "contains a control or invisible character (U+000A)",
    ),
    (
        "url-with-backslash",
        item("  - type: qr\n    id: bs\n    title: X\n    url: 'https://e.org\\x.fr/'  # <-\n"),
        "rotation[1].url",
        "contains a backslash",
    ),
    (
        "procedure-plain-http",
        BASE + "services:\n  categories:\n    - id: c\n      title: C\n      services:\n"
        "        - {id: s, title: S, procedure: 'http://www.example.org/form'}  # <-\n",
        "services.categories[0].services[0].procedure",
        "is not secure (http://)",
    ),
    (
        "links-host-with-scheme",
        BASE + "links:\n  hosts:\n    - https://www.example.org/  # <-\n",
        "links.hosts[0]",
        "'https://www.example.org/' is not a host name; write the host alone",
    ),
    (
        "missing-media-file",
        item("  - type: image\n    id: gone\n    image: media/absent.jpg  # <-\n"),
        "rotation[1].image",
        "media file 'media/absent.jpg' not found",
    ),
    (
        "wrong-image-extension",
        item("  - type: image\n    id: doc\n    image: media/notice.pdf  # <-\n"),
        "rotation[1].image",
        "'media/notice.pdf' has an unsupported extension; expected one of .jpg",
    ),
    (
        "image-as-video",
        item("  - type: video\n    id: clip\n    video: media/photo.jpg  # <-\n"),
        "rotation[1].video",
        "expected one of .mp4",
    ),
    (
        "missing-logo",
        BASE.replace(
            "  languages: [fr, en]", "  languages: [fr, en]\n  logo: media/logo.svg  # <-"
        ),
        "site.logo",
        "media file 'media/logo.svg' not found",
    ),
    (
        "yaml-duplicate-key",
        item("  - type: announcement\n    id: fair\n    title: Marché\n    title: Foire  # <-\n"),
        "",
        "key 'title' is written twice",
    ),
    (
        "rotation-not-a-list",
        BASE.split("rotation:")[0] + "rotation:  # <-\n  type: image\n  id: photo\n",
        "rotation",
        "expected a list, got a mapping",
    ),
]


@pytest.mark.parametrize(
    ("text", "path", "phrase"),
    [pytest.param(text, path, phrase, id=case) for case, text, path, phrase in INVALID],
)
def test_invalid_feed_reports_field_line_and_reason(
    tmp_path: Path, text: str, path: str, phrase: str
) -> None:
    ok, problems = check(tmp_path, text)
    errors = errors_of(problems)
    assert not ok
    assert len(errors) == 1, "\n".join(map(str, errors))
    (error,) = errors
    assert error.path == path
    assert error.line == marked_line(text)
    assert phrase in error.message
    assert error.file.endswith("feed.yaml")


def test_invalid_cases_are_distinct() -> None:
    assert len(INVALID) >= 15
    assert len({case for case, *_ in INVALID}) == len(INVALID)
    assert len({text for _, text, *_ in INVALID}) == len(INVALID)


def test_base_feed_of_the_cases_is_valid(tmp_path: Path) -> None:
    ok, problems = check(tmp_path, BASE)
    assert ok, problems
    assert problems == []


# -- several errors at once -------------------------------------------------------------------


def test_every_error_of_one_item_is_reported(tmp_path: Path) -> None:
    """The validator drops each failing field and retries, so one pass shows every mistake."""
    text = item(
        "  - type: announcement\n"
        "    id: fair\n"
        "    title: Marché\n"
        "    duration: -1\n"  # line 19
        "    priority: urgent\n"  # line 20
        "    colour: red\n"  # line 21
        "    screens: [lobby]\n"  # line 22
    )
    ok, problems = check(tmp_path, text)
    assert not ok
    found = {(p.path, p.line) for p in errors_of(problems)}
    assert found == {
        ("rotation[1].duration", 19),
        ("rotation[1].priority", 20),
        ("rotation[1].colour", 21),
        ("rotation[1].screens[0]", 22),
    }


def test_errors_in_several_items_and_sections_are_all_reported(tmp_path: Path) -> None:
    text = BASE.replace("Europe/Paris", "Mars/Olympus") + (
        "  - type: poster\n"
        "    id: a\n"
        "  - type: qr\n"
        "    id: b\n"
        "    title: Démarches\n"
        "ticker:\n"
        "  - id: photo\n"
        "    text: Bienvenue\n"
    )
    ok, problems = check(tmp_path, text)
    assert not ok
    assert {(p.path, p.line) for p in errors_of(problems)} == {
        ("site.timezone", 4),
        ("rotation[1].type", 16),
        ("rotation[2]", 18),  # missing url
        ("ticker[0].id", 22),  # same id as rotation[0]
    }


# -- hostile files: one whole-file error, never a crash or a hang ------------------------------

BILLION_LAUGHS = b"""\
version: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]
"""

_rng = random.Random(20261120)
GARBAGE_WITH_NUL = _rng.randbytes(2000) + b"\x00" + _rng.randbytes(2000)
PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")

# (case id, file name, content, line of the error or None, key phrase)
HOSTILE = [
    ("garbage-with-nul", "feed.yaml", GARBAGE_WITH_NUL, None, "NUL bytes"),
    ("not-utf8", "feed.yaml", "site: Besançon\n".encode("latin-1"), None, "not UTF-8"),
    ("binary-image", "feed.yaml", PNG_HEADER, None, "binary data"),
    ("empty", "feed.yaml", b"", None, "file is empty"),
    ("whitespace-only", "feed.yaml", b"  \n\t\n   \r\n", None, "file is empty"),
    ("comment-only", "feed.yaml", b"# nothing yet\n", None, "no content"),
    ("billion-laughs", "feed.yaml", BILLION_LAUGHS, 3, "YAML aliases (*name) are not allowed"),
    ("deep-flow-nesting", "feed.yaml", b"[" * 100_000, 1, f"nested more than {MAX_DEPTH} levels"),
    (
        "deep-block-nesting",
        "feed.yaml",
        "".join(f"{'  ' * d}k{d}:\n" for d in range(200)).encode(),
        MAX_DEPTH + 1,
        f"nested more than {MAX_DEPTH} levels",
    ),
    ("deep-json-nesting", "feed.json", b"[" * 100_000, None, "nested too deeply"),
    (
        "python-object-tag",
        "feed.yaml",
        b"version: 1\nsite: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        2,
        "YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
    ),
    (
        "python-name-tag-on-mapping",
        "feed.yaml",
        b"version: 1\nsite: !!python/object:kiosk.core.feed.Site\n  name: x\n",
        2,
        "is not allowed in a feed",
    ),
    (
        "several-documents",
        "feed.yaml",
        b"version: 1\nsite: {name: A}\n---\nversion: 1\nsite: {name: B}\n",
        3,
        "several YAML documents",
    ),
    ("yaml-syntax", "feed.yaml", b"version: 1\nsite:\n  name: [Testville\n", 4, "not valid YAML"),
    ("yaml-tab-indent", "feed.yaml", b"version: 1\nsite:\n\tname: x\n", 3, "not valid YAML"),
    (
        "list-as-mapping-key",
        "feed.yaml",
        b"version: 1\n? [a, b]\n: 1\n",
        2,
        "a mapping key must be a plain value",
    ),
    (
        "json-syntax",
        "feed.json",
        b'{\n  "version": 1,\n  "site": {"name": "Testville",}\n}\n',
        3,
        "not valid JSON",
    ),
    (
        "json-duplicate-key",
        "feed.json",
        b'{"version": 1, "site": {"name": "A"}, "version": 1}',
        None,
        "key 'version' is written twice",
    ),
    (
        "top-level-list",
        "feed.yaml",
        b"- version: 1\n",
        None,
        "expected a mapping with `version` and `site`",
    ),
    (
        "top-level-text",
        "feed.yaml",
        b"hello kiosk\n",
        None,
        "expected a mapping with `version` and `site`",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "line", "phrase"),
    [pytest.param(*rest, id=case) for case, *rest in HOSTILE],
)
def test_hostile_file_gives_one_whole_file_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    line: int | None,
    phrase: str,
) -> None:
    (tmp_path / name).write_bytes(content)
    ok, problems = check_folder(tmp_path, name)
    assert not ok
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.path, problem.line, problem.warning) == ("", line, False)
    assert phrase in problem.message

    assert main(["validate", str(tmp_path / name)]) == 1
    out = capsys.readouterr().out
    assert str(problem) in out
    assert "Traceback" not in out


def test_billion_laughs_is_refused_at_the_first_alias_without_expanding(tmp_path: Path) -> None:
    # One level more than the case above, and a million-fold: expanding it would take gigabytes.
    bomb = (
        BILLION_LAUGHS.replace(b"f: [", b"f: &f [") + b"g: [" + b", ".join([b"*f"] * 1000) + b"]\n"
    )
    with pytest.raises(FeedError) as info:
        parse_feed_bytes(bomb, "feed.yaml")
    assert info.value.problems[0].line == 3


def test_a_100_mb_file_is_refused_by_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "feed.yaml"
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: no disk used, but 100 MB to stat and read
    assert main(["validate", str(big)]) == 1
    out = capsys.readouterr().out
    assert f"file is {100 * 1024 * 1024} bytes; a feed may be at most {MAX_FEED_BYTES}" in out


def test_parser_refuses_oversized_bytes_even_when_handed_directly() -> None:
    with pytest.raises(FeedError) as info:
        parse_feed_bytes(b"#" * (MAX_FEED_BYTES + 1), "feed.yaml")
    assert f"at most {MAX_FEED_BYTES}" in info.value.problems[0].message


def test_site_folder_without_feed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "no feed.yaml or feed.yml or feed.json in this folder" in capsys.readouterr().out


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "cannot read: No such file or directory" in capsys.readouterr().out


# -- valid feeds through the command -----------------------------------------------------------

VALID = """\
version: 1
site:
  name: Testville
  languages: [fr, en]
screens:
  - name: hall
rotation:
  - type: image
    id: photo
    image: media/photo.jpg
  - type: announcement
    id: fair
    title: {fr: Marché de Noël, en: Christmas market}
    image: media/poster.png
    link: https://example.org/noel
    valid:
      from: 2026-12-01
      until: 2999-12-24
      weekdays: [fri, sat, sun]
      hours: [18:00-23:00, 22:00-02:00]
"""


def test_valid_feed_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", VALID)
    assert main(["validate", str(site)]) == 0
    out = capsys.readouterr().out
    assert "valid feed for Testville: 2 rotation items, 1 screens, 2 media files" in out
    assert "error" not in out and "warning" not in out


def test_item_that_already_ended_warns_but_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(
        tmp_path / "site",
        VALID.replace("2026-12-01", "2019-12-01").replace("2999-12-24", "2020-01-01"),
    )
    assert main(["validate", str(site / "feed.yaml")]) == 0
    out = capsys.readouterr().out
    assert "feed.yaml:18: warning: rotation[1].valid.until: ended on 2020-01-01" in out
    assert "valid feed for Testville" in out


def test_invalid_feed_prints_every_error_with_location_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("id: fair", "id: photo").replace(
        "hours: [18:00-23:00", "hours: [18:00-25:00"
    )
    site = write_site(tmp_path / "site", text)
    assert main(["validate", str(site)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(":12: error: rotation[1].id: id 'photo' is already used" in line for line in out)
    assert any(":20: error: rotation[1].valid.hours[0]:" in line for line in out)
    assert out[-1].endswith("feed.yaml: 2 errors; the feed is not valid")


def test_json_feed_is_validated_like_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site", "")
    (site / "feed.yaml").unlink()
    (site / "feed.json").write_text(
        '{"version": 1, "site": {"name": "Testville"},\n'
        ' "rotation": [{"type": "image", "id": "photo", "image": "media/photo.jpg"}]}\n'
    )
    assert main(["validate", str(site)]) == 0
    assert "valid feed for Testville: 1 rotation items" in capsys.readouterr().out


# -- YAML 1.2 scalars: what staff write stays what they meant ---------------------------------


def test_yaml_1_2_scalars_stay_strings() -> None:
    data = parse_feed_bytes(
        b"a: no\nb: on\nc: 08:30\nd: 2026-12-01\ne: yes\nf: off\ng: 0700\nh: 1_000\n"
        b"i: true\nj: 12\nk: 1.5\nl: ~\nm: '12'\n",
        "feed.yaml",
    ).data
    assert data == {
        "a": "no",
        "b": "on",
        "c": "08:30",
        "d": "2026-12-01",
        "e": "yes",
        "f": "off",
        "g": 700,  # YAML 1.2: decimal, not octal
        "h": "1_000",
        "i": True,
        "j": 12,
        "k": 1.5,
        "l": None,
        "m": "12",
    }


def test_norwegian_and_sexagesimal_values_survive_into_the_feed(tmp_path: Path) -> None:
    # YAML 1.1 would read `no` as false and 08:30 as 510 (base 60): both must stay text.
    text = BASE.replace("[fr, en]", "[fr, no]") + (
        "    valid:\n      from: 2026-12-01\n      hours: [08:30-12:00]\n"
    )
    folder = write_site(tmp_path / "site", text)
    parsed = read_feed_file(folder / "feed.yaml")
    feed, problems = validate(parsed, folder_context(folder / "feed.yaml", parsed))
    assert feed is not None, problems
    assert feed.site.languages == ["fr", "no"]
    valid = feed.rotation[0].valid
    assert valid is not None and valid.hours is not None and valid.from_ is not None
    assert str(valid.hours[0]) == "08:30-12:00"
    assert str(valid.from_) == "2026-12-01"


def test_problem_lines_point_into_block_and_flow_styles() -> None:
    parsed = parse_feed_bytes(
        b"version: 1\nsite:\n  name: X\nrotation:\n  - {type: qr, id: a}\n  -\n    type: qr\n",
        "feed.yaml",
    )
    assert parsed.line_of("site.name") == 3
    assert parsed.line_of("rotation[0].id") == 5
    assert parsed.line_of("rotation[1]") == 7
    assert parsed.line_of("rotation[1].type") == 7
    assert parsed.line_of("rotation[1].nonexistent") == 7  # falls back to the closest parent


def test_manifest_error_shows_the_wrong_value(tmp_path: Path) -> None:
    text = BASE + "media:\n  media/photo.jpg:\n    sha256: ABC  # <-\n    size: 12\n"
    _, problems = check(tmp_path, text)
    (error,) = errors_of(problems)
    assert (error.path, error.line) == ("media.media/photo.jpg.sha256", marked_line(text))
    assert "'ABC' is not valid: expected a sha256" in error.message


def test_a_very_long_body_is_a_warning_not_an_error():
    from kiosk.core.checks import LONG_TEXT
    from kiosk.core.validate import validate

    text = (
        "version: 1\nsite: {name: T}\nrotation:\n"
        f"  - {{id: a, type: announcement, title: T, body: {{fr: {'x' * (LONG_TEXT + 1)}}}}}\n"
    )
    feed, problems = validate(parse_feed_bytes(text.encode(), "feed.yaml"))
    assert feed is not None
    [problem] = problems
    assert problem.warning and problem.path == "rotation[0].body.fr" and problem.line == 4
    assert "keep it under" in problem.message


# -- links: https only unless allowed, and an optional allow-list of hosts --------------------

LINKS = (
    BASE
    + """\
  - {type: qr, id: sub, title: A, url: "https://www.valmorin.fr/piscine"}
  - {type: qr, id: exact, title: B, url: "https://valmorin.fr/"}
  - {type: qr, id: case, title: C, url: "https://WWW.Valmorin.FR./x"}
  - {type: qr, id: lookalike, title: D, url: "https://notvalmorin.fr/"}
  - {type: qr, id: suffix, title: E, url: "https://valmorin.fr.evil.example/"}
  - {type: announcement, id: plain, title: F, link: "http://www.valmorin.fr/"}
  - {type: news, id: news, source: "https://rss.example.org/feed"}
services:
  categories:
    - id: c
      title: C
      services:
        - {id: fiche, title: Fiche, procedure: F1427}
        - {id: ants, title: ANTS, procedure: "https://ants.gouv.fr/"}
        - {id: other, title: Other, procedure: "https://www.example.com/form"}
alerts:
  area: {insee: "49007"}
  sources:
    - {id: meteo, url: "http://alerts.example.net/cap.xml"}
links:
  allow_http: true
  hosts: [valmorin.fr, gouv.fr]
"""
)


def test_links_must_go_to_the_allowed_hosts_or_their_subdomains(tmp_path: Path) -> None:
    _, problems = check(tmp_path, LINKS)
    found = {p.path: p.message for p in errors_of(problems)}
    allowed = "is not allowed by `links.hosts` (valmorin.fr, gouv.fr)"
    assert found == {
        "rotation[4].url": f"host 'notvalmorin.fr' {allowed}; add it there, or link to one "
        "of those hosts or their subdomains",
        "rotation[5].url": f"host 'valmorin.fr.evil.example' {allowed}; add it there, or link "
        "to one of those hosts or their subdomains",
        "rotation[7].source": f"host 'rss.example.org' {allowed}; add it there, or link to "
        "one of those hosts or their subdomains",
        # A service-public id is always fine; a written address follows the list.
        "services.categories[0].services[2].procedure": f"host 'www.example.com' {allowed}; "
        "add it there, or link to one of those hosts or their subdomains",
    }  # the alert source (http, another host) is read by the kiosk, not shown: not checked


def test_http_links_need_allow_http(tmp_path: Path) -> None:
    _, problems = check(tmp_path, LINKS.replace("  allow_http: true\n", ""))
    http = [p for p in errors_of(problems) if "not secure" in p.message]
    assert [p.path for p in http] == ["rotation[6].link"]
    assert (
        http[0].line
        == LINKS.splitlines().index(
            '  - {type: announcement, id: plain, title: F, link: "http://www.valmorin.fr/"}'
        )
        + 1
    )


def test_with_no_hosts_any_https_host_is_fine(tmp_path: Path) -> None:
    text = LINKS.replace("  hosts: [valmorin.fr, gouv.fr]\n", "")
    ok, problems = check(tmp_path, text)
    assert ok, errors_of(problems)
