"""CoNLL-2003: ``TOKEN POS CHUNK NER`` per line, space-separated, a blank line after each
sentence, ``-DOCSTART- -X- -X- O`` before each document. POS and chunk are ``_``; with several
``--layer``s, one tag column per layer follows the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.core.tagging import decode_tags
from annotator.formats import RecordError, layer_for_label, text_lines
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, token_layers, tokenized, write_rendered

DOCSTART = "-DOCSTART- -X- -X- O"


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    write_rendered(docs, out, options, report, render)


def render(doc: ExportDoc, options: ExportOptions) -> tuple[str, list, list]:
    """One document as CoNLL-2003 text, with the notes and messages of its alignment."""
    report = ExportReport()
    layers = token_layers(options)
    tok = tokenized(doc, options, layers, report)
    lines = [DOCSTART, ""]
    text = doc.text
    for n, sentence in enumerate(tok.sentences):
        if len(layers) == 1:  # the common case, kept to one f-string per token
            lines += [f"{text[a:b]} _ _ {tag}" for (a, b), tag in zip(sentence, tok.tags[layers[0]][n])]
        else:
            columns = [tok.tags[layer][n] for layer in layers]
            lines += [" ".join((text[a:b], "_", "_", *tags)) for (a, b), *tags in zip(sentence, *columns)]
        lines.append("")
    return "\n".join(lines) + "\n", report.notes, report.messages


def read(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    """Documents rebuilt from tokens: tokens joined by spaces, sentences by line breaks."""
    lines = text_lines(path)
    if isinstance(lines, RecordError):
        yield lines
        return
    documents: list[list[list[tuple[str, str, int]]]] = [[]]
    sentence: list[tuple[str, str, int]] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if line.startswith("-DOCSTART-"):
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if documents[-1]:
                documents.append([])
            continue
        if not line.strip():
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            continue
        fields = line.split()
        if len(fields) < 2:
            yield RecordError(f"{path}:{number}", "a token line needs at least a token and a tag")
            return
        tag = fields[-1]
        if tag != "O" and (len(tag) < 3 or tag[1] != "-" or tag[0].upper() not in "BIESLU"):
            yield RecordError(f"{path}:{number}", f"{tag!r} is not an IOB/BIOES tag (O, B-X, I-X, E-X, S-X)")
            return
        sentence.append((fields[0], tag, number))
    if sentence:
        documents[-1].append(sentence)
    documents = [d for d in documents if d]
    for n, sentences in enumerate(documents, 1):
        doc_id = path.stem if len(documents) == 1 else f"{path.stem}-{n}"
        pieces, spans, problem = [], [], None
        offset = 0
        for s_index, sent in enumerate(sentences):
            if s_index:
                pieces.append("\n")
                offset += 1
            starts = []
            for k, (token, _tag, _line) in enumerate(sent):
                if k:
                    pieces.append(" ")
                    offset += 1
                starts.append(offset)
                pieces.append(token)
                offset += len(token)
            for first, last, label in decode_tags([t for _, t, _ in sent]):
                try:
                    layer = layer_for_label(schema, label, "entity")
                except ValueError as exc:
                    problem = RecordError(f"{path}:{sent[first][2]}", str(exc))
                    break
                end = starts[last - 1] + len(sent[last - 1][0])
                spans.append(Span(f"T{len(spans) + 1}", doc_id, annotator, layer, label, starts[first], end, {}))
            if problem:
                break
        if problem:
            yield problem
            continue
        yield AnnotatedDocument(Document(doc_id, "".join(pieces), {"source": path.name}), annotator if spans else None,
                                None, spans, [], f"{path}:{sentences[0][0][2]}")
