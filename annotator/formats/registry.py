"""Which formats can be exported and imported, and how ``--format auto`` picks one."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path

from annotator.formats import RecordError, brat, conll, conllu, inception, json_formats, spacy_docbin, webanno_tsv
from annotator.formats.export import ExportOptions, ExportReport, offset_converter
from annotator.formats.jsonl import read_jsonl
from annotator.formats.text import read_text_files

EXPORT_FORMATS = ("jsonl", "conll", "conllu", "brat", "doccano", "doccano-relations", "prodigy", "spacy", "spacy-json",
                  "labelstudio", "hf", "inception-xmi", "webanno-tsv", "quotes")
IMPORT_FORMATS = ("text", "jsonl", "conll", "conllu", "brat", "doccano", "prodigy", "labelstudio", "inception-xmi",
                  "webanno-tsv")
FOLDER_FORMATS = ("brat", "inception-xmi", "webanno-tsv")  # exports that write a folder, not a file


def write(fmt: str, docs, out: Path, options: ExportOptions, report: ExportReport, project,
          speaker: str | None = None) -> None:
    from annotator.attribution import quotes  # imports formats.export: kept out of module load order

    schema = project.schema
    writers = {
        # Every status of the project, read only for this writer (a dict of the whole project).
        "jsonl": lambda *args: write_native(*args, statuses=project.statuses()),
        "conll": conll.write,
        "conllu": conllu.write,
        "brat": partial(brat.write, schema=schema),
        "doccano": json_formats.write_doccano,
        "doccano-relations": partial(json_formats.write_doccano, relations=True),
        "prodigy": json_formats.write_prodigy,
        "spacy": spacy_docbin.write,
        "spacy-json": json_formats.write_spacy,
        "labelstudio": partial(json_formats.write_labelstudio, schema=schema),
        "inception-xmi": partial(inception.write, schema=schema),
        "webanno-tsv": partial(webanno_tsv.write, schema=schema),
        "hf": partial(json_formats.write_hf, schema=schema),
        "quotes": partial(quotes.write, speaker=speaker),
    }
    writers[fmt](docs, out, options, report)


def write_native(docs, out: Path, options: ExportOptions, report: ExportReport, statuses: dict) -> None:
    """Native JSONL from filtered documents (the unfiltered export is Project.iter_export)."""
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            cp = offset_converter(doc.text, options.offset_unit)
            record = {"id": doc.doc_id, "text": doc.text, "meta": doc.meta}
            if doc.annotator is not None:
                record["annotator"] = doc.annotator
                status = statuses.get((doc.doc_id, doc.annotator))
                if status is not None:
                    record["status"] = status
                record["spans"] = [{"id": s.id, "start": cp(s.start), "end": cp(s.end), "layer": s.layer,
                                    "label": s.label, "attrs": s.attrs} for s in doc.spans]
                record["relations"] = [{"id": r.id, "label": r.label, "from": r.from_id, "to": r.to_id}
                                       for r in doc.relations]
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def readers(fmt: str, glob: str, text_key: str = "text", misc_key: str | None = None, columns: str | None = None,
            annotator_from_file_name: bool = False, encoding: str | None = None,
            sentences_per_document: int | None = None):
    """reader(paths, schema, annotator) -> records, for one import format. Picklable but for
    text files' (an import's reading process may run it: store/reading_worker.py). With
    ``annotator_from_file_name``, the records of each file that name no annotator are its
    name's (without the extension): doccano exports each user's work as USER.jsonl. ``encoding``:
    text files' when not UTF-8 (cp1256 for Arabic files from Windows). ``sentences_per_document``:
    column files' documents (CoNLL's, CoNLL-U's without a "# newdoc id") end after so many
    sentences."""
    def each(read_one):
        return partial(_read_each, read_one, fmt, annotator_from_file_name)

    return {
        "text": lambda paths, schema, annotator: read_text_files(paths, glob, encoding),
        "jsonl": each(read_jsonl),
        "conll": each(partial(conll.read, columns=columns, sentences_per_document=sentences_per_document)),
        "conllu": each(partial(conllu.read, misc_key_name=misc_key, sentences_per_document=sentences_per_document)),
        "brat": each(brat.read),
        "doccano": each(json_formats.read_doccano),
        "prodigy": each(json_formats.read_prodigy),
        "labelstudio": each(partial(json_formats.read_labelstudio, text_key=text_key)),
        "inception-xmi": each(inception.read),
        "webanno-tsv": each(webanno_tsv.read),
    }[fmt]


def unmarked_sentences(path: Path, fmt: str) -> int:
    """How many sentences the longest document of a CoNLL or CoNLL-U file holds that the file
    does not mark (CoNLL: between -DOCSTART- lines; CoNLL-U: before its first "# newdoc"):
    such a run imports as one document, held whole, unless ``sentences_per_document`` cuts
    it. A quick count of blank-line-separated blocks, a line at a time, to ask about it
    before an import (the readers find documents as they read)."""
    marker = b"-DOCSTART-" if fmt == "conll" else b"# newdoc"
    longest = count = 0
    in_sentence = False
    with path.open("rb") as f:
        for n, line in enumerate(f):
            if not n:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if line.startswith(marker):
                if fmt != "conll":  # a CoNLL-U file's later sentences are in named documents
                    return max(longest, count)
                longest, count, in_sentence = max(longest, count), 0, False
            elif line.strip():
                count += not in_sentence
                in_sentence = True
            else:
                in_sentence = False
    return max(longest, count)


def _read_each(read_one, fmt: str, annotator_from_file_name: bool, paths, schema, annotator):
    for path in paths:
        if fmt in _ZIPPED_JSONL and path.suffix.lower() == ".zip":
            yield from _read_zipped(read_one, fmt, path, schema)
            continue
        yield from _guarded(read_one(path, schema, path.stem if annotator_from_file_name else annotator), path, fmt)


# JSONL formats whose files may come zipped: doccano exports a project as a zip of USER.jsonl.
_ZIPPED_JSONL = ("doccano", "prodigy", "jsonl")


def _read_zipped(read_one, fmt: str, path: Path, schema):
    """The .jsonl members of a zip, each an annotator's work named after the member: doccano
    exports a project as a zip of one USER.jsonl per member (it has no user in the records)."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield RecordError(str(path), f"cannot read as a zip: {exc}")
        return
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(".jsonl")]
        if not members:
            yield RecordError(str(path), "no .jsonl files in this zip")
        for info in members:
            member = inception.ZipMember(archive, info, path)
            refusal = inception.member_refusal(info)
            if refusal is not None:
                yield RecordError(str(member), refusal)
                continue
            try:
                yield from _guarded(read_one(member, schema, member.stem), member, fmt)
            except inception.UNPACKING_ERRORS as exc:
                yield RecordError(str(member), f"cannot be unpacked: {exc}")


