"""From character spans to token tags and back.

Spans are the truth; token formats need a policy when a span edge falls inside a token
(تركيا inside لتركيا):

* ``split`` (default): cut the host token at the edge (ل | تركيا), so the span is exact;
* ``expand``: tag the whole host token (لتركيا), as Label Studio's converter and spaCy's
  ``alignment_mode="expand"`` do;
* ``drop``: leave the span out.

Every span the policy touched, and every span a tag sequence cannot hold (an overlap inside a
layer), is reported as an :class:`AlignmentNote`, so that an export says what it changed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from operator import itemgetter

from annotator.core.model import Span

Token = tuple[int, int]
_START, _END = itemgetter(0), itemgetter(1)
POLICIES = ("split", "expand", "drop")
SCHEMES = ("iob2", "iob1", "bioes")


@dataclass(frozen=True)
class AlignmentNote:
    doc_id: str
    span_id: str
    host: str  # the token text the span edge fell in (or the span text for overlaps)
    action: str  # "split", "expanded", "dropped", "overlap dropped"


def align(text: str, tokens: list[Token], spans: list[Span], policy: str, doc_id: str = ""
          ) -> tuple[list[Token], dict[str, tuple[int, int]], list[AlignmentNote]]:
    """Apply ``policy``: returns the (possibly cut) tokens, each kept span's token range
    (first, last + 1) by span id, and notes on what happened."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}")
    notes: list[AlignmentNote] = []
    if policy == "split":
        tokens = split_at_edges(text, tokens, spans, doc_id, notes)
    return tokens, token_ranges(text, tokens, spans, policy, doc_id, notes), notes


def split_at_edges(text: str, tokens: list[Token], spans: list[Span], doc_id: str = "",
                   notes: list[AlignmentNote] | None = None) -> list[Token]:
    """``tokens`` cut at every span edge that falls inside one (the ``split`` policy); each cut
    is noted in ``notes`` when given."""
    starts = list(map(_START, tokens))
    cuts: dict[int, set[int]] = {}
    for span in spans:
        for edge in (span.start, span.end):
            k = bisect.bisect_right(starts, edge) - 1  # the token strictly containing the edge, if any
            if k >= 0 and tokens[k][0] < edge < tokens[k][1]:
                cuts.setdefault(k, set()).add(edge)
                if notes is not None:
                    notes.append(AlignmentNote(doc_id, span.id, text[tokens[k][0]:tokens[k][1]], "split"))
    if not cuts:
        return tokens
    new_tokens: list[Token] = []
    for k, (a, b) in enumerate(tokens):
        for edge in sorted(cuts.get(k, ())):
            new_tokens.append((a, edge))
            a = edge
        new_tokens.append((a, b))
    return new_tokens


def token_ranges(text: str, tokens: list[Token], spans: list[Span], policy: str, doc_id: str = "",
                 notes: list[AlignmentNote] | None = None, bounds: tuple[list[int], list[int]] | None = None
                 ) -> dict[str, tuple[int, int]]:
    """Each kept span's token range (first, last + 1) by span id, under ``policy`` (after
    :func:`split_at_edges` for ``split``: every span is then exact or on no token). What the
    policy did is noted in ``notes`` when given. ``bounds``: the tokens' starts and ends, when
    the caller has them (the agreement report places several annotators' spans on one
    document's tokens)."""
    starts, ends = bounds if bounds is not None else (list(map(_START, tokens)), list(map(_END, tokens)))
    ranges: dict[str, tuple[int, int]] = {}
    for span in spans:
        first = bisect.bisect_right(ends, span.start)  # first token ending after the start
        last = bisect.bisect_left(starts, span.end)  # first token starting at/after the end
        if first >= last:
            if notes is not None:
                notes.append(AlignmentNote(doc_id, span.id, text[span.start:span.end], "dropped"))
            continue
        exact = tokens[first][0] == span.start and tokens[last - 1][1] == span.end
        if not exact:
            host = text[tokens[first][0]:tokens[last - 1][1]]
            if policy == "drop":
                if notes is not None:
                    notes.append(AlignmentNote(doc_id, span.id, host, "dropped"))
                continue
            if notes is not None:
                notes.append(AlignmentNote(doc_id, span.id, host, "expanded"))
        ranges[span.id] = (first, last)
    return ranges


def tag_layer(n_tokens: int, spans: list[Span], ranges: dict[str, tuple[int, int]], scheme: str,
              doc_id: str = "", text: str = "") -> tuple[list[str], list[AlignmentNote]]:
    """Tags of one layer for ``n_tokens`` tokens. Overlapping spans cannot share a tag
    sequence: the earlier (then longer) one is kept and the other reported."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}")
    chunks: list[tuple[int, int, str]] = []
    notes: list[AlignmentNote] = []
    taken_until = -1
    placed = sorted((ranges[s.id] + (s,) for s in spans if s.id in ranges), key=lambda r: (r[0], -r[1]))
    for first, last, span in placed:
        if first < taken_until:
            notes.append(AlignmentNote(doc_id, span.id, text[span.start:span.end], "overlap dropped"))
            continue
        chunks.append((first, last, span.label))
        taken_until = last
    tags = ["O"] * n_tokens
    previous_end, previous_label = -1, None
    for first, last, label in chunks:
        if scheme == "iob2":
            tags[first] = f"B-{label}"
            for k in range(first + 1, last):
                tags[k] = f"I-{label}"
        elif scheme == "iob1":
            adjacent_same = previous_end == first and previous_label == label
            tags[first] = f"{'B' if adjacent_same else 'I'}-{label}"
            for k in range(first + 1, last):
                tags[k] = f"I-{label}"
        else:  # bioes
            if last - first == 1:
                tags[first] = f"S-{label}"
            else:
                tags[first] = f"B-{label}"
                for k in range(first + 1, last - 1):
                    tags[k] = f"I-{label}"
                tags[last - 1] = f"E-{label}"
        previous_end, previous_label = last, label
    return tags, notes


def decode_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """Chunks (first token, last token + 1, label) from IOB1, IOB2, BIOES or BILOU tags.

    Lenient the way conlleval is: an I- after O or after another type starts a chunk (that is
    how IOB1 writes every chunk start).
    """
    chunks: list[tuple[int, int, str]] = []
    current: list | None = None
    for k, tag in enumerate(tags):
        if tag in ("O", "_", "") or "-" not in tag:
            current = None
            continue
        prefix, label = tag.split("-", 1)
        prefix = prefix.upper()
        continues = current is not None and current[2] == label and prefix in ("I", "E", "L")
        if continues:
            current[1] = k + 1
        else:
            current = [k, k + 1, label]
            chunks.append(current)
        if prefix in ("E", "L", "S", "U"):
            current = None
    return [tuple(c) for c in chunks]
