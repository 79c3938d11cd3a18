import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.offsets import (
    QtPositionMap,
    Utf16Map,
    grapheme_boundaries,
    is_grapheme_boundary,
    normalize_text,
    snap_to_graphemes,
    snap_to_words,
    trim_whitespace,
    utf16_length,
)

# The characters the issue asks us to torture offsets with, plus a few other scripts whose
# grapheme rules differ (Devanagari conjuncts, Thai SARA AM, Hangul jamo, flags).
TRICKY = [
    "a", "Z", " ", "1", "٣", "(", ")", "«", "»", "،",
    "ك", "ت", "ب", "ل", "ا", "\u0644\u0627",  # lam-alef as two letters
    "\ufefb",  # lam-alef presentation form
    "\u064e", "\u0651", "\u0650", "\u0652",  # fatha, shadda, kasra, sukun
    "\u0640",  # tatweel
    "\u200d", "\u200c",  # ZWJ, ZWNJ
    "\u200f", "\u200e", "\u061c",  # RLM, LRM, ALM
    "\u00a0",  # NBSP
    "\r\n", "\r", "\n", "\u2028", "\u2029",
    "😀", "👍🏽", "👨\u200d👩\u200d👧", "\U0001F1F8\U0001F1E6",  # emoji, skin tone, ZWJ family, flag
    "\u0915", "\u094d", "\u0937", "\u0e33", "\u1100", "\u1161", "\u11a8", "가", "\u0600", "\u0301",
]
tricky_text = st.lists(st.sampled_from(TRICKY), max_size=24).map("".join)


@given(tricky_text)
def test_local_boundary_check_agrees_with_full_segmentation(text):
    bounds = set(grapheme_boundaries(text))
    assert [i for i in range(len(text) + 1) if is_grapheme_boundary(text, i)] == sorted(bounds)


@given(tricky_text)
def test_utf16_round_trip_and_length(text):
    umap = Utf16Map(text)
    assert umap.to_utf16(len(text)) == len(text.encode("utf-16-le")) // 2 == utf16_length(text)
    for cp in range(len(text) + 1):
        unit = umap.to_utf16(cp)
        assert len(text[:cp].encode("utf-16-le")) // 2 == unit
        assert umap.to_codepoint(unit) == cp


