"""INCEpTION's UIMA CAS XMI, read and written with dkpro-cassis (the maintained Python library
for UIMA CASes; it also converts XMI's UTF-16 offsets to code points and back).

How the schema maps onto UIMA types, both ways (WebAnno TSV uses the same, see webanno_tsv):

* the ``entity`` layer is DKPro Core's ``NamedEntity`` (label in ``value``), INCEpTION's
  built-in "Named entity" layer;
* any other layer is a custom layer ``webanno.custom.<Layer>`` (``quote`` → ``Quote``) with a
  ``label`` feature and one string feature per attribute;
* a relation type is a custom relation layer ``webanno.custom.<Name>`` (``said_by`` →
  ``SaidBy``) with ``Governor`` (our *from*), ``Dependent`` (our *to*) and ``label``. INCEpTION
  attaches a relation layer to one span layer; a type that links two layers (a quote to its
  speaker) is typed ``uima.tcas.Annotation`` at both ends.

Export writes a folder in the layout of an INCEpTION project export: ``TypeSystem.xml``,
``annotation/<document>/<annotator>.xmi``, the gold version as
``curation/<document>/CURATION_USER.xmi``, unannotated documents as ``source/<document>.xmi``;
every CAS has the text, ``DocumentMetaData``, sentences and tokens. Import reads ``.xmi`` files
(and ``.zip`` files holding one ``.xmi``, as INCEpTION exports single documents) under a folder,
each with the ``TypeSystem.xml`` next to it (in the zip, beside the file, or above it), takes the
annotator from that layout, and reports every annotation it cannot carry (POS, lemmas,
dependencies, chains, ...), by type and count.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import GOLD, AnnotatedDocument, Document, Relation, Span
from annotator.core.tokenize import sentences as split_sentences
from annotator.core.tokenize import tokenize
from annotator.formats import RecordError, layer_for_label
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport
from annotator.formats.file_names import (MANIFEST_NAME, FileNamer, inside, parse_manifest, read_manifest,
                                         safe_component, write_manifest)

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
ANNOTATION = "uima.tcas.Annotation"
CUSTOM = "webanno.custom."
TYPESYSTEM = "TypeSystem.xml"
COREFERENCE_LINK = "de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink"
CURATION_USER = "CURATION_USER"  # INCEpTION's name for the curated (gold) version
# Types that only structure a CAS: not annotations anyone made, so never "not carried".
STRUCTURAL = {TOKEN, SENTENCE, METADATA, "uima.tcas.DocumentAnnotation", "uima.cas.Sofa",
              "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Paragraph",
              "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.TagsetDescription"}


# ----------------------------------------------------------------------------- names

# cassis renames features whose names Python reserves ("type" is every FS's own type) to
# "<name>_" in Python only; the XMI and TypeSystem.xml keep the real name.
_RESERVED = {"self", "type"}


def accessor(feature: str) -> str:
    return feature + "_" if feature in _RESERVED else feature


def real_name(accessor_name: str) -> str:
    return accessor_name[:-1] if accessor_name.endswith("_") and accessor_name[:-1] in _RESERVED else accessor_name


def quiet(function, *args, **kwargs):
    """Call cassis without its warnings: renamed features (handled above), unknown types in
    lenient loading (which _unknown_types reports as not carried), its own deprecations."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="cassis")
        return function(*args, **kwargs)



def camel(name: str) -> str:
    """A layer or relation name as the last part of a UIMA type name: said_by → SaidBy."""
    parts = [p for p in re.split(r"[^\w]+|_", name) if p]
    out = "".join(p[:1].upper() + p[1:] for p in parts) or "Layer"
    return out if not out[0].isdigit() else "L" + out


def span_type(layer: str) -> str:
    return NAMED_ENTITY if layer == "entity" else CUSTOM + camel(layer)


def label_feature(type_name: str) -> str:
    return "value" if type_name == NAMED_ENTITY else "label"


def relation_type(name: str, schema) -> str:
    taken = {camel(layer.name) for layer in schema.layers}
    short = camel(name)
    return CUSTOM + (short if short not in taken else short + "Relation")


def layer_of_type(type_name: str, schema) -> str:
    """The layer a UIMA span type's annotations go to."""
    if type_name == NAMED_ENTITY:
        return "entity"
    short = type_name.rsplit(".", 1)[-1]
    for layer in schema.layers:
        if camel(layer.name) == short:
            return layer.name
    return short.lower()


def chain_link_place(type_name: str, kind: str | None, schema, not_carried: Counter) -> tuple[str, str] | None:
    """(layer, label) of a chain's link (XMI or WebAnno TSV): its referenceType ``kind`` the
    label, else the type's name; the type's name without "Link" the layer (CoreferenceLink goes
    to "coreference"). None, counted in ``not_carried``, where the schema has no place for it."""
    base = type_name.removesuffix("Link")
    label = kind or base.rsplit(".", 1)[-1]
    try:
        layer, _attrs = annotation_layer_and_attrs(base, label, None, {}, schema, not_carried)
    except ValueError:
        not_carried[f"{type_name} (chains: the schema has no layer for them; import with --extend-schema)"] += 1
        return None
    return layer, label


