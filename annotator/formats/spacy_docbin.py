"""spaCy's binary training format: a DocBin (``.spacy``) that ``spacy train`` and ``spacy debug
data`` read as they are.

Written with spaCy itself (a JSON list once looked like spaCy's and was not: ``Doc.from_json``
rejected it and line breaks were lost), imported only when this format is asked for, so the
core does not need spaCy. Tokens are ours (the Arabic-aware tokenizer, or the source's own
tokens), split at span edges by the export's policy; white space that is not a single space
after a token (line breaks, double spaces) becomes whitespace tokens, as spaCy's own tokenizer
does, so ``doc.text`` is the document's text exactly. The entity layer goes to ``doc.ents``
(non-overlapping; an overlap is reported and kept in ``doc.spans``), every exported layer to
``doc.spans[layer]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, tokenized

MISSING = ("the spacy format needs spaCy (pip install spacy, or pip install \"annotator[spacy]\"); "
           "-f spacy-json writes spaCy's JSON shape without it")


class SpacyMissing(RuntimeError):
    pass


def write(docs: Iterable[ExportDoc], out: Path, options: ExportOptions, report: ExportReport) -> None:
    try:
        import spacy
        from spacy.tokens import Doc, DocBin
        from spacy.util import filter_spans
    except ImportError:
        raise SpacyMissing(MISSING) from None
    vocab = spacy.blank("xx").vocab
    store = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SPACY"], store_user_data=True)
    for doc in docs:
        layers = list(options.layers) if options.layers else sorted({s.layer for s in doc.spans} | {"entity"})
        tok = tokenized(doc, options, layers, report)
        words, spaces, _starts = _words(doc.text, [t for sentence in tok.sentences for t in sentence])
        sdoc = Doc(vocab, words=words, spaces=spaces)
        if sdoc.text != doc.text:  # cannot happen: _words rebuilds the text by construction
            raise ValueError(f"{doc.doc_id}: spaCy tokens do not rebuild the text")
        entities, groups = [], {}
        for span in doc.spans:
            if span.layer not in layers:
                continue
            piece = sdoc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if piece is None:
                report.note(doc.doc_id, span.id, doc.text[span.start:span.end], "not on token edges: left out of spaCy")
                continue
            groups.setdefault(span.layer, []).append(piece)
            if span.layer == "entity":
                entities.append(piece)
        kept = filter_spans(entities)  # longest first, no overlaps: what doc.ents can hold
        for dropped in set(map(id, entities)) - set(map(id, kept)):
            piece = next(e for e in entities if id(e) == dropped)
            report.note(doc.doc_id, "", piece.text, "overlap: in spans['entity'] only, not in doc.ents")
        sdoc.ents = kept
        for layer, pieces in groups.items():
            sdoc.spans[layer] = pieces
        sdoc.user_data["doc_id"] = doc.doc_id
        if doc.annotator:
            sdoc.user_data["annotator"] = doc.annotator
        store.add(sdoc)
    store.to_disk(out)


def _words(text: str, tokens: list[tuple[int, int]]) -> tuple[list[str], list[bool], list[int]]:
    """spaCy words, trailing-space flags and start offsets that rebuild ``text`` exactly."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    at = 0
    for start, end in tokens:
        if start > at:  # white space before this token that no trailing space accounts for
            gap = text[at:start]
            if gap == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                if gap.startswith(" ") and words and not spaces[-1]:
                    spaces[-1], gap, at = True, gap[1:], at + 1
                words.append(gap)
                spaces.append(False)
                starts.append(at)
        words.append(text[start:end])
        spaces.append(False)
        starts.append(start)
        at = end
    if at < len(text):
        gap = text[at:]
        if gap == " " and words:
            spaces[-1] = True
        else:
            words.append(gap)
            spaces.append(False)
            starts.append(at)
    return words, spaces, starts
