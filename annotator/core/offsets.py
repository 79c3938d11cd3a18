"""Offsets: the one place that knows about code points, UTF-16 units and grapheme clusters.

Every offset stored or exported by annotator is a Unicode code point index (a Python ``str``
index) into the stored document text, end exclusive. Other units appear only at the edges:

* Qt counts UTF-16 code units, and ``QPlainTextEdit.setPlainText`` folds ``\\r\\n`` into one
  block separator. :class:`QtPositionMap` converts both ways; the GUI uses nothing else.
* JavaScript tools count UTF-16 units too (``--offset-unit utf16`` on export).

Span edges must lie on extended grapheme cluster boundaries (UAX #29), so that a letter and
its harakat, an emoji ZWJ sequence or a CRLF pair are never cut apart.
"""

from __future__ import annotations

import bisect
import unicodedata
from array import array
from collections.abc import Sequence
from functools import lru_cache

import regex

# `regex` implements UAX #29 extended grapheme clusters (\X) and Unicode word characters;
# the standard library `re` does neither.
_GRAPHEME = regex.compile(r"\X")
_WORD_CHAR = regex.compile(r"\w")
_ASTRAL = regex.compile("[\U00010000-\U0010FFFF]")


# --------------------------------------------------------------------------- UTF-16


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units in ``text``."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


class Utf16Map:
    """Code point ⇄ UTF-16 unit conversion for one text.

    Arabic lies in the Basic Multilingual Plane, so for most documents the two units agree
    and the map is the identity; a table is only built when the text has astral characters
    (emoji, some CJK, mathematical letters).
    """

    __slots__ = ("_astral", "length")

    def __init__(self, text: str):
        # Code point indices of astral characters, ascending: each adds one unit after it.
        # Found by the regex engine: a Python loop over a 1 MB text costs ~0.15 s.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.length = len(text)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 index of code point index ``cp`` (0 ≤ cp ≤ len(text))."""
        if not 0 <= cp <= self.length:
            raise IndexError(f"code point offset {cp} outside 0..{self.length}")
        return cp + bisect.bisect_left(self._astral, cp)

    def to_codepoint(self, unit: int) -> int:
        """Code point index of UTF-16 index ``unit``; ValueError inside a surrogate pair."""
        total = self.length + len(self._astral)
        if not 0 <= unit <= total:
            raise IndexError(f"UTF-16 offset {unit} outside 0..{total}")
        # Astral character k (0-based) at code point a_k occupies units a_k + k and a_k + k + 1.
        lo, hi = 0, len(self._astral)
        while lo < hi:  # number of astral characters that end at or before `unit`
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 2 <= unit:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._astral) and unit == self._astral[lo] + lo + 1:
            raise ValueError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        return unit - lo


# --------------------------------------------------------------------------- Qt positions


class QtPositionMap:
    """Stored-text code points ⇄ positions in a Qt document built with ``setPlainText``.

    Qt positions are UTF-16 units, and ``setPlainText`` turns ``\\r\\n`` into a single block
    separator (a lone ``\\r``, ``\\n`` or U+2029 is one separator, U+2028 stays a line break
    inside the block: one unit each). So a Qt position is the UTF-16 offset minus the number
    of CRLF pairs before it. The middle of a CRLF pair has no Qt position; it is never a
    grapheme boundary either, so no valid span edge is lost.
    """

    __slots__ = ("_utf16", "_crlf", "length")

    def __init__(self, text: str):
        self._utf16 = Utf16Map(text)
        # Code point index of each '\n' that follows a '\r'.
        self._crlf = [i + 1 for i in _find_all(text, "\r\n")]
        self.length = len(text)

    def to_qt(self, cp: int) -> int:
        """Qt document position of code point offset ``cp``."""
        unit = self._utf16.to_utf16(cp)
        # A CRLF's '\n' at index n is folded away for every cp > n ... and for cp == n, the
        # middle of the pair, we round down to the separator itself.
        folded = bisect.bisect_left(self._crlf, cp)
        return unit - folded

    def to_codepoint(self, pos: int) -> int:
        """Code point offset of Qt position ``pos`` (the inverse of :meth:`to_qt`)."""
        # Positions after k folded pairs are shifted by k; find k by search over the pairs'
        # Qt positions (the '\n' of pair j sits at Qt position utf16(n_j) - j, folded).
        lo, hi = 0, len(self._crlf)
        while lo < hi:
            mid = (lo + hi) // 2
            n = self._crlf[mid]
            if self._utf16.to_utf16(n) - mid <= pos:
                lo = mid + 1
            else:
                hi = mid
        # `lo` pairs lie entirely before `pos`; each one hid a unit.
        unit = pos + lo
        return self._utf16.to_codepoint(unit)

    def text_for_qt(self, text: str) -> str:
        """The text as Qt holds it after ``setPlainText`` (for tests and comparisons)."""
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


