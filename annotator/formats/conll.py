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

# What spaCy's `spacy convert -c ner` splits documents on (one more " O" per extra tag column).
DOCSTART = "-DOCSTART- -X- O O"


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    write_rendered(docs, out, options, report, render)


def render(doc: ExportDoc, options: ExportOptions) -> tuple[str, list, list]:
    """One document as CoNLL-2003 text, with the notes and messages of its alignment."""
    report = ExportReport()
    layers = token_layers(options)
    tok = tokenized(doc, options, layers, report)
    lines = [DOCSTART + " O" * (len(layers) - 1), ""]
    text = doc.text
    for n, sentence in enumerate(tok.sentences):
        if len(layers) == 1:  # the common case, kept to one f-string per token
            lines += [f"{text[a:b]} _ _ {tag}" for (a, b), tag in zip(sentence, tok.tags[layers[0]][n])]
        else:
            columns = [tok.tags[layer][n] for layer in layers]
            lines += [" ".join((text[a:b], "_", "_", *tags)) for (a, b), *tags in zip(sentence, *columns)]
        lines.append("")
    return "\n".join(lines) + "\n", report.notes, report.messages


def is_tag(value: str) -> bool:
    return value == "O" or (len(value) >= 3 and value[1] == "-" and value[0].upper() in "BIESLU")


def _layout(rows: list[tuple[list[str], int]], path: Path) -> tuple[int, list[int], list[int]] | RecordError:
    """(token column, tag columns, other columns) of a column file, found from its lines:
    CoNLL-2003 (token first, NER tags last, POS and chunk between) or an indexed layout like
    GermEval's (index, token, outer tags, nested tags). A file that fits neither is refused."""
    widths = {len(fields) for fields, _ in rows}
    if len(widths) > 1:
        first = rows[0]
        odd = next((fields, number) for fields, number in rows if len(fields) != len(first[0]))
        return RecordError(f"{path}:{odd[1]}", f"{len(odd[0])} columns here but {len(first[0])} at line {first[1]}: "
                                               "every token line needs the same columns")
    width = widths.pop()
    if width >= 3 and all(fields[0].isdigit() for fields, _ in rows):
        tags = [c for c in range(2, width) if all(is_tag(fields[c]) for fields, _ in rows)]
        if not tags:
            return RecordError(str(path), "an index and a token column, but no column of IOB/BIOES tags after them")
        return 1, tags, [c for c in range(2, width) if c not in tags]
    bad = next(((fields[-1], number) for fields, number in rows if not is_tag(fields[-1])), None)
    if bad is not None:
        return RecordError(f"{path}:{bad[1]}", f"{bad[0]!r} is not an IOB/BIOES tag (O, B-X, I-X, E-X, S-X); the last "
                                               "column must hold the tags (token first, tags last)")
    return 0, [width - 1], list(range(1, width - 1))


def read(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    """Documents rebuilt from tokens: tokens joined by spaces, sentences by line breaks.
    ``#`` comment lines are kept in the document's meta; every tag column of an indexed file
    (GermEval's outer and nested entities) becomes spans of the entity layer."""
    lines = text_lines(path)
    if isinstance(lines, RecordError):
        yield lines
        return
    documents: list[list[list[tuple[list[str], int]]]] = [[]]
    comments: list[list[str]] = [[]]
    sentence: list[tuple[list[str], int]] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        fields = line.split()
        if line.startswith("-DOCSTART-"):
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if documents[-1]:
                documents.append([])
                comments.append([])
            continue
        if line.startswith("#") and (len(fields) < 2 or not is_tag(fields[-1])):
            comments[-1].append(line)  # a comment line (a "#" token line ends with its tag)
            continue
        if not line.strip():
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            continue
        if len(fields) < 2:
            yield RecordError(f"{path}:{number}", "a token line needs at least a token and a tag")
            return
        sentence.append((fields, number))
    if sentence:
        documents[-1].append(sentence)
    rows = [row for document in documents for sent in document for row in sent]
    if not rows:
        return
    layout = _layout(rows, path)
    if isinstance(layout, RecordError):
        yield layout
        return
    token_column, tag_columns, other_columns = layout
    kept = [(d, c) for d, c in zip(documents, comments) if d]
    for n, (sentences, doc_comments) in enumerate(kept, 1):
        doc_id = path.stem if len(kept) == 1 else f"{path.stem}-{n}"
        pieces, spans, problem = [], [], None
        offset = 0
        for s_index, sent in enumerate(sentences):
            if s_index:
                pieces.append("\n")
                offset += 1
            starts = []
            for k, (fields, _line) in enumerate(sent):
                if k:
                    pieces.append(" ")
                    offset += 1
                starts.append(offset)
                pieces.append(fields[token_column])
                offset += len(fields[token_column])
            for column in tag_columns:
                for first, last, label in decode_tags([fields[column] for fields, _ in sent]):
                    try:
                        layer = layer_for_label(schema, label, "entity")
                    except ValueError as exc:
                        problem = RecordError(f"{path}:{sent[first][1]}", str(exc))
                        break
                    end = starts[last - 1] + len(sent[last - 1][0][token_column])
                    spans.append(Span(f"T{len(spans) + 1}", doc_id, annotator, layer, label, starts[first], end, {}))
                if problem:
                    break
            if problem:
                break
        notes = [f"columns {', '.join(str(c + 1) for c in other_columns)} (such as POS and chunk tags) not carried"] \
            if other_columns and any(fields[c] not in ("_", "-X-") for fields, _ in rows for c in other_columns) else []
        if problem:
            yield problem
            continue
        meta = {"source": path.name, **({"comments": doc_comments} if doc_comments else {})}
        yield AnnotatedDocument(Document(doc_id, "".join(pieces), meta), annotator if spans else None,
                                None, spans, [], f"{path}:{sentences[0][0][1]}", notes=notes)
