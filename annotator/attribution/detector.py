"""A deterministic, offline, rule-based detector of attribution in Arabic news.

It finds reporting cues (قال، أكد، أضاف ... in their common inflections, with و/ف attached),
the speaker phrase (after the verb, as Arabic usually puts it: قال المتحدث باسم الشركة ...,
or before it: الشرطة قالت ...), direct quotes in «...», "..." and “...”, indirect quotes
introduced by أن/إن after a cue (mixed when they contain quoted words) or by a preposition
(لفت إلى أهمية ...), and source attributions (بحسب، وفقًا لـ). It links each quote to its
speaker (``said_by``) and cue (``cued_by``), and the second part of an interrupted quote
(«...» قال فلان «...») to the first (``continues``).

What the rules hold to, because real news is written that way:
- Straight double quotes are paired locally, by which side of a word they touch, so an odd
  or stray mark earlier in the paragraph does not shift every later pair; a mark right after
  the cue's colon always opens, and an unclosed one runs to the end of its paragraph.
- Sentence ends inside a quotation do not end the sentence: a quote of several sentences
  stays one quote, and cue words inside a quotation are its content, not cues.
- A short quoted name inside a sentence (برنامج "آندرو مار" على ...) is a name, not a quote.
- A verb with no speaker named (وأضاف أن ...، مضيفًا ...) continues the last speaker who was
  the subject of a reporting verb, not a source phrase (بحسب مصادر) met on the way.
- Compound cues: تابع قائلًا، اختتم بالقول، ختم حديثه قائلًا، علّق الوزير قائلًا (the verb
  is the cue, what stands between it and قائلًا the speaker).
- Headline attribution without a verb: وزارة الصحة: "لا إصابات جديدة".

Matching ignores harakat and tatweel (قالَ، قـال) and the hamza forms of alef (اكد = أكد).
benchmarks/bench_attribution.py measures the rules on the sample corpus (seen while writing
them) and on held-out real text (UD Arabic-PUD, tests/data/ud-arabic-pud-attribution).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import regex

from annotator.core.model import Relation, Span
from annotator.core.offsets import trim_whitespace
from annotator.core.search import LETTER_VARIANTS, fold
from annotator.attribution.english import english_attributions

# Reporting verbs, one lemma a line (its first word), in the forms news text uses: past
# (m/f/pl), present (m/f/pl), participle.
_VERB_LINES = """
قال قالت قالوا قالا يقول تقول يقولون
أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكداً مؤكدة
أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفاً مضيفة
أشار أشارت أشاروا يشير تشير مشيرا مشيراً مشيرة
صرح صرحت صرحوا يصرح تصرح مصرحا
كشف كشفت كشفوا يكشف تكشف كاشفا
أعلن أعلنت أعلنوا يعلن تعلن معلنا معلناً
لفت لفتت لفتوا يلفت تلفت لافتا لافتاً لافتة
أوضح أوضحت أوضحوا يوضح توضح موضحا موضحاً موضحة
شدد شددت شددوا يشدد تشدد مشددا مشدداً مشددة
ذكر ذكرت ذكروا يذكر تذكر
أفاد أفادت أفادوا يفيد تفيد
تابع تابعت
أردف أردفت
رأى رأت رأوا يرى ترى
اعتبر اعتبرت اعتبروا يعتبر تعتبر
حذر حذرت حذروا يحذر تحذر محذرا محذراً محذرة
نفى نفت نفوا ينفي تنفي
أعرب أعربت
نبه نبهت ينبه تنبه
نوه نوهت ينوه تنوه منوها منوهاً
استطرد استطردت
أجاب أجابت
رد ردت يرد ترد
أخبر أخبرت أخبروا أخبره أخبرها
أبلغ أبلغت أبلغوا
أورد أوردت
ادعى ادعت يدعي تدعي
زعم زعمت يزعم تزعم
اعترف اعترفت
علق علقت
شرح شرحت يشرح تشرح
كتب كتبت
خلص خلصت
قدر قدرت يقدر تقدر
تساءل تساءلت
اختتم اختتمت ختم ختمت
بين بينت بينوا مبينا مبيناً مبينة
"""
_LEMMA = {form: line.split()[0] for line in _VERB_LINES.strip().splitlines() for form in line.split()}
# ... and each participle's plural (مؤكدين، مشيرين: طالب المتظاهرون بالإصلاح، مؤكدين أن ...)
_LEMMA |= {form[:-1] + "ين": lemma for form, lemma in list(_LEMMA.items())
           if form.endswith("ا") and (form.startswith("م") or form in ("لافتا", "كاشفا")) and len(form) > 3}
# Passive cues: the content is reported, nobody is named (يقال إن، قيل إن، نُقل أن).
_PASSIVE = ["يقال", "قيل", "نقل"]
# Relaying: ونقلت الوكالة عن مصدر مسؤول قوله إن ... — the speaker is the one after عن.
_RELAY = ["نقل", "نقلت", "نقلوا", "ينقل", "تنقل"]
# "saying": with a verb before it, the verb is the cue and who stands between is the speaker.
_SAYING = ["قائلا", "قائلاً", "قائلة", "قائلةً", "قائلين", "قائلتين", "بالقول"]
# Source attributions: the speaker follows, the reported content is the rest of the sentence.
_SOURCES = ["بحسب", "حسب", "وفقا", "وفقاً", "وفق", "نقلا عن", "نقلاً عن", "حسبما", "بحسبما", "وفقما", "كما"]
# "كما" is a source only before a reporting verb (كما قالت الوزارة); alone it is "as" or "also".
_NEEDS_VERB = {"حسبما", "بحسبما", "وفقما", "كما"}
# Verbs whose content may be a noun phrase after a preposition (لفت إلى أهمية ..., حذر من ...).
# (حذّر من موجة ...: a warning of a topic, not a reported statement, is left out.)
# Also as some news sites spell them, with ي (إلي، علي): the name علي is told apart in _phrase.
_TO = ("إلى", "الى", "إلي", "الي")
_NOMINAL = {"أشار": _TO, "لفت": _TO, "نبه": _TO, "نوه": _TO, "أكد": ("على", "علي"), "شدد": ("على", "علي")}
# ... and those whose prepositional object is reported speech only when it is quoted:
# حذّر الوزير من «كارثة وشيكة» (his words), unlike حذّر من موجة حر (a topic).
_QUOTED_NOMINAL = {"حذر": ("من",)}


def _key(word: str) -> str:
    """A word as the cue tables compare it: without harakat and tatweel, alef forms as ا."""
    return fold(word)[0].translate(LETTER_VARIANTS)


_FORMS = {_key(form): lemma for form, lemma in _LEMMA.items()}
_PASSIVE_KEYS = {_key(w) for w in _PASSIVE}
_RELAY_KEYS = {_key(w) for w in _RELAY}
_SAYING_KEYS = {_key(w) for w in _SAYING}
_BAYYANA = {_key(w) for w in ("بين", "بينت", "بينوا")}  # told from بين (between) by the shadda only
_PARTICIPLE_KEYS = {k for k in _FORMS if k.startswith("م")} | {"و" + k for k in _FORMS if k.startswith("م")}
_SOURCE_KEYS = {_key(w) for w in _SOURCES}
_NEEDS_VERB_KEYS = {_key(w) for w in _NEEDS_VERB}
_KAMA = _key("كما")
_CUE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:[وف](?=\p{Arabic}))?(?:"
    + "|".join(sorted({regex.escape(_key(w)) for w in [*_LEMMA, *_PASSIVE, *_RELAY, *_SAYING, *_SOURCES]},
                      key=len, reverse=True))
    + r")(?![\p{L}\p{M}])"
)
# وجاء في البيان أن ... / وورد في التقرير: «...»: the document speaks (a source after its verb);
# only a document, not a time or a place (جاء في وقت متأخر).
_DOCUMENTS = "بيان تقرير رسالة وثيقة نص كلمة خطاب تغريدة منشور تدوينة حكم قرار دراسة مذكرة تصريح بلاغ اعلان مقال ورقة"
_IN_A_DOCUMENT = regex.compile(r"(?<![\p{L}\p{M}])([وف]?(?:جاء|ورد))\s+في\s+(?=(?:ال)?(?:"
                               + _DOCUMENTS.replace(" ", "|") + r")(?:ات|ه|ها)?(?![\p{L}\p{M}]))")
# ...، على حد قوله / تعبيرها: what precedes, in the words of the last speaker named.
_IN_THEIR_WORDS = regex.compile(r"(?<![\p{L}\p{M}])علي\s+حد\s+(?:قول|تعبير|وصف)(?:ه|ها|هم|هما)(?![\p{L}\p{M}])")
_THEIR_WORDS = "على حد"  # the lemma of that cue
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_MARKS = "«»“”\""
_SPEAKER_STOPS = {_key(w) for w in """في على عن من إلى الى خلال عقب أمام بعد قبل لدى مع عبر أثناء حول أن إن أنه إنه
أنها إنها أنهم إنهم بأن بان يوم مساء صباح أمس اليوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت
أيضا أيضاً كذلك بدوره بدورها بدورهم مجددا مجدداً لاحقا لاحقاً سابقا سابقاً ذات مرة ثم فيما بينما حيث إذ الذي التي
الذين اللذين اللتين اللواتي ما لا لم لن قد قوله قولها قولهم""".split()}
_SPEAKER_STOPS |= _SAYING_KEYS
# "many of": a quantifier keeps the من after it inside the speaker (العديد من المحللين).
_QUANTIFIERS = {_key(w) for w in "العديد عدد بعض أحد إحدى كثير الكثير مجموعة عشرات مئات آلاف جميع كل معظم أغلب".split()}
# Addressees a verb is said to (قال لوكالة ..., صرح لـ"الجزيرة"): not the speaker.
_ADDRESSEE = regex.compile(r"^ل(?:ـ|[\"«“]|(?:وكال|صحيف|قنا|موقع|برنامج|مجل|شبك|إذاع|اذاع|تلفزيون|محط|مراسل|صحفي|"
                           r"الصحفي|الصحافي|الإعلامي|الاعلامي|"
                           # news agencies named without a noun before them (لفرانس برس، للأناضول)
                           r"فرانس|رويترز|لأناضول|لاناضول|أسوشيت|اسوشيت|سبوتنيك|يورونيوز))")
_SPEECH_NOUN = regex.compile(r"^(?:حديث|كلم|كلام|تصريح|تصريحات|بيان|رد|مداخل)\p{L}*$")
_PARTICLES = {_key(w) for w in "قد وقد لقد كما ثم لكن ولكن غير بل إذ".split()}
_COMPLEMENTIZERS = ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "بأن", "بأنه", "بأنها", "ألا", "بألا")
# A dateline: a place, maybe a date after a comma, maybe the agency in brackets, and a dash
# (بيروت - ، القاهرة (رويترز) - ، الرباط، 12 مارس (أ ف ب) -).
_DATELINE = regex.compile(r"\s*(?:[\p{L}\p{M}]+\s+){0,2}[\p{L}\p{M}]+(?:\s*[،,]\s*[\p{L}\p{M}\p{N} ]{1,25}?)?"
                          r"(?:\s*\([^()\n]{1,30}\))?\s+[–—-]\s+")
def _ahead(text: str, at: int, sentence_end: int) -> str:
    """What follows ``at`` in its sentence, as far as a pattern that reads a phrase can reach
    (each of them stops within 2,000 characters): slicing to the end of a sentence without full
    stops for every word and cue made the rules' time grow with its square."""
    return text[at:min(sentence_end, at + 2500)]


