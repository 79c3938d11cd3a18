"""Suggestions: producing them (rules, an entity dictionary, all occurrences of a string) and
accepting or rejecting them as undoable commands.

A suggestion never overwrites or duplicates a human span: accepting one adds a span to the
annotator's own work only if they have no identical span, and the schema's overlap rules still
apply; its links are added once both ends are accepted.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from annotator.attribution.detector import detect
from annotator.commands import Command
from annotator.core.model import Relation, Span, ValidationError
from annotator.core.search import fold
from annotator.store.project import Project

RULES = "rules"
DICTIONARY = "dictionary"
OCCURRENCES = "occurrences"
# و ف ب ل ك and their pairs (وب، ول، فل ...), before a name: لتركيا، وبيروت، بالرباط.
_CLITICS = r"(?:[وف]?[بلك]?|[وف])"


def suggest_attribution(project: Project, doc_ids: list[str]) -> int:
    """Run the attribution detector on documents and store its suggestions (source "rules")."""
    return sum(store_attribution(project, doc_id, *detect(project.text(doc_id), doc_id)) for doc_id in doc_ids)


def store_attribution(project: Project, doc_id: str, spans: list[Span], relations: list[Relation]) -> int:
    """Store what the detector found in a document as suggestions of the rules: how many are
    new (the window runs the detector on a long document in a thread, then stores here)."""
    return project.add_suggestions(doc_id, spans, relations, RULES)


def entity_dictionary(project: Project) -> dict[str, str]:
    """Folded surface form → the label the project's annotators give it most often."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for doc_id in project.document_ids():
        text = project.text(doc_id)
        for span in project.spans(doc_id):
            if span.layer == "entity":
                form = fold(text[span.start:span.end])[0].strip()
                if len(form) >= 2:
                    votes[form][span.label] += 1
    return {form: counter.most_common(1)[0][0] for form, counter in votes.items()}


def find_occurrences(text: str, surface: str, folded_text: tuple | None = None) -> list[tuple[int, int]]:
    """Where ``surface`` stands in ``text`` as a word, perhaps after a clitic (لتركيا), with
    harakat and tatweel ignored; offsets cover the name only, not the clitic. ``folded_text``
    is ``fold(text)`` when the caller has it (folding a 5 MB text once per name took most of
    the time of a dictionary's suggestions)."""
    folded, where = fold(text) if folded_text is None else folded_text
    needle = fold(surface)[0].strip()
    if not needle:
        return []
    pattern = regex.compile(r"(?<![\p{L}\p{M}\d])" + _CLITICS + "(" + regex.escape(needle) + r")(?![\p{L}\p{M}\d])")
    return [_on_text(text, where, *match.span(1)) for match in pattern.finditer(folded)]


def suggest_entities(project: Project, doc_ids: list[str], dictionary: dict[str, str] | None = None) -> int:
    """Suggest entities wherever a name the project has labelled occurs (source "dictionary")."""
    index = NameIndex(entity_dictionary(project) if dictionary is None else dictionary)
    added = 0
    for doc_id in doc_ids:
        spans = dictionary_spans(project.text(doc_id), doc_id, DICTIONARY, index)
        added += project.add_suggestions(doc_id, spans, [], DICTIONARY)
    return added


def dictionary_spans(text: str, doc_id: str, annotator: str, dictionary: dict[str, str] | NameIndex,
                     first_id: int = 0) -> list[Span]:
    """An entity span wherever a name of ``dictionary`` (name → label; or its NameIndex, made
    once for many documents) stands in ``text`` as :func:`find_occurrences` finds it; where two
    overlap (زكي inside زكي أكتورك) the longer one."""
    index = dictionary if isinstance(dictionary, NameIndex) else NameIndex(dictionary)
    folded_text = fold(text)
    spans = [Span(f"d{n}", doc_id, annotator, "entity", label, start, end, {})
             for n, (start, end, label) in enumerate(index.occurrences(text, folded_text))]
    kept = _outermost(spans)
    for n, span in enumerate(kept):
        span.id = f"D{first_id + n}"
    return kept


_WORD_RUN = regex.compile(r"[\p{L}\p{M}\d]+")
# The clitics of _CLITICS, in the order its pattern tries them (the first that lets the name
# match is the one it takes).
_CLITIC_ORDER = [a + b for a in ("و", "ف") for b in ("ب", "ل", "ك")] + ["و", "ف", "ب", "ل", "ك", ""]


class NameIndex:
    """An entity dictionary's names by their first word, so that a document is read once for
    all of them: searched one pattern per name, a project of 45,000 names took two minutes for
    a 5 MB document, and every document of a corpus was read once per name. A name that does
    not begin with a letter, a mark or a digit ("(IDEF") is searched on its own, as before."""

    def __init__(self, dictionary: dict[str, str]):
        self.by_first_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.others: list[tuple[str, str]] = []  # (surface, label): searched one by one
        for form, label in dictionary.items():
            name = fold(form)[0].strip()
            if not name:
                continue
            first = _WORD_RUN.match(name)
            if first is None:
                self.others.append((form, label))
            else:
                self.by_first_word[first.group()].append((name, label))

    def occurrences(self, text: str, folded_text: tuple) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of every occurrence in ``text`` (``folded_text``: its fold())."""
        folded, where = folded_text
        size = len(folded)
        last_end: dict[str, int] = {}  # (a name's matches do not overlap: finditer's)
        by_first_word = self.by_first_word
        for run in _WORD_RUN.finditer(folded):
            begin, finish = run.span()
            for clitic in _CLITIC_ORDER:
                if not folded.startswith(clitic, begin) or begin + len(clitic) >= finish:
                    continue
                at = begin + len(clitic)
                for name, label in by_first_word.get(folded[at:finish], ()):
                    end = at + len(name)
                    if last_end.get(name, 0) > begin or not folded.startswith(name, at) \
                            or end < size and _WORD_RUN.match(folded, end, end + 1):
                        continue
                    last_end[name] = end
                    yield _on_text(text, where, at, end) + (label,)
        for form, label in self.others:
            for start, end in find_occurrences(text, form, folded_text):
                yield start, end, label


def _on_text(text: str, where, start: int, end: int) -> tuple[int, int]:
    """A match of the folded text on the text, with the harakat of its last letter."""
    start, end = where[start], where[end - 1] + 1
    while end < len(text) and not fold(text[end])[0]:
        end += 1
    return start, end


def suggest_occurrences(project: Project, doc_id: str, span: Span) -> int:
    """"Mark all occurrences": the selected span's text elsewhere in its document, same label."""
    text = project.text(doc_id)
    found = [Span(f"o{n}", doc_id, OCCURRENCES, span.layer, span.label, a, b, {})
             for n, (a, b) in enumerate(find_occurrences(text, text[span.start:span.end]))
             if (a, b) != (span.start, span.end)]
    return project.add_suggestions(doc_id, found, [], OCCURRENCES)


