import random
import re

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.core.model import Span
from annotator.core.tagging import align, decode_tags, tag_layer
from annotator.core.tokenize import sentences, tokenize

EXAMPLE = "زار الرئيس لتركيا أمس."


def words(text, tokens):
    return [text[a:b] for a, b in tokens]


def test_tokens_are_substrings_with_offsets():
    text = "وقالت د. سارة: «ب300 دولار في COP29، بنسبة 4.2% و٣٫٥» 😀👍🏽 O'Neil."
    tokens = tokenize(text)
    assert words(text, tokens) == ["وقالت", "د", ".", "سارة", ":", "«", "ب", "300", "دولار", "في", "COP29", "،",
                                   "بنسبة", "4.2", "%", "و", "٣٫٥", "»", "😀", "👍🏽", "O'Neil", "."]
    assert all(not text[a:b].isspace() and a < b for a, b in tokens)


def test_sentences_end_at_punctuation_and_line_breaks_not_abbreviations():
    text = "قالت د. سارة إن «الوضع مستقر.» ثم غادرت؟ نعم\nسطر آخر"
    parts = [" ".join(words(text, s)) for s in sentences(text, tokenize(text))]
    assert parts == ["قالت د . سارة إن « الوضع مستقر . »", "ثم غادرت ؟", "نعم", "سطر آخر"]


def test_conservative_proclitic_splitting():
    text = "والدار بالرباط فللمؤتمر وزير بيروت لبنان كالعادة"
    assert words(text, tokenize(text, split_clitics=True)) == [
        "و", "الدار", "ب", "الرباط", "ف", "ل", "لمؤتمر", "وزير", "بيروت", "لبنان", "ك", "العادة"]


def span(start, end, label="LOC", sid="T1", layer="entity"):
    return Span(sid, "d", "a", layer, label, start, end, {})


def test_the_worked_example_under_each_policy():
    tokens = tokenize(EXAMPLE)
    target = span(12, 17)
    split, ranges, notes = align(EXAMPLE, tokens, [target], "split", "d")
    assert words(EXAMPLE, split) == ["زار", "الرئيس", "ل", "تركيا", "أمس", "."]
    assert tag_layer(len(split), [target], ranges, "iob2")[0] == ["O", "O", "O", "B-LOC", "O", "O"]
    assert tag_layer(len(split), [target], ranges, "bioes")[0] == ["O", "O", "O", "S-LOC", "O", "O"]
    assert [(n.host, n.action) for n in notes] == [("لتركيا", "split")]
    expand, ranges, notes = align(EXAMPLE, tokens, [target], "expand", "d")
    assert tag_layer(len(expand), [target], ranges, "iob2")[0] == ["O", "O", "B-LOC", "O", "O"]
    assert [(n.host, n.action) for n in notes] == [("لتركيا", "expanded")]
    _, ranges, notes = align(EXAMPLE, tokens, [target], "drop", "d")
    assert ranges == {} and [n.action for n in notes] == ["dropped"]


def test_iob1_marks_only_adjacent_chunks_of_one_type():
    spans = [span(0, 1, "PER", "a"), span(1, 2, "PER", "b"), span(2, 3, "LOC", "c")]
    ranges = {"a": (0, 1), "b": (1, 2), "c": (2, 3)}
    assert tag_layer(3, spans, ranges, "iob1")[0] == ["I-PER", "B-PER", "I-LOC"]


def test_overlapping_spans_in_one_layer_are_reported_not_silently_merged():
    spans = [span(0, 10, "ORG", "outer"), span(0, 3, "PER", "inner")]
    tags, notes = tag_layer(4, spans, {"outer": (0, 3), "inner": (0, 1)}, "iob2", "d", "x" * 10)
    assert tags == ["B-ORG", "I-ORG", "I-ORG", "O"]
    assert [(n.span_id, n.action) for n in notes] == [("inner", "overlap dropped")]


chunks = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3), st.sampled_from(["PER", "LOC"])), max_size=6)


@given(chunks)
def test_every_scheme_decodes_back_to_the_same_chunks(raw):
    spans, ranges, at = [], {}, 0
    for n, (gap, length, label) in enumerate(raw):
        at += gap
        spans.append(span(at, at + length, label, f"s{n}"))
        ranges[f"s{n}"] = (at, at + length)
        at += length
    expected = [(r[0], r[1], s.label) for s, r in zip(spans, ranges.values())]
    for scheme in ("iob2", "iob1", "bioes"):
        tags, _ = tag_layer(at + 1, spans, ranges, scheme)
        assert decode_tags(tags) == expected, scheme