_THEN_FA_INNA = regex.compile(r"\s*[،,]\s*(?:فإن|فان)(?![\p{L}\p{M}])")
_SENTENCE_END = regex.compile(r"(?<!\b\p{L})[.!?؟](?=\s|$|[»”\"])|\n")


@dataclass
class _Cue:
    start: int
    end: int
    kind: str  # "verb", "source", "passive", "saying" (قائلًا alone)
    lemma: str = ""
    prefixed: bool = False  # و/ف attached: a new clause, never after its subject
    content_from: int = -1  # where the reported content may begin (after قائلًا in a compound)
    speaker: tuple[int, int] | None = None  # set for compound cues: what stands before قائلًا
    lead: int = -1  # وفق ما أعلنته X: where the source phrase starts (the content ends before it)


def detect(text: str, doc_id: str = "", annotator: str = "suggest") -> tuple[list[Span], list[Relation]]:
    """Suggested quote, speaker and cue spans with their said_by/cued_by/continues links.

    The rules read the text without harakat and tatweel, so that every pattern holds for
    edited text too (أنّ، إِلى، قالَ), and the spans are mapped back onto the stored text, each
    ending after the marks of its last letter."""
    bare, where = fold(text)
    if len(bare) == len(text):
        return _detect(text, doc_id, annotator, lambda start, end: "\u0651" in text[start:end])

    def original(start: int, end: int) -> tuple[int, int]:
        return where[start], _back_end(where, end, text)

    def has_shadda(start: int, end: int) -> bool:  # بيّن ("made clear") from بين ("between")
        return "\u0651" in text[slice(*original(start, end))]

    spans, relations = _detect(bare, doc_id, annotator, has_shadda)
    for span in spans:
        span.start, span.end = original(span.start, span.end)
    return spans, relations


