"""Tokens and features the span tagger learns from.

Tokens are the project's tokens (annotator.core.tokenize) with the one-letter proclitics of an
Arabic word cut off (و، ف، ب، ل، ك; at most two, when three letters or more remain): لتركيا →
ل | تركيا, وللحكومة → و | ل | لحكومة. So a span on تركيا inside لتركيا is a whole token and can be
learnt; a span on the whole word (وزير) is learnt as its pieces in a row. Features see each
piece, the whole word it came from, the words around it, its letters' beginning and end, and
where it stands: inside quotation marks, after a reporting verb, after a colon or أن/إن in the
sentence, and what the rule-based detector suggests there.
"""

from __future__ import annotations

import bisect

import regex

from annotator.attribution import detector
from annotator.core.search import LETTER_VARIANTS, fold
from annotator.core.tokenize import sentences, tokenize

Token = tuple[int, int]
_ARABIC_WORD = regex.compile(r"^[\p{Arabic}\p{M}\u0640\u200c\u200d]+$")
_BASE = regex.compile(r"\p{L}")
_PROCLITIC_RUNS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_COMPLEMENTIZERS = {"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"}
_QUOTE_MARKS = set("«»“”\"")


def key(text: str) -> str:
    """A token as features compare it: no harakat or tatweel, alef forms as ا, lower case."""
    return fold(text)[0].translate(LETTER_VARIANTS).lower()


def learning_tokens(text: str) -> tuple[list[Token], list[int]]:
    """Tokens, and for each the index of the word (project token) it is a piece of."""
    tokens: list[Token] = []
    words: list[int] = []
    for w, (start, end) in enumerate(tokenize(text)):
        for piece in _pieces(text, start, end):
            tokens.append(piece)
            words.append(w)
    return tokens, words


def _pieces(text: str, start: int, end: int) -> list[Token]:
    word = text[start:end]
    if not _ARABIC_WORD.match(word):
        return [(start, end)]
    letters = [start + m.start() for m in _BASE.finditer(word)]  # where each base letter starts
    bare = key(word)
    for run in _PROCLITIC_RUNS:
        if bare.startswith(run) and len(letters) - len(run) >= 3:
            cuts = [start, *letters[1:len(run) + 1]]  # each proclitic keeps its own marks
            pieces = [(cuts[k], cuts[k + 1]) for k in range(len(run))]
            return [*pieces, (cuts[len(run)], end)]
    return [(start, end)]


def _bucket(distance: int | None) -> str:
    if distance is None:
        return "none"
    for limit in (1, 2, 3, 6, 12):
        if distance <= limit:
            return str(limit)
    return "far"


def featurize(text: str, tokens: list[Token], words: list[int], rules: bool = True) -> list[list[str]]:
    """One list of feature strings per token."""
    word_spans: list[Token] = []  # each word from its first piece to its last (no second tokenization)
    for (a, b), w in zip(tokens, words):
        if w == len(word_spans):
            word_spans.append((a, b))
        else:
            word_spans[w] = (word_spans[w][0], b)
    keys = [key(text[a:b]) for a, b in tokens]
    word_keys = [key(text[a:b]) for a, b in word_spans]
    n = len(tokens)
    cue_words = ({k for k in detector._FORMS} | detector._SOURCE_KEYS | detector._SAYING_KEYS
                 | detector._PASSIVE_KEYS | detector._RELAY_KEYS) - detector._NEEDS_VERB_KEYS  # not كما ("as")
    is_cue = [k in cue_words or (len(k) > 3 and k[0] in "وف" and k[1:] in cue_words) for k in keys]
    # where the rule-based detector puts quotes, speakers and cues (B/I per layer)
    rule_tags: list[set[str]] = [set() for _ in range(n)]
    if rules:
        starts = [a for a, _ in tokens]
        for span in detector.detect(text)[0]:
            first = bisect.bisect_left(starts, span.start)
            k = first
            while k < n and tokens[k][0] < span.end:
                if tokens[k][1] > span.start:
                    rule_tags[k].add(("B-" if k == first else "I-") + span.layer)
                k += 1
    quotes = detector._direct_quotes(text)
    inside = [False] * n
    q = 0
    for k, (a, b) in enumerate(tokens):
        while q < len(quotes) and quotes[q][1] <= a:
            q += 1
        inside[k] = q < len(quotes) and quotes[q][0] <= a and b <= quotes[q][1]
    # sentence-level state: distance from the last cue, colon or complementizer seen
    since_cue: list[int | None] = [None] * n
    after_colon = [False] * n
    after_that = [False] * n
    first_of_sentence = [False] * n
    last_of_sentence = [False] * n
    index = {t: k for k, t in enumerate(tokens)}
    for sentence in sentences(text, tokens):
        cue_at = None
        colon = that = False
        for j, token in enumerate(sentence):
            k = index[token]
            since_cue[k] = None if cue_at is None else k - cue_at
            after_colon[k], after_that[k] = colon, that and cue_at is not None
            first_of_sentence[k] = j == 0
            last_of_sentence[k] = j == len(sentence) - 1
            if is_cue[k]:
                cue_at = k
            if keys[k] == ":":
                colon = True
            if keys[k] in _COMPLEMENTIZERS:
                that = True
    out = []
    for k in range(n):
        form = keys[k]
        piece_of = words[k]
        whole = word_keys[piece_of]
        first_piece = k == 0 or words[k - 1] != piece_of
        last_piece = k == n - 1 or words[k + 1] != piece_of
        features = [
            "bias", f"w={form}", f"word={whole}", f"p1={form[:1]}", f"p2={form[:2]}", f"p3={form[:3]}",
            f"s1={form[-1:]}", f"s2={form[-2:]}", f"s3={form[-3:]}", f"shape={_shape(text[tokens[k][0]:tokens[k][1]])}",
            "piece=" + ("whole" if first_piece and last_piece else "first" if first_piece else "last" if last_piece
                        else "middle"),
            f"cue={is_cue[k]}", f"since_cue={_bucket(since_cue[k])}", f"inq={inside[k]}",
            f"colon={after_colon[k]}", f"that={after_that[k]}", f"bos={first_of_sentence[k]}",
            f"eos={last_of_sentence[k]}",
        ]
        for d in (-2, -1, 1, 2):
            j = k + d
            neighbour = keys[j] if 0 <= j < n else ("<s>" if j < 0 else "</s>")
            features.append(f"w{d:+d}={neighbour}")
            if d in (-1, 1):
                features.append(f"cue{d:+d}={0 <= j < n and is_cue[j]}")
                features.append(f"inq{d:+d}={0 <= j < n and inside[j]}")
                features.append(f"w{d:+d}|w={neighbour}|{form}")
        features.extend(f"rule={t}" for t in rule_tags[k])
        out.append(features)
    return out


def _shape(token: str) -> str:
    if token in _QUOTE_MARKS:
        return "quote"
    if _ARABIC_WORD.match(token):
        return "arabic"
    if token.isdigit() or regex.fullmatch(r"[\p{N}.,٫٬]+", token):
        return "number"
    if token[:1].isupper():
        return "Latin"
    if token[:1].isalpha():
        return "latin"
    return "punct"