def chain_relation_name(type_name: str, relation: str | None, schema) -> str:
    """The name of the link from a chain's link to the next: its referenceRelation, else the layer's."""
    return relation_name(type_name.removesuffix("Link"), relation or None, schema)


def relation_name(type_name: str, label: str | None, schema) -> str:
    """A relation's name: its label feature, else the type's name mapped back to the schema."""
    if label:
        return label
    short = type_name.rsplit(".", 1)[-1]
    for relation in schema.relations:
        if camel(relation.name) in (short, short.removesuffix("Relation")):
            return relation.name
    return short.lower()


# ----------------------------------------------------------------------------- export


def dkpro_typesystem():
    """DKPro Core's types as cassis ships them, plus DocumentMetaData (which INCEpTION puts in
    every CAS and cassis's copy lacks)."""
    import cassis

    ts = quiet(cassis.load_dkpro_core_typesystem)
    if not ts.contains_type(METADATA):
        meta = ts.create_type(METADATA, supertypeName="uima.tcas.DocumentAnnotation")
        for feature in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
            ts.create_feature(meta, feature, "uima.cas.String")
        ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    return ts


def typesystem_for(schema):
    """DKPro Core's type system plus DocumentMetaData and a type per layer and relation."""
    ts = dkpro_typesystem()
    for layer in schema.layers:
        name = span_type(layer.name)
        if not ts.contains_type(name):
            ts.create_type(name, supertypeName=ANNOTATION)
        uima_type = ts.get_type(name)
        existing = {real_name(f.name) for f in uima_type.all_features}
        wanted = [label_feature(name)] + sorted({key for label in layer.labels for key in label.attributes})
        for feature in wanted:
            if feature not in existing:
                quiet(ts.create_feature, uima_type, feature, "uima.cas.String")
                existing.add(feature)
    for relation in schema.relations:
        name = relation_type(relation.name, schema)
        if ts.contains_type(name):
            continue
        uima_type = ts.create_type(name, supertypeName=ANNOTATION)
        same = relation.from_layer == relation.to_layer
        end_type = span_type(relation.from_layer) if same else ANNOTATION
        ts.create_feature(uima_type, "Governor", end_type)
        ts.create_feature(uima_type, "Dependent", end_type)
        ts.create_feature(uima_type, "label", "uima.cas.String")
    return ts