def _detect(text: str, doc_id: str, annotator: str, has_shadda) -> tuple[list[Span], list[Relation]]:
    spans: list[Span] = []
    relations: list[Relation] = []
    quotes = _direct_quotes(text)
    sentences = _Sentences(text, quotes)
    cues = _cues(text, quotes, sentences, has_shadda)
    used_quotes: set[tuple[int, int]] = set()
    counter = {"n": 0}
    at_place: dict[tuple[str, int, int], Span] = {}

    def add(layer: str, label: str, start: int, end: int, attrs: dict | None = None) -> Span | None:
        start, end = trim_whitespace(text, start, end)
        if start >= end:
            return None
        if (layer, start, end) in at_place:  # one span per place and layer
            return at_place[layer, start, end]
        counter["n"] += 1
        span = Span(f"S{counter['n']}", doc_id, annotator, layer, label, start, end, attrs or {})
        spans.append(span)
        at_place[layer, start, end] = span
        return span

    linked: set[tuple[str, str, str]] = set()

    def link(label: str, a: Span | None, b: Span | None) -> None:
        if a is not None and b is not None and (label, a.id, b.id) not in linked:
            linked.add((label, a.id, b.id))
            relations.append(Relation(f"R{len(relations) + 1}", doc_id, annotator, label, a.id, b.id))

    cue_starts = [c.start for c in cues]
    last_subject: Span | None = None  # the last speaker who was a reporting verb's subject
    taken_content: list[tuple[int, int]] = []  # reported content found so far, in order
    handoff: tuple[int, Span] | None = None  # (index of a participle cue, the speaker just before it)
    for index, cue_info in enumerate(cues):
        cue_start, cue_end = cue_info.start, cue_info.end
        if _inside_quote(taken_content, cue_start, cue_end):
            continue  # تتم وفق الشروط inside what someone said: its content, not a cue
        content_from = max(cue_end, cue_info.content_from)
        head = cue_info.lead if cue_info.lead >= 0 else cue_start  # حسبما قالت X: where the source phrase starts
        sentence_start, sentence_end = sentences.around(cue_start)
        kept = len(spans)  # a cue that attributes no quote is taken back below
        cue = add("cue", "CUE", cue_start, cue_end)
        is_source = cue_info.kind == "source"
        speaker_range: tuple[int, int] | None = None
        subject = False
        if cue_info.speaker is not None:
            speaker_range, subject = cue_info.speaker, True
        elif cue_info.kind == "verb":
            before = _speaker_before(text, cue_info, sentence_start)
            speaker_range = _speaker_after(text, content_from, sentence_end, False, cue_info.lemma)
            if before is not None and (not before[1] or speaker_range[1] == speaker_range[0]):
                speaker_range = before[0]
            subject = True
        elif is_source:
            speaker_range = _speaker_after(text, content_from, sentence_end, True)
        speaker = None
        if speaker_range is not None and speaker_range[1] > speaker_range[0]:
            speaker = add("speaker", "SPEAKER", *speaker_range)
        after_speaker = max(content_from, speaker.end if speaker is not None and speaker.start >= cue_start else 0)
        found: list[Span] = []
        next_cue = _next_cue_after(cue_starts, cue_start, len(text))
        if cue_info.kind == "verb":  # a source phrase inside the content without a comma is content
            next_cue = _content_stop(text, cues, index)
        # Direct quotes tied to this cue: opening in its sentence after "cue ... :", or right
        # before "، cue", or right after the speaker, or following a quote it already took.
        # (from the nearest quotation before the cue on: one further back can be none of these, and
        # starting at the sentence's start made a sentence without full stops cost its square)
        nearest = bisect.bisect_left(quotes, (head, -1)) - 1
        low = max(sentence_start, quotes[nearest][0]) if nearest >= 0 else sentence_start
        for q_start, q_end in _quotes_from(quotes, low, sentence_end + 1):
            if (q_start, q_end) in used_quotes or not sentence_start <= q_start - 1 <= sentence_end:
                continue
            if q_start > content_from and _is_name(text, q_start, q_end):
                continue  # برنامج "آندرو مار" على ...: a name inside the sentence, not a quote
            if _TO_A_NAME.search(text, max(0, q_start - 4), q_start - 1):
                continue  # في تصريح لـ«العربية»، قال ...: whom it was said to, not what
            if q_start > next_cue:
                break  # a later cue introduces it
            before = text[max(sentence_start, content_from):q_start - 1]
            after = text[q_end + 1:head]
            introduced = q_start > content_from and (before.rstrip().endswith(":") or before.strip() == "")
            postposed = (q_end < cue_start and q_end + 1 >= sentence_start  # «...»، (هكذا) قال فلان
                         and regex.fullmatch(r"[\s،,]*(?:هكذا\s*)?", after) is not None)
            continued = bool(found) and q_start > content_from and regex.fullmatch(
                r"[\s،,]*", text[found[-1].end + 1:q_start - 1]) is not None
            interrupted = q_start > content_from and speaker is not None and speaker.start > cue_start and \
                regex.fullmatch(r"[\s،,:]*", text[speaker.end:q_start - 1]) is not None
            if postposed and _named_in_passing(text, sentence_start, q_start, q_end):
                postposed = False  # وفي حديثه إلى قناة «الحدث»، اعتبر ...: whom it was said to
            if introduced or postposed or continued or interrupted:
                quote = add("quote", "QUOTE", q_start, q_end, {"type": "direct"})
                used_quotes.add((q_start, q_end))
                if quote is None:  # nothing but white space between the marks
                    continue
                if found:
                    link("continues", quote, found[-1])
                found.append(quote)
        # Indirect (or mixed) quote: أن/إن after the cue and speaker, to the end of the clause.
        if not found:
            next_cue = min(next_cue, sentence_end)
            # (a long lead is judged by its end: the patterns for its start are a few words long, and
            # copying the whole of a sentence without full stops for every cue cost its square)
            short = head - sentence_start <= 300
            lead_in = text[sentence_start:head] if short else text[head - 300:head]
            opens = (short and (not lead_in.strip() or bool(regex.fullmatch(r"\s*[وف]?\s*", lead_in)) or bool(
                _DATELINE.fullmatch(lead_in) or _LEAD_COLON.fullmatch(lead_in)))) \
                or lead_in.rstrip().endswith((":", "؛")) \
                or _THEN_FA_INNA.match(text, after_speaker, sentence_end) is not None
            # A source inside or after its clause (...، كما يشير البيان، ...) attributes what precedes it.
            complement = None if is_source and not opens else \
                _complement(text, after_speaker, sentence_end, next_cue, is_source)
            if complement is not None and complement[0] > next_cue:
                complement = None  # what follows the next cue is that cue's
            if complement is None and cue_info.lemma in _NOMINAL:
                complement = _nominal_complement(text, after_speaker, sentence_end, next_cue,
                                                 _NOMINAL[cue_info.lemma])
                if complement is not None and complement[0] > next_cue:
                    complement = None
            if complement is None and cue_info.lemma in _QUOTED_NOMINAL:
                complement = _quoted_nominal(text, quotes, after_speaker, sentence_end, next_cue,
                                             _QUOTED_NOMINAL[cue_info.lemma])
            direct = False
            if complement is None and not is_source and cue_info.kind != "passive":
                complement = _after_colon(text, after_speaker, sentence_end, next_cue)
                if complement is not None and complement[0] > next_cue:
                    complement = None
                direct = complement is not None
            if complement is None and is_source:
                complement = _content_before_source(text, sentence_start, head)
                if complement is not None and _overlaps(taken_content, *complement):
                    complement = None  # وأشار إلى أن «...»، على حد تعبيره: attributed already
            if complement is not None:
                c_start, c_end = complement
                inner = _whole_quote(text, c_start, c_end)
                if inner is not None:
                    c_start, c_end = inner
                    used_quotes.add((c_start, c_end))
                quoted = inner is not None or any(m in text[c_start:c_end] for m in _MARKS)
                kind = "direct" if direct else "mixed" if quoted else "indirect"
                for q in _quotes_from(quotes, c_start, c_end):
                    if q[1] <= c_end:
                        used_quotes.add(q)
                found.append(add("quote", "QUOTE", c_start, c_end, {"type": kind}))
        found = [q for q in found if q is not None]
        # كما يشير البيان، مشيرًا إلى أن ...: the participle right after a speaker is that speaker's.
        # ... also past the verb's object when nothing else was said (ونفت الوزارة الأنباء ...، مشيرة إلى أن)
        hands_on = speaker is not None and index + 1 < len(cues) and cues[index + 1].kind == "verb" \
            and _key(text[cues[index + 1].start:cues[index + 1].end]) in _PARTICIPLE_KEYS \
            and (regex.fullmatch(r"[\s،,]*", text[speaker.end:cues[index + 1].start]) is not None
                 or (not found and subject and speaker.start > cue_start and regex.fullmatch(
                     r"[^.!?؟\n«»\"“”:]*[،,]\s*", text[speaker.end:cues[index + 1].start]) is not None))
        if hands_on:
            handoff = (index + 1, speaker)
        if not found:
            kept_new = [speaker] if hands_on and any(s is speaker for s in spans[kept:]) else []
            for span in spans[kept:]:  # a reporting verb without reported speech is no attribution
                if not kept_new or span is not speaker:
                    del at_place[span.layer, span.start, span.end]
            spans[kept:] = kept_new
            if hands_on and subject:
                last_subject = speaker
            counter["n"] = int(spans[-1].id[1:]) if spans else 0
            continue
        # وأضافت: «...» / مضيفاً أن ...: no speaker named, so the last subject speaks on.
        if speaker is None and handoff is not None and handoff[0] == index:
            speaker = handoff[1]
        elif speaker is None and (cue_info.kind in ("verb", "saying") or cue_info.lemma == _THEIR_WORDS):
            speaker = last_subject
        elif speaker is not None and subject:
            last_subject = speaker
        for quote in found:
            link("said_by", quote, speaker)
            link("cued_by", quote, cue)
            bisect.insort(taken_content, (quote.start, quote.end))
    english_attributions(text, quotes, used_quotes, add, link)  # (English sentences: english.py)
    _headline_quotes(text, quotes, used_quotes, sentences, add, link)
    _headline_statements(text, spans, add, link)
    _attach_following_quotes(text, quotes, used_quotes, spans, relations, sentences, add, link)
    return _without_overlaps(spans, relations)


def _without_overlaps(spans: list[Span], relations: list[Relation]) -> tuple[list[Span], list[Relation]]:
    """The schema keeps quotes, speakers and cues apart within their layer: where two
    suggestions of one layer overlap, the first one found stays, with its links."""
    kept: list[Span] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for span in spans:
        places = taken.setdefault(span.layer, [])
        k = bisect.bisect_left(places, (span.start, span.end))
        if (k and places[k - 1][1] > span.start) or (k < len(places) and places[k][0] < span.end):
            continue
        places.insert(k, (span.start, span.end))
        kept.append(span)
    if len(kept) == len(spans):
        return spans, relations
    ids = {s.id for s in kept}
    return kept, [r for r in relations if r.from_id in ids and r.to_id in ids]