# Characters that make the fast path and the full pattern meet: Arabic letters, marks, tatweel
# and joiners, Latin with accents and marks, digits of both kinds, punctuation, emoji, spaces.
_MIXED = st.lists(st.sampled_from(list("زار الرئيس لتركيا أمس") + ["\u064B", "\u0651", "\u0640", "\u200c", "\u200d",
                                                                    "é", "e\u0301", "a", "Z", "٣", "3", ".", "،", "!",
                                                                    "-", "'", "😀", " ", "\n", "\t", "Д", "\u0301",
                                                                    "\x1c", "\x85", "\xa0", "\u2028", "\u3000",
                                                                    "\u0600", "«", "»", "٫", ",", "1", "۳", "_", "؟",
                                                                    "…", "\ufe0f", "\U0001F3FD", "\u0903", "ﻻ", "%",
                                                                    "http://", "www.", "@", "x.org", "/", "?", ":",
                                                                    "...", ".\u0301", "'s", "n't", "’ll", "n", "do",
                                                                    "'", "’", "t", "s"]),
                  max_size=60).map("".join)


@given(_MIXED)
@settings(max_examples=2000, deadline=None)
def test_the_fast_tokenizer_agrees_with_the_full_pattern(text):
    from annotator.core.tokenize import _TOKEN

    assert tokenize(text) == [m.span() for m in _TOKEN.finditer(text)]


# Plain texts (Arabic and Latin letters, digits, punctuation and common symbols, marks only
# after Arabic letters) and the characters next to them that are not plain.
_PLAIN = st.lists(st.sampled_from(list("قال بـ") + ["\u064B", "\u0651", "\u0640", "\u200c", "\u200d", "a", "Z",
                                                  "é", "ü", "ß", "Å", "ō", "ł", "3", "٣", "۳", ".", ",", "٫", "٬",
                                                  "'", "’", "-", "«", "»", "“", "”", "—", "…", "!", "?", "؟", "،",
                                                  "£", "€", "©", "×", "÷", "•", "°", "_", " ", " ", "\n", "\r\n",
                                                  "\xa0", "\t", "U.S.", "e.g.", "a.", "1990s", ":", "10:30",
                                                  "'s", "n't", "N’T", "’re", "don", "n", "t", "s", "ll", "'", "’",
                                                  # plain characters, but a text with an address is not plain
                                                  "@", "www.", "http://", "x.org",
                                                  # not plain
                                                  "µ", "ª", "¹", "\x1c", "\u0600", "\u0301", "Д", "😀"]),
                  max_size=40).map("".join)


@given(_PLAIN)
@settings(max_examples=3000, deadline=None)
def test_a_plain_text_is_tokenized_in_one_pass_as_the_full_pattern_does(text):
    from annotator.core import tokenize as module

    spans = [m.span() for m in module._TOKEN.finditer(text)]
    assert tokenize(text) == spans
    assert not module.is_easy(text) or module.is_plain(text)
    # plain: those characters, with a mark, tatweel or joiner only after an Arabic letter, a mark or white space
    mark_after_other = re.compile(rf"[^{module._SPACE}{module._ARABIC_LETTERS}{module._ARABIC_MARKS}]"
                                  rf"[{module._ARABIC_MARKS}]")
    plain_characters = set(text) <= set(_PLAIN_CHARACTERS) and not mark_after_other.search(text)
    assert plain_characters or not module.is_plain(text)
    assert module.is_plain(text) or not plain_characters or any(sign in text for sign in ("@", "://", "ww.", "WW."))
    if module.is_plain(text):
        parts, starts, ends = module.token_parts(text)
        assert list(zip(starts, ends)) == spans
        assert parts[1::2] == words(text, spans)
        assert parts[0::2] == [text[a:b] for a, b in zip([0] + ends, starts + [len(text)])]  # the gaps
        table = module.token_table_and_gaps(text)
        assert list(zip(table[0], table[1])) == spans and table[3] == parts[2::2]


_PLAIN_CHARACTERS = "قالبـ\u064B\u0651\u200c\u200daZéüßÅōł3٣۳.,٫٬'’-«»“”—…!?؟،£€©×÷•°_ \n\r\xa0\tUSeg1990s@w:/xorgntNTdl"


@given(_MIXED, st.booleans(), st.booleans())
@settings(max_examples=1000, deadline=None)
def test_the_token_table_holds_the_tokens_and_their_text(text, split_clitics, compact):
    from unittest import mock

    from annotator.core import tokenize as module

    tokens = tokenize(text, split_clitics=split_clitics)
    with mock.patch.object(module, "COMPACT_FROM", 0 if compact else 10**9):  # arrays, as for a long text
        starts, ends, forms = module.token_table(text, split_clitics=split_clitics)
    assert type(starts) is type(ends) is (module.array if compact else list)
    assert list(zip(starts, ends)) == tokens
    assert forms == words(text, tokens)


