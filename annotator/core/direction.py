"""Paragraph direction, decided the way the Unicode bidi algorithm does (rules P2/P3)."""

from __future__ import annotations

import unicodedata


def paragraph_is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left (Arabic, Hebrew, ...)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """``text`` as a bidi isolate (UAX #9 FSI … PDI), for a path or a name placed in a sentence
    of the other direction: in an Arabic message, "/tmp/a.db" stays "/tmp/a.db" instead of
    showing its slash at the far end."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
