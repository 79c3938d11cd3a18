"""CoNLL-U: 10 tab-separated columns, ``# newdoc id``, ``# sent_id`` and ``# text``.

Two ways out:

* A document imported from a treebank is written back as it came: every comment, every line
  and all ten columns (lemmas, features, trees, multiword-token ranges, empty nodes), with
  only the entity key of MISC replaced by its spans' tags. Entities sit on syntactic words,
  also inside multiword tokens (بموجبه = ب + موجب + ه; للحكومة = ل + الحكومة), so NER merges
  back into the treebank.
* Any other document is written PUD-style: clitics split by the policy are separate tokens
  with ``SpaceAfter=No`` (not multiword ranges), so offsets stay recoverable from ``# text``;
  lemmas, POS and trees are ``_``.

Tags go to MISC as ``NER=B-X`` (``--misc-key NE`` writes what ``spacy convert -c conllu``
reads); other layers as ``<Layer>=B-X`` (``Quote=B-QUOTE``). Lines are written directly: the
``conllu`` library's serializer cost 4 s per 500,000 tokens, more than everything else in
the export; the tests parse our output with ``conllu``.

Import takes text from ``# text``, finds each surface token in it (ranges for multiword
tokens, words outside ranges), follows ``SpaceAfter=No``/``SpacesAfter``, and reads tags from
MISC (``NER=``, ``NE=`` or ``ner=``, or the key given; IOB or BIOES) on syntactic words. The
sentences' comments and lines are kept in the document's meta for the way back. Sentences of
one document are joined by line breaks. The parser is our own (not ``conllu.parse``) so that
every error names its line.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from json import dumps as _dumps
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, EncodedJSON, JSONItems, Span
from annotator.core.offsets import is_grapheme_boundary
from annotator.core.tagging import align, decode_tags, tag_layer
from annotator.formats import RecordError, layer_for_label, numbered_text_lines
from annotator.formats.export import (ExportDoc, ExportOptions, ExportReport, PlainTokens, plain_tokens, token_layers,
                                      tokenized, write_rendered)

_ESCAPES = {" ": "\\s", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\"}
_UNESCAPES = {"s": " ", "t": "\t", "r": "\r", "n": "\n", "\\": "\\"}
_SPACE_MISC = {" ": "", "": "SpaceAfter=No|"}
# MISC keys other tools use for named entities: ours and Flair's (NER), spaCy's (NE).
ENTITY_KEYS = ("NER", "NE", "ner")
_SPACY_LABEL = re.compile(r"[A-Z_]+")  # spaCy's conllu converter: ^((?:name|NE)=)?([BILU])-([A-Z_]+)


def _spaces_after(gap: str) -> str:
    return "SpacesAfter=" + "".join(_ESCAPES.get(ch, ch) for ch in gap) + "|"


def misc_key(layer: str, entity_key: str = "NER") -> str:
    return entity_key if layer == "entity" else layer.capitalize()


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    write_rendered(docs, out, options, report, render)


def render(doc: ExportDoc, options: ExportOptions) -> tuple[str, list, list]:
    """One document as CoNLL-U sentences, with the notes and messages of its alignment."""
    report = ExportReport()
    layers = token_layers(options)
    if doc.first_sentence == 0:  # what is said of the whole document (a long one's first run says it)
        whole = doc.whole or doc
        if whole.text != unicodedata.normalize("NFC", whole.text):
            report.messages.append(f"{doc.doc_id}: the text is not NFC, which CoNLL-U requires "
                                   "(import with --nfc to normalise it)")
        if options.misc_key == "NE":
            odd = sorted({s.label for s in whole.spans
                          if s.layer == "entity" and not _SPACY_LABEL.fullmatch(s.label)})
            if odd:
                report.messages.append(f"spacy convert -c conllu reads only labels of A-Z and _ after NE=: "
                                       f"{', '.join(odd[:5])} will be O for it")
    treebank = _treebank_sentences(doc)
    if treebank is not None and not options.split_clitics:
        return _render_treebank(doc, treebank, options, layers, report), report.notes, report.messages
    sent_ids = _source_sent_ids(doc)
    plain = plain_tokens(doc, options, layers[0]) if len(layers) == 1 else None
    if plain is not None:  # no span changed beyond a cut token: no alignment needed
        report.notes.extend(plain.notes)
        out = _plain_lines(doc, plain, misc_key(layers[0], options.misc_key), sent_ids)
        plain = None  # the tokens go before the document's text is joined
        return "".join(out), report.notes, report.messages
    tok = tokenized(doc, options, layers, report)
    per_sentence = zip(tok.sentences, zip(*(tok.tags[layer] for layer in layers)))
    text = doc.text
    keys = [misc_key(layer, options.misc_key) for layer in layers]
    out: list[str] = []  # a sentence at a time, joined: a long document's lines are never all held
    for n, (sentence, layer_tags) in enumerate(per_sentence):
        if not sentence:
            continue
        number = doc.first_sentence + n  # in the whole document (see ExportDoc.first_sentence)
        lines = [f"# newdoc id = {doc.doc_id}"] if number == 0 else []
        sent_id = sent_ids[n] if sent_ids and n < len(sent_ids) and sent_ids[n] else f"{doc.doc_id}-{number + 1}"
        lines.append(f"# sent_id = {sent_id}")
        lines.append(f"# text = {text[sentence[0][0]:sentence[-1][1]]}")
        # MISC, built a sentence at a time with comprehensions (this loop runs per token).
        gaps = [text[b:c] for (_, b), (c, _) in zip(sentence, sentence[1:])]
        end = sentence[-1][1]
        spaces = [_SPACE_MISC[g] if g in _SPACE_MISC else _spaces_after(g) for g in gaps]
        spaces.append("SpaceAfter=No|" if end < len(text) and not text[end].isspace() else "")
        if len(layers) == 1:
            key, tags = keys[0], layer_tags[0]
            miscs = [f"{sp}{key}={tag}" for sp, tag in zip(spaces, tags)]
        else:
            columns = list(zip(keys, layer_tags))
            miscs = [sp + "|".join(f"{key}={tags[k]}" for key, tags in columns)
                     for k, sp in enumerate(spaces)]
        lines += [f"{k}\t{text[a:b]}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
                  for k, ((a, b), misc) in enumerate(zip(sentence, miscs), 1)]
        lines.append("")
        out.append("\n".join(lines))
    tok = per_sentence = None  # the tokens go before the document's text is joined
    return "\n".join(out) + ("\n" if out else ""), report.notes, report.messages


_MIDDLE = "\t_\t_\t_\t_\t_\t_\t_\t"  # the columns between FORM and MISC
_IDS_MADE = 4096  # the ID column of a sentence's first tokens is made once (_first_ids)


@cache
def _first_ids() -> list[str]:
    return [f"{k}\t" for k in range(1, _IDS_MADE + 1)]


def _plain_lines(doc: ExportDoc, plain: PlainTokens, key: str, sent_ids: list[str | None] | None) -> list[str]:
    """What :func:`render` writes of a document's tokens with one tag column (``key``) from
    :func:`plain_tokens`, as strings to join, each a run of up to _IDS_MADE tokens' lines
    joined in one step: the IDs (a sentence's header before its first), the forms, and the
    empty columns with MISC (a blank line after a sentence's last). Only a token with a tag or
    other than one space after it is visited, and each sentence in a few steps (the lines'
    f-strings and the text after each token made one by one were more than half of a CoNLL-U
    export's CPU; joining each sentence on its own was still half the time of news text,
    20 tokens a sentence)."""
    text = doc.text
    size = len(text)
    starts, ends, forms, tags = plain.starts, plain.ends, plain.forms, plain.tags
    count = len(forms)
    tagged = sorted(tags)
    untagged = f"{_MIDDLE}{key}=O\n"  # the empty columns, then MISC
    glued = f"{_MIDDLE}SpaceAfter=No|{key}=O\n"
    # (number, first token, after its last) of each sentence with tokens; they follow each other
    sentences = [(n, first, last) for n, (first, last) in enumerate(zip([0, *plain.sentence_ends],
                                                                          plain.sentence_ends)) if last > first]
    out: list[str] = []  # a run of tokens at a time: a long document's lines are never all held
    k = 0  # the first sentence not written to its end
    for a in range(0, count, _IDS_MADE):
        b = min(a + _IDS_MADE, count)
        # what follows each token: the text up to the next one (a sentence's last: below)
        if plain.gaps is None:
            gaps = list(map(text.__getitem__, map(slice, ends[a:b], starts[a + 1:b + 1])))
            if b == count:
                gaps.append("")
        else:  # (the split of an easy or a plain text made them)
            gaps = plain.gaps[a:b]
        ids: list[str] = []
        heads: list[tuple[int, str]] = []  # (token in the run, its sentence's header)
        lasts: list[int] = []  # the sentences' last tokens in the run
        while k < len(sentences) and sentences[k][1] < b:
            n, first, last = sentences[k]
            low, high = max(first, a) - first, min(last, b) - first  # the sentence's tokens in the run
            ids += _first_ids()[low:high] if high <= _IDS_MADE else map("{}\t".format, range(low + 1, high + 1))
            if first >= a:
                number = doc.first_sentence + n  # in the whole document
                sent_id = sent_ids[n] if sent_ids and n < len(sent_ids) and sent_ids[n] else \
                    f"{doc.doc_id}-{number + 1}"
                heads.append((first - a, (f"# newdoc id = {doc.doc_id}\n" if number == 0 else "")
                              + f"# sent_id = {sent_id}\n# text = {text[starts[first]:ends[last - 1]]}\n"))
            if last > b:
                break  # it goes on in the next run
            # after the sentence's last token, one space when white space or the text's end
            # follows (nothing said), else none
            end = ends[last - 1]
            gaps[last - 1 - a] = " " if end >= size or text[end].isspace() else ""
            lasts.append(last - 1 - a)
            k += 1
        miscs = [untagged] * (b - a)
        for i in itertools.compress(itertools.count(), map(" ".__ne__, gaps)):  # other than one space after it
            gap = gaps[i]
            miscs[i] = glued if not gap else f"{_MIDDLE}{_spaces_after(gap)}{key}=O\n"
        for index in tagged[bisect.bisect_left(tagged, a):bisect.bisect_left(tagged, b)]:
            gap = gaps[index - a]
            space = _SPACE_MISC[gap] if gap in _SPACE_MISC else _spaces_after(gap)
            miscs[index - a] = f"{_MIDDLE}{space}{key}={tags[index]}\n"
        for i, head in heads:
            ids[i] = head + ids[i]
        for i in lasts:
            miscs[i] += "\n"  # the blank line after a sentence
        out.append("".join(itertools.chain.from_iterable(zip(ids, forms[a:b], miscs))))
    return out


def _source_sent_ids(doc: ExportDoc) -> list[str | None] | None:
    if doc.source_sentences is None or not isinstance(doc.meta.get("conllu"), dict):
        return None
    return [s.get("sent_id") if isinstance(s, dict) else None for s in doc.meta["conllu"].get("sentences", [])]


# ----------------------------------------------------------------------------- treebanks


@dataclass
class _Unit:
    """A stretch of text that carries one tag: a syntactic word (inside a multiword token
    when its form can be found in the token), or a whole multiword token when it cannot."""

    start: int
    end: int
    rows: list[int]  # indexes of the word lines it tags, in order
    token_row: int | None = None  # the multiword token's range line, for a unit inside one


def _treebank_sentences(doc: ExportDoc) -> list[dict] | None:
    """The stored sentences of a treebank import, when the text is still theirs."""
    if doc.source_sentences is None:
        return None
    stored = doc.meta.get("conllu", {}).get("sentences") if isinstance(doc.meta.get("conllu"), dict) else None
    if not stored or not all(isinstance(s, dict) and isinstance(s.get("rows"), list) for s in stored):
        return None
    return stored


def word_pieces(surface: str, forms: list[str]) -> list[tuple[int, int]] | None:
    """Where each syntactic word of a multiword token lies in its surface form, or None.

    Words are matched from both ends (ب + موجب + ه); one word left in the middle takes what is
    left, which covers the letters the orthography merges (ل + الحكومة is written للحكومة,
    و + الإعلام is written والاعلام). Anything else is ambiguous: None."""
    pieces: list[tuple[int, int] | None] = [None] * len(forms)
    at, k = 0, 0
    while k < len(forms) and forms[k] and surface.startswith(forms[k], at):
        pieces[k] = (at, at + len(forms[k]))
        at += len(forms[k])
        k += 1
    end, j = len(surface), len(forms) - 1
    while j > k and forms[j] and surface.endswith(forms[j], 0, end) and end - len(forms[j]) >= at:
        pieces[j] = (end - len(forms[j]), end)
        end -= len(forms[j])
        j -= 1
    if j == k and k < len(forms):  # one word in the middle: the letters left
        if at >= end:
            return None
        pieces[k] = (at, end)
    elif at != end:
        return None
    return pieces if all(p is not None and p[0] < p[1] for p in pieces) else None


def _units(rows: list[list[str]], tokens: list[tuple[int, int]], text: str) -> list[_Unit]:
    """The taggable units of one sentence, from its lines and its surface tokens' offsets."""
    units: list[_Unit] = []
    surface = -1
    covered_until = 0
    mwt: list[int] = []  # word rows of the open multiword token
    mwt_token: tuple[int, int] | None = None
    mwt_row = -1

    def close_mwt():
        a, b = mwt_token
        pieces = word_pieces(text[a:b], [rows[r][1] for r in mwt])
        if pieces is not None and all(is_grapheme_boundary(text, a + p) for piece in pieces for p in piece):
            units.extend(_Unit(a + s, a + e, [r], mwt_row) for r, (s, e) in zip(mwt, pieces))
        else:
            units.append(_Unit(a, b, list(mwt), mwt_row))

    for index, fields in enumerate(rows):
        ident = fields[0]
        if "." in ident:
            continue
        if "-" in ident:
            if mwt:
                close_mwt()
            surface += 1
            mwt, mwt_token, mwt_row = [], tokens[surface], index
            covered_until = int(ident.partition("-")[2])
            continue
        if int(ident) <= covered_until:
            mwt.append(index)
            continue
        if mwt:
            close_mwt()
            mwt = []
        surface += 1
        units.append(_Unit(*tokens[surface], [index]))
    if mwt:
        close_mwt()
    return units


def _spread(tag: str, n: int, scheme: str) -> list[str]:
    """One unit's tag over the ``n`` words of a multiword token that could not be split."""
    if n == 1 or tag == "O":
        return [tag] * n
    prefix, label = tag.split("-", 1)
    first = "B" if prefix in ("B", "S") else "I"
    last = "E" if prefix in ("E", "S") and scheme == "bioes" else "I"
    return [f"{first}-{label}"] + [f"I-{label}"] * (n - 2) + [f"{last}-{label}"]


def _strip_keys(misc: str, keys: set[str]) -> list[str]:
    return [] if misc == "_" else [item for item in misc.split("|") if item.partition("=")[0] not in keys]


def _render_treebank(doc: ExportDoc, stored: list[dict], options: ExportOptions, layers: list[str],
                     report: ExportReport) -> str:
    text = doc.text
    sentence_units = [_units(s["rows"], tokens, text) for s, tokens in zip(stored, doc.source_sentences)]
    flat = [(u.start, u.end) for units in sentence_units for u in units]
    spans = [s for s in doc.spans if s.layer in layers]
    # A treebank's words cannot be cut: an edge inside a word takes the whole word.
    policy = "expand" if options.policy == "split" else options.policy
    _, ranges, notes = align(text, flat, spans, policy, doc.doc_id)
    report.notes.extend(notes)
    keys = {misc_key(layer, options.misc_key) for layer in layers}
    if "entity" in layers:
        keys.update(ENTITY_KEYS)
    tags_by_layer = {}
    for layer in layers:
        tags, overlap_notes = tag_layer(len(flat), [s for s in spans if s.layer == layer], ranges,
                                        options.scheme, doc.doc_id, text)
        report.notes.extend(overlap_notes)
        tags_by_layer[layer] = tags
    lines: list[str] = []
    at = 0
    for sentence, units in zip(stored, sentence_units):
        added: dict[int, list[str]] = {}
        for unit in units:
            for layer in layers:
                key = misc_key(layer, options.misc_key)
                for row, tag in zip(unit.rows, _spread(tags_by_layer[layer][at], len(unit.rows), options.scheme)):
                    added.setdefault(row, []).append(f"{key}={tag}")
            at += 1
        lines += sentence.get("comments", [])
        for index, fields in enumerate(sentence["rows"]):
            if index in added:
                misc = "|".join(_strip_keys(fields[9], keys) + added[index])
                fields = fields[:9] + [misc]
            elif "-" in fields[0] and fields[9] != "_":
                # An entity tag on a range line was read onto its words: not left behind here.
                fields = fields[:9] + ["|".join(_strip_keys(fields[9], keys)) or "_"]
            lines.append("\t".join(fields))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


# ----------------------------------------------------------------------------- import


def read(path: Path, schema, annotator: str, misc_key_name: str | None = None,
         sentences_per_document: int | None = None) -> Iterator[AnnotatedDocument | RecordError]:
    """Documents of a CoNLL-U file; entity tags from MISC ``misc_key_name`` (default: the
    first of NER, NE, ner a word has). With ``sentences_per_document``, a document the file
    names no id for (no "# newdoc id") ends after so many sentences: a file without such lines
    is otherwise one document, held whole."""
    # Read a line at a time, and each document handed on as soon as the next one begins: a
    # treebank's memory is one document's, not the file's (a 47 MB file held whole, parsed,
    # peaked at 760 MB).
    document: dict | None = None
    count = 0
    block: list[tuple[int, str]] = []
    for item in itertools.chain(numbered_text_lines(path), [(None, "")]):
        if isinstance(item, RecordError):
            yield item
            return
        number, line = item
        line = line.rstrip("\r")
        if line.strip():
            block.append((number, line))
            continue
        if not block:
            continue
        try:
            sentence = _parse_sentence(block)
        except ValueError as exc:
            yield RecordError(f"{path}:{exc.args[1]}", exc.args[0])
            return
        # Treebanks such as PUD repeat "# newdoc id" on every sentence of a document.
        if document is None or (sentence["newdoc"] is not None and sentence["newdoc"] != document.doc_id) \
                or (sentence["newdoc"] is None and document.unnamed and sentences_per_document is not None
                    and len(document.stored) >= sentences_per_document):
            if document is not None:
                yield document.document()
            count += 1
            document = _DocumentBuilder(sentence["newdoc"] or f"{path.stem}-{count}", sentence["newdoc"] is None,
                                        block[0][0], path, schema, annotator, misc_key_name)
        document.add(sentence)  # (and the parsed sentence let go: a document may be the whole file)
        block = []
    if document is not None:
        yield document.document()


def _parse_sentence(block: list[tuple[int, str]]) -> dict:
    newdoc = sent_id = text = None
    comments, rows, numbers = [], [], []
    surface = []  # (form, misc dict, line) of tokens that consume text
    covered_until = 0
    for number, line in block:
        if line.startswith("#"):
            comments.append(line)
            key, _, value = line[1:].partition("=")
            key = key.strip()
            if key == "newdoc id" or (key == "newdoc" and value):
                newdoc = value.strip()
            elif key == "sent_id":
                sent_id = value.strip()
            elif key == "text":
                text = value[1:] if value.startswith(" ") else value
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise ValueError(f"a word line needs 10 tab-separated fields, this one has {len(fields)}", number)
        ident, form, misc = fields[0], fields[1], _parse_misc(fields[9])
        rows.append(fields)
        numbers.append(number)
        if "." in ident:
            left, _, right = ident.partition(".")
            if not (left.isdigit() and right.isdigit()):
                raise ValueError(f"bad empty node ID {ident!r}", number)
            continue  # empty node (enhanced dependencies): no text
        if "-" in ident:
            first, _, last = ident.partition("-")
            if not (first.isdigit() and last.isdigit()) or int(first) > int(last):
                raise ValueError(f"bad multiword token range {ident!r}", number)
            surface.append((form, misc, number))
            covered_until = int(last)
            continue
        if not ident.isdigit():
            raise ValueError(f"bad word ID {ident!r}", number)
        if int(ident) > covered_until:
            surface.append((form, misc, number))
    if text is None:
        # Older treebanks and some tools leave '# text' out: the forms and SpaceAfter say it.
        pieces = []
        for k, (form, misc, _number) in enumerate(surface):
            pieces.append(form)
            if k + 1 < len(surface) and misc.get("SpaceAfter") != "No":
                pieces.append(_unescape(misc["SpacesAfter"]) if "SpacesAfter" in misc else " ")
        text = "".join(pieces)
    tokens = []
    at = 0
    for k, (form, misc, number) in enumerate(surface):
        if text[at:at + len(form)] != form:
            raise ValueError(f"token {form!r} does not match '# text' at character {at + 1} "
                             f"({text[at:at + len(form)]!r})", number)
        tokens.append((at, at + len(form)))
        at += len(form)
        if k + 1 == len(surface):
            break
        if misc.get("SpaceAfter") == "No":
            continue
        if "SpacesAfter" in misc:
            gap = _unescape(misc["SpacesAfter"])
        else:
            gap = " "
        if text[at:at + len(gap)] != gap:
            raise ValueError(f"'# text' has {text[at:at + len(gap)]!r} after token {form!r}, expected {gap!r} "
                             "(SpaceAfter=No missing?)", number)
        at += len(gap)
    if at != len(text.rstrip(" ")) and surface:
        raise ValueError(f"'# text' goes on after the last token ({text[at:]!r})", surface[-1][2])
    return {"newdoc": newdoc, "sent_id": sent_id, "text": text, "tokens": tokens, "comments": comments,
            "rows": rows, "numbers": numbers}


def _parse_misc(value: str) -> dict[str, str]:
    if value == "_":
        return {}
    out = {}
    for item in value.split("|"):
        key, sep, val = item.partition("=")
        out[key] = val if sep else ""
    return out


def _unescape(value: str) -> str:
    out, k = [], 0
    while k < len(value):
        if value[k] == "\\" and k + 1 < len(value) and value[k + 1] in _UNESCAPES:
            out.append(_UNESCAPES[value[k + 1]])
            k += 2
        else:
            out.append(value[k])
            k += 1
    return "".join(out)


def _word_tag(misc: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        if key in misc:
            return misc[key]
    return "O"


class _DocumentBuilder:
    """A document of a CoNLL-U file built a sentence at a time, so that only what the document
    keeps is held, not every parsed sentence: a file without "# newdoc" lines is one document
    (36 MB, a million tokens, peaked at 1.09 GB). Each sentence's rows are kept as their JSON
    (see EncodedJSON: as lists of strings, a million tokens' took 600 MB)."""

    def __init__(self, doc_id: str, unnamed: bool, line: int, path: Path, schema, annotator: str,
                 misc_key_name: str | None):
        self.doc_id, self.line, self.path, self.schema, self.annotator = doc_id, line, path, schema, annotator
        self.unnamed = unnamed  # its id made here, the file naming none (see read)
        entity_keys = (misc_key_name,) if misc_key_name else ENTITY_KEYS
        # Our own exports write other layers as <Layer>=B-X: read those back for the schema's layers.
        self.layer_keys = [("entity", entity_keys)] + [(layer.name, (misc_key(layer.name),))
                                                       for layer in schema.layers if layer.name != "entity"]
        self.pieces: list[str] = []
        self.spans: list[Span] = []
        self.stored = JSONItems()  # each sentence's id, tokens, comments and rows, as JSON
        self.tokens = 0
        self.offset = 0
        self.not_tags: set[str] = set()
        self.error: RecordError | None = None

    def add(self, sentence: dict) -> None:
        if self.error is not None:
            return
        pieces, offset = self.pieces, self.offset
        if self.stored:
            pieces.append("\n")
            offset += 1
        pieces.append(sentence["text"])
        tokens = [(offset + a, offset + b) for a, b in sentence["tokens"]]
        self.stored.append(_dumps({"sent_id": sentence["sent_id"], "tokens": tokens, "comments": sentence["comments"],
                                   "rows": sentence["rows"]}, ensure_ascii=False))
        self.tokens += len(tokens)
        # Units found in the sentence's own text (joining the document so far for each sentence
        # was quadratic in a long document), then moved to the document's offsets.
        units = [_Unit(u.start + offset, u.end + offset, u.rows, u.token_row)
                 for u in _units(sentence["rows"], sentence["tokens"], sentence["text"])]
        miscs = [_parse_misc(fields[9]) for fields in sentence["rows"]]
        for layer_name, keys in self.layer_keys:
            tags = []
            from_range = None  # the range line whose tag the previous unit took
            for unit in units:
                word_tags = [_word_tag(miscs[r], keys) for r in unit.rows]
                tag = next((t for t in word_tags if t not in ("O", "_")), "O")
                if tag == "O" and unit.token_row is not None:
                    # Some tools tag the multiword token's range line, not its words: the tag
                    # covers the whole token, so its later words continue the chunk.
                    tag = _word_tag(miscs[unit.token_row], keys)
                    if tag not in ("O", "_") and "-" in tag and from_range == unit.token_row:
                        label = tag.split("-", 1)[1]
                        if tags[-1] == f"S-{label}":  # a single-token chunk of several words
                            tags[-1] = f"B-{label}"
                        tag = f"I-{label}"
                    from_range = unit.token_row if tag not in ("O", "_") else None
                else:
                    from_range = None
                tags.append(tag)
            for tag in tags:
                if tag not in ("O", "_") and (len(tag) < 3 or tag[1] != "-"):
                    self.not_tags.add(tag)
            for first, last, label in decode_tags(tags):
                try:
                    layer = layer_for_label(self.schema, label, layer_name)
                except ValueError as exc:
                    self.error = RecordError(f"{self.path}:{sentence['numbers'][units[first].rows[0]]}", str(exc))
                    return
                self.spans.append(Span(f"T{len(self.spans) + 1}", self.doc_id, self.annotator, layer, label,
                                       units[first].start, units[last - 1].end, {}))
        self.offset = offset + len(sentence["text"])

    def document(self) -> AnnotatedDocument | RecordError:
        if self.error is not None:
            return self.error
        meta = {"source": self.path.name,
                "conllu": {"sentences": EncodedJSON(self.stored, self.tokens)}}
        notes = [f"MISC values that are not IOB/BIOES tags: {', '.join(sorted(self.not_tags)[:5])}"] \
            if self.not_tags else []
        text, spans = "".join(self.pieces), self.spans
        # Held by the reader while the document is imported (it is yielded from the builder's
        # loop): let go of the sentences' texts, and of what the document holds now.
        self.pieces, self.spans, self.stored = [], [], JSONItems()
        return AnnotatedDocument(Document(self.doc_id, text, meta), self.annotator if spans else None, None, spans,
                                 [], f"{self.path}:{self.line}", notes=notes)