# Sentence punctuation, closers, abbreviations and line breaks, to hold sentences() to the
# same cuts as the rules it was written from.
_SENTENCES = st.lists(st.sampled_from(["قال", "د", "U", "S", "4", "2", ".", "!", "؟", "?", "…", "»", "«", ")", "'",
                                       " ", " ", "\n", "\r\n", "\u2028", "وزير", "Mr", "Dr", "vs", "Mrs", "_", "x",
                                       "3", "id=", "é", "U.S.", "e.g.", "1990s", "a@b.co", "www.x.org/a?b", "The",
                                       "It", "Д", "It's", "Thé", "No", "ca", "xNo", "...", "who", "ō", "٣", "..",
                                       "....", "\u0301", "'s", "n't", "do", "'m"]),
                      max_size=40).map("".join)


def _sentences_by_the_rules(text, tokens):
    """A token-by-token reading of the module's sentence rules (slow, plain)."""
    from annotator.core.tokenize import (_LINE_BREAKS, _TOKEN, CLOSERS, NUMBER_ABBREVIATIONS, SENTENCE_END,
                                         SENTENCE_STARTERS, TITLES)

    def starter_after(end):  # white space, then a word that begins sentences, a token of its own
        return (n + 1 < len(tokens) and tokens[n + 1][0] > end and not text[end:tokens[n + 1][0]].strip()
                and text[tokens[n + 1][0]:tokens[n + 1][1]] in SENTENCE_STARTERS)

    out, current = [], []
    for n, (a, b) in enumerate(tokens):
        if current and any(c in _LINE_BREAKS for c in text[current[-1][1]:a]):
            out.append(current)
            current = []
        current.append((a, b))
        piece = text[a:b]
        nxt = tokens[n + 1] if n + 1 < len(tokens) else None
        glued_next = nxt is not None and nxt[0] == b
        if nxt is None:
            continue
        if glued_next and text[nxt[0]:nxt[1]] in CLOSERS:
            continue  # a closer that follows belongs to the sentence
        prev = tokens[n - 1] if n else None
        glued_prev = prev is not None and prev[1] == a
        if piece in CLOSERS and n:
            ends = glued_prev and text[a - 1] in SENTENCE_END and not glued_next  # (a mark, or U.S.»)
        elif piece in SENTENCE_END:
            before = text[:a]
            title = any(before.endswith(t) and not re.search(r"\w\Z", before[:len(before) - len(t)])
                        for t in TITLES)
            letter = piece == "." and glued_prev and prev[1] - prev[0] == 1 and text[prev[0]].isalpha()
            numbered = any(before.endswith(t) and not re.search(r"\w\Z", before[:len(before) - len(t)])
                           for t in NUMBER_ABBREVIATIONS) and text[nxt[0]] in "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
            small = text[nxt[0]].islower() and re.match("[a-zß-öø-ſ]", text[nxt[0]])  # Latin-1 and Extended-A
            ellipsis = piece == "…" or piece == "." and text[a - 2:a] == ".."
            ends = not (letter and not (regex.match(r"\p{Latin}", text[prev[0]]) and starter_after(b))) \
                and not (piece == "." and (title or numbered)) and not (ellipsis and small) \
                and not (glued_next and (piece in ".!?" or text[nxt[0]:nxt[1]] in SENTENCE_END
                                         or text[nxt[0]:nxt[0] + 2] == ".."))  # (an ellipsis after it)
        elif _TOKEN.match(text, a).lastgroup == "initials":  # U.S.: before a sentence's first word
            ends = starter_after(b)
        elif _TOKEN.match(text, a).lastgroup == "ellipsis" and piece[-1] == ".":  # (not "...́": the mark ends it)
            small = text[nxt[0]].islower() and re.match("[a-zß-öø-ſ]", text[nxt[0]])
            ends = not glued_next and not (text[b - 3:b] == "..." and small)
        else:
            ends = False
        if ends:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


@given(_SENTENCES)
@settings(max_examples=1000, deadline=None)
def test_sentences_follow_the_rules(text):
    tokens = tokenize(text)
    assert sentences(text, tokens) == _sentences_by_the_rules(text, tokens)


# Easy texts (no character the fast pattern cannot take): every character that changes their
# tokens or sentences — Arabic letters, marks, tatweel and joiners, digits of both kinds with
# their separators, sentence punctuation, closers, other punctuation, spaces and line breaks.
_EASY = st.lists(st.sampled_from(list("قال د ب") + ["\u064B", "\u0651", "\u0670", "\u0640", "\u200c", "ـ", "٣", "3",
                                                     "1", "۳", ".", ".", ",", "٫", "٬", "!", "?", "؟", "…", "»", "«",
                                                     ")", "(", ":",
                                                     "]", "}", "'", '"', "”", "’", "،", "%", "-", " ", " ", "\n",
                                                     "\r\n", "\u2028", "\xa0", "\t", "\u3000", "\x85"]),
                 max_size=50).map("".join)


