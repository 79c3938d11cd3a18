"""Fill resources/translations/annotator_ar.ts with the Arabic strings below, then compile
it to annotator_ar.qm.

After changing user-visible strings in annotator/gui:
    pyside6-lupdate -no-obsolete annotator/gui/*.py -ts resources/translations/annotator_ar.ts
    python scripts/fill_translations_ar.py      # add the new strings to ARABIC first
Mnemonics follow Qt's convention for scripts without Latin letters: "ملف(&F)".
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "annotator_ar.ts"

ARABIC = {
    "annotator": "المُعلِّم",
    "Find in document": "ابحث في المستند",
    "Ignore harakat and tatweel": "تجاهل الحركات والتطويل",
    "Previous": "السابق",
    "Next": "التالي",
    "Close": "إغلاق",
    "Search names and text": "ابحث في الأسماء والنصوص",
    "All documents": "كل المستندات",
    "Documents": "المستندات",
    "Active layer": "الطبقة النشطة",
    "Visible layers": "الطبقات الظاهرة",
    "Labels": "الوسوم",
    "Span": "المقطع المحدد",
    "Spans": "المقاطع الموسومة",
    "&File": "ملف(&F)",
    "&New project…": "مشروع جديد…(&N)",
    "&Open project…": "فتح مشروع…(&O)",
    "Open &recent": "المشاريع الأخيرة(&R)",
    "&Import files…": "استيراد ملفات…(&I)",
    "&Export JSONL…": "تصدير JSONL…(&E)",
    "Save a &copy…": "حفظ نسخة…(&C)",
    "Importing…": "جارٍ الاستيراد…",
    "Exporting…": "جارٍ التصدير…",
    "Computing agreement…": "جارٍ حساب الاتفاق…",
    "Compute again": "احسب من جديد",
    "Merging agreed spans into gold…": "جارٍ دمج المقاطع المتفق عليها في النسخة الذهبية…",
    "Auto-merge": "الدمج التلقائي",
    "Auto-merge cancelled: nothing was merged.": "أُلغي الدمج التلقائي: لم يُدمج شيء.",
    "Not computed: cancelled (Compute again starts over).": "لم يُحسب: أُلغي (زر «احسب من جديد» يبدأ من أوله).",
    "Export cancelled: nothing was written.": "أُلغي التصدير: لم يُكتب شيء.",
    "Import cancelled: nothing was imported.": "أُلغي الاستيراد: لم يُستورد شيء.",
    "Save a copy": "حفظ نسخة",
    "Copied the project to {0}: {1} document(s), {2} span(s)":
        "نُسخ المشروع إلى {0} (المستندات: {1}، المقاطع الموسومة: {2})",
    "Switch &annotator…": "تبديل المُعلِّم…(&A)",
    "&Quit": "خروج(&Q)",
    "&Edit": "تحرير(&E)",
    "&Undo": "تراجع(&U)",
    "&Redo": "إعادة(&R)",
    "&Find…": "بحث…(&F)",
    "&Delete span": "حذف المقطع(&D)",
    "&View": "عرض(&V)",
    "Zoom &in": "تكبير(&I)",
    "Zoom &out": "تصغير(&O)",
    "&Font…": "الخط…(&F)",
    "Text &direction": "اتجاه النص(&D)",
    "Automatic (first strong character)": "تلقائي (أول حرف ذي اتجاه)",
    "Right to left": "من اليمين إلى اليسار",
    "Left to right": "من اليسار إلى اليمين",
    "&Language": "اللغة(&L)",
    "&Document": "المستند(&D)",
    "Mark &done and open next": "اعتبره منتهيًا وافتح التالي(&D)",
    "Mark &in progress": "اعتبره قيد العمل(&I)",
    "&Next document": "المستند التالي(&N)",
    "&Previous document": "المستند السابق(&P)",
    "&Help": "مساعدة(&H)",
    "&Keyboard": "لوحة المفاتيح(&K)",
    "annotator — {0}": "المُعلِّم — {0}",
    "{0} code points": "الطول: {0} (بنقاط الترميز)",
    "The project was changed by another program; view refreshed.": "غيّر برنامج آخر المشروع، فحُدّث العرض.",
    "Not done: {0}": "لم يُنفَّذ: {0}",
    "Relabel span": "تغيير وسم المقطع",
    "Add {0}": "إضافة {0}",
    "Delete {0}": "حذف {0}",
    "Resize span": "تغيير حدود المقطع",
    "Set {0}": "تعيين {0}",
    "Mark document": "تغيير حالة المستند",
    "Every document is done.": "انتهت كل المستندات.",
    "Language": "اللغة",
    "The new language is used from the next start.": "تُستخدم اللغة الجديدة من التشغيل القادم.",
    "{0} found": "وُجد {0}",
    "{0} of {1}": "{0} من {1}",
    "Status of: me ({0})": "حالة: أنا ({0})",
    "Status of: {0}": "حالة: {0}",
    "No span selected": "لا مقطع محدد",
    "Label": "الوسم",
    "Offsets": "المواضع",
    "Document: {0}": "المستند: {0}",
    "Annotator: {0}": "المُعلِّم: {0}",
    "Offset {0} · selected {1}": "الموضع {0} · المحدد {1}",
    "Annotator": "المُعلِّم",
    "Your name as an annotator (kept on this computer):": "اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):",
    "New project": "مشروع جديد",
    "Projects (*.db)": "مشاريع (*.db)",
    "Open project": "فتح مشروع",
    "Projects (*.db);;All files (*)": "مشاريع (*.db);;كل الملفات (*)",
    "Import files": "استيراد ملفات",
    "Documents and annotations, format found from each file": "مستندات وتعليقات، يُعرف تنسيق كل ملف منه",
    "Plain text": "نص عادي",
    "Native JSONL": "JSONL الخاص بالبرنامج",
    "All files, format found from each file": "كل الملفات، يُعرف تنسيق كل ملف منه",
    "Nothing was imported:": "لم يُستورد شيء:",
    "The files use labels, layers, attributes or link types the project's schema does not have ({0}). "
    "Add them to the schema and import the files?":
        "تستعمل الملفات وسومًا أو طبقات أو خصائص أو أنواع روابط ليست في مخطط المشروع ({0}). "
        "أأضيفها إلى المخطط وأستورد الملفات؟",
    "Schema extended ({0}): {1}": "وُسِّع المخطط ({0}): {1}",
    "Spans of {0} record(s) end between a letter and its harakat ({1}), as a selection in a browser can. "
    "Widen those spans to the whole letter and import the files?":
        "تنتهي مقاطع في {0} من السجلات بين حرف وحركاته ({1})، كما قد ينتهي تحديد في المتصفح. "
        "أأوسّع هذه المقاطع إلى الحرف كاملًا وأستورد الملفات؟",
    "{0} has {1} sentences that it does not divide into documents (no -DOCSTART- or # newdoc lines): as one "
    "document they are held whole and slow to annotate. Import them as documents of {2} sentences each?":
        "في {0} ‏{1} جملة لا يقسمها إلى مستندات (ليس فيه أسطر \u2068-\u2060DOCSTART-\u2069 ولا \u2068# newdoc\u2069): في مستند واحد "
        "تُحمَل كلها في الذاكرة ويبطؤ التعليم عليها. أأستوردها مستنداتٍ في كلٍّ منها {2} جملة؟",
    "({0} files are so.)": "(‏{0} من الملفات كذلك.)",
    "{0} is not UTF-8 but reads as Arabic text saved in Windows-1256 (cp1256), as Windows wrote Arabic files "
    "before UTF-8. Import the text files in that encoding?":
        "{0} ليس بترميز UTF-8، لكنه يُقرأ نصًّا عربيًّا محفوظًا بترميز Windows-1256 (cp1256)، كما كان ويندوز يحفظ "
        "الملفات العربية قبل UTF-8. أأستورد الملفات النصية بهذا الترميز؟",
    "Import": "استيراد",
    "Imported {0} new document(s) and {1} span(s); {2} already in the project.":
        "استُورد من المستندات الجديدة: {0}، ومن المقاطع: {1}؛ والموجود في المشروع من قبل: {2}.",
    "Export JSONL": "تصدير JSONL",
    "JSONL (*.jsonl)": "JSONL (*.jsonl)",
    "Exported {0} record(s) to {1}": "صُدِّر إلى {1} (السجلات: {0})",
    "Keyboard": "لوحة المفاتيح",
    "new": "جديد",
    "in progress": "قيد العمل",
    "done": "منتهٍ",
    "Layer": "الطبقة",
    "Text": "النص",
    "Start": "البداية",
    "End": "النهاية",
    "Attributes": "الخصائص",
    "Agreement": "الاتفاق",
    "F1 overlap": "F1 بالتداخل",
    "F1 exact": "F1 بالتطابق",
    "α nominal": "α الاسمي",
    "Every document worked on (not only done)": "كل مستند عُمل عليه (لا المنتهي فقط)",
    "Measure": "المقياس",
    "Pairs": "الأزواج",
    "Disagreements": "مواضع الخلاف",
    "Nothing to compare: fewer than two annotators have documents (only documents marked done count unless "
    "the box is ticked).": "لا شيء للمقارنة: لدى أقل من مُعلِّمَين مستندات (لا تُحتسب إلا المستندات المنتهية ما لم "
                           "يُؤشَّر المربع).",
    "{0} documents; all annotators: F1 overlap {1}, F1 exact {2}, α_U {3}, {4} {5}":
        "المستندات: {0}؛ كل المُعلِّمين: F1 بالتداخل {1}، F1 بالتطابق {2}، α_U {3}، {4} {5}",
    "Document": "المستند",
    "F1 overlap (mean over pairs)": "F1 بالتداخل (متوسط الأزواج)",
    "Marked by": "وسمه",
    "Accept into gold": "اعتمده في النسخة المرجعية",
    "Reject": "ارفض",
    "Fewer than two annotators finished this document.": "أنهى هذا المستندَ أقلُّ من مُعلِّمَين.",
    "Accept {0}": "اعتماد {0}",
    "Reject {0}": "رفض {0}",
    "Differences": "الاختلافات",
    "&Team": "الفريق(&T)",
    "&Agreement…": "الاتفاق…(&A)",
    "&Compare with": "قارن مع(&C)",
    "A&djudicate (gold version)": "التحكيم (النسخة المرجعية)(&D)",
    "Auto-&merge agreed spans into gold": "ادمج المتفق عليه في النسخة المرجعية تلقائيًا(&M)",
    "Nobody": "لا أحد",
    "Quote": "الاقتباس",
    "Type": "النوع",
    "Speaker": "المتحدث",
    "Cue": "فعل القول",
    "Quotes": "الاقتباسات",
    "&Link selected span…": "اربط المقطع المحدد…(&L)",
    "Mark all &occurrences": "علّم كل المواضع(&O)",
    "&Suggest quotes and speakers": "اقترح الاقتباسات والمتحدثين(&S)",
    "&Accept all suggestions": "اقبل كل الاقتراحات(&A)",
    "Remove": "أزل",
    "Links": "الروابط",
    "Select a quote or speaker first.": "حدّد اقتباسًا أو متحدثًا أولًا.",
    "A {0} cannot start a link.": "لا يبدأ رابطٌ من {0}.",
    "Link from “{0}”: click a {1} (or Tab, then Enter); Esc cancels.":
        "ربط من «{0}»: انقر {1} (أو Tab ثم Enter)؛ Esc للإلغاء.",
    "Link {0}": "ربط {0}",
    "Remove link": "إزالة الرابط",
    "No speaker linked (said_by)": "لا متحدث مربوط (said_by)",
    "Suggestion ({0}): {1} — Enter accepts, Delete rejects": "اقتراح ({0}): {1} — Enter للقبول، Delete للرفض",
    "Accept all suggestions": "قبول كل الاقتراحات",
    "{0} suggestion(s) left: they overlap spans already there.": "الاقتراحات المتبقية: {0}، تتداخل مع مقاطع موجودة.",
    "{0} new suggestion(s).": "الاقتراحات الجديدة: {0}.",
    "Suggestions are being found already…": "يجري البحث عن الاقتراحات بالفعل…",
    "Finding suggestions in this document…": "يجري البحث عن الاقتراحات في هذا المستند…",
    "Suggestions": "الاقتراحات",
    "Select a span first.": "حدّد مقطعًا أولًا.",
    "{0} more occurrence(s) suggested.": "المواضع الأخرى المقترحة: {0}.",
    "{0}: {1} of {2} documents done ({3} assigned or started)":
        "{0}: المستندات المنتهية {1} من {2} (المُسنَدة أو المبدوءة: {3})",
    "Dashed outlines: {0}'s spans": "الإطارات المتقطعة: مقاطع {0}",
    "Auto-merged {0} span(s) into gold; {1} difference(s) left.":
        "المقاطع المدمجة في النسخة المرجعية: {0}؛ والاختلافات المتبقية: {1}.",
    "Read-only: edits are not possible": "للقراءة فقط: لا يمكن التعديل",
    "{0} was made by an older version of annotator. Upgrade it to open it? A copy of the current file is kept beside it.":
        "أُنشئ {0} بإصدار أقدم من المُعلِّم. هل تريد ترقيته لفتحه؟ ستُحفظ نسخة من الملف الحالي بجانبه.",
    "{0} was not opened: it needs an upgrade.": "لم يُفتح {0}: يحتاج إلى ترقية.",
    " (read-only)": " (للقراءة فقط)",
    "Upgraded; the old file was kept as {0}": "رُقّي المشروع؛ وحُفظ الملف القديم باسم {0}",
    "Not saved: {0}": "لم يُحفظ: {0}",
    "Not saved": "لم يُحفظ",
    "The change was not saved:\n{0}": "لم يُحفظ التغيير:\n{0}",
    "Export": "تصدير",
    "New project…": "مشروع جديد…",
    "No project is open": "لا يوجد مشروع مفتوح",
    "Open a project…": "فتح مشروع…",
    "Open the sample project (Arabic news)": "فتح المشروع النموذجي (أخبار عربية)",
    "Recent projects": "المشاريع الأخيرة",
    "Treat ta marbuta as ha": "عامل التاء المربوطة معاملة الهاء",
    "Treat the alef forms as alef and alef maqsura as ya": "عامل صور الألف معاملة الألف، والألف المقصورة معاملة الياء",
    "أ إ آ = ا, ى = ي": "أ إ آ = ا، ى = ي",
    "ة = ه": "ة = ه",
    "Pair agreeing least": "الزوج الأقل اتفاقًا",
    "{0} difference(s) between {1}; {2} agreed item(s) not yet in gold":
        "الاختلافات بين {1}: {0}؛ والعناصر المتفق عليها التي لم تُضف بعد إلى النسخة المرجعية: {2}",
    "all (agreed)": "الجميع (متفق عليه)",
    "&Back to my work": "العودة إلى عملي(&B)",
    "You are looking at {0}'s work; Team ▸ Back to my work to edit.":
        "أنت تطّلع على عمل {0}؛ للتعديل: الفريق ◂ العودة إلى عملي.",
    "Viewing {0} × {1}: editing is off (Team ▸ Back to my work)":
        "عرض {0} × {1}: التعديل متوقف (الفريق ◂ العودة إلى عملي)",
    "select, then a label's key": "حدّد ثم مفتاح الوسم",
    "Label the selection in the active layer (whole words)": "يوسم التحديد في الطبقة النشطة (كلمات كاملة)",
    "Alt + select": "Alt مع التحديد",
    "Keep part of a word (sub-word span), punctuation included": "يُبقي جزءًا من كلمة (مقطع داخل الكلمة) بعلامات الترقيم",
    "click a span": "انقر مقطعًا",
    "Select it; click again to cycle through overlapping spans": "يحدده؛ والنقر ثانية يتنقل بين المقاطع المتداخلة",
    "a label's key": "مفتاح وسم",
    "Relabel the selected span": "يغيّر وسم المقطع المحدد",
    "Next / previous span of the active layer": "المقطع التالي / السابق في الطبقة النشطة",
    "Remove the selected span and its links": "يحذف المقطع المحدد وروابطه",
    "Move the end of the selected span by a letter (arrows are visual)":
        "يحرك نهاية المقطع المحدد حرفًا (الأسهم بحسب الشاشة)",
    "Move the start of the selected span by a letter": "يحرك بداية المقطع المحدد حرفًا",
    "Move the edge by a word": "يحرك الطرف كلمة",
    "Link the selected span: then click its partner, or Tab and Enter":
        "يربط المقطع المحدد: ثم انقر شريكه، أو Tab ثم Enter",
    "Mark the document done and open the next one": "يُنهي المستند ويفتح التالي",
    "Find (harakat, tatweel and letter variants ignored by default)":
        "بحث (تُتجاهل الحركات والتطويل وصور الحروف افتراضيًا)",
    "Close the find bar; clear the selection": "يغلق شريط البحث؛ يلغي التحديد",
    "Undo / redo": "تراجع / إعادة",
    "Key": "المفتاح",
    "Action": "الإجراء",
    "Left out or changed ({0}):": "تُرك أو غُيِّر ({0}):",
    "{0}, score {1:.2f}": "{0}، الثقة {1:.2f}",
    "&Suggest": "اقتراحات(&S)",
    "Suggest &quotes and speakers (rules)": "اقترح الاقتباسات والمتحدثين (بالقواعد)(&Q)",
    "&Train model": "درّب نموذجاً(&T)",
    "Suggest with &model": "اقترح بالنموذج(&M)",
    "Suggest with a model &from another project…": "اقترح بنموذج من مشروع آخر…(&F)",
    "Most &doubtful first": "الأكثر شكاً أولاً(&D)",
    "; held-out overlap F1 {0:.2f}": "؛ F1 بالتداخل على المستندات المحجوزة {0:.2f}",
    "Model trained on {0} done document(s) in {1:.0f} s{2}. Saved to {3}.":
        "دُرّب النموذج (المستندات المنتهية: {0}، المدة: {1:.0f} ث{2}). حُفظ في {3}.",
    "Training a model on the done documents…": "تدريب نموذج على المستندات المنجزة…",
    "Suggest with model": "الاقتراح بالنموذج",
    "No model yet: Suggest ▸ Train model makes one from the documents marked done.":
        "لا نموذج بعد: «اقتراحات ◂ درّب نموذجاً» يصنع واحداً من المستندات المعلَّمة منجزة.",
    "Model folder": "مجلد النموذج",
    "suggesting": "الاقتراح",
    "{0} new suggestion(s) from the model in {1} document(s).": "الاقتراحات الجديدة من النموذج: {0} (المستندات: {1}).",
    "Suggesting with the model…": "الاقتراح بالنموذج…",
    "Model": "النموذج",
    "A model job is running already.": "عمل للنموذج جارٍ بالفعل.",
    "Cancel": "إلغاء",
    "trial on held-out documents": "تجربة على المستندات المحجوزة",
    "final model": "النموذج النهائي",
    "reading the documents": "قراءة المستندات",
    "training": "التدريب",
    "Cancelled. A model is saved only when training ends; suggestions already stored stay pending.":
        "أُلغي. لا يُحفظ النموذج إلا عند انتهاء التدريب؛ والاقتراحات المخزنة تبقى معلّقة.",
    # A project on a PostgreSQL server
    "Open &URL…": "فتح عنوان URL…(&U)",
    "Open URL": "فتح عنوان URL",
    "Open a team project on a server (URL)…": "فتح مشروع فريق على خادم (URL)…",
    "The project's database, as postgresql://user@host/database:":
        "قاعدة بيانات المشروع، بالصيغة postgresql://user@host/database:",
    "{0} is not a postgresql:// URL.": "{0} ليس عنوانًا من نوع postgresql://.",
    "Connected to the server again; view refreshed.": "عاد الاتصال بالخادم؛ حُدّث العرض.",
    "Another annotator changed the project; view refreshed.": "غيّر مُعلّم آخر المشروع، فحُدّث العرض.",
    "Blind annotation": "تعليم أعمى",
    "Connecting to {0}…": "جارٍ الاتصال بـ {0}…",
    "You see everyone's work: you lead this project.": "ترى عمل الجميع: أنت قائد هذا المشروع.",
    "Another annotator's work on a document shows once you and they have both marked it done.":
        "يظهر عمل مُعلّم آخر على مستند بعد أن تُنهياه كلاكما.",
    "Connection to the server lost — reconnecting…": "انقطع الاتصال بالخادم — تجري إعادة الاتصال…",
    # Switch annotator: names refused
    "A name cannot hold the control character U+{0:04X}.": "لا يمكن أن يحتوي الاسم على محرف التحكم U+{0:04X}.",
    "A name is at most {0} characters long.": "لا يتجاوز الاسم {0} حرفًا.",
    # (Arabic first: a message that began with the Latin name was laid out left to right)
    "\"{0}\" is the name of the adjudicated version: work on it with Team ▸ Adjudicate.":
        "هذا اسم النسخة المرجعية («{0}»): اعمل عليها من الفريق ◂ التحكيم.",
    "On this server you work as {0}, the name you connect with.":
        "تعمل على هذا الخادم باسم {0}، وهو الاسم الذي تتصل به.",
    "A value cannot hold the control character U+{0:04X}.": "لا يمكن أن تحتوي القيمة على محرف التحكم U+{0:04X}.",
}


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if source in ARABIC:
            translation.text = ARABIC[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
