import unicodedata

from annotator.core.model import Span
from annotator.core.direction import paragraph_is_rtl
from annotator.terminal import display, marked_text, render


def span(label, start, end):
    return Span("T", "d", "a", "entity", label, start, end)


def test_nested_markers_close_inner_first():
    text = "abc def"
    marked = marked_text(text, [span("OUTER", 0, 7), span("INNER", 0, 3)]).replace("\x00", "")
    assert marked == "[[abc]INNER def]OUTER"


def test_parentheses_stay_mirrored_in_arabic():
    # bidi.algorithm applies L3/L4 mirroring; python-bidi 0.6's top-level get_display does not.
    shown = display("قال (IDEF 2025) أمس")
    assert "(IDEF 2025)" in shown


def test_render_right_aligns_rtl_paragraphs_and_wraps_before_reordering():
    text = "الكلمة الأولى ثم الكلمة الثانية ثم الكلمة الثالثة"
    lines = render(text, [], width=24)
    assert len(lines) > 1
    assert all(len(line) == 24 and line.startswith(" ") for line in lines)
    assert paragraph_is_rtl(text) and not paragraph_is_rtl("IDEF قال")


def test_no_bidi_keeps_logical_order():
    text = "زار لتركيا"
    (line,) = render(text, [span("GPE", 5, 10)], bidi=False)
    assert line.replace("\u200f", "") == "زار ل[تركيا]GPE"


def test_emoji_sequences_flags_and_harakat_stay_whole_and_in_order():
    """Reordering code points turned the family 👨‍👩‍👧 into 👧👩👨 (and the reshaper dropped its
    joiners), the flag 🇸🇦 (S, A) into 🇦🇸, and put a letter's harakat before the letter."""
    family, flag = "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F1F8\U0001F1E6"
    (line,) = render(f"قال {family} أحمد {flag} إن «الوفد وصل».", [], width=80)
    assert family in line and flag in line
    shown = display("قَالَ")
    # visual order, left to right: lam with its fatha, alef, qaf with its fatha (marks after their letters)
    assert [unicodedata.category(ch) == "Mn" for ch in shown] == [False, True, False, False, True]