def _edges_told_as_the_tokens_say(text, tokens, edge, starts_at, ends_at):
    """Checks that ``edge``, ``starts_at`` and ``ends_at`` (text, offset) say at every offset what
    the tokens say; gives the tokens' starts, ends and the offsets inside a token."""
    starts = {a for a, _ in tokens}
    ends = {b for _, b in tokens}
    inside = {k for a, b in tokens for k in range(a + 1, b)}
    for offset in range(-1, len(text) + 2):
        assert edge(text, offset) == (offset not in inside), offset
        assert starts_at(text, offset) == (offset in starts), offset
        assert ends_at(text, offset) == (offset in ends), offset
    return starts, ends, inside


@given(_EASY)
@settings(max_examples=3000, deadline=None)
def test_an_easy_text_tells_its_token_edges_and_sentences_from_its_characters(text):
    from annotator.core import tokenize as module

    assume(module.is_easy(text))  # a mark after a digit or a punctuation mark is not
    tokens = tokenize(text)
    starts, ends, inside = _edges_told_as_the_tokens_say(text, tokens, module.easy_edge, module.easy_token_starts_at,
                                                         module.easy_token_ends_at)
    sentence_list = sentences(text, tokens)
    assert module.easy_sentence_starts(text) == [s[0][0] for s in sentence_list[1:]]
    cuts = sorted({0, len(text)} | {a for a, _ in tokens[::3]} | {b for _, b in tokens[1::2]}
                  | {k for k in range(len(text)) if k not in inside and k % 4 == 0})
    pieces = module.easy_pieces(text, cuts)
    assert len(pieces) == len(cuts) + 1
    for piece, begin, end in zip(pieces, [0] + cuts, cuts + [len(text)]):
        assert piece == [text[a:b] for a, b in tokens if begin <= a and b <= end]
    assert sum(pieces, []) == words(text, tokens)
    # spans on whole words, on tokens inside words, or off the tokens
    pairs = [(a, b) for a, _ in tokens for _, b in tokens if a < b][:40] + [(0, len(text)), (1, 2), (2, 1), (0, 0),
                                                                         (-1, 1), (0, len(text) + 1)]
    for start, end in pairs:
        assert module.easy_spans_on_tokens(text, [start], [end]) == (start < end and start in starts and end in ends)
    if tokens:  # many at once (told in bulk where they are whole words), one of them off the tokens
        firsts, lasts = map(list, zip(*tokens))
        assert module.easy_spans_on_tokens(text, firsts, lasts)
        inner = sorted(inside)
        if inner:
            assert not module.easy_spans_on_tokens(text, firsts + [inner[0]], lasts + [len(text)])
            assert not module.easy_spans_on_tokens(text, firsts + [0], lasts + [inner[-1]])


def _pieces_and_spans_told_as_the_tokens_say(text, tokens, cuts, pieces, runs, starts, ends):
    """Checks that ``pieces`` (of the text cut at ``cuts``) hold the tokens between the cuts,
    and that easy_spans_on_tokens with ``runs`` (HardRuns or PlainWords) says of single spans
    what the tokens' ``starts`` and ``ends`` say."""
    from annotator.core.tokenize import easy_spans_on_tokens

    assert len(pieces) == len(cuts) + 1
    for piece, begin, end in zip(pieces, [0] + cuts, cuts + [len(text)]):
        assert piece == [text[a:b] for a, b in tokens if begin <= a and b <= end]
    pairs = [(a, b) for a, _ in tokens for _, b in tokens if a < b][:40] + [(0, len(text)), (1, 2), (2, 1)]
    for start, end in pairs:
        assert easy_spans_on_tokens(text, [start], [end], runs) == (start < end and start in starts and end in ends)


# Easy words and punctuation with words the fast pattern cannot take (Latin, an acronym glued
# to a period, a URL, a symbol, a mark after a digit, a prepended number sign), joined by white
# space, line breaks or nothing: runs that stand apart and runs glued to Arabic.
_RUN_WORDS = ["قال", "د", "وزير", "3", "4.2", "٣٫٥", ".", ".", "!", "؟", "…", "»", "«", ")", "'", "،", "U", "S",
              "U.S.", "NATO", "COVID-19", "(IDEF", "2025)", "http://x.org/a", "é", "😀", "3\u064b", "\u0600", "x.",
              "Mr.", "😀Dr.", "Prof", "?id=3", "?!", "1990s", "3rd", "e.g.", "a.m.", "a.b@c.org", "www.x.org/a?b=1",
              "https://x.org/a.", "U.S.A", "10:30", "٦:٣٠", ":", "The", "He", "B.", "Senate", "No.", "ca.", "12",
              "...", "who", "…", "ōb", "It's", "don't", "city’s", "O'Neill's", "n't", "x-n't", "I'm."]
