"""brat standoff: a folder of ``DOC.txt`` and ``DOC.ann`` pairs, plus ``annotation.conf``.

``T`` lines hold spans (``T1<TAB>GPE 12 17<TAB>تركيا``), ``R`` lines relations, ``A`` lines
attributes. The format is line-oriented, so a span that crosses a line break is written as
fragments split at the breaks (``T3<TAB>QUOTE 10 25;26 40<TAB>first line second line``).

brat's server reads ``.txt`` files with universal newlines, so CRLF and lone CR are written as
LF and the offsets remapped (the export report says so); everything else is written exactly.
Each annotator gets a subfolder, listed in ``annotator-folders.tsv``: importing the whole
export, or one subfolder, gives each document back to its annotator;
documents nobody annotated stay at the top. Span ids of the form ``T<n>`` are kept; other
ids are renumbered (brat requires ``T``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.model import DEFAULT_IMPORT_ANNOTATOR, AnnotatedDocument, Document, Relation, Span, next_id
from annotator.core.offsets import normalize_text
from annotator.formats import RecordError, layer_for_label, text_lines
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport
from annotator.core.schema import SchemaDeclaration
from annotator.formats.file_names import (ANNOTATOR_FOLDERS, MANIFEST_NAME, FileNamer, inside, read_manifest,
                                         write_manifest)
from annotator.formats.text import decode_text


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport, schema) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # Ids become file names: FileNamer keeps them under `out`, apart from each other and from
    # annotation.conf, and the manifest lists every name that differs from its id.
    namer = FileNamer((".txt", ".ann"), reserved=(MANIFEST_NAME, ANNOTATOR_FOLDERS, "annotation.conf", "visual.conf",
                                                  "tools.conf"))
    for doc in docs:
        # Several annotators' versions of a document cannot share one .ann: each annotator gets
        # a subfolder (import it with --annotator NAME). Unannotated documents stay on top.
        if options.annotator is not None or doc.annotator is None:
            name = namer.name(doc.doc_id)
        else:
            # The manifest maps "folder/name" to the document id alone: the annotator is
            # given with --annotator when the subfolder is imported.
            name = namer.name(doc.doc_id, folder=namer.folder(doc.annotator))
        base = inside(out, name)
        base.parent.mkdir(parents=True, exist_ok=True)
        text, spans = doc.text, doc.spans
        if "\r" in text:
            text, remap = normalize_text(text, newlines=True)
            spans = [Span(s.id, s.doc_id, s.annotator, s.layer, s.label, remap(s.start), remap(s.end), s.attrs)
                     for s in spans]
            report.messages.append(f"{doc.doc_id}: CRLF/CR written as LF for brat; offsets remapped")
        base.with_name(base.name + ".txt").write_text(text, encoding="utf-8", newline="")
        with base.with_name(base.name + ".ann").open("w", encoding="utf-8", newline="\n") as ann:
            ann.write(_ann_lines(doc.doc_id, text, spans, doc.relations, (doc.meta or {}).get("brat_notes"),
                                 report.messages))
    (out / "annotation.conf").write_text(_conf(schema), encoding="utf-8", newline="\n")
    for annotator, folder in namer.folders.items():
        if folder != annotator:
            report.messages.append(f"annotator {annotator!r} is in the folder {folder!r}")
    # Which subfolder is whose: the import of the whole export gives each its annotator (the
    # subfolder was taken for part of every document's id, and the annotator lost).
    write_manifest(out, {folder: annotator for annotator, folder in namer.folders.items()}, ANNOTATOR_FOLDERS,
                   "folder\tannotator")
    if write_manifest(out, namer.renamed):
        report.messages.append(f"{len(namer.renamed)} document id(s) could not be file names as they are; "
                               f"{MANIFEST_NAME} maps each file to its id (brat import reads it)")


def _ann_lines(doc_id: str, text: str, spans: list[Span], relations: list[Relation],
               kept_notes: list | None = None, messages: list[str] | None = None) -> str:
    lines = []

    def one_line(value: str, what: str) -> str:
        # A note is one line of the .ann (brat reads a line break anywhere as the end of one,
        # and an .ann with a value's second line in it is refused, by brat and by our import).
        if "\n" not in value and "\r" not in value:
            return value
        if messages is not None:
            messages.append(f"{doc_id}: {what}: line breaks written as spaces (a brat note is one line)")
        return _LINE_BREAKS.sub(" ", value)

    used = [s.id for s in spans if s.id[:1] == "T" and s.id[1:].isdigit()]
    brat_id = {}
    for span in spans:
        if span.id[:1] == "T" and span.id[1:].isdigit():
            brat_id[span.id] = span.id
        else:
            brat_id[span.id] = next_id("T", used)
            used.append(brat_id[span.id])
    attribute = note = 0
    for span in spans:
        fragments = _fragments(text, span.start, span.end)
        where = ";".join(f"{a} {b}" for a, b in fragments)
        shown = " ".join(text[a:b] for a, b in fragments)
        lines.append(f"{brat_id[span.id]}\t{span.label} {where}\t{shown}")
        for key, value in span.attrs.items():
            if value and not any(ch.isspace() for ch in value):
                attribute += 1
                lines.append(f"A{attribute}\t{key} {brat_id[span.id]} {value}")
            else:
                # brat attribute values are single words; free text (a speaker's canonical
                # name) goes into a note as key=value, which read() turns back into the attribute.
                note += 1
                value = one_line(value, f"span {span.id}'s {key}")
                lines.append(f"#{note}\tAnnotatorNotes {brat_id[span.id]}\t{key}={value}")
        # Free-text notes an imported brat file had on this span (kept in the meta).
        for kept in kept_notes if isinstance(kept_notes, list) else []:
            if isinstance(kept, dict) and kept.get("span") == span.id and kept.get("label") == span.label \
                    and isinstance(kept.get("note"), str):
                note += 1
                written = one_line(kept["note"], f"a note on span {span.id}")
                lines.append(f"#{note}\tAnnotatorNotes {brat_id[span.id]}\t{written}")
    for n, rel in enumerate(relations, 1):
        lines.append(f"R{n}\t{rel.label} Arg1:{brat_id[rel.from_id]} Arg2:{brat_id[rel.to_id]}")
    return "".join(line + "\n" for line in lines)


_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) between line breaks (brat's text field cannot hold one)."""
    pieces, a = [], start
    for k in range(start, end):
        if text[k] == "\n":
            if a < k:
                pieces.append((a, k))
            a = k + 1
    if a < end:
        pieces.append((a, end))
    return pieces or [(start, end)]