class ExportPaths:
    """Files in the layout of an INCEpTION project export, named safely from ids:
    ``annotation/<document>/<annotator><suffix>``, ``curation/<document>/CURATION_USER<suffix>``
    for gold, ``source/<document><suffix>`` for a document nobody annotated."""

    def __init__(self, out: Path, suffix: str):
        self.out, self.suffix = out, suffix
        self._folders = FileNamer(())
        self.folder_of: dict[str, str] = {}
        self._states: list[dict] = []  # INCEpTION's annotation documents: folder, user, state
        self._curation: dict[str, str] = {}  # folder -> gold's state

    def path(self, doc: ExportDoc) -> Path:
        if doc.doc_id not in self.folder_of:
            # One folder level per document (the layout has no deeper ones): "/" is flattened.
            self.folder_of[doc.doc_id] = self._folders.name(doc.doc_id.replace("/", "_").replace("\\", "_"))
        folder = self.folder_of[doc.doc_id]
        if doc.annotator is None:
            return inside(self.out, f"source/{folder}{self.suffix}")
        if doc.annotator == GOLD:
            if doc.status in _CURATION_STATE_OF:
                self._curation[folder] = _CURATION_STATE_OF[doc.status]
            return inside(self.out, f"curation/{folder}/{CURATION_USER}{self.suffix}")
        user = safe_component(doc.annotator)
        if doc.status in _STATE_OF:
            self._states.append({"name": folder, "user": user, "state": _STATE_OF[doc.status]})
        return inside(self.out, f"annotation/{folder}/{user}{self.suffix}")

    def finish(self, report: ExportReport) -> None:
        """The manifest of folder names that differ from their ids (the import reads it), and
        each annotator's status where INCEpTION keeps it, in exportedproject.json (a finished
        document with nothing marked was read back as nobody's work)."""
        renamed = {name: doc_id for doc_id, name in self.folder_of.items() if name != doc_id}
        if write_manifest(self.out, renamed):
            report.messages.append(f"{len(renamed)} document id(s) could not be folder names as they are; "
                                   f"{MANIFEST_NAME} maps each folder to its id (the import reads it)")
        if self._states or self._curation:
            import json

            described = {"annotation_documents": self._states,
                         "source_documents": [{"name": folder, "state": self._curation[folder]}
                                              for folder in sorted(self._curation)]}
            (self.out / "exportedproject.json").write_text(json.dumps(described, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")


# Our statuses as INCEpTION's states (the inverse of _ANNOTATION_STATUS and _CURATION_STATUS).
_STATE_OF = {"new": "NEW", "in progress": "IN_PROGRESS", "done": "FINISHED"}
_CURATION_STATE_OF = {"in progress": "CURATION_IN_PROGRESS", "done": "CURATION_FINISHED"}


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport, schema) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ts = typesystem_for(schema)
    (out / TYPESYSTEM).write_text(ts.to_xml(), encoding="utf-8")
    paths = ExportPaths(out, ".xmi")
    for doc in docs:
        path = paths.path(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_cas_xmi(doc, ts, schema, report).encode("utf-8"))
    paths.finish(report)


def _cas_xmi(doc: ExportDoc, ts, schema, report: ExportReport) -> str:
    import cassis

    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = doc.text
    cas.sofa_mime = "text"
    meta_type = ts.get_type(METADATA)
    cas.add(meta_type(begin=0, end=len(doc.text), documentId=doc.doc_id, documentTitle=doc.doc_id,
                      isLastSegment=False))
    token_type, sentence_type = ts.get_type(TOKEN), ts.get_type(SENTENCE)
    for sentence in split_sentences(doc.text, tokenize(doc.text)):
        if sentence:
            cas.add(sentence_type(begin=sentence[0][0], end=sentence[-1][1]))
            cas.add_all([token_type(begin=a, end=b) for a, b in sentence])
    made = {}
    for span in doc.spans:
        if schema.layer(span.layer) is None:  # stored before a schema change: no type to hold it
            report.note(doc.doc_id, span.id, doc.text[span.start:span.end], "not carried (layer not in the schema)")
            continue
        name = span_type(span.layer)
        uima_type = ts.get_type(name)
        names = {f.name for f in uima_type.all_features}
        features = {label_feature(name): span.label}
        for key, value in span.attrs.items():
            if accessor(key) in names:
                features[accessor(key)] = value
            else:  # an attribute the schema does not declare (an old import): no feature for it
                report.note(doc.doc_id, span.id, f"{key}={value}", "attribute not carried")
        made[span.id] = uima_type(begin=span.start, end=span.end, **features)
        cas.add(made[span.id])
    for relation in doc.relations:
        governor, dependent = made.get(relation.from_id), made.get(relation.to_id)
        if schema.relation(relation.label) is None or governor is None or dependent is None:
            report.note(doc.doc_id, relation.id, relation.label, "link not carried (its type or an end is not in "
                                                                 "the schema)")
            continue
        uima_type = ts.get_type(relation_type(relation.label, schema))
        cas.add(uima_type(begin=dependent.begin, end=dependent.end, Governor=governor, Dependent=dependent,
                          label=relation.label))
    return cas.to_xmi()


# ----------------------------------------------------------------------------- import


def read(path: Path, schema, annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    """Every CAS under ``path`` (a folder, an .xmi or a .zip file: one document's, or a whole
    project export read as its folder would be)."""
    if path.is_file() and path.suffix.lower() == ".zip":
        project = _project_archive(path)
        if project is not None:
            with project:
                yield from _read_project_archive(project, path, schema, annotator)
            return
    root = path if path.is_dir() else path.parent
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".xmi", ".zip") and p.is_file()) \
        if path.is_dir() else [path]
    if not files:
        yield RecordError(str(path), "no .xmi files (nor .zip files holding one) here")
        return
    users = yield from described_folder(root, files)
    for file in files:
        yield _read_one(file, root, schema, annotator, users)