_RUN_GAPS = [" ", " ", " ", "", "\n", "  ", "\r\n", "\u2028", "\xa0"]
_WITH_RUNS = st.lists(st.tuples(st.sampled_from(_RUN_WORDS), st.sampled_from(_RUN_GAPS)), max_size=25).map(
    lambda pieces: "".join(word + gap for word, gap in pieces))


@given(_WITH_RUNS)
@settings(max_examples=3000, deadline=None)
def test_a_text_with_hard_runs_apart_tells_its_token_edges_and_sentences_as_an_easy_one(text):
    from unittest import mock

    from annotator.core import tokenize as module

    if not module.is_easy(text):  # the runs it looked at, and those it did not, are the tokens' runs
        for every in (module.CHARACTERS_PER_RUN, 10):  # (10: it gives up after a few runs, not at the first)
            with mock.patch.object(module, "CHARACTERS_PER_RUN", every):
                runs, found = module.hard_runs_apart(text)
            assert runs is None or found is None
            parts, starts, ends = module.token_parts(text, found)  # (with the runs: empty gaps)
            tokens = tokenize(text)
            assert (parts[1::2], list(zip(starts, ends))) == (words(text, tokens), tokens)
    with mock.patch.multiple(module, CHARACTERS_PER_RUN=0, RUNS_SHARE=0):  # however many and long
        runs = module.hard_runs_apart(text)[0] if not module.is_easy(text) else None
    assume(runs is not None)
    tokens = tokenize(text)
    starts, ends, inside = _edges_told_as_the_tokens_say(text, tokens, runs.edge, runs.token_starts_at,
                                                         runs.token_ends_at)
    assert module.runs_sentence_starts(text, runs) == [s[0][0] for s in sentences(text, tokens)[1:]]
    cuts = sorted({*runs.starts, *runs.nexts} | {a for a, _ in tokens[::3]} | {b for _, b in tokens[1::2]}
                  | {k for k in range(len(text)) if k not in inside and k % 4 == 0})
    _pieces_and_spans_told_as_the_tokens_say(text, tokens, cuts, module.runs_pieces(text, runs, cuts), runs,
                                             starts, ends)
    if tokens:
        firsts, lasts = map(list, zip(*tokens))
        assert module.easy_spans_on_tokens(text, firsts, lasts, runs)


# Plain words and marks where the sentence rules look: one-letter abbreviations of both scripts,
# a Latin letter after a digit, an apostrophe or a hyphen (it goes on a word in a3y. and x-y.,
# and is a word of its own in 3y. and 3-y.), closers after marks, numbers with separators.
_PLAIN_SENTENCE_WORDS = ["قال", "د", "بـ", "ل\u064B", "x", "Z", "é", "ł", "a3y", "3y", "x-y", "3-y", "--y", "don't",
                         "rock'n'roll", "x-y-z", "a-3-b", "e’s'", "1990s", "5G", "3rd", "e.g.", "a.m.", "U.S.A",
                         "a.b.", "x.Y.z.", "The", "He", "It", "In", "It's", "Senate", "Theb", "No", "pp", "xNo",
                         "...", "who", "éa", "ōb", "Éa", "12", "It's", "don't", "I'm", "we'll", "n't", "'s", "’d",
                         "’s", "ab'", "U.S.", "B.C.", "Mr", "Dr", "Mrs", "xMr", "3Dr", "_St", "Prof", "vs", "?id",
                         "4.2", "٣٫٥", "4", "٣", ".", ".", "!", "?", "؟", "…",
                         "»", "«", ")", "(", "'", "’", '"', "”", "،", "-"]
_PLAIN_SENTENCES = st.lists(st.tuples(st.sampled_from(_PLAIN_SENTENCE_WORDS), st.sampled_from(_RUN_GAPS)),
                            max_size=25).map(lambda pieces: "".join(word + gap for word, gap in pieces))


@given(_PLAIN_SENTENCES)
@settings(max_examples=3000, deadline=None)
def test_a_plain_text_tells_its_tokens_edges_and_sentences_from_its_characters(text):
    from annotator.core import tokenize as module

    assume(module.is_plain(text))
    tokens = tokenize(text)
    assert tokens == [m.span() for m in module._TOKEN.finditer(text)]
    assert module.plain_sentence_starts(text) == [s[0][0] for s in sentences(text, tokens)[1:]]
    words = module.PlainWords()
    starts, ends, inside = _edges_told_as_the_tokens_say(text, tokens, words.edge, words.token_starts_at,
                                                         words.token_ends_at)
    cuts = sorted({a for a, _ in tokens[::3]} | {b for _, b in tokens[1::2]}
                  | {k for k in range(1, len(text)) if k not in inside and k % 4 == 0})
    _pieces_and_spans_told_as_the_tokens_say(text, tokens, cuts, module.plain_pieces(text, cuts), words, starts,
                                             ends)
    # the token the split policy cuts at an offset: the one that goes across it, looked up in
    # a random order of offsets (each word is tokenized when first asked)
    hosts = module.PlainWords()
    offsets = list(range(-1, len(text) + 2))
    random.Random(len(text)).shuffle(offsets)
    for offset in offsets:
        across = [token for token in tokens if token[0] < offset < token[1]]
        assert hosts.host(text, offset) == (across[0] if across else None), offset


