"""WebAnno TSV 3.3, INCEpTION's own tab-separated format (one document per file).

No maintained Python library reads or writes it (dkpro-cassis does XMI and JSON only), so this
module follows INCEpTION's format description (user guide, "WebAnno TSV 3.3 File format") and
is tested on INCEpTION's own test files (tests/data/inception/tsv).

The layers map to UIMA types as in :mod:`annotator.formats.inception`. What the format says:

* header ``#FORMAT=WebAnno TSV 3.3``, then ``#T_SP=type|feature|...`` span layers and
  ``#T_RL=type|feature|...|BT_basetype`` relation layers (``#T_CH`` chains are reported as not
  carried), then two empty lines;
* per sentence ``#Text=`` lines (one per line of the sentence; TAB, CR and backslash escaped),
  then one row per token ``sentence-token<TAB>begin-end<TAB>token<TAB>columns...`` and sub-token
  rows ``1-3.1`` for parts of a token; offsets count UTF-16 units;
* a span column holds ``_`` (none), ``*`` (no value) or the value, stacked annotations joined by
  ``|``, with ``[n]`` when an annotation covers several rows or is stacked; a relation sits on
  its dependent's first row and its last column names the governor's row (``1-1``, with
  ``[governor_dependent]`` ids when either is ambiguous).

Our export makes every sentence run up to the next one, so the text between sentences (line
breaks, several spaces) comes back exactly; a span edge inside a token becomes a sub-token row,
so sub-word spans (تركيا in لتركيا) stay exact.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, Relation, Span
from annotator.core.offsets import Utf16Map
from annotator.core.tokenize import sentences as split_sentences
from annotator.core.tokenize import tokenize
from annotator.formats import RecordError, text_lines
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport
from annotator.formats.inception import (ANNOTATION, CUSTOM, NAMED_ENTITY, ExportPaths, annotation_label,
                                         annotation_layer_and_attrs, chain_link_place, chain_relation_name,
                                         described_folder, label_feature, layout,
                                         relation_name, relation_type, relative_parts, settled, span_type)

FORMAT_LINE = "#FORMAT=WebAnno TSV 3.3"
# Characters a feature value escapes with a backslash ("->" is escaped as one unit).
_VALUE_RESERVED = ("\\", "[", "]", "|", "_", "->", ";", "\t", "\n", "*")
_VALUE_ESCAPE = re.compile("|".join(re.escape(c) for c in _VALUE_RESERVED))
_UNESCAPE = re.compile(r"\\(->|.)", re.DOTALL)
_TEXT_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\r": "\\r"}
_TEXT_UNESCAPES = {"\\": "\\", "t": "\t", "r": "\r", "n": "\n"}
_ROW_ID = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")


_CONTROL_NAMES = {"\t": "t", "\n": "n"}  # a TAB or line break in a value is written \t or \n


def escape_value(value: str) -> str:
    return _VALUE_ESCAPE.sub(lambda m: "\\" + _CONTROL_NAMES.get(m.group(0), m.group(0)), value)


def unescape_value(value: str) -> str:
    return _UNESCAPE.sub(lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), value)


def escape_text(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text)


def unescape_text(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _TEXT_UNESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def split_unescaped(value: str, separator: str) -> list[str]:
    parts, current, k = [], [], 0
    while k < len(value):
        if value[k] == "\\" and k + 1 < len(value):
            current.append(value[k:k + 2])
            k += 2
            continue
        if value[k] == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(value[k])
        k += 1
    parts.append("".join(current))
    return parts


# ----------------------------------------------------------------------------- export


@dataclass
class _Column:
    layer_kind: str  # "span" or "relation"
    type_name: str
    feature: str | None  # None: the placeholder column of a layer without features, or BT


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport, schema) -> None:
    """One .tsv file per (document, annotator) under the folder ``out``, named as the XMI
    export names its files (annotation/<document>/<annotator>.tsv)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = ExportPaths(out, ".tsv")
    for doc in docs:
        path = paths.path(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(doc, schema, report), encoding="utf-8", newline="\n")
    paths.finish(report)