# --------------------------------------------------------------------------- graphemes


def grapheme_boundaries(text: str) -> list[int]:
    """All extended grapheme cluster boundaries of ``text``, including 0 and len(text)."""
    bounds = [m.start() for m in _GRAPHEME.finditer(text)]
    bounds.append(len(text))
    return bounds


def graphemes(text: str) -> list[str]:
    """The extended grapheme clusters of ``text``."""
    return _GRAPHEME.findall(text)


@lru_cache(maxsize=4096)
def _is_simple(ch: str) -> bool:
    """True when no UAX #29 rule can join ``ch`` to its neighbour on either side.

    Letters, digits, punctuation, symbols and spaces below U+0900 (Latin, Greek, Cyrillic,
    Hebrew, Arabic, Syriac, Thaana, N'Ko ...) are never Extend, SpacingMark, Prepend, ZWJ,
    Hangul or Regional Indicator there. Everything else takes the exact (regex) path.
    """
    if ord(ch) >= 0x0900:
        return False
    return unicodedata.category(ch)[0] in "LNPS" or ch == " "


# Every character below U+0900 that _is_simple accepts, for membership tests in tight loops
# (an import checks the edges of millions of spans; a set lookup is cheaper than a call).
SIMPLE_CHARACTERS = frozenset(ch for ch in map(chr, range(0x900)) if _is_simple(ch))


def is_grapheme_boundary(text: str, i: int) -> bool:
    """Whether offset ``i`` lies on an extended grapheme cluster boundary of ``text``.

    Checks only the neighbourhood of ``i``, so validating the edges of thousands of spans does
    not segment whole documents (it must agree with :func:`grapheme_boundaries`; a property
    test holds it to that).
    """
    n = len(text)
    if i < 0 or i > n:
        return False
    if i == 0 or i == n:
        return True
    if _is_simple(text[i - 1]) and _is_simple(text[i]):
        return True
    # Back up to a position that is certainly a boundary, then walk clusters forward.
    j = i - 1
    while j > 0 and not (
        (_is_simple(text[j - 1]) and _is_simple(text[j])) or text[j - 1] == "\n"
    ):
        j -= 1
    for match in _GRAPHEME.finditer(text, j, min(n, i + 1)):
        if match.start() == i:
            return True
        if match.end() > i:
            return False
    return True  # pragma: no cover - the loop always decides before running out


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the nearest grapheme cluster boundaries outside it."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start > 0 and not is_grapheme_boundary(text, start):
        start -= 1
    while end < len(text) and not is_grapheme_boundary(text, end):
        end += 1
    return start, end


