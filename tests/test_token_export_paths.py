"""The CoNLL writer's fast path (untagged runs joined in C) against the general path through
tokenized(), which applies the policy: byte for byte, and the general path wherever a span
needs the policy."""

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Span
from annotator.formats import conll
from annotator.formats.export import ExportDoc, ExportOptions, plain_tokens, token_layers

_WORDS = ["قال", "الرئيس", "لتركيا", "د", "COP29", "4.2", "٣٫٥", "O'Neil", "«", "»", ".", "؟", "،", "😀", "é",
          "\u064B", "\u0600", "x"]
_GAPS = [" ", " ", "", "\n", "  ", "\u2028"]


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=25))
    text = "".join(w + g for w, g in pieces)
    layers = ["entity", "quote"]
    edges, at = [0], 0  # the words' edges: spans are mostly drawn on them, as annotators make them
    for w, g in pieces:
        edges += [at, at + len(w)]
        at += len(w) + len(g)
    offsets = st.one_of(st.sampled_from(edges), st.sampled_from(edges), st.integers(0, len(text)))
    spans = []
    for k, (a, b, layer, label) in enumerate(draw(st.lists(
            st.tuples(offsets, offsets, st.sampled_from(layers), st.sampled_from(["PER", "LOC"])), min_size=1, max_size=8))):
        if a < b:
            spans.append(Span(f"T{k}", "d", "a", layer, label, a, b, {}))
    others = draw(st.lists(st.tuples(offsets, offsets, st.sampled_from(layers)), max_size=3))
    all_edges = sorted({(s.start, s.end, s.layer) for s in spans} | {(a, b, l) for a, b, l in others if a < b})
    source = None
    if draw(st.booleans()):  # a stored tokenization, as a column-file import keeps
        from annotator.core.tokenize import sentences, tokenize
        source = sentences(text, tokenize(text))
        if source and draw(st.booleans()):
            source = source + [[]]
    return ExportDoc("d", text, {}, "a", spans, [], source, all_edges if draw(st.booleans()) else None)


@given(documents(), st.sampled_from(["iob2", "iob1", "bioes"]), st.sampled_from(["split", "expand", "drop"]),
       st.sampled_from(["entity", "quote"]), st.booleans())
@settings(max_examples=1500, deadline=None)
def test_the_fast_conll_path_writes_what_the_general_path_writes(doc, scheme, policy, layer, split_clitics):
    options = ExportOptions(layers=(layer,), scheme=scheme, policy=policy, split_clitics=split_clitics)
    general = conll.render_tokenized(doc, options, token_layers(options), None)
    assert conll.render(doc, options) == general
    if plain_tokens(doc, options, layer) is not None:
        assert general[1] == []  # the fast path is taken only where the export changes no span


def test_the_fast_path_is_taken_for_spans_on_token_edges_and_not_for_a_cut_word():
    text = "زار الرئيس لتركيا أمس. ثم عاد"
    on_edges = Span("T1", "d", "a", "entity", "PER", 4, 10, {})  # الرئيس
    inside = Span("T2", "d", "a", "entity", "LOC", 12, 17, {})  # تركيا inside لتركيا
    options = ExportOptions(layers=("entity",))
    plain = plain_tokens(ExportDoc("d", text, {}, "a", [on_edges], [], None, None), options, "entity")
    assert plain.forms == ["زار", "الرئيس", "لتركيا", "أمس", ".", "ثم", "عاد"]
    assert plain.sentence_ends == [5, 7] and plain.tags == {1: "B-PER"}
    cut = ExportDoc("d", text, {}, "a", [on_edges, inside], [], None, None)
    assert plain_tokens(cut, options, "entity") is None
    rendered, notes, _ = conll.render(cut, options)
    assert "ل _ _ O\nتركيا _ _ B-LOC\n" in rendered and [n.action for n in notes] == ["split"]
    # Another annotator's span edge inside a word cuts it for everyone: the general path too.
    other = ExportDoc("d", text, {}, "a", [on_edges], [], None, [(4, 10, "entity"), (12, 17, "entity")])
    assert plain_tokens(other, options, "entity") is None
    assert "ل _ _ O\nتركيا _ _ O\n" in conll.render(other, options)[0]