def _read_one(file: Path, root: Path, schema, annotator: str, users: Described) -> AnnotatedDocument | RecordError:
    try:
        if file.suffix.lower() == ".zip":
            with zipfile.ZipFile(file) as archive:
                found = _xmi_in_zip(archive, str(file))
            if isinstance(found, RecordError):
                return found
            data, ts_data = found
        else:
            data = file.read_bytes()
            ts_file = _typesystem_beside(file, root)
            ts_data = ts_file.read_bytes() if ts_file else None
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        return RecordError(str(file), f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    folder_doc, who = layout(file, root, users)
    record = _from_xmi(data, ts_data, _Origin(str(file), file.name, folder_doc, who), schema, annotator)
    return settled(record, relative_parts(file, root), who, users)


# What one member of a zip may unpack to: a larger one is refused by name, not read (a zip that
# unpacks to far more than it holds would fill the memory).
MEMBER_LIMIT = 1 << 29


@dataclass
class _Origin:
    """Where a CAS was read: ``source`` names it in messages and records, ``name`` is its
    file's name, and the document and annotator the export's layout gives (see :func:`layout`)."""
    source: str
    name: str
    folder_doc: str | None
    who: str | None


# What reading a damaged member (or one packed by an unknown method) raises.
UNPACKING_ERRORS = (zlib.error, zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError)


def member_refusal(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member may not be read: encrypted, or larger unpacked than MEMBER_LIMIT."""
    if info.flag_bits & 0x1:
        return f"{info.filename} is encrypted; a password-protected zip is not read"
    if info.file_size > MEMBER_LIMIT:
        return f"{info.filename} unpacks to {info.file_size} bytes; more than {MEMBER_LIMIT} is not read"
    return None


class ZipMember:
    """A member of a zip where a reader takes a file's path: opened in place (read as a stream,
    never unpacked to disk), named in messages as zip:member. Reading a damaged one raises one
    of UNPACKING_ERRORS."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_path: Path):
        self._archive, self._info = archive, info
        self.name = info.filename.rsplit("/", 1)[-1]
        self.stem, self.suffix = Path(self.name).stem, Path(self.name).suffix
        self._shown = f"{zip_path}:{info.filename}"

    def open(self, mode: str = "rb"):
        return self._archive.open(self._info)

    def read_bytes(self) -> bytes:
        return self._archive.read(self._info)

    def __str__(self) -> str:
        return self._shown


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes; ValueError, saying why, for one that cannot or may not be unpacked."""
    info = archive.getinfo(name)
    refusal = member_refusal(info)
    if refusal is not None:
        raise ValueError(refusal)
    try:
        return archive.read(info)
    except UNPACKING_ERRORS as exc:
        raise ValueError(f"{name} cannot be unpacked: {exc}") from None


def _xmi_in_zip(archive: zipfile.ZipFile, source: str) -> tuple[bytes, bytes | None] | RecordError:
    """The XMI and type system of a zip of one document (INCEpTION's export of one CAS)."""
    names = archive.namelist()
    if _is_project(names):
        return RecordError(source, "a whole INCEpTION project export, inside a folder or another zip: import it "
                                   "by itself")
    xmis = [n for n in names if n.lower().endswith(".xmi")]
    if len(xmis) != 1:
        return RecordError(source, f"a zip of INCEpTION's XMI holds one .xmi file; this one has {len(xmis)}")
    ts_name = next((n for n in names if n.rsplit("/", 1)[-1].lower() == TYPESYSTEM.lower()), None)
    try:
        return _member(archive, xmis[0]), (_member(archive, ts_name) if ts_name else None)
    except ValueError as exc:
        return RecordError(source, str(exc))


def _is_project(names: list[str]) -> bool:
    """Whether a zip's names are those of a project export (INCEpTION's or ours): folders
    annotation/, curation/ or source/ (a project nobody annotated has only that one), or
    INCEpTION's exportedproject*.json."""
    return any("/annotation/" in f"/{n}" or "/curation/" in f"/{n}" or "/source/" in f"/{n}"
               or n.rsplit("/", 1)[-1].startswith("exportedproject") for n in names)


def _project_archive(path: Path) -> zipfile.ZipFile | None:
    """The zip at ``path`` opened, when it is a whole project export; else None (read as the
    zip of one document, which reports what is wrong with it)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return None
    if _is_project(archive.namelist()):
        return archive
    archive.close()
    return None


def _read_project_archive(archive: zipfile.ZipFile, path: Path, schema, annotator: str
                          ) -> Iterator[AnnotatedDocument | RecordError]:
    """A zipped project export, read in place as its folder would be: each .xmi, and each zip
    of one (INCEpTION's annotation/<document>/<user>.zip), with the type system beside it."""
    names = archive.namelist()
    present = set(names)
    manifest = next((n for n in names if n.rsplit("/", 1)[-1] == MANIFEST_NAME), None)
    try:
        ids = parse_manifest(_member(archive, manifest).decode("utf-8")) if manifest else {}
    except (ValueError, UnicodeDecodeError) as exc:
        yield RecordError(f"{path}:{manifest}", f"cannot read: {exc}")
        return
    users = archive_users(archive, names, str(path))
    if isinstance(users, RecordError):
        yield users
        users = Described()
    users.note_files(tuple(p for p in n.split("/") if p) for n in names)
    # A project exported in WebAnno TSV has annotation/<document>/<user>.tsv (INCEpTION writes
    # each user's work in the project's format; XMI comes as a zip of the XMI and its types).
    tsv = [n for n in names if n.lower().endswith(".tsv") and n != manifest and _under_annotation(n)]
    members = sorted(n for n in names if n.lower().endswith((".xmi", ".zip")) and not n.endswith("/"))
    if not members and not tsv:
        yield RecordError(str(path), "no .xmi files (nor .zip files holding one, nor WebAnno TSV files) in this "
                                     "project export")
        return
    if tsv:
        from annotator.formats import webanno_tsv

        for name in sorted(tsv):
            parts = tuple(p for p in name.split("/") if p)
            folder_doc, who = layout_of(parts, ids, users)
            info = archive.getinfo(name)
            refusal = member_refusal(info)
            try:
                if refusal is not None:
                    raise ValueError(refusal)
                record = webanno_tsv.read_one(ZipMember(archive, info, path), schema, who or annotator, folder_doc)
            except (ValueError, OSError, *UNPACKING_ERRORS) as exc:
                yield RecordError(f"{path}:{name}", f"cannot read: {exc}")
                continue
            yield settled(record, parts, who, users)
    for name in members:
        source = f"{path}:{name}"
        parts = tuple(p for p in name.split("/") if p)
        try:
            if name.lower().endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(_member(archive, name))) as inner:
                    found = _xmi_in_zip(inner, source)
                if isinstance(found, RecordError):
                    yield found
                    continue
                data, ts_data = found
            else:
                data, ts_data = _member(archive, name), None
            if ts_data is None:  # the nearest TypeSystem.xml above it, as in a folder
                for depth in range(len(parts) - 1, -1, -1):
                    above = "/".join((*parts[:depth], TYPESYSTEM))
                    if above in present:
                        ts_data = _member(archive, above)
                        break
        except (ValueError, OSError, zipfile.BadZipFile, KeyError) as exc:
            yield RecordError(source, f"cannot read: {exc}")
            continue
        folder_doc, who = layout_of(parts, ids, users)
        record = _from_xmi(data, ts_data, _Origin(source, parts[-1], folder_doc, who), schema, annotator)
        yield settled(record, parts, who, users)


def _from_xmi(data: bytes, ts_data: bytes | None, origin: _Origin, schema, annotator: str
              ) -> AnnotatedDocument | RecordError:
    import cassis

    notes: list[str] = []
    try:
        if ts_data is not None:
            ts = quiet(cassis.load_typesystem, io.BytesIO(ts_data))
            lenient = False
        else:
            ts = dkpro_typesystem()
            lenient = True
            unknown = _unknown_types(data, ts)
            if unknown:
                notes.append("no TypeSystem.xml beside it, so these were not read: "
                             + ", ".join(f"{n} {t}" for t, n in unknown.most_common()))
        cas = quiet(cassis.load_cas_from_xmi, io.BytesIO(data), typesystem=ts, lenient=lenient)
    except Exception as exc:  # cassis and lxml raise many kinds; each means "not a CAS we can read"
        return RecordError(origin.source, f"not a UIMA CAS XMI file with its type system: {type(exc).__name__}: {exc}")
    return _document(cas, origin, schema, annotator, notes)


def annotation_label(type_name: str, values: dict, relabelled: Counter) -> tuple[str, str | None]:
    """(label, the feature that holds it) of an INCEpTION span annotation (XMI or TSV). A
    layer without features (or an unset value) marks text all the same: the type's name is the
    label, counted in ``relabelled`` so that the import says so."""
    label_name = next((f for f in (label_feature(type_name), "value", "label") if f in values), None)
    label = values.get(label_name) if label_name else None
    if not isinstance(label, str) or not label:
        label = type_name.rsplit(".", 1)[-1]
        relabelled[(type_name, label)] += 1
    return label, label_name


def annotation_layer_and_attrs(type_name: str, label: str, label_name: str | None, values: dict, schema,
                               not_carried: Counter) -> tuple[str, dict[str, str]]:
    """The layer an INCEpTION span annotation goes to and the attributes its other feature
    values give, those the schema has (or all, with --extend-schema); the others are counted
    in ``not_carried``. Raises ValueError when the schema has no place for the label."""
    open_schema = getattr(schema, "accepts_new_labels", False)
    layer_name = layer_of_type(type_name, schema)
    layer = layer_name if open_schema and schema.layer(layer_name) is None else \
        layer_for_label(schema, label, layer_name)
    known = schema.layer(layer).label(label) if schema.layer(layer) is not None else None
    attrs = {}
    for key in sorted(values):
        value = values[key]
        if key == label_name or not isinstance(value, str) or value == "":
            continue
        if open_schema or (known is not None and key in known.attributes):
            attrs[key] = value
        else:
            not_carried[f"{type_name}.{key} values (no such attribute in the schema)"] += 1
    return layer, attrs


def _typesystem_beside(file: Path, root: Path) -> Path | None:
    folder = file.parent
    while True:
        for name in (TYPESYSTEM, "typesystem.xml"):
            if (folder / name).is_file():
                return folder / name
        if folder == root or folder.parent == folder:
            return None
        folder = folder.parent


def _unknown_types(data: bytes, ts) -> Counter:
    """Types of the XMI's elements that the type system lacks (lenient loading drops them)."""
    from lxml import etree

    counts: Counter = Counter()
    try:
        for _event, element in etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False,
                                               no_network=True):
            tag = element.tag
            if isinstance(tag, str) and tag.startswith("{http:///") and tag.find(".ecore}") > 0:
                namespace, local = tag[len("{http:///"):].split("}", 1)
                name = namespace.removesuffix(".ecore").replace("/", ".") + "." + local
                if name.startswith("uima.cas.") or name.startswith("uima.tcas.") and local in ("DocumentAnnotation",):
                    continue
                if not ts.contains_type(name) and name not in STRUCTURAL:
                    counts[name] += 1
    except etree.XMLSyntaxError:
        pass
    return counts


def layout(file: Path, root: Path, users: Described | None = None) -> tuple[str | None, str | None]:
    """(document, annotator) from INCEpTION's export layout, where the path has it; ""
    as the annotator when the path does not say. Folder names go through our manifest;
    ``users`` (see :func:`folder_users`) tells a user's file apart from INCEpTION's name for it."""
    return layout_of(relative_parts(file, root), read_manifest(root), users)


def relative_parts(file: Path, root: Path) -> tuple[str, ...]:
    return file.relative_to(root).parts if file.is_relative_to(root) else (file.name,)


def layout_of(parts: tuple[str, ...], names: dict[str, str], users: Described | None = None
              ) -> tuple[str | None, str | None]:
    """:func:`layout` of a path given as its parts, with the manifest's ``names``."""
    stem = parts[-1].rsplit(".", 1)[0]
    if len(parts) >= 3 and parts[-3] == "annotation":
        who = _user_of(stem, users.users.get(parts[-2], set()) if users else set())
        # INITIAL_CAS is INCEpTION's document as it was imported, before anyone annotated it:
        # its annotations (if any) belong to no user, so they go to the import's annotator.
        return names.get(parts[-2], parts[-2]), (None if who == INITIAL_CAS else who)
    if len(parts) >= 3 and parts[-3] == "curation":
        return names.get(parts[-2], parts[-2]), GOLD
    if len(parts) >= 2 and parts[-2] == "source":
        if users and (parts[-1] in users.document_states or parts[-1] in users.users):
            return parts[-1], None  # INCEpTION keeps the file as uploaded, named as the document (c_part1.tsv)
        return names.get(stem, stem), None
    return None, ""


INITIAL_CAS = "INITIAL_CAS"


def _user_of(stem: str, users: set[str]) -> str:
    """The user whose file ``stem`` is. INCEpTION before 2024 named each user's file in an
    export after a temporary file: the user name (padded with "_" to three characters), then
    random digits (annotation/2001.tsv/sm_4343257511917352145.tsv is sm's). Its
    exportedproject.json lists who worked on each document, and annotation_ser/ has a
    <user>.ser for each: a stem that is one of them and digits is that user's."""
    if stem in users or not users:
        return stem
    owners = [user for user in (*users, INITIAL_CAS) if re.fullmatch(re.escape(user) + r"_*\d+", stem)]
    return max(owners, key=len) if owners else stem


def _under_annotation(name: str) -> bool:
    parts = [p for p in name.split("/") if p]
    return len(parts) >= 3 and parts[-3] in ("annotation", "curation")


@dataclass
class Described:
    """What INCEpTION's exportedproject.json and the serialised CASes' names
    (annotation_ser/<document>/<user>.ser) say of a project export: who worked on each document
    and how far (its annotation document's state), and each document's own state (curation)."""
    users: dict[str, set[str]] = field(default_factory=dict)
    states: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, user) -> state
    document_states: dict[str, str] = field(default_factory=dict)
    initial: set[str] = field(default_factory=set)  # documents with an annotation/<document>/INITIAL_CAS file

    def note_files(self, paths: Iterable[tuple[str, ...]]) -> Described:
        """Note which documents the export has an INITIAL_CAS for (``paths``: the files' parts)."""
        for parts in paths:
            if len(parts) >= 3 and parts[-3] == "annotation" and parts[-1].startswith(INITIAL_CAS):
                self.initial.add(parts[-2])
        return self

    def status(self, document: str, who: str | None) -> str | None:
        """Our status of ``who``'s work on ``document`` (the folder's name), if INCEpTION's says."""
        if who == GOLD:
            return _CURATION_STATUS.get(self.document_states.get(document, ""))
        return _ANNOTATION_STATUS.get(self.states.get((document, who or ""), ""))