def is_word_char(ch: str) -> bool:
    """Letters, marks (harakat), digits, tatweel, ZWJ/ZWNJ and connector punctuation."""
    return bool(_WORD_CHAR.match(ch))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words, then trim surrounding white space.

    A selection that touches part of a word takes the whole word (``ركيا`` in ``لتركيا``
    becomes ``لتركيا``); use :func:`snap_to_graphemes` for a sub-word span. Returns an empty
    range ``(start, start)`` when the selection holds nothing but white space.
    """
    start, end = trim_whitespace(text, *snap_to_graphemes(text, start, end))
    if start == end:
        return start, end
    if is_word_char(text[start]):
        while start > 0 and is_word_char(text[start - 1]):
            start -= 1
    if is_word_char(text[end - 1]):
        while end < len(text) and is_word_char(text[end]):
            end += 1
    return snap_to_graphemes(text, start, end)


def next_boundary(text: str, i: int) -> int:
    """The first grapheme cluster boundary after ``i`` (len(text) at the end)."""
    i += 1
    while i < len(text) and not is_grapheme_boundary(text, i):
        i += 1
    return min(i, len(text))


def previous_boundary(text: str, i: int) -> int:
    """The last grapheme cluster boundary before ``i`` (0 at the start)."""
    i -= 1
    while i > 0 and not is_grapheme_boundary(text, i):
        i -= 1
    return max(i, 0)


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` (on cluster boundaries) past blank clusters at either edge.

    A cluster is blank when all of it is white space or bidi marks; a space carrying a haraka
    is a visible mark and stays.
    """
    while start < end:
        after = next_boundary(text, start)
        if not all(_is_blank(ch) for ch in text[start:after]):
            break
        start = after
    while end > start:
        before = previous_boundary(text, end)
        if not all(_is_blank(ch) for ch in text[before:end]):
            break
        end = before
    return (start, end) if start < end else (start, start)


_BIDI_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_blank(ch: str) -> bool:
    return ch.isspace() or ch in _BIDI_MARKS


# --------------------------------------------------------------------------- normalisation


class OffsetRemap:
    """Maps offsets in a source text to offsets in its normalised form.

    Built by :func:`normalize_text`; only offsets on grapheme cluster boundaries of the
    source can be mapped (others raise ``ValueError``), which is exactly the set of valid
    span edges. It keeps the clusters the normalisation changed (their start and end in the
    source, their start in the result, and the shift after them), not every cluster: a
    list of each cluster and its bounds took 710 MB for a text of 5.5 million characters.
    """

    __slots__ = ("_source", "_starts", "_ends", "_targets", "_shifts")

    def __init__(self, source: str, starts: Sequence[int], ends: Sequence[int], targets: Sequence[int],
                 shifts: Sequence[int]):
        self._source = source
        self._starts, self._ends, self._targets, self._shifts = starts, ends, targets, shifts

    def __call__(self, offset: int) -> int:
        k = bisect.bisect_right(self._starts, offset) - 1  # the last changed cluster from here back
        if k >= 0 and offset < self._ends[k]:
            if offset == self._starts[k]:
                return self._targets[k]
        elif is_grapheme_boundary(self._source, offset):
            return offset + (self._shifts[k] if k >= 0 else 0)
        raise ValueError(f"offset {offset} is not on a grapheme cluster boundary")


_NORMALISED_RUN = 65_536  # characters a normalisation looks at a time (to the next cluster boundary)


