"""Agreement measures against the published worked examples (reference §4.5, E1–E11)."""

import pytest

from annotator.core.agreement import (
    _distance,
    alpha_u,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    match_spans,
    span_f1,
)
from annotator.core.tagging import decode_tags


def pairs_from(spec):
    return [pair for pair, count in spec for _ in range(count)]


def table_pairs(table, labels):
    return [(labels[i], labels[j]) for i, row in enumerate(table) for j, count in enumerate(row) for _ in range(count)]


@pytest.mark.parametrize("name, pairs, expected", [
    ("E1 Artstein & Poesio ex. 1", pairs_from([(("STAT", "STAT"), 20), (("IReq", "STAT"), 20), (("STAT", "IReq"), 10),
                                               (("IReq", "IReq"), 50)]), 0.348),
    ("E2 Artstein & Poesio ex. 2", pairs_from([(("STAT", "STAT"), 46), (("IReq", "STAT"), 6), (("IReq", "IReq"), 32),
                                               (("IReq", "Chck"), 6), (("Chck", "Chck"), 10)]), 0.801),
    ("E3 Cohen 1960", table_pairs([[88, 14, 18], [10, 40, 10], [2, 6, 12]], "abc"), 0.492),
    ("E8 GATE", table_pairs([[1, 2], [3, 4]], "xy"), -0.087),
])
def test_cohen_kappa_oracles(name, pairs, expected):
    assert cohen_kappa(pairs).value == pytest.approx(expected, abs=0.0005), name


E4 = """444444 222555 233335 555555 222444 113333 333355 113334 114444 555555
144444 124444 222333 144444 224445 333335 111455 111112 224444 133555
555555 244444 224555 114444 144445 222224 111155 224444 133333 555555""".split()


def test_fleiss_kappa_oracle_e4():
    assert fleiss_kappa([list(item) for item in E4]).value == pytest.approx(0.430, abs=0.0005)


def test_fleiss_equals_cohen_style_inputs_need_equal_raters():
    assert not fleiss_kappa([["a", "b"], ["a"]]).defined


def test_krippendorff_nominal_oracle_e5_and_not_the_interval_default():
    n = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
            [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
    score = krippendorff_alpha_nominal(data)
    assert score.value == pytest.approx(0.743, abs=0.0005)
    assert score.value != pytest.approx(0.849, abs=0.01)  # what the library's interval default gives


def test_e6_digitised_unitizing_as_token_kappa():
    r1 = [int(c) for c in "001111111100001111110000"]
    r2 = [int(c) for c in "000011110000000110000000"]
    assert cohen_kappa(list(zip(r1, r2))).value == pytest.approx(0.385, abs=0.0005)
    assert krippendorff_alpha_nominal([r1, r2]).value == pytest.approx(0.329, abs=0.0005)


def test_alpha_u_oracle_e7():
    rater0 = [("c", 225, 70), ("c", 370, 30), ("k", 180, 60), ("k", 300, 50)]
    rater1 = [("c", 220, 80), ("c", 355, 20), ("c", 400, 20), ("k", 180, 60), ("k", 300, 50)]
    overall, per_category = alpha_u(150, 300, [rater0, rater1])
    assert overall.value == pytest.approx(0.8591, abs=0.0005)
    assert per_category["c"].value == pytest.approx(0.7286, abs=0.0005)
    assert per_category["c"].counts["d_o"] == pytest.approx(0.0144, abs=0.00005)
    assert per_category["c"].counts["d_e"] == pytest.approx(0.0532, abs=0.00005)
    assert per_category["k"].value == pytest.approx(1.0)
    assert per_category["k"].counts["d_e"] == pytest.approx(0.0490, abs=0.00005)
    assert _distance((225, 70, True), (220, 80, True)) == 50
    assert _distance((370, 30, True), (355, 20, True)) == 850
    assert _distance((400, 50, False), (400, 20, True)) == 400


def chunks(sentences):
    out, offset = [], 0
    for sentence in sentences:
        out += [(offset + a, offset + b, label) for a, b, label in decode_tags(sentence)]
        offset += len(sentence)
    return out


def test_e9_exact_and_overlap_span_f1():
    true = [["O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG"], ["O", "B-LOC", "B-PER", "I-PER", "O", "O", "B-DATE"]]
    pred = [["O", "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG"], ["O", "B-LOC", "I-LOC", "B-PER", "O", "O", "B-DATE"]]
    a, b = chunks(true), chunks(pred)
    exact = span_f1(len(match_spans(a, b, "exact")), len(a), len(b))
    overlap = span_f1(len(match_spans(a, b, "overlap")), len(a), len(b))
    assert exact.value == pytest.approx(0.40)
    assert overlap.value == pytest.approx(1.00)
    flat_true, flat_pred = sum(true, []), sum(pred, [])
    assert cohen_kappa(list(zip(flat_true, flat_pred))).value == pytest.approx(0.5482, abs=0.0005)
    assert krippendorff_alpha_nominal([flat_true, flat_pred]).value == pytest.approx(0.5619, abs=0.0005)
    io = [[t.replace("B-", "I-") for t in seq] for seq in (flat_true, flat_pred)]
    assert cohen_kappa(list(zip(*io))).value == pytest.approx(0.7134, abs=0.0005)


def test_e10_one_label_everywhere_is_undefined_with_a_reason():
    for score in (cohen_kappa([("O", "O"), ("O", "O")]), fleiss_kappa([["O", "O"], ["O", "O"]]),
                  krippendorff_alpha_nominal([["O", "O"], ["O", "O"]])):
        assert score.value is None and "one category" in score.reason
    assert not span_f1(0, 0, 0).defined


def test_e11_small_sample_negative_alpha():
    assert krippendorff_alpha_nominal([["A", "B"], ["B", "A"]]).value == pytest.approx(-0.5)


def test_overlap_matching_is_one_to_one_by_largest_overlap():
    a = [(0, 10, "X")]
    b = [(0, 3, "X"), (2, 10, "X")]
    assert match_spans(a, b, "overlap") == [(0, 1)]
    assert match_spans(a, [(0, 10, "Y")], "overlap") == []


def test_weighted_pattern_alpha_equals_the_krippendorff_package():
    import random
    from collections import Counter

    import numpy as np
    import krippendorff

    from annotator.core.agreement import _alpha_from_patterns

    rng = random.Random(5)
    for _ in range(20):
        raters, units = rng.randint(2, 4), rng.randint(5, 300)
        data = [[rng.choice(["O", "B-PER", "I-PER", "B-LOC", None]) for _ in range(units)] for _ in range(raters)]
        values = sorted({v for row in data for v in row if v is not None})
        index = {v: k for k, v in enumerate(values)}
        matrix = np.array([[np.nan if v is None else index[v] for v in row] for row in data], dtype=float)
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal",
                                      value_domain=list(range(len(values))))
        assert _alpha_from_patterns(Counter(zip(*data)), values) == pytest.approx(expected, abs=1e-9)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _documents(draw):
    """Documents of random length, each with three raters' non-overlapping units of two categories."""
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        length = draw(st.integers(1, 40))
        raters = []
        for _r in range(3):
            units = []
            for category in ("A", "B"):
                at = 0
                while at < length and draw(st.booleans()):
                    begin = draw(st.integers(at, length - 1))
                    end = draw(st.integers(begin + 1, length))
                    units.append((category, begin, end - begin))
                    at = end
            raters.append(units)
        docs.append((length, raters))
    return docs


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_alpha_u_document_by_document_equals_the_concatenated_continuum(docs):
    from annotator.core.agreement import UnitizingAccumulator

    accumulator = UnitizingAccumulator(3)
    offset, concatenated = 0, [[], [], []]
    for length, raters in docs:
        accumulator.add(length, raters)
        for r, units in enumerate(raters):
            concatenated[r] += [(c, offset + b, l) for c, b, l in units]
        offset += length
    streamed, streamed_labels = accumulator.result()
    whole, whole_labels = alpha_u(0, offset, concatenated)
    assert (streamed.value is None) == (whole.value is None)
    if whole.value is not None:
        assert streamed.value == pytest.approx(whole.value, abs=1e-9)
    assert streamed_labels.keys() == whole_labels.keys()
    for label, score in whole_labels.items():
        assert (streamed_labels[label].value is None) == (score.value is None)
        if score.value is not None:
            assert streamed_labels[label].value == pytest.approx(score.value, abs=1e-9)