def _guarded(records, path: Path, fmt: str):
    """A reader's records; should the reader meet a shape it does not expect, the rest of the
    file becomes one error naming it, never an "internal error" (readers name the line
    themselves for every shape they know)."""
    try:
        yield from records
    except RecursionError:
        yield RecordError(str(path), f"cannot read as {fmt}: nested too deeply")
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, UnicodeError, OverflowError) as exc:
        yield RecordError(str(path), f"cannot read as {fmt}: unexpected content ({type(exc).__name__}: {exc})")


# Keys only Prodigy's records have, and only doccano's (its export: id, text, label or
# entities and relations, Comments, the example's meta fields).
_PRODIGY_KEYS = {"_input_hash", "_task_hash", "_view_id", "_session_id", "_annotator_id"}
_DOCCANO_KEYS = {"label", "labels", "entities", "Comments"}


def _jsonl_kind(path: Path, limit: int = 1 << 22) -> str:
    """Which JSONL a .jsonl file is, by its first record's keys: Prodigy's and doccano's were
    read as ours and refused for "unknown keys _input_hash ..." (the window could not import
    them at all: it has no --format)."""
    try:
        with path.open("rb") as f:
            while raw := f.readline(limit + 1):  # (a line of a gigabyte is not read whole to be looked at)
                if len(raw) > limit:
                    break
                if not raw.strip():
                    continue
                record = json.loads(raw.decode("utf-8-sig"))
                if not isinstance(record, dict) or "spans" in record and "_input_hash" not in record:
                    break
                keys = set(record)
                if keys & _PRODIGY_KEYS:
                    return "prodigy"
                if keys & _DOCCANO_KEYS and isinstance(record.get("text"), str):
                    return "doccano"
                break
    except (OSError, ValueError, RecursionError):
        pass  # read as ours, which says what is wrong with it
    return "jsonl"


_TAGGED_LINE = re.compile(r"\S+(?:[ \t]+\S+)*[ \t]+(?:[BIESLU]-\S+|O)[ \t]*|-DOCSTART-.*")


def _zip_of_jsonl(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
    except (OSError, zipfile.BadZipFile):
        return False
    return bool(names) and all(n.lower().endswith(".jsonl") for n in names)


def _looks_like_conll(path: Path, lines: int = 200) -> bool:
    """Whether a file named like text holds CoNLL columns (a token a line, its tag last:
    ANERcorp's ANERCorp.txt): it was imported as a document whose text was the tags."""
    try:
        with path.open("rb") as f:
            head = []
            for _ in range(lines * 4):  # a bounded look: the first lines, each read up to 4 kB
                raw = f.readline(4097)
                if not raw:
                    break
                if len(raw) < 4096:
                    head.append(raw.decode("utf-8-sig").strip())
    except (OSError, UnicodeDecodeError):
        return False
    filled = [line for line in head if line][:lines]
    tagged = sum(1 for line in filled if _TAGGED_LINE.fullmatch(line))
    return len(filled) >= 3 and tagged >= 0.9 * len(filled) and any(not line.endswith(" O") and
                                                                      not line.endswith("\tO") for line in filled)


def _is_webanno_tsv(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(24).lstrip(b"\xef\xbb\xbf").startswith(b"#FORMAT=WebAnno TSV 3")
    except OSError:
        return False


def detect(path: Path) -> str:
    """The import format ``--format auto`` assumes for a path."""
    suffix = path.suffix.lower()
    if path.is_dir():
        if any(path.rglob("*.ann")):
            return "brat"
        if any(path.rglob("*.xmi")):
            return "inception-xmi"
        return "webanno-tsv" if any(_is_webanno_tsv(p) for p in path.rglob("*.tsv")) else "text"
    if suffix == ".tsv" and _is_webanno_tsv(path):
        return "webanno-tsv"
    if suffix == ".ann":
        return "brat"  # one brat document (its .txt beside it)
    if suffix == ".jsonl":
        return _jsonl_kind(path)
    if suffix == ".zip" and _zip_of_jsonl(path):
        return "doccano"  # doccano's export of a project: a zip of USER.jsonl
    if suffix in (".txt", ".iob", ".bio", ".tsv", "") and _looks_like_conll(path):
        return "conll"
    return {".jsonl": "jsonl", ".conllu": "conllu", ".conll": "conll", ".json": "labelstudio",
            ".xmi": "inception-xmi", ".zip": "inception-xmi"}.get(suffix, "text")
