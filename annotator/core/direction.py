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