def test_a_latin_letter_before_a_period_is_an_abbreviation_only_when_it_is_a_word_of_its_own():
    from annotator.core.tokenize import plain_sentence_starts

    # a3y, x-y and 3y (as 1990s, 5G) are words: their periods end sentences; 3-y is 3 | - | y; U.S. one token
    for word, ends in [("a3y", True), ("x-y", True), ("3y", True), ("3-y", False), ("U.S", False),
                       ("said", True), ("5G", True)]:
        text = f"{word}. Smith"
        assert plain_sentence_starts(text) == ([text.index("Smith")] if ends else []), word
        # a word that begins sentences ends it after an abbreviation too (SENTENCE_STARTERS)
        assert plain_sentence_starts(f"{word}. Next") == [len(word) + 2], word
    assert plain_sentence_starts("3-y.\nSmith") == [5]  # a line break ends it still


def test_hard_runs_stand_apart_only_with_white_space_around_them():
    from annotator.core.tokenize import hard_runs_apart

    # A run is what lies between white space around a hard character (an Arabic letter glued to
    # it too).
    text = "قال U.S. اليوم، وNATO\n(IDEF 2025) هنا" + " في المؤتمر" * 40
    runs = hard_runs_apart(text)[0]
    assert [text[a:b] for a, b in zip(runs.starts, runs.ends)] == ["U.S.", "وNATO", "(IDEF"]
    assert runs.tokens[0] == ([4], [8])  # (initials are one token)
    # where the next tokens, اليوم, (IDEF and 2025), start
    assert runs.nexts == [9, text.index("(IDEF"), text.index("2025)")]
    text = "قال x\u0600  y" + " في المؤتمر" * 40
    assert hard_runs_apart(text)[0] is None  # the number sign's token holds a space
    # Many runs, or long ones, are left to every token's offsets (which then cost less).
    text = "قال U.S. اليوم" + " في المؤتمر" * 10
    assert hard_runs_apart(text)[0] is None
    text = "Trump said it " * 10 + " في المؤتمر" * 20
    assert hard_runs_apart(text)[0] is None
    text = "Trump said it was over" + " في المؤتمر" * 200  # a few runs together, at the start
    assert hard_runs_apart(text)[0] is None


def test_an_easy_text_with_a_latin_letter_or_a_mark_after_a_digit_is_not_easy():
    from annotator.core.tokenize import is_easy

    assert is_easy("قال الرئيس 4.2 «نعم».") and is_easy("")
    assert not is_easy("قال COP29") and not is_easy("3\u064B") and not is_easy("😀")


@given(st.lists(st.sampled_from(["ب", "تَ", "\u064b", "\u0640", "\u200c", "1", "٢", "۳", ".", ",", "!", "؟", "«", "»",
                                 "—", " ", "\n", "\xa0", "\t", "a", "Z", "€", "\u0600", "\u0610", "😀", "\u06dd"]),
                max_size=30).map("".join))
@settings(max_examples=3000, deadline=None)
def test_a_text_is_easy_exactly_where_no_hard_character_is_found(text):
    """is_easy matches the whole text at once (common characters, and runs of digits and
    punctuation no mark follows); it says what a search for a hard character says."""
    from annotator.core import tokenize as module

    assert module.is_easy(text) == (module._HARD.search(text) is None)


# English and Arabic news as the sentence rules meet it: a title before a name, a URL with a
# query, "?!", marks glued to what follows; each text as written (plain), with an emoji (hard
# runs apart from Arabic), and Arabic alone (easy).
_NEWS_SENTENCES = [
    ("Mr. Smith met Dr. Jones and Prof. Lee vs. Mrs. Brown. Then they left.", ["Then"]),
    ("Visit https://example.com/news?id=3 now! Or mail a.b@c.org. Done", ["Or", "Done"]),
    ("Really?! Yes. The U.S. team won.", ["Yes", "The"]),
    # an abbreviation before a number, an ellipsis before a small letter
    ("He was No. 1 in Fig. 3 and pp. 12-14, ca. 1600 B.C. The sales rose. 1999 was good... it was… and … Then.",
     ["The", "1999", "Then"]),
    # initials or a Latin one-letter abbreviation before a word that begins sentences
    ("It came after the U.S. The vote was at 10 a.m. He left. Plan B. It failed. The U.S. Senate and John F. "
     "Kennedy stayed in Washington, D.C. In May.", ["The", "He", "Plan", "It", "The", "In"]),
    ("He said: xMr. Smith. 3Dr. Who. _St. Paul", ["Smith", "3Dr", "Who", "_", "Paul"]),  # (not titles: in a word)
    ("قال د. أحمد إن Dr. Jones زار الموقع www.x.org/a?b=1. ثم غادر؟ نعم.", ["ثم", "نعم"]),
    ("قال الوزير؟! «نعم» ثم غادر. وانتهى", ["«", "وانتهى"]),
    ("انتهى؟نعم قالها… ثم…غادر", ["نعم", "ثم", "غادر"]),  # (؟ and … glued to a word, a space left out: ends)
]


