"""Tokens and sentences for token-level exports (CoNLL, CoNLL-U, HF, spaCy, Prodigy).

Offline and deterministic; every token is a substring of the text with its code point
offsets, so character spans map onto tokens without guessing. Written here rather than taken
from a library because the maintained options do not fit (see the reference, §3.4): pyarabic
glues punctuation and drops it from located tokens, Tashaphyne is a stemmer, Farasa is
research-only and loads pickles, camel-tools downloads its catalogue and needs GPL data.

Rules:
* white space separates tokens and is never part of one;
* a run of Arabic letters with their marks, tatweel and ZWJ/ZWNJ is a word; Arabic letters
  next to digits or Latin are cut apart (ب300 → ب | 300, as UD Arabic-PUD does);
* Latin letters with digits stay together (COP29, 1990s, 3rd, 5G), as do inner apostrophes and
  hyphens, but for English clitics at a word's end ('s 'm 'd 'll 're 've n't: It 's, do n't);
* numbers keep their decimal and thousands separators (4.2, ٣٫٥, 1,200), and a time its colon
  (10:30, as UD Arabic-PUD has it);
* initials are one token with their periods (U.S., e.g., a.m.), and so is a web address (with
  http://, https:// or www.) or an e-mail address, without the punctuation after it;
* a run of periods is one token (an ellipsis "...", as UD English and UD Arabic-PUD have it);
* every other character (punctuation ، ؛ ؟ « », symbols, emoji) is a token of its own
  grapheme cluster.

A sentence ends after . ! ? ؟ … (with any closing quotes or brackets that follow), except
where . ! ? is glued to the next token (4.2, "?id=3") or a mark to another (?!), after a one-letter
abbreviation (د. سارة, U.S: U | . | S) or a title before a name (Mr., Dr.: TITLES), or in a
token (U.S.); and at every line break. A closing quote or bracket glued to a sentence mark or
to initials' period (U.S.») ends the sentence after it. Initials' period, or a Latin one-letter
abbreviation's, ends the sentence before white space and a word that begins sentences
(SENTENCE_STARTERS: "the U.S. The move", but "the U.S. Senate"); an abbreviation's period
before a number does not (NUMBER_ABBREVIATIONS: "No. 1"), nor an ellipsis (… or three periods
or more) before a small Latin letter ("people... who").
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, partial
from itertools import accumulate, chain, repeat, starmap
from operator import itemgetter, lt

import regex

Token = tuple[int, int]

# Arabic letters and the marks, tatweel and joiners that live inside Arabic words, as explicit
# ranges: about twice as fast as the equivalent \p{Arabic} set operation on a large corpus.
_ARABIC_LETTERS = "\u0621-\u063A\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF" \
                  "\u0750-\u077F\u0870-\u0887\u0889-\u088E\u08A0-\u08C9\uFB50-\uFBB1\uFBD3-\uFD3D" \
                  "\uFD50-\uFDC7\uFDF0-\uFDFB\uFE70-\uFEFC"
_ARABIC_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED" \
                "\u0898-\u089F\u08CA-\u08E1\u08E3-\u08FF\u0640\u200c\u200d"
# News writes web addresses and e-mail addresses, which are one token each (as UD and CoNLL
# 2003 have them): a scheme (http, https) or www., then the characters an address may hold
# (RFC 3986), not ending with punctuation that ends the sentence or closes a bracket around it.
_ADDRESS = "A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%"
_ADDRESS_END = "A-Za-z0-9\\-_~/#@$&*+=%"
_URL = rf"(?:[Hh]ttps?://|HTTPS?://|[Ww]ww\.|WWW\.)[{_ADDRESS}]*[{_ADDRESS_END}]"
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,8}" \
         r"\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
# Bounded, as addresses are (RFC 5321), and initials (INITIALS): tried at each token's start, an
# unbounded run took the rest of a long run of letters and periods each time ("a.a.a…": the
# square of its length, 4.5 s for 40,000 characters).
INITIALS = 7
# What a text holds where those patterns find an address (each needs a Latin letter, so no easy
# text holds one): such a text is not plain (see is_plain).
_ADDRESS_SIGN = re.compile(r"@[A-Za-z0-9\-.]*[A-Za-z]|[Hh]ttps?://|HTTPS?://|[Ww]ww\.|WWW\.")
# English clitics at a word's end are tokens of their own, as UD English, the Penn Treebank and
# CoNLL 2003 write them: It's → It 's, don't → do n't, we'll → we 'll, Germany's → Germany 's
# (O'Neill, rock'n'roll and y'all stay whole).
_APOSTROPHE_CLITIC = r"['’](?:[sSmMdD]|ll|LL|re|RE|ve|VE)"
_NOT = r"[nN]['’][tT]"
_WORD_GOES_ON = r"[\p{Latin}\p{M}\d]"
_LATIN_CHARACTER = rf"(?!{_NOT}(?!{_WORD_GOES_ON})){_WORD_GOES_ON}"  # (not the n of n't)
_LATIN_WORD = rf"[\p{{Latin}}](?:{_LATIN_CHARACTER}|(?!{_APOSTROPHE_CLITIC}(?!{_WORD_GOES_ON}))['’\-]" \
              rf"(?=(?!{_NOT}(?!{_WORD_GOES_ON}))[\p{{Latin}}\d]))*"
_CLITIC = rf"(?<=[\p{{Latin}}\d]\p{{M}}*)(?:{_NOT}|{_APOSTROPHE_CLITIC})(?!{_WORD_GOES_ON})"
_TOKEN = regex.compile(
    rf"""
    (?P<arabic>[{_ARABIC_LETTERS}{_ARABIC_MARKS}]+)
  | (?P<address>{_URL}|{_EMAIL})
  | (?P<initials>[\p{{Latin}}](?:\.[\p{{Latin}}]){{1,{INITIALS - 1}}}\.(?![\p{{Latin}}\p{{M}}\d]))
  | (?P<clitic>{_CLITIC})
  | (?P<latin>{_LATIN_WORD})
  | (?P<number>\d+(?:[.,:٫٬]\d+)*(?:{_LATIN_WORD}|\p{{M}}*))
  | (?P<word>[\p{{L}}\p{{M}}]+)
  | (?P<ellipsis>(?:\.(?=\.))+\X)
  | (?P<other>(?!\s)\X)
    """,
    regex.VERBOSE,
)

SENTENCE_END = frozenset(".!?؟…")
_ENDS_GLUED_TO_NOTHING = frozenset(".!?")  # glued to the next token, these end no sentence (see _ends_sentence)
# Titles written before a name, whose period ends no sentence ("Mr. Smith", "Dr. Jones"): news
# names people so in every paragraph, and each was cut into a sentence of its own. Only titles
# (a name follows them); "Inc." or "etc." end sentences as often as not.
TITLES = frozenset("Mr Mrs Ms Mme Mlle Messrs Dr Prof St Mt Fr Rev Hon Pres Gen Gov Sen Rep Lt Col Capt Sgt Maj "
                   "Adm Brig Cmdr Gens Sens Reps vs".split())
# Words that begin sentences and hardly ever follow initials or a one-letter abbreviation inside
# one: such a period ends the sentence when white space and one of them, a token of its own,
# follow ("in the U.S. The move", "at 10 a.m. He said", "Plan B. It failed"), where "the U.S.
# Senate", "U.S. Army" and "John F. Kennedy" go on. Punkt's orthographic heuristic, with a
# closed list of function words rather than frequencies learnt from a corpus: capitalised
# names follow abbreviations in news as often as sentences do. (Latin only: "No" and "Today"
# left out for "No. 1" and "U.S. Today".)
SENTENCE_STARTERS = frozenset(
    "The A An This That These Those It Its He She They We I You His Her Their Our My There Here But And Or So Yet "
    "However Meanwhile Moreover Nevertheless Instead In On At For With From After Before During When While If As "
    "Although Though Since Because What Who Why How Where Which Some Many Most Both All Each Such Now Then Still Also "
    "Earlier Later Last Next".split())
# Abbreviations written before a number, whose period ends no sentence before one ("No. 1",
# "ca. 1600", "Fig. 3", "pp. 12"): a sentence seldom begins with digits (news style spells a
# number out there).
NUMBER_ABBREVIATIONS = frozenset("No Nos no nos Nr nr Fig Figs fig figs Vol Vols vol vols pp ca Art art Sec sec "
                                 "Ch ch Op op Approx approx Tel tel Ref ref Pt pt Eq eq Para para".split())
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
# The standard library's re: a plain character class, scanned 2.5 times faster than by regex.
_BREAK_OR_END = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85.!?؟…\"'»”’)\\]}›]")
CLOSERS = frozenset("\"'»”’)]}›")

# Conservative proclitic splitting: only where the rest of the word begins with the article,
# so no word loses a letter that belongs to it (وزير, بيروت and لبنان stay whole).
#   والدار → و | الدار    بالرباط → ب | الرباط    فللمؤتمر → ف | ل | لمؤتمر (لل = ل + ال)
_PROCLITICS = regex.compile(r"^(?P<conj>[وف])?(?P<prep>[بكل])?(?=ال\p{L}{2})|^(?P<conj2>[وف])?(?P<lam>ل)(?=ل\p{L}{2})")


# The fast path. Most text is Arabic words, digits and common punctuation; for those the
# standard library's re finds exactly the tokens _TOKEN finds, with no Python code per token
# (an export meets millions). A run between white space holding anything else — a Latin or
# other letter, a symbol, an emoji, a prepended number sign, a mark after a digit or a
# punctuation mark (which \X would join) — goes through _TOKEN. tests/test_tokenize.py holds
# this to the plain _TOKEN.finditer on random text.
# White space as the regex module's \s sees it (Unicode White_Space): the standard library's
# \s also takes \x1c-\x1f, which _TOKEN keeps as tokens.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9"
# Punctuation that is a token of its own: ASCII punctuation and symbols, Arabic punctuation,
# quotation marks, dashes and the ellipsis (none is a letter, a digit or a mark).
_PUNCTUATION = "!-/:-@\\[-`{-~\u060C\u061B\u061F\u066A-\u066D\u06D4\u00AB\u00BB\u2013\u2014\u2018-\u201F\u2026"
# A run of Arabic letters and marks, a number (digits, and digits after a separator), or one
# punctuation mark: written as its first character, of one class, then what follows that kind of
# character, so that re skips the white space between tokens in C (a pattern that begins with
# one class) instead of trying three alternatives at each (10-14% faster, measured).
_EASY_TOKEN = re.compile(rf"[{_ARABIC_LETTERS}{_ARABIC_MARKS}{_DIGITS}{_PUNCTUATION}]"
                         rf"(?:(?<=[{_ARABIC_LETTERS}{_ARABIC_MARKS}])[{_ARABIC_LETTERS}{_ARABIC_MARKS}]*"
                         rf"|(?<=[{_DIGITS}])[{_DIGITS}]*(?:[.,:\u066B\u066C][{_DIGITS}]+)*"
                         rf"|(?<=\.)\.*|(?<=[{_PUNCTUATION}]))")
# What the fast pattern cannot take: any other character, or a mark after a digit or a
# punctuation mark. The run between white space around each is handed to _TOKEN.
# Written as one character class with a condition after it, so that re's scan skips the
# common characters in C (the same test as two alternatives, three times faster).
_HARD = re.compile(rf"[^{_SPACE}{_ARABIC_LETTERS}{_ARABIC_MARKS}]"
                   rf"(?:(?<=[{_DIGITS}{_PUNCTUATION}])(?=[{_ARABIC_MARKS}])|(?<![{_DIGITS}{_PUNCTUATION}]))")
# The same test for a whole text, the other way round: the text is the common characters, with
# runs of digits and punctuation that no mark follows. re matches a run of one class in C, and
# possessive runs never backtrack: twice as fast as searching for _HARD (0.11 s against 0.18-0.21 s
# for 10,000 texts of 3,000 characters), which each token export and tokenize() did per text.
_COMMON = f"[{_SPACE}{_ARABIC_LETTERS}{_ARABIC_MARKS}]*+"
_EASY_TEXT = re.compile(rf"{_COMMON}(?:[{_DIGITS}{_PUNCTUATION}]++(?![{_ARABIC_MARKS}]){_COMMON})*+")
_NOT_SPACE = re.compile(rf"[^{_SPACE}]+")
# Plain texts: Arabic and Latin letters, the digits, ASCII and the common punctuation and
# symbols, with no mark, joiner or tatweel after anything but an Arabic letter, a mark or white
# space: English, French or German text, and Arabic news with Latin names. No letter there is
# of another script, and no character but an Arabic letter takes a mark, so the standard
# library's re finds _TOKEN's tokens with one pattern: Arabic words, Latin words, numbers, and
# single characters (each a grapheme cluster there), in about a quarter of the time the regex
# module's \p{Latin} and \X took for English (125 µs against 440 µs for 3,000 characters, and
# less since). Every easy text is plain. tests/test_tokenize.py holds the pattern to _TOKEN,
# and is_plain to a statement of this rule, on random text.
_LATIN_LETTERS = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u017F"
_PLAIN_OTHERS = f"!-~{_LATIN_LETTERS}{_DIGITS}{_PUNCTUATION}\u00A1-\u00A3\u00A5\u00A7\u00A9\u00AE\u00B0\u00B1" \
                "\u00B6\u00B7\u00BF\u00D7\u00F7\u2022\u20AC"


@cache  # compiled when a text is first asked about (3 ms), not at every command's start
def _plain() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The plain texts' patterns: the whole text, a token, and the token as a splitter."""
    # Written as _EASY_TOKEN is, a first character and what follows that kind of character, and
    # a Latin word as runs of one class each (_TOKEN's loop of alternatives per character, the
    # same tokens, took 40% more time to split English).
    latin_or_digit = f"{_LATIN_LETTERS}{_DIGITS}"
    latin_word_rest = rf"[{latin_or_digit}]*(?:['’\-][{latin_or_digit}]+)*"
    # A word with an apostrophe is read so as to end before an English clitic (_CLITIC): runs of
    # letters and digits but n, an n that no 't ending the word follows (the n of n't), and an
    # apostrophe or a hyphen inside but not a clitic's. Only such a word: most are one run with
    # no hyphen or apostrophe after it, taken at once; then one whose lookahead finds an
    # apostrophe. (Every English word read so took 57% longer to split; only those, 9%.)
    not_n = _class(set(_characters(latin_or_digit)) - set("nN"))
    run = rf"(?:[{not_n}]+|[nN](?!['’][tT](?![{latin_or_digit}])))"
    before_clitics = rf"{run}*(?:(?!{_APOSTROPHE_CLITIC}(?![{latin_or_digit}]))['’\-]{run}+)*"
    word_rest = (rf"(?:[{latin_or_digit}]*+(?![\-'’])|(?=[{latin_or_digit}\-]*+['’]){before_clitics}"
                 rf"|{latin_word_rest})")
    token = (rf"[^{_SPACE}]"
             rf"(?:(?<=[{_ARABIC_LETTERS}{_ARABIC_MARKS}])[{_ARABIC_LETTERS}{_ARABIC_MARKS}]*"
             rf"|(?<=[{_LATIN_LETTERS}])(?:(?<=[{latin_or_digit}][nN])['’][tT](?![{latin_or_digit}])"  # n't
             rf"|(?:\.[{_LATIN_LETTERS}]){{1,{INITIALS - 1}}}\.(?![{latin_or_digit}])"
             rf"|{word_rest})"
             rf"|(?<=[{_DIGITS}])[{_DIGITS}]*(?:[.,:\u066B\u066C][{_DIGITS}]+)*(?:[{_LATIN_LETTERS}]{word_rest})?"
             rf"|(?<=\.)\.*"
             rf"|(?<=[{latin_or_digit}]['’])(?:[sSmMdD]|ll|LL|re|RE|ve|VE)(?![{latin_or_digit}])"  # 's 'll ...
             rf"|)")
    # The whole text: runs of the characters but marks, each mark run after white space, an
    # Arabic letter or the text's start. English, with no mark, is one run (5 µs for 3,000
    # characters, where runs of words and of white space in turn, as _EASY_TEXT is written, took
    # 27 µs); a text with a mark on every letter takes longer (34 µs against 13 µs), but with no
    # hard character it is easy, and is not asked this.
    unmarked = f"{_SPACE}{_ARABIC_LETTERS}{_PLAIN_OTHERS}"
    return (re.compile(rf"[{unmarked}]*+(?:(?<![^{_SPACE}{_ARABIC_LETTERS}])[{_ARABIC_MARKS}]++[{unmarked}]*+)*+"),
            re.compile(token), re.compile(f"({token})"))


