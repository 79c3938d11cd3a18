"""Quotes with who said them: the records of ``annotator export -f quotes``.

One record per quote. The parts of an interrupted quote («...» قال فلان «...»), joined by
``continues`` links, make one record with every part. The speaker comes from a ``said_by``
link (with its canonical ``name`` attribute and the entity it ``refers_to``), the cue from
``cued_by``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.search import fold
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, offset_converter


def quote_records(doc: ExportDoc, offset=lambda x: x) -> Iterator[dict]:
    spans = {s.id: s for s in doc.spans}
    links: dict[str, dict[str, list[str]]] = {}
    for r in doc.relations:
        links.setdefault(r.from_id, {}).setdefault(r.label, []).append(r.to_id)
    quotes = [s for s in doc.spans if s.layer == "quote"]
    continues = {q.id: links.get(q.id, {}).get("continues", [None])[0] for q in quotes}
    heads = [q for q in quotes if continues[q.id] not in spans]
    for head in sorted(heads, key=lambda q: q.start):
        parts = [head]
        changed = True
        while changed:  # every part that continues one already taken (chains of any length)
            changed = False
            for q in quotes:
                if q not in parts and continues[q.id] in {p.id for p in parts}:
                    parts.append(q)
                    changed = True
        parts.sort(key=lambda q: q.start)

        def linked(label: str):
            for part in parts:
                for target in links.get(part.id, {}).get(label, []):
                    if target in spans:
                        return spans[target]
            return None

        speaker, cue = linked("said_by"), linked("cued_by")
        entity = None
        if speaker is not None:
            for target in links.get(speaker.id, {}).get("refers_to", []):
                entity = spans.get(target)
        yield {
            "doc_id": doc.doc_id,
            "annotator": doc.annotator,
            "quote_id": head.id,
            "type": head.attrs.get("type"),
            "text": " … ".join(doc.text[p.start:p.end] for p in parts),
            "start": offset(parts[0].start),
            "end": offset(parts[-1].end),
            "parts": [{"id": p.id, "start": offset(p.start), "end": offset(p.end), "text": doc.text[p.start:p.end]}
                      for p in parts],
            "speaker": None if speaker is None else {
                "text": doc.text[speaker.start:speaker.end], "start": offset(speaker.start), "end": offset(speaker.end),
                "name": speaker.attrs.get("name"),
                "entity": None if entity is None else {"text": doc.text[entity.start:entity.end], "label": entity.label}},
            "cue": None if cue is None else {"text": doc.text[cue.start:cue.end], "start": offset(cue.start),
                                             "end": offset(cue.end)},
        }


def speaker_matches(record: dict, name: str) -> bool:
    """Whether a quote is by ``name``: its speaker's canonical name, or the speaker text
    itself, compared without harakat and tatweel."""
    speaker = record.get("speaker")
    if not speaker:
        return False
    wanted = fold(name)[0].strip()
    return wanted in (fold(speaker.get("name") or "")[0].strip(), fold(speaker["text"])[0].strip())


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport,
          speaker: str | None = None) -> None:
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            for record in quote_records(doc, offset_converter(doc.text, options.offset_unit)):
                if speaker is None or speaker_matches(record, speaker):
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