@given(tricky_text)
def test_utf16_offset_inside_a_surrogate_pair_is_refused(text):
    umap = Utf16Map(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            with pytest.raises(ValueError):
                umap.to_codepoint(umap.to_utf16(cp) + 1)


@given(tricky_text)
def test_qt_positions_fold_crlf_and_round_trip_on_grapheme_boundaries(text):
    qmap = QtPositionMap(text)
    qt_text = qmap.text_for_qt(text)
    for cp in grapheme_boundaries(text):
        pos = qmap.to_qt(cp)
        # What precedes the position in Qt's text is what precedes cp in ours, folded.
        assert len(qmap.text_for_qt(text[:cp]).encode("utf-16-le")) // 2 == pos
        assert qmap.to_codepoint(pos) == cp
    assert qmap.to_qt(len(text)) == len(qt_text.encode("utf-16-le")) // 2


@given(tricky_text, st.integers(0, 30), st.integers(0, 30))
def test_snapping_lands_on_boundaries_and_covers_the_selection(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    s, e = snap_to_graphemes(text, start, end)
    assert s <= start and e >= end
    assert is_grapheme_boundary(text, s) and is_grapheme_boundary(text, e)
    ws, we = snap_to_words(text, start, end)
    assert is_grapheme_boundary(text, ws) and is_grapheme_boundary(text, we)
    if ws < we:
        assert not text[ws:we].isspace()


@settings(max_examples=300)
@given(tricky_text)
def test_normalisation_remaps_every_boundary(text):
    try:
        result, remap = normalize_text(text, nfc=True, newlines=True)
    except ValueError:
        return  # composition across clusters: refused, never silently wrong
    assert result == unicodedata.normalize("NFC", result)
    assert "\r" not in result
    bounds = grapheme_boundaries(text)
    for a, b in zip(bounds, bounds[1:]):
        piece = unicodedata.normalize("NFC", text[a:b].replace("\r\n", "\n").replace("\r", "\n"))
        assert result[remap(a):remap(b)] == piece


def test_emoji_before_an_entity_shifts_utf16_by_one():
    text = "قال 😀 إن تركيا"
    cp = text.index("تركيا")
    assert cp == 9
    assert Utf16Map(text).to_utf16(cp) == 10


def test_harakat_stay_with_their_letter():
    text = "كَتَبَ"
    assert grapheme_boundaries(text) == [0, 2, 4, 6]
    assert not is_grapheme_boundary(text, 1)
    assert snap_to_graphemes(text, 1, 3) == (0, 4)


def test_crlf_is_one_cluster_and_one_qt_position():
    text = "سطر\r\nتركيا"
    assert not is_grapheme_boundary(text, 4)
    qmap = QtPositionMap(text)
    assert qmap.to_qt(5) == 4
    assert qmap.to_codepoint(4) == 5


def test_word_snapping_takes_the_clitic_and_grapheme_snapping_does_not():
    text = "زار الرئيس لتركيا أمس."
    inside = text.index("تركيا")
    assert text[slice(*snap_to_words(text, inside + 1, inside + 3))] == "لتركيا"
    assert text[slice(*snap_to_graphemes(text, inside, inside + 5))] == "تركيا"


def test_whitespace_and_bidi_marks_are_trimmed():
    text = " \u200fمرحبا\u00a0 "
    s, e = trim_whitespace(text, 0, len(text))
    assert text[s:e] == "مرحبا"


def test_nfc_option_shortens_alef_madda_and_remaps_offsets():
    text = "ا\u0653ية تركيا"  # alef + maddah above composes to آ
    result, remap = normalize_text(text, nfc=True)
    assert result == "آية تركيا"
    start = text.index("تركيا")
    assert result[remap(start):remap(len(text))] == "تركيا"
    assert remap(start) == start - 1
    with pytest.raises(ValueError):
        remap(1)  # between alef and its mark: not a boundary


def test_regex_grapheme_engine_is_uax29_extended():
    # Guards the dependency: an emoji ZWJ sequence is one extended grapheme cluster.
    assert len(regex.findall(r"\X", "👨\u200d👩\u200d👧")) == 1


@pytest.mark.parametrize("text,selected,expected", [
    ("قال فلان: إن", "فلان:", "فلان"),
    ("«الطلبات زادت»", "«الطلبات زادت»", "الطلبات زادت"),
    ('قال "الطلبات زادت".', '"الطلبات زادت".', "الطلبات زادت"),
    ("لجنة المتابعة (لمت) اجتمعت", "لجنة المتابعة (لمت)", "لجنة المتابعة (لمت)"),
    ("وصل U.N. أمس", "U.N.", "U.N."),
    ("قال د. فلان", "د.", "د."),
    ("ارتفع 12% أمس", "12%", "12%"),
    ("(IDEF 2025)", "(IDEF 2025)", "IDEF 2025"),
    ("فلان، وقال", "فلان،", "فلان"),
])
def test_selections_lose_edge_punctuation(text, selected, expected):
    from annotator.core.offsets import snap_selection

    start = text.index(selected)
    a, b = snap_selection(text, start, start + len(selected), subword=False)
    assert text[a:b] == expected
    assert snap_selection(text, start, start + len(selected), subword=True) == (start, start + len(selected))


def test_find_folds_letter_variants_letter_for_letter():
    from annotator.core.search import find_all

    text = "قال أحمد إن مدرسةَ مصطفى في آمد"
    assert find_all(text, "احمد", letter_variants=True) == [(4, 8)]
    assert find_all(text, "احمد") == []
    assert [text[a:b] for a, b in find_all(text, "مصطفي", letter_variants=True)] == ["مصطفى"]
    assert [text[a:b] for a, b in find_all(text, "مدرسه", ignore_marks=True, ta_marbuta=True)] == ["مدرسةَ"]
    assert find_all(text, "مدرسه", ignore_marks=True) == []


def test_find_after_a_dotted_capital_i_lands_on_the_match():
    """str.lower() makes "İ" two characters: every match after one was off by one (a news text
    naming İstanbul or İlham Aliyev selected the wrong letters in the find bar)."""
    from annotator.core.search import find_all

    text = "قال İlham Aliyev في İstanbul إن أحمد"
    assert [text[a:b] for a, b in find_all(text, "أحمد")] == ["أحمد"]
    assert [text[a:b] for a, b in find_all(text, "احمد", ignore_marks=True, letter_variants=True)] == ["أحمد"]
    assert [text[a:b] for a, b in find_all(text, "istanbul")] == ["İstanbul"]
    assert [text[a:b] for a, b in find_all(text, "İSTANBUL")] == ["İstanbul"]


@given(st.text(alphabet="İiIıßaAقالـ ", max_size=20), st.data())
def test_every_match_is_the_query_in_another_case(text, data):
    """(No combining marks here: a match is widened to whole graphemes, tested above.)"""
    from annotator.core.search import find_all, lower_keeping_offsets

    start = data.draw(st.integers(0, len(text)))
    query = text[start:data.draw(st.integers(start, len(text)))]
    found = find_all(text, query)
    assert all(lower_keeping_offsets(text[a:b]) == lower_keeping_offsets(query) for a, b in found)
    assert bool(found) == bool(query)


def _normalised_cluster_by_cluster(text: str) -> tuple[str, dict[int, int]]:
    """What normalize_text(text, nfc=True, newlines=True) gives, cluster by cluster, and the
    target of every cluster boundary (as it was written before it took runs of text)."""
    pieces, targets, at, to = [], {0: 0}, 0, 0
    for cluster in regex.findall(r"\X", text):
        piece = unicodedata.normalize("NFC", "\n" if cluster in ("\r\n", "\r") else cluster)
        pieces.append(piece)
        at, to = at + len(cluster), to + len(piece)
        targets[at] = to
    return "".join(pieces), targets


@settings(max_examples=300)
@given(tricky_text, st.sampled_from([1, 2, 3, 7, 65_536]))
def test_normalisation_in_runs_maps_every_offset_as_cluster_by_cluster(text, run):
    from unittest import mock

    from annotator.core import offsets

    with mock.patch.object(offsets, "_NORMALISED_RUN", run):
        try:
            result, remap = normalize_text(text, nfc=True, newlines=True)
        except ValueError:
            return
    expected, targets = _normalised_cluster_by_cluster(text)
    assert result == expected
    for offset in range(-1, len(text) + 2):
        if offset in targets:
            assert remap(offset) == targets[offset]
        else:
            with pytest.raises(ValueError):
                remap(offset)


def test_a_long_texts_normalisation_keeps_only_what_changed():
    """A text of a million characters with a decomposed letter now and then: its offset map
    holds the changed clusters, not every cluster (a list of each took 710 MB for 5.5 million
    characters)."""
    import tracemalloc

    text = "".join(f"word{k} cafe\u0301 تركيا\r\n" if k % 100 == 0 else f"word{k} plain text here\n"
                   for k in range(40_000))
    tracemalloc.start()
    try:
        result, remap = normalize_text(text, nfc=True, newlines=True)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(text) > 1_000_000 and held < 3 * len(text), held  # (the result's text, and little more)
    last = text.rindex("تركيا")
    # before it: 399 lines of a composed letter and a CRLF made LF, then its own line's letter
    assert result[remap(last):remap(last + 5)] == "تركيا" and remap(last) == last - (2 * 399 + 1)
