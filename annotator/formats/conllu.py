"""CoNLL-U: 10 tab-separated columns, ``# newdoc id``, ``# sent_id`` and ``# text``.

Export is PUD-style: clitics split by the policy are separate tokens with ``SpaceAfter=No``
(not multiword ranges), so offsets stay recoverable from ``# text``. Entity tags go to MISC as
``NER=B-X``; other layers as ``<Layer>=B-X`` (``Quote=B-QUOTE``). Lemmas, POS and trees are
``_``. Lines are written directly: the ``conllu`` library's serializer cost 4 s per 500,000
tokens, more than everything else in the export; the tests parse our output with ``conllu``.

Import takes text from ``# text``, finds each surface token in it (ranges for multiword
tokens, words outside ranges), follows ``SpaceAfter=No``/``SpacesAfter``, and reads tags from
MISC (``NER=``/``ner=``, IOB or BIOES). The file's tokenization and sentence ids are kept in
the document's meta, so re-exporting an imported treebank gives back its tokens,
``SpaceAfter`` and ``# text``. Sentences of one document are joined by line breaks. The
parser is our own (not ``conllu.parse``) so that every error names its line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.core.tagging import decode_tags
from annotator.formats import RecordError, layer_for_label, text_lines
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, token_layers, tokenized, write_rendered

_ESCAPES = {" ": "\\s", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\"}
_UNESCAPES = {"s": " ", "t": "\t", "r": "\r", "n": "\n", "\\": "\\"}
_SPACE_MISC = {" ": "", "": "SpaceAfter=No|"}


def _spaces_after(gap: str) -> str:
    return "SpacesAfter=" + "".join(_ESCAPES.get(ch, ch) for ch in gap) + "|"


def misc_key(layer: str) -> str:
    return "NER" if layer == "entity" else layer.capitalize()


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    write_rendered(docs, out, options, report, render)


def render(doc: ExportDoc, options: ExportOptions) -> tuple[str, list, list]:
    """One document as CoNLL-U sentences, with the notes and messages of its alignment."""
    report = ExportReport()
    layers = token_layers(options)
    if doc.text != unicodedata.normalize("NFC", doc.text):
        report.messages.append(f"{doc.doc_id}: the text is not NFC, which CoNLL-U requires "
                               "(import with --nfc to normalise it)")
    sent_ids = _source_sent_ids(doc)
    tok = tokenized(doc, options, layers, report)
    text = doc.text
    lines: list[str] = []
    for n, sentence in enumerate(tok.sentences):
        if not sentence:
            continue
        if n == 0:
            lines.append(f"# newdoc id = {doc.doc_id}")
        lines.append(f"# sent_id = {sent_ids[n] if sent_ids and n < len(sent_ids) else f'{doc.doc_id}-{n + 1}'}")
        lines.append(f"# text = {text[sentence[0][0]:sentence[-1][1]]}")
        # MISC, built a sentence at a time with comprehensions (this loop runs per token).
        gaps = [text[b:c] for (_, b), (c, _) in zip(sentence, sentence[1:])]
        end = sentence[-1][1]
        spaces = [_SPACE_MISC[g] if g in _SPACE_MISC else _spaces_after(g) for g in gaps]
        spaces.append("SpaceAfter=No|" if end < len(text) and not text[end].isspace() else "")
        if len(layers) == 1:
            key, tags = misc_key(layers[0]), tok.tags[layers[0]][n]
            miscs = [f"{sp}{key}={tag}" for sp, tag in zip(spaces, tags)]
        else:
            columns = [(misc_key(layer), tok.tags[layer][n]) for layer in layers]
            miscs = [sp + "|".join(f"{key}={tags[k]}" for key, tags in columns)
                     for k, sp in enumerate(spaces)]
        lines += [f"{k}\t{text[a:b]}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
                  for k, ((a, b), misc) in enumerate(zip(sentence, miscs), 1)]
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else ""), report.notes, report.messages


def _source_sent_ids(doc: ExportDoc) -> list[str] | None:
    if doc.source_sentences is None:
        return None
    stored = doc.meta.get("conllu", {}).get("sentences", [])
    return [s.get("sent_id") or f"{doc.doc_id}-{n + 1}" for n, s in enumerate(stored)]


def read(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    lines = text_lines(path)
    if isinstance(lines, RecordError):
        yield lines
        return
    documents: list[dict] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines + [""], 1):
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
        if not documents or (sentence["newdoc"] is not None and sentence["newdoc"] != documents[-1]["id"]):
            documents.append({"id": sentence["newdoc"] or f"{path.stem}-{len(documents) + 1}",
                              "sentences": [], "line": block[0][0]})
        documents[-1]["sentences"].append(sentence)
        block = []
    for doc in documents:
        yield _document(doc, path, schema, annotator)


def _parse_sentence(block: list[tuple[int, str]]) -> dict:
    newdoc = sent_id = text = None
    surface = []  # (form, misc dict, line) of tokens that consume text
    word_tags = []  # (surface index, misc dict, line) of words, for tags inside ranges
    covered_until = 0
    for number, line in block:
        if line.startswith("#"):
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
        ident, form, misc = fields[0], fields[1], _parse_misc(fields[9], number)
        if "." in ident:
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
        if int(ident) <= covered_until:
            word_tags.append((len(surface) - 1, misc, number))
        else:
            surface.append((form, misc, number))
            word_tags.append((len(surface) - 1, misc, number))
    if text is None:
        raise ValueError("the sentence has no '# text = ...' comment", block[0][0])
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
    return {"newdoc": newdoc, "sent_id": sent_id, "text": text, "tokens": tokens, "surface": surface,
            "words": word_tags}


def _parse_misc(value: str, number: int) -> dict[str, str]:
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


def _document(doc: dict, path: Path, schema, annotator: str) -> AnnotatedDocument | RecordError:
    pieces, spans, stored = [], [], []
    offset = 0
    for n, sentence in enumerate(doc["sentences"]):
        if n:
            pieces.append("\n")
            offset += 1
        pieces.append(sentence["text"])
        tokens = [(offset + a, offset + b) for a, b in sentence["tokens"]]
        stored.append({"sent_id": sentence["sent_id"], "tokens": [list(t) for t in tokens]})
        # Tags per surface token; a multiword token takes its first tagged word's tag
        # (its words' own forms are not substrings of the text, so they have no offsets).
        tags = ["O"] * len(tokens)
        for index, misc, _line in sentence["words"]:
            tag = next((misc[k] for k in misc if k.lower() == "ner"), None)
            if tag and tags[index] == "O":
                tags[index] = tag
        for first, last, label in decode_tags(tags):
            try:
                layer = layer_for_label(schema, label, "entity")
            except ValueError as exc:
                return RecordError(f"{path}:{sentence['surface'][first][2]}", str(exc))
            spans.append(Span(f"T{len(spans) + 1}", doc["id"], annotator, layer, label, tokens[first][0],
                              tokens[last - 1][1], {}))
        offset += len(sentence["text"])
    meta = {"source": path.name, "conllu": {"sentences": stored}}
    return AnnotatedDocument(Document(doc["id"], "".join(pieces), meta), annotator if spans else None, None,
                             spans, [], f"{path}:{doc['line']}")