def normalize_text(text: str, *, nfc: bool = False, newlines: bool = False) -> tuple[str, OffsetRemap | None]:
    """Apply the explicit import normalisations and return the new text and an offset map.

    ``nfc`` composes to Unicode NFC (``ا`` + U+0653 becomes ``آ``: two code points become
    one); ``newlines`` turns ``\\r\\n`` and lone ``\\r`` into ``\\n``. Both work cluster by
    cluster (a CRLF pair and a letter with its marks are single clusters), so offsets on
    cluster boundaries map exactly. Returns ``(text, None)`` when nothing was asked. The text
    is taken a run of about _NORMALISED_RUN characters at a time, ending on a cluster boundary:
    a run that is NFC already and holds no CR is left as it is, and only the clusters of the
    others are looked at one by one.
    """
    if not (nfc or newlines):
        return text, None
    pieces: list[str] = []
    starts, ends, targets, shifts = array("q"), array("q"), array("q"), array("q")
    shift = at = 0
    size = len(text)
    while at < size:
        end = min(size, at + _NORMALISED_RUN)
        while end < size and not is_grapheme_boundary(text, end):
            end += 1
        run = text[at:end]
        if (not newlines or "\r" not in run) and (not nfc or unicodedata.is_normalized("NFC", run)):
            pieces.append(run)
        else:
            # The run's clusters, joined at its end (a string for each cluster of the whole text,
            # held to its end, was about 60 bytes a character: 12 MB for 250,000 of them).
            clusters: list[str] = []
            for found in _GRAPHEME.finditer(run):
                cluster = normalised = found.group()
                if newlines and cluster in ("\r\n", "\r"):
                    normalised = "\n"
                if nfc:
                    normalised = unicodedata.normalize("NFC", normalised)
                clusters.append(normalised)
                if normalised != cluster:
                    start = at + found.start()
                    starts.append(start)
                    ends.append(start + len(cluster))
                    targets.append(start + shift)
                    shift += len(normalised) - len(cluster)
                    shifts.append(shift)
            pieces.append("".join(clusters))
        at = end
    result = "".join(pieces)
    if nfc and result != unicodedata.normalize("NFC", result):
        # Composition across a cluster boundary (very rare; some Indic and Hangul cases):
        # refuse rather than produce text whose offsets we cannot account for.
        raise ValueError("NFC normalisation composes across grapheme clusters in this text")
    return result, OffsetRemap(text, starts, ends, targets, shifts)


# Punctuation a selection drops at its edges: a speaker "فلان:" is فلان, a quote «...» is what
# is inside the marks. Signs that belong to what they follow or precede stay (12%, #tag, @name).
_KEPT_SIGNS = frozenset("%٪‰#@&*/\\'")
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‘": "’", "‹": "›", "„": "“", "\"": "\""}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}


def _is_edge_punctuation(cluster: str) -> bool:
    return all(_is_blank(ch) or (unicodedata.category(ch).startswith("P") and ch not in _KEPT_SIGNS)
               for ch in cluster)


def trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past punctuation, quotation marks and white space at its edges.

    Kept: a bracket or quotation mark whose partner is inside the selection (``لجنة المتابعة
    (لمت)`` keeps its ``)``), and the final dot of an abbreviation (``U.N.``, ``د.``).
    """
    start, end = trim_whitespace(text, start, end)
    changed = True
    while changed and start < end:
        changed = False
        before = previous_boundary(text, end)
        cluster = text[before:end]
        if _is_edge_punctuation(cluster) and not (
                (cluster in _CLOSERS and _CLOSERS[cluster] in text[start + 1:before])  # its partner is inside
                or (cluster == "." and _ends_abbreviation(text, start, before))):
            end, changed = before, True
        if start >= end:
            break
        after = next_boundary(text, start)
        cluster = text[start:after]
        if _is_edge_punctuation(cluster) and not (cluster in _OPENERS and _OPENERS[cluster] in text[after:end - 1]):
            start, changed = after, True
    return trim_whitespace(text, start, end)


def _ends_abbreviation(text: str, start: int, dot: int) -> bool:
    """Is the dot at ``dot`` the end of an abbreviation: U.N. (dotted) or a single letter (د.)?"""
    word_start = dot
    while word_start > start and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    return bool(word) and ("." in word or len(word) == 1)


def snap_selection(text: str, start: int, end: int, subword: bool) -> tuple[int, int]:
    """What a label key takes from a selection: whole words without the punctuation and
    quotation marks at its edges; with ``subword`` (Alt held) exactly the grapheme clusters
    selected, punctuation included."""
    if subword:
        return trim_whitespace(text, *snap_to_graphemes(text, start, end))
    start, end = snap_to_words(text, start, end)
    trimmed = trim_punctuation(text, start, end)
    return trimmed if trimmed[0] < trimmed[1] else (start, end)