_SPAN = re.Match.span
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_SPACE_CHARACTER = re.compile(f"[{_SPACE}]")
_SPACE_RUN = re.compile(f"[{_SPACE}]+")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_SPACE_CHARACTERS = frozenset(_SPACE_CHARACTER.findall("".join(map(chr, range(0x3001)))))
_BEFORE = (-1).__add__


def tokenize(text: str, *, split_clitics: bool = False) -> list[Token]:
    """(start, end) of every token, in order."""
    if not split_clitics:
        easy = is_easy(text)
        if not easy and is_plain(text):
            return list(map(_SPAN, _plain()[1].finditer(text)))
        tokens: list[Token] = list(map(_SPAN, _EASY_TOKEN.finditer(text)))
        if easy:
            return tokens
        out: list[Token] = []
        at = 0
        for start, end, spans in _hard_runs(text):
            first = bisect.bisect_left(tokens, (start,), at)
            out += tokens[at:first]
            out += spans
            at = bisect.bisect_left(tokens, (end,), first)
        out += tokens[at:]
        return out
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "arabic":
            tokens.extend(_split_proclitics(text, *match.span()))
        else:
            tokens.append(match.span())
    return tokens


def _hard_runs(text: str, covered: int = 0) -> Iterator[tuple[int, int, list[Token]]]:
    """Where the fast pattern's tokens of a text that is not easy must be replaced by the full
    pattern's (_TOKEN): for each run of text around hard characters, its start, its end (the
    fast pattern's tokens that start in between are replaced) and _TOKEN's tokens there (as
    spans: an English text can be one run, and a match object per token held to its end would
    double the memory of a long document's tokens). The last token of a run may reach past it:
    a prepended number sign (U+0600) joins the space after it, and marks after that space join
    them too. The runs from ``covered`` on, where no token goes across (white space before it,
    or the text's start)."""
    # The next hard character lies where the easy text from there ends, or a few characters on
    # (in a number a mark follows): _EASY_TEXT gets there twice as fast as a search for _HARD.
    easy_from = _EASY_TEXT.match
    hit = _HARD.search(text, easy_from(text, covered).end())
    while hit is not None:
        a = hit.start()
        while a > covered and text[a - 1] not in _SPACE_CHARACTERS:
            a -= 1
        b = _NOT_SPACE.match(text, a).end()
        spans: list[Token] = []
        for match in _TOKEN.finditer(text, a):
            if match.start() >= b:
                # The next run: go on in this pass if it is hard too (English text is all hard
                # runs), else leave it to the fast pattern's tokens.
                b = _NOT_SPACE.match(text, match.start()).end()
                if _HARD.search(text, match.start(), b) is None:
                    b = match.start()
                    break
            spans.append(match.span())
            covered = match.end()
            if covered > b:  # the cluster took white space (and maybe marks after it)
                space = _SPACE_CHARACTER.search(text, covered)
                b = space.start() if space else len(text)
        covered = max(covered, b)
        yield a, covered, spans
        hit = _HARD.search(text, easy_from(text, covered).end())  # the next hard character after what was taken


