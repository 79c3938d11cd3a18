"""A deterministic, offline, rule-based detector of attribution in Arabic news.

It finds reporting cues (قال، أكد، أضاف ... in their common inflections, with و/ف attached),
the speaker phrase that follows a cue (Arabic puts the verb first: قال المتحدث باسم الشركة
...), direct quotes in «...», "..." and “...”, indirect quotes introduced by أن/إن after a
cue (mixed when they contain quoted words), and source attributions (بحسب، وفقًا لـ). It links
each quote to its speaker (``said_by``) and cue (``cued_by``), and the second part of an
interrupted quote («...» قال فلان «...») to the first (``continues``).

Matching ignores harakat and tatweel (قالَ، قـال). The rules are written for the sample
corpus's register (wire news); benchmarks/bench_attribution.py measures them.
"""

from __future__ import annotations

import regex

from annotator.core.model import Relation, Span
from annotator.core.offsets import trim_whitespace
from annotator.core.search import fold

# Reporting verbs in the forms news text uses: past (m/f/pl), present (m/f), participle.
_VERBS = """
قال قالت قالوا قالا يقول تقول يقولون قائلا قائلاً قائلة
أكد أكدت أكدوا يؤكد تؤكد مؤكدا مؤكداً مؤكدة
أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفاً مضيفة
أشار أشارت أشاروا يشير تشير مشيرا مشيراً مشيرة
صرح صرحت صرحوا يصرح تصرح مصرحا
كشف كشفت كشفوا يكشف تكشف كاشفا
أعلن أعلنت أعلنوا يعلن تعلن معلنا معلناً
لفت لفتت لفتوا يلفت تلفت لافتا لافتاً
أوضح أوضحت أوضحوا يوضح توضح موضحا موضحاً
شدد شددت شددوا يشدد تشدد مشددا مشدداً
ذكر ذكرت ذكروا يذكر تذكر
أفاد أفادت أفادوا يفيد تفيد
تابع تابعت
رأى رأت رأوا يرى ترى
اعتبر اعتبرت اعتبروا يعتبر تعتبر
حذر حذرت حذروا يحذر تحذر محذرا
نفى نفت نفوا ينفي تنفي
أعرب أعربت
""".split()
# Source attributions: the speaker follows, the reported content is the rest of the sentence.
_SOURCES = ["بحسب", "حسب", "وفقا", "وفقاً", "وفق", "نقلا عن", "نقلاً عن"]
_ENGLISH = ["said", "says", "told", "added", "stated", "according to"]

_CUE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:[وف](?=\p{Arabic}))?(?:" + "|".join(sorted(map(regex.escape, _VERBS + _SOURCES),
                                                                      key=len, reverse=True))
    + r")(?![\p{L}\p{M}])"
)
_ENGLISH_CUE = regex.compile(r"\b(?:" + "|".join(_ENGLISH) + r")\b")
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_SPEAKER_STOPS = set("""في على عن من إلى الى خلال عقب أمام بعد قبل لدى مع عبر أثناء حول أن إن أنه إنه أنها إنها
أنهم إنهم بأن بان يوم مساء صباح أمس اليوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت""".split())
_COMPLEMENTIZERS = ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "بأن")
_DATELINE = regex.compile(r"\s*(?:[\p{L}\p{M}]+\s){0,2}[\p{L}\p{M}]+\s+[–—-]\s+")
_SENTENCE_END = regex.compile(r"(?<!\b\p{L})[.!?؟](?=\s|$|[»”\"])|\n")