# INCEpTION's AnnotationDocumentState and SourceDocumentState, as our statuses (IGNORE: locked
# for that user, not a stage of work).
_ANNOTATION_STATUS = {"NEW": "new", "IN_PROGRESS": "in progress", "FINISHED": "done"}
_CURATION_STATUS = {"CURATION_IN_PROGRESS": "in progress", "CURATION_FINISHED": "done"}


def _described(project: dict, ser_names: Iterable[str]) -> Described:
    described = Described()
    documents = project.get("annotation_documents")
    for entry in documents if isinstance(documents, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("user"), str):
            described.users.setdefault(entry["name"], set()).add(entry["user"])
            if isinstance(entry.get("state"), str):
                described.states[entry["name"], entry["user"]] = entry["state"]
    sources = project.get("source_documents")
    for entry in sources if isinstance(sources, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("state"), str):
            described.document_states[entry["name"]] = entry["state"]
    for name in ser_names:
        parts = [p for p in name.split("/") if p]
        if len(parts) >= 3 and parts[-3] == "annotation_ser" and parts[-1].endswith(".ser"):
            described.users.setdefault(parts[-2], set()).add(parts[-1].removesuffix(".ser"))
    return described


def settled(record: AnnotatedDocument | RecordError, parts: tuple[str, ...], who: str | None,
            described: Described) -> AnnotatedDocument | RecordError:
    """``record`` (read from the export's ``parts``) as INCEpTION's export means it: with the
    status INCEpTION gives its user's work (a user who finished a document without marking
    anything is "done" with no spans, which agreement counts); and from source/, the uploaded
    file, only the document when annotation/<document>/INITIAL_CAS has its annotations too
    (they were imported twice, and refused as the same document twice)."""
    if isinstance(record, RecordError) or len(parts) < 2:
        return record
    if parts[-2] == "source" and parts[-1] in described.initial and (record.spans or record.relations):
        record.notes.append(f"its {len(record.spans)} annotation(s) not imported from the uploaded file: "
                            f"annotation/{parts[-1]}/INITIAL_CAS holds them")
        record.spans, record.relations, record.annotator, record.status = [], [], None, None
        return record
    status = described.status(parts[-2], who) if who else None
    if status is not None:
        record.status = status
        record.annotator = record.annotator or who
    return record


