"""The JSON formats of other annotation and NLP tools.

* doccano: ``{"text", "label": [[start, end, LABEL]]}``, or with relations
  ``{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
  [{"id", "from_id", "to_id", "type"}]}`` (JSONL).
* Prodigy: ``{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start",
  "end", "label", "token_start", "token_end"}], "relations", "meta", "answer"}``;
  ``token_end`` is inclusive (JSONL).
* spaCy: a JSON list of ``Doc.to_json``-shaped documents: ``{"text", "tokens": [{"id",
  "start", "end", "ws"}], "ents": [...], "spans": {layer: [...]}}``; ``ents`` holds the entity
  layer (non-overlapping, token-aligned), other layers go to span groups.
* Label Studio: a JSON list of tasks, one annotation per annotator, results of type
  ``labels`` (``from_name`` = the layer) and ``relation``.
* Hugging Face token classification: JSONL rows ``{"id", "tokens", "ner_tags"}`` (integers)
  and ``<name>.features.json``, the rows' ``datasets.Features`` with the tags as ``ClassLabel``
  (label names in id order, ``O`` first).

``offset_unit="utf16"`` writes JavaScript/Java string offsets for the character-offset
formats. All offsets are read as code points.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.model import GOLD, STATUSES, AnnotatedDocument, Document, Relation, Span
from annotator.core.schema import SchemaDeclaration
from annotator.formats import RecordError, SkippedRecord, layer_for_label, looks_like_utf16_without_bom, whole_text
from annotator.formats.jsonl import json_lines
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, offset_converter, token_layers, tokenized
from annotator.core.tokenize import sentences as split_sentences


# Prodigy's accept/reject interfaces: one suggested span judged, not a whole text annotated.
BINARY_VIEWS = {"ner", "classification", "choice", "binary"}


def _jsonl_out(out: Path):
    return out.open("w", encoding="utf-8", newline="\n")


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


# ----------------------------------------------------------------------------- doccano


def write_doccano(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport,
                  relations: bool = False) -> None:
    with _jsonl_out(out) as f, _attributes_left_out("doccano", report) as count:
        for doc in docs:
            count(doc.spans)
            cp = offset_converter(doc.text, options.offset_unit)
            record = {"id": doc.doc_id, "text": doc.text}
            if relations:
                numbers = {s.id: n for n, s in enumerate(doc.spans)}
                record["entities"] = [{"id": numbers[s.id], "start_offset": cp(s.start), "end_offset": cp(s.end),
                                       "label": s.label} for s in doc.spans]
                record["relations"] = [{"id": n, "from_id": numbers[r.from_id], "to_id": numbers[r.to_id],
                                        "type": r.label} for n, r in enumerate(doc.relations)]
            else:
                record["label"] = [[cp(s.start), cp(s.end), s.label] for s in doc.spans]
                if doc.relations:
                    report.messages.append(f"{doc.doc_id}: {len(doc.relations)} relation(s) left out "
                                           "(use -f doccano-relations)")
            if doc.annotator:
                record["annotator"] = doc.annotator
            f.write(_dump(record) + "\n")


def read_doccano(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    for number, obj, error in _jsonl_objects(path):
        if error:
            yield error
            continue
        source = f"{path}:{number}"
        try:
            text, doc_id = _text_and_id(obj, path, number)
            who = obj.get("annotator") or annotator
            spans, relations = [], []
            if "entities" in obj:
                by_number = {}
                for e in obj["entities"]:
                    span = _span(schema, doc_id, who, len(spans), e["start_offset"], e["end_offset"], e["label"])
                    by_number[e["id"]] = span.id
                    spans.append(span)
                for n, r in enumerate(obj.get("relations", []), 1):
                    relations.append(Relation(f"R{n}", doc_id, who, r["type"], by_number[r["from_id"]],
                                              by_number[r["to_id"]]))
            else:
                # "label" is doccano's column; files made for doccano by scripts often say "labels"
                # (doccano lets the column be named at import): their spans were dropped unseen.
                for item in obj.get("label", obj.get("labels", [])):
                    if not isinstance(item, list) or len(item) != 3:
                        raise ValueError(f"a label must be [start, end, label] (got {item!r}: a text "
                                         "classification project's labels are not spans)")
                    start, end, label = item
                    spans.append(_span(schema, doc_id, who, len(spans), start, end, label))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            yield RecordError(source, _reason(exc), json.dumps(obj, ensure_ascii=False))
            continue
        yield _record(doc_id, text, path, who, spans, relations, source, meta=_doccano_meta(obj))


# What a doccano record holds besides its example's metadata.
_DOCCANO_KEYS = {"id", "text", "label", "labels", "entities", "relations", "meta", "annotator", "Comments"}


def _doccano_meta(obj: dict) -> dict:
    """A doccano record's metadata: doccano's export puts the example's meta fields at the top
    of the record (next to id, text and label) and its comments under "Comments"; both were
    dropped (only a "meta" object was read)."""
    meta = {key: value for key, value in obj.items() if key not in _DOCCANO_KEYS}
    if isinstance(obj.get("meta"), dict):
        meta.update(obj["meta"])
    comments = obj.get("Comments")
    if isinstance(comments, list) and comments:
        meta["comments"] = comments
    return meta


# ----------------------------------------------------------------------------- Prodigy


def write_prodigy(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    layers = token_layers(options)
    with _jsonl_out(out) as f, _attributes_left_out("Prodigy", report) as count:
        for doc in docs:
            cp = offset_converter(doc.text, options.offset_unit)
            tok = tokenized(doc, options, layers, report)
            tokens = [t for sentence in tok.sentences for t in sentence]
            spans = [s for s in doc.spans if s.layer in layers and s.id in tok.ranges]
            count(spans)
            record = {
                "text": doc.text,
                "tokens": [{"text": doc.text[a:b], "start": cp(a), "end": cp(b), "id": k,
                            "ws": doc.text[b:b + 1].isspace()} for k, (a, b) in enumerate(tokens)],
                "spans": [_prodigy_span(s, tok.ranges[s.id], tokens, cp) for s in spans],
                "relations": [],
                "meta": {"id": doc.doc_id, **({"annotator": doc.annotator, "status": doc.status}
                                              if doc.annotator else {})},
                "_input_hash": _hash32(doc.text),
                "_task_hash": _hash32(doc.doc_id + "\0" + (doc.annotator or "")),
                "answer": "accept",
            }
            by_id = {s.id: s for s in spans}
            for rel in doc.relations:
                head, child = by_id.get(rel.from_id), by_id.get(rel.to_id)
                if head and child:
                    record["relations"].append({
                        "head": tok.ranges[head.id][1] - 1, "child": tok.ranges[child.id][1] - 1, "label": rel.label,
                        "head_span": _prodigy_span(head, tok.ranges[head.id], tokens, cp),
                        "child_span": _prodigy_span(child, tok.ranges[child.id], tokens, cp)})
            f.write(_dump(record) + "\n")


def _prodigy_span(span: Span, token_range, tokens, cp) -> dict:
    first, last = token_range
    return {"start": cp(tokens[first][0]), "end": cp(tokens[last - 1][1]), "label": span.label,
            "token_start": first, "token_end": last - 1}


def _hash32(value: str) -> int:
    # Prodigy uses murmurhash; any stable signed 32-bit hash serves for grouping.
    return int.from_bytes(hashlib.sha256(value.encode("utf-8")).digest()[:4], "little", signed=True)


def read_prodigy(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    # A Prodigy dataset holds a task per annotator and per answer: with several annotators
    # (feed_overlap) the same input comes once for each, with its _input_hash. Tasks without an
    # id of their own are one document per input (the first such task's line names it), so that
    # each annotator's work lands on the same document and can be compared; they were a
    # document per line.
    inputs: dict[tuple, str] = {}
    answers: dict[tuple, int] = {}  # (document, annotator, what the answer marked) -> its first line
    for number, obj, error in _jsonl_objects(path):
        if error:
            yield error
            continue
        source = f"{path}:{number}"
        answer = obj.get("answer", "accept")
        if answer != "accept":
            # A rejected or ignored task is not an annotation: reported, not imported.
            yield SkippedRecord(source, f"Prodigy answer {answer!r}: not an annotation")
            continue
        # Binary recipes (ner.teach: "_view_id": "ner") accept or reject ONE suggested span: an
        # accepted one is a good span, not a complete annotation of the text. Those become
        # suggestions to review; manual recipes (ner_manual, spans_manual) are annotations.
        binary = obj.get("_view_id") in BINARY_VIEWS
        try:
            meta = obj.get("meta") or {}
            text = obj["text"]
            doc_id = meta.get("id") or obj.get("id")
            if doc_id is None or doc_id == "":
                doc_id = f"{path.stem}-{number}"
                if isinstance(text, str) and isinstance(obj.get("_input_hash"), int):
                    key = (obj["_input_hash"], hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                                               digest_size=16).digest())
                    doc_id = inputs.setdefault(key, doc_id)
            doc_id = str(doc_id)
            who = meta.get("annotator") or obj.get("_annotator_id") or annotator
            spans = [_span(schema, doc_id, who, n, s["start"], s["end"], s["label"])
                     for n, s in enumerate(obj.get("spans", []))]
            by_offsets = {(s.start, s.end, s.label): s.id for s in spans}
            relations = []
            for n, r in enumerate(obj.get("relations", []), 1):
                head = by_offsets[(r["head_span"]["start"], r["head_span"]["end"], r["head_span"]["label"])]
                child = by_offsets[(r["child_span"]["start"], r["child_span"]["end"], r["child_span"]["label"])]
                relations.append(Relation(f"R{n}", doc_id, who, r["label"], head, child))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            yield RecordError(source, _reason(exc))
            continue
        kept_tokens = _prodigy_tokens(obj.get("tokens"), text)
        token_notes = []
        if kept_tokens is not None and isinstance(meta, dict):
            meta = {**meta, "prodigy": {"sentences": kept_tokens}}
        elif obj.get("tokens"):
            token_notes.append("its tokens do not fit its text (offsets out of order or not matching): not kept, "
                               "exports tokenize it afresh")
        # Prodigy repeats each span's text: checked against the offsets on import.
        span_texts = {span.id: s["text"] for span, s in zip(spans, obj.get("spans", []))
                      if isinstance(s, dict) and isinstance(s.get("text"), str)}
        marked = (doc_id, "prodigy" if binary else who, tuple(sorted((s.start, s.end, s.label) for s in spans)),
                  tuple(sorted((r.label, r.from_id, r.to_id) for r in relations)))
        earlier = answers.setdefault(marked, number)
        if earlier != number:
            # The same answer saved twice (a task answered again in another session): one
            # record. A different answer to the same task stays, and the import names both.
            yield SkippedRecord(source, f"the same answer as line {earlier}: not imported twice")
            continue
        if binary:
            record = _record(doc_id, text, path, "prodigy", spans, relations, source, meta=meta,
                             suggested_by="prodigy",
                             notes=[f"binary Prodigy answer ({obj.get('_view_id')}): {len(spans)} span(s) imported "
                                    "as suggestions, not as a complete annotation", *token_notes])
        else:
            ours = isinstance(meta, dict) and "status" in meta  # our export says the status (null: none)
            status = meta.get("status") if ours else "done"
            if ours:
                meta = {k: v for k, v in meta.items() if k != "status"}  # the annotator's, not the text's
            record = _record(doc_id, text, path, who, spans, relations, source, meta=meta, notes=token_notes)
            if obj.get("answer") == "accept" and (meta.get("annotator") or obj.get("_annotator_id")) \
                    and status in STATUSES:
                # An accepted manual answer is that annotator's finished work: done, also with
                # nothing marked (it was dropped, so agreement never saw it).
                record.annotator, record.status = who, status
        record.span_texts = span_texts
        yield record


def _prodigy_tokens(tokens, text: str) -> list[dict] | None:
    """A task's tokens as sentences of [start, end] for the document's meta, so that exports
    reuse them ("U.N." stays one token); None when they do not fit the text."""
    if not isinstance(tokens, list) or not tokens:
        return None
    flat = []
    for token in tokens:
        if not isinstance(token, dict):
            return None
        start, end = token.get("start"), token.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
            return None
        if "text" in token and token["text"] != text[start:end]:
            return None
        if flat and start < flat[-1][1]:
            return None
        flat.append((start, end))
    return [{"tokens": [list(t) for t in sentence]} for sentence in split_sentences(text, flat)]


# ----------------------------------------------------------------------------- spaCy


def write_spacy(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    result = []
    for doc in docs:
        doc_layers = list(options.layers) if options.layers else sorted({s.layer for s in doc.spans} | {"entity"})
        cp = offset_converter(doc.text, options.offset_unit)
        tok = tokenized(doc, options, doc_layers, report)
        tokens = [t for sentence in tok.sentences for t in sentence]
        item = {"id": doc.doc_id, "text": doc.text,
                "tokens": [{"id": k, "start": cp(a), "end": cp(b), "ws": doc.text[b:b + 1].isspace()}
                           for k, (a, b) in enumerate(tokens)],
                "ents": [], "spans": {}}
        if doc.annotator:
            item["annotator"] = doc.annotator
        taken_until = -1
        for span in sorted((s for s in doc.spans if s.layer == "entity" and s.id in tok.ranges),
                           key=lambda s: (tok.ranges[s.id][0], -tok.ranges[s.id][1])):
            first, last = tok.ranges[span.id]
            if first < taken_until:
                report.note(doc.doc_id, span.id, doc.text[span.start:span.end], "overlap: in spans['entity'] only")
                continue
            item["ents"].append({"start": cp(tokens[first][0]), "end": cp(tokens[last - 1][1]), "label": span.label})
            taken_until = last
        for layer in doc_layers:
            group = [{"start": cp(tokens[tok.ranges[s.id][0]][0]), "end": cp(tokens[tok.ranges[s.id][1] - 1][1]),
                      "label": s.label} for s in doc.spans if s.layer == layer and s.id in tok.ranges]
            if group:
                item["spans"][layer] = group
        result.append(item)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


# ----------------------------------------------------------------------------- Label Studio


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def write_labelstudio(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport,
                      schema=None) -> None:
    tasks: dict[str, dict] = {}
    shown_in = _text_control(schema)
    for doc in docs:
        cp = offset_converter(doc.text, options.offset_unit)
        task = tasks.setdefault(doc.doc_id, {"id": len(tasks) + 1, "data": {"text": doc.text, "doc_id": doc.doc_id},
                                             "annotations": [], "predictions": []})
        if doc.meta and "meta" not in task:
            task["meta"] = doc.meta  # Label Studio keeps a task's meta; the import reads it back
        if doc.annotator is None:
            continue
        result = []
        for s in doc.spans:
            where = {"start": cp(s.start), "end": cp(s.end)}
            result.append({"id": s.id, "from_name": s.layer, "to_name": shown_in, "type": "labels", "origin": "manual",
                           "value": {**where, "text": doc.text[s.start:s.end], "labels": [s.label]}})
            # Attributes as Label Studio keeps a region's own classes and notes: results of a
            # perRegion <Choices> (a value from a list) or <TextArea> (free text) named after the
            # attribute, with the region's id and offsets.
            for name, value in s.attrs.items():
                control = _attribute_control(schema, name)
                if _attribute_choices(schema, s, name):
                    result.append({"id": s.id, "from_name": control, "to_name": shown_in, "type": "choices",
                                   "origin": "manual", "value": {**where, "choices": [value]}})
                else:
                    result.append({"id": s.id, "from_name": control, "to_name": shown_in, "type": "textarea",
                                   "origin": "manual", "value": {**where, "text": [value]}})
        result += [{"id": r.id, "type": "relation", "from_id": r.from_id, "to_id": r.to_id, "direction": "right",
                    "labels": [r.label]} for r in doc.relations]
        annotation = {"id": len(task["annotations"]) + 1, "result": result, "was_cancelled": False,
                      "ground_truth": doc.annotator == GOLD}
        # Label Studio's importer takes completed_by as {"email": ...} of one of its users and
        # refuses anything else it cannot match; without it, the importing user is the author.
        # So an e-mail name goes there, and every name goes to data.annotators (in the order of
        # the annotations), which Label Studio keeps with the task and our import reads back.
        if EMAIL.fullmatch(doc.annotator):
            annotation["completed_by"] = {"email": doc.annotator}
        task["data"].setdefault("annotators", []).append(doc.annotator)
        # ... and each one's status (Label Studio's annotations are all submitted: done)
        task["data"].setdefault("statuses", []).append(doc.status)
        task["annotations"].append(annotation)
    out.write_text(json.dumps(list(tasks.values()), ensure_ascii=False, indent=1), encoding="utf-8")


# Label Studio's labeling config: the tags that hold span labels, relation types and choices.
_LABEL_TAGS = ("Labels", "HyperTextLabels", "ParagraphLabels")


def read_label_config(path: Path, schema) -> SchemaDeclaration | RecordError:
    """What a Label Studio labeling config declares: each ``<Labels name="X">``'s ``<Label
    value>``s (in layer X when the schema has it, as the task reader does with from_name);
    ``<Relation value>``s become relation types once records say which layers they link;
    ``<Choices>`` have no place in the schema and are listed as not carried, but for perRegion
    ones named after an attribute the schema has (their values are read with the regions).

    Parsed with the standard library: Python's bundled Expat (2.4.1 and later) refuses the
    entity-expansion attacks ("billion laughs") that defusedxml was written for."""
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(path.read_bytes())
    except OSError as exc:
        return RecordError(str(path), f"cannot read: {exc.strerror}")
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        return RecordError(f"{path}:{line}", f"not a Label Studio labeling config (XML): {exc}")
    declared = SchemaDeclaration(str(path))
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _LABEL_TAGS:
            name = element.get("name") or ""
            layer = name if schema.layer(name) is not None else None
            for child in element:
                value = child.get("value")
                if child.tag == "Label" and value:
                    declared.labels.append((layer, value))
        elif tag == "Choices" and element.get("perRegion") == "true" and any(
                element.get("name") in label.attributes for layer in schema.layers for label in layer.labels):
            pass  # a region's value of an attribute the schema has: carried by the task reader
        elif tag == "Choices":
            declared.not_carried.append(f"<Choices name={element.get('name')!r}>: choices (document or region "
                                        "classes) have no place in the schema")
        elif tag == "Relation" and element.get("value"):
            declared.not_carried.append(f"<Relation value={element.get('value')!r}>: added as a relation type only "
                                        "when a record uses it (the config does not say which layers it links)")
    if not declared.labels:
        return RecordError(str(path), "no <Labels> with <Label value=...> in this labeling config")
    return declared


def _text_control(schema) -> str:
    """The name of the labeling config's <Text> control, which results name as to_name: "text",
    unless a layer or an attribute of the schema is called so (control names must differ)."""
    taken = set() if schema is None else {layer.name for layer in schema.layers} | {
        name for layer in schema.layers for label in layer.labels for name in label.attributes}
    name, n = "text", 0
    while name in taken:
        n += 1
        name = f"text_{n}"
    return name


def _attribute_control(schema, name: str) -> str:
    """The name of the perRegion control (and of its results' from_name) for the attribute
    ``name``: the attribute's own, unless a layer (whose <Labels> has that name) or the text
    control is called so: control names must differ, and a result named like a layer was read
    as that layer's."""
    taken = set() if schema is None else {layer.name for layer in schema.layers} | {_text_control(schema)}
    control, n = name, 0
    while control in taken:
        n += 1
        control = f"{name}_attribute" + (f"_{n}" if n > 1 else "")
    return control


def _attribute_of_control(schema, label, control: str) -> str:
    """The attribute of ``label`` a result's from_name names (see :func:`_attribute_control`)."""
    if label is not None and control not in label.attributes:
        for name in label.attributes:
            if _attribute_control(schema, name) == control:
                return name
    return control


def label_config(schema) -> str:
    """A Label Studio labeling config for the project's schema: what :func:`write_labelstudio`
    writes shows in a Label Studio project set up with it. Each layer is a ``<Labels>`` named
    after it, each relation type a ``<Relation>``, and each attribute a perRegion ``<Choices>``
    (values from a list) or ``<TextArea>`` (free text) named after it, shown for the labels
    that have it. (The inverse of :func:`read_label_config`, which reads a config's labels.)"""
    import xml.etree.ElementTree as ElementTree

    view = ElementTree.Element("View")
    shown_in = _text_control(schema)
    ElementTree.SubElement(view, "Text", name=shown_in, value="$text")
    attributes: dict[str, tuple[dict[str, None], tuple[str, ...] | None]] = {}  # name -> (labels, values)
    for layer in schema.layers:
        labels = ElementTree.SubElement(view, "Labels", name=layer.name, toName=shown_in)
        for label in layer.labels:
            ElementTree.SubElement(labels, "Label", value=label.name, background=label.color)
            for name, values in label.attributes.items():
                having, known = attributes.setdefault(name, ({}, tuple(values)))
                having[label.name] = None
                if known != tuple(values):  # other values for another label: any text
                    attributes[name] = (having, ())
    if schema.relations:
        relations = ElementTree.SubElement(view, "Relations")
        for relation in schema.relations:
            ElementTree.SubElement(relations, "Relation", value=relation.name)
    for name, (having, values) in attributes.items():
        shown = {"toName": shown_in, "perRegion": "true", "visibleWhen": "region-selected",
                 "whenLabelValue": ",".join(having)}
        if values:
            choices = ElementTree.SubElement(view, "Choices", name=_attribute_control(schema, name), choice="single",
                                             **shown)
            for value in values:
                ElementTree.SubElement(choices, "Choice", value=value)
        else:
            ElementTree.SubElement(view, "TextArea", name=_attribute_control(schema, name), editable="true",
                                   maxSubmissions="1", **shown)
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode")


class _NotAList(Exception):
    """The file's JSON is neither a list of tasks nor one task object."""


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _json_items(text: str) -> Iterator:
    """The items of the JSON list ``text`` one at a time (a single object is one item), with
    json.loads's errors (JSONDecodeError, RecursionError, ValueError); _NotAList for anything
    else at the top."""
    at = _SPACE.match(text).end()
    if not text.startswith("[", at):
        value, end = _DECODER.raw_decode(text, at)
        if _SPACE.match(text, end).end() != len(text):
            raise json.JSONDecodeError("Extra data", text, _SPACE.match(text, end).end())
        if not isinstance(value, dict):
            raise _NotAList
        yield value
        return
    at = _SPACE.match(text, at + 1).end()
    if text.startswith("]", at):
        end = at + 1
    else:
        while True:
            value, at = _DECODER.raw_decode(text, at)
            yield value
            at = _SPACE.match(text, at).end()
            if text.startswith("]", at):
                end = at + 1
                break
            if not text.startswith(",", at):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
            at = _SPACE.match(text, at + 1).end()
    if _SPACE.match(text, end).end() != len(text):
        raise json.JSONDecodeError("Extra data", text, _SPACE.match(text, end).end())


_CHUNK = 1 << 20  # bytes read at a time by _streamed_items
_NEAR_THE_END = 64  # characters: a failure this close to the end of what was read may be a cut


class _Unstreamable(Exception):
    """Not a file _streamed_items reads: read it whole (which also says exactly what is wrong)."""


def _streamed_items(path: Path) -> Iterator:
    """The items of the JSON list in the file ``path``, read a megabyte at a time: memory holds
    one item and one chunk, whatever the file's size. Each item is parsed by json's own decoder
    (raw_decode), as json.loads would parse it: the same values, lone surrogates included
    (ijson's C parser, measured, turns "\\ud800" into "?"; its Python one is several times
    slower than json). Anything else at the top, a UTF-16 file, a character that is not
    UTF-8, a syntax error: _Unstreamable, for the caller to read the file whole instead."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as handle:
        first = handle.read(_CHUNK)
        if looks_like_utf16_without_bom(first):
            raise _Unstreamable
        state = {"buf": "", "at": 0, "eof": False}

        def more(data: bytes | None = None) -> bool:
            """Append the next chunk; False at the end of the file."""
            if state["eof"]:
                return False
            raw = data if data is not None else handle.read(_CHUNK)
            try:
                text = decoder.decode(raw, final=not raw)
            except UnicodeDecodeError:
                raise _Unstreamable from None
            state["buf"] = state["buf"][state["at"]:] + text
            state["at"] = 0
            state["eof"] = not raw
            return bool(raw) or bool(text)

        def skip_space() -> str:
            """The next character after whitespace ("" at the end of the file)."""
            while True:
                state["at"] = _SPACE.match(state["buf"], state["at"]).end()
                if state["at"] < len(state["buf"]):
                    return state["buf"][state["at"]]
                if not more():
                    return ""

        more(first)
        if skip_space() != "[":
            raise _Unstreamable
        state["at"] += 1
        if skip_space() == "]":
            state["at"] += 1
        else:
            while True:
                while True:
                    try:
                        value, end = _DECODER.raw_decode(state["buf"], state["at"])
                    except json.JSONDecodeError as exc:
                        # Cut by the chunk's end, the parse fails near it (an escape or a
                        # number cut in two), or at the start of a string still open there.
                        # Failing further back is an error in the file.
                        cut = (len(state["buf"]) - exc.pos < _NEAR_THE_END
                               or exc.msg.startswith("Unterminated string"))
                        if cut and more():
                            continue
                        raise _Unstreamable from None
                    except (RecursionError, ValueError):
                        raise _Unstreamable from None
                    # A number close to the end of what was read may go on in the next chunk
                    # ("1." is read as 1): read on, then parse the item again (reading moves
                    # the item to the buffer's start).
                    if len(state["buf"]) - end >= _NEAR_THE_END or state["eof"]:
                        break
                    more()
                state["at"] = end
                yield value
                following = skip_space()
                state["at"] += 1
                if following == "]":
                    break
                if following != ",":
                    raise _Unstreamable
                skip_space()
        if skip_space() != "":
            raise _Unstreamable


def read_labelstudio(path: Path, schema, annotator: str, text_key: str = "text"
                     ) -> Iterator[AnnotatedDocument | RecordError]:
    """Label Studio tasks; the text is ``data[text_key]`` (the name of the labelling config's
    ``$variable``, "text" in Label Studio's templates)."""
    # A list of tasks is read twice from the file, a task at a time: first to check all of it
    # (a file cut short hands on no task), then to hand the tasks on. Parsed whole, a 143 MB
    # export of 10,000 tasks took 1.1 GB (its objects), and its text alone held whole 400 MB.
    try:
        for _ in _streamed_items(path):
            pass
    except (_Unstreamable, OSError):
        pass  # read whole below: one task object, or the exact error to report
    else:
        try:
            yield from _labelstudio_tasks(_streamed_items(path), path, schema, annotator, text_key)
        except (_Unstreamable, OSError):
            yield RecordError(str(path), "the file changed while it was read; import it again")
        return
    text = whole_text(path)
    if isinstance(text, RecordError):
        yield text
        return
    # The list of tasks is parsed a task at a time, twice: first to check the whole file (a
    # file cut short hands on no task), then to hand the tasks on. Parsed whole, a large
    # export's objects took several times the file's size.
    try:
        for _ in _json_items(text):
            pass
    except json.JSONDecodeError as exc:
        yield RecordError(f"{path}:{exc.lineno}", f"not a JSON file: {exc.msg} at column {exc.colno}")
        return
    except RecursionError:
        yield RecordError(str(path), "JSON nested too deeply to read")
        return
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        yield RecordError(str(path), f"unreadable JSON: {exc}")
        return
    except _NotAList:
        yield RecordError(str(path), "a Label Studio export is a JSON list of tasks (or one task object)")
        return
    yield from _labelstudio_tasks(_json_items(text), path, schema, annotator, text_key)


def _labelstudio_tasks(tasks: Iterable, path: Path, schema, annotator: str, text_key: str
                       ) -> Iterator[AnnotatedDocument | RecordError]:
    for n, task in enumerate(tasks, 1):
        source = f"{path}: task #{n}"
        if isinstance(task, dict) and "data" not in task and isinstance(task.get(text_key), str):
            yield _labelstudio_min_record(task, n, path, schema, annotator, text_key)
            continue
        try:
            data = task["data"]
            if text_key not in data:
                keys = ", ".join(sorted(k for k, v in data.items() if isinstance(v, str))) or "none"
                raise ValueError(f"no data.{text_key} (its text fields: {keys}); name the text's field with "
                                 "--text-key")
            text = data[text_key]
            if isinstance(text, str) and _LINKED_TEXT.fullmatch(text) and _has_results_beyond(task, len(text)):
                raise ValueError(f"data.{text_key} is a link to the text ({text[:80]}), not the text: the task was "
                                 "made from a file (valueType=\"url\") and Label Studio's export does not carry the "
                                 "file's text; give the text in the tasks (or export them with it)")
            doc_id = _labelstudio_doc_id(task, path, n)
            names = data.get("annotators") if isinstance(data.get("annotators"), list) else []
            statuses = data.get("statuses") if isinstance(data.get("statuses"), list) else []
            # The task's other data fields (a title, a URL, a date) and its meta: the document's meta
            # (they were dropped); our own bookkeeping fields are not.
            task_meta = {key: value for key, value in data.items()
                         if key not in (text_key, "doc_id", "annotators", "statuses")}
            if isinstance(task.get("meta"), dict):
                task_meta.update(task["meta"])
            all_annotations = task.get("annotations", [])
            annotations = [a for a in all_annotations if not a.get("was_cancelled")]
            cancelled = len(task.get("annotations", [])) - len(annotations)
            notes = [f"{cancelled} cancelled annotation(s) (skipped in Label Studio) not imported"] if cancelled else []
            if not annotations:
                yield _record(doc_id, text, path, None, [], [], source, meta=task_meta, notes=notes)
            for annotation in annotations:
                k = all_annotations.index(annotation)
                named = names[k] if k < len(names) and isinstance(names[k], str) and names[k] else None
                completed_by = annotation.get("completed_by")
                # An e-mail or user name says who; a bare user id means nothing outside that Label
                # Studio: the name our export put in data.annotators is better.
                if named is not None and not isinstance(completed_by, dict):
                    who = named
                else:
                    who = _completed_by(completed_by, annotator)
                span_texts: dict[str, str] = {}
                other: Counter = Counter()
                said: Counter = Counter()
                spans, relations, unlabelled = _labelstudio_results(schema, doc_id, who, text,
                                                                    annotation.get("result", []), span_texts, other,
                                                                    said)
                notes += [f"{n} {kind} result(s) by {who} not carried (not text spans or links)"
                          for kind, n in other.most_common()]
                notes += [f"{n} {what} by {who}" for what, n in said.most_common()]
                if unlabelled:
                    notes.append(f"{unlabelled} relation(s) by {who} without a label: not imported (which link "
                                 "type they are cannot be told)")
                record = _record(doc_id, text, path, who, spans, relations, source, meta=task_meta, notes=notes)
                record.span_texts = span_texts
                # An annotation is what its annotator submitted: done, also with nothing marked
                # (it was dropped, so agreement never saw that they found nothing). Our own
                # exports say each one's status in data.statuses.
                if k < len(statuses):  # ours: each one's status as it was (null: none)
                    record.status = statuses[k] if statuses[k] in STATUSES else None
                else:
                    record.status = "done"
                if record.status is not None:
                    record.annotator = who
                yield record
                notes = []
            # A model's predictions: suggestions to accept or reject, not anyone's work.
            drafts = task.get("drafts") or []
            if drafts:
                notes_for_task = [f"{len(drafts)} unsaved draft(s) not imported (submit them in Label Studio first)"]
                yield _record(doc_id, text, path, None, [], [], source, meta=task_meta, notes=notes_for_task)
            for prediction in task.get("predictions") or []:
                span_texts = {}
                other = Counter()
                said = Counter()
                spans, relations, _ = _labelstudio_results(schema, doc_id, "model", text, prediction.get("result", []),
                                                           span_texts, other, said)
                prediction_notes = [f"{n} {kind} prediction result(s) not carried (not text spans or links)"
                                    for kind, n in other.most_common()]
                prediction_notes += [f"{n} {what} (predictions)" for what, n in said.most_common()]
                if prediction_notes:
                    yield _record(doc_id, text, path, None, [], [], source, meta=task_meta, notes=prediction_notes)
                if spans:
                    record = _record(doc_id, text, path, "model", spans, relations, source, meta=task_meta,
                                     suggested_by="model")
                    record.span_texts = span_texts
                    yield record
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            yield RecordError(source, _reason(exc))


# data.text of a task made from an uploaded or stored file: a link to it, not its text.
_LINKED_TEXT = re.compile(r"(?:https?|s3|gs|azure-blob)://\S+|/data/(?:upload|local-files)/\S+|/?data/\?d=\S+")


def _has_results_beyond(task: dict, length: int) -> bool:
    """Whether a labels result of the task ends past ``length`` (its offsets are in a longer text)."""
    for annotation in [*(task.get("annotations") or []), *(task.get("predictions") or [])]:
        for item in (annotation.get("result") or []) if isinstance(annotation, dict) else []:
            value = item.get("value") if isinstance(item, dict) else None
            if isinstance(value, dict) and isinstance(value.get("end"), int) and value["end"] > length:
                return True
    return False


def _labelstudio_min_record(task: dict, n: int, path: Path, schema, annotator: str, text_key: str
                            ) -> AnnotatedDocument | RecordError:
    """One record of Label Studio's JSON-MIN export: the task's data fields at the top, each
    labels control's regions under its name (``"label": [{"start", "end", "text", "labels"}]``),
    the annotator as an e-mail or a user id; one record per annotation. JSON-MIN leaves links
    out, so there are none to read."""
    source = f"{path}: record #{n}"
    try:
        text = task[text_key]
        doc_id = str(task.get("doc_id") or (task["id"] if task.get("id") is not None else f"{path.stem}-{n}"))
        who = _completed_by(task.get("annotator"), annotator)
        spans, span_texts = [], {}
        for key, value in task.items():
            if not (isinstance(value, list) and value and all(isinstance(v, dict) and {"start", "end", "labels"} <= set(v)
                                                              for v in value)):
                continue
            for region in value:
                labels = region["labels"]
                if not isinstance(labels, list) or not labels:
                    raise ValueError(f"{key}: a region needs labels, a list of at least one label")
                for label in labels:
                    span = _span(schema, doc_id, who, len(spans), region["start"], region["end"], label, hint=key)
                    if isinstance(region.get("text"), str):
                        span_texts[span.id] = region["text"]
                    spans.append(span)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return RecordError(source, _reason(exc))
    record = _record(doc_id, text, path, who, spans, [], source)
    record.span_texts = span_texts
    if task.get("annotator") not in (None, "") or task.get("annotation_id") is not None:
        record.annotator, record.status = who, "done"  # a submitted annotation, as in the full export
    return record


def _labelstudio_doc_id(task: dict, path: Path, n: int) -> str:
    """Our own exports name the document in data.doc_id. Otherwise a task id is only unique
    inside its Label Studio project: with the project's id (full exports carry it) the ids of
    two projects' exports do not collide."""
    doc_id = task["data"].get("doc_id")
    if doc_id is not None and doc_id != "":
        return str(doc_id)
    if task.get("id") is None:
        return f"{path.stem}-{n}"
    project = task.get("project")
    return f"labelstudio-{project}-{task['id']}" if isinstance(project, (int, str)) and project != "" else \
        str(task["id"])


def _label_of(schema, span: Span):
    """The schema's label of ``span`` (None where the schema, its layer or its label is missing)."""
    layer = schema.layer(span.layer) if schema is not None else None
    return layer.label(span.label) if layer is not None else None


def _attribute_choices(schema, span: Span, name: str) -> tuple[str, ...]:
    """The values the schema allows for the attribute ``name`` of the span's label (empty for
    free text, or an attribute the schema does not know)."""
    label = _label_of(schema, span)
    return tuple(label.attributes.get(name) or ()) if label is not None else ()


def _region_attribute(schema, span: Span, item: dict) -> str | None:
    """The value a perRegion ``choices`` or ``textarea`` result gives the span's attribute
    named by its ``from_name``; None when the schema has no such attribute for the label (and
    the import does not extend it), the value is not one it allows, or the result holds other
    than one value."""
    name, value = item.get("from_name"), item.get("value")
    label = _label_of(schema, span)
    if not isinstance(value, dict) or not isinstance(name, str) or not name:
        return None
    name = _attribute_of_control(schema, label, name)
    given = value.get("choices" if item.get("type") == "choices" else "text")
    if not (isinstance(given, list) and len(given) == 1 and isinstance(given[0], str) and given[0].strip()):
        return None
    if label is None or name not in label.attributes:  # --extend-schema adds it (free text)
        return given[0] if getattr(schema, "accepts_new_labels", False) else None
    allowed = label.attributes[name]
    return given[0] if not allowed or given[0] in allowed else None


def _labelstudio_results(schema, doc_id: str, who: str, text: str, results, span_texts: dict | None = None,
                         other: Counter | None = None, said: Counter | None = None) -> tuple[list, list, int]:
    """Spans and relations of one annotation's (or prediction's) results, and how many
    relations had no label; the text Label Studio gives for each span goes to ``span_texts``,
    the types of results that are not text spans or links (choices, rectangles ...) to
    ``other``, what else was left or changed (a region's note, a link both ways) to
    ``said``. A region with several labels becomes a span per label. A perRegion choice or
    text on a region becomes its spans' attribute where the schema has that attribute."""
    spans, relations, ids, unlabelled = [], [], {}, 0
    regions: dict = {}  # region id -> its spans
    span_texts = {} if span_texts is None else span_texts
    for item in results:
        kind = item.get("type")
        if kind == "labels":
            value = item["value"]
            labels = value["labels"]
            if not isinstance(labels, list) or not labels:
                raise ValueError("a labels result needs value.labels, a list of at least one label")
            for label in labels:
                span = _span(schema, doc_id, who, len(spans), value["start"], value["end"], label,
                             hint=item.get("from_name"))
                if isinstance(value.get("text"), str):
                    span_texts[span.id] = value["text"]  # checked on import, in the chosen offset unit
                ids.setdefault(item.get("id"), span.id)
                regions.setdefault(item.get("id"), []).append(span)
                spans.append(span)
            note = _region_note(item)
            if note is not None:  # what the annotator wrote on the region (its meta.text)
                noted = {"from_name": "note", "type": "textarea", "value": {"text": [note]}}
                kept = [_region_attribute(schema, span, noted) for span in regions[item.get("id")][-len(labels):]]
                if all(value is not None for value in kept):
                    for span in regions[item.get("id")][-len(labels):]:
                        span.attrs["note"] = note
                elif said is not None:
                    said["region note(s) not carried (its labels have no 'note' attribute here)"] += 1
    for item in results:
        kind = item.get("type")
        if kind in ("labels", "relation"):
            continue
        region = regions.get(item.get("id")) if kind in ("choices", "textarea") and item.get("id") is not None \
            else None  # (a result without an id belongs to no region)
        values = [_region_attribute(schema, span, item) for span in region or ()]
        if region and all(value is not None for value in values):
            for span, value in zip(region, values):
                span.attrs[_attribute_of_control(schema, _label_of(schema, span), item["from_name"])] = value
        elif other is not None:
            other[f"{kind} (of a region, no attribute of its label here)" if region else str(kind)] += 1
    for item in results:
        if item.get("type") == "relation":
            if not item.get("labels"):
                unlabelled += 1
                continue
            # direction "left" points from to_id to from_id (it came in backwards); "bi" both ways
            # has no place (our links have a direction): from_id to to_id, and said.
            ends = (ids[item["from_id"]], ids[item["to_id"]])
            if item.get("direction") == "left":
                ends = ends[::-1]
            elif item.get("direction") == "bi" and said is not None:
                said["relation(s) both ways imported one way, from from_id to to_id"] += 1
            for label in item["labels"]:  # a link with several labels: a relation per label, as regions
                relations.append(Relation(f"R{len(relations) + 1}", doc_id, who, label, *ends))
    return spans, relations, unlabelled


def _region_note(item: dict) -> str | None:
    """The note written on a Label Studio region (``meta: {"text": ["..."]}``), if any."""
    meta = item.get("meta")
    written = meta.get("text") if isinstance(meta, dict) else None
    if isinstance(written, str):
        written = [written]
    if not isinstance(written, list):
        return None
    note = " ".join(w.strip() for w in written if isinstance(w, str) and w.strip())
    return note or None


# ----------------------------------------------------------------------------- Hugging Face


def write_hf(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport, schema) -> None:
    layers = token_layers(options)
    names = {layer: _tag_names(schema, layer, options.scheme) for layer in layers}
    with _jsonl_out(out) as f:
        for doc in docs:
            tok = tokenized(doc, options, layers, report)
            for n, sentence in enumerate(tok.sentences):
                if not sentence:
                    continue
                row = {"id": f"{doc.doc_id}#{n + 1}", "tokens": [doc.text[a:b] for a, b in sentence]}
                for layer in layers:
                    key = "ner_tags" if layer == layers[0] else f"{layer}_tags"
                    index = {name: k for k, name in enumerate(names[layer])}
                    row[key] = [index[tag] for tag in tok.tags[layer][n]]
                f.write(_dump(row) + "\n")
    # The rows' features as Hugging Face datasets serialises them (Features.to_dict()): tags are
    # ClassLabels, so Features.from_dict() of this file gives load_dataset() the label names.
    string = {"dtype": "string", "_type": "Value"}
    features = {"id": string, "tokens": {"feature": string, "_type": "Sequence"}}
    for layer in layers:
        key = "ner_tags" if layer == layers[0] else f"{layer}_tags"
        features[key] = {"feature": {"names": names[layer], "_type": "ClassLabel"}, "_type": "Sequence"}
    out.with_name(out.name.removesuffix(".jsonl") + ".features.json").write_text(
        json.dumps(features, ensure_ascii=False, indent=1), encoding="utf-8")


def _tag_names(schema, layer: str, scheme: str) -> list[str]:
    prefixes = {"iob2": "BI", "iob1": "BI", "bioes": "BIES"}[scheme]
    names = ["O"]
    for label in schema.layer(layer).labels:
        names += [f"{p}-{label.name}" for p in prefixes]
    return names


# ----------------------------------------------------------------------------- shared


@contextmanager
def _attributes_left_out(format_name: str, report: ExportReport):
    """Counts the attribute values of the spans handed to the function it gives (spans written
    in a format with no place for them), and says how many were left out, once, at the end."""
    left_out = [0, 0]  # values, spans

    def count(spans) -> None:
        for span in spans:
            if span.attrs:
                left_out[0] += len(span.attrs)
                left_out[1] += 1

    yield count
    if left_out[0]:
        report.messages.append(f"{left_out[0]} attribute value(s) of {left_out[1]} span(s) left out: {format_name} "
                               "has no place for them (jsonl, brat, labelstudio, inception-xmi and webanno-tsv "
                               "carry them)")


def _jsonl_objects(path: Path):
    for number, obj, _line, error in json_lines(path):
        yield number, obj, error


def _text_and_id(obj: dict, path: Path, number: int) -> tuple[str, str]:
    text = obj["text"]
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    return text, str(obj.get("id") if obj.get("id") is not None else f"{path.stem}-{number}")


def _span(schema, doc_id: str, annotator: str, n: int, start, end, label, hint: str | None = None) -> Span:
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValueError("offsets must be integers")
    return Span(f"T{n + 1}", doc_id, annotator, layer_for_label(schema, label, hint), label, start, end, {})


def _record(doc_id, text, path, annotator, spans, relations, source, meta=None, suggested_by=None,
            notes=()) -> AnnotatedDocument:
    """A record of a foreign file; its own ``meta`` is kept (its keys win over ``source``)."""
    who = annotator if (spans or relations) else None
    kept = {"source": path.name, **(meta if isinstance(meta, dict) else {})}
    return AnnotatedDocument(Document(doc_id, text, kept), who, None, spans, relations, source,
                             suggested_by=suggested_by, notes=list(notes))


def _completed_by(value, default: str) -> str:
    """Label Studio writes ``completed_by`` as a user id, or as a user object in full exports."""
    if isinstance(value, dict):
        value = value.get("email") or value.get("username") or value.get("id")
    if value is None or value == "" or isinstance(value, (list, dict, bool)):
        return default
    return str(value)


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)