@pytest.mark.parametrize("text, firsts", _NEWS_SENTENCES)
@pytest.mark.parametrize("hard", [False, True])
def test_titles_and_marks_glued_to_what_follows_end_no_sentence_in_any_path(text, firsts, hard):
    from unittest import mock

    from annotator.core import tokenize as module

    if hard:
        text = "😀 " + text
    tokens = tokenize(text)
    sentence_list = sentences(text, tokens)
    assert [text[a:b] for (a, b), *_ in sentence_list[1:]] == firsts
    expected = [s[0][0] for s in sentence_list[1:]]
    if module.is_easy(text):
        assert module.easy_sentence_starts(text) == expected
    elif module.is_plain(text):
        assert not hard and module.plain_sentence_starts(text) == expected
    with mock.patch.multiple(module, CHARACTERS_PER_RUN=0, RUNS_SHARE=0):
        runs = module.hard_runs_apart(text)[0] if not module.is_easy(text) else None
    if runs is not None:
        assert module.runs_sentence_starts(text, runs) == expected
    # Tokens are as before: a title's period is a token of its own.
    if text.startswith(("Mr.", "😀 Mr.")):
        assert [text[a:b] for a, b in tokens if b <= text.index("Smith") + 5][-3:] == ["Mr", ".", "Smith"]


# Constructions of real news the rules took apart: initials (U.S., e.g., a.m.), a number with
# a Latin suffix (1990s, 3rd, 5G, 10am), web and e-mail addresses. Each is one token, as UD
# English and CoNLL 2003 have them, in every path: English as written (plain; with an address,
# the full pattern), after an emoji (hard runs), and in Arabic news.
_NEWS_TOKENS = [
    ("The U.S. team won in the 1990s, e.g. at 10 a.m. on 5G.",
     ["The", "U.S.", "team", "won", "in", "the", "1990s", ",", "e.g.", "at", "10", "a.m.", "on", "5G", "."], []),
    ("See https://example.com/news?id=3&x=1, or mail a.b@c.org. Done (www.x.org/a).",
     ["See", "https://example.com/news?id=3&x=1", ",", "or", "mail", "a.b@c.org", ".", "Done", "(",
      "www.x.org/a", ")", "."], ["Done"]),
    ("قال الوزير في الـ3rd إن الموقع www.gov.sa/news?id=3. ثم راسل info@gov.sa؟ نعم",
     ["قال", "الوزير", "في", "الـ", "3rd", "إن", "الموقع", "www.gov.sa/news?id=3", ".", "ثم", "راسل", "info@gov.sa",
      "؟", "نعم"], ["ثم", "نعم"]),
    ("U.S.A and U.S.-led: 4.2 not U.S",
     ["U", ".", "S", ".", "A", "and", "U.S.", "-", "led", ":", "4.2", "not", "U", ".", "S"], []),
    ("وصل الساعة 10:30 أو ٦:٣٠: ثم 2013-2014", ["وصل", "الساعة", "10:30", "أو", "٦:٣٠", ":", "ثم", "2013", "-", "2014"],
     []),
    # an ellipsis is one token, as UD Arabic-PUD and UD English have it ("... who" goes on)
    ("قال الوزير... ثم غادر.. وانتهى؟...", ["قال", "الوزير", "...", "ثم", "غادر", "..", "وانتهى", "؟", "..."],
     ["ثم", "وانتهى"]),
    ("He paused... then left.... The U.S... It ended", ["He", "paused", "...", "then", "left", "....", "The", "U.S.",
                                                        "..", "It", "ended"], ["The", "It"]),
    # English clitics, as UD English and CoNLL 2003 write them
    ("Germany's envoy didn't say it’s O'Neill's; we'll see. They're rock'n'roll fans",
     ["Germany", "'s", "envoy", "did", "n't", "say", "it", "’s", "O'Neill", "'s", ";", "we", "'ll", "see", ".", "They",
      "'re", "rock'n'roll", "fans"], ["They"]),
]


