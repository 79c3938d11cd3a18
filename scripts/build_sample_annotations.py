"""Build resources/sample/annotations.jsonl from the sample texts and the spans below.

Spans are written as context strings with the span in [brackets], so that offsets are found,
not typed: "ل[تركيا]" marks تركيا inside لتركيا. Each entry:
    (key, layer, label, context, nth occurrence of the context (1-based), attrs)
Two annotators: amal (the reference) and karim, whose edits are honest disagreements of the
kind real annotators have (clitics inside or outside, quote marks inside or outside, a missed
entity, another label, another quote type).

Run from the repository root:  python scripts/build_sample_annotations.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "resources" / "sample" / "texts"
OUT = ROOT / "resources" / "sample" / "annotations.jsonl"

E, Q, S, C = "entity", "quote", "speaker", "cue"
D, I, M = {"type": "direct"}, {"type": "indirect"}, {"type": "mixed"}

AMAL = {
    "ar-01-defence-fair": [
        ("e1", E, "GPE", "[تركيا] تعرض", 1, {}),
        ("e2", E, "MISC", "[IDEF 2025]", 1, {}),
        ("e3", E, "GPE", "[إسطنبول] –", 1, {}),
        ("e4", E, "ORG", "[شركة الأناضول للصناعات الدفاعية]", 1, {}),
        ("e5", E, "MISC", "[IDEF 2025]", 2, {}),
        ("e6", E, "GPE", "في [إسطنبول]", 1, {}),
        ("e7", E, "PER", "[زكي أكتورك]", 1, {}),
        ("e8", E, "GPE", "ل[تركيا]", 1, {}),
        ("e9", E, "PER", "وأضاف [أكتورك]", 1, {}),
        ("e10", E, "LOC", "[أفريقيا]", 1, {}),
        ("e11", E, "LOC", "و[آسيا]", 1, {}),
        ("c1", C, "CUE", "[وقال]", 1, {}),
        ("s1", S, "SPEAKER", "[المتحدث باسم الشركة زكي أكتورك]", 1, {"name": "زكي أكتورك"}),
        ("q1", Q, "QUOTE", "«[صمّمنا هذه الطائرات لتركيا أولاً، ثم للتصدير]»", 1, D),
        ("c2", C, "CUE", "[وأضاف]", 1, {}),
        ("s2", S, "SPEAKER", "وأضاف [أكتورك]", 1, {"name": "زكي أكتورك"}),
        ("q2", Q, "QUOTE", "أن [الشركة تلقت طلبات من 12 دولة، بينها دول في أفريقيا وآسيا]", 1, I),
        ("q3", Q, "QUOTE", "[ويشارك في المعرض أكثر من 1200 شركة من 44 دولة]", 1, I),
        ("c3", C, "CUE", "[بحسب]", 1, {}),
        ("s3", S, "SPEAKER", "بحسب [المنظمين]", 1, {}),
    ],
    "ar-02-budget": [
        ("e1", E, "GPE", "[الرباط] –", 1, {}),
        ("e2", E, "PER", "[ليلى منصور]", 1, {}),
        ("e3", E, "PER", "وأوضحت [منصور]", 1, {}),
        ("e4", E, "GPE", "ب[الرباط]", 1, {}),
        ("e5", E, "ORG", "[البنك المركزي]", 1, {}),
        ("c1", C, "CUE", "[أعلنت]", 1, {}),
        ("s1", S, "SPEAKER", "[وزيرة المالية ليلى منصور]", 1, {"name": "ليلى منصور"}),
        ("q1", Q, "QUOTE", "أن [عجز الميزانية سينخفض إلى 4.2% من الناتج المحلي الإجمالي في عام 2026]", 1, I),
        ("c2", C, "CUE", "[وأوضحت]", 1, {}),
        ("s2", S, "SPEAKER", "وأوضحت [منصور]", 1, {"name": "ليلى منصور"}),
        ("q2", Q, "QUOTE", '"[لن نرفع الضرائب على الأسر، بل سنوسّع القاعدة الضريبية]"', 1, D),
        ("c3", C, "CUE", "[أشار]", 1, {}),
        ("s3", S, "SPEAKER", "[البنك المركزي]", 1, {}),
        ("q3", Q, "QUOTE", "أن [التضخم تراجع إلى 2.1% في أكتوبر]", 1, I),
    ],
    "ar-03-climate": [
        ("e1", E, "GPE", "[باكو] –", 1, {}),
        ("e2", E, "MISC", "[COP29]", 1, {}),
        ("e3", E, "GPE", "في [باكو] إلى", 1, {}),
        ("e4", E, "PER", "[أمينة واكيلي]", 1, {}),
        ("e5", E, "PER", "[كارلوس ميندز]", 1, {}),
        ("q1", Q, "QUOTE", "«[الوقت ينفد]»", 1, D),
        ("c1", C, "CUE", "[قالت]", 1, {}),
        ("s1", S, "SPEAKER", "[المفاوضة الكينية أمينة واكيلي]", 1, {"name": "أمينة واكيلي"}),
        ("q2", Q, "QUOTE", "«[ولا يمكن أن ننتظر مؤتمراً آخر]»", 1, D),
        ("c2", C, "CUE", "[وشدد]", 1, {}),
        ("s2", S, "SPEAKER", "[وزير البيئة البرازيلي كارلوس ميندز]", 1, {"name": "كارلوس ميندز"}),
        ("q3", Q, "QUOTE", 'أن "[الدول الغنية يجب أن تفي بوعودها أولاً]"', 1, M),
    ],
    "ar-04-football": [
        ("e1", E, "ORG", "[المنتخب المغربي] يتأهل", 1, {}),
        ("e2", E, "MISC", "[كأس أفريقيا]", 1, {}),
        ("e3", E, "GPE", "[أبيدجان]", 1, {}),
        ("e4", E, "ORG", "تأهل [المنتخب المغربي]", 1, {}),
        ("e5", E, "MISC", "[كأس أفريقيا]", 2, {}),
        ("e6", E, "GPE", "[نيجيريا]", 1, {}),
        ("e7", E, "PER", "[سمير الإدريسي]", 1, {}),
        ("e8", E, "PER", "[يوسف بنعلي]", 1, {}),
        ("e9", E, "GPE", "[الرباط] و", 1, {}),
        ("e10", E, "GPE", "و[الدار البيضاء]", 1, {}),
        ("c1", C, "CUE", "[فقال]", 1, {}),
        ("s1", S, "SPEAKER", "[المدرب سمير الإدريسي]", 1, {"name": "سمير الإدريسي"}),
        ("q1", Q, "QUOTE", "«[اللاعبون قدّموا كل ما لديهم، والجمهور كان لاعبنا الثاني]»", 1, D),
        ("c2", C, "CUE", "[فأكد]", 1, {}),
        ("s2", S, "SPEAKER", "[قائد الفريق يوسف بنعلي]", 1, {"name": "يوسف بنعلي"}),
        ("q2", Q, "QUOTE", 'أن [الفريق "جاهز للنهائي" وأنه يهدي الفوز لجماهير الرباط والدار البيضاء]', 1, M),
    ],
    "ar-05-health": [
        ("e1", E, "ORG", "[منظمة الصحة العالمية] تحذّر", 1, {}),
        ("e2", E, "GPE", "[جنيف]", 1, {}),
        ("e3", E, "ORG", "حذّرت [منظمة الصحة العالمية]", 1, {}),
        ("e4", E, "PER", "[سارة بنّاني]", 1, {}),
        ("e5", E, "ORG", "ل[وزارة الصحة اللبنانية]", 1, {}),
        ("e6", E, "GPE", "[بيروت]", 1, {}),
        ("c1", C, "CUE", "[وقالت]", 1, {}),
        ("s1", S, "SPEAKER", "[المتحدثة باسم المنظمة د. سارة بنّاني]", 1, {"name": "سارة بنّاني"}),
        ("q1", Q, "QUOTE", 'إن "[اللقاحات متوفرة ويجب أن تُعطى أولاً لكبار السن]"', 1, M),
        ("c2", C, "CUE", "[ووفقًا]", 1, {}),
        ("s2", S, "SPEAKER", "ل[وزارة الصحة اللبنانية]", 1, {}),
        ("q2", Q, "QUOTE", "[سُجّلت 340 حالة في بيروت خلال أسبوع واحد]", 1, I),
    ],
    "ar-06-startup": [
        ("e1", E, "GPE", "[عمّان]", 1, {}),
        ("e2", E, "ORG", '"[ضاد للتقنيات]"', 1, {}),
        ("e3", E, "ORG", "[Sequoia Capital]", 1, {}),
        ("e4", E, "PER", "[رامي العطار]", 1, {}),
        ("e5", E, "PER", "وكشف [العطار]", 1, {}),
        ("e6", E, "GPE", "[دبي]", 1, {}),
        ("c1", C, "CUE", "[أعلنت]", 1, {}),
        ("s1", S, "SPEAKER", '[شركة "ضاد للتقنيات" الأردنية]', 1, {"name": "ضاد للتقنيات"}),
        ("q1", Q, "QUOTE", "أنها [جمعت 15 مليون دولار في جولة تمويل قادتها Sequoia Capital]", 1, I),
        ("c2", C, "CUE", "[وصرّح]", 1, {}),
        ("s2", S, "SPEAKER", "[المدير التنفيذي للشركة رامي العطار]", 1, {"name": "رامي العطار"}),
        ("q2", Q, "QUOTE", "«[نماذجنا تفهم اللهجات العربية، لا الفصحى فقط]»", 1, D),
        ("c3", C, "CUE", "[وكشف]", 1, {}),
        ("s3", S, "SPEAKER", "وكشف [العطار]", 1, {"name": "رامي العطار"}),
        ("q3", Q, "QUOTE", "أن [الشركة ستفتح مكتباً في دبي مطلع 2026]", 1, I),
    ],
    "ar-07-parliament": [
        ("e1", E, "GPE", "[بغداد]", 1, {}),
        ("e2", E, "ORG", "[مجلس النواب العراقي]", 1, {}),
        ("e3", E, "PER", "[حسن الجبوري]", 1, {}),
        ("e4", E, "PER", "[نور الهاشمي]", 1, {}),
        ("c1", C, "CUE", "[وقال]", 1, {}),
        ("s1", S, "SPEAKER", "[رئيس اللجنة المالية النائب حسن الجبوري]", 1, {"name": "حسن الجبوري"}),
        ("q1", Q, "QUOTE", "«[الموازنة تضمن رواتب الموظفين حتى نهاية العام]»", 1, D),
        ("c2", C, "CUE", "[مضيفاً]", 1, {}),
        ("q2", Q, "QUOTE", "أن [الحكومة ستقدّم ملحقاً في الربيع]", 1, I),
        ("c3", C, "CUE", "[رأت]", 1, {}),
        ("s2", S, "SPEAKER", "[النائبة نور الهاشمي]", 1, {"name": "نور الهاشمي"}),
        ("q3", Q, "QUOTE", 'أن [القانون "يتجاهل المحافظات الجنوبية"]', 1, M),
    ],
    "ar-08-book-fair": [
        ("e1", E, "MISC", "[معرض الرياض للكتاب]", 1, {}),
        ("e2", E, "GPE", "[الرياض] –", 1, {}),
        ("e3", E, "MISC", "[معرض الرياض الدولي للكتاب]", 1, {}),
        ("e4", E, "ORG", "[هيئة الأدب والنشر والترجمة]", 1, {}),
        ("e5", E, "PER", "[هالة يوسف]", 1, {}),
        ("c1", C, "CUE", "[أعلنته]", 1, {}),
        ("s1", S, "SPEAKER", "أعلنته [هيئة الأدب والنشر والترجمة]", 1, {}),
        ("q1", Q, "QUOTE", "[استقبل معرض الرياض الدولي للكتاب أكثر من مليون زائر خلال عشرة أيام]", 1, I),
        ("c2", C, "CUE", "[وقالت]", 1, {}),
        ("s2", S, "SPEAKER", "[الروائية الفلسطينية هالة يوسف]", 1, {"name": "هالة يوسف"}),
        ("q2", Q, "QUOTE", "«[القارئ العربي لم يختفِ، بل تغيّرت عاداته]»", 1, D),
        ("c3", C, "CUE", "[وأضافت]", 1, {}),
        ("q3", Q, "QUOTE", "«[نصف زوار جناحي كانوا دون الثلاثين]»", 1, D),
        ("c4", C, "CUE", "[وأشار]", 1, {}),
        ("s3", S, "SPEAKER", "[مدير المعرض]", 1, {}),
        ("q4", Q, "QUOTE", "أن [مبيعات الكتب الإلكترونية ارتفعت بنسبة 40%]", 1, I),
    ],
    "ar-09-weather": [
        ("e1", E, "GPE", "[لبنان] و", 1, {}),
        ("e2", E, "GPE", "و[سوريا]", 1, {}),
        ("e3", E, "GPE", "[بيروت]", 1, {}),
        ("e4", E, "ORG", "[مصلحة الأرصاد الجوية]", 1, {}),
        ("e5", E, "GPE", "[لبنان] و", 2, {}),
        ("e6", E, "GPE", "و[سوريا]", 2, {}),
    ],
    "en-01-solar": [
        ("e1", E, "GPE", "[Morocco] to", 1, {}),
        ("e2", E, "GPE", "[RABAT]", 1, {}),
        ("e3", E, "GPE", "– [Morocco]", 1, {}),
        ("e4", E, "PER", "[Karim Alaoui]", 1, {}),
        ("e5", E, "PER", "[Alaoui] told", 1, {}),
        ("e6", E, "GPE", "[Rabat]", 1, {}),
        ("e7", E, "LOC", "[Noor Ouarzazate]", 1, {}),
        ("q1", Q, "QUOTE", "– [Morocco will double its installed solar capacity by 2030]", 1, I),
        ("s1", S, "SPEAKER", "[Energy Minister Karim Alaoui]", 1, {"name": "Karim Alaoui"}),
        ("c1", C, "CUE", "Alaoui [said]", 1, {}),
        ("q2", Q, "QUOTE", '"[We are no longer asking whether renewables pay off,]"', 1, D),
        ("c2", C, "CUE", "[told]", 1, {}),
        ("s2", S, "SPEAKER", "[Alaoui] told", 1, {"name": "Karim Alaoui"}),
        ("q3", Q, "QUOTE", '"[We are asking how fast we can build.]"', 1, D),
    ],
    "mixed-01-web-summit": [
        ("e1", E, "MISC", "[Web Summit]", 1, {}),
        ("e2", E, "GPE", "في [لشبونة]", 1, {}),
        ("e3", E, "GPE", "[لشبونة] –", 1, {}),
        ("e4", E, "PER", "[Daniel Rocha]", 1, {}),
        ("e5", E, "PER", "[مريم الفاسي]", 1, {}),
        ("e6", E, "LOC", "[العالم العربي]", 1, {}),
        ("c1", C, "CUE", "[قال]", 1, {}),
        ("s1", S, "SPEAKER", "[Daniel Rocha، مدير المؤتمر]", 1, {"name": "Daniel Rocha"}),
        ("q1", Q, "QUOTE", '"[AI is not a trend, it is the new electricity]"', 1, D),
        ("c2", C, "CUE", "[وأضافت]", 1, {}),
        ("s2", S, "SPEAKER", "[الباحثة المغربية مريم الفاسي]", 1, {"name": "مريم الفاسي"}),
        ("q2", Q, "QUOTE", "أن [60% من الشركات الناشئة المشاركة تعمل على نماذج لغوية، بينها 25 شركة من العالم العربي]", 1, I),
    ],
}

# Relations: (type, from key, to key). Interrupted quotes (ar-03 q1/q2, en q2/q3) share their
# speaker and cue, and the second part `continues` the first.
AMAL_RELATIONS = {
    "ar-01-defence-fair": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e7"),
                           ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e9"),
                           ("said_by", "q3", "s3"), ("cued_by", "q3", "c3")],
    "ar-02-budget": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e2"),
                     ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e3"),
                     ("said_by", "q3", "s3"), ("cued_by", "q3", "c3"), ("refers_to", "s3", "e5")],
    "ar-03-climate": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("said_by", "q2", "s1"),
                      ("cued_by", "q2", "c1"), ("continues", "q2", "q1"), ("refers_to", "s1", "e4"),
                      ("said_by", "q3", "s2"), ("cued_by", "q3", "c2"), ("refers_to", "s2", "e5")],
    "ar-04-football": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e7"),
                       ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e8")],
    "ar-05-health": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e4"),
                     ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e5")],
    "ar-06-startup": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e2"),
                      ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e4"),
                      ("said_by", "q3", "s3"), ("cued_by", "q3", "c3"), ("refers_to", "s3", "e5")],
    "ar-07-parliament": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e3"),
                         ("said_by", "q2", "s1"), ("cued_by", "q2", "c2"),
                         ("said_by", "q3", "s2"), ("cued_by", "q3", "c3"), ("refers_to", "s2", "e4")],
    "ar-08-book-fair": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e4"),
                        ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e5"),
                        ("said_by", "q3", "s2"), ("cued_by", "q3", "c3"),
                        ("said_by", "q4", "s3"), ("cued_by", "q4", "c4")],
    "en-01-solar": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e4"),
                    ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e5"),
                    ("said_by", "q3", "s2"), ("cued_by", "q3", "c2"), ("continues", "q3", "q2")],
    "mixed-01-web-summit": [("said_by", "q1", "s1"), ("cued_by", "q1", "c1"), ("refers_to", "s1", "e4"),
                            ("said_by", "q2", "s2"), ("cued_by", "q2", "c2"), ("refers_to", "s2", "e5")],
}

# karim's honest disagreements with amal, per document: replace (same key, new entry), drop,
# add. Documents missing here karim has not annotated.
KARIM_EDITS = {
    "ar-01-defence-fair": {
        "replace": [("e8", E, "GPE", "[لتركيا]", 1, {}),  # took the clitic ل with the entity
                    ("q1", Q, "QUOTE", "[«صمّمنا هذه الطائرات لتركيا أولاً، ثم للتصدير»]", 1, D)],  # marks inside
        "drop": ["e11"],  # missed آسيا after و
    },
    "ar-02-budget": {
        "replace": [("c1", C, "CUE", "[أعلنت]", 1, {}),
                    ("s1", S, "SPEAKER", "[ليلى منصور]", 1, {"name": "ليلى منصور"})],  # name only, no title
    },
    "ar-03-climate": {
        "replace": [("q3", Q, "QUOTE", '"[الدول الغنية يجب أن تفي بوعودها أولاً]"', 1, D)],  # direct, not mixed
        "add": [("e6", E, "MISC", "[الكينية]", 1, {}), ("e7", E, "MISC", "[البرازيلي]", 1, {})],  # nationalities
    },
    "ar-04-football": {
        "replace": [("c2", C, "CUE", "ف[أكد]", 1, {})],  # cue without the proclitic ف
        "drop": ["e4", "e5"],  # marked only the headline mentions
    },
    "ar-05-health": {
        "replace": [("q1", Q, "QUOTE", '"[اللقاحات متوفرة ويجب أن تُعطى أولاً لكبار السن]"', 1, D)],
    },
    "ar-06-startup": {
        "replace": [("e2", E, "ORG", '[شركة "ضاد للتقنيات"]', 1, {})],
    },
    "ar-07-parliament": {
        "drop": ["c2", "q2"],  # did not take مضيفاً as a cue
    },
    "ar-08-book-fair": {
        "replace": [("e3", E, "ORG", "[معرض الرياض الدولي للكتاب]", 1, {})],  # the fair as an organisation
    },
}
KARIM_STATUS = {"ar-07-parliament": "in progress", "ar-08-book-fair": "in progress"}


def locate(text: str, context: str, nth: int) -> tuple[int, int]:
    if context.count("[") != 1 or context.count("]") != 1:
        raise SystemExit(f"context needs one [span]: {context!r}")
    before, rest = context.split("[")
    inner, _after = rest.split("]")
    plain = context.replace("[", "").replace("]", "")
    at = -1
    for _ in range(nth):
        at = text.find(plain, at + 1)
        if at < 0:
            raise SystemExit(f"{plain!r} occurs fewer than {nth} time(s)")
    start = at + len(before)
    return start, start + len(inner)


def segments(text: str) -> list[dict]:
    """HEADLINE = first paragraph, BODY = second, BOILERPLATE = a third if there is one."""
    spans = []
    labels = ["HEADLINE", "BODY", "BOILERPLATE"]
    offset = 0
    for n, paragraph in enumerate(text.split("\n\n")):
        stripped = paragraph.rstrip("\n")
        if stripped:
            spans.append({"id": f"G{n + 1}", "start": offset, "end": offset + len(stripped), "layer": "segment",
                          "label": labels[n], "attrs": {}})
        offset += len(paragraph) + 2
    return spans


def record(doc_id: str, text: str, annotator: str, entries, relations, status: str) -> dict:
    spans = segments(text)
    for key, layer, label, context, nth, attrs in entries:
        start, end = locate(text, context, nth)
        spans.append({"id": key.upper(), "start": start, "end": end, "layer": layer, "label": label,
                      "attrs": dict(attrs)})
    keys = {key for key, *_ in entries}
    rels = [{"id": f"R{n}", "label": label, "from": a.upper(), "to": b.upper()}
            for n, (label, a, b) in enumerate(((lbl, a, b) for lbl, a, b in relations if a in keys and b in keys), 1)]
    return {"id": doc_id, "text": text, "meta": {"source": "annotator sample corpus", "lang": doc_id.split("-")[0]},
            "annotator": annotator, "status": status, "spans": spans, "relations": rels}


def main() -> int:
    lines = []
    for path in sorted(TEXTS.glob("*.txt")):
        doc_id = path.stem
        text = path.read_text(encoding="utf-8")
        amal = AMAL[doc_id]
        relations = AMAL_RELATIONS.get(doc_id, [])
        lines.append(record(doc_id, text, "amal", amal, relations, "done"))
        edits = KARIM_EDITS.get(doc_id)
        if edits is not None:
            replaced = {entry[0]: entry for entry in edits.get("replace", [])}
            karim = [replaced.get(entry[0], entry) for entry in amal if entry[0] not in edits.get("drop", [])]
            karim += edits.get("add", [])
            lines.append(record(doc_id, text, "karim", karim, relations, KARIM_STATUS.get(doc_id, "done")))
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"wrote {len(lines)} records to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
