"""Dates and times of news and agenda slides in the screen's language, from Qt's locale data.

French gets its own typography: "mardi 24 novembre", "18 h 30" (with no-break spaces, so
"18 h" never splits across lines); English "Tuesday 24 November", "6:30 pm"; other
languages their locale's long day format and short time format.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QLocale, QTime

from kiosk.core.text import NBSP

#: Day formats (Qt's date format syntax) where the locale's own would carry the year.
_DAY_FORMATS = {
    "fr": "dddd d MMMM",
    "en": "dddd d MMMM",
    "de": "dddd, d. MMMM",
    "es": "dddd d 'de' MMMM",
}


class LocaleDates:
    """:class:`kiosk.core.slides.DateWords` with QLocale."""

    def __init__(self) -> None:
        self._locales: dict[str, QLocale] = {}

    def _locale(self, lang: str) -> QLocale:
        if lang not in self._locales:
            self._locales[lang] = QLocale(lang)
        return self._locales[lang]

    def day(self, value: date, lang: str) -> str:
        locale = self._locale(lang)
        qdate = QDate(value.year, value.month, value.day)
        fmt = _DAY_FORMATS.get(lang)
        if fmt is None:
            return locale.toString(qdate, QLocale.FormatType.LongFormat)
        return locale.toString(qdate, fmt)

    def weekday(self, value: date, lang: str) -> str:
        return self._locale(lang).dayName(value.isoweekday(), QLocale.FormatType.LongFormat)

    def month(self, value: date, lang: str) -> str:
        return self._locale(lang).standaloneMonthName(value.month, QLocale.FormatType.LongFormat)

    def time(self, value: time, lang: str) -> str:
        if lang == "fr":  # 18 h 30, 9 h (not 18:30)
            minutes = f"{NBSP}{value.minute:02d}" if value.minute else ""
            return f"{value.hour}{NBSP}h{minutes}"
        if lang == "en":  # 6:30 pm, 9 am
            hour = value.hour % 12 or 12
            minutes = f":{value.minute:02d}" if value.minute else ""
            return f"{hour}{minutes}{NBSP}{'am' if value.hour < 12 else 'pm'}"
        qtime = QTime(value.hour, value.minute)
        return self._locale(lang).toString(qtime, QLocale.FormatType.ShortFormat)