@pytest.mark.parametrize("text, expected, firsts", _NEWS_TOKENS)
@pytest.mark.parametrize("hard", [False, True])
def test_initials_numbers_with_a_suffix_and_addresses_are_one_token_in_every_path(text, expected, firsts, hard):
    from unittest import mock

    from annotator.core import tokenize as module

    if hard:
        text = "😀 " + text
        expected = ["😀", *expected]
    tokens = tokenize(text)
    assert [text[a:b] for a, b in tokens] == expected
    assert tokens == [m.span() for m in module._TOKEN.finditer(text)]
    parts, starts, ends = module.token_parts(text)
    assert parts[1::2] == expected and list(zip(starts, ends)) == tokens
    # plain, but for an emoji or an address (the plain pattern has no address)
    assert module.is_plain(text) == (not hard and not any(sign in text for sign in ("@", "://", "www.")))
    sentence_list = sentences(text, tokens)
    assert [text[a:b] for (a, b), *_ in sentence_list[1:]] == firsts
    expected_starts = [s[0][0] for s in sentence_list[1:]]
    if module.is_plain(text):
        assert module.plain_sentence_starts(text) == expected_starts
        words_ = module.PlainWords()
        assert all(words_.edge(text, offset) for token in tokens for offset in token)
    with mock.patch.multiple(module, CHARACTERS_PER_RUN=0, RUNS_SHARE=0):
        runs = module.hard_runs_apart(text)[0] if not module.is_easy(text) else None
    if runs is not None:
        assert module.runs_sentence_starts(text, runs) == expected_starts


def test_a_conll_export_of_english_news_writes_initials_and_addresses_as_one_token(tmp_path):
    import json

    from click.testing import CliRunner

    from annotator.cli import cli

    text = "The U.S. envoy met NATO in the 1990s. Mail a.b@c.org now."
    project, source, out = tmp_path / "p.db", tmp_path / "in.jsonl", tmp_path / "out.conll"
    source.write_text(json.dumps({"id": "d1", "text": text, "annotator": "amal", "spans": [
        {"start": 4, "end": 8, "layer": "entity", "label": "GPE"},
        {"start": text.index("a.b"), "end": text.index(" now"), "layer": "entity", "label": "MISC"}]}) + "\n",
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    assert runner.invoke(cli, ["import", str(project), str(source)]).exit_code == 0
    result = runner.invoke(cli, ["export", str(project), "-f", "conll", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in out.read_text(encoding="utf-8").splitlines() if line and "DOCSTART" not in line]
    assert [line[0] for line in lines] == ["The", "U.S.", "envoy", "met", "NATO", "in", "the", "1990s", ".", "Mail",
                                           "a.b@c.org", "now", "."]
    assert lines[1][-1] == "B-GPE" and lines[10][-1] == "B-MISC"
    blank = out.read_text(encoding="utf-8").split("\n\n")
    assert any(chunk.strip().startswith("Mail") for chunk in blank)  # a sentence ends after "1990s."


def test_long_runs_of_letters_and_periods_are_tokenized_in_time_linear_in_their_length():
    """Hostile input: initials and e-mail addresses are tried at each token's start, and an
    unbounded pattern took the rest of a run such as "a.a.a…" each time: the square of its
    length (4.5 s for 40,000 characters, minutes for a document of such runs). Bounded, 160,000
    characters take a fraction of a second; the bound below leaves a slow machine room."""
    import time

    from annotator.core.tokenize import token_parts

    texts = ["a." * 80_000 + "a", "x " + "a.b" * 53_000, "قال " + "a.b" * 53_000 + " 😀", "w.b@" * 40_000,
             "a.a " + "x." * 80_000, "http://" + "a.b" * 53_000 + " and more"]
    for text in texts:
        started = time.perf_counter()
        tokens = tokenize(text)
        parts = token_parts(text)[0][1::2]
        assert time.perf_counter() - started < 10, text[:20]
        assert [text[a:b] for a, b in tokens] == parts


def test_a_plain_text_cut_inside_a_word_gives_the_words_tokens_up_to_the_cut():
    """The plain pattern looks past a token's end (initials' last period, a clitic's end), so a
    piece that ends inside a word is tokenized as the word is, not as if the text ended there:
    "U.S.x" is U . S . x (no initials before x; it was U.S. | x), "It'sn't" is It's n't (no
    clitic before n)."""
    from annotator.core.tokenize import plain_pieces

    assert plain_pieces("U.S.x", [4]) == [["U", ".", "S", "."], ["x"]]
    assert plain_pieces("the U.S.x-ray", [4, 8]) == [["the"], ["U", ".", "S", "."], ["x-ray"]]
    assert plain_pieces("U.S. x", [4]) == [["U.S."], ["x"]]
    assert plain_pieces("It'sn't ok", [4, 7]) == [["It's"], ["n't"], ["ok"]]
    assert plain_pieces("Clinton's visit", [7]) == [["Clinton"], ["'s", "visit"]]
    assert plain_pieces("He didn't go", [6, 9]) == [["He", "did"], ["n't"], ["go"]]