def detect(text: str, doc_id: str = "", annotator: str = "suggest") -> tuple[list[Span], list[Relation]]:
    """Suggested quote, speaker and cue spans with their said_by/cued_by/continues links."""
    spans: list[Span] = []
    relations: list[Relation] = []
    folded, where = fold(text)  # harakat and tatweel out; `where` maps back
    cues = [(_back(where, m.start(), text), _back_end(where, m.end(), text)) for m in _CUE.finditer(folded)]
    cues += [m.span() for m in _ENGLISH_CUE.finditer(text)]
    cues.sort()
    quotes = _direct_quotes(text)
    used_quotes: set[tuple[int, int]] = set()
    counter = {"n": 0}

    def add(layer: str, label: str, start: int, end: int, attrs: dict | None = None) -> Span | None:
        start, end = trim_whitespace(text, start, end)
        if start >= end:
            return None
        for span in spans:  # one span per place and layer
            if span.layer == layer and span.start == start and span.end == end:
                return span
        counter["n"] += 1
        span = Span(f"S{counter['n']}", doc_id, annotator, layer, label, start, end, attrs or {})
        spans.append(span)
        return span

    def link(label: str, a: Span | None, b: Span | None) -> None:
        if a is not None and b is not None:
            relations.append(Relation(f"R{len(relations) + 1}", doc_id, annotator, label, a.id, b.id))

    last_speaker: Span | None = None
    for cue_start, cue_end in cues:
        sentence_start, sentence_end = _sentence(text, cue_start)
        kept = len(spans)  # a cue that attributes no quote is taken back below
        cue = add("cue", "CUE", cue_start, cue_end)
        word = regex.sub(r"^[وف](?=\p{Arabic}{3})", "", fold(text[cue_start:cue_end])[0])
        is_source = any(word == fold(s)[0] for s in _SOURCES) or word == "according to"
        speaker_start, speaker_end = _speaker_after(text, cue_end, sentence_end, is_source)
        english = _ENGLISH_CUE.fullmatch(text[cue_start:cue_end]) is not None
        if english:
            speaker_start, speaker_end = _english_speaker_before(text, cue_start, sentence_start)
        speaker = add("speaker", "SPEAKER", speaker_start, speaker_end) if speaker_end > speaker_start else None
        found: list[Span] = []
        # Direct quotes of this sentence tied to this cue: after "cue ... :" or right before "، cue".
        for q_start, q_end in quotes:
            if (q_start, q_end) in used_quotes or not (sentence_start <= q_start - 1 and q_end + 1 <= sentence_end + 1):
                continue
            before = text[max(sentence_start, cue_end):q_start - 1]
            after = text[q_end + 1:cue_start]
            introduced = q_start > cue_end and (before.rstrip().endswith(":") or before.strip() == "")
            postposed = q_end < cue_start and regex.fullmatch(r"[\s،,]*", after) is not None
            continued = bool(found) and q_start > cue_end and regex.fullmatch(r"[\s،,]*", text[found[-1].end + 1:q_start - 1]
                                                                            ) is not None
            interrupted = q_start > cue_end and speaker is not None and regex.fullmatch(
                r"[\s،,]*", text[speaker.end:q_start - 1]) is not None
            if english and speaker is not None and q_end < speaker.start:  # "...," Alaoui told
                postposed = regex.fullmatch(r"[\s,]*", text[q_end + 1:speaker.start]) is not None
            if introduced or postposed or continued or interrupted:
                quote = add("quote", "QUOTE", q_start, q_end, {"type": "direct"})
                used_quotes.add((q_start, q_end))
                if found and quote is not None:
                    link("continues", quote, found[-1])
                found.append(quote)
        # Indirect (or mixed) quote: أن/إن after the cue and speaker, to the end of the clause.
        if not found and not english:
            complement = _complement(text, max(cue_end, speaker_end), sentence_end, cues, is_source)
            if complement is None and is_source:
                complement = _content_before_source(text, sentence_start, cue_start)
            if complement is not None:
                c_start, c_end = complement
                inner = _whole_quote(text, c_start, c_end)
                if inner is not None:
                    c_start, c_end = inner
                    used_quotes.add((c_start, c_end))
                kind = "mixed" if inner is not None or any(m in text[c_start:c_end] for m in _QUOTE_PAIRS) \
                    else "indirect"
                for q in quotes:
                    if c_start <= q[0] and q[1] <= c_end:
                        used_quotes.add(q)
                found.append(add("quote", "QUOTE", c_start, c_end, {"type": kind}))
        if not found and english and speaker is not None:  # Morocco will ..., the minister said.
            complement = _content_before_source(text, sentence_start, speaker.start)
            if complement is not None and not any(m in text[complement[0]:complement[1]] for m in _QUOTE_PAIRS):
                found.append(add("quote", "QUOTE", *complement, {"type": "indirect"}))
        if not found:
            del spans[kept:]  # a reporting verb without reported speech is no attribution
            counter["n"] = int(spans[-1].id[1:]) if spans else 0
            continue
        # وأضافت: «...» / مضيفاً أن ...: no speaker named, so the last one speaks on.
        speaker = speaker or last_speaker
        last_speaker = speaker
        for quote in found:
            link("said_by", quote, speaker)
            link("cued_by", quote, cue)
    _attach_following_quotes(text, quotes, used_quotes, spans, relations, add, link)
    return spans, relations


def _attach_following_quotes(text, quotes, used_quotes, spans, relations, add, link) -> None:
    """A quotation that opens the sentence right after an attributed one, with no cue of its
    own, continues it ("...," Alaoui told reporters. "We are asking ...")."""
    for q_start, q_end in quotes:
        if (q_start, q_end) in used_quotes:
            continue
        sentence_start, _ = _sentence(text, q_start)
        if text[sentence_start:q_start - 1].strip():
            continue
        previous = [s for s in spans if s.layer == "quote" and s.end < q_start]
        if not previous:
            continue
        last = max(previous, key=lambda s: s.end)
        if _sentence(text, last.start)[1] + 2 < sentence_start:
            continue  # not the sentence just before
        quote = add("quote", "QUOTE", q_start, q_end, {"type": "direct"})
        used_quotes.add((q_start, q_end))
        link("continues", quote, last)
        for relation in list(relations):
            if relation.from_id == last.id and relation.label in ("said_by", "cued_by"):
                relations.append(Relation(f"R{len(relations) + 1}", relation.doc_id, relation.annotator,
                                          relation.label, quote.id, relation.to_id))


def _back(where: list[int], folded_index: int, text: str) -> int:
    return where[folded_index] if folded_index < len(where) else len(text)


