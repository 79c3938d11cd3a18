"""Attribution: the detector on hand-written sentences, suggestions, quotes export."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.attribution.detector import detect
from annotator.attribution.quotes import quote_records, speaker_matches
from annotator.attribution.suggestions import (
    AcceptAllSuggestions,
    AcceptSuggestion,
    RejectSuggestion,
    find_occurrences,
    suggest_attribution,
    suggest_entities,
    suggest_occurrences,
)
from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Relation, Span, ValidationError
from annotator.formats.export import ExportDoc
from annotator.store.bulk import import_records


def found(text):
    spans, relations = detect(text)
    by_id = {s.id: s for s in spans}
    out = {(s.layer, text[s.start:s.end], s.attrs.get("type")) for s in spans}
    links = {(r.label, text[by_id[r.from_id].start:by_id[r.from_id].end], text[by_id[r.to_id].start:by_id[r.to_id].end])
             for r in relations}
    return out, links


def test_clitic_attached_cue_speaker_and_direct_quote():
    spans, links = found("وقال وزير الخارجية سامي حداد للصحفيين: «لن نتراجع عن موقفنا».")
    assert ("cue", "وقال", None) in spans
    assert ("speaker", "وزير الخارجية سامي حداد", None) in spans
    assert ("quote", "لن نتراجع عن موقفنا", "direct") in spans
    assert ("said_by", "لن نتراجع عن موقفنا", "وزير الخارجية سامي حداد") in links
    assert ("cued_by", "لن نتراجع عن موقفنا", "وقال") in links


def test_fa_cue_with_indirect_and_mixed_quotes():
    spans, _ = found("فأكد المدير العام أن الشركة ستربح هذا العام.")
    assert ("cue", "فأكد", None) in spans and ("quote", "الشركة ستربح هذا العام", "indirect") in spans
    spans, _ = found('وأوضح الناطق إن "الأمر محسوم" وإن النتائج ستعلن غداً.')
    assert ("quote", '"الأمر محسوم" وإن النتائج ستعلن غداً', "mixed") in spans


def test_harakat_and_tatweel_on_the_cue_do_not_hide_it():
    spans, _ = found("قـالَ الرئيسُ: «نحن مستعدون».")
    assert ("cue", "قـالَ", None) in spans and ("quote", "نحن مستعدون", "direct") in spans


def test_nested_quotes_stay_inside_the_outer_one():
    spans, _ = found('قالت الكاتبة: «سمّيت الرواية "الغريب" عمداً».')
    quotes = [s for s in spans if s[0] == "quote"]
    assert quotes == [("quote", 'سمّيت الرواية "الغريب" عمداً', "direct")]


def test_interrupted_quote_is_two_parts_joined_by_continues():
    spans, links = found("«الوضع صعب»، قال المسؤول، «لكننا سنتجاوزه».")
    assert ("continues", "لكننا سنتجاوزه", "الوضع صعب") in links
    assert ("said_by", "لكننا سنتجاوزه", "المسؤول") in links and ("said_by", "الوضع صعب", "المسؤول") in links


def test_source_attribution_before_and_after():
    spans, links = found("ارتفعت الأسعار بنسبة 5%، بحسب وزارة الاقتصاد.")
    assert ("said_by", "ارتفعت الأسعار بنسبة 5%", "وزارة الاقتصاد") in links
    spans, links = found("ووفقًا لوزارة الداخلية، أصيب ثلاثة أشخاص.")
    assert ("speaker", "وزارة الداخلية", None) in spans and ("quote", "أصيب ثلاثة أشخاص", "indirect") in spans
    spans, _ = found("ووفقًا للشرطة، أصيب شخصان.")  # لل = ل + ال without its alef: the word stays whole
    assert ("speaker", "للشرطة", None) in spans


def test_no_reported_speech_no_suggestion():
    spans, _ = found("كشفت الشركة عن طائرة جديدة. أرسل كلمة «أخبار» إلى الرقم 5050.")
    assert spans == set()


def test_headline_attribution_with_a_colon_and_no_verb():
    spans, links = found('وزارة الصحة: "لا إصابات جديدة في المدينة"\n\nأعلنت الوزارة صباح اليوم ...')
    assert ("said_by", "لا إصابات جديدة في المدينة", "وزارة الصحة") in links
    assert ("quote", "لا إصابات جديدة في المدينة", "direct") in spans


@pytest.mark.parametrize(("line", "speaker", "quote"), [
    ("رئيس وزراء باكستان: تم الاتفاق على خريطة طريق نحو اتفاق نهائي", "رئيس وزراء باكستان",
     "تم الاتفاق على خريطة طريق نحو اتفاق نهائي"),
    ("قائد الدفاع الجوي:\nالقوات المسلحة في حالة تأهب كاملة.", "قائد الدفاع الجوي", "القوات المسلحة في حالة تأهب كاملة"),
    ("سي إن إن عن دبلوماسي: تنفيذ المذكرة عاد لمساره الصحيح.", "دبلوماسي", "تنفيذ المذكرة عاد لمساره الصحيح"),
    ("مصدر محلي لنايا: الجيش بدأ بالانسحاب من البلدة.", "مصدر محلي", "الجيش بدأ بالانسحاب من البلدة"),
], ids=["title", "colon-then-line", "relayed-an", "said-to"])
def test_news_feed_headlines_without_marks_or_verb(line, speaker, quote):
    _, links = found("خبر أول.\n\n" + line + "\n\nخبر آخر بلا قائل.")
    assert ("said_by", quote, speaker) in links


@pytest.mark.parametrize("line", ["قمة المناخ: دعوات لمضاعفة التمويل للدول النامية",
                                  "اقرأ أيضاً: أسعار صرف العملات اليوم مقابل الدرهم",
                                  "ملاحظة: تغلق المكاتب يوم الجمعة كالمعتاد"],
                         ids=["topic", "read-also", "field-label"])
def test_a_topic_or_a_field_before_a_colon_is_not_a_speaker(line):
    spans, _ = found(line)
    assert spans == set()


def test_a_dateline_with_a_colon_leaves_the_verb_its_speaker():
    _, links = found("بيروت: أعلنت الحكومة أن الموازنة أقرت.")
    assert links == {("said_by", "الموازنة أقرت", "الحكومة"), ("cued_by", "الموازنة أقرت", "أعلنت")}


def test_straight_quotes_pair_locally_and_quoted_names_are_not_quotes():
    text = ('نوّه "حداد" إلى أهمية التعاون مع ما يُعرف بـ "لجنة المتابعة (لمت)" في المدينة. '
            'وقال حداد: "الوضع صعب. نحن نعمل كل يوم. سننجح في النهاية". وانتهى اللقاء.')
    spans, links = found(text)
    quote = "الوضع صعب. نحن نعمل كل يوم. سننجح في النهاية"  # three sentences, one quote
    assert ("said_by", quote, "حداد") in links and ("cued_by", quote, "وقال") in links
    assert not any(kind == "quote" and t in ("حداد", "لجنة المتابعة (لمت)") for kind, t, _ in spans)
    spans, _ = found('قال لبرنامج "صباح الخير" على القناة الأولى: "الانتخابات ليست أولوية".')
    assert [(t, k) for kind, t, k in spans if kind == "quote"] == [("الانتخابات ليست أولوية", "direct")]
    assert not any(kind == "speaker" for kind, _t, _k in spans)  # said to a programme: nobody named


def test_an_unclosed_quote_after_a_colon_runs_to_the_end_of_its_paragraph():
    spans, _ = found('وأضاف: "إنها خطوة أولى في طريق طويل. وسنكمل.\nفي سياق آخر، ارتفعت الأسعار.')
    assert ("quote", "إنها خطوة أولى في طريق طويل. وسنكمل", "direct") in spans


def test_nominal_complements_after_a_preposition():
    spans, links = found("ولفت الوزير إلى أهمية الحوار بين الأطراف.")
    assert ("said_by", "أهمية الحوار بين الأطراف", "الوزير") in links
    spans, links = found("وأشار المتحدث باسم الجيش إلى ضرورة وقف إطلاق النار فوراً.")
    assert ("said_by", "ضرورة وقف إطلاق النار فوراً", "المتحدث باسم الجيش") in links


@pytest.mark.parametrize(("text", "cue"), [
    ('واختتم بالقول: "المستقبل لنا".', "واختتم بالقول"),
    ('وختم حديثه قائلًا: "المستقبل لنا".', "وختم حديثه قائلًا"),
    ('وتابع قائلاً: "المستقبل لنا".', "وتابع قائلاً"),
    ('وأردف: "المستقبل لنا".', "وأردف"),
], ids=["ikhtatama-bil-qawl", "khatama-hadithahu-qaailan", "taabaa-qaailan", "ardafa"])
def test_compound_and_participial_cues(text, cue):
    spans, links = found("قال رئيس الوزراء سليم داود إن الحكومة باقية. " + text)
    assert ("cued_by", "المستقبل لنا", cue) in links
    assert ("said_by", "المستقبل لنا", "رئيس الوزراء سليم داود") in links  # he speaks on


def test_a_verb_then_speaker_then_qaailan_makes_one_cue_with_the_speaker_between():
    spans, links = found('علّق وزير المالية قائلاً: "الأرقام مطمئنة".')
    assert ("cued_by", "الأرقام مطمئنة", "علّق") in links
    assert ("said_by", "الأرقام مطمئنة", "وزير المالية") in links
    assert not any(kind == "cue" and t.startswith("قائل") for kind, t, _ in spans)


def test_cue_words_inside_a_quote_are_its_content():
    text = 'وقال الوزير: "نعمل وفق الخطة الموضوعة، وقال لنا الخبراء إن النتائج واضحة".'
    spans, links = found(text)
    assert [t for kind, t, _ in spans if kind == "cue"] == ["وقال"]
    assert [t for kind, t, _ in spans if kind == "speaker"] == ["الوزير"]
    assert ("said_by", "نعمل وفق الخطة الموضوعة، وقال لنا الخبراء إن النتائج واضحة", "الوزير") in links


def test_an_apposition_up_to_the_content_and_content_cut_before_the_next_clause():
    _, links = found("أكد الدكتور أحمد العلواني، النائب السابق في البرلمان العراقي، على ضرورة تطبيق الإصلاحات.")
    assert ("said_by", "ضرورة تطبيق الإصلاحات", "الدكتور أحمد العلواني، النائب السابق في البرلمان العراقي") in links
    _, links = found("وأكد الوزير أن التضخم انخفض إلى 9%، بينما أشار تقرير البنك المركزي إلى أن التضخم بلغ 14%.")
    assert ("said_by", "التضخم انخفض إلى 9%", "الوزير") in links  # not "...، بينما"
    assert ("said_by", "التضخم بلغ 14%", "تقرير البنك المركزي") in links


def test_kama_before_a_verb_is_not_its_subject():
    _, links = found("وقالت مصادر حكومية إن المعارضة ضخمت الأزمة، كما أكدت أن التقارير ممولة من الخارج.")
    assert ("said_by", "التقارير ممولة من الخارج", "مصادر حكومية") in links


def test_according_to_inside_reported_content_is_content():
    spans, links = found("وأوضح المصدر ذاته أن هذه العملية تتم وفق نفس الشروط التي نشرتها الوزارة.")
    assert ("said_by", "هذه العملية تتم وفق نفس الشروط التي نشرتها الوزارة", "المصدر ذاته") in links
    assert [t for kind, t, _ in spans if kind == "cue"] == ["وأوضح"]


def test_the_participle_right_after_a_speaker_is_that_speakers():
    _, links = found("وقال الوزير إن الموازنة أقرت. ويشير البيان الصحفي، مشيرًا إلى أن التحكم سيبدأ غداً.")
    assert ("said_by", "التحكم سيبدأ غداً", "البيان الصحفي") in links
    _, links = found("وقال الوزير إن الموازنة أقرت. وتقرر تأجيل المراقبة إلى يناير، كما يشير البيان الصحفي، "
                     "مشيرًا إلى أن التحكم سيبدأ غداً.")
    assert ("said_by", "تأجيل المراقبة إلى يناير", "البيان الصحفي") not in links  # not what it says
    assert ("said_by", "وتقرر تأجيل المراقبة إلى يناير", "البيان الصحفي") in links  # كما يشير: "as ... says"
    assert ("said_by", "التحكم سيبدأ غداً", "البيان الصحفي") in links


def test_hasabama_and_kama_with_a_reporting_verb_are_sources():
    _, links = found('"أرسلت فرق الطوارئ إلى موقع الحادث"، حسبما قالت القاعدة.')
    assert ("said_by", "أرسلت فرق الطوارئ إلى موقع الحادث", "القاعدة") in links
    _, links = found("رويترز: تحطمت طائرة قرب القاعدة، حسبما أفادت القاعدة.")
    assert ("said_by", "تحطمت طائرة قرب القاعدة", "القاعدة") in links  # the feed's lead left out
    _, links = found("وقالت مصادر إن الاجتماع تأجل، كما أكدت أن الوفد غادر.")
    assert ("said_by", "الوفد غادر", "مصادر") in links  # كما = "also" before أن


def test_continuations_go_to_the_last_speaker_who_was_a_subject_not_to_a_source():
    text = ("قال المتحدث باسم الوزارة أحمد سالم إن المفاوضات مستمرة. وبحسب مصادر مطلعة، فإن الجولة المقبلة "
            "ستعقد في القاهرة. وأشار إلى أن الوفد سيغادر غداً، مضيفاً أن الوزير سيرافقه.")
    _, links = found(text)
    assert ("said_by", "الجولة المقبلة ستعقد في القاهرة", "مصادر مطلعة") in links
    assert ("said_by", "الوفد سيغادر غداً", "المتحدث باسم الوزارة أحمد سالم") in links
    assert ("said_by", "الوزير سيرافقه", "المتحدث باسم الوزارة أحمد سالم") in links


@pytest.mark.parametrize(("text", "speaker", "quote"), [
    ("أفادت التقارير أن الحريق اندلع فجراً.", "التقارير", "الحريق اندلع فجراً"),
    ("وذكرت مصادر أمنية أن المهاجمين فروا.", "مصادر أمنية", "المهاجمين فروا"),
    ("وقال العديد من المحللين إن الأسعار سترتفع.", "العديد من المحللين", "الأسعار سترتفع"),
    ("الشرطة قالت إن التحقيق مستمر.", "الشرطة", "التحقيق مستمر"),  # the subject before the verb
    ("وقال الوزير للصحفيين إن الاتفاق قريب.", "الوزير", "الاتفاق قريب"),  # للصحفيين: said to
    ("وصرّح المدير التنفيذي للشركة رامي العطار بأن الأرباح تضاعفت.", "المدير التنفيذي للشركة رامي العطار",
     "الأرباح تضاعفت"),
    ("ارتفع عدد الزوار، وفق ما أعلنته هيئة المعارض.", "هيئة المعارض", "ارتفع عدد الزوار"),
    ("وقالت الكاتبة ليلى حداد، مديرة الدار، إن القراءة تعود.", "الكاتبة ليلى حداد، مديرة الدار", "القراءة تعود"),
    ("ونقلت وكالة الأنباء الرسمية عن مصدر مسؤول قوله إن الحكومة ستستقيل.", "مصدر مسؤول", "الحكومة ستستقيل"),
    ("قال مسؤولون أمريكيون لرويترز إن المحادثات تعثرت.", "مسؤولون أمريكيون", "المحادثات تعثرت"),
    ('وقالت مصادر لـ"العربية.نت" إن الاجتماع تأجل.', "مصادر", "الاجتماع تأجل"),
    ("من جهته، أكد الوزير على ضرورة وقف إطلاق النار.", "الوزير", "ضرورة وقف إطلاق النار"),
    # بحسب ما أفاد به X: "به" (with it) is no part of the speaker; بحسب ما نقلت X عن Y: Y speaks
    ("وبحسب ما أفاد به مصدر مسؤول، فإن الشحنة وصلت.", "مصدر مسؤول", "الشحنة وصلت"),
    ("وصلت الشحنة، بحسب ما أفادت بها مصادر محلية.", "مصادر محلية", "وصلت الشحنة"),
    ("وبحسب ما نقلت وكالة رويترز عن مصدر مسؤول، فإن الشحنة وصلت.", "مصدر مسؤول", "الشحنة وصلت"),
    ("وصلت الشحنة إلى الميناء، وفق ما نقلته الوكالة عن شهود عيان.", "شهود عيان", "وصلت الشحنة إلى الميناء"),
    # the outlet spoken to, in quotation marks after لـ, is no quote (it was taken for one)
    ("وفي تصريح لـ«العربية»، قال المتحدث إن الاجتماع انتهى.", "المتحدث", "الاجتماع انتهى"),
    ('وفي حديث ل"الجزيرة نت"، أكد الوزير أن الخطة جاهزة.', "الوزير", "الخطة جاهزة"),
    # بيّن ("made clear"), told from بين ("between") by its shadda
    ("وبيّن الخبير الاقتصادي د. محمد سعيد أن التضخم سيتراجع.", "الخبير الاقتصادي د. محمد سعيد", "التضخم سيتراجع"),
    ("وبَيَّنَت الوزارة في بيان أن الخدمة ستعود.", "الوزارة", "الخدمة ستعود"),
    # titles written as letters with dots: أ.د. (professor) did not end the speaker's name
    ("وقال الخبير أ.د. محمد سعيد إن الأسعار سترتفع.", "الخبير أ.د. محمد سعيد", "الأسعار سترتفع"),
    # the name علي folds with the preposition على: it ended the speaker (د. أحمد)
    ("وقال د. أحمد علي إن الوضع خطير.", "د. أحمد علي", "الوضع خطير"),
    ("وقال الرئيس علي عبدالله صالح إن الحوار مستمر.", "الرئيس علي عبدالله صالح", "الحوار مستمر"),
    ("وشدد علي حسن على أهمية الحوار.", "علي حسن", "أهمية الحوار"),
    # ... and some sites spell على and إلى with ي after the verbs that take them
    ("وأكد الوزير علي ضرورة الالتزام بالقرار.", "الوزير", "ضرورة الالتزام بالقرار"),
    ("وأشار المتحدث الي أهمية الحوار.", "المتحدث", "أهمية الحوار"),
    # حذّر من «...»: the quoted words after من are the speaker's (an unquoted topic is not)
    ("وحذّر وزير الصحة من «كارثة إنسانية وشيكة» في القطاع.", "وزير الصحة", "كارثة إنسانية وشيكة"),
    ('وحذّر الأمين العام أنطونيو غوتيريش من "انهيار كامل للنظام الصحي".', "الأمين العام أنطونيو غوتيريش",
     "انهيار كامل للنظام الصحي"),
    # an unnamed source's clause: ذكر after عدم is a verbal noun, not a cue that took the sentence
    ("وأضاف المصدر، الذي فضّل عدم ذكر اسمه، أن الوفد سيعود غداً.", "المصدر", "الوفد سيعود غداً"),
    ("وقال مصدر أمني، فضّل عدم ذكر اسمه، إن الهجوم أحبط.", "مصدر أمني", "الهجوم أحبط"),
    ("وقال مسؤول، طلب عدم الكشف عن اسمه، إن الوفد وصل.", "مسؤول", "الوفد وصل"),
    # relayed through an outlet whose name is quoted
    ("ونقلت صحيفة «نيويورك تايمز» عن مسؤولين أمريكيين قولهم إن الهجوم كان متوقعاً.", "مسؤولين أمريكيين",
     "الهجوم كان متوقعاً"),
    # كان X قد أعلن: the pluperfect news uses for what was said earlier
    ("وكانت الوزارة قد أعلنت في وقت سابق أن المدارس ستغلق.", "الوزارة", "المدارس ستغلق"),
    # a wire story's dateline with its agency in brackets was taken for the speaker
    ("القاهرة (رويترز) - قال مسؤولون مصريون يوم الثلاثاء إن المحادثات ستستأنف.", "مسؤولون مصريون",
     "المحادثات ستستأنف"),
    ("الرباط، 12 مارس (د ب أ) - قالت الحكومة المغربية إن الأمطار ستستمر.", "الحكومة المغربية", "الأمطار ستستمر"),
    ("واشنطن (أ ف ب) - الشرطة قالت إن التحقيق مستمر.", "الشرطة", "التحقيق مستمر"),
    # a clause set off by dashes after the speaker is no part of it (a hyphen inside a name is)
    ("وأضاف الوزير -الذي كان يتحدث في مؤتمر صحفي- أن الوضع مستقر.", "الوزير", "الوضع مستقر"),
    ("وأضاف الوزير – الذي كان يتحدث في مؤتمر صحفي – أن الوضع مستقر.", "الوزير", "الوضع مستقر"),
    ("وقال المتحدث — وهو ضابط سابق — إن الجيش مستعد.", "المتحدث", "الجيش مستعد"),
    ("وأضاف الوزير- الذي كان يتحدث للصحفيين- أن الوضع مستقر.", "الوزير", "الوضع مستقر"),
    ("وقالت لجنة مكافحة كوفيد-19 إن الإصابات تراجعت.", "لجنة مكافحة كوفيد-19", "الإصابات تراجعت"),
    # a news agency spoken to, named without a noun before it
    ("وقال متحدث باسم الشرطة لفرانس برس إن ثلاثة أشخاص اعتقلوا.", "متحدث باسم الشرطة", "ثلاثة أشخاص اعتقلوا"),
    ("وقال مصدر أمني لأسوشيتد برس إن الهجوم أحبط.", "مصدر أمني", "الهجوم أحبط"),
    # "issued by": its عن is part of the speaker
    ("وقال بيان صادر عن الرئاسة إن الرئيس استقبل السفير.", "بيان صادر عن الرئاسة", "الرئيس استقبل السفير"),
    ("ووفقا لبيان صادر عن الجيش، قتل ثلاثة مسلحين.", "بيان صادر عن الجيش", "قتل ثلاثة مسلحين"),
    # جاء/ورد في البيان: the document speaks
    ('وجاء في البيان أن "الوزارة ستتخذ الإجراءات اللازمة".', "البيان", "الوزارة ستتخذ الإجراءات اللازمة"),
    ("وورد في التقرير: «الوضع خطير».", "التقرير", "الوضع خطير"),
    # ...، على حد قوله: in the words of the speaker named before
    ("قال الوزير إن الحكومة مستمرة. الوضع صعب للغاية، على حد قوله.", "الوزير", "الوضع صعب للغاية"),
    # what the speaker did next (a participle of a verb that reports nothing) is not what was said
    ("أكدت هيئة الأرصاد أن درجات الحرارة ستنخفض، داعيةً المواطنين إلى الحذر.", "هيئة الأرصاد",
     "درجات الحرارة ستنخفض"),
    ("وقال الوزير إن الوضع مستقر، معربا عن أمله في التهدئة.", "الوزير", "الوضع مستقر"),
    # ... but inside quotation marks it is what was said
    ('وقال الوزير إن "الحكومة ستعمل، داعيا الجميع إلى الصبر".', "الوزير", "الحكومة ستعمل، داعيا الجميع إلى الصبر"),
    ("وقال الوزير: «سنواصل، متوقعا النصر».", "الوزير", "سنواصل، متوقعا النصر"),
    # a participle cue after a verb with its ب object: the verb's subject speaks (not the clause)
    ('وأشادت الوزيرة بجهود الفرق الطبية، مؤكدة أن "الوضع تحت السيطرة".', "الوزيرة", "الوضع تحت السيطرة"),
    ("ورحب الرئيس الفرنسي إيمانويل ماكرون بالاتفاق، مشيرا إلى أنه خطوة مهمة.", "الرئيس الفرنسي إيمانويل ماكرون",
     "خطوة مهمة"),
    ("ورحب الرئيس، مؤكدا أن الاتفاق تاريخي.", "الرئيس", "الاتفاق تاريخي"),  # no object: the rest is the subject
    # ... and a plural participle is a cue as the singular is
    ("وطالب المتظاهرون بالإصلاح، مؤكدين أن الفساد مستشر.", "المتظاهرون", "الفساد مستشر"),
    # a name that begins with ل is the speaker, not whom it was said to (لافروف، مارين لوبان)
    ("وقال لافروف إن موسكو لن تتدخل.", "لافروف", "موسكو لن تتدخل"),
    ("وقالت مارين لوبان إن الحزب سيفوز.", "مارين لوبان", "الحزب سيفوز"),
    ("ونفى وزير الخارجية سيرغي لافروف أن تكون موسكو قد تدخلت.", "وزير الخارجية سيرغي لافروف", "تكون موسكو قد تدخلت"),
    ("وقال مصدر لبايدن إن الاتفاق قريب.", "مصدر", "الاتفاق قريب"),  # after an agent: said to
    # ... and a pronoun with ل right after the verb is whom it was said to: the speaker follows
    ("وقال لنا مسؤول إن الاتفاق قريب.", "مسؤول", "الاتفاق قريب"),
    # a participle after a verb and its object: the verb's subject speaks, without the object
    ("ونفى المتحدث باسم الجيش صحة هذه الأنباء، مؤكدا أن القوات لم تنسحب.", "المتحدث باسم الجيش", "القوات لم تنسحب"),
    ("وأكد الرئيس دعم بلاده للحل السياسي، مشددا على أن الحوار هو السبيل الوحيد.", "الرئيس",
     "الحوار هو السبيل الوحيد"),
    ("ونفت الوزارة الأنباء التي تحدثت عن استقالة الوزير، مشيرة إلى أن الوزير يمارس مهامه.", "الوزارة",
     "الوزير يمارس مهامه"),
    ("وقال رئيس هيئة دعم الصحفيين إن الحريات تراجعت.", "رئيس هيئة دعم الصحفيين", "الحريات تراجعت"),  # a name's دعم
    # a short name in brackets after the speaker is the speaker's (an agency's initials)
    ("وقالت وكالة الأنباء السعودية الرسمية (واس) إن الملك استقبل الوفد.", "وكالة الأنباء السعودية الرسمية (واس)",
     "الملك استقبل الوفد"),
    ("وقال الوزير (في إشارة إلى المعارضة) إن البلاد بخير.", "الوزير", "البلاد بخير"),  # an aside is not
], ids=["reports", "sources", "many-analysts", "subject-first", "said-to", "genitive-lil", "wafqa-ma", "apposition",
        "relayed-an", "said-to-an-agency", "said-to-a-quoted-site", "akkada-ala", "bihasab-ma-afad-bihi",
        "content-first-bihasab-ma-afadat-biha", "bihasab-ma-naqalat-an", "content-first-wafqa-ma-naqalathu-an", "told-an-outlet-first",
        "told-a-quoted-site-first", "bayyana", "bayyanat-with-harakat", "title-with-dots", "name-ali",
        "president-ali", "name-ali-first", "ala-spelled-with-ya", "ila-spelled-with-ya", "warned-of-quoted-words",
        "warned-of-straight-quoted-words", "not-to-be-named-relative",
        "not-to-be-named-preferred", "not-to-be-named-asked", "relayed-through-quoted-outlet", "kana-qad",
        "dateline-with-agency", "dateline-with-date-and-agency", "dateline-then-subject", "dashed-clause-hyphens",
        "dashed-clause-en-dashes", "dashed-clause-em-dashes", "dashed-clause-glued", "hyphen-inside-a-name",
        "told-afp", "told-ap", "issued-by", "according-to-issued-by",
        "jaa-fi-albayan", "warada-fi-attaqrir", "ala-hadd-qawlihi", "then-calling-on",
        "then-expressing", "calling-on-inside-marks", "expecting-inside-guillemets",
        "praised-then-affirming", "welcomed-then-pointing-out", "welcomed-alone",
        "plural-participle", "lam-name", "lam-surname", "lam-surname-after-title", "lam-addressee-after-agent",
        "lam-pronoun-first", "denied-the-truth-then-affirming", "affirmed-support-then-stressing",
        "denied-the-reports-then-pointing-out", "support-inside-a-name", "initials-in-brackets",
        "aside-in-brackets"])
def test_speakers_plural_anonymous_before_the_verb_and_with_apposition(text, speaker, quote):
    _, links = found(text)
    assert ("said_by", quote, speaker) in links


def test_what_is_no_document_or_is_attributed_already_gets_no_second_quote():
    spans, links = found("جاء في وقت متأخر أن الوفد غادر.")  # a time, not a document
    assert spans == set()
    # on your own words: the quote ends before them, and they attribute nothing more
    spans, links = found('وأشار التقرير إلى أن "الوضع كارثي"، على حد تعبيره.')
    assert [link for link in links if link[0] == "said_by"] == [("said_by", "الوضع كارثي", "التقرير")]
    assert ("cue", "على حد تعبيره", None) not in spans


def test_fahasb_is_only_and_not_a_source():
    spans, _ = found("لم يكن الأمر صعباً فحسب، بل كان مستحيلاً.")
    assert spans == set()


@pytest.mark.parametrize(("text", "cue", "speaker", "quote"), [
    ("وأوضح المتحدث أنّ الاجتماع سيُعقد غداً.", "وأوضح", "المتحدث", "الاجتماع سيُعقد غداً"),
    ("وقالَ الوزيرُ إِنَّ الحكومةَ لن تتراجعَ.", "وقالَ", "الوزيرُ", "الحكومةَ لن تتراجعَ"),
    ("وأشارَ المتحدثُ إِلى أهميةِ الحوارِ.", "وأشارَ", "المتحدثُ", "أهميةِ الحوارِ"),
    ("وقـــال الوزير بِأنَّ الخطة جاهزة.", "وقـــال", "الوزير", "الخطة جاهزة"),
], ids=["anna-with-shadda", "fully-vowelled", "ila-with-kasra", "tatweel-and-bi-anna"])
def test_harakat_on_the_words_between_cue_and_content_do_not_hide_the_quote(text, cue, speaker, quote):
    # The cue words matched without harakat, but أنّ/إِنَّ/إِلى with them ended nothing: no quote
    # was found in edited text. Spans end after the marks of their last letter.
    spans, links = found(text)
    assert ("said_by", quote, speaker) in links
    assert ("cued_by", quote, cue) in links


def test_occurrences_after_clitics_and_without_harakat():
    text = "زار تركيا ثم عاد لتركيا وبتَركيا مرة، لا تركياتي."
    found_texts = [text[a:b] for a, b in find_occurrences(text, "تركيا")]
    assert found_texts == ["تركيا", "تركيا", "تَركيا"]


DOC = "قال المتحدث زكي أكتورك: «صممنا الطائرات لتركيا». وزار أكتورك تركيا."
SUBWORD = DOC.index("لتركيا") + 1  # تركيا inside لتركيا


@pytest.fixture
def doc(project):
    import_records(project, [AnnotatedDocument(Document("d", DOC, {}), "amal", None,
                                               [Span("T1", "d", "amal", "entity", "GPE", SUBWORD, SUBWORD + 5, {})],
                                               [])])
    return project


def pending(project, who="amal"):
    return [(s.layer, project.text("d")[s.start:s.end]) for s in project.pending_suggestions("d", who)]


def test_accept_reject_and_links_follow_with_undo(doc):
    assert suggest_attribution(doc, ["d"]) == 3
    by_layer = {s.layer: s for s in doc.pending_suggestions("d", "amal")}
    accept_quote = AcceptSuggestion("d", "amal", int(by_layer["quote"].id[1:]))
    accept_quote.do(doc)
    assert doc.relations("d", "amal") == []  # the speaker is not accepted yet
    accept_speaker = AcceptSuggestion("d", "amal", int(by_layer["speaker"].id[1:]))
    accept_speaker.do(doc)
    assert [r.label for r in doc.relations("d", "amal")] == ["said_by"]
    reject = RejectSuggestion("d", "amal", int(by_layer["cue"].id[1:]))
    reject.do(doc)
    assert pending(doc) == [] and pending(doc, "karim") != []  # decisions are per annotator
    reject.undo(doc)
    accept_speaker.undo(doc)
    assert doc.relations("d", "amal") == [] and len(pending(doc)) == 2
    accept_speaker.do(doc)  # redo
    assert [r.label for r in doc.relations("d", "amal")] == ["said_by"]


def test_suggestions_never_duplicate_or_overwrite_human_spans(doc):
    suggest_entities(doc, ["d"])
    texts = pending(doc)
    assert ("entity", "تركيا") in texts and len([t for t in texts if t == ("entity", "تركيا")]) == 1  # not 40–45
    human = doc.spans("d", "amal")[0]
    assert doc.text("d")[human.start:human.end] == "تركيا"
    doc.add_suggestions("d", [Span("x", "d", "m", "entity", "GPE", human.start, human.end, {})], [], "model")
    assert len(pending(doc)) == len(texts)  # identical to a human span: not offered
    accept = AcceptSuggestion("d", "amal", int(doc.pending_suggestions("d", "amal")[0].id[1:]))
    accept.do(doc)
    with pytest.raises(ValidationError, match="already has that span"):
        accept.do(doc)


def test_accept_all_and_mark_all_occurrences(doc):
    human = doc.spans("d", "amal")[0]
    assert suggest_occurrences(doc, "d", human) == 1  # تركيا later in the text; لتركيا itself is the span
    suggest_attribution(doc, ["d"])
    command = AcceptAllSuggestions("d", "amal")
    command.do(doc)
    assert pending(doc) == [] and command.skipped == 0
    assert len(doc.spans("d", "amal")) == 5
    command.undo(doc)
    assert len(doc.spans("d", "amal")) == 1


def test_redoing_accept_all_gives_back_the_spans_and_links_the_later_commands_name(doc):
    """Undo past "Accept all suggestions" and redo: the spans and links come back under the ids
    the commands after it on the undo stack name (they came back under new ids, and redoing an
    edit of an accepted speaker failed)."""
    from annotator.commands import DeleteRelation, UpdateSpan

    def state():
        return (sorted((s.id, s.layer, s.start, s.end, tuple(s.attrs.items())) for s in doc.spans("d", "amal")),
                sorted((r.id, r.label, r.from_id, r.to_id) for r in doc.relations("d", "amal")))

    before = state()
    suggest_attribution(doc, ["d"])
    accept_all = AcceptAllSuggestions("d", "amal")
    accept_all.do(doc)
    speaker = next(s for s in doc.spans("d", "amal") if s.layer == "speaker")
    said_by = next(r for r in doc.relations("d", "amal") if r.label == "said_by")
    later = [UpdateSpan("d", "amal", speaker.id, attrs={"name": "زكي أكتورك"}),
             DeleteRelation("d", "amal", said_by.id)]
    for command in later:
        command.do(doc)
    after = state()
    for command in reversed([accept_all, *later]):
        command.undo(doc)
    assert state() == before
    for command in [accept_all, *later]:
        command.do(doc)
    assert state() == after


def test_model_predictions_import_as_suggestions(project, tmp_path):
    text = "زار الرئيس لتركيا أمس."
    path = tmp_path / "model.jsonl"
    path.write_text(json.dumps({"id": "m", "text": text, "source": "model",
                                "spans": [{"start": 12, "end": 17, "label": "GPE"},
                                          {"start": 11, "end": 17, "label": "LOC"}]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    from annotator.formats.jsonl import read_jsonl

    report = import_records(project, read_jsonl(path, project.schema, "x"))
    assert report.suggestions_added == 2 and report.spans_added == 0 and project.annotators() == []
    assert [s.annotator for s in project.pending_suggestions("m", "amal")] == ["model", "model"]


def test_quotes_export_joins_parts_and_filters_by_speaker(sample_jsonl, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["init", "p.db"])
    runner.invoke(cli, ["import", "p.db", str(sample_jsonl)])
    result = runner.invoke(cli, ["export", "p.db", "-f", "quotes", "-o", "q.jsonl", "--annotator", "amal"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    climate = [r for r in rows if r["doc_id"] == "ar-03-climate"]
    assert len(climate) == 2 and len(climate[0]["parts"]) == 2
    assert climate[0]["speaker"]["name"] == "أمينة واكيلي" and climate[0]["cue"]["text"] == "قالت"
    assert climate[0]["speaker"]["entity"] == {"text": "أمينة واكيلي", "label": "PER"}
    by_zaki = runner.invoke(cli, ["export", "p.db", "-f", "quotes", "-o", "z.jsonl", "--annotator", "amal",
                                  "--speaker", "زكي أكتورك"])
    assert by_zaki.exit_code == 0
    assert len((tmp_path / "z.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_speaker_filter_ignores_harakat():
    record = {"speaker": {"name": "زكي أكتورك", "text": "المتحدث"}}
    assert speaker_matches(record, "زَكي أكتورك") and not speaker_matches(record, "أكتورك")
    doc = ExportDoc("d", "ab", {}, "a", [Span("Q", "d", "a", "quote", "QUOTE", 0, 1, {})], [
        Relation("R", "d", "a", "continues", "Q", "missing")])
    assert len(list(quote_records(doc))) == 1


def test_a_quoted_outlet_named_before_the_cue_is_no_quote():
    # a short quotation after a word of its sentence names something; it was taken for a
    # quote put before its cue («...»، قال)
    spans, links = found("وفي حديثه إلى قناة «الحدث»، اعتبر المحلل أن التصعيد مستبعد.")
    assert ("said_by", "التصعيد مستبعد", "المحلل") in links
    assert not any(layer == "quote" and words == "الحدث" for layer, words, _ in spans)
    assert ("said_by", "لن نتراجع", "الوزير") in found("«لن نتراجع»، قال الوزير.")[1]


def test_a_quote_put_before_hakadha_qala():
    # «...»، هكذا قال فلان: "thus said": the quote before its cue, with هكذا between
    spans, links = found("«سنواصل العمل حتى النهاية»، هكذا قال رئيس الوزراء في ختام الاجتماع.")
    assert ("said_by", "سنواصل العمل حتى النهاية", "رئيس الوزراء") in links


def test_a_warning_of_an_unquoted_topic_is_no_quote():
    assert found("وحذر الخبراء من موجة حر شديدة.")[0] == set()
    assert found("وحذر الخبراء من موجة «حر» شديدة.")[0] == set()  # the quoted word is not right after من


def test_bayna_without_its_shadda_is_between_and_no_cue():
    spans, _ = found("وبين البلدين علاقات قوية منذ عقود.")
    assert spans == set()


def test_dictionary_suggestions_keep_the_longer_of_overlapping_names_in_the_project_and_in_a_file(tmp_path,
                                                                                                 monkeypatch):
    """زكي inside زكي أكتورك: one suggestion, the longer, whether stored or written with -o (the
    file got both, overlapping, although suggestions never overlap within a layer)."""
    from annotator.attribution.suggestions import dictionary_spans

    text = "قال زكي أكتورك إن زكي سيعود، وقال أكتورك لتركيا إن زكي أكتورك باقٍ."
    dictionary = {"زكي": "PER", "زكي أكتورك": "PER", "أكتورك": "PER", "تركيا": "GPE"}
    spans = dictionary_spans(text, "d", "x", dictionary)
    assert [text[s.start:s.end] for s in spans] == ["زكي أكتورك", "زكي", "أكتورك", "تركيا", "زكي أكتورك"]
    assert len({s.id for s in spans}) == len(spans)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "d", "text": text, "spans": [
        {"id": "A", "layer": "entity", "label": "PER", "start": 4, "end": 14},
        {"id": "B", "layer": "entity", "label": "PER", "start": 18, "end": 21}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "p.db"]).exit_code == 0
    assert runner.invoke(cli, ["import", "p.db", "d.jsonl", "--annotator", "amal"]).exit_code == 0
    result = runner.invoke(cli, ["suggest", "p.db", "--entities", "-o", "s.jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "s.jsonl").read_text(encoding="utf-8"))
    entities = sorted((s["start"], s["end"]) for s in record["spans"] if s["layer"] == "entity")
    assert [text[a:b] for a, b in entities] == ["زكي أكتورك", "زكي", "زكي أكتورك"]
    assert all(a[1] <= b[0] for a, b in zip(entities, entities[1:]))
    assert len({s["id"] for s in record["spans"]}) == len(record["spans"])


_NAME_PIECES = ["زكي", "أكتورك", "تركيا", "ل", "و", "ب", "ف", "ك", "ال", "لبنان", "IDEF", "(IDEF", "2025)", "U.S.",
                "3", "\u064e", "\u0651", "\u0640", "é", "ـ"]
_GAPS = [" ", "", "، ", "\n", "-", "«"]


@given(st.lists(st.tuples(st.sampled_from(_NAME_PIECES), st.sampled_from(_GAPS)), max_size=30),
       st.lists(st.lists(st.tuples(st.sampled_from(_NAME_PIECES), st.sampled_from(_GAPS)), min_size=1, max_size=3),
                max_size=8),
       st.data())
@settings(max_examples=1500, deadline=None)
def test_the_name_index_finds_what_a_search_for_each_name_finds(pieces, names, data):
    """A document is read once for all of a dictionary's names (NameIndex): the suggestions are
    those one search per name (find_occurrences) gave, clitics, harakat, tatweel, names of
    several words, names glued to others and names that begin with punctuation included."""
    from annotator.attribution.suggestions import NameIndex, _outermost, dictionary_spans, find_occurrences
    from annotator.core.model import Span

    text = "".join(piece + gap for piece, gap in pieces)
    forms = ["".join(p + g for p, g in name) for name in names]
    dictionary = {form: data.draw(st.sampled_from(["PER", "GPE", "ORG"])) for form in forms}
    searched = [Span(f"d{n}", "d", "x", "entity", label, start, end, {})
                for n, (form, label) in enumerate(dictionary.items())
                for start, end in find_occurrences(text, form)]
    expected = [(s.start, s.end, s.label) for s in _outermost(searched)]
    got = dictionary_spans(text, "d", "x", NameIndex(dictionary))
    assert [(s.start, s.end, s.label) for s in got] == expected
    assert [(s.start, s.end, s.label) for s in dictionary_spans(text, "d", "x", dictionary)] == expected