def _token_lists(text: str, numbers=list, runs: Iterable[tuple[int, int, list[Token]]] | None = None
                 ) -> tuple[Sequence[int], Sequence[int], list[str]]:
    """The starts, the ends and the strings of :func:`tokenize`'s tokens (without clitics
    split) of a text that neither one-pass pattern takes (see _one_pattern_splitter), the
    offsets as ``numbers`` makes them; ``runs``: where the full pattern's tokens replace the
    fast pattern's, when :func:`hard_runs_apart` found them. The fast pattern's
    tokens come with their strings from one split of the text, and those of each hard run are
    replaced by the full pattern's: for a text that is not easy, 23% less time than the tokens'
    offsets and then a slice of the text for each (3,000 characters of news with a Latin word:
    235 µs against 307 µs). (Offsets alone, finditer is faster: see tokenize.)"""
    split = _EASY_SPLIT.split(text)  # space, token, space, token, ..., space
    edges = list(accumulate(map(len, split)))
    fast_starts, fast_ends, fast_forms = edges[:-1:2], edges[1::2], split[1::2]
    starts: list[int] = []
    ends: list[int] = []
    forms: list[str] = []
    at = 0
    for start, end, spans in _hard_runs(text) if runs is None else runs:
        first = bisect.bisect_left(fast_starts, start, at)
        starts += fast_starts[at:first]
        ends += fast_ends[at:first]
        forms += fast_forms[at:first]
        starts += map(_FIRST, spans)
        ends += map(_SECOND, spans)
        forms += map(text.__getitem__, starmap(slice, spans))
        at = bisect.bisect_left(fast_starts, end, first)
    starts += fast_starts[at:]
    ends += fast_ends[at:]
    forms += fast_forms[at:]
    return (starts, ends, forms) if numbers is list else (numbers(starts), numbers(ends), forms)