def _back_end(where: list[int], folded_end: int, text: str) -> int:
    # The end of a match in folded text maps to the character after its last kept letter,
    # so that the letter's harakat stay inside the span.
    end = where[folded_end - 1] + 1
    while end < len(text) and _ignorable(text[end]):
        end += 1
    return end


def _ignorable(ch: str) -> bool:
    return fold(ch)[0] == ""


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, at):
        start = match.end()
    end_match = _SENTENCE_END.search(text, at)
    end = end_match.start() + (0 if end_match.group() == "\n" else 1) if end_match else len(text)
    return start, end


def _words(text: str, start: int, end: int):
    for match in regex.finditer(r"[^\s]+", text[start:end]):
        yield start + match.start(), start + match.end(), match.group()


def _speaker_after(text: str, start: int, sentence_end: int, is_source: bool) -> tuple[int, int]:
    """The noun phrase after a cue, up to punctuation, a complementizer or a preposition."""
    words = []
    for w_start, w_end, word in _words(text, start, sentence_end):
        bare = fold(word)[0]
        if is_source and not words and bare.startswith("ل") and len(bare) > 3 and not bare.startswith("لل"):
            w_start += 1  # وفقًا لـوزارة: the ل belongs to the cue
            bare = bare[1:]
        core = bare.strip("،,:؛\"«»“”().")
        if not core or core in _SPEAKER_STOPS or (words and bare.startswith(("لل", "لوكالة"))) \
                or regex.match(r"[«\"“(]", word):
            break
        cut = regex.search(r"[،,:؛«»\"“”]", word)
        if cut:
            if cut.start() > 0:
                words.append((w_start, w_start + cut.start()))
            break
        if word.endswith(".") and not (len(core) == 1):  # د. is an abbreviation, not an end
            words.append((w_start, w_end - 1))
            break
        words.append((w_start, w_end))
        if len(words) == 8:
            break
    if not words:
        return start, start
    return words[0][0], words[-1][1]


def _english_speaker_before(text: str, cue_start: int, sentence_start: int) -> tuple[int, int]:
    """English puts the speaker before the verb: the capitalised words just before it."""
    words = list(_words(text, sentence_start, cue_start))
    picked = []
    for w_start, w_end, word in reversed(words):
        core = word.strip(",\"“”")
        if not core or not (core[0].isupper() or core in ("Minister", "of")) or word.endswith(('"', "”", ",")):
            break
        picked.append((w_start, w_start + len(word.rstrip(",\"“”"))))
    if not picked:
        return cue_start, cue_start
    return picked[-1][0], picked[0][1]


def _complement(text, start, sentence_end, cues, is_source) -> tuple[int, int] | None:
    """The clause after أن/إن (or after the source phrase's comma) up to the next cue or the end."""
    rest = text[start:sentence_end]
    match = regex.match(r"[^«\"“]{0,60}?(?<![\p{L}\p{M}])(?:إلى\s+)?(?:" + "|".join(_COMPLEMENTIZERS)
                        + r")(?![\p{L}\p{M}])\s*", rest)
    if match is None and is_source:
        match = regex.match(r"[^،,]{0,80}[،,]\s*", rest)  # وفقًا لوزارة الصحة، سُجّلت ...
    if match is None:
        return None
    c_start = start + match.end()
    c_end = sentence_end
    for cue_start, _cue_end in cues:  # stop before the next cue in the sentence (..., مضيفاً أن ...)
        if c_start < cue_start < c_end:
            c_end = cue_start
            break
    c_start, c_end = trim_whitespace(text, c_start, c_end)
    while c_end > c_start and text[c_end - 1] in "،,.؛":
        c_end -= 1
    return (c_start, c_end) if c_end - c_start > 3 else None


def _content_before_source(text: str, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    """..., بحسب المنظمين: the reported content is the clause before the source phrase."""
    end = cue_start
    while end > sentence_start and text[end - 1] in " ،,":
        end -= 1
    dateline = _DATELINE.match(text, sentence_start, end)  # "الرياض – " opens a wire story
    start, end = trim_whitespace(text, dateline.end() if dateline else sentence_start, end)
    return (start, end) if end - start > 3 else None


def _whole_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Inside the marks, when a complement is nothing but one quotation (إن "...")."""
    if end - start >= 2 and text[start] in _QUOTE_PAIRS and text[end - 1] == _QUOTE_PAIRS[text[start]]:
        inner = text[start + 1:end - 1]
        if not any(m in inner for m in ("«", "»", "“", "”", '"')):
            return start + 1, end - 1
    return None


def _direct_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) inside the marks of every outermost quotation; nested ones stay inside."""
    out = []
    k = 0
    while k < len(text):
        opening = text[k]
        if opening in _QUOTE_PAIRS:
            closing = _QUOTE_PAIRS[opening]
            depth, j = 1, k + 1
            while j < len(text) and text[j] != "\n":
                if opening != closing and text[j] == opening:
                    depth += 1
                elif text[j] == closing:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j < len(text) and text[j] == closing and j > k + 1:
                out.append((k + 1, j))
                k = j + 1
                continue
        k += 1
    return out
