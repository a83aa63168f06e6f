"""What the "Listen" control says: a directory page, or an alert, as text to be read aloud.

Pure functions of the same data the pages show (:mod:`kiosk.core.directory`) and of
``translate(context, source)``, which gives a UI string in the visitor's language: the kiosk
passes Qt's ``QCoreApplication.translate`` (the catalogues of ``kiosk/ui/i18n``, where the
QML's own strings are, under the QML file's name as context); tests pass a catalogue read
from the ``.ts`` file. Strings only spoken, never shown, are in the context ``Spoken``;
``python -m kiosk.ui.i18n`` extracts them from this file like the QML's.

A page is read in the order a sighted visitor reads it: its title, then what it lists or
says, then its buttons. Feed texts are made speakable: "8h30-12h00" is read "de 8 heures
30 à 12 heures" (a speech engine says "8 h" as "eight aitch"), "lun-ven" "du lundi au
vendredi", a phone number in groups, and a procedure's address as its site name only
("service-public point gouv point fr"), not the path of the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from kiosk.core import directory as pages
from kiosk.core.feed import Category, Service, procedure_url

# (context, English source) -> the text in the visitor's language.
Translate = Callable[[str, str], str]


def _no_icon(_name: str) -> str:
    return ""


# -- making feed text speakable ------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u00ad"))

_FR_DAYS = {
    "lun": "lundi",
    "mar": "mardi",
    "mer": "mercredi",
    "jeu": "jeudi",
    "ven": "vendredi",
    "sam": "samedi",
    "dim": "dimanche",
}
_FR_DAY = r"(lun|mar|mer|jeu|ven|sam|dim)\.?"
_FR_DAY_RANGE = re.compile(rf"\b{_FR_DAY}\s*[-–]\s*{_FR_DAY}(?!\w)", re.I)
_FR_DAY_BEFORE_TIME = re.compile(rf"\b{_FR_DAY}(?=\s+\d{{1,2}}\s?h)", re.I)  # "sam 9h"
_FR_TIME = r"(\d{1,2})\s?h\s?(\d{2})?(?![\d\w])"
_FR_TIME_RANGE = re.compile(rf"(\bde\s+)?\b{_FR_TIME}\s*[-–]\s*{_FR_TIME}", re.I)
_FR_ONE_TIME = re.compile(rf"\b{_FR_TIME}")
_FR_NUMBER = re.compile(r"\bn°\s?(?=\d)", re.I)

_EN_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "tues": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "thur": "Thursday",
    "thurs": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_EN_DAY = r"(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_EN_DAY_RANGE = re.compile(rf"\b{_EN_DAY}\s*[-–]\s*{_EN_DAY}(?!\w)", re.I)
_EN_DAY_BEFORE_TIME = re.compile(rf"\b{_EN_DAY}(?=\s+\d{{1,2}}(?::\d\d|\s?[ap]m))", re.I)
_EN_TIME = r"\d{1,2}(?::\d{2})?\s?(?:am|pm)?"
_EN_TIME_RANGE = re.compile(rf"(?<![\d-])\b({_EN_TIME})\s*[-–]\s*({_EN_TIME})(?![\w:])", re.I)
_EN_AM_PM = re.compile(r"(\d)(am|pm)\b", re.I)


def _same_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _fr_time(hours: str, minutes: str | None) -> str:
    h = int(hours)
    said = f"{h} heure" if h <= 1 else f"{h} heures"
    return f"{said} {int(minutes)}" if minutes and int(minutes) else said


def _fr_range(m: re.Match[str]) -> str:
    start = "de " if m.group(1) is None else m.group(1)
    return f"{start}{_fr_time(m.group(2), m.group(3))} à {_fr_time(m.group(4), m.group(5))}"


def speakable(text: str, language: str) -> str:
    """``text`` as a speech engine reads it well: one line, no typographic invisible
    characters, and in French and English, opening hours and days in words."""
    text = _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()
    if language == "fr":
        text = _FR_DAY_RANGE.sub(
            lambda m: _same_case(
                f"du {_FR_DAYS[m.group(1).lower()]} au {_FR_DAYS[m.group(2).lower()]}",
                m.group(1),
            ),
            text,
        )
        text = _FR_DAY_BEFORE_TIME.sub(
            lambda m: _same_case(_FR_DAYS[m.group(1).lower()], m.group(1)), text
        )
        text = _FR_TIME_RANGE.sub(_fr_range, text)
        text = _FR_ONE_TIME.sub(lambda m: _fr_time(m.group(1), m.group(2)), text)
        text = _FR_NUMBER.sub("numéro ", text)
    elif language == "en":
        text = _EN_DAY_RANGE.sub(
            lambda m: f"{_EN_DAYS[m.group(1).lower()]} to {_EN_DAYS[m.group(2).lower()]}", text
        )
        text = _EN_DAY_BEFORE_TIME.sub(lambda m: _EN_DAYS[m.group(1).lower()], text)
        text = _EN_TIME_RANGE.sub(r"\1 to \2", text)
        text = _EN_AM_PM.sub(r"\1 \2", text)
    return text


def spoken_phone(number: str, language: str) -> str:
    """A phone number in the groups it is written in, a pause between groups; French groups
    are read as numbers ("zéro deux, quarante et un"), elsewhere digit by digit."""
    groups = [g for g in re.split(r"[\s.\-/\u00a0\u202f]+", number.strip()) if g]
    if len(groups) == 1 and re.fullmatch(r"0\d{9}", groups[0]):
        groups = [groups[0][i : i + 2] for i in range(0, 10, 2)]
    if language != "fr":
        groups = [" ".join(g) if g.isdigit() else g for g in groups]
    return ", ".join(groups)


def spoken_address(url: str, dot: str) -> str:
    """The site an address leads to, its dots said: 'service-public point gouv point fr'."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return f" {dot} ".join(part for part in host.split(".") if part)


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence (so a change of rate or volume applies at once to
    the sentence being read); ``" ".join`` gives back the text with its spaces normalised."""
    text = _SPACES.sub(" ", text).strip()
    return [s for s in re.split(r"(?<=[.!?…])(?<!\b[A-Z]\.)\s+(?=\S)", text) if s]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…:;»”)" else text + "."


# -- a directory page ----------------------------------------------------------------------


class _Reader:
    def __init__(self, language: str, languages: Sequence[str], translate: Translate) -> None:
        self.lang = language
        self.t = pages.Texts(language, list(languages) or [language])
        self.translate = translate
        self.parts: list[str] = []

    def say(self, *texts: str) -> None:
        self.parts += [_sentence(speakable(t, self.lang)) for t in texts if t.strip()]

    def item(self, title: str, detail: str = "") -> None:
        """One entry of a list: its title, then its line of detail."""
        self.say(f"{title}, {detail}" if detail.strip() else title)

    def labelled(self, label: str, text: str) -> None:
        if text.strip():
            #: Read aloud: a heading and what follows it (French: "%1 : %2")
            pattern = self.translate("Spoken", "%1: %2")
            self.say(pattern.replace("%1", label).replace("%2", text))


def page_sentences(
    nav: pages.Navigation,
    language: str,
    languages: Sequence[str],
    translate: Translate,
) -> list[str]:
    """The sentences of the page ``nav`` is on, in ``language`` (see :func:`page_text`)."""
    r = _Reader(language, languages, translate)
    t = r.t
    buttons: list[str] = []
    directory = nav.directory
    if nav.page == "home":
        r.say(translate("DirectoryHome", "Town hall services"))
        r.say(translate("DirectoryHome", "Touch a topic, or search for a service."))
        for tile in directory.categories:
            r.item(t(tile.title), t(tile.summary))
        buttons.append(translate("DirectoryHome", "A to Z"))
    elif nav.page == "category":
        category = directory.category(nav.category_id)
        if category is not None:
            r.say(t(category.title), t(category.summary))
            for service in category.services:
                r.item(t(service.title), t(service.summary))
    elif nav.page == "all":
        r.say(translate("DirectoryAll", "All services, A to Z"))
        for row in pages.all_services(directory, t, _no_icon):
            r.item(row["title"], row["summary"])
    elif nav.page == "service":
        found = directory.service(nav.service_id)
        if found is not None:
            _service(r, *found)
    elif nav.page == "search":
        _search(r, nav)
    buttons.append(translate("NavBar", "Home"))
    if nav.history:
        buttons.append(translate("NavBar", "Back"))
    buttons.append(translate("NavBar", "Search"))
    buttons += [pages.LANGUAGE_NAMES.get(c, c) for c in languages if c != language]
    #: Read aloud at the end of a page; %1 is the list of the buttons' names
    r.say(translate("Spoken", "Buttons: %1").replace("%1", ", ".join(buttons)))
    return r.parts


def _service(r: _Reader, category: Category, service: Service) -> None:
    t, translate = r.t, r.translate
    r.say(t(category.title), t(service.title), t(service.summary))
    r.labelled(translate("DirectoryService", "What to bring"), ", ".join(map(t, service.documents)))
    r.labelled(translate("DirectoryService", "Where"), t(service.place))
    r.labelled(translate("DirectoryService", "When"), t(service.hours))
    if service.phone:
        r.labelled(translate("DirectoryService", "Phone"), spoken_phone(service.phone, r.lang))
    if service.procedure:
        r.say(
            translate(
                "DirectoryService",
                "Do it online: scan the code with your phone's camera, the procedure opens "
                "on your phone.",
            )
        )
        #: Read aloud between the parts of a site's name: "service-public dot fr"
        dot = translate("Spoken", "dot")
        address = spoken_address(procedure_url(service.procedure), dot)
        #: Read aloud after the QR code's instruction; %1 is the site's name
        r.say(translate("Spoken", "Address: %1").replace("%1", address))


def _search(r: _Reader, nav: pages.Navigation) -> None:
    translate = r.translate
    query = nav.query.strip()
    if not query:
        r.say(translate("DirectorySearch", "Type a word: passport, school…"))
        r.say(
            translate(
                "DirectorySearch",
                "Type the first letters of what you are looking for: results appear as you type.",
            )
        )
        return
    #: Read aloud on the search page; %1 is what the visitor typed
    r.say(translate("Spoken", "Search for “%1”.").replace("%1", query))
    rows = pages.search_rows(nav.directory, nav.results(), r.t, _no_icon)
    for row in rows:
        r.item(row["title"], row["subtitle"])
    if not rows:
        r.say(translate("DirectorySearch", "No service found for “%1”.").replace("%1", query))
        r.say(translate("DirectorySearch", "Try another word, or browse the topics."))


def page_text(
    nav: pages.Navigation,
    language: str,
    languages: Sequence[str],
    translate: Translate,
) -> str:
    """What "Listen" reads on the page ``nav`` is on, in ``language`` (the page's language;
    ``languages`` are the site's, for fallbacks and the language buttons).

    Home: title, the line under it, each topic and its summary, then the buttons. A topic:
    its title and summary, then each service and its summary. A to Z: each service and its
    topic. A service: its topic, title and summary, what to bring, where, when, the phone
    number, then the online procedure and the site it is on. Search: what was typed and
    each result, or what the page says when there is none. Last, the buttons: the page's
    own, Home, Back (when there is a page to go back to), Search, and the other languages.
    """
    return " ".join(page_sentences(nav, language, languages, translate))


# -- an alert ------------------------------------------------------------------------------


def alert_text(alert: dict[str, Any], translate: Translate | None) -> str:
    """A full-screen alert read once when it appears: its level, the event, the headline and
    what to do, in the alert's language. ``translate`` gives the labels in that language
    (None when the UI is in another language: then only the alert's own text is read)."""
    lang = str(alert.get("language") or "")
    parts: list[str] = []

    def say(text: str) -> None:
        text = speakable(text, lang)
        if text:
            parts.append(_sentence(text))

    if translate is not None:
        extreme = alert.get("severity") == "Extreme"
        level = translate("AlertOverlay", "EXTREME ALERT" if extreme else "SEVERE ALERT")
        say(level[:1] + level[1:].lower() if level.isupper() else level)
        if alert.get("test"):
            say(translate("AlertOverlay", "TEST: not a real alert"))
    say(str(alert.get("event") or ""))
    say(str(alert.get("headline") or ""))
    instruction = str(alert.get("instruction") or "")
    if instruction and translate is not None:
        label = translate("AlertOverlay", "What to do")
        say(translate("Spoken", "%1: %2").replace("%1", label).replace("%2", instruction))
    else:
        say(instruction)
    return " ".join(parts)