# The fast pattern as a splitter: split() gives the white space and the tokens in turn as
# strings, and their running lengths are the tokens' offsets, with no object per token beyond
# its string (finditer makes a match object per token: twice the time on a large export).
_EASY_SPLIT = re.compile(f"({_EASY_TOKEN.pattern})")
COMPACT_FROM = 200_000  # characters: from this length token_table() keeps offsets as arrays


def token_table(text: str, *, split_clitics: bool = False) -> tuple[Sequence[int], Sequence[int], list[str]]:
    """The starts, the ends and the text of :func:`tokenize`'s tokens, as three sequences.

    A long text's starts and ends are arrays of machine integers: 8 bytes a token where a list
    of int objects takes 36 (a 5 MB document has half a million tokens); a list is faster to
    search, so shorter texts get lists."""
    if not split_clitics:
        return token_table_and_gaps(text)[:3]
    tokens = tokenize(text, split_clitics=split_clitics)
    return (*starts_and_ends(tokens, _numbers(text)), list(map(text.__getitem__, starmap(slice, tokens))))


def _numbers(text: str):
    """What keeps a text's token offsets: arrays for a long text (see token_table), else lists."""
    return partial(array, "q") if len(text) >= COMPACT_FROM else list


def token_table_and_gaps(text: str) -> tuple[Sequence[int], Sequence[int], list[str], list[str] | None]:
    """:func:`token_table` (clitics not split) and, for an easy or a plain text, what follows
    each token up to the next one (or the text's end), which the split of the text gives
    already; None for other texts."""
    splitter = _one_pattern_splitter(text)
    if splitter is None:
        return (*_token_lists(text, _numbers(text)), None)
    parts, starts, ends = _easy_parts(text, _numbers(text), splitter)
    return starts, ends, parts[1::2], parts[2::2]


def token_parts(text: str, runs: Iterable[tuple[int, int, list[Token]]] | None = None
                ) -> tuple[list[str], list[int], list[int]]:
    """:func:`tokenize`'s tokens as parts of the text between white space (the gap before the
    first token, the token, the next gap, ..., the gap after the last: ``2n + 1`` strings, the
    tokens at the odd places), with the tokens' starts and ends. A writer that puts its own
    strings in the gaps' places and joins the list writes every token without a step per token.
    (For a text that needs the full tokenizer, the gaps' places hold empty strings, not the
    text between the tokens.) ``runs``: where the full pattern's tokens replace the fast
    pattern's, when :func:`hard_runs_apart` found them (then neither one-pass pattern takes
    the text)."""
    splitter = None if runs is not None else _one_pattern_splitter(text)
    if splitter is not None:
        return _easy_parts(text, list, splitter)
    starts, ends, forms = _token_lists(text, list, runs)
    parts = [""] * (2 * len(forms) + 1)
    parts[1::2] = forms
    return parts, starts, ends


def _one_pattern_splitter(text: str) -> re.Pattern | None:
    """The splitter that gives the tokens of an easy or a plain text in one pass; None for
    other texts. (The easy one is 10-14% faster where both apply.)"""
    return _EASY_SPLIT if is_easy(text) else _plain()[2] if is_plain(text) else None


def _easy_parts(text: str, numbers, splitter: re.Pattern = None) -> tuple[list[str], Sequence[int], Sequence[int]]:
    """The parts of an easy text (or, with ``splitter``, of a text it takes in one pass): gaps
    and tokens, with the tokens' starts and ends."""
    parts = (splitter or _EASY_SPLIT).split(text)  # space, token, space, token, ..., space
    edges = numbers(accumulate(map(len, parts)))
    return parts, edges[:-1:2], edges[1::2]


def starts_and_ends(tokens: Iterable[Token], numbers=list) -> tuple[Sequence[int], Sequence[int]]:
    """The tokens' starts and their ends, as two sequences (lists, or what ``numbers`` makes)."""
    tokens = tokens if isinstance(tokens, Sequence) else list(tokens)
    return numbers(map(_FIRST, tokens)), numbers(map(_SECOND, tokens))


def _split_proclitics(text: str, start: int, end: int) -> list[Token]:
    word = text[start:end]
    match = _PROCLITICS.match(word)
    if not match or match.end() == 0:
        return [(start, end)]
    pieces = []
    at = start
    for group in ("conj", "prep", "conj2", "lam"):
        letter = match.group(group)
        if letter:
            pieces.append((at, at + 1))
            at += 1
    pieces.append((at, end))
    return pieces


def sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Group tokens into sentences (see the module docstring for the rules)."""
    if not tokens:
        return []
    out, first = [], 0
    for k in sentence_starts(text, *starts_and_ends(tokens)):
        out.append(tokens[first:k])
        first = k
    out.append(tokens[first:])
    return out


def sentence_starts(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The indices of the tokens that begin a sentence, the first token's excepted, in order:
    :func:`sentences` given the tokens' starts and ends as two lists.

    Works from the positions of line breaks and sentence punctuation rather than looking at
    every token, which matters for exports of millions of tokens.
    """
    count = len(starts)
    cut_before: set[int] = set()
    for match in _BREAK_OR_END.finditer(text):
        position = match.start()
        k = bisect.bisect_right(starts, position)  # first token starting after the character
        if match.group() in _LINE_BREAKS:
            if 0 < k < count:
                cut_before.add(k)
        elif _mark_ends_sentence(text, starts, ends, k - 1, position):
            if k < count:
                cut_before.add(k)
    return sorted(cut_before)


def _mark_ends_sentence(text: str, starts: list[int], ends: list[int], n: int, position: int) -> bool:
    """Whether the sentence mark, closer or period at ``position`` (no line break), the last
    character of the nth token, ends a sentence: a token of its own by _ends_sentence's rules;
    an ellipsis's last period as that period alone would; initials' period before a sentence's
    first word."""
    if n < 0 or ends[n] != position + 1:
        return False
    if starts[n] == position:
        return _ends_sentence(text, starts, ends, n)
    if text[position] != ".":
        return False
    if text[starts[n]] == ".":  # an ellipsis ("..."), as its last period alone: not glued to the next token,
        return not (n + 1 < len(starts) and starts[n + 1] == position + 1) and not (  # and not "... who"
            text[position - 2:position] == ".." and _character_after_space(text, position + 1) in _LATIN_LOWERCASE)
    return _initials(text, starts[n]) and _sentence_starter_after(text, position + 1)