def _header(schema) -> tuple[list[str], list[_Column]]:
    lines, columns = [FORMAT_LINE], []
    for layer in schema.layers:
        name = span_type(layer.name)
        features = [label_feature(name)] + sorted({key for label in layer.labels for key in label.attributes})
        lines.append("#T_SP=" + "|".join([name, *features]))
        columns += [_Column("span", name, feature) for feature in features]
    for relation in schema.relations:
        name = relation_type(relation.name, schema)
        base = span_type(relation.from_layer) if relation.from_layer == relation.to_layer else ANNOTATION
        lines.append(f"#T_RL={name}|label|BT_{base}")
        columns += [_Column("relation", name, "label"), _Column("relation", name, None)]
    return lines + ["", ""], columns


def render(doc: ExportDoc, schema, report: ExportReport) -> str:
    header, columns = _header(schema)
    text = doc.text
    u16 = Utf16Map(text).to_utf16
    spans = [s for s in doc.spans if schema.layer(s.layer) is not None]
    for span in doc.spans:
        if schema.layer(span.layer) is None:  # stored before a schema change: no column holds it
            report.note(doc.doc_id, span.id, text[span.start:span.end], "not carried (layer not in the schema)")
    # Units: the tokens, plus a sub-token for each piece of a span that covers part of a token.
    sentences = [s for s in split_sentences(text, tokenize(text)) if s]
    if not sentences and text:
        # WebAnno TSV holds text only as sentences of tokens: white space alone has none.
        report.messages.append(f"{doc.doc_id}: a text of white space only is written as an empty document "
                               "(WebAnno TSV has no token to hold it)")
    rows: list[tuple[str, int, int]] = []  # (row id, start, end) in order
    unit_of: dict[tuple[int, int], str] = {}
    units_of_span: dict[str, list[str]] = {}
    sub_tokens: dict[int, list[tuple[int, int]]] = {}  # flat token index -> sub-token ranges
    flat = [t for sentence in sentences for t in sentence]
    token_ends = [b for _, b in flat]
    for span in spans:
        pieces = []
        # Only the tokens the span touches: from the first ending after its start (bisect).
        for k in range(bisect.bisect_right(token_ends, span.start), len(flat)):
            a, b = flat[k]
            if a >= span.end:
                break
            piece = (max(a, span.start), min(b, span.end))
            if piece != (a, b):
                sub_tokens.setdefault(k, [])
                if piece not in sub_tokens[k]:
                    sub_tokens[k].append(piece)
            pieces.append(piece)
        if not pieces:
            report.note(doc.doc_id, span.id, text[span.start:span.end], "dropped (no token inside it)")
            continue
        if pieces[0][0] != span.start or pieces[-1][1] != span.end:
            report.note(doc.doc_id, span.id, text[span.start:span.end], "trimmed to its tokens (edges in spaces)")
        units_of_span[span.id] = pieces
    k = 0
    for s_index, sentence in enumerate(sentences, 1):
        for t_index, token in enumerate(sentence, 1):
            rows.append((f"{s_index}-{t_index}", *token))
            unit_of[token] = f"{s_index}-{t_index}"
            for n, piece in enumerate(sorted(sub_tokens.get(k, [])), 1):
                rows.append((f"{s_index}-{t_index}.{n}", *piece))
                unit_of[piece] = f"{s_index}-{t_index}.{n}"
            k += 1
    span_rows = {sid: [unit_of[p] for p in pieces] for sid, pieces in units_of_span.items()}
    # Disambiguation ids: for annotations on several rows, or stacked with another of their type.
    per_row_type = Counter((row, span_type(s.layer)) for s in spans if s.id in span_rows for row in span_rows[s.id])
    ids: dict[str, int] = {}
    for span in spans:
        if span.id not in span_rows:
            continue
        rows_here = span_rows[span.id]
        if len(rows_here) > 1 or any(per_row_type[(r, span_type(span.layer))] > 1 for r in rows_here):
            ids[span.id] = len(ids) + 1
    by_id = {s.id: s for s in spans if s.id in span_rows}
    # A relation names its ends by row: an end that shares its first row with another annotation
    # of the relation's base type (any type for a link across layers) needs an id too.
    row_types = Counter((span_rows[s.id][0], span_type(s.layer)) for s in by_id.values())
    row_all = Counter(span_rows[s.id][0] for s in by_id.values())
    for relation in doc.relations:
        if relation.from_id not in by_id or relation.to_id not in by_id or schema.relation(relation.label) is None:
            continue
        rtype = schema.relation(relation.label)
        across = rtype.from_layer != rtype.to_layer
        for end in (by_id[relation.from_id], by_id[relation.to_id]):
            first = span_rows[end.id][0]
            crowded = row_all[first] > 1 if across else row_types[(first, span_type(end.layer))] > 1
            if crowded and end.id not in ids:
                ids[end.id] = len(ids) + 1
    cells: dict[tuple[str, int], list[str]] = {}
    for span in spans:
        if span.id not in span_rows:
            continue
        name = span_type(span.layer)
        suffix = f"[{ids[span.id]}]" if span.id in ids else ""
        for c, column in enumerate(columns):
            if column.layer_kind != "span" or column.type_name != name:
                continue
            value = span.label if column.feature == label_feature(name) else span.attrs.get(column.feature)
            item = (escape_value(value) if value else "*") + suffix
            for row in span_rows[span.id]:
                cells.setdefault((row, c), []).append(item)
    for relation in doc.relations:
        governor, dependent = by_id.get(relation.from_id), by_id.get(relation.to_id)
        if governor is None or dependent is None or schema.relation(relation.label) is None:
            report.note(doc.doc_id, relation.id, relation.label, "link not carried (its type or an end is not in "
                                                                 "the schema)")
            continue
        name = relation_type(relation.label, schema)
        where = span_rows[dependent.id][0]
        reference = span_rows[governor.id][0]
        if governor.id in ids or dependent.id in ids:
            reference += f"[{ids.get(governor.id, 0)}_{ids.get(dependent.id, 0)}]"
        for c, column in enumerate(columns):
            if column.layer_kind == "relation" and column.type_name == name:
                cells.setdefault((where, c), []).append(escape_value(relation.label) if column.feature else reference)
    lines = header
    row_at = 0
    starts = [sentence[0][0] for sentence in sentences] + [len(text)]
    for s_index, sentence in enumerate(sentences):
        # Each sentence runs to the next one's first token: the text between comes back.
        start = 0 if s_index == 0 else starts[s_index]
        if s_index == 0 and starts[0] > 0:
            report.messages.append(f"{doc.doc_id}: the {starts[0]} white space character(s) before the first "
                                   "word come back as spaces (WebAnno TSV starts a sentence at its first token)")
            start = starts[0]
        chunk = text[start:starts[s_index + 1]]
        lines += [f"#Text={escape_text(part)}" for part in chunk.split("\n")]
        while row_at < len(rows) and (s_index + 1 == len(sentences) or rows[row_at][1] < starts[s_index + 1]):
            row, a, b = rows[row_at]
            values = ["|".join(cells[(row, c)]) if (row, c) in cells else "_" for c in range(len(columns))]
            lines.append("\t".join([row, f"{u16(a)}-{u16(b)}", escape_value(text[a:b]), *values, ""]))
            row_at += 1
        lines.append("")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- import