def _cues(text: str, quotes: list[tuple[int, int]], sentences: _Sentences, has_shadda) -> list[_Cue]:
    """Every cue outside quotations, compounds (verb ... قائلًا) resolved into one cue."""
    folded = text.translate(LETTER_VARIANTS)  # (the text has no harakat here: detect() took them out)
    cues: list[_Cue] = []
    for m in _CUE.finditer(folded):
        start, end = m.start(), m.end()
        if _inside_quote(quotes, start, end):
            continue  # a cue word inside a quotation is what was said
        word = m.group()
        prefixed = False
        if word not in _FORMS and word not in _SOURCE_KEYS and word not in _PASSIVE_KEYS \
                and word not in _RELAY_KEYS and word not in _SAYING_KEYS and word[0] in "وف":
            word, prefixed = word[1:], True
        if prefixed and word == _key("حسب") and m.group()[0] == "ف":
            continue  # فحسب is "only"
        if not prefixed and _VERBAL_NOUN_BEFORE.search(text, max(0, start - 12), start):
            continue  # فضّل عدم ذكر اسمه، دون نفي: a verbal noun after "not"/"without", no verb
        if word in _BAYYANA and not has_shadda(start, end):
            continue  # بين without its shadda is "between" (بيّن: "made clear", a reporting verb)
        if word in _SOURCE_KEYS:
            needs_verb = word in _NEEDS_VERB_KEYS
            said = _source_verb(text, end, fused=needs_verb)
            if said is not None and word == _KAMA:
                following = regex.match(r"\s*([^\s،,.:؛!?؟]+)", text[said[1]:said[1] + 40])
                if following is None or _key(following.group(1)) in _SPEAKER_STOPS:
                    said = None  # كما أكدت أن ...: "also", the verb is a cue of its own
            if said is not None:  # وفق ما أعلنته الهيئة، حسبما أفادت القاعدة: the verb is the cue
                # بحسب ما أفاد به مصدر: the preposition and pronoun after the verb are not the speaker's
                resumptive = regex.match(r"\s+(?:به|بها|بهم|بهما)(?![\p{L}\p{M}])", text[said[1]:said[1] + 8])
                cues.append(_Cue(said[0], said[1], "source", said[2], lead=start,
                                 content_from=said[1] + (resumptive.end() if resumptive else 0)))
                continue
            relay = regex.match(r"\s+ما\s+([\p{L}\p{M}]+)", text[end:end + 40]) if not needs_verb else None
            if relay is not None and any(_key(relay.group(1)).removesuffix(pronoun) in _RELAY_KEYS
                                         for pronoun in ("ه", "ها", "هم")):  # (نقلته: what it relayed)
                # بحسب ما نقلت الوكالة عن مصدر مسؤول، فإن ...: who is relayed speaks, the verb is the cue
                verb_start, verb_end = end + relay.start(1), end + relay.end(1)
                relayed = _relayed_speaker(text, verb_end, sentences.around(start)[1])
                if relayed is not None:
                    cues.append(_Cue(verb_start, verb_end, "source", "نقل", lead=start, content_from=relayed[2],
                                     speaker=(relayed[0], relayed[1])))
                    continue
            if needs_verb:
                continue  # كما alone ("as", "also"), حسبما before no reporting verb
            cues.append(_Cue(start, end, "source", prefixed=prefixed))
        elif word in _RELAY_KEYS and (relayed := _relayed_speaker(text, end, sentences.around(start)[1])):
            cues.append(_Cue(start, end, "verb", "نقل", prefixed, content_from=relayed[2],
                             speaker=(relayed[0], relayed[1])))
        elif word in _PASSIVE_KEYS:
            cues.append(_Cue(start, end, "passive", prefixed=prefixed))
        elif word in _SAYING_KEYS:
            cues.append(_Cue(start, end, "saying", prefixed=prefixed))
        else:
            cues.append(_Cue(start, end, "verb", _FORMS.get(word, ""), prefixed))
    for m in _IN_A_DOCUMENT.finditer(folded):
        if not _inside_quote(quotes, m.start(), m.end()):
            cues.append(_Cue(m.start(), m.end(1), "source", "جاء", m.group(1)[0] in "وف", content_from=m.end()))
    for m in _IN_THEIR_WORDS.finditer(folded):
        if not _inside_quote(quotes, m.start(), m.end()):
            cues.append(_Cue(m.start(), m.end(), "source", _THEIR_WORDS))
    cues.sort(key=lambda c: c.start)
    out: list[_Cue] = []
    for cue in cues:
        if cue.kind == "saying":
            compound = _compound(text, cue, sentences)
            if compound is not None:
                head_start, head_end, speaker = compound
                if out and out[-1].start == head_start:
                    out.pop()  # the verb was a cue already (كشف ... قائلًا)
                head = text[head_start:head_end]
                lemma = _FORMS.get(_key(head), _FORMS.get(_key(head)[1:], ""))
                out.append(_Cue(head_start, head_end, "verb", lemma, head[0] in "وف",
                                content_from=cue.end, speaker=speaker))
                continue
        out.append(cue)
    return out


# عدم (not), دون/بدون (without) make the word after them a verbal noun: عدم ذكر اسمه.
_VERBAL_NOUN_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:[وفبل]?عدم|[وف]?(?:ب|من\s+)?دون)\s+$")


def _source_verb(text: str, source_end: int, fused: bool = False) -> tuple[int, int, str] | None:
    """The reporting verb of "بحسب/وفق ما قاله ..." (or, ``fused``, of "حسبما أفادت ..."), with
    its object pronoun: (start, end, lemma)."""
    m = regex.match(r"\s+([\p{L}\p{M}]+)" if fused else r"\s+ما\s+([\p{L}\p{M}]+)", text[source_end:source_end + 40])
    if m is None:
        return None
    word = _key(m.group(1))
    for suffix in ("", "ه", "ها", "هم"):  # أعلن، أعلنته، ذكرها
        if word.endswith(suffix) and _FORMS.get(word[:len(word) - len(suffix)]):
            return source_end + m.start(1), source_end + m.end(1), _FORMS[word[:len(word) - len(suffix)]]
    return None


def _relayed_speaker(text: str, verb_end: int, sentence_end: int) -> tuple[int, int, int] | None:
    """ونقلت الوكالة عن مصدر مسؤول (قوله) إن ...: (speaker start, end, where the content may begin)."""
    # (a quoted name may stand between: ونقلت صحيفة «نيويورك تايمز» عن مسؤولين)
    m = regex.match(r"(?:\s+(?:[^\s«»“”\":،,]+|[«“\"][^«»“”\"\n]{1,40}[»”\"]\S*)){0,6}?\s+عن\s+",
                    _ahead(text, verb_end, sentence_end))
    if m is None:
        return None
    start = verb_end + m.end()
    s_start, s_end = _speaker_after(text, start, sentence_end, False)
    if s_end <= s_start:
        return None
    said = regex.match(r"\s+قول(?:ه|ها|هم|هما)(?![\p{L}\p{M}])", _ahead(text, s_end, sentence_end))
    return s_start, s_end, s_end + (said.end() if said else 0)


def _compound(text: str, saying: _Cue, sentences: _Sentences) -> tuple[int, int, tuple[int, int] | None] | None:
    """For "verb [speaker] قائلًا": (cue start, cue end, speaker range or None)."""
    sentence_start, _ = sentences.around(saying.start)
    clause_start = sentence_start
    for m in regex.finditer(r"[،,؛;:]", text, pos=sentence_start, endpos=saying.start):
        clause_start = m.end()
    words = list(_words(text, clause_start, saying.start))
    while words and _key(words[0][2]) in _PARTICLES:
        words.pop(0)
    if not words or len(words) > 10 or regex.search(r"[«»“”\"]", text[words[0][0]:saying.start]):
        return None
    head = words[0]
    between = words[1:]
    if between and _SPEECH_NOUN.match(_key(between[-1][2])):  # ختم [الوزير] حديثه قائلًا
        between = between[:-1]
        if not between:
            return head[0], saying.end, None
    if not between:  # تابع قائلًا، اختتم بالقول
        return head[0], saying.end, None
    speaker = _speaker_after(text, between[0][0], between[-1][1], False)
    return head[0], head[1], speaker if speaker[1] > speaker[0] else None


