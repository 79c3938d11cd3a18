"""CoNLL column files: a token per line, a blank line after each sentence.

Export writes CoNLL-2003 (``TOKEN POS CHUNK NER``, space-separated, ``-DOCSTART- -X- O O``
before each document, what ``spacy convert -c ner`` splits on); with several ``--layer``s one
tag column per layer follows. A document imported from a column file keeps its tokens and its
other columns (POS, chunk, ...), and the export writes them back; elsewhere they are ``_``.

Import finds the layout from the lines (token first and tags last as in CoNLL-2003, or an
index first as in GermEval, whose second tag column holds nested entities), or takes it from
``--columns`` (:func:`parse_columns`), and refuses a file that fits neither with the reason.
``#`` comment lines are kept in the document's meta.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json import dumps as _dumps
from pathlib import Path

import regex

from annotator.core.model import AnnotatedDocument, Document, EncodedJSON, JSONItems, Span
from annotator.core.tagging import decode_tags
from annotator.formats import RecordError, layer_for_label, numbered_text_lines
from annotator.formats.export import (ExportDoc, ExportOptions, ExportReport, PlainParts, PlainPieces, PlainTokens,
                                      easy_plain_parts, plain_tokens, token_layers, tokenized, write_rendered)

NESTED_LAYER = "entity_nested"  # where a second tag column (GermEval's nested entities) goes


# The document separator, whatever the columns: spaCy's `spacy convert -c ner` splits on this
# exact string (a longer "-DOCSTART- -X- O O O" left an "O" line it refused), and readers that
# take any line starting with -DOCSTART- (Hugging Face's, ours) are content with it.
DOCSTART = "-DOCSTART- -X- O O"


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    write_rendered(docs, out, options, report, render, render_parts)


def render(doc: ExportDoc, options: ExportOptions) -> tuple[str, list, list]:
    """One document as CoNLL text, with the notes and messages of its alignment."""
    layers = token_layers(options)
    kept = _kept_columns(doc)
    if kept is None and len(layers) == 1:
        record = easy_plain_parts(doc, options, layers[0])
        if record is not None:
            return render_parts(record), record.notes, []
        plain = plain_tokens(doc, options, layers[0])
        if plain is not None:
            return _render_plain(plain, doc.first_sentence == 0), plain.notes, []
    return render_tokenized(doc, options, layers, kept)


_UNTAGGED = " _ _ O\n"


def _render_plain(plain: PlainTokens, heading: bool = True) -> str:
    """The common case (one tag column, no kept columns, no span changed): written as
    :func:`render_parts` writes, with empty strings in the gaps' places (a large export has
    millions of untagged tokens, none visited one by one). ``heading``: -DOCSTART- first (not
    before a long document's later runs of sentences)."""
    parts = [""] * (2 * len(plain.forms) + 1)
    parts[1::2] = plain.forms
    return render_parts(PlainParts(parts, plain.sentence_ends, plain.tags, heading))


_HEADER = DOCSTART + "\n\n"
_TAG_LINE_ENDS: dict[str, str] = {}  # tag -> what follows a token tagged so


def render_parts(record: PlainParts | PlainPieces) -> str:
    """A record of :func:`plain_records` as :func:`render` writes its document: each token's
    line end goes in the place of the gap after it, and the list is joined once."""
    if isinstance(record, PlainPieces):
        return _render_pieces(record)
    parts = record.parts
    line_ends = [_UNTAGGED] * (len(parts) // 2)
    for k, tag in record.tags.items():
        line_end = _TAG_LINE_ENDS.get(tag)
        if line_end is None:
            line_end = _TAG_LINE_ENDS[tag] = f" _ _ {tag}\n"
        line_ends[k] = line_end
    head = _HEADER if record.heading else ""
    for end in record.sentence_ends:  # a blank line after each sentence
        if end:
            line_ends[end - 1] += "\n"
        else:  # an empty first sentence (kept tokens may have one)
            head += "\n"
    parts[0] = head
    parts[2::2] = line_ends
    return "".join(parts)


def _render_pieces(record: PlainPieces) -> str:
    """A :class:`PlainPieces` record: the lines of each piece's tokens are joined in one step
    (those of all untagged pieces in a few steps for all of them), with what follows each
    piece's last token beside it; only the tagged pieces are visited one by one."""
    pieces = record.pieces
    lines = list(map(_UNTAGGED.join, pieces))  # each piece's lines but for its last token's line end
    after = list(map(_PIECE_END.__getitem__, map(bool, pieces)))  # that line end ("" for no token)
    for k, tagged in record.tags.items():
        forms = pieces[k]
        if not forms:  # white space inside the span, between two cuts (another annotator's span ends, say)
            continue
        first, middle, last, only = _PIECE_LINE_ENDS.get(tagged) or _piece_line_ends(tagged)
        if len(forms) == 1:
            after[k] = only
        else:
            lines[k] = forms[0] + first + (middle.join(forms[1:-1]) + middle if len(forms) > 2 else "") + forms[-1]
            after[k] = last
    for k in record.sentence_breaks:  # a blank line after the sentence's last token
        after[k] += "\n"
    out = [_HEADER] * (2 * len(pieces) + 1)
    out[1::2] = lines
    out[2::2] = after
    if record.has_tokens:
        out.append("\n")
    return "".join(out)


_PIECE_END = ("", _UNTAGGED)  # by whether a piece has tokens
_PIECE_LINE_ENDS: dict[tuple[str, str, str, str], tuple[str, str, str, str]] = {}


def _piece_line_ends(tagged: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    ends = _PIECE_LINE_ENDS[tagged] = tuple(map(_line_end, tagged))
    return ends


def _line_end(tag: str) -> str:
    line_end = _TAG_LINE_ENDS.get(tag)
    if line_end is None:
        line_end = _TAG_LINE_ENDS[tag] = f" _ _ {tag}\n"
    return line_end


def render_tokenized(doc: ExportDoc, options: ExportOptions, layers: list[str], kept) -> tuple[str, list, list]:
    """Any document through :func:`tokenized`, which applies the policy and notes what it
    changed."""
    report = ExportReport()
    tok = tokenized(doc, options, layers, report)
    width = max(2, len(kept[1]) if kept else 0)
    lines = [DOCSTART, ""] if doc.first_sentence == 0 else []  # (a long document's later runs: none)
    text = doc.text
    for n, sentence in enumerate(tok.sentences):
        if kept is None and len(layers) == 1:  # the common case, kept to one f-string per token
            lines += [f"{text[a:b]} _ _ {tag}" for (a, b), tag in zip(sentence, tok.tags[layers[0]][n])]
            lines.append("")
            continue
        if kept is None:
            extra = [("_",) * width] * len(sentence)
        else:
            by_token = kept[0]
            filler = ("_",) * width
            # A token the export cut is no longer the source's: its columns are unknown.
            extra = [by_token.get(token, filler) for token in sentence]
        columns = [tok.tags[layer][n] for layer in layers]
        lines += [" ".join((text[a:b], *cols, *tags)) for (a, b), cols, *tags in zip(sentence, extra, *columns)]
        lines.append("")
    return "\n".join(lines) + "\n", report.notes, report.messages


def _kept_columns(doc: ExportDoc) -> tuple[dict[tuple[int, int], tuple[str, ...]], tuple[str, ...]] | None:
    """{token: its other columns} and the columns' names, from a column-file import."""
    if doc.source_sentences is None or not isinstance(doc.meta.get("conll"), dict):
        return None
    stored = doc.meta["conll"]
    names = tuple(stored.get("columns") or ())
    if not names:
        return None
    by_token = {}
    width = max(2, len(names))
    for sentence, tokens in zip(stored.get("sentences", []), doc.source_sentences):
        for token, values in zip(tokens, sentence.get("values", [])):
            # (a tuple stored_meta read is taken as it is: a million tokens' copies were 100 MB)
            by_token[token] = values if type(values) is tuple and len(values) >= width else \
                tuple(values) + ("_",) * (width - len(values))
    return by_token, names


def is_tag(value: str) -> bool:
    return value == "O" or (len(value) >= 3 and value[1] == "-" and value[0].upper() in "BIESLU")


# ----------------------------------------------------------------------------- layouts


@dataclass
class Layout:
    token: int
    tags: list[tuple[int, str]]  # (column, layer)
    kept: list[tuple[int, str]] = field(default_factory=list)  # (column, name): POS, chunk, lemma ...
    width: int | None = None  # the number of columns --columns gave


ROLE_HELP = ("token, index, ignore, tags (entity tags), tags:LAYER, a layer of the schema, or the name of a column "
             "to keep (pos, chunk, lemma ...)")


def parse_columns(spec: str, schema) -> Layout:
    """``--columns index,token,entity,tags:entity_nested``: one name per column. Raises
    ValueError with the reason."""
    names = [name.strip() for name in spec.split(",")]
    if any(not name for name in names):
        raise ValueError(f"--columns {spec!r}: an empty column name (one name per column: {ROLE_HELP})")
    if names.count("token") != 1:
        raise ValueError(f"--columns {spec!r}: name exactly one column 'token'")
    tags, kept = [], []
    for column, name in enumerate(names):
        if name in ("token", "index", "ignore", "_"):
            continue
        if name == "tags":
            tags.append((column, "entity"))
        elif name.startswith("tags:"):
            layer = name[5:]
            if not layer:
                raise ValueError(f"--columns {spec!r}: 'tags:' needs a layer name")
            tags.append((column, layer))
        elif schema.layer(name) is not None:
            tags.append((column, name))
        else:
            kept.append((column, name))
    if not tags:
        raise ValueError(f"--columns {spec!r}: no tag column (name it tags, tags:LAYER or after a layer of the schema)")
    return Layout(names.index("token"), tags, kept, len(names))


class _Facts:
    """What the layout is found from, gathered a line at a time (the rows are not kept): the
    first token line, the first with another number of columns, whether every first column is
    an index, and each column's first value that is not a tag."""

    def __init__(self):
        self.first: tuple[list[str], int] | None = None
        self.odd: tuple[list[str], int] | None = None
        self.all_index = True
        self.not_tag: list[tuple[str, int] | None] = []
        self.documents = 0

    def add(self, fields: list[str], number: int) -> None:
        if self.first is None:
            self.first = (fields, number)
            self.not_tag = [None] * len(fields)
        if len(fields) != len(self.first[0]):
            if self.odd is None:
                self.odd = (fields, number)
            return
        if self.all_index and not fields[0].isdigit():
            self.all_index = False
        for column, seen in enumerate(self.not_tag):
            if seen is None and not is_tag(fields[column]):
                self.not_tag[column] = (fields[column], number)


def _layout(facts: _Facts, path: Path) -> Layout | RecordError:
    """The layout of a column file, found from its lines: CoNLL-2003 (token first, NER tags
    last, POS and chunk between) or an indexed layout like GermEval's (index, token, outer
    tags, nested tags). A file that fits neither is refused."""
    first = facts.first
    if facts.odd is not None:
        odd = facts.odd
        return RecordError(f"{path}:{odd[1]}", f"{len(odd[0])} columns here but {len(first[0])} at line {first[1]}: "
                                               "every token line needs the same columns")
    width = len(first[0])
    if width >= 3 and facts.all_index:
        tag_columns = [c for c in range(2, width) if facts.not_tag[c] is None]
        if not tag_columns:
            return RecordError(str(path), "an index and a token column, but no column of IOB/BIOES tags after them "
                                          "(--columns says which column is which)")
        layers = ["entity"] + [NESTED_LAYER if k == 1 else f"{NESTED_LAYER}_{k + 1}" for k in range(1, len(tag_columns))]
        return Layout(1, list(zip(tag_columns, layers)),
                      [(c, f"column {c + 1}") for c in range(2, width) if c not in tag_columns])
    bad = facts.not_tag[width - 1]
    if bad is not None:
        return RecordError(f"{path}:{bad[1]}", f"{bad[0]!r} is not an IOB/BIOES tag (O, B-X, I-X, E-X, S-X); the last "
                                               "column must hold the tags (token first, tags last), or --columns says "
                                               "which column is which")
    names = {1: ["pos"], 2: ["pos", "chunk"]}.get(width - 2, [f"column {c + 1}" for c in range(1, width - 1)])
    return Layout(0, [(width - 1, "entity")], list(zip(range(1, width - 1), names)))


# ----------------------------------------------------------------------------- import


def read(path: Path, schema, annotator: str, columns: str | None = None, sentences_per_document: int | None = None
         ) -> Iterator[AnnotatedDocument | RecordError]:
    """Documents rebuilt from tokens: tokens joined by spaces (a tab before one that begins
    with a mark or a joiner), sentences by line breaks; the tokens and the other columns are
    kept in the document's meta for the export.

    The file is read twice, a line at a time: first to find and check its layout (which
    needs every line: a column is a tag column only if all its values are tags), then to
    hand on each document as soon as it ends. Nothing is handed on before the whole file
    was checked, and memory holds one document, not the file (an 86 MB file held whole took
    2.4 GB). With ``sentences_per_document``, a document also ends after so many sentences (a
    file without -DOCSTART- lines is otherwise one document, held whole)."""
    facts = _Facts()
    for item in _documents(path, facts.add, cut_after=sentences_per_document):
        if isinstance(item, RecordError):
            yield item
            return
        facts.documents += 1
    if facts.first is None:
        return
    if columns is not None:
        try:
            layout = parse_columns(columns, schema)
        except ValueError as exc:
            yield RecordError(str(path), str(exc))
            return
        odd = facts.first if len(facts.first[0]) != layout.width else facts.odd
        if odd is not None:
            yield RecordError(f"{path}:{odd[1]}", f"{len(odd[0])} columns, but --columns names {layout.width}")
            return
    else:
        layout = _layout(facts, path)
        if isinstance(layout, RecordError):
            yield layout
            return
    for column, layer in layout.tags:
        bad = facts.not_tag[column]
        if bad is not None:
            yield RecordError(f"{path}:{bad[1]}", f"column {column + 1} should hold {layer} tags, but {bad[0]!r} is not "
                                                  "an IOB/BIOES tag")
            return
        if schema.layer(layer) is None and not getattr(schema, "accepts_new_labels", False):
            yield RecordError(str(path), f"column {column + 1} holds tags for layer {layer!r}, which the schema does "
                                         "not have: import with --extend-schema to add it, or say with --columns "
                                         "where the column goes (e.g. tags:entity)")
            return
    names = itertools.count(1)

    def next_document() -> _DocumentBuilder:
        n = next(names)
        return _DocumentBuilder(path.stem if facts.documents == 1 else f"{path.stem}-{n}", layout, path, schema,
                                annotator)

    building = [next_document()]
    for item in _documents(path, on_sentence=lambda sentence: building[0].add(sentence),
                           cut_after=sentences_per_document):
        if isinstance(item, RecordError):  # the file changed since the first reading
            yield item
            return
        _, doc_comments = item
        document = building[0].document(doc_comments)
        building[0] = next_document()
        yield document
        document = None  # (not held while the next is read: each may be the whole file)


def _documents(path: Path, row_seen=None, on_sentence=None, cut_after: int | None = None
               ) -> Iterator[tuple[list, list[str]] | RecordError]:
    """(sentences, comments) of each document of a column file with at least one sentence,
    read a line at a time; a sentence is a list of (fields, line number). With ``row_seen``,
    the first reading: ``row_seen(fields, number)`` is called for every token line, and the
    documents come without their sentences' rows (only whether they have any matters then).
    With ``on_sentence``, each sentence is handed to it as it ends and not kept either (a
    document may be the whole file). With ``cut_after``, a document also ends after so many
    sentences. A RecordError ends the stream."""
    keep = row_seen is None
    if on_sentence is not None:
        hand_on = on_sentence

        class _Sentences(list):  # each sentence handed on, a None kept in its place
            def append(self, sentence):
                hand_on(sentence)
                super().append(None)
    else:
        _Sentences = list
    sentences: list[list[tuple[list[str], int]]] = _Sentences()
    comments: list[str] = []
    sentence: list[tuple[list[str], int]] = []
    for item in numbered_text_lines(path):
        if isinstance(item, RecordError):
            yield item
            return
        number, line = item
        line = line.rstrip("\r")
        fields = line.split()
        if line.startswith("-DOCSTART-"):
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:  # a document without sentences keeps gathering its comments
                yield sentences, comments
                sentences, comments = _Sentences(), []
            continue
        if line.startswith("#") and (len(fields) < 2 or not is_tag(fields[-1])):
            comments.append(line)  # a comment line (a "#" token line ends with its tag)
            continue
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
                if cut_after is not None and len(sentences) >= cut_after:
                    yield sentences, comments
                    sentences, comments = _Sentences(), []
            continue
        if len(fields) < 2:
            yield RecordError(f"{path}:{number}", "a token line needs at least a token and a tag")
            return
        if keep:
            sentence.append((fields, number))
        else:
            row_seen(fields, number)
            if not sentence:
                sentence.append(None)  # a sentence has begun
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield sentences, comments


_JOINS_WHAT_PRECEDES = regex.compile(r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
                                     r"\p{Grapheme_Cluster_Break=SpacingMark}]")


class _DocumentBuilder:
    """A document of a column file built a sentence at a time, so that the file's rows are
    held for one sentence, not for the document: a file without -DOCSTART- lines is one
    document (12 MB, a million tokens, took 809 MB held as rows while the document was built).
    The text: tokens joined by spaces (a tab before one that begins with a mark or a joiner),
    sentences by line breaks; the tokens and the kept columns go to the meta."""

    def __init__(self, doc_id: str, layout: Layout, path: Path, schema, annotator: str):
        self.doc_id, self.layout, self.path, self.schema, self.annotator = doc_id, layout, path, schema, annotator
        self.sentences: list[str] = []  # each sentence's text
        self.spans: list[Span] = []
        self.stored = JSONItems()  # each sentence's tokens and columns, as JSON
        self.tokens = 0
        self.offset = 0
        self.first_line: int | None = None
        self.error: RecordError | None = None

    def add(self, sent: list[tuple[list[str], int]]) -> None:
        if self.error is not None:
            return
        layout, offset = self.layout, self.offset
        if self.first_line is None:
            self.first_line = sent[0][1]
        else:
            offset += 1  # the line break before this sentence
        pieces, tokens = [], []
        for k, (fields, _line) in enumerate(sent):
            form = fields[layout.token]
            if k:
                # a tab before a token that begins with a mark or a joiner: after a space it
                # would join the space's grapheme cluster, and a span from that token would
                # split it (an export writes such a token where a tab or a line break stood)
                pieces.append("\t" if _JOINS_WHAT_PRECEDES.match(form) else " ")
                offset += 1
            tokens.append((offset, offset + len(form)))
            pieces.append(form)
            offset += len(form)
        self.offset = offset
        self.sentences.append("".join(pieces))  # (a string a sentence, not one per token and gap)
        kept = [c for c, _ in layout.kept]
        # The sentence's tokens and columns as JSON at once (see EncodedJSON: held as lists,
        # a million tokens' took 300 MB)
        self.stored.append(_dumps({"tokens": tokens, "values": [[fields[c] for c in kept] for fields, _ in sent]},
                                  ensure_ascii=False))
        self.tokens += len(tokens)
        for column, layer_name in layout.tags:
            for first, last, label in decode_tags([fields[column] for fields, _ in sent]):
                if self.schema.layer(layer_name) is None:  # a new layer (import --extend-schema)
                    layer = layer_name
                else:
                    try:
                        layer = layer_for_label(self.schema, label, layer_name)
                    except ValueError as exc:
                        self.error = RecordError(f"{self.path}:{sent[first][1]}", str(exc))
                        return
                self.spans.append(Span(f"T{len(self.spans) + 1}", self.doc_id, self.annotator, layer, label,
                                       tokens[first][0], tokens[last - 1][1], {}))

    def document(self, doc_comments: list[str]) -> AnnotatedDocument | RecordError:
        if self.error is not None:
            return self.error
        sentences = EncodedJSON(self.stored, self.tokens)
        meta = {"source": self.path.name,
                "conll": {"columns": [name for _, name in self.layout.kept], "sentences": sentences},
                **({"comments": doc_comments} if doc_comments else {})}
        return AnnotatedDocument(Document(self.doc_id, "\n".join(self.sentences), meta),
                                 self.annotator if self.spans else None, None, self.spans, [],
                                 f"{self.path}:{self.first_line}")