@dataclass
class _Layer:
    kind: str  # "span", "relation", "chain"
    type_name: str
    features: list[str]
    first_column: int
    width: int
    base: str | None = None

    @cached_property  # (asked for on every row)
    def slots(self) -> list[tuple[int, str, str]]:
        """(role column, feature name, target type) of each slot (link) feature: a column of
        roles, then one of targets (ROLE_<type>:<feature>_<link type>|<target type>)."""
        found = []
        for i, name in enumerate(self.features[:-1]):
            if name.startswith("ROLE_"):
                named = re.match(r"ROLE_[^:]*:(.+)_((?:[a-z]\w*\.)+[A-Z]\w*)$", name)
                found.append((i, named.group(1) if named else name.partition(":")[2] or name, self.features[i + 1]))
        return found


@dataclass
class _Annotation:
    type_name: str
    start: int  # UTF-16
    end: int
    values: dict[str, str] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    ident: int | None = None  # the disambiguation id, when the file gives one


def read(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    """A .tsv file, or every .tsv file under a folder (INCEpTION's export layout gives the
    annotator: annotation/<document>/<annotator>.tsv)."""
    root = path if path.is_dir() else path.parent
    files = sorted(p for p in path.rglob("*.tsv") if p.is_file()) if path.is_dir() else [path]
    if not files:  # said, not an import of nothing that looks like success
        yield RecordError(str(path), "no .tsv files in it or below it")
        return
    users = yield from described_folder(root, files)
    for file in files:
        folder_doc, who = layout(file, root, users)
        record = read_one(file, schema, who or annotator, folder_doc)  # no user: the import's annotator
        yield settled(record, relative_parts(file, root), who, users)


def read_one(path, schema, annotator: str | None, folder_doc: str | None) -> AnnotatedDocument | RecordError:
    """One WebAnno TSV file: a Path, or anything with read_bytes(), a name and a str() that
    names it in messages (a member of a zipped INCEpTION project export)."""
    lines = text_lines(path)
    if isinstance(lines, RecordError):
        return lines
    lines = [line.rstrip("\r") for line in lines]
    if not lines or not re.match(r"^#FORMAT=WebAnno TSV 3\.\d+$", lines[0]):
        return RecordError(f"{path}:1", f"not WebAnno TSV 3 (the first line must be '{FORMAT_LINE}')")
    layers: list[_Layer] = []
    column = 0
    number = 1
    while number < len(lines) and lines[number].startswith("#T_"):
        kind = {"#T_SP=": "span", "#T_RL=": "relation", "#T_CH=": "chain"}.get(lines[number][:6])
        if kind is None:
            return RecordError(f"{path}:{number + 1}", f"unknown layer declaration {lines[number][:6]!r}")
        fields = lines[number][6:].split("|")
        type_name, features = fields[0], fields[1:]
        base = None
        if kind == "relation" and features and features[-1].startswith("BT_"):
            base = features[-1][3:]
        width = max(1, len(features))
        if kind == "span" and any(f.startswith("ROLE_") for f in features):
            width = len(features)  # a slot feature has a role and a target column
        layers.append(_Layer(kind, type_name, features, column, width, base))
        column += width
        number += 1
    text_parts: list[str] = []
    length16 = 0  # of the text so far, in UTF-16 units (the file's offsets)
    units: dict[str, tuple[int, int]] = {}
    annotations: dict[tuple[str, int], _Annotation] = {}  # (type, disambiguation id) -> annotation
    single: list[_Annotation] = []
    relations: list[tuple[str, str, str, dict, int]] = []  # (type, dependent row, reference, values, line)
    # (host annotation, slot feature, role, target "row" or "row[id]", target type, line)
    slot_links: list[tuple[_Annotation, str, str, str, str, int]] = []
    # (chain type, chain, link) -> [begin, end (UTF-16), referenceType, referenceRelation]
    chain_links: dict[tuple[str, int, int], list] = {}
    at_row: dict[str, list[_Annotation]] = {}
    sentence_text: list[str] = []
    in_header = False
    not_carried: Counter = Counter()
    for number in range(number, len(lines)):
        line = lines[number]
        where = f"{path}:{number + 1}"
        if line.startswith("#Text="):
            if not in_header:
                sentence_text = []
                in_header = True
            sentence_text.append(unescape_text(line[6:]))
            continue
        if line.startswith("#"):
            continue  # #Sentence.id= and other sentence header lines
        if not line:
            continue
        fields = line.split("\t")
        match = _ROW_ID.match(fields[0])
        if match is None or len(fields) < 3:
            return RecordError(where, f"expected a token row 'sentence-token<TAB>begin-end<TAB>token ...', got "
                                      f"{line[:60]!r}")
        try:
            begin, end = (int(x) for x in fields[1].split("-"))
        except ValueError:
            return RecordError(where, f"bad offsets {fields[1]!r} (begin-end in UTF-16 units)")
        if in_header:  # the sentence's first token: its text goes in at this offset
            joined = "\n".join(sentence_text) + "\n"
            # The text so far is kept as its pieces and its length in UTF-16 units (joining and
            # re-encoding it for every sentence was quadratic in a long document).
            if length16 > begin:
                if length16 != begin + 1 or not (text_parts and text_parts[-1].endswith("\n")):
                    return RecordError(where, f"the sentence starts at {begin}, inside the text before it")
                text_parts[-1] = text_parts[-1][:-1]
                length16 -= 1
            elif length16 < begin:
                text_parts.append(" " * (begin - length16))
                length16 = begin
            text_parts.append(joined)
            length16 += len(joined.encode("utf-16-le")) // 2
            in_header = False
        row = fields[0]
        units[row] = (begin, end)
        values = fields[3:]
        if values and values[-1] == "":
            values = values[:-1]  # the trailing TAB
        if len(values) < column:
            return RecordError(where, f"{len(values)} annotation columns, but the header declares {column}")
        for layer in layers:
            cells = values[layer.first_column:layer.first_column + layer.width]
            if all(c == "_" for c in cells):
                continue
            if layer.kind == "chain":
                _read_chain_cells(layer, cells, begin, end, chain_links, not_carried)
                continue
            if layer.kind == "relation":
                stacks = [split_unescaped(c, "|") for c in cells]
                refs = stacks[-1] if layer.base is not None else []
                for k in range(max(len(s) for s in stacks)):
                    vals = {f: unescape_value(stacks[i][k]) for i, f in enumerate(layer.features[:-1])
                            if k < len(stacks[i]) and stacks[i][k] not in ("*", "_")}
                    relations.append((layer.type_name, layer.base, row, refs[k] if k < len(refs) else "", vals,
                                      number + 1))
                continue
            stacks = [split_unescaped(c, "|") for c in cells]
            slots = layer.slots
            role_columns = {i for i, _, _ in slots}
            target_columns = {i + 1 for i, _, _ in slots}
            for k in range(max(len(s) for s in stacks)):
                ident = None
                vals = {}
                for i, feature in enumerate(layer.features or [None]):
                    if k >= len(stacks[i]) or i in target_columns:
                        continue  # a slot's targets ("1-2[4]": the target's id) are read below
                    item = stacks[i][k]
                    m = re.search(r"(?<!\\)\[(\d+)\]$", item)
                    if m:
                        ident = int(m.group(1))
                        item = item[:m.start()]
                    if feature and i not in role_columns and item not in ("*", "_", ""):
                        vals[feature] = unescape_value(item)
                key = (layer.type_name, ident)
                if ident is not None and key in annotations:
                    found = annotations[key]
                    found.end = max(found.end, end)
                    found.start = min(found.start, begin)
                    found.rows.append(row)
                    at_row.setdefault(row, []).append(found)
                    continue  # its slots' links are on every row it covers: read on its first
                made = _Annotation(layer.type_name, begin, end, vals, [row], ident)
                if ident is not None:
                    annotations[key] = made
                single.append(made)
                at_row.setdefault(row, []).append(made)
                for role_column, feature, target_type in slots:
                    roles = stacks[role_column][k] if k < len(stacks[role_column]) else "_"
                    targets = stacks[role_column + 1][k] if k < len(stacks[role_column + 1]) else "_"
                    roles = re.sub(r"(?<!\\)\[\d+\]$", "", roles)
                    if roles == "_" or targets in ("_", "*", ""):
                        continue
                    role_list, target_list = split_unescaped(roles, ";"), split_unescaped(targets, ";")
                    if len(role_list) != len(target_list):
                        not_carried[f"{layer.type_name} (slot links whose roles and targets do not pair up)"] += \
                            abs(len(role_list) - len(target_list))
                    for role, target in zip(role_list, target_list):
                        slot_links.append((made, feature, "" if role in ("*", "") else unescape_value(role),
                                           target, target_type, number + 1))
    text = "".join(text_parts)
    if text.endswith("\n"):
        text = text[:-1]  # the format ends every #Text line with a line break
    to_cp = Utf16Map(text).to_codepoint
    doc_id = folder_doc or path.name.removesuffix(".tsv")
    spans: list[Span] = []
    span_of: dict[int, Span] = {}
    relabelled: Counter = Counter()
    for annotation in single:
        type_name = annotation.type_name
        if type_name != NAMED_ENTITY and not type_name.startswith(CUSTOM):
            not_carried[type_name] += 1
            continue
        label, label_name = annotation_label(type_name, annotation.values, relabelled)
        try:
            start, end = to_cp(annotation.start), to_cp(annotation.end)
        except ValueError as exc:
            return RecordError(str(path), f"{type_name} at {annotation.start}-{annotation.end}: {exc}")
        if not 0 <= start < end <= len(text):
            not_carried[f"{type_name} of zero length"] += 1
            continue
        try:
            layer, attrs = annotation_layer_and_attrs(type_name, label, label_name, annotation.values, schema,
                                                      not_carried)
        except ValueError as exc:
            return RecordError(f"{path}", str(exc))
        span = Span(f"T{len(spans) + 1}", doc_id, annotator or "", layer, label, start, end, attrs)
        spans.append(span)
        span_of[id(annotation)] = span
    out_relations: list[Relation] = []
    problem = _chains(chain_links, to_cp, text, doc_id, annotator or "", schema, spans, out_relations, not_carried)
    if problem is not None:
        return RecordError(str(path), problem)
    for type_name, base, row, reference, values, line in relations:
        m = re.match(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$", reference)
        if m is None:
            return RecordError(f"{path}:{line}", f"bad relation reference {reference!r} (expected 1-2 or 1-2[3_4])")

        def of_base(found: list[_Annotation]) -> list[_Annotation]:
            return found if base in (None, ANNOTATION) else [a for a in found if a.type_name == base]

        governor = _annotation_at(of_base(at_row.get(m.group(1), [])), int(m.group(2) or 0), span_of)
        dependent = _annotation_at(of_base(at_row.get(row, [])), int(m.group(3) or 0), span_of)
        if governor is None or dependent is None:
            not_carried[f"{type_name} (links annotations that were not imported)"] += 1
            continue
        label = values.get("label") or values.get("value")
        out_relations.append(Relation(f"R{len(out_relations) + 1}", doc_id, annotator or "",
                                      relation_name(type_name, label, schema), governor.id, dependent.id))
    # A slot (link) feature links its host to each target with a role: a relation named by the
    # role (by the feature where the role is empty), from the host to the target.
    for host, feature, role, target, target_type, line in slot_links:
        m = re.match(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)\])?$", target)
        if m is None:
            return RecordError(f"{path}:{line}", f"bad slot target {target!r} (expected 1-2 or 1-2[3])")
        candidates = [a for a in at_row.get(m.group(1), []) if target_type == ANNOTATION or a.type_name == target_type]
        filler = _annotation_at(candidates, int(m.group(2) or 0), span_of)
        if id(host) not in span_of or filler is None:
            not_carried[f"{host.type_name} (slot links to annotations that were not imported)"] += 1
            continue
        out_relations.append(Relation(f"R{len(out_relations) + 1}", doc_id, annotator or "", role or feature,
                                      span_of[id(host)].id, filler.id))
    notes = [f"{count} {what} annotation(s) not carried" for what, count in not_carried.most_common()]
    notes += [f"{count} {name} annotation(s) without a value: imported with the label {label!r}"
              for (name, label), count in relabelled.most_common()]
    return AnnotatedDocument(Document(doc_id, text, {"source": path.name}), annotator if spans else None, None,
                             spans, out_relations, str(path), notes=notes)