def _parse_project(data: bytes, source: str) -> dict | RecordError:
    import json

    try:
        project = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return RecordError(source, f"not INCEpTION's project description (JSON): {exc}")
    return project if isinstance(project, dict) else RecordError(source, "not INCEpTION's project description "
                                                                         "(a JSON object)")


def folder_users(root: Path) -> Described | RecordError:
    """:class:`Described` of an INCEpTION project export unpacked into ``root`` (empty for
    other folders)."""
    described = sorted(root.glob("exportedproject*.json"))
    project: dict | RecordError = {}
    if described:
        try:
            project = _parse_project(described[0].read_bytes(), str(described[0]))
        except OSError as exc:
            return RecordError(str(described[0]), f"cannot read: {exc.strerror}")
        if isinstance(project, RecordError):
            return project
    serialised = root / "annotation_ser"
    ser_names = [f"annotation_ser/{p.parent.name}/{p.name}" for p in serialised.glob("*/*.ser")] \
        if serialised.is_dir() else []
    return _described(project, ser_names)


def described_folder(root: Path, files: list[Path]):
    """:class:`Described` of the export unpacked into ``root`` whose ``files`` are read (a
    generator: it yields the refusal of a project description it cannot read, and returns an
    empty one then)."""
    users = folder_users(root)
    if isinstance(users, RecordError):
        yield users
        users = Described()
    return users.note_files(relative_parts(f, root) for f in files)


