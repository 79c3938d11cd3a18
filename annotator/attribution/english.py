"""Attribution in English news: the rules of annotator/attribution/detector.py for English.

English reports speech in a handful of shapes, which these rules follow:

* a quotation and its attribution, either order, the speaker before or after the verb:
  "...," the minister said. / "...," said Joe Smith, a spokesman for X. / He added: "...";
  an interrupted quotation ("...," she said, "...") is two parts, the second continuing the first;
* indirect speech after the verb, with or without "that", past an addressee (told reporters)
  and a time or place (said in a statement on Tuesday that ...): Police said three people ...;
* the content first and the attribution after a comma: The talks failed, the minister said.
  / ..., says Tarlo. / There was a time, Smith said, when ...;
* a source: According to the ministry, ... / ..., according to the census bureau;
* a participle after a comma (..., adding that ... / ..., explaining: "...") speaks for the
  sentence's subject; one opening the sentence (Warning that ..., he urged ...) for the subject
  after its comma;
* passives name nobody: She was told her child ... / It was reported that ... .

The speaker is the subject before the verb, with its apposition across commas (Gomery, who
led the inquiry, said ...; Some historians, such as Chandler, assert ...), not an adverbial
before a comma (On Tuesday, the minister said ...). Verbs that report speech only next to a
quotation (read, wrote, joked, mocked ...) count only there. Curly single quotes (‘...’, as
British papers quote) are quotations too when they are not inside double ones.

Why rules and not a parser: the detector is offline, deterministic and fast on any machine,
with no model to download (spaCy's English pipelines are an extra); these shapes cover most of
what news writes (UD English-PUD: tests/data/ud-english-pud-attribution)."""

from __future__ import annotations

import bisect

import regex

# Verbs that report speech in every shape (a clause after them, a quotation, a source after
# the content): base form first, then irregular forms (the regular ones are made below).
_SPEECH_VERBS = """say said | tell told | add | state | explain | note | warn | insist | argue | claim | report
announce | declare | confirm | deny denied denies | admit admitted admitting | acknowledge | assert | stress
emphasise | emphasize | suggest | predict | reveal | remark | comment | reply replied replies | respond | answer
recall | concede | caution | complain | conclude | maintain | contend | estimate | proclaim | allege | observe
assure | charge | testify testified testifies | write wrote written writing | tweet | promise | vow
agree | boast | recount | reiterate | underline | indicate | counter | disclose
point out | pointed out | points out | pointing out"""
# Verbs that report speech only right next to a quotation ("...," the post reads; he joked: "...").
_QUOTE_VERBS = "read reads | joke | quip quipped | mock | laugh | shout | exclaim | whisper | sigh | snap snapped" \
               " | continue | ask | recall | muse | tease | scoff | grumble | plead | retort | cry cried cries | chant"
# Verbs whose object is whom it was said to (told reporters the talks had failed).
_TO_SOMEONE = {"tell", "assure", "warn", "remind", "inform", "promise"}
# Verbs whose content after them, without "that", is a clause often enough to take it (said
# the talks failed; argue they trivialize ...); the others report a clause only after "that"
# (announced a new tool, wrote a letter, denied permission, maintained alliances: no speech).
_CLAUSE_WITHOUT_THAT = {"say", "tell", "add", "argue", "claim", "insist", "warn", "suggest", "predict", "estimate",
                        "assert", "recall", "concede", "explain", "note", "report", "complain", "caution",
                        "contend", "admit", "agree", "acknowledge"}
# Verbs that are nouns too (a major report, disparaging comments): as verbs only after a subject.
_NOUNS_TOO = {"report", "claim", "state", "note", "comment", "answer", "estimate", "promise", "charge", "tweet",
              "counter", "reply", "remark", "vow"}


