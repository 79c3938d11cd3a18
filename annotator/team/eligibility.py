"""Whose work on which document counts when comparing or adjudicating.

One rule for agreement, the disagreement ranking and adjudication: an annotator counts on a
document they worked on (spans or a status) — only if they marked it done, when
``only_done`` — and the gold version is not an annotator unless it is named.
"""

from __future__ import annotations

from collections import defaultdict

from annotator.core.model import GOLD
from annotator.store.project import Project


def eligible_by_document(project: Project, annotators: list[str] | None = None,
                         only_done: bool = True) -> dict[str, list[str]]:
    """Document → the annotators whose work counts there, sorted (statuses read once)."""
    statuses = project.statuses()
    out: dict[str, set[str]] = defaultdict(set)
    for doc_id, annotator in project.work_keys():
        if annotators is None and annotator == GOLD:
            continue
        if annotators is not None and annotator not in annotators:
            continue
        if only_done and statuses.get((doc_id, annotator)) != "done":
            continue
        out[doc_id].add(annotator)
    return {doc_id: sorted(names) for doc_id, names in out.items()}