def archive_users(archive: zipfile.ZipFile, names: list[str], path: str) -> Described | RecordError:
    """:func:`folder_users` for a zipped project export."""
    described = sorted(n for n in names if n.rsplit("/", 1)[-1].startswith("exportedproject")
                       and n.endswith(".json"))
    project: dict | RecordError = {}
    if described:
        try:
            project = _parse_project(_member(archive, described[0]), f"{path}:{described[0]}")
        except (ValueError, OSError, zipfile.BadZipFile) as exc:
            return RecordError(f"{path}:{described[0]}", f"cannot read: {exc}")
        if isinstance(project, RecordError):
            return project
    return _described(project, names)


_NOT_TEXT = object()


def _feature_value(value):
    """A feature's value as an attribute takes it: text as it is, a boolean or number as UIMA
    writes it (true, 3, 0.5; they were dropped without a word), None unset; a slot feature's
    links as a list; anything else (a reference, an array of strings) _NOT_TEXT."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    elements = getattr(value, "elements", None)
    if isinstance(elements, list) and all(
            hasattr(e, "type") and {"role", "target"} <= {f.name for f in e.type.all_features} for e in elements):
        return list(elements)
    return _NOT_TEXT


def _document(cas, origin: _Origin, schema, annotator: str, notes: list[str]) -> AnnotatedDocument | RecordError:
    text = cas.sofa_string or ""
    folder_doc, who = origin.folder_doc, origin.who
    doc_id = None
    for meta in cas.select(METADATA) if cas.typesystem.contains_type(METADATA) else []:
        doc_id = meta.get("documentId") or meta.get("documentTitle") or None
    doc_id = doc_id or folder_doc or origin.name.rsplit(".", 1)[0]
    who = annotator if who == "" else who
    spans: list[Span] = []
    relations: list[Relation] = []
    by_fs: dict[int, str] = {}
    skipped: Counter = Counter()
    relabelled: Counter = Counter()
    annotation = cas.typesystem.get_type(ANNOTATION)
    relation_fss = []
    chain_fss = []
    slot_links: list = []  # (host, slot feature, link): the link's role and target
    for fs in cas.select_all_fs():
        type_name = fs.type.name
        if type_name in STRUCTURAL or not cas.typesystem.subsumes(annotation, fs.type):
            continue
        features = {f.name for f in fs.type.all_features}
        if {"Governor", "Dependent"} <= features:
            relation_fss.append(fs)
            continue
        if "next" in features and type_name.endswith("Link") and (type_name == COREFERENCE_LINK
                                                                    or type_name.startswith(CUSTOM)):
            chain_fss.append(fs)  # a chain's link (coreference): read once every span is in
            continue
        if type_name != NAMED_ENTITY and not type_name.startswith(CUSTOM):
            skipped[type_name] += 1  # POS, lemmas, dependencies, chunks ...: no layer holds them
            continue
        values = {}
        for feature in sorted(features - {"sofa", "begin", "end"}):
            value = _feature_value(fs.get(feature))
            if isinstance(value, list):  # a slot (link) feature: its links, read once every span is in
                slot_links += [(fs, real_name(feature), link) for link in value]
            elif value is _NOT_TEXT:
                skipped[f"{type_name}.{real_name(feature)} values (neither text, a number nor links)"] += 1
            else:
                values[real_name(feature)] = value
        label, label_name = annotation_label(type_name, values, relabelled)
        if fs.begin is None or fs.end is None or not 0 <= fs.begin < fs.end <= len(text):
            skipped[f"{type_name} of zero length"] += 1
            continue
        try:
            layer, attrs = annotation_layer_and_attrs(type_name, label, label_name, values, schema, skipped)
        except ValueError as exc:
            return RecordError(origin.source, str(exc))
        span = Span(f"T{len(spans) + 1}", doc_id, who or annotator, layer, label, fs.begin, fs.end, attrs)
        by_fs[fs.xmiID] = span.id
        spans.append(span)
    for fs in relation_fss:
        governor, dependent = fs.get("Governor"), fs.get("Dependent")
        if governor is None or dependent is None or governor.xmiID not in by_fs or dependent.xmiID not in by_fs:
            skipped[f"{fs.type.name} (links annotations that were not imported)"] += 1
            continue
        label = fs.get("label") if any(f.name == "label" for f in fs.type.all_features) else None
        if not label and any(f.name == "value" for f in fs.type.all_features):
            label = fs.get("value")
        relations.append(Relation(f"R{len(relations) + 1}", doc_id, who or annotator,
                                  relation_name(fs.type.name, label, schema), by_fs[governor.xmiID],
                                  by_fs[dependent.xmiID]))
    # A chain's links (as WebAnno TSV's): a span each, its referenceType the label and the
    # type's name without "Link" the layer, linked to the next by its referenceRelation.
    for fs in chain_fss:
        kind = fs.get("referenceType") if any(f.name == "referenceType" for f in fs.type.all_features) else None
        if fs.begin is None or fs.end is None or not 0 <= fs.begin < fs.end <= len(text):
            skipped[f"{fs.type.name} of zero length"] += 1
            continue
        place = chain_link_place(fs.type.name, kind if isinstance(kind, str) else None, schema, skipped)
        if place is None:
            continue
        layer, label = place
        span = Span(f"T{len(spans) + 1}", doc_id, who or annotator, layer, label, fs.begin, fs.end, {})
        by_fs[fs.xmiID] = span.id
        spans.append(span)
    for fs in chain_fss:
        following = fs.get("next")
        if fs.xmiID in by_fs and following is not None and getattr(following, "xmiID", None) in by_fs:
            named = fs.get("referenceRelation") if any(f.name == "referenceRelation" for f in fs.type.all_features) \
                else None
            relations.append(Relation(f"R{len(relations) + 1}", doc_id, who or annotator,
                                      chain_relation_name(fs.type.name, named if isinstance(named, str) else None,
                                                          schema),
                                      by_fs[fs.xmiID], by_fs[following.xmiID]))
    # A slot feature links its host to each target with a role: a relation named by the role (by
    # the feature where the role is empty), from the host to the target (as WebAnno TSV's).
    for host, feature, link in slot_links:
        target, role = link.get("target"), link.get("role")
        if host.xmiID not in by_fs or target is None or getattr(target, "xmiID", None) not in by_fs:
            skipped[f"{host.type.name} (slot links to annotations that were not imported)"] += 1
            continue
        relations.append(Relation(f"R{len(relations) + 1}", doc_id, who or annotator,
                                  role if isinstance(role, str) and role else feature, by_fs[host.xmiID],
                                  by_fs[target.xmiID]))
    notes += [f"{count} {what} annotation(s) not carried" for what, count in skipped.most_common()]
    notes += [f"{count} {name} annotation(s) without a value: imported with the label {label!r}"
              for (name, label), count in relabelled.most_common()]
    return AnnotatedDocument(Document(doc_id, text, {"source": origin.name}), (who or annotator) if spans else None,
                             None, spans, relations, origin.source, notes=notes)
