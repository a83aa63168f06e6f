"""Timing rules for what changes on screen by itself (WCAG 2.2.2 and 2.3.1).

- :func:`reading_ms`: how long a still text (a page of the ticker with reduced motion)
  stays before the next one replaces it;
- :data:`MIN_SLIDE_MS`: the shortest time a slide stays on screen, whatever the feed asks,
  so that the loop cannot flash (a cut from a dark slide to a light one and back is one
  flash: at one change every 0.5 s, at most one flash a second, where WCAG allows three).
"""

from __future__ import annotations

#: A slide stays at least this long, from the end of its transition to the start of the next.
MIN_SLIDE_MS = 500

#: Reading speed assumed for a text on a public screen, read while standing, by anyone:
#: about half an adult's usual silent reading speed (some 1000 characters a minute).
CHARS_PER_SECOND = 8.0
#: Time to notice the change and find the start of the text.
SETTLE_MS = 1500
MIN_READING_MS = 4000
MAX_READING_MS = 20000


def reading_ms(text: str) -> int:
    """Milliseconds to show ``text`` before replacing it: 1.5 s, then 8 characters a
    second, between 4 and 20 s."""
    chars = len(" ".join(text.split()))
    ms = SETTLE_MS + chars / CHARS_PER_SECOND * 1000
    return int(min(MAX_READING_MS, max(MIN_READING_MS, ms)))