def _forms(base: str, irregular: list[str]) -> dict[str, str]:
    """A verb's forms that report speech, each mapped to the base."""
    if " " in base:  # point out: its forms are listed
        return {base: base.split()[0]}
    stem = base[:-1] if base.endswith("e") else base
    regular = [base, base + "s" if not base.endswith(("s", "sh", "ch")) else base + "es", stem + "ed", stem + "ing"]
    if base.endswith("y") and base[-2] not in "aeiou":
        regular = [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    return {form: base for form in regular + irregular}


def _table(lines: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in lines.replace("\n", " | ").split("|"):
        words = entry.split()
        if not words:
            continue
        if words[0] in ("point", "pointed", "points", "pointing"):
            table[" ".join(words)] = "point out"
            continue
        table |= _forms(words[0], words[1:])
    return table


_SPEECH = _table(_SPEECH_VERBS)
_QUOTE_ONLY = {form: base for form, base in _table(_QUOTE_VERBS).items() if form not in _SPEECH}
_QUOTE_ONLY["saying"] = "say"
_CUE = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:[Aa]ccording\s+to|"
                     + "|".join(regex.escape(f) for f in sorted({*_SPEECH, *_QUOTE_ONLY}, key=len, reverse=True))
                     + r")(?![\p{L}\p{M}'’-])", regex.IGNORECASE)
# The words a clause's verb may be told by: auxiliaries, modals and forms of "be".
_AUXILIARIES = {"is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
                "should", "may", "might", "must", "did", "does", "do", "shall", "'s", "’s"}
# A word before the verb that makes it a noun (the claims, his remarks, a warning).
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this",
                "such", "no", "any", "some", "every", "each", "of", "whose", "to"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_BE = {"is", "was", "were", "are", "be", "been", "being", "'s", "’s"}
# Words between the subject and its verb that are not the subject's (has also said, later told).
_BETWEEN = {"has", "have", "had", "also", "would", "will", "did", "does", "do", "later", "earlier", "previously",
            "then", "again", "once", "further", "repeatedly", "recently", "reportedly", "not", "never", "often",
            "always", "has also", "may", "might", "could", "can", "should", "must", "already", "just", "publicly",
            "privately", "separately", "initially", "first", "last", "simply", "only", "even", "still", "flatly",
            "firmly", "strongly", "openly", "clearly", "frequently", "angrily", "bluntly", "emphatically"}
# Words that open an adverbial or a clause before a comma, never a subject (On Tuesday, X said).
_NOT_A_SUBJECT = {"in", "on", "at", "during", "after", "before", "despite", "since", "for", "with", "without",
                  "by", "from", "under", "over", "following", "according", "when", "while", "as", "if",
                  "although", "though", "because", "unlike", "speaking", "asked", "last", "earlier", "later",
                  "however", "meanwhile", "yesterday", "today", "also", "still", "but", "and", "so", "yet",
                  "instead", "indeed", "now", "then", "there", "here", "once", "asked", "responding", "writing",
                  "addressing", "talking", "nevertheless", "moreover", "furthermore", "still", "thus", "therefore",
                  "in addition", "finally", "first", "second", "overall", "separately", "elsewhere", "where",
                  "what", "why", "how", "whether", "that", "this", "these", "those", "it", "not", "never", "who",
                  "which", "whom", "whose", "throughout", "across", "among", "amid", "within", "around",
                  "against", "near", "into", "through", "until", "towards", "toward", "upon", "about", "beyond",
                  "behind", "between", "per", "via", "of", "to", "than", "like", "unlike", "whereas"}
_CONNECTIVES = {"and", "but", "so", "yet", "or", "then", "while", "as", "because", "although", "though", "when",
                "if", "meanwhile", "however", "still", "now", "instead", "indeed", "also", "nor", "plus"}
# What starts an apposition after a comma (X, who led ..., said; X, a spokesman for Y, said).
_APPOSITION = regex.compile(r"(?:who|which|whose|like|including|such\s+as|a|an|the|one|two|three|both|all|"
                            r"his|her|their|its|now|then|formerly|himself|herself|themselves|together\s+with|"
                            r"along\s+with|\p{Ll}+\s+(?:of|for|at|to|with|in)|\d+|\p{Lu}[\p{L}\p{M}.’'-]*|"
                            # chief UK economist at X, former minister, senior official (not adding ..., said ...)
                            r"(?!\p{Ll}+(?:ing|ed)(?![\p{L}\p{M}]))\p{Ll}+(?=(?:\s+[\p{L}’'-]+){1,9}[\s.!?]*$))"
                            r"(?![\p{L}\p{M}])")
# A time or a setting after the verb, before what was said (said in a statement on Tuesday that).
_SETTING = regex.compile(
    r"(?:\s*,)?\s*(?:(?:earlier|later|today|yesterday|tonight|recently|previously|again|also|then|once|"
    r"separately|publicly|privately|repeatedly|afterwards|last\s+(?:week|month|year|night|\p{Lu}\p{Ll}+)|"
    r"this\s+(?:week|month|year|morning|afternoon|evening)|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|"
    r"evening|night))?|(?:in|at|during|on|via|through|to|with|before|after|from|over)\s+"
    r"(?:(?:a|an|the|his|her|their|its|our)\s+)?(?:[\p{L}\p{N}’'.&-]+\s+){0,5}?"
    r"(?:statement|interview|conference|briefing|speech|post|blog|note|letter|tweet|message|report|email|"
    r"e-mail|call|hearing|meeting|session|address|appearance|remarks?|video|broadcast|programme|program|show|"
    r"podcast|reporters|journalists|press|media|parliament|court|lawmakers|supporters|crowd|audience|"
    r"news\s+agency|television|radio|newspaper|website|[\p{Lu}][\p{L}’'.&-]*)))(?![\p{L}\p{M}])",
)
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$|[\"”’)])|\n")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr", "lt", "col", "capt",
                  "sgt", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep",
                  "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "pres", "gov", "u.s", "u.k", "e.g", "i.e",
                  "fig", "approx", "dept", "est", "vol", "op", "cf", "al"}
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'.&-]*")


def english_attributions(text: str, quotes: list[tuple[int, int]], used_quotes: set, add, link) -> None:
    """Adds the attributions of English sentences in ``text`` through ``add`` and ``link``
    (as the detector's own rules do), using quotations not in ``used_quotes`` (and marking
    the ones it takes)."""
    cues = list(_CUE.finditer(text))
    if not cues:
        return  # (most Arabic documents: no sentences or single quotes to find)
    quotes = sorted(set(quotes) | set(_single_quotes(text, quotes)))
    sentences = _sentences(text, quotes)
    starts = [s for s, _e in sentences]
    cues = [m for m in cues if not _inside(quotes, m.start(), m.end())]
    by_sentence: dict[int, list] = {}
    for m in cues:
        k = bisect.bisect_right(starts, m.start()) - 1
        by_sentence.setdefault(k, []).append(m)
    for k, found in by_sentence.items():
        _sentence(text, quotes, used_quotes, sentences[k], found, add, link)