def _read_chain_cells(layer: _Layer, cells: list[str], begin: int, end: int, chain_links: dict,
                      not_carried: Counter) -> None:
    """One row's cells of a chain layer (coreference): "pr[1]" (the link's referenceType and
    its chain) and "coref->1-2" (the referenceRelation to the next link, chain 1, link 2), in
    the order the header names them (INCEpTION writes referenceRelation first, its guide the
    other way); stacked links are separated by "|". A link over several rows grows to cover them."""
    type_name = layer.type_name
    at = layer.features.index("referenceRelation") if "referenceRelation" in layer.features[:2] else \
        next((k for k, cell in enumerate(cells[:2]) if "->" in cell), 1)
    relations = split_unescaped(cells[at], "|") if at < len(cells) else []
    types = split_unescaped(cells[1 - at], "|") if 1 - at < len(cells) else []
    for k, type_item in enumerate(types):
        place = re.match(r"^(.*)->(\d+)-(\d+)$", relations[k] if k < len(relations) else "", re.S)
        if place is None:
            not_carried[f"{type_name} (chain links without their place in a chain)"] += 1
            continue
        key = (type_name, int(place.group(2)), int(place.group(3)))
        if key in chain_links:
            found = chain_links[key]
            found[0], found[1] = min(found[0], begin), max(found[1], end)
            continue
        kind = re.sub(r"(?<!\\)\[\d+\]$", "", type_item)
        chain_links[key] = [begin, end, "" if kind in ("*", "_", "") else unescape_value(kind),
                            "" if place.group(1) in ("*", "_", "") else unescape_value(place.group(1))]


