"""Every theme keeps its text readable: each colour pair of CONTRAST_PAIRS meets its
minimum contrast ratio (4.5:1 for text, 3:1 for large titles and outlines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.theme import CONTRAST_PAIRS, contrast_problems, contrast_ratio, parse_theme
from kiosk.resources import theme_dir

THEMES = sorted(p.parent.name for p in (Path(__file__).parents[1] / "themes").glob("*/theme.toml"))


def test_the_themes_are_there() -> None:
    assert {"default", "high-contrast"} <= set(THEMES)


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_pair_is_readable(name: str) -> None:
    folder = theme_dir(name)
    assert folder is not None
    theme = parse_theme((folder / "theme.toml").read_bytes(), name)
    assert contrast_problems(theme) == []
    for file in theme.font_files:  # the fonts it names exist (the high-contrast theme borrows)
        assert (folder / file).is_file(), file


def test_high_contrast_is_higher_than_default() -> None:
    def lowest(name: str) -> float:
        folder = theme_dir(name)
        assert folder is not None
        theme = parse_theme((folder / "theme.toml").read_bytes(), name)
        return min(contrast_ratio(theme.colours[f], theme.colours[b]) for f, b, _ in CONTRAST_PAIRS)

    assert lowest("high-contrast") >= 7.0  # WCAG AAA for every pair
    assert lowest("high-contrast") > lowest("default")


def test_a_pale_pair_is_named() -> None:
    folder = theme_dir("default")
    assert folder is not None
    text = (
        (folder / "theme.toml")
        .read_text()
        .replace('text_muted = "#4A5260"', 'text_muted = "#A0A4AA"')
    )
    problems = contrast_problems(parse_theme(text.encode(), "pale"))
    assert any(p.startswith("colours.text_muted (#A0A4AA) on colours.background") for p in problems)
    assert all("at least 4.5:1" in p for p in problems)