def _outermost(spans: list[Span]) -> list[Span]:
    """Of dictionary matches that overlap (زكي inside زكي أكتورك), keep the longest."""
    kept: list[Span] = []
    starts: list[int] = []  # of the kept spans, which never overlap: their ends are in the same order
    ends: list[int] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        k = bisect.bisect_left(starts, span.end)  # the kept spans that start before this one ends
        if k and ends[k - 1] > span.start:
            continue  # (the one of them that starts last ends last: it alone can overlap)
        starts.insert(k, span.start)
        ends.insert(k, span.end)
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


class AcceptSuggestion(Command):
    """A suggestion becomes the annotator's own span; its links follow once both ends are theirs."""

    text = "Accept suggestion"

    def __init__(self, doc_id: str, annotator: str, pk: int):
        self.doc_id, self.annotator, self.pk = doc_id, annotator, pk
        self.span: Span | None = None
        self.relations: list[Relation] = []

    def do(self, project: Project) -> None:
        suggested = project.suggestion(self.pk)
        key = (suggested.layer, suggested.label, suggested.start, suggested.end)
        mine = {(s.layer, s.label, s.start, s.end): s for s in project.spans(self.doc_id, self.annotator)}
        with project.transaction(document=self.doc_id):
            if key in mine:
                raise ValidationError(["this annotator already has that span"])
            self.span = project.add_span(Span(self.span.id if self.span else "", self.doc_id, self.annotator,
                                              suggested.layer, suggested.label, suggested.start, suggested.end,
                                              dict(suggested.attrs)))
            project.decide_suggestion(self.pk, self.annotator, "accepted")
            self.relations = []
            for from_pk, to_pk, label in project.suggestion_links(self.doc_id):
                if self.pk not in (from_pk, to_pk):
                    continue
                other_pk = to_pk if from_pk == self.pk else from_pk
                if project.suggestion_decision(other_pk, self.annotator) != "accepted":
                    continue
                other = project.suggestion(other_pk)
                mine = {(s.layer, s.label, s.start, s.end): s for s in project.spans(self.doc_id, self.annotator)}
                partner = mine.get((other.layer, other.label, other.start, other.end))
                if partner is None:
                    continue
                ends = (self.span.id, partner.id) if from_pk == self.pk else (partner.id, self.span.id)
                self.relations.append(project.add_relation(Relation("", self.doc_id, self.annotator, label, *ends)))

    def undo(self, project: Project) -> None:
        with project.transaction(document=self.doc_id):
            project.delete_span(self.doc_id, self.annotator, self.span.id)  # its relations go with it
            project.decide_suggestion(self.pk, self.annotator, None)


class RejectSuggestion(Command):
    text = "Reject suggestion"

    def __init__(self, doc_id: str, annotator: str, pk: int):
        self.doc_id, self.annotator, self.pk = doc_id, annotator, pk

    def do(self, project: Project) -> None:
        project.decide_suggestion(self.pk, self.annotator, "rejected")

    def undo(self, project: Project) -> None:
        project.decide_suggestion(self.pk, self.annotator, None)


class AcceptAllSuggestions(Command):
    """Every pending suggestion of a document; those the schema refuses (an overlap with a span
    already there) are left pending and counted in ``skipped``."""

    text = "Accept all suggestions"

    def __init__(self, doc_id: str, annotator: str):
        self.doc_id, self.annotator = doc_id, annotator
        self.done: list[AcceptSuggestion] = []
        self.skipped = 0
        self._ran = False

    def do(self, project: Project) -> None:
        if self._ran:
            # A redo accepts the same suggestions as the same spans and links: the commands
            # after this one on the undo stack name them by id (accepted afresh, each got a new
            # id, and redoing a later resize or removal of one of them failed or missed it).
            with project.transaction(document=self.doc_id):
                for command in self.done:
                    command.do(project)
            return
        self.done, self.skipped = [], 0
        with project.transaction(document=self.doc_id):
            for suggestion in project.pending_suggestions(self.doc_id, self.annotator):
                command = AcceptSuggestion(self.doc_id, self.annotator, int(suggestion.id[1:]))
                try:
                    command.do(project)
                except ValidationError:
                    self.skipped += 1
                    continue
                self.done.append(command)
        self._ran = True  # (not if the transaction failed: nothing of it was kept)

    def undo(self, project: Project) -> None:
        with project.transaction(document=self.doc_id):
            for command in reversed(self.done):
                command.undo(project)
