"""Showing a document with its spans in a terminal.

Most terminals neither reorder bidirectional text nor join Arabic letters. For them we mark
spans in the logical text, wrap it, and only then shape each visual line with arabic-reshaper
and reorder it with python-bidi. This is the only place (with charts) where reshaped text is
produced: it is never handed to Qt, which shapes by itself.

``bidi.algorithm.get_display`` (the pure-Python UBA) is used on purpose: python-bidi 0.6's
top-level ``bidi.get_display`` skips rules L3/L4 and prints "(IDEF 2025)" as ")IDEF 2025("
(python-bidi#25).
"""

from __future__ import annotations

import functools
import re
import textwrap
import unicodedata

from bidi.algorithm import get_display

from annotator.core.direction import paragraph_is_rtl
from annotator.core.model import Span


@functools.lru_cache(maxsize=1)
def _reshaper():
    # Made when first needed: importing arabic-reshaper (and the fontTools it loads) is about
    # 30 ms that every command paid at start-up, most of which never print Arabic.
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNPRINTABLE_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def visible(text: str, keep_lines: bool = False) -> str:
    """User data made inert for a terminal: control characters (ESC starts terminal escape
    sequences) and lone surrogates are shown as ``\\x1b``-style escapes. ``keep_lines`` keeps
    newlines and tabs (for messages of several lines)."""
    pattern = _UNPRINTABLE_KEEP_LINES if keep_lines else _UNPRINTABLE
    return pattern.sub(lambda m: ascii(m.group())[1:-1], text)

_RLM, _LRM = "\u200f", "\u200e"
_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029")


def marked_text(text: str, spans: list[Span]) -> str:
    """``text`` with ``[`` before and ``]LABEL`` after every span, nested properly.

    Markers are fenced (``\x00``, replaced later by a strong mark of the paragraph's
    direction) so that a bracket or a Latin label does not join the Latin or digits next to it
    into one run.
    """
    events: list[tuple[int, int, int, str]] = []  # (offset, order, tie, marker)
    for span in spans:
        # At one offset: closings first (inner before outer), then openings (outer first).
        events.append((span.end, 0, span.end - span.start, f"\x00]{span.label}\x00"))
        events.append((span.start, 1, -(span.end - span.start), "\x00[\x00"))
    events.sort(key=lambda e: e[:3])
    out = []
    cursor = 0
    for offset, _order, _tie, marker in events:
        out.append(text[cursor:offset])
        out.append(marker)
        cursor = offset
    out.append(text[cursor:])
    return "".join(out)


_POOLS = {  # characters of each bidi class that stand in for a grapheme cluster while reordering
    "L": range(0xE000, 0xF900),  # private use
    "AL": range(0x0750, 0x0780),  # Arabic Supplement letters
    "R": range(0x05D0, 0x05EB),  # Hebrew letters
    "ON": range(0x2600, 0x2700),  # miscellaneous symbols
    "EN": range(0x2070, 0x207A),  # superscript digits
}


def _visual(text: str, base_dir: str) -> str:
    """``text`` shaped for a terminal and in visual order, each grapheme cluster kept whole
    and in order.

    The bidi algorithm reorders code points: in a right-to-left run it turned a ZWJ family
    (👨‍👩‍👧) into another family, a flag (🇸🇦, two regional indicators) into another flag, and put
    a letter's harakat before it; and arabic-reshaper drops the joiners of an emoji sequence.
    So each cluster of more than one code point is stood in for by one character of its first
    code point's bidi class: those that are not Arabic before shaping, the Arabic ones (a
    letter with its harakat, now in its shaped form) after it; and put back at the end."""
    import regex

    back: dict[str, str] = {}
    taken = set(text)

    def stand_in(piece: str, arabic: bool) -> str:
        def one(match) -> str:
            cluster = match.group()
            if len(cluster) == 1 or (regex.match(r"\p{Arabic}", cluster) is not None) != arabic:
                return cluster
            placeholder = _free_placeholder(unicodedata.bidirectional(cluster[0]), taken)
            if placeholder is None:
                return cluster
            taken.add(placeholder)
            back[placeholder] = cluster
            return placeholder
        return regex.sub(r"\X", one, piece)

    shaped = _reshaper().reshape(stand_in(text, arabic=False))
    shaped = stand_in(shaped, arabic=True)
    ordered = get_display(shaped, base_dir=base_dir)
    return "".join(back.get(ch, ch) for ch in ordered) if back else ordered


def _free_placeholder(bidi_class: str, taken: set[str]) -> str | None:
    for code in _POOLS.get(bidi_class, ()):
        ch = chr(code)
        if ch not in taken and not unicodedata.mirrored(ch):
            return ch
    return None


def render(text: str, spans: list[Span], *, width: int = 80, bidi: bool = True) -> list[str]:
    """The document as terminal lines, spans marked; visual order when ``bidi`` is on."""
    marked = marked_text(text, spans)
    for brk in _LINE_BREAKS:
        marked = marked.replace(brk, "\n")
    lines: list[str] = []
    for paragraph in marked.split("\n"):
        rtl = paragraph_is_rtl(paragraph)
        fence = _RLM if rtl else _LRM
        paragraph = paragraph.replace("\x00", fence)
        pieces = textwrap.wrap(paragraph, width=width, break_long_words=False, drop_whitespace=True) or [""]
        for piece in pieces:
            if bidi:
                piece = _visual(piece, "R" if rtl else "L")
                piece = piece.replace(_RLM, "").replace(_LRM, "")
                if rtl:
                    piece = piece.rjust(width)
            # Without --bidi the fences stay: a terminal that reorders by itself needs them.
            lines.append(piece)
    return lines


def display(text: str, bidi: bool = True) -> str:
    """A short piece of text (a span, a label) in visual order for a terminal."""
    if not bidi:
        return text
    return _visual(text, "R" if paragraph_is_rtl(text) else "L")