def _initials(text: str, start: int) -> bool:
    """Whether _TOKEN's token at ``start`` is initials (U.S., a.m.)."""
    token = _TOKEN.match(text, start)
    return token is not None and token.lastgroup == "initials"


def _sentence_starter_after(text: str, at: int) -> bool:
    """Whether white space, then one of SENTENCE_STARTERS, a token of its own, follow ``at``."""
    space = _SPACE_RUN.match(text, at)
    if space is None:
        return False
    word = _TOKEN.match(text, space.end())
    return word is not None and word.group() in SENTENCE_STARTERS


def _ends_sentence(text: str, starts: list[int], ends: list[int], n: int) -> bool:
    start, end = starts[n], ends[n]
    piece = text[start:end]
    following = n + 1 if n + 1 < len(starts) else None
    if following is not None and text[starts[following]:ends[following]] in CLOSERS and starts[following] == end:
        return False  # the closing quote or bracket belongs to this sentence; it ends after it
    if piece in CLOSERS and n > 0:
        # after a sentence mark, or initials' period (U.S.»), glued to it
        if ends[n - 1] == start and text[start - 1] in SENTENCE_END:
            return following is None or starts[following] > end
        return False
    if piece not in SENTENCE_END:
        return False
    if following is not None and starts[following] == end and (
            piece in _ENDS_GLUED_TO_NOTHING or text[starts[following]:ends[following]] in SENTENCE_END
            or text.startswith("..", end)):
        # 4.2 is one token already; "a.b", a URL's "?id=3", the "?" of "?!" (or of "?...")
        # glued: not a sentence end ("انتهى؟نعم", a space left out, is one)
        return False
    if piece == ".":
        # د. سارة, U.S: a single letter glued to the period is an abbreviation (a Latin one ends
        # the sentence before its first word: "Plan B. It failed").
        if n > 0 and ends[n - 1] == start and ends[n - 1] - starts[n - 1] == 1 and text[starts[n - 1]].isalpha():
            return _LATIN_LETTER.match(text, starts[n - 1]) is not None and _sentence_starter_after(text, end)
        if _word_before(text, start, TITLES):
            return False
        # (told from the text, not the tokens: a text with hard runs apart gives a run's alone)
        after = _character_after_space(text, end)
        if after in _DIGIT_CHARACTERS and _word_before(text, start, NUMBER_ABBREVIATIONS):
            return False  # No. 1
        if after in _LATIN_LOWERCASE and text[start - 2:start] == "..":
            return False  # "people... who": an ellipsis before a small letter goes on
    elif piece == "…" and _character_after_space(text, end) in _LATIN_LOWERCASE:
        return False
    return True


def _character_after_space(text: str, at: int) -> str:
    """The first character from ``at`` on that is not white space ("" at the text's end)."""
    space = _SPACE_RUN.match(text, at)
    at = space.end() if space is not None else at
    return text[at:at + 1]


def _word_before(text: str, at: int, words: Iterable[str]) -> bool:
    """Whether one of ``words`` (TITLES, NUMBER_ABBREVIATIONS), a word of its own, is right
    before ``at`` (a period): no letter, digit or underscore before it (re's \\b, as
    _sentence_end tells it)."""
    for word in words:
        begin = at - len(word)
        if begin >= 0 and text.startswith(word, begin) and not (begin and _word_character(text[begin - 1])):
            return True
    return False


def _word_character(char: str) -> bool:
    return char.isalnum() or char == "_"


# ----------------------------------------------------------------------------- easy texts
# A text with no hard character (see _HARD) is tokenized by _EASY_TOKEN alone: runs of Arabic
# letters and marks, numbers with their separators, single punctuation marks. Its tokens and
# sentences can then be told from the characters around an offset, so a writer can cut the
# text at the few offsets it cares about (span edges, sentence ends) and take each piece's
# tokens as strings in one call (findall), with no offset computed per token: the offsets of
# every token cost a large export more than making the tokens' strings (measured: findall and
# a join 0.73-0.77 s for 10,000 documents, split with the running offsets 1.0-1.1 s).


def _characters(ranges: str) -> frozenset[str]:
    """The characters of a character class's ranges written as above (a, a-b, ...)."""
    out = set()
    for match in re.finditer(r"(.)-(.)|(.)", ranges, re.DOTALL):
        first, last, single = match.groups()
        out.update(map(chr, range(ord(first), ord(last) + 1)) if single is None else single)
    return frozenset(out)


_ARABIC_CHARACTERS = _characters(_ARABIC_LETTERS + _ARABIC_MARKS)
_DIGIT_CHARACTERS = _characters(_DIGITS)
_NUMBER_SEPARATORS = frozenset(".,:\u066B\u066C")
_LATIN_LOWERCASE = frozenset(c for c in _characters(_LATIN_LETTERS) if c.islower())
_LOOKED_AT_PAST_A_TOKEN = _characters(_LATIN_LETTERS + _DIGITS) | frozenset("'’")  # (see plain_pieces)
_easy_findall = _EASY_TOKEN.findall


def is_plain(text: str) -> bool:
    """Whether ``text`` is tokenized by the plain token pattern alone (see _plain): its characters,
    and no web or e-mail address (which the full pattern takes); every easy text is."""
    return _plain()[0].fullmatch(text) is not None and not _holds_an_address_sign(text)


def _holds_an_address_sign(text: str) -> bool:
    # (the search only where a substring test in C finds what it needs: most texts have none)
    return ("@" in text or "://" in text or "ww." in text or "WW." in text) and _ADDRESS_SIGN.search(text) is not None


def is_easy(text: str) -> bool:
    """Whether ``text`` is tokenized by the fast pattern alone (no hard character: what _HARD
    finds)."""
    return _EASY_TEXT.fullmatch(text) is not None


def easy_edge(text: str, offset: int) -> bool:
    """Whether no token of ``text`` (one :func:`is_easy` accepts) goes across ``offset``: it is
    at the text's ends or beyond, or between two characters no token joins."""
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if before in _ARABIC_CHARACTERS:
        return after not in _ARABIC_CHARACTERS
    if before == after == ".":
        return False  # an ellipsis ("...") is one token
    digits = _DIGIT_CHARACTERS
    if before in digits:  # a number goes on with a digit, or a separator and a digit
        return not (after in digits or after in _NUMBER_SEPARATORS and text[offset + 1:offset + 2] in digits)
    # after a separator inside a number (4.|2)
    return not (before in _NUMBER_SEPARATORS and after in digits and offset >= 2 and text[offset - 2] in digits)