def _chains(chain_links: dict, to_cp, text: str, doc_id: str, annotator: str, schema, spans: list[Span],
            relations: list[Relation], not_carried: Counter) -> str | None:
    """Each chain link a span (its referenceType the label, the chain type's name without
    "Link" the layer: CoreferenceLink goes to "coreference"), each link linked to the next
    by a relation named by its referenceRelation (else by that layer's name). Where the schema
    has no place for them (import without --extend-schema), counted as not carried. Returns
    a reason when an offset cannot be read."""
    previous: dict[tuple[str, int], Span] = {}
    pending_name: dict[tuple[str, int], str] = {}
    for (type_name, chain, _link), (begin, end, kind, relation) in sorted(chain_links.items()):
        try:
            start, stop = to_cp(begin), to_cp(end)
        except ValueError as exc:
            return f"{type_name} at {begin}-{end}: {exc}"
        if not 0 <= start < stop <= len(text):
            not_carried[f"{type_name} of zero length"] += 1
            continue
        place = chain_link_place(type_name, kind, schema, not_carried)
        if place is None:
            continue
        span = Span(f"T{len(spans) + 1}", doc_id, annotator, *place, start, stop, {})
        spans.append(span)
        key = (type_name, chain)
        if key in previous:
            relations.append(Relation(f"R{len(relations) + 1}", doc_id, annotator,
                                      chain_relation_name(type_name, pending_name.get(key), schema), previous[key].id,
                                      span.id))
        previous[key], pending_name[key] = span, relation
    return None


def _annotation_at(candidates: list[_Annotation], ident: int, span_of: dict[int, Span]) -> Span | None:
    """The span among a row's annotations (of the relation's base type): by disambiguation id,
    or the only one there; None when it was not imported or cannot be told."""
    if ident:
        candidates = [a for a in candidates if a.ident == ident]
    elif len(candidates) > 1:
        candidates = [a for a in candidates if a.ident is None]
    if len(candidates) != 1 or id(candidates[0]) not in span_of:
        return None
    return span_of[id(candidates[0])]