@st.composite
def _two_raters(draw):
    """Two raters' units of one category on a short continuum: in order, never overlapping
    within a rater, touching or not, long or short."""
    length = draw(st.integers(1, 50))
    raters = []
    for _r in range(2):
        units, at = [], 0
        while at < length and draw(st.booleans()):
            begin = draw(st.integers(at, length - 1))
            end = draw(st.integers(begin + 1, length))
            units.append((begin, end - begin))
            at = end
        raters.append(units)
    return length, raters


@settings(max_examples=300, deadline=None)
@given(_two_raters())
def test_alpha_u_disagreement_from_units_alone_equals_the_walk_over_every_segment(drawn):
    """The report's α_U sums the observed disagreement from the units alone; the definition
    walks every pair of segments, gaps included (Krippendorff 2004, checked against E7 above)."""
    from annotator.core.agreement import _observed_total, _segments, units_disagreement

    length, (first, second) = drawn
    walked = _observed_total([_segments(0, length, first), _segments(0, length, second)])
    assert units_disagreement(first, second) == walked
    assert units_disagreement(second, first) == walked


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 30), st.sampled_from("AB")), max_size=10),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 30), st.sampled_from("AB")), max_size=10))
def test_overlap_matching_finds_what_trying_every_pair_finds(a, b):
    """Overlap matching looks only at the spans that can meet each span (long ones reaching
    over short ones included); it matches as trying every pair of the same label does."""
    a = [(s, s + n, label) for s, n, label in a]
    b = [(s, s + n, label) for s, n, label in b]
    candidates = sorted((-(min(e, e2) - max(s, s2)), min(s, s2), s, s2, i, k)
                        for i, (s, e, la) in enumerate(a) for k, (s2, e2, lb) in enumerate(b)
                        if la == lb and min(e, e2) > max(s, s2))
    used_a, used_b, expected = set(), set(), []
    for *_, i, k in candidates:
        if i not in used_a and k not in used_b:
            used_a.add(i)
            used_b.add(k)
            expected.append((i, k))
    assert match_spans(a, b, "overlap") == expected