def easy_token_starts_at(text: str, offset: int) -> bool:
    return 0 <= offset < len(text) and text[offset] not in _SPACE_CHARACTERS and easy_edge(text, offset)


def easy_token_ends_at(text: str, offset: int) -> bool:
    return 0 < offset <= len(text) and text[offset - 1] not in _SPACE_CHARACTERS and easy_edge(text, offset)


def spans_on_whole_words(text: str, starts: list[int], ends: list[int]) -> bool:
    """Whether white space or an end of the text is just outside each span (``starts[k]`` to
    ``ends[k]``) and none just inside it, told in a few steps for all of them; False also for a
    span that is empty or reaches past the text."""
    if not starts:
        return True
    if min(starts) < 0 or not all(map(lt, starts, ends)):
        return False
    padded = text + " "  # its last character stands for what is around the text
    space = _SPACE_CHARACTERS
    try:  # (itemgetter takes the characters at all the offsets in one step)
        return space.isdisjoint(itemgetter(*starts)(padded)) \
            and space.isdisjoint(itemgetter(*map(_BEFORE, ends))(padded)) \
            and space.issuperset(itemgetter(*map(_BEFORE, starts))(padded)) \
            and space.issuperset(itemgetter(*ends)(padded))
    except IndexError:
        return False


def easy_spans_on_tokens(text: str, starts: list[int], ends: list[int], runs: HardRuns | PlainWords | None = None
                         ) -> bool:
    """Whether a token of an easy text starts at each of ``starts`` and one ends at each of
    ``ends`` after it. Spans on whole words (white space or the text's ends around them) are
    told a few steps for all of them; the others, an offset at a time. With ``runs``, of a text
    with hard runs apart (see :func:`hard_runs_apart`), or of a plain text (its PlainWords)."""
    if spans_on_whole_words(text, starts, ends):
        return True
    if min(starts) < 0 or not all(map(lt, starts, ends)) or max(ends) > len(text):
        return False
    if runs is not None:
        return all(map(runs.token_starts_at, repeat(text), starts)) and all(map(runs.token_ends_at, repeat(text), ends))
    return all(map(easy_token_starts_at, repeat(text), starts)) and \
        all(map(easy_token_ends_at, repeat(text), ends))


def easy_sentence_starts(text: str) -> list[int]:
    """:func:`sentence_starts` of an easy text, as offsets: where each sentence but the first
    begins (its first token's start), in order."""
    first = _NOT_SPACE.search(text)
    if first is None:
        return []
    size = len(text)
    return [end for end in map(_MATCH_END, _easy_sentence_end().finditer(text, first.start())) if end < size]


def plain_sentence_starts(text: str) -> list[int]:
    """:func:`easy_sentence_starts` of a plain text (:func:`is_plain`): English, or Arabic with
    Latin names. A Latin letter glued to a period after a digit, an apostrophe or a hyphen may
    go on a word (a3y. x-y.) or be one (3y. 3-y.: an abbreviation): the pattern leaves those to
    the word's tokens. (3,000 characters of English: one pass of the pattern where
    sentence_starts took a Python step for each candidate mark, apostrophes included, and the
    tokens' offsets first.)"""
    first = _NOT_SPACE.search(text)
    if first is None:
        return []
    size = len(text)
    out = []
    for match in _plain_sentence_end().finditer(text, first.start()):
        end = match.end()
        if end < size and (match.start(2) < 0 and (match.start(1) < 0 or not _letter_alone_before(text, match.start()))
                           or not _LINE_BREAK_SET.isdisjoint(match.group())  # (a line break after it ends one)
                           or _sentence_starter_after(text, match.start() + 1)):  # ("the U.S. The move")
            out.append(end)
    return out


_LINE_BREAK_SET = frozenset(_LINE_BREAKS)


def _letter_alone_before(text: str, at: int) -> bool:
    """Whether the letter before ``at`` in a plain text is a token of its own."""
    begin = at
    while begin and text[begin - 1] not in _SPACE_CHARACTERS:
        begin -= 1
    last = None
    for last in _plain()[1].finditer(text, begin, at):
        pass
    return last is not None and last.start() == at - 1


def _class(chars: Iterable[str]) -> str:
    """A character class's inside, as ranges (compiled faster than every character)."""
    codes = sorted(set(map(ord, chars)))
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


@cache  # compiled when a token export first needs it (2 ms), not at every command's start
def _easy_sentence_end() -> re.Pattern:
    """What ends a sentence in an easy text, with the white space after it (so that a match
    ends where the next sentence begins): a line break after the first token (the search
    starts there); sentence punctuation that no closing quote or bracket follows; a period
    also only before white space or the text's end, and not after a single letter glued to it
    (د. سارة); a closing quote or bracket right after sentence punctuation, before white space
    or the text's end. There each of those marks is a token of its own, except a period
    between digits (4.2), which glued to what follows ends nothing. One expression for the
    rules, so that re finds the ends in C where a loop over every candidate mark (and a search
    for the next token after each) took about 40% of the time of the text's tokens for real
    news text; tests hold it to :func:`sentences`."""
    easy_characters = _ARABIC_CHARACTERS | _DIGIT_CHARACTERS | _characters(_PUNCTUATION)
    letters = _class(c for c in easy_characters if c.isalpha())  # str.isalpha, as the rules ask
    # a period not after a letter, or after one that an Arabic letter or mark before it joins
    return _sentence_end(rf"(?<![{letters}].)|(?<=[{_class(_ARABIC_CHARACTERS)}][{letters}].)")


@cache
def _plain_sentence_end() -> re.Pattern:
    """:func:`_easy_sentence_end` for plain texts (see plain_sentence_starts): there a letter
    before a period is a word's last letter after an Arabic letter or mark (for an Arabic
    letter) or after a Latin letter (for a Latin one), and a token of its own after anything
    else but a digit, an apostrophe or a hyphen, where group 1 is matched; group 2 is matched for
    any other Latin letter: one of its own, or the last of initials (U.S.), whose period ends a
    sentence only before a line break or a sentence's first word (_sentence_starter_after)."""
    plain_characters = _ARABIC_CHARACTERS | _characters(_PLAIN_OTHERS)
    letters = _class(c for c in plain_characters if c.isalpha())
    arabic_letters = _class(c for c in _ARABIC_CHARACTERS if c.isalpha())
    latin = _LATIN_LETTERS
    return _sentence_end(rf"(?<![{letters}].)|(?<=[{_class(_ARABIC_CHARACTERS)}][{arabic_letters}].)"
                         rf"|(?<=[{latin}][{latin}].)|(?<=[{_DIGITS}'’\-][{latin}].)()|(?<=[{latin}].)()")