def _conf(schema) -> str:
    out = ["[entities]"]
    labels = sorted({label.name for layer in schema.layers for label in layer.labels})
    out += labels
    out += ["", "[relations]"]
    for rel in schema.relations:
        first = "|".join(l.name for l in schema.layer(rel.from_layer).labels)
        second = "|".join(l.name for l in schema.layer(rel.to_layer).labels)
        out.append(f"{rel.name}\tArg1:{first}, Arg2:{second}")
    out += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    for layer in schema.layers:
        for label in layer.labels:
            for name, values in label.attributes.items():
                if values:
                    out.append(f"{name}\tArg:{label.name}, Value:{'|'.join(values)}")
    return "\n".join(out) + "\n"


def read_conf(path: Path) -> SchemaDeclaration | RecordError:
    """What a brat ``annotation.conf`` declares: entity types (labels), relation types with
    their argument types, attributes with their values. Events have no place in the schema:
    listed as not carried. Macros, abstract types (``!Name``) and ``<...>`` options are skipped."""
    lines = text_lines(path)
    if isinstance(lines, RecordError):
        return lines
    declared = SchemaDeclaration(str(path))
    section = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
            continue
        name, _, rest = stripped.replace("\t", " ", 1).partition(" ")
        if name.startswith("!") or name.startswith("<") or "=" in name:
            continue  # an abstract type, a macro definition, an option
        args = {}
        for part in rest.split(","):
            key, sep, value = part.strip().partition(":")
            if sep:
                args[key.strip()] = tuple(v for v in value.strip().split("|") if v and not v.startswith("<"))
        if section == "entities":
            declared.labels.append((None, name))
        elif section == "relations":
            declared.relations.append((name, args.get("Arg1", ()), args.get("Arg2", ())))
        elif section == "attributes":
            values = args.get("Value", ("true",))  # a binary attribute: brat writes it without a value
            for label in args.get("Arg", ()):
                declared.attributes.append((label, name, values))
        elif section == "events":
            declared.not_carried.append(f"{path.name}:{number}: event type {name!r} (no events in the schema)")
    return declared