def _quotes_from(quotes: list[tuple[int, int]], low: int, high: int):
    """The quotations (sorted) that start in [low, high]."""
    k = bisect.bisect_left(quotes, (low, -1))
    while k < len(quotes) and quotes[k][0] <= high:
        yield quotes[k]
        k += 1


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets one of ``spans`` (sorted, none inside another)."""
    k = bisect.bisect_left(spans, (end,))  # the spans that start before end
    return k > 0 and spans[k - 1][1] > start


def _inside_quote(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect.bisect_right(quotes, (start, float("inf"))) - 1  # the last quotation opening at or before start
    return k >= 0 and quotes[k][0] <= start and end <= quotes[k][1]


def _content_stop(text: str, cues: list[_Cue], index: int) -> int:
    """Where a verb's reported content must stop: at the next cue, except a source phrase
    without a comma before it (تتم وفق الشروط: "according to" inside what was said)."""
    for k in range(index + 1, len(cues)):  # (a slice copied every later cue, for every cue)
        cue = cues[k]
        if cue.kind == "source" and cue.lead < 0 and not regex.search(r"[،,]\s*$", text[max(0, cue.start - 4):cue.start]):
            continue
        return cue.start
    return len(text)


def _next_cue_after(cue_starts: list[int], at: int, limit: int) -> int:
    k = bisect.bisect_right(cue_starts, at)
    return cue_starts[k] if k < len(cue_starts) and cue_starts[k] < limit else limit


class _Sentences:
    """Sentence edges that ignore sentence ends inside quotations."""

    def __init__(self, text: str, quotes: list[tuple[int, int]]):
        self.text = text
        self.ends: list[tuple[int, int]] = []  # (where the next sentence starts, where this one ends)
        for m in _SENTENCE_END.finditer(text):
            if m.group() != "\n" and _inside_quote(quotes, m.start(), m.start() + 1):
                continue
            self.ends.append((m.end(), m.start() + (0 if m.group() == "\n" else 1)))
        self.next_starts = [e[0] for e in self.ends]

    def around(self, at: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.next_starts, at)  # boundaries wholly before `at`
        start = self.ends[k - 1][0] if k else 0
        # the first boundary whose match starts at or after `at`
        j = k
        while j < len(self.ends) and self.ends[j][1] < at:
            j += 1
        end = self.ends[j][1] if j < len(self.ends) else len(self.text)
        return start, end


def _headline_quotes(text, quotes, used_quotes, sentences, add, link) -> None:
    """وزارة الصحة: "لا إصابات جديدة": a short name, a colon, a quotation, and no verb."""
    for q_start, q_end in quotes:
        if (q_start, q_end) in used_quotes:
            continue
        sentence_start, _ = sentences.around(q_start - 1)
        if q_start - 1 - sentence_start > 400:
            continue  # no short name before it (and reading a long sentence for each quotation cost its square)
        lead = regex.fullmatch(r"\s*([^\s:«»“”\"،,.][^:«»“”\"\n]*?)\s*:\s*", text[sentence_start:q_start - 1])
        if lead is None or not 1 <= len(lead.group(1).split()) <= 6 or regex.search(r"\d", lead.group(1)):
            continue
        speaker = add("speaker", "SPEAKER", sentence_start + lead.start(1), sentence_start + lead.end(1))
        quote = add("quote", "QUOTE", q_start, q_end, {"type": "direct"})
        used_quotes.add((q_start, q_end))
        link("said_by", quote, speaker)


_FIELD_LABELS = {_key(w) for w in """ملاحظة تنويه المصدر المصادر العنوان التاريخ الكاتب المحرر تحديث عاجل هام مهم الموضوع
ملخص المكان الزمان السؤال الجواب سؤال جواب مثال تعليق اقرأ شاهد فيديو صور صورة رابط الرابط للمزيد المزيد إعداد ترجمة
تصوير المراسل البريد الهاتف العنوان المرفقات الخلاصة النتيجة ملاحظات""".split()}
# Who speaks in a headline "X: ..." (a topic such as قمة المناخ: دعوات ... is not a speaker).
_AGENTS = {_key(w) for w in """وزير وزيرة وزارة رئيس رئيسة مصدر مصادر متحدث متحدثة ناطق ناطقة قائد مسؤول مسؤولة
مسؤولون جيش شرطة حكومة حزب حركة موقع صحيفة وكالة قناة مكتب محافظ محافظة عمدة نائب سفير سفيرة خبير خبراء محلل مراسل
شهود شاهد منظمة هيئة مجلس لجنة أرصاد دفاع خارجية داخلية كرملين بنتاغون إليزيه أمين مدير مديرة مستشار سفارة بيان ملك
أمير ولي رئاسة برلمان نقابة اتحاد شركة بنك صندوق مفوض مفوضية قاضي محكمة نيابة سلطة سلطات""".split()}
_HEADLINE = regex.compile(r"(?m)^[ \t]*([^\n:.!?؟«»“”\"]{2,60}?|[^\n:.!?؟«»“”\"]{0,40}[«“\"][^\n«»“”\"]{1,30}[»”\"])"
                          r"[ \t]*:[ \t]*(?:\n[ \t]*)?(?=[^\s«»“”\"])")


def _is_agent(word: str) -> bool:
    """وزيرة، الوزارة، وللوزارة, ... : a word naming who can speak (the agent list), with or
    without و/ف, ب/ل/ك and the article."""
    key = _key(word).strip("،,\"«»“”")
    bare = regex.sub(r"^[وف]?(?:[بكل]|لل)?(?:ال)?", "", key)
    return key in _AGENTS or (len(bare) >= 3 and bare in _AGENTS) or regex.sub(r"^(?:ال)", "", key) in _AGENTS


def _headline_statements(text: str, spans: list[Span], add, link) -> None:
    """News-feed and headline attribution without marks or a verb, at the start of a line:
    رئيس الوزراء: تم الاتفاق على ...، سي إن إن عن مصدر: ...، مصدر محلي لنايا: ... . Not for
    field labels (ملاحظة:، المصدر:) or a dateline before a reporting verb (بيروت: أعلنت ...)."""
    taken = [(s.start, s.end) for s in spans if s.layer in ("quote", "speaker", "cue")]
    for match in _HEADLINE.finditer(text):
        lead_start, lead_end = trim_whitespace(text, *match.span(1))
        lead = text[lead_start:lead_end]
        words = lead.split()
        if not 1 <= len(words) <= 8 or regex.search(r"\d", lead) or (len(words) == 1 and _key(lead) in _FIELD_LABELS):
            continue
        if any(_key(w).strip("،,") in _FORMS or _key(w).strip("،,").lstrip("وف") in _FORMS for w in words):
            continue  # a reporting verb in the lead: the cue rules have seen it
        relayed = regex.search(r"(?<![\p{L}\p{M}])عن\s+", lead)  # سي إن إن عن دبلوماسي
        if not relayed and not any(_is_agent(w) for w in words):
            continue  # no one who speaks: a topic (قمة المناخ: ...) or a field (اقرأ أيضاً: ...)
        line_end = text.find("\n", match.end())
        c_start, c_end = match.end(), len(text) if line_end == -1 else line_end
        content = text[c_start:c_end].split()
        if len(content) < 3 or _key(content[0]).lstrip("وف") in _FORMS or _key(content[0]) in _FORMS:
            continue
        if any(a < c_end and c_start < b for a, b in taken) or any(a < lead_end and lead_start < b for a, b in taken):
            continue
        s_start = lead_start + relayed.end() if relayed else lead_start
        s_end = lead_end
        last = regex.search(r"\s+(\S+)$", text[s_start:s_end])
        if last and _ADDRESSEE.match(_key(last.group(1))) is None and _key(last.group(1)).startswith("ل") \
                and len(_key(last.group(1))) > 3:
            s_end = s_start + last.start()  # مصدر محلي لبناني لنايا: said to نايا
        elif last and _ADDRESSEE.match(_key(last.group(1))):
            s_end = s_start + last.start()
        finished = _finish(text, c_start, c_end)
        if finished is None:
            continue
        speaker = add("speaker", "SPEAKER", s_start, s_end)
        quote = add("quote", "QUOTE", *finished, {"type": "direct"})
        link("said_by", quote, speaker)


def _attach_following_quotes(text, quotes, used_quotes, spans, relations, sentences, add, link) -> None:
    """A quotation that opens the sentence right after an attributed one, with no cue of its
    own, continues it ("...," Alaoui told reporters. "We are asking ...")."""
    quote_spans = sorted((s for s in spans if s.layer == "quote"), key=lambda s: s.end)
    ends = [s.end for s in quote_spans]
    links_from: dict[str, list[Relation]] = {}
    for relation in relations:
        links_from.setdefault(relation.from_id, []).append(relation)
    for q_start, q_end in quotes:
        if (q_start, q_end) in used_quotes:
            continue
        sentence_start, _ = sentences.around(q_start - 1)
        if _NON_SPACE.search(text, sentence_start, q_start - 1):
            continue
        k = bisect.bisect_left(ends, q_start)  # quotes that end before this one starts
        if not k:
            continue
        last = quote_spans[k - 1]
        if sentences.around(last.start)[1] + 2 < sentence_start:
            continue  # not the sentence just before
        quote = add("quote", "QUOTE", q_start, q_end, {"type": "direct"})
        if quote is None:
            continue
        used_quotes.add((q_start, q_end))
        link("continues", quote, last)
        for relation in links_from.get(last.id, []):
            if relation.label in ("said_by", "cued_by"):
                relations.append(Relation(f"R{len(relations) + 1}", relation.doc_id, relation.annotator,
                                          relation.label, quote.id, relation.to_id))
                links_from.setdefault(quote.id, []).append(relations[-1])
        position = bisect.bisect_right(ends, quote.end)
        ends.insert(position, quote.end)
        quote_spans.insert(position, quote)


def _back_end(where: list[int], folded_end: int, text: str) -> int:
    # The end of a match in folded text maps to the character after its last kept letter,
    # so that the letter's harakat stay inside the span.
    end = where[folded_end - 1] + 1
    while end < len(text) and _ignorable(text[end]):
        end += 1
    return end


def _ignorable(ch: str) -> bool:
    return fold(ch)[0] == ""


_NON_SPACE = regex.compile(r"[^\s]+")


def _words(text: str, start: int, end: int):
    for match in _NON_SPACE.finditer(text, start, end):  # (no copy of the stretch)
        yield match.start(), match.end(), match.group()


_RELATIVES = {_key(w) for w in "الذي التي الذين اللذين اللتين اللواتي".split()}
# Verbs news puts before a participle cue with their object after ب: أشاد/رحب/طالب/ندد X بـ...
_PRAISE_VERBS = {_key(w) for w in "أشاد أشادت أشادوا رحب رحبت رحبوا طالب طالبت طالبوا ندد نددت نددوا".split()}
_NOT_IN_SUBJECT = {_key(w) for w in "في على عن إلى الى منذ خلال عبر بعد قبل هناك هنا حيث عندما بينما فيما".split()}


def _speaker_before(text: str, cue: _Cue, sentence_start: int) -> tuple[tuple[int, int], bool] | None:
    """Subject before the verb (الشرطة قالت إن ...; X، رئيس Y، قال إن ...), when the verb
    opens no clause of its own (no و/ف) and what precedes it can be a noun phrase; and whether
    a comma stands between them (then a speaker named after the verb is preferred:
    في وقت سابق، قال الوزير ...)."""
    if cue.prefixed:
        return None
    dateline = _DATELINE.match(text, sentence_start, cue.start)
    start = dateline.end() if dateline else sentence_start
    words = list(itertools.islice(_words(text, start, cue.start), 40))
    if len(words) == 40:
        return None  # far more than a subject (and reading the whole sentence per cue cost its square)
    while words and _key(words[0][2]) in _PARTICLES:
        words.pop(0)
    if words and _key(words[0][2]) in ("كان", "كانت", "وكان", "وكانت"):
        words.pop(0)  # كان داريوس يرى أن ...
        if words and _key(words[-1][2]) == "قد":
            words.pop()  # وكانت الوزارة قد أعلنت أن ...
    if not words or len(words) > 14:
        return None
    keys = [_key(w[2]).strip("،,") for w in words]
    if (keys[0] in _SPEAKER_STOPS or keys[0].lstrip("و") in _SPEAKER_STOPS or keys[-1].lstrip("و") in _SPEAKER_STOPS
            or keys[0].startswith(("لكن", "ولكن")) or regex.search(r"[«»“”\":؛]", text[words[0][0]:cue.start])
            or any(k in _FORMS or (len(k) > 3 and k[0] in "وف" and k[1:] in _FORMS) for k in keys)):
        return None
    segment_start, segment_end = words[0][0], words[-1][1]
    inner = text[segment_start:segment_end]
    fronted = bool(regex.search(r"[،,]", inner))
    if fronted:
        if regex.search(r"[،,]\s*$", inner):  # X، الذي ...، قال: the subject is before the first comma
            segment_end = segment_start + regex.search(r"[،,]", inner).start()
        else:  # ...، الشرطة قالت: the subject is after the last comma
            segment_start = segment_start + [m.end() for m in regex.finditer(r"[،,]\s*", inner)][-1]
    first_word = next(_words(text, segment_start, segment_end), None)
    if first_word is None or _key(first_word[2]).strip("،,") in _PARTICLES | _SPEAKER_STOPS:
        return None  # ...، كما أكدت أن: no subject before the verb
    if _key(first_word[2]).lstrip("وف") in _PRAISE_VERBS:
        # وأشادت الوزيرة بجهود الفرق، مؤكدةً أن ...: the participle's speaker is the verb's subject,
        # which ends where the verb's ب object begins
        subject = []
        for w_start, w_end, word in _words(text, first_word[1], segment_end):
            if _key(word).startswith("ب") and len(_key(word)) > 2:
                break
            subject.append((w_start, w_end))
        return (trim_whitespace(text, subject[0][0], subject[-1][1]), fronted) if subject else None
    for w_start, _w_end, word in _words(text, segment_start, segment_end):
        key = _key(word).strip("،,").lstrip("و")
        if key in _RELATIVES:
            break  # what a relative clause says is not checked
        if key in _NOT_IN_SUBJECT:
            return None
    segment_start, segment_end = trim_whitespace(text, segment_start, segment_end)
    return ((segment_start, segment_end), fronted) if segment_end > segment_start else None


def _speaker_after(text: str, start: int, sentence_end: int, is_source: bool, lemma: str = "") -> tuple[int, int]:
    """The noun phrase after a cue, up to punctuation, a complementizer or a preposition; an
    apposition after a comma (قال X، رئيس Y: ...) belongs to it. ``lemma`` is the cue's verb:
    after one that takes على (أكد، شدد) a word spelled علي may be that preposition."""
    words = _phrase(text, start, sentence_end, is_source, takes_ala="على" in _NOMINAL.get(lemma, ()))
    if not words:
        return start, start
    end = words[-1][1]
    rest = _ahead(text, end, sentence_end)
    comma = None if is_source else regex.match(r"\s*[،,]\s*", rest)
    if comma:  # an apposition, kept when it runs to the colon or complementizer
        end = _apposition(text, end, end + comma.end(), sentence_end)
    start = words[0][0]
    if text[start] in _QUOTE_PAIRS and text[end - 1] == _QUOTE_PAIRS[text[start]]:
        start, end = start + 1, end - 1  # نوّه "حداد" إلى ...: the name, inside its marks
    return start, end


_APPOSITION_ENDS = regex.compile(r"\s*(?::|[،,]?\s*(?:" + "|".join(_COMPLEMENTIZERS) + r"|على|إلى|الى)(?![\p{L}\p{M}])"
                                 r"|[،,]\s*(?:(?:في|عبر|خلال|لدى|أثناء|امام|أمام)\s|لـ?\S))")


# Verbs that open the clause news puts after an unnamed source (طلب/فضّل عدم ذكر اسمه).
_ANONYMITY = {_key(w) for w in "طلب طلبت طلبوا فضل فضلت فضلوا رفض رفضت رفضوا اشترط اشترطت اشترطوا".split()}


def _apposition(text: str, end: int, start: int, sentence_end: int) -> int:
    """قال X، رئيس Y، إن ... / أكد X، النائب السابق في البرلمان، على ...: the apposition
    after the comma belongs to the speaker when it runs to the next comma or colon and what
    follows is the content (a colon, أن/إن, على/إلى) or a circumstance (، في كلمته ...)."""
    stop = regex.compile(r"[،,:؛«»“”]|(?<![\p{L}\p{M}])\"").search(text, start, sentence_end)
    segment_end = stop.start() if stop else sentence_end
    if stop and stop.group() in "«“\"":  # a short quoted name inside the apposition (مؤسس موقع "هاك فوروم")
        quoted = regex.match(r"[«“\"][^«»“”\"]{1,40}[»”\"]", _ahead(text, stop.start(), sentence_end))
        if quoted is None or len(quoted.group().split()) > 3:
            return end
        again = regex.compile(r"[،,:؛«»“”\"]").search(text, stop.start() + quoted.end(), sentence_end)
        segment_end = again.start() if again else sentence_end
    words = [w for _a, _b, w in _words(text, start, segment_end)]
    if not 1 <= len(words) <= 12:
        return end
    keys = [_key(w).strip("\"«»“”") for w in words]
    if keys[0] in _ANONYMITY:
        return end  # مسؤول، طلب عدم الكشف عن اسمه، قال: a clause about the speaker, not their title
    if keys[0] in _SPEAKER_STOPS or keys[0].lstrip("و") in _SPEAKER_STOPS and keys[0] not in ("وهو", "وهي") \
            or any(k in _FORMS or k.lstrip("وف") in _FORMS for k in keys):
        return end
    if not _APPOSITION_ENDS.match(text, segment_end, sentence_end):
        return end
    return trim_whitespace(text, start, segment_end)[1]


def _phrase(text: str, start: int, sentence_end: int, is_source: bool, apposition: bool = False,
            takes_ala: bool = False):
    words: list[tuple[int, int]] = []
    for w_start, w_end, word in _words(text, start, sentence_end):
        if words and words[-1][1] > w_start:
            continue  # inside a quoted name taken already
        bare = _key(word)
        if is_source and not words and bare.startswith("ل") and len(bare) > 3 and not bare.startswith("لل"):
            w_start += 1  # وفقًا لـوزارة: the ل belongs to the cue
            word, bare = word[1:], bare[1:]
            if word.startswith("ـ"):
                w_start, word = w_start + 1, word[1:]
        core = bare.strip("،,:؛\"«»“”().")
        if not is_source and not words and _ADDRESSEE.match(bare):
            break  # قال لوكالة ...: said to, the speaker is not named here
        if words and _ADDRESSEE.match(bare):
            break
        if core in _TO_PRONOUNS and not is_source and not words:
            continue  # قال لنا مسؤول إن / وقال له الوزير: to whom it was said; the speaker follows
        if bare.startswith("ل") and len(core) > 3 and (words or not is_source) and _ends_phrase(text, w_end, sentence_end) \
                and not _lam_name(text, words, bare, core):
            break  # قال الوزير للصحفيين إن ...; but المدير التنفيذي للشركة رامي العطار goes on
        if not core:
            break
        if core in _SPEAKER_STOPS and not (core == _key("من") and words and _key(
                text[words[-1][0]:words[-1][1]]) in _QUANTIFIERS) and not (core == _key("عن") and words and _key(
                text[words[-1][0]:words[-1][1]]) in _ISSUED) and not _is_name_ali(
                text, word, w_end, sentence_end, not words, takes_ala):
            break
        if core in _FORMS or core.lstrip("وف") in _FORMS and len(core) > 3:
            break  # another reporting verb: a new clause
        if not is_source and words and core in _OBJECT_HEADS and _key(text[words[-1][0]:words[-1][1]]).startswith("ال"):
            break  # ونفى المتحدث باسم الجيش صحة الأنباء / وأكد الرئيس دعم بلاده: the verb's object
        if word.startswith("(") and words:
            short = regex.match(r"\([^()\n،,:]{1,20}\)", _ahead(text, w_start, sentence_end))
            if short and _ends_phrase(text, w_start + short.end(), sentence_end):
                words.append((w_start, w_start + short.end()))  # وكالة الأنباء السعودية (واس) إن ...
                break
        if regex.match(r"[«\"“(]", word):
            quoted = regex.match(r"[«\"“][^«»“”\"]{1,40}[»\"”]", _ahead(text, w_start, sentence_end))
            if quoted and len(quoted.group().split()) <= 3 and (apposition or not is_source) and _ends_name(
                    text, w_start + quoted.end(), sentence_end):
                words.append((w_start, w_start + quoted.end()))  # مؤسس موقع "هاك فوروم"
                continue
            break
        if word[0] in _DASHES:
            break  # الوزير -الذي كان يتحدث- أن / الوزير – وهو ... – إن: a clause set off by dashes
        cut = regex.search(r"[،,:؛«»\"“”]", word)
        if cut:
            if cut.start() > 0:
                words.append((w_start, w_start + cut.start()))
            break
        if word[-1] in _DASHES:  # الوزير- الذي ...: the dash ends the phrase (كوفيد-19 inside a word does not)
            words.append((w_start, w_end - 1))
            break
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):  # د.، أ.د. are abbreviations, not ends
            words.append((w_start, w_end - 1))
            break
        words.append((w_start, w_end))
        if len(words) == 10:
            break
    return words


# Nouns that begin the object of a verb such as نفى، أكد، جدد after its subject (صحة الأنباء،
# دعم بلاده، مقتل جنديين): after a definite word they start the object, not more of the speaker's name.
_OBJECT_HEADS = {_key(w) for w in """صحة وجود أي دعم رفض التزام استعداد حرص ضرورة أهمية موقف تمسك عزم نية ثقة
قدرة حق تورط علاقة مسؤولية مشاركة حدوث وقوع تضامن إدانة ترحيب تأييد معارضة استمرار حصول إصابة مقتل وفاة سقوط
الأنباء الأخبار التقارير الاتهامات المزاعم الشائعات الخبر""".split()}
_TO_PRONOUNS = {_key(w) for w in "له لها لهم لهما لنا لي لك لكم لهن".split()}


def _lam_name(text: str, words: list[tuple[int, int]], bare: str, core: str) -> bool:
    """Whether a word with ل before a phrase's end is a name (قال لافروف إن، قالت مارين لوبان إن)
    rather than whom it was said to (قال الوزير للصحفيين إن، قال مسؤول لنا): not ل with the
    article (لل), not a pronoun, and either right after the verb or after a first name (a word
    without the article that names no one who speaks: after وزير، مصدر، مسؤول it is said to).
    An indefinite adjective before it (دبلوماسي غربي لبايدن) reads as a first name: a lexicon
    of names would tell them apart."""
    if bare.startswith("لل") or core in _TO_PRONOUNS:
        return False
    if not words:
        return True
    last = _key(text[words[-1][0]:words[-1][1]])
    return not last.startswith("ال") and not _is_agent(last)


_DASHES = "-\u2013\u2014"  # hyphen-minus, en dash, em dash
# "issued by": the عن after it stays inside the speaker (بيان صادر عن الرئاسة)
_ISSUED = {_key(w) for w in "صادر صادرة الصادر الصادرة".split()}


# Titles written as letters with dots: د. (doctor), م. (engineer), أ.د. (professor), ج.م.ع.
_ABBREVIATION = regex.compile(r"(?:\p{L}\p{M}*\.){1,4}")
_ALI = _key("على")


def _is_name_ali(text: str, word: str, w_end: int, sentence_end: int, first: bool, takes_ala: bool) -> bool:
    """علي (with ي) is the name Ali, which the cue tables fold together with the preposition
    على: د. أحمد علي، قال علي حسن. Taken for the preposition only after a verb that takes على
    (أكد الوزير علي ضرورة ..., as some news sites spell it) when more words follow it."""
    if _key(word) != _ALI or fold(word)[0] != "علي":
        return False
    return first or not takes_ala or _ends_phrase(text, w_end, sentence_end)


def _ends_name(text: str, at: int, sentence_end: int) -> bool:
    """After a quoted name the sentence runs on (نوّه "حداد" إلى ...), unlike after a quote."""
    return bool(regex.match(r"\s*[\p{L}\p{N}(]", _ahead(text, at, sentence_end)))


def _ends_phrase(text: str, at: int, sentence_end: int) -> bool:
    """Whether the phrase stops right after ``at``: punctuation, a complementizer or a preposition."""
    rest = _ahead(text, at, sentence_end)
    if not rest.strip() or regex.match(r"\s*[،,:؛.«\"“]", rest) or regex.match(r"[،,:؛.]", rest):
        return True
    nxt = regex.match(r"\s*(\S+)", rest)
    return nxt is not None and _key(nxt.group(1)).strip("،,:؛") in _SPEAKER_STOPS


def _clause_end(text: str, c_start: int, sentence_end: int, next_cue: int) -> int:
    """Reported content runs to the sentence's end, or to the next cue inside it, or to what the
    speaker did next (...، داعيًا إلى ...: a participle of a verb that reports nothing)."""
    end = min(sentence_end, next_cue) if next_cue > c_start else sentence_end
    for done_next in _DONE_NEXT.finditer(text, c_start, end):
        said = text[c_start:done_next.start()]
        if said.count("«") == said.count("»") and said.count("“") == said.count("”") and said.count('"') % 2 == 0:
            return done_next.start()  # (not inside quotation marks: إن "..."، داعيًا ..." is the speaker's words)
    return end


# أكدت الهيئة أن الحرارة ستنخفض، داعيةً المواطنين إلى الحذر: the participle after the comma
# is another act of the speaker's, not part of what was said. (Reporting participles — مضيفًا،
# مشيرًا — are cues, and end the content already.)
_DONE_NEXT = regex.compile(r"[،,]\s*(?:و)?(?:داعي|مطالب|معرب|مبدي|متهم|مرحب|مندد|متعهد|متوقع|مشيد|مستنكر|مهدد)"
                           r"(?:ا|اً|ًا|ة|ةً|ين)?(?![\p{L}\p{M}])")


_TRAILING_CONNECTIVE = regex.compile(r"(?:[\s،,.؛:]|(?<![\p{L}\p{M}])(?:بينما|فيما|كما|ثم|حيث|لكن|ولكن|في حين|حين)"
                                      r"(?![\p{L}\p{M}]))+$")


def _finish(text: str, c_start: int, c_end: int) -> tuple[int, int] | None:
    c_start, c_end = trim_whitespace(text, c_start, c_end)
    tail = _TRAILING_CONNECTIVE.search(text, c_start, c_end)  # ...، بينما | أشار تقرير: the next clause's
    if tail and tail.start() > c_start:
        c_end = tail.start()
    c_start, c_end = trim_whitespace(text, c_start, c_end)
    return (c_start, c_end) if c_end - c_start > 3 else None


def _complement(text, start, sentence_end, next_cue, is_source) -> tuple[int, int] | None:
    """The clause after أن/إن (or after the source phrase's comma) up to the next cue or the end."""
    rest = _ahead(text, start, sentence_end)
    # What stands before أن/إن: a few words, quoted names among them (لـ"العربية.نت").
    match = regex.match(r"(?:[^«»“”\":]|[«“\"][^«»“”\"\n]{1,30}[»”\"]){0,60}?(?<![\p{L}\p{M}])(?:(?:إلى|الى|من)\s+)?(?:"
                        + "|".join(_COMPLEMENTIZERS) + r")(?![\p{L}\p{M}])\s*(?:أن\s+)?", rest)
    comma = regex.match(r"[^،,]{0,80}[،,]\s*(?:(?:فإن|فان)(?![\p{L}\p{M}])\s*)?", rest) if is_source else None
    if comma is not None and (match is None or comma.end() <= match.end()):
        match = comma  # وفقًا لـX، فهي ستفعل إن ...: the source's comma comes first  # وفقًا لوزارة الصحة، سُجّلت
    if match is None:
        return None
    c_start = start + match.end()
    if match.group().rstrip().endswith(("ألا", "الا")) and text[c_start - 1].isspace():
        c_start = start + match.end() - len(match.group()) + match.group().rfind("ألا" if "ألا" in match.group()
                                                                                else "الا")
    return _finish(text, c_start, _clause_end(text, c_start, sentence_end, next_cue))


def _after_colon(text, start, sentence_end, next_cue) -> tuple[int, int] | None:
    """وقال الوزير: لن نتراجع. — the words after the cue's colon, quoted without marks."""
    match = regex.match(r"[^«»“”\":\n]{0,80}?:\s*(?=[^\s«»“”\"])", _ahead(text, start, sentence_end))
    if match is None:
        return None
    c_start = start + match.end()
    return _finish(text, c_start, _clause_end(text, c_start, sentence_end, next_cue))


def _quoted_nominal(text, quotes, start, sentence_end, next_cue, prepositions) -> tuple[int, int] | None:
    """حذّر الوزير من «كارثة إنسانية وشيكة» في ...: the quotation right after the preposition,
    with its marks (taken as a wholly quoted complement is: إن «...»)."""
    complement = _nominal_complement(text, start, sentence_end, next_cue, prepositions)
    if complement is None:
        return None
    quote = next(_quotes_from(quotes, complement[0] + 1, complement[0] + 1), None)
    if quote is None or quote[0] > next_cue or quote[1] >= len(text) \
            or text[quote[1]] != _QUOTE_PAIRS[text[quote[0] - 1]]:
        return None  # not a quotation, or one left open to the end of its paragraph
    return quote[0] - 1, quote[1] + 1


def _nominal_complement(text, start, sentence_end, next_cue, prepositions) -> tuple[int, int] | None:
    """لفت الوزير إلى أهمية ...، حذر من ...: the noun phrase after the verb's preposition."""
    rest = _ahead(text, start, sentence_end)
    match = regex.match(r"[\s،,]*[^«\"“:،,]{0,40}?(?<![\p{L}\p{M}])(?:" + "|".join(prepositions)
                        + r")(?![\p{L}\p{M}])\s*", rest)
    if match is None:
        return None
    c_start = start + match.end()
    return _finish(text, c_start, _clause_end(text, c_start, sentence_end, next_cue))


_LEAD_COLON = regex.compile(r"\s*(?:[^\s:«»“”\"]+\s+){0,3}[^\s:«»“”\"]+\s*:\s*")


def _content_before_source(text: str, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    """..., بحسب المنظمين: the reported content is the clause before the source phrase (after a
    dateline such as "الرياض – " or a feed's "رويترز: ")."""
    end = cue_start
    while end > sentence_start and text[end - 1] in " ،,":
        end -= 1
    lead = _DATELINE.match(text, sentence_start, end) or _LEAD_COLON.match(text, sentence_start, end)
    start, end = trim_whitespace(text, lead.end() if lead else sentence_start, end)
    return (start, end) if end - start > 3 else None


def _whole_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Inside the marks, when a complement is nothing but one quotation (إن "...")."""
    if end - start >= 2 and text[start] in _QUOTE_PAIRS and text[end - 1] == _QUOTE_PAIRS[text[start]]:
        inner = text[start + 1:end - 1]
        if not any(m in inner for m in _MARKS):
            return start + 1, end - 1
    return None


def _after_colon_mark(text: str, k: int) -> bool:
    """Whether a colon stands before position k, across spaces (without copying the text)."""
    k -= 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k >= 0 and text[k] == ":"


# لـ (to) glued to an opening mark: the outlet or person spoken to (لـ«العربية», ل"الجزيرة نت").
_TO_A_NAME = regex.compile(r"(?:^|(?<![\p{L}\p{M}]))[وف]?لـ?$")


def _named_in_passing(text: str, sentence_start: int, q_start: int, q_end: int) -> bool:
    """A short quotation right after a word of its sentence (إلى قناة «الحدث»، لصحيفة «الأهرام»)
    names something; a quotation the cue comes after opens its sentence or follows a colon."""
    if len(text[q_start:q_end].split()) > 3:
        return False
    end = q_start - 1  # the last character before the quotation that is not white space
    while end > sentence_start and text[end - 1].isspace():
        end -= 1
    return end > sentence_start and _WORD_CHARACTER.match(text[end - 1]) is not None


_WORD_CHARACTER = regex.compile(r"[\p{L}\p{M}\p{N}]")


def _is_name(text: str, q_start: int, q_end: int) -> bool:
    """A short quotation the sentence runs on after (شركة "أوبر" و...، برنامج "آندرو مار" على):
    a name or a term, not reported speech."""
    if len(text[q_start:q_end].split()) > 3 or _after_colon_mark(text, q_start - 1):
        return False
    return _ends_name(text, q_end + 1, q_end + 3)


_OPENING_CONTEXT = regex.compile(r"(?:^|[\s(\[«“:،,؛ـ—–-]|(?:^|\s)[وبلفك])$")


def _straight_role(text: str, k: int) -> str:
    """Whether a straight " at k opens, closes, or could do either, by the sides it touches."""
    before = text[max(0, k - 2):k]
    nxt = text[k + 1] if k + 1 < len(text) else "\n"
    prev = text[k - 1] if k else "\n"
    opens = bool(_OPENING_CONTEXT.search(before)) and not nxt.isspace() and nxt not in ".،,:;؛!?؟)"
    closes = not prev.isspace() and (nxt.isspace() or nxt in ".،,:;؛!?؟)»”-—–ـ" or k + 1 == len(text))
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _direct_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) inside the marks of every outermost quotation; nested ones stay inside.

    «» and “” pair by nesting. A straight " pairs with the next one in its paragraph that can
    close it, judged by the characters it touches; one right after a colon always opens
    (a stray mark before it is dropped). A quotation opened after a colon and never closed in
    its paragraph runs to the paragraph's end."""
    out = []
    k = 0
    n = len(text)
    while k < n:
        opening = text[k]
        if opening in "«“" or (opening == '"' and _straight_role(text, k) != "close"):
            closing = _QUOTE_PAIRS[opening]
            after_colon = _after_colon_mark(text, k)
            depth, j = 1, k + 1
            restart = None
            while j < n and text[j] != "\n":
                ch = text[j]
                if opening == '"':
                    if ch in "«“":  # a curly quotation nested inside: skip over it
                        inner_close = _QUOTE_PAIRS[ch]
                        end = text.find(inner_close, j + 1)
                        line_end = text.find("\n", j + 1)
                        if end != -1 and (line_end == -1 or end < line_end):
                            j = end + 1
                            continue
                    elif ch == '"':
                        role = _straight_role(text, j)
                        if role != "open" or j == k + 1:
                            depth = 0
                            break
                        if _after_colon_mark(text, j):
                            restart = j  # a colon opens a new quotation: the earlier mark was stray
                            break
                        depth = 0  # ambiguous: take it as the closing one
                        break
                else:
                    if ch == opening:
                        depth += 1
                    elif ch == closing:
                        depth -= 1
                        if depth == 0:
                            break
                j += 1
            if restart is not None:
                k = restart
                continue
            if j < n and text[j] == closing and depth == 0 and j > k + 1:
                out.append((k + 1, j))
                k = j + 1
                continue
            if after_colon and (j >= n or text[j] == "\n"):  # opened after a colon, never closed
                end = j
                while end > k + 1 and text[end - 1] in " .":
                    end -= 1
                if end > k + 1:
                    out.append((k + 1, end))
                k = j
                continue
        k += 1
    return out