def _sentence_end(period: str) -> re.Pattern:
    """The sentence ends' expression (see _easy_sentence_end), with ``period``: the conditions
    after which a period glued to no token after it ends a sentence."""
    closers, space = _class(CLOSERS), _SPACE
    breaks, ends = _class(_LINE_BREAKS), _class(SENTENCE_END - {"."})
    titles = "".join(rf"(?<!\b{re.escape(title)}\.)" for title in sorted(TITLES))
    numbered = "|".join(rf"(?<=\b{re.escape(word)}\.)" for word in sorted(NUMBER_ABBREVIATIONS))
    lowercase = _class(_LATIN_LOWERCASE)
    # Written as one character class with a condition after it (as _HARD), so that re's scan
    # skips the characters that are no candidate in C: with the conditions first (lookbehinds
    # at every position) it took 20 times as long.
    return re.compile(
        rf"[{breaks}{ends}.{closers}]"
        rf"(?:(?<=[{breaks}])"
        rf"|(?<=[!?])(?=[{space}]|\Z)"
        rf"|(?<=[{_class(SENTENCE_END - _ENDS_GLUED_TO_NOTHING)}])(?![{closers}{_class(SENTENCE_END)}])"
        rf"(?!(?<=…)[{space}]*[{lowercase}])"
        rf"|(?<=\.)(?:{period}){titles}(?!(?=[{space}]+[{_DIGITS}])(?:{numbered}))"
        rf"(?!(?<=\.\.\.)[{space}]+[{lowercase}])(?=[{space}]|\Z)"
        rf"|(?<=[{_class(SENTENCE_END)}][{closers}])(?=[{space}]|\Z))[{space}]*")


_MATCH_START, _MATCH_END = re.Match.start, re.Match.end


def easy_pieces(text: str, cuts: Iterable[int]) -> list[list[str]]:
    """The tokens of an easy text as strings, in pieces between the offsets of ``cuts`` (in
    order, each an :func:`easy_edge`): one more piece than cuts."""
    cuts = list(cuts)
    return list(map(_easy_findall, repeat(text), [0, *cuts], [*cuts, len(text)]))


# ----------------------------------------------------------------------------- plain texts
# A plain text (see is_plain: English, or Arabic news with Latin names) is cut in pieces as an
# easy one is, and each piece's tokens taken by the plain pattern in one call. Its token edges
# are told from white space where there is some on either side, else from the tokens of the
# word (between white space) around the offset.


class PlainWords:
    """Where tokens of one plain text start and end, as :func:`easy_edge`,
    :func:`easy_token_starts_at` and :func:`easy_token_ends_at` tell it for an easy text (the
    same methods as :class:`HardRuns`), and which token goes across an offset (:meth:`host`).
    Each word looked into is tokenized once."""

    def __init__(self):
        # the words looked into, in order: where each begins and ends, its tokens (start, end)
        # and their edges
        self._begins: list[int] = []
        self._ends: list[int] = []
        self._tokens: list[list[Token]] = []
        self._edges: list[set[int]] = []

    def _word(self, text: str, offset: int) -> int:
        """The index of the word (looked into now if it was not) that goes across ``offset``,
        or -1 where white space or an end of the text is beside it."""
        if offset <= 0 or offset >= len(text):
            return -1
        spaces = _SPACE_CHARACTERS
        if text[offset - 1] in spaces or text[offset] in spaces:
            return -1
        k = bisect.bisect_right(self._begins, offset) - 1
        if k >= 0 and offset < self._ends[k]:
            return k
        begin = offset  # a word not looked into yet: each is walked once, however long
        while begin and text[begin - 1] not in spaces:
            begin -= 1
        end = _NOT_SPACE.match(text, offset).end()
        tokens = list(map(_SPAN, _plain()[1].finditer(text, begin, end)))
        self._begins.insert(k + 1, begin)
        self._ends.insert(k + 1, end)
        self._tokens.insert(k + 1, tokens)
        self._edges.insert(k + 1, set(chain.from_iterable(tokens)))
        return k + 1

    def edge(self, text: str, offset: int) -> bool:
        k = self._word(text, offset)
        return k < 0 or offset in self._edges[k]

    def host(self, text: str, offset: int) -> Token | None:
        """(start, end) of the token that goes across ``offset`` (the token the split policy
        cuts there), or None where no token does."""
        k = self._word(text, offset)
        if k < 0 or offset in self._edges[k]:
            return None
        tokens = self._tokens[k]
        n = bisect.bisect_right(tokens, (offset, offset)) - 1  # the last token starting before it
        return tokens[n] if n >= 0 and tokens[n][0] < offset < tokens[n][1] else None

    def token_starts_at(self, text: str, offset: int) -> bool:
        return 0 <= offset < len(text) and text[offset] not in _SPACE_CHARACTERS and self.edge(text, offset)

    def token_ends_at(self, text: str, offset: int) -> bool:
        return 0 < offset <= len(text) and text[offset - 1] not in _SPACE_CHARACTERS and self.edge(text, offset)

    def hosts(self, text: str, spans: Iterable[tuple]) -> list[tuple[Token | None, Token | None]] | None:
        """For each span (start, end, ...): the tokens its start and its end go across (each
        None where it is on a token's edge), or None when a span begins or ends with white
        space or reaches past the text (no token begins or ends there, cut or not)."""
        size = len(text)
        spaces = _SPACE_CHARACTERS
        host = self.host
        out = []
        for start, end, *_ in spans:
            if not 0 <= start < end <= size or text[start] in spaces or text[end - 1] in spaces:
                return None
            out.append((host(text, start) if start and text[start - 1] not in spaces else None,
                        host(text, end) if end < size and text[end] not in spaces else None))
        return out


def plain_pieces(text: str, cuts: list[int]) -> list[list[str]]:
    """:func:`easy_pieces` of a plain text (``cuts``: token edges, in order)."""
    begins, ends = [0, *cuts], [*cuts, len(text)]
    pieces = list(map(_plain()[1].findall, repeat(text), begins, ends))
    size, spaces, looked_at = len(text), _SPACE_CHARACTERS, _LOOKED_AT_PAST_A_TOKEN
    for k, end in enumerate(ends):
        if end < size and text[end] in looked_at and text[end - 1:end] not in spaces:
            # A cut inside a word before a letter, a digit or an apostrophe: the pattern looks
            # at those past a token's end (initials' last period, a clitic's: U.S.x is U . S . x,
            # It'sn't It's n't), so the piece's tokens are the word's up to the cut.
            tokens = _plain()[1].finditer(text, begins[k], _NOT_SPACE.match(text, end).end())
            pieces[k] = [token.group() for token in tokens if token.end() <= end]
    return pieces


# ----------------------------------------------------------------------------- texts with hard runs
# A text that is not easy is, in news, easy text with a few runs around hard characters (a
# Latin name, an acronym, a URL). Where those runs stand apart from the text around them, the
# fast pattern's tokens between them are tokenize()'s, and a writer can cut the text at its
# offsets as it cuts an easy one: told from the characters around an offset outside the runs,
# from the full pattern's tokens inside them. (3,000 characters of such news with five runs:
# 190 µs for the runs, the sentence starts and the pieces' tokens, against 330 µs for every
# token's offsets and string and the sentence starts from them.)