def _single_quotes(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """‘...’ outside double quotations: the closing ’ is one no letter follows (not don’t, Iran’s)."""
    out = []
    for m in regex.finditer(r"(?<![\p{L}\p{N}])‘(?=\S)", text):
        if _inside(quotes, m.start(), m.end()):
            continue
        close = _SINGLE_CLOSE.search(text, m.end(), _line_end(text, m.end(), m.end() + 2000))
        if close is not None and not _inside(quotes, close.start(), close.end()):
            out.append((m.end(), close.start()))
    return out


_SINGLE_CLOSE = regex.compile(r"(?<=\S)’(?![\p{L}\p{N}])")


def _line_end(text: str, at: int, limit: int) -> int:
    """The end of the line ``at`` is in, looked for up to ``limit`` (a quotation is no longer)."""
    end = text.find("\n", at, limit)
    return min(len(text), limit) if end < 0 else end


def _inside(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect.bisect_right(quotes, (start, float("inf"))) - 1
    return k >= 0 and quotes[k][0] <= start and end <= quotes[k][1]


def _sentences(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans: not ended inside a quotation, after an abbreviation (Mr., U.S.) or an initial."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() != "\n":
            if _inside(quotes, m.start(), m.start() + 1):
                # He called it "a blip." The minister said ...: a full stop that closes the quotation
                # closes its sentence too when the next one starts after it (not "a blip," he said)
                closing = bisect.bisect_left(quotes, (m.start() + 2,)) - 1
                if not (closing >= 0 and quotes[closing][1] == m.start() + 1
                        and regex.match(r"\s+[\"“‘]?\p{Lu}", text[m.start() + 2:m.start() + 6])):
                    continue
                if m.start() + 2 > start:
                    out.append((start, m.start() + 2))
                start = m.start() + 2
                continue
            word = regex.search(r"([\p{L}.]+)$", text[max(0, m.start() - 12):m.start()])
            if word and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS
                         or regex.fullmatch(r"(?:\p{L}\.)+\p{L}", word.group(1))):
                continue
            following = regex.match(r"[\"”’)]*\s+(\S)", text[m.end():m.end() + 8])
            if following and following.group(1).islower():
                continue  # "... the U.S. economy", "5 p.m. on Monday"
        end = m.start() + (0 if m.group() == "\n" else 1)
        if end > start:
            out.append((start, end))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def _words_of(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text[start:end])]


def _sentence(text, quotes, used_quotes, sentence, cues, add, link) -> None:
    s_start, s_end = sentence
    k = bisect.bisect_left(quotes, (s_start + 1, -1))
    in_sentence = []
    while k < len(quotes) and quotes[k][0] <= s_end:
        if quotes[k][1] <= s_end + 1 and quotes[k] not in used_quotes:
            in_sentence.append(quotes[k])
        k += 1
    last_speaker = None
    taken: list[tuple[int, int]] = []  # content and speakers found in this sentence, sorted
    taken_parts: set[tuple[int, int]] = set()
    cue_starts = [m.start() for m in cues]
    for index, m in enumerate(cues):
        c_start, c_end = m.start(), m.end()
        if _covered(taken, c_start):
            continue  # inside what someone said, or inside a speaker's name
        # Each cue looks at a bounded stretch of its sentence, so that a sentence that never ends
        # (a long list, text without full stops) costs time in proportion to its length.
        w_start = s_start if c_start - s_start <= _LOOK_BACK else _word_edge(text, c_start - _LOOK_BACK)
        w_end = s_end if s_end - c_end <= _LOOK_AHEAD else _word_edge(text, c_end + _LOOK_AHEAD)
        first = bisect.bisect_left(in_sentence, (w_start + 1, -1))
        last = bisect.bisect_right(in_sentence, (w_end, float("inf")))
        local = [q for q in in_sentence[first:last] if q[1] <= w_end + 1]
        later = cues[index + 1:bisect.bisect_left(cue_starts, w_end)]
        word = regex.sub(r"\s+", " ", m.group().lower())
        opening = not text[_floor(text, local, w_start, c_start):c_start].strip(" \"“‘(")
        if m.group()[0].isupper() and not opening:
            continue  # the United States, State Department: a name, not a verb
        if word.endswith("ing") and not opening and not regex.search(r"(?:,|quoted\s+as|\bby)\s*$",
                                                                    text[w_start:c_start]):
            continue  # a message explaining why ...: the noun's, not a speaker's
        if word.startswith("according"):
            result = _according_to(text, w_start, w_end, c_start, c_end, local, taken_parts)
        else:
            if _is_noun(text, w_start, c_start, word):
                continue
            quote_only = word not in _SPEECH
            result = _verb(text, w_start, w_end, c_start, c_end, word, quote_only, local, later, last_speaker,
                           taken_parts)
        if result is None:
            continue
        speaker_range, parts, kind = result
        cue = add("cue", "CUE", c_start, c_end)
        speaker = None
        if speaker_range is not None and speaker_range[1] > speaker_range[0]:
            speaker = add("speaker", "SPEAKER", *speaker_range)
            bisect.insort(taken, tuple(speaker_range))
        elif kind == "participle":
            speaker = last_speaker
        previous = None
        for part in parts:
            quote = add("quote", "QUOTE", *part)
            if quote is None:
                continue
            for q in local:
                if part[0] <= q[0] and q[1] <= part[1] + 1 or q == (part[0], part[1]):
                    used_quotes.add(q)
            bisect.insort(taken, (part[0], part[1]))
            taken_parts.add((part[0], part[1]))
            link("said_by", quote, speaker)
            link("cued_by", quote, cue)
            if previous is not None:
                link("continues", quote, previous)
            previous = quote
        if speaker is not None:
            last_speaker = speaker


_ONLY_COMMAS = regex.compile(r"[\s,]*")
_LOOK_BACK, _LOOK_AHEAD = 600, 1500  # characters a cue looks at before and after it


def _word_edge(text: str, at: int) -> int:
    """``at`` moved forward to the start of a word (a stretch never starts inside one)."""
    m = regex.compile(r"(?<![\p{L}\p{M}\p{N}])").search(text, at, min(len(text), at + 40))
    return m.start() if m else at


def _covered(taken: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of the sorted ranges (each within one cue's stretch)."""
    k = bisect.bisect_right(taken, (at, float("inf"))) - 1
    while k >= 0 and taken[k][0] >= at - _LOOK_BACK - _LOOK_AHEAD - 100:
        if taken[k][0] <= at < taken[k][1]:
            return True
        k -= 1
    return False


def _is_noun(text: str, s_start: int, c_start: int, word: str) -> bool:
    """the claims, his remarks, a major report, disparaging comments: a noun, not a verb."""
    before = regex.search(r"([\p{L}’'\d]+)[^\S\n]*$", text[max(s_start, c_start - 24):c_start])
    if before is None:
        return False
    prior = before.group(1).lower()
    if prior in _DETERMINERS:
        return True
    base = _SPEECH.get(word) or _QUOTE_ONLY.get(word, word)
    if base not in _NOUNS_TOO or word.endswith(("ed", "ing")) or word in ("said", "told"):
        return False
    if word == base:  # report, claim: a verb after they/we, a plural, or a modal (analysts note ...)
        return not (prior in _PRONOUNS or prior in _AUXILIARIES or prior in ("to", "also", "often", "now")
                    or (prior.endswith("s") and not prior.endswith("ss")))
    return prior.endswith(("ing", "ed")) or prior in ("and", "or", "of", "for", "with", "by", "in", "on", "new")


def _floor(text: str, quotes, s_start: int, at: int) -> int:
    """Where the clause before ``at`` may begin: after the last quotation, colon, semicolon or
    dash before it in the sentence."""
    floor = s_start
    for q_start, q_end in quotes:
        if q_end < at and q_end + 1 > floor:
            floor = q_end + 1
    mark = regex.search(r".*(?:[:;]|\s[—–]\s|\s--\s)", text[floor:at], regex.DOTALL)
    return floor + mark.end() if mark else floor


def _strip_between(text: str, start: int, end: int) -> int:
    """The end of the subject before its verb, past has/also/later ... and "was quoted as"."""
    while True:
        words = _words_of(text, start, end)
        tail = regex.search(r"(?:\s+(?:was|were|is|has\s+been|had\s+been)\s+quoted\s+as\s*)$", text[start:end])
        if tail:
            end = start + tail.start()
            continue
        if words and words[-1][2].lower() in _BETWEEN and len(words) > 1:
            end = words[-1][0]
            continue
        while end > start and text[end - 1].isspace():
            end -= 1
        return end  # (a comma before the verb stays: it closes an apposition)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without white space and the punctuation that does not belong to a name at either edge."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-\"“”‘’'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-\"“”‘’'"):
        end -= 1
    word = regex.search(r"[\p{L}.]+$", text[start:end])
    last = word.group() if word else ""
    if last.endswith(".") and not (len(last) == 2 or last[:-1].lower() in _ABBREVIATIONS
                                   or regex.fullmatch(r"(?:\p{L}\.)+", last)):
        end -= 1  # the sentence's full stop, not an abbreviation's (Jr., B.C.)
    return start, end


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at commas and dashes that stand outside brackets."""
    out, depth, begin = [], 0, start
    k = start
    while k < end:
        ch = text[k]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == "," or (ch in "—–" and text[k - 1:k].isspace())
                             or (text[k:k + 2] == "--")):
            out.append((begin, k))
            begin = k + (2 if text[k:k + 2] == "--" else 1)
            k = begin
            continue
        k += 1
    out.append((begin, end))
    return out


def _first_word(text: str, start: int, end: int) -> str:
    words = _words_of(text, start, end)
    return words[0][2].lower() if words else ""


def _looks_like_clause(text: str, start: int, end: int) -> bool:
    """Whether a stretch holds a verb of its own (the talks failed; prices will rise)."""
    for _s, _e, word in _words_of(text, start, end):
        low = word.lower()
        if low in ("is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should",
                   "may", "might", "must", "did", "does", "do", "said", "says") \
                or (word.endswith("ed") and len(word) > 4 and word[0].islower()):  # (not United, Red)
            return True
    return False


def _subject(text: str, floor: int, c_start: int) -> tuple[tuple[int, int] | None, int]:
    """The speaker before the verb, and where the clause before it ends (the content of a
    postposed attribution runs to there): the last stretch before the verb, or, when a comma
    stands before the verb, the noun phrase and its apposition (X, who ..., said)."""
    end = _strip_between(text, floor, c_start)
    if end <= floor:
        return None, floor
    segments = _segments(text, floor, end)
    apposition = not text[segments[-1][0]:segments[-1][1]].strip() and len(segments) > 2
    if len(segments) == 2 and not text[segments[-1][0]:segments[-1][1]].strip() \
            and all(not w[2][0].islower() for w in _words_of(text, *segments[0])):
        segments = segments[:1]  # Hims & Hers (HIMS.N), said ...: a stray comma after a name
    if apposition and len(segments) > 2 and _PARENTHETICAL.fullmatch(text[segments[-2][0]:segments[-2][1]].strip()):
        segments = segments[:-2]  # Some analysts, however, said ...: the subject before "however"
        end = segments[-1][1]
        apposition = False
    if apposition:
        segments = segments[:-1]
        first = len(segments) - 1
        while first > 0 and len(segments) - first < 4:
            prev = segments[first - 1]
            head = _first_word(text, *prev)
            if not head or head in _NOT_A_SUBJECT or _looks_like_clause(text, *prev) \
                    or len(_words_of(text, *prev)) > 12:
                break
            appended = text[segments[first][0]:segments[first][1]].lstrip()
            if not _APPOSITION.match(appended) or (
                    not regex.match(r"(?:who|which|whose|like|including|such\s+as)(?![\p{L}\p{M}])", appended)
                    and _looks_like_clause(text, *segments[first])):
                break  # "Prices rose, the economy has grown, ...": clauses, not a name and its apposition
            first -= 1
        if first == len(segments) - 1:
            return None, floor  # "..., the minister, said": no head to the apposition
        start = segments[first][0]
    else:
        start = segments[-1][0]
    clause_end = start
    words = _words_of(text, start, end)
    while words and words[0][2].lower() in _CONNECTIVES:
        words = words[1:]
    if not words:
        return None, floor
    head = words[0][2].lower()
    if head in ("who", "which") and len(words) == 1 and len(segments) > 1 and not apposition:
        return _antecedent(text, *segments[-2]), floor  # the opposition, which said ...: the opposition
    dated = _DATE_FIRST.match(text, words[0][0], end)
    if dated and not apposition:  # In 1538 the Inquisition cautioned ...: the date is not the speaker's
        words = [w for w in words if w[0] >= dated.end()]
        if not words:
            return None, floor
        head = words[0][2].lower()
    if head in _NOT_A_SUBJECT or len(words) > 30 or (not apposition and len(words) > 14):
        return None, floor
    # ... and not a clause of its own before the subject: "I looked, and she said" has the comma
    if not apposition:
        for k in range(len(words) - 1, 0, -1):
            if words[k][2].lower() in ("and", "but", "or", "so", "yet") and _looks_like_clause(text, words[0][0],
                                                                                          words[k][0]):
                words = words[k + 1:]
                break
        if not words or _looks_like_clause(text, words[0][0], words[-1][1]):
            return None, floor
    return _trim(text, words[0][0], end), clause_end


_IRREGULAR_PAST = set("""left went made took gave found met came saw held kept spoke wrote read sent brought began
ran won lost got became put set cut hit led paid sought thought felt heard stood rose fell grew drew threw
struck""".split())
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_FIRST = regex.compile(r"(?:In|On|At|By|Since|During|Until|After|Before|Last|This|Earlier|Later)\s+"
                            r"(?:\d{3,4}s?|the\s+\d{3,4}s|(?:" + _MONTHS + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?|"
                            r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|week|month|year|"
                            r"(?:the\s+)?(?:morning|afternoon|evening|night))\s+(?=\S)")


_PARENTHETICAL = regex.compile(r"(?i)however|meanwhile|though|too|also|in\s+turn|for\s+example|for\s+instance|"
                               r"for\s+(?:his|her|their|its)\s+part|instead|in\s+contrast|by\s+contrast|"
                               r"though|moreover|nonetheless|nevertheless|meanwhile|still|again|in\s+particular|"
                               r"on\s+the\s+other\s+hand|of\s+course|in\s+fact|indeed|separately")


def _verb_with_object(words) -> bool:
    """Whether words hold a finite verb: an auxiliary, or a past tense before its object
    (the data overstated the strength), not an adjective (unlimited data customer)."""
    for k, w in enumerate(words):
        low = w[2].lower()
        if low in _AUXILIARIES or low in ("said", "says"):
            return True
        if (low.endswith("ed") or low in _IRREGULAR_PAST) and w[2][0].islower() and k + 1 < len(words) \
                and words[k + 1][2].lower() in ("the", "a", "an", "that", "to", "by", "its", "their", "his", "her",
                                                "our", "this", "these", "those", "some", "no"):
            return True
    return False


def _antecedent(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends a stretch (welcomed by the opposition → the opposition)."""
    words = _words_of(text, start, end)
    picked = []
    for word in reversed(words):
        low = word[2].lower()
        if low in _AUXILIARIES or low in ("by", "from", "to", "with", "for", "on", "in", "at", "and", "but", "said",
                                          "told", "quoted", "cited", "as", "than", "that") \
                or (word[2].endswith("ed") and word[2][0].islower()) or len(picked) >= 8:
            break
        picked.append(word)
        if low in ("the", "a", "an", "its", "their", "his", "her"):
            break
    return (picked[-1][0], picked[0][1]) if picked else None


def _speaker_after(text: str, at: int, s_end: int) -> tuple[int, int] | None:
    """The speaker after the verb (said Joe Smith, a spokesman for X): up to a preposition, a
    time or the sentence's end, with an apposition after one comma."""
    stops = {"in", "on", "at", "from", "during", "after", "before", "to", "told", "when", "while", "last", "this",
             "yesterday", "today", "earlier", "later", "as", "who", "which", "via", "with", "speaking", "adding",
             "that", "and", "but", "where", "because", "though", "although", "if", "according", "recently"}
    words = _words_of(text, at, min(s_end, at + 400))  # (a name and its apposition are shorter)
    if not words or not (words[0][2][0].isupper() or words[0][2].lower() in ("the", "a", "an", "one")
                         or any(w[2][0].isupper() for w in words[1:3])):  # admitted coach Luis Enrique
        return None
    if regex.match(r"[^\S\n]*[,;:]", text[at:words[0][0]]):
        return None
    end = words[0][1]
    for w_start, w_end, word in words[1:]:
        between = text[end:w_start]
        if word.lower() in stops or regex.search(r"[,;:—–(\"“”]|--", between):
            break
        end = w_end
    close = regex.match(r"\s*\([^()\n]{1,30}\)", text[end:s_end])  # Canadian Blood Services (CBS)
    if close:
        end += close.end()
    comma = regex.match(r"\s*,\s*", text[end:s_end])
    if comma:  # said Joe Smith, president of X, on Tuesday: the apposition, not the time
        rest_start = end + comma.end()
        segment_end = min((p for p in (text.find(",", rest_start, s_end), text.find(";", rest_start, s_end))
                           if p >= 0), default=s_end)
        segment_end = min(segment_end, s_end)
        head = _first_word(text, rest_start, segment_end)
        if head and _APPOSITION.match(text[rest_start:segment_end]) and head not in _NOT_A_SUBJECT \
                and not _SETTING.match(text, rest_start, segment_end) and head not in stops:
            end = segment_end
    return _trim(text, at, end)


def _addressee_end(text: str, at: int, s_end: int) -> int:
    """Past whom it was said to (told reporters, told the BBC, assured them)."""
    that = regex.match(r"((?:[^\S\n]+[\p{L}\p{N}’'.&-]+){1,8}?)\s+that(?![\p{L}\p{M}])", text[at:s_end])
    if that and "," not in that.group(1):
        return at + that.end(1)
    obj = regex.match(r"\s+(?:him|her|them|us|me|you|reporters|journalists|lawmakers|supporters|parliament|"
                      r"staff|police|congress|employees|workers|investors|voters|residents|students|delegates|members|"
                      r"officials|colleagues|parents|fans|listeners|viewers|readers|customers|"
                      r"(?:(?:the|a|an|his|her|their|its|our)\s+)?(?:[\p{Lu}][\p{L}’'.&-]*\s*)+(?:’s|'s)?|"
                      r"(?:the|his|her|their|its|our)\s+[\p{L}-]+)(?![\p{L}\p{M}])", text[at:s_end])
    return at + obj.end() if obj else at


def _past_setting(text: str, at: int, s_end: int) -> int:
    while True:
        m = _SETTING.match(text, at, s_end)
        if m is None or m.end() == at:
            return at
        at = m.end()


def _content_after(text: str, at: int, s_end: int, stop: int, base: str) -> tuple[int, int, bool] | None:
    """What follows the verb: a clause (with or without "that"), to the sentence's end or the
    next attribution; and whether it came after a colon."""
    colon = regex.match(r"\s*:\s*", text[at:s_end])
    if colon:
        start = at + colon.end()
        end = min(stop, s_end)
        start, end = _trim_content(text, start, end)
        return (start, end, True) if len(_words_of(text, start, end)) >= 2 else None
    # (said in the programme Salvados that ...: the programme's name before "that")
    that = regex.match(r"\s*,?\s*(?:\p{Lu}[\p{L}\p{M}’'.-]*\s+){0,4}that(?![\p{L}\p{M}])\s*", text[at:s_end])
    start = at + that.end() if that else at
    end = min(stop, s_end)
    next_act = _NEXT_ACT.search(text, start, end)
    if next_act and not _inside(_quotes_of(text, start, end), next_act.start(), next_act.end()):
        end = next_act.start() + (2 if text[next_act.start() + 1] in "\"”’" else 0)  # (a closing mark stays)
    start, end = _trim_content(text, start, end)
    words = _words_of(text, start, end)
    if len(words) < 3:
        return None
    first = words[0][2].lower()
    if not that and base not in _CLAUSE_WITHOUT_THAT:
        return None  # announced a new tool, wrote a letter: a thing, not what was said
    nominal = base in ("warn", "caution", "complain") and first in ("about", "against", "of")
    if not that and base != "say" and not nominal and not (first in _PRONOUNS or first == "there"
                                                           or _clause_like(words)):
        return None  # the city reports thunder on seven days a year
    if not that:
        if regex.match(r"\s*[,;]", text[at:words[0][0]]):
            return None  # "..., he said, and left": not what he said
        if first in ("to", "so", "as", "by", "for", "with", "at", "in", "on", "into", "from", "of", "than", "and",
                     "but", "or", "up", "out", "off", "down", "back", "more", "nothing", "something", "anything",
                     "goodbye", "hello", "yes", "no", "sorry", "thanks", "it", "this", "is", "was", "were", "are",
                     "be", "been", "being", "has", "have", "had", "will", "would", "not"):
            if not (base in ("warn", "caution", "complain") and first in ("about", "against", "of")) \
                    and not (first == "it" and len(words) > 2
                                                                        and words[1][2].lower() in ("is", "was",
                                                                                                    "would", "will",
                                                                                                    "has", "had")):
                return None
    return start, end, False


# What the speaker did besides speaking, after the content (..., but declined to give details).
_NEXT_ACT = regex.compile(r",?\s+(?:but|and)\s+(?:\p{Ll}+ly\s+)?(?:declined|refused|would\s+not|did\s+not|didn[’']t|"
                          r"gave\s+no|offered\s+no|provided\s+no|stopped\s+short|did\s+not|was\s+not\s+available|"
                          r"could\s+not\s+be\s+reached)(?![\p{L}\p{M}])|"
                          # ..., signalling that ...: what the words did, not more of them
                          r",[\"”’]?\s+(?:signall?ing|citing|referring|calling\s+(?:for|on)|urging|vowing|pledging|"
                          r"accusing|blaming|dismissing|defending|describing|prompting|sparking)(?![\p{L}\p{M}])")


def _quotes_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The double quotations inside [start, end), for what a rule must not cut through."""
    out, open_at = [], None
    for m in regex.finditer(r"[\"“”]", text[start:end]):
        if open_at is None and m.group() != "”":
            open_at = start + m.end()
        elif open_at is not None and m.group() != "“":
            out.append((open_at, start + m.start()))
            open_at = None
    return out


def _clause_like(words) -> bool:
    """Whether words hold a verb that an auxiliary, a modal or a past tense shows."""
    return any(w[2].lower() in _AUXILIARIES or (w[2].endswith("ed") and len(w[2]) > 4 and w[2][0].islower())
               or w[2].lower().endswith(("n’t", "n't")) for w in words)


def _trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    if text[end - 2:end] == "--":
        end -= 2
    return start, end


def _next_stop(text: str, later_cues, s_end: int, at: int = 0) -> int:
    """Where content after a verb stops: at a later attribution in the sentence that a comma
    opens (..., adding that; ..., the minister said; ..., according to X)."""
    for m in later_cues:
        comma = text.rfind(",", at, m.start())
        if comma < 0:
            continue
        between = text[comma + 1:m.start()]
        if m.group().lower().endswith("ing") or m.group().lower().startswith("according") \
                or (len(between.split()) <= 6 and not _looks_like_clause(text, comma + 1, m.start())):
            return comma
    return s_end


def _with_quote_type(text: str, quotes, start: int, end: int, after_colon: bool) -> tuple[int, int, dict]:
    inner = [q for q in quotes if start <= q[0] - 1 and q[1] + 1 <= end + 1]
    if len(inner) == 1 and inner[0][0] - 1 <= start and inner[0][1] + 1 >= end:
        return inner[0][0], inner[0][1], {"type": "direct" if after_colon else "mixed"}
    marked = any(ch in text[start:end] for ch in "\"“”‘’") and regex.search(r"[\"“‘]\S", text[start:end])
    return start, end, {"type": "direct" if after_colon else "mixed" if marked else "indirect"}


def _sentence_subject(text: str, s_start: int, at: int) -> tuple[int, int] | None:
    """Who a sentence is about, for a participle after its comma (She left, saying ...): a
    pronoun or a name opening it, or "the" and its noun."""
    words = _words_of(text, s_start, at)
    while words and words[0][2].lower() in _CONNECTIVES:
        words = words[1:]
    if not words:
        return None
    first = words[0][2]
    if first.lower() in _PRONOUNS:
        return words[0][0], words[0][1]
    if first.lower() in _NOT_A_SUBJECT or _DATE_FIRST.match(text, words[0][0]):
        return None
    picked = []
    for w in words[:8]:  # up to its verb: Opposition leader Kemi Badenoch dismissed ...
        low = w[2].lower()
        if picked and w[2][0].islower() and (low in _AUXILIARIES or low in _IRREGULAR_PAST or low in _SPEECH
                                            or low in _QUOTE_ONLY or (low.endswith("ed") and len(low) > 3)):
            break
        picked.append(w)
    else:
        return None  # no verb found where a subject would end
    return picked[0][0], picked[-1][1]


def _verb(text, s_start, s_end, c_start, c_end, word, quote_only, quotes, later_cues, last_speaker, taken):
    """A reporting verb's speaker range, quotation parts (start, end, attrs) and kind."""
    base = _SPEECH.get(word) or _QUOTE_ONLY.get(word, word)
    floor = _floor(text, quotes, s_start, c_start)
    lead = text[floor:c_start]
    passive = regex.search(r"(?<![\p{L}])(?:is|was|were|are|be|been|being)\s+(?:\p{L}+ly\s+)?$", lead,
                           regex.IGNORECASE) is not None and not word.endswith(("s", "ing"))
    participle = word.endswith("ing") and not regex.search(r"quoted\s+as\s*$", lead)
    if regex.search(r"(?<![\p{L}])(?:not|never|cannot|nobody|no\s+one|neither|nor)\s+(?:\p{L}+\s+){0,2}$|n[’']t\s+"
                    r"(?:\p{L}+\s+)?$", lead, regex.IGNORECASE):
        return None  # has not said when ...; nobody can tell what ...: nothing was said
    if regex.fullmatch(r"\s*[Aa]s\s+(?:(?:previously|already|earlier|widely|first|recently)\s+)?", lead):
        return _as_reported(text, quotes, c_end, s_end, later_cues, word)
    if passive:
        if regex.match(r"\s+to\s", text[c_end:c_end + 4]):
            return None  # he is said to be: no one named, nothing reported
        speaker_range = None
    elif participle:
        speaker_range = None
    else:
        speaker_range, clause_end = _subject(text, floor, c_start)
    inverted = None
    quote_before = None
    # the quotation just before: "...," she said / "...," said Smith (only the nearest can be)
    q = next((q for q in reversed(quotes) if q[1] < c_start), None)
    if q is not None and q[0] > s_start - 1 and q not in taken:
        if _ONLY_COMMAS.fullmatch(text, q[1] + 1, c_start):
            quote_before = q
            inverted = True
        elif speaker_range is not None and not passive and not participle \
                and _ONLY_COMMAS.fullmatch(text, q[1] + 1, speaker_range[0]):
            quote_before = q
    after = c_end
    if inverted or (quote_before is None and speaker_range is None and not passive and not participle):
        candidate = _speaker_after(text, c_end, s_end)
        if word == base and base != "say":
            candidate = None  # "..., add a connective": a verb's object, not its speaker (said X, say experts)
        elif candidate is not None and _verb_with_object(_words_of(text, *candidate)):
            candidate = None  # ..., said the data overstated ...: what was said, not who said it
        if candidate is not None and (inverted or _postposed(text, floor, c_start)):
            speaker_range, after = candidate, candidate[1]
            inverted = True
    if speaker_range is None and not passive and not participle and not inverted and quote_before is None \
            and regex.search(r"(?<![\p{L}])(?:and|but)\s+(?:(?:then|later|also)\s+)?$", lead):
        # X dismissed the figures as "a blip" and said ...: the sentence's subject said it too
        speaker_range = _sentence_subject(text, s_start, c_start)
    if participle and speaker_range is None and last_speaker is None:
        opening = not text[floor:c_start].strip()
        if opening:  # Warning that ..., he urged ...: the subject after the content's comma
            return _opening_participle(text, c_end, s_end, quotes)
        speaker_range = _sentence_subject(text, s_start, c_start)
    if base in _TO_SOMEONE and not passive:
        after = _addressee_end(text, after, s_end)
    after = _past_setting(text, after, s_end)
    parts: list[tuple[int, int, dict]] = []
    if quote_before is not None:
        lead_start = _floor(text, [q for q in quotes if q[1] < quote_before[0]], s_start, quote_before[0])
        lead_in = text[lead_start:quote_before[0] - 1]
        if len(lead_in.split()) >= 2 and not lead_in.rstrip().endswith((":", ",")) and not _CUE.search(lead_in):
            start, _ = _trim_content(text, lead_start, quote_before[0])
            parts.append((start, quote_before[1] + 1, {"type": "mixed"}))  # The arrests are "a farce," he said
        else:
            parts.append((quote_before[0], quote_before[1], {"type": "direct"}))
    next_quote = next((q for q in quotes if q[0] > after and q not in taken), None)
    if next_quote is not None and regex.fullmatch(r"\s*[:,]?\s*", text[after:next_quote[0] - 1]):
        parts.append((next_quote[0], next_quote[1], {"type": "direct"}))  # He added: "..." / ", she said, "..."
        return speaker_range, parts, "participle" if participle else "verb"
    if parts:
        return speaker_range, parts, "verb"
    if quote_only:
        return None
    stop = _next_stop(text, later_cues, s_end, after)
    content = _content_after(text, after, s_end, stop, base)
    if content is not None:
        start, end, colon = content
        parts.append(_with_quote_type(text, quotes, start, end, colon))
        return speaker_range, parts, "participle" if participle else "verb"
    if passive or participle:
        return None
    # The content first: "The talks failed, the minister said." / "..., says Tarlo." / "X, he said, Y."
    if not inverted and speaker_range is None:
        return None
    before = text[floor:c_start if inverted else speaker_range[0]].rstrip()
    if not before.endswith(","):
        return None
    start, end = _trim_content(text, floor, floor + len(before) - 1)
    rest = regex.match(r"\s*,\s*", text[after:s_end])
    second = None
    if rest:  # There was a time, Mr Panvalkar said, when he felt ... / The talks, he said, were "productive."
        second = _trim_content(text, after + rest.end(), min(stop, s_end))
        if len(_words_of(text, *second)) < 2:
            second = None
    elif text[after:s_end].strip(" .!?\"”’") and not _CIRCUMSTANCE.match(text, after, s_end):
        return None  # said more after the verb that is not what was said
    if len(_words_of(text, start, end)) < (1 if second else 3):
        return None
    parts.append(_with_quote_type(text, quotes, start, end, False))
    if second is not None:
        parts.append(_with_quote_type(text, quotes, *second, False))
    return speaker_range, parts, "verb"


# When or where it was said, after the attribution (..., he told reporters following a vote).
# (in, at, on ... a place or an occasion are the setting's: _SETTING)
_CIRCUMSTANCE = regex.compile(r"\s*,?\s*(?:following|after|before|during|amid|ahead\s+of|outside|when|while|since|"
                              r"despite|late|early|evening|morning|afternoon|night)(?![\p{L}\p{M}])")


def _as_reported(text, quotes, c_end, s_end, later_cues, word):
    """As stated, ... / As reported by Reuters, ...: the content after the comma."""
    if not (word.endswith("ed") or word in ("said", "told", "written")):
        return None
    by = regex.match(r"\s+by\s+([^,]{1,80}?)\s*,", text[c_end:s_end])
    comma = by or regex.match(r"\s*,", text[c_end:s_end])
    if comma is None:
        return None
    start, end = _trim_content(text, c_end + comma.end(), _next_stop(text, later_cues, s_end, c_end + comma.end()))
    if len(_words_of(text, start, end)) < 3:
        return None
    speaker = (c_end + by.start(1), c_end + by.end(1)) if by else None
    return speaker, [_with_quote_type(text, quotes, start, end, False)], "verb"


def _postposed(text: str, floor: int, at: int) -> bool:
    """Whether a comma after a clause stands right before ``at`` (the content came first)."""
    before = text[floor:at].rstrip()
    if not before.endswith(","):
        return False
    return len(_words_of(text, floor, len(before) + floor)) >= 3


def _opening_participle(text, c_end, s_end, quotes):
    """Warning that the service was "under pressure," he urged ...: the content to the comma
    before the main clause's subject, which speaks."""
    that = regex.match(r"\s*that\s+", text[c_end:s_end])
    if that is None:
        return None
    start = c_end + that.end()
    for m in regex.finditer(r",[\"”’]?\s+", text[start:s_end]):
        subject = _sentence_subject(text, start + m.end(), s_end)
        if subject is not None:
            end = start + m.start() + (1 if text[start + m.start() + 1:start + m.start() + 2] in "\"”’" else 0)
            content = _with_quote_type(text, quotes, start, end + (1 if end > start + m.start() else 0), False)
            return subject, [content], "verb"
    return None


def _according_to(text, s_start, s_end, c_start, c_end, quotes, taken):
    """According to X, ... / ..., according to X."""
    floor = _floor(text, quotes, s_start, c_start)
    before = text[floor:c_start]
    if len(before.split()) >= 3:  # the content first
        start, end = _trim_content(text, floor, c_start)
        segment_end = min((p for p in (text.find(",", c_end, s_end), text.find(" -", c_end, s_end),
                                       text.find(" —", c_end, s_end)) if p >= 0), default=s_end)
        speaker = _trim(text, c_end, segment_end)
        if end - start < 2:
            return None
        return speaker, [_with_quote_type(text, quotes, start, end, False)], "source"
    comma = text.find(",", c_end, s_end)
    if comma < 0 or len(text[c_end:comma].split()) > 12:
        # no comma: the speaker ends where a new noun phrase starts (... on Roma the source of ...)
        boundary = regex.search(r"(?<=[\p{L}\p{N})])\s+(?=(?:the|a|an|this|these|its|their)\s)", text[c_end:s_end])
        prepositional = boundary and regex.search(r"(?:of|on|in|at|for|from|by|with|to|about)$",
                                                   text[c_end:c_end + boundary.start()])
        if boundary is None or prepositional:
            return None
        comma = c_end + boundary.start()
    speaker = _trim(text, c_end, comma)
    start, end = _trim_content(text, comma, s_end)
    if len(_words_of(text, start, end)) < 3:
        return None
    return speaker, [_with_quote_type(text, quotes, start, end, False)], "source"