def read(folder: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError | SchemaDeclaration]:
    """Every ``.ann`` under ``folder`` with its ``.txt``; ids are paths relative to ``folder``.
    The folder's ``annotation.conf`` files come first, as declarations for --extend-schema.
    ``folder`` may be one ``.ann`` file (the window's file dialog chooses files): that document."""
    chosen = None
    if folder.is_file() and folder.suffix.lower() == ".ann":
        chosen, folder = folder, folder.parent
    if not folder.is_dir():
        yield RecordError(str(folder), "a brat import needs a folder of .txt and .ann files")
        return
    for conf in sorted(p for p in folder.glob("annotation.conf") if p.is_file()) if chosen else \
            sorted(p for p in folder.rglob("annotation.conf") if p.is_file()):
        yield read_conf(conf)
    manifest, manifest_root = _manifest_for(folder)
    owners = read_manifest(folder, ANNOTATOR_FOLDERS)  # the whole export: subfolder -> annotator
    whose = read_manifest(folder.parent, ANNOTATOR_FOLDERS).get(folder.name)  # one annotator's subfolder
    annotations = [chosen] if chosen else sorted(p for p in folder.rglob("*.ann") if p.is_file())
    if not annotations:  # said, not an import of nothing that looks like success
        yield RecordError(str(folder), "no .ann files in it or below it (brat keeps a document as a .txt and an .ann)")
    for ann_path in annotations:
        txt_path = ann_path.with_name(ann_path.name.removesuffix(".ann") + ".txt")
        doc_id = ann_path.relative_to(folder).as_posix().removesuffix(".ann")
        by = whose if whose is not None and annotator == DEFAULT_IMPORT_ANNOTATOR else annotator
        first, _, rest = doc_id.partition("/")
        if rest and first in owners:  # an annotator's subfolder of our own export
            doc_id, by = rest, owners[first]
        named = ann_path.relative_to(manifest_root).as_posix().removesuffix(".ann")
        doc_id = manifest.get(named, doc_id)
        if not txt_path.is_file():
            yield RecordError(str(ann_path), f"no {txt_path.name} beside it")
            continue
        try:
            raw = txt_path.read_bytes()
            text = decode_text(raw)
        except (OSError, ValueError) as exc:
            yield RecordError(str(txt_path), f"cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        lines = text_lines(ann_path)
        if isinstance(lines, RecordError):
            yield lines
            continue
        shift = _bom_shift(text, lines) if raw.startswith(codecs.BOM_UTF8) else 0
        yield _document(doc_id, text, lines, ann_path, schema, by, shift)


def _manifest_for(folder: Path) -> tuple[dict[str, str], Path]:
    """The file-name manifest of an export: in the folder, or in its parent when the folder
    is one annotator's subfolder of the export."""
    for root in (folder, folder.parent):
        names = read_manifest(root)
        if names:
            return names, root
    return {}, folder


def _normalisation(rest: str, spans: dict[str, Span], schema) -> tuple[str, str, str] | None:
    """(span id, knowledge base, entry) of a normalisation line's fields when its span was
    imported and the schema can hold the base as an attribute of the span's label."""
    fields = rest.partition("\t")[0].split()
    if len(fields) != 3 or fields[1] not in spans or ":" not in fields[2]:
        return None
    base, _, entry = fields[2].partition(":")
    span = spans[fields[1]]
    layer = schema.layer(span.layer)
    label = layer.label(span.label) if layer is not None else None
    if not base or not entry or not (getattr(schema, "accepts_new_labels", False)
                                     or (label is not None and base in label.attributes)):
        return None
    return fields[1], base, entry


_ANNOTATION_LINE = re.compile(r"^[TRAEMN#*][^\t]*\t")


def _annotation_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(number, line) of each annotation line. A line that starts no annotation right after a
    span's line goes on that span's text: tools that write a span across a line break write
    its text as it is (n2c2's "T2<TAB>Frequency 40 52<TAB>every", then "12 hours"), where brat
    would have cut the span into fragments at the break."""
    pending: tuple[int, str] | None = None
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if pending is not None and pending[1].startswith("T") and pending[1].count("\t") >= 2 \
                and line.strip() and not _ANNOTATION_LINE.match(line):
            pending = (pending[0], pending[1] + "\n" + line)
            continue
        if pending is not None:
            yield pending
        pending = (number, line)
    if pending is not None:
        yield pending


def _read_fragments(offsets: str) -> list[tuple[int, int]]:
    """A span line's "START END;START END" as pairs; ValueError when it is not that."""
    fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    if any(len(f) != 2 for f in fragments):
        raise ValueError("offsets must be 'START END' pairs separated by ';'")
    return fragments


def _bom_shift(text: str, lines: list[str]) -> int:
    """1 when the .ann's offsets count the .txt's byte order mark (brat's server keeps it as a
    character: its offsets are one more than in the text without it, which the import keeps),
    0 when the tool that wrote them did not; told by the spans' own texts."""
    agree = {0: 0, 1: 0}
    for number, line in _annotation_lines(lines):
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 3 or not fields[2]:
            continue
        try:
            fragments = _read_fragments(fields[1].partition(" ")[2])
        except ValueError:
            continue
        for shift in agree:
            if " ".join(text[max(0, a - shift):max(0, b - shift)] for a, b in fragments) == fields[2]:
                agree[shift] += 1
    return 0 if agree[0] > agree[1] else 1


def _document(doc_id, text, lines, ann_path, schema, annotator, shift: int = 0) -> AnnotatedDocument | RecordError:
    spans: dict[str, Span] = {}
    relations: list[Relation] = []
    notes: list[str] = []  # lines the project cannot hold: reported, the document still imported
    kept_notes: list[dict] = []  # free-text AnnotatorNotes, kept in the document's meta
    skipped_ids: set[str] = set()  # T lines reported as not carried (discontinuous spans)
    relation_lines: dict[str, tuple[int, str]] = {}
    for number, line in _annotation_lines(lines):
        if not line.strip():
            continue
        where = f"{ann_path}:{number}"
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        try:
            if kind == "T":
                middle, _, shown = rest.partition("\t")
                label, _, offsets = middle.partition(" ")
                fragments = _read_fragments(offsets)
                if shift:  # the offsets count the .txt's byte order mark, which the text has not
                    fragments = [(max(0, a - shift), max(0, b - shift)) for a, b in fragments]
                joined = " ".join(text[a:b] for a, b in fragments)
                if shown and joined != shown:
                    raise ValueError(f"the text {shown!r} does not match the offsets in the .txt ({joined!r})")
                start, end = fragments[0][0], fragments[-1][1]
                gaps = [text[fragments[k][1]:fragments[k + 1][0]] for k in range(len(fragments) - 1)]
                if any(gap.strip() for gap in gaps):
                    # A span is one stretch of text here: the line is reported, the rest kept.
                    notes.append(f"line {number}: a discontinuous span (its fragments are apart by more than "
                                 f"line breaks and spaces): {line[:80]!r}")
                    skipped_ids.add(ident)
                    continue
                layer = layer_for_label(schema, label)
                spans[ident] = Span(ident, doc_id, annotator, layer, label, start, end, {})
            elif kind == "R":
                fields = rest.split()
                if len(fields) != 3 or not all(":" in arg for arg in fields[1:]):
                    raise ValueError(f"a relation line needs 'TYPE Arg1:T1 Arg2:T2' (got {rest!r})")
                label, arg1, arg2 = fields
                relations.append(Relation(ident, doc_id, annotator, label, arg1.split(":", 1)[1],
                                          arg2.split(":", 1)[1]))
                relation_lines[ident] = (number, line)
            elif kind in ("A", "M"):
                parts = rest.split()
                if len(parts) < 2:
                    raise ValueError(f"an attribute line needs 'NAME TARGET [VALUE]' (got {rest!r})")
                name, target = parts[0], parts[1]
                value = parts[2] if len(parts) > 2 else "true"
                if target not in spans:
                    if target[:1] == "T" and target not in skipped_ids:
                        raise ValueError(f"attribute on {target}, which is not a span defined above")
                    # An event's modification (BioNLP's "M1 Negation E2") or a skipped span's.
                    notes.append(f"line {number}: an attribute of {target}, which is not a span imported here: "
                                 f"{line[:80]!r}")
                    continue
                spans[target].attrs[name] = value
            elif kind == "#":
                # key=value notes are the attribute values with spaces write() puts there;
                # any other note is kept in the document's meta (brat_notes) with its span.
                head, _, note = rest.partition("\t")
                parts = head.split()
                key, sep, value = note.partition("=")
                target = spans.get(parts[1]) if len(parts) == 2 else None
                label = schema.layer(target.layer).label(target.label) if target is not None else None
                if target is not None and sep and label is not None and key in label.attributes:
                    target.attrs[key] = value
                elif target is not None:
                    kept_notes.append({"span": target.id, "start": target.start, "end": target.end,
                                       "label": target.label, "note": note})
                else:
                    notes.append(f"line {number}: a note on {parts[1] if len(parts) > 1 else '?'}, which is not "
                                 f"a span defined above: {line[:80]!r}")
            elif kind == "N" and (linked := _normalisation(rest, spans, schema)) is not None:
                # N1<TAB>Reference T1 Wikidata:Q18216<TAB>aspirin: the span's entry in a knowledge
                # base, kept as the attribute named after the base (where the schema has it, or
                # with --extend-schema)
                target, base, entry = linked
                if base in spans[target].attrs and spans[target].attrs[base] != entry:
                    notes.append(f"line {number}: a second {base} entry for {target}, kept the first: {line[:80]!r}")
                else:
                    spans[target].attrs[base] = entry
            elif kind in ("E", "*", "N"):
                what = {"E": "an event", "*": "an equivalence", "N": "a normalisation"}[kind]
                notes.append(f"line {number}: {what} (no such annotations in the schema): {line[:80]!r}")
            else:
                raise ValueError(f"{ident[:1]!r} lines are not brat standoff")
        except (ValueError, IndexError) as exc:
            return RecordError(where, str(exc))
    # Links to events (E), to spans left out, or to nothing (R lines may precede their T lines,
    # so this is decided once every line is read): reported, the rest of the document kept.
    kept_relations = []
    for relation in relations:
        if relation.from_id in spans and relation.to_id in spans:
            kept_relations.append(relation)
            continue
        number, line = relation_lines.get(relation.id, (0, ""))
        absent = ", ".join(e for e in (relation.from_id, relation.to_id) if e not in spans)
        notes.append(f"line {number}: a relation to {absent}, which is not a span imported here: {line[:80]!r}")
    relations = kept_relations
    meta = {"source": ann_path.name, **({"brat_notes": kept_notes} if kept_notes else {})}
    return AnnotatedDocument(Document(doc_id, text, meta), annotator if spans else None, None,
                             list(spans.values()), relations, str(ann_path),
                             notes=[f"{ann_path.name} {note}" for note in notes])