CHARACTERS_PER_RUN = 150  # hard_runs_apart: at most a run in this many characters of the text
RUNS_SHARE = 4  # and runs holding at most 1/RUNS_SHARE of it


class HardRuns:
    """The runs of a text where tokenize() takes the full pattern's tokens, as
    :func:`hard_runs_apart` finds them: each from its first token's start to its last token's
    end, with those tokens' starts and ends, and where the next token after it starts (the
    text's length for none)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.tokens: list[tuple[list[int], list[int]]] = []
        self.nexts: list[int] = []

    def at(self, offset: int) -> int:
        """The index of the run that holds ``offset`` (its ends included), or -1."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return k if k >= 0 and offset <= self.ends[k] else -1

    def edge(self, text: str, offset: int) -> bool:
        """:func:`easy_edge` of the text: whether no token goes across ``offset``."""
        k = self.at(offset)
        if k < 0:
            return easy_edge(text, offset)
        starts, ends = self.tokens[k]
        n = bisect.bisect_right(starts, offset) - 1
        return not (n >= 0 and starts[n] < offset < ends[n])

    def token_starts_at(self, text: str, offset: int) -> bool:
        return self._token_edge_at(text, offset, 0, easy_token_starts_at)

    def token_ends_at(self, text: str, offset: int) -> bool:
        return self._token_edge_at(text, offset, 1, easy_token_ends_at)

    def _token_edge_at(self, text: str, offset: int, side: int, outside) -> bool:
        """Whether a token starts (side 0) or ends (side 1) at ``offset``: from a run's tokens
        inside it, else as ``outside`` tells it of an easy text."""
        k = self.at(offset)
        if k < 0:
            return outside(text, offset)
        edges = self.tokens[k][side]
        n = bisect.bisect_left(edges, offset)
        return n < len(edges) and edges[n] == offset


def hard_runs_apart(text: str) -> tuple[HardRuns | None, Iterable[tuple[int, int, list[Token]]] | None]:
    """The hard runs of a text that is neither easy nor plain (a plain one is cut in pieces
    with its PlainWords), when they are few and short: each run of text
    between white space that holds a hard character, with the full pattern's tokens there
    (those tokenize() takes there). Each stands apart: no token outside it reaches into it,
    and none inside is glued to one outside.

    None when there is more than one run in CHARACTERS_PER_RUN characters (in the text, and
    up to each run but for a few), when they hold more than 1/RUNS_SHARE of the text, or when
    a run ends with a prepended character (a number sign, U+0600), whose token takes the white
    space after it. Cutting the text costs more with each run (about 7 µs against 5 µs for
    every token's offsets, measured on news with Latin words), and a text of runs costs more
    cut than tokenized. With None come the runs for :func:`token_parts`: those
    looked at, and the rest as tokenize() finds them, so that no run is looked at twice."""
    size = len(text)
    every = CHARACTERS_PER_RUN
    longest = size // RUNS_SHARE if RUNS_SHARE else size
    runs = HardRuns()
    spaces = _SPACE_CHARACTERS
    easy_until, hard_search, not_space = _EASY_TEXT.match, _HARD.search, _NOT_SPACE.search
    held = at = 0
    looked: list[list[Token]] = []
    while (hit := hard_search(text, easy_until(text, at).end())) is not None:
        begin = hit.start()
        while begin > at and text[begin - 1] not in spaces:
            begin -= 1
        end = _NOT_SPACE.match(text, begin).end()
        held += end - begin
        if every and len(runs.starts) >= min(size // every, end // every + _FIRST_RUNS) or held > longest \
                or _PREPEND.match(text, end - 1):
            return None, chain(zip(runs.starts, runs.ends, looked), _hard_runs(text, begin))
        looked.append(list(map(_REGEX_SPAN, _TOKEN.finditer(text, begin, end))))
        runs.starts.append(begin)
        runs.ends.append(end)
        at = end
    # (made only now: most texts of many runs were given up above)
    runs.tokens = [(list(map(_FIRST, spans)), list(map(_SECOND, spans))) for spans in looked]
    runs.nexts = [following.start() if (following := not_space(text, end)) else size for end in runs.ends]
    return runs, None


_FIRST_RUNS = 3  # hard_runs_apart: runs it takes up to a point of the text beyond that part's share
_PREPEND = regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}")
_REGEX_SPAN = type(_TOKEN.match("a")).span


def runs_sentence_starts(text: str, runs: HardRuns) -> list[int]:
    """:func:`easy_sentence_starts` of a text with hard runs apart: outside the runs as for an
    easy text; inside them by :func:`sentence_starts`'s rules on the runs' tokens (none is glued
    to a token outside its run, so the rules need no other)."""
    first = _NOT_SPACE.search(text)
    if first is None:
        return []
    size = len(text)
    matches = list(_easy_sentence_end().finditer(text, first.start()))
    found, out = list(map(_MATCH_START, matches)), list(map(_MATCH_END, matches))
    for begin, end in zip(reversed(runs.starts), reversed(runs.ends)):  # (few) drop what was found inside a run
        k = bisect.bisect_left(found, begin)
        del out[k:bisect.bisect_left(found, end, k)]
    if out and out[-1] == size:
        out.pop()  # a line break or a sentence's end after the last token
    for begin, following, (starts, ends) in zip(runs.starts, runs.nexts, runs.tokens):
        count = len(starts)
        # the run and the white space after it: a match above for a mark in the run took that
        # white space, line breaks included
        for match in _BREAK_OR_END.finditer(text, begin, following):
            position = match.start()
            k = bisect.bisect_right(starts, position)  # the first token starting after the character
            if match.group() not in _LINE_BREAKS and not _mark_ends_sentence(text, starts, ends, k - 1, position):
                continue
            if k < count:
                out.append(starts[k])
            elif following < size:  # the run's last token ends the sentence
                out.append(following)
    return sorted(set(out))  # a line break after a run is found both ways


def runs_pieces(text: str, runs: HardRuns, cuts: list[int]) -> list[list[str]]:
    """:func:`easy_pieces` of a text with hard runs apart; ``cuts`` (in order, each an edge)
    hold where every run starts and where the next token after it starts (not the run's end:
    a piece from there to the next token, inside a span, would have no token)."""
    begins, finishes = [0, *cuts], [*cuts, len(text)]
    pieces = list(map(_easy_findall, repeat(text), begins, finishes))
    for begin, following, (starts, ends) in zip(runs.starts, runs.nexts, runs.tokens):
        n = 0
        for piece in range(bisect.bisect_left(cuts, begin) + 1, bisect.bisect_left(cuts, following) + 1):
            stop = bisect.bisect_left(starts, finishes[piece], n)
            pieces[piece] = list(map(text.__getitem__, map(slice, starts[n:stop], ends[n:stop])))
            n = stop
    return pieces
