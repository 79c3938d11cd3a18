<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="57" />
        <location filename="../../annotator/gui/team_views.py" line="104" />
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="69" />
        <source>F1 overlap</source>
        <translation>F1 بالتداخل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="69" />
        <source>F1 exact</source>
        <translation>F1 بالتطابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="69" />
        <source>α nominal</source>
        <translation>α الاسمي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="71" />
        <source>Every document worked on (not only done)</source>
        <translation>كل مستند عُمل عليه (لا المنتهي فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="72" />
        <source>Compute again</source>
        <translation>احسب من جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="73" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="73" />
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="89" />
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="90" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="91" />
        <source>Disagreements</source>
        <translation>مواضع الخلاف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="103" />
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="103" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="120" />
        <source>Not computed: cancelled (Compute again starts over).</source>
        <translation>لم يُحسب: أُلغي (زر «احسب من جديد» يبدأ من أوله).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="122" />
        <source>Nothing to compare: fewer than two annotators have documents (only documents marked done count unless the box is ticked).</source>
        <translation>لا شيء للمقارنة: لدى أقل من مُعلِّمَين مستندات (لا تُحتسب إلا المستندات المنتهية ما لم يُؤشَّر المربع).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="126" />
        <source>{0} documents; all annotators: F1 overlap {1}, F1 exact {2}, α_U {3}, {4} {5}</source>
        <translation>المستندات: {0}؛ كل المُعلِّمين: F1 بالتداخل {1}، F1 بالتطابق {2}، α_U {3}، {4} {5}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="150" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="164" />
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="164" />
        <source>F1 overlap (mean over pairs)</source>
        <translation>F1 بالتداخل (متوسط الأزواج)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="165" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="165" />
        <source>Pair agreeing least</source>
        <translation>الزوج الأقل اتفاقًا</translation>
    </message>
</context>
<context>
    <name>DifferencesPanel</name>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="198" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="198" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="199" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="198" />
        <source>Marked by</source>
        <translation>وسمه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="210" />
        <source>Accept into gold</source>
        <translation>اعتمده في النسخة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="211" />
        <source>Reject</source>
        <translation>ارفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="230" />
        <source>{0} difference(s) between {1}; {2} agreed item(s) not yet in gold</source>
        <translation>الاختلافات بين {1}: {0}؛ والعناصر المتفق عليها التي لم تُضف بعد إلى النسخة المرجعية: {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="235" />
        <source>all (agreed)</source>
        <translation>الجميع (متفق عليه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="232" />
        <source>Fewer than two annotators finished this document.</source>
        <translation>أنهى هذا المستندَ أقلُّ من مُعلِّمَين.</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="54" />
        <source>{0} code points</source>
        <translation>الطول: {0} (بنقاط الترميز)</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="46" />
        <location filename="../../annotator/gui/file_actions.py" line="58" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="47" />
        <source>Your name as an annotator (kept on this computer):</source>
        <translation>اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="75" />
        <source>A name cannot hold the control character U+{0:04X}.</source>
        <translation>لا يمكن أن يحتوي الاسم على محرف التحكم U+{0:04X}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="77" />
        <source>A name is at most {0} characters long.</source>
        <translation>لا يتجاوز الاسم {0} حرفًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="82" />
        <source>"{0}" is the name of the adjudicated version: work on it with Team ▸ Adjudicate.</source>
        <translation>هذا اسم النسخة المرجعية («{0}»): اعمل عليها من الفريق ◂ التحكيم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="86" />
        <source>On this server you work as {0}, the name you connect with.</source>
        <translation>تعمل على هذا الخادم باسم {0}، وهو الاسم الذي تتصل به.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="90" />
        <location filename="../../annotator/gui/file_actions.py" line="96" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="90" />
        <location filename="../../annotator/gui/file_actions.py" line="343" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="99" />
        <location filename="../../annotator/gui/file_actions.py" line="134" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="99" />
        <source>Projects (*.db);;All files (*)</source>
        <translation>مشاريع (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="108" />
        <location filename="../../annotator/gui/file_actions.py" line="114" />
        <source>Open URL</source>
        <translation>فتح عنوان URL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="109" />
        <source>The project's database, as postgresql://user@host/database:</source>
        <translation>قاعدة بيانات المشروع، بالصيغة postgresql://user@host/database:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="114" />
        <source>{0} is not a postgresql:// URL.</source>
        <translation>{0} ليس عنوانًا من نوع postgresql://.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="121" />
        <source>Connecting to {0}…</source>
        <translation>جارٍ الاتصال بـ {0}…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="141" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="150" />
        <source>Documents and annotations, format found from each file</source>
        <translation>مستندات وتعليقات، يُعرف تنسيق كل ملف منه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="152" />
        <source>Plain text</source>
        <translation>نص عادي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="153" />
        <source>Native JSONL</source>
        <translation>JSONL الخاص بالبرنامج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="162" />
        <source>All files, format found from each file</source>
        <translation>كل الملفات، يُعرف تنسيق كل ملف منه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="204" />
        <location filename="../../annotator/gui/file_actions.py" line="224" />
        <location filename="../../annotator/gui/file_actions.py" line="226" />
        <location filename="../../annotator/gui/file_actions.py" line="234" />
        <location filename="../../annotator/gui/file_actions.py" line="240" />
        <location filename="../../annotator/gui/file_actions.py" line="247" />
        <location filename="../../annotator/gui/file_actions.py" line="254" />
        <location filename="../../annotator/gui/file_actions.py" line="272" />
        <location filename="../../annotator/gui/file_actions.py" line="308" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="204" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="204" />
        <location filename="../../annotator/gui/file_actions.py" line="325" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="224" />
        <source>Import cancelled: nothing was imported.</source>
        <translation>أُلغي الاستيراد: لم يُستورد شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="228" />
        <source>Nothing was imported:</source>
        <translation>لم يُستورد شيء:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="235" />
        <source>{0} is not UTF-8 but reads as Arabic text saved in Windows-1256 (cp1256), as Windows wrote Arabic files before UTF-8. Import the text files in that encoding?</source>
        <translation>{0} ليس بترميز UTF-8، لكنه يُقرأ نصًّا عربيًّا محفوظًا بترميز Windows-1256 (cp1256)، كما كان ويندوز يحفظ الملفات العربية قبل UTF-8. أأستورد الملفات النصية بهذا الترميز؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="241" />
        <source>The files use labels, layers, attributes or link types the project's schema does not have ({0}). Add them to the schema and import the files?</source>
        <translation>تستعمل الملفات وسومًا أو طبقات أو خصائص أو أنواع روابط ليست في مخطط المشروع ({0}). أأضيفها إلى المخطط وأستورد الملفات؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="248" />
        <source>Spans of {0} record(s) end between a letter and its harakat ({1}), as a selection in a browser can. Widen those spans to the whole letter and import the files?</source>
        <translation>تنتهي مقاطع في {0} من السجلات بين حرف وحركاته ({1})، كما قد ينتهي تحديد في المتصفح. أأوسّع هذه المقاطع إلى الحرف كاملًا وأستورد الملفات؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="262" />
        <source>Imported {0} new document(s) and {1} span(s); {2} already in the project.</source>
        <translation>استُورد من المستندات الجديدة: {0}، ومن المقاطع: {1}؛ والموجود في المشروع من قبل: {2}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="266" />
        <source>Schema extended ({0}): {1}</source>
        <translation>وُسِّع المخطط ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="270" />
        <source>Left out or changed ({0}):</source>
        <translation>تُرك أو غُيِّر ({0}):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="303" />
        <source>{0} has {1} sentences that it does not divide into documents (no -DOCSTART- or # newdoc lines): as one document they are held whole and slow to annotate. Import them as documents of {2} sentences each?</source>
        <translation>في {0} ‏{1} جملة لا يقسمها إلى مستندات (ليس فيه أسطر ⁨-⁠DOCSTART-⁩ ولا ⁨# newdoc⁩): في مستند واحد تُحمَل كلها في الذاكرة ويبطؤ التعليم عليها. أأستوردها مستنداتٍ في كلٍّ منها {2} جملة؟</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="307" />
        <source>({0} files are so.)</source>
        <translation>(‏{0} من الملفات كذلك.)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="313" />
        <source>Export JSONL</source>
        <translation>تصدير JSONL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="313" />
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="324" />
        <location filename="../../annotator/gui/file_actions.py" line="325" />
        <location filename="../../annotator/gui/file_actions.py" line="331" />
        <location filename="../../annotator/gui/file_actions.py" line="333" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="325" />
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="331" />
        <source>Export cancelled: nothing was written.</source>
        <translation>أُلغي التصدير: لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="336" />
        <source>Exported {0} record(s) to {1}</source>
        <translation>صُدِّر إلى {1} (السجلات: {0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="343" />
        <location filename="../../annotator/gui/file_actions.py" line="355" />
        <location filename="../../annotator/gui/file_actions.py" line="357" />
        <source>Save a copy</source>
        <translation>حفظ نسخة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/file_actions.py" line="358" />
        <source>Copied the project to {0}: {1} document(s), {2} span(s)</source>
        <translation>نُسخ المشروع إلى {0} (المستندات: {1}، المقاطع الموسومة: {2})</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="28" />
        <source>Find in document</source>
        <translation>ابحث في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="31" />
        <source>Ignore harakat and tatweel</source>
        <translation>تجاهل الحركات والتطويل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="33" />
        <source>أ إ آ = ا, ى = ي</source>
        <translation>أ إ آ = ا، ى = ي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="34" />
        <source>Treat the alef forms as alef and alef maqsura as ya</source>
        <translation>عامل صور الألف معاملة الألف، والألف المقصورة معاملة الياء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="36" />
        <source>ة = ه</source>
        <translation>ة = ه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="37" />
        <source>Treat ta marbuta as ha</source>
        <translation>عامل التاء المربوطة معاملة الهاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="39" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="41" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="43" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="72" />
        <source>{0} found</source>
        <translation>وُجد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/find_bar.py" line="79" />
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
</context>
<context>
    <name>KeyboardHelp</name>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="26" />
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="28" />
        <source>select, then a label's key</source>
        <translation>حدّد ثم مفتاح الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="28" />
        <source>Label the selection in the active layer (whole words)</source>
        <translation>يوسم التحديد في الطبقة النشطة (كلمات كاملة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="29" />
        <source>Alt + select</source>
        <translation>Alt مع التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="29" />
        <source>Keep part of a word (sub-word span), punctuation included</source>
        <translation>يُبقي جزءًا من كلمة (مقطع داخل الكلمة) بعلامات الترقيم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="30" />
        <source>click a span</source>
        <translation>انقر مقطعًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="30" />
        <source>Select it; click again to cycle through overlapping spans</source>
        <translation>يحدده؛ والنقر ثانية يتنقل بين المقاطع المتداخلة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="31" />
        <source>a label's key</source>
        <translation>مفتاح وسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="31" />
        <source>Relabel the selected span</source>
        <translation>يغيّر وسم المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="32" />
        <source>Next / previous span of the active layer</source>
        <translation>المقطع التالي / السابق في الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="33" />
        <source>Remove the selected span and its links</source>
        <translation>يحذف المقطع المحدد وروابطه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="34" />
        <source>Move the end of the selected span by a letter (arrows are visual)</source>
        <translation>يحرك نهاية المقطع المحدد حرفًا (الأسهم بحسب الشاشة)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="35" />
        <source>Move the start of the selected span by a letter</source>
        <translation>يحرك بداية المقطع المحدد حرفًا</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="36" />
        <source>Move the edge by a word</source>
        <translation>يحرك الطرف كلمة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="37" />
        <source>Link the selected span: then click its partner, or Tab and Enter</source>
        <translation>يربط المقطع المحدد: ثم انقر شريكه، أو Tab ثم Enter</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="38" />
        <source>Mark the document done and open the next one</source>
        <translation>يُنهي المستند ويفتح التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="39" />
        <source>Find (harakat, tatweel and letter variants ignored by default)</source>
        <translation>بحث (تُتجاهل الحركات والتطويل وصور الحروف افتراضيًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="40" />
        <source>Close the find bar; clear the selection</source>
        <translation>يغلق شريط البحث؛ يلغي التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="41" />
        <source>Undo / redo</source>
        <translation>تراجع / إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="44" />
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/keyboard_help.py" line="44" />
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
</context>
<context>
    <name>LinkActions</name>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="48" />
        <source>Select a quote or speaker first.</source>
        <translation>حدّد اقتباسًا أو متحدثًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="52" />
        <source>A {0} cannot start a link.</source>
        <translation>لا يبدأ رابطٌ من {0}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="58" />
        <source>Link from “{0}”: click a {1} (or Tab, then Enter); Esc cancels.</source>
        <translation>ربط من «{0}»: انقر {1} (أو Tab ثم Enter)؛ Esc للإلغاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="79" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="82" />
        <source>Link {0}</source>
        <translation>ربط {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="94" />
        <source>Remove link</source>
        <translation>إزالة الرابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="131" />
        <source>No speaker linked (said_by)</source>
        <translation>لا متحدث مربوط (said_by)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="147" />
        <source>{0}, score {1:.2f}</source>
        <translation>{0}، الثقة {1:.2f}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="149" />
        <source>Suggestion ({0}): {1} — Enter accepts, Delete rejects</source>
        <translation>اقتراح ({0}): {1} — Enter للقبول، Delete للرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="155" />
        <source>Accept {0}</source>
        <translation>اعتماد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="160" />
        <source>Reject {0}</source>
        <translation>رفض {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="166" />
        <source>Accept all suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="167" />
        <source>{0} suggestion(s) left: they overlap spans already there.</source>
        <translation>الاقتراحات المتبقية: {0}، تتداخل مع مقاطع موجودة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="174" />
        <source>Suggestions are being found already…</source>
        <translation>يجري البحث عن الاقتراحات بالفعل…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="185" />
        <source>Finding suggestions in this document…</source>
        <translation>يجري البحث عن الاقتراحات في هذا المستند…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="204" />
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="212" />
        <source>{0} new suggestion(s).</source>
        <translation>الاقتراحات الجديدة: {0}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="217" />
        <source>Select a span first.</source>
        <translation>حدّد مقطعًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/link_actions.py" line="221" />
        <source>{0} more occurrence(s) suggested.</source>
        <translation>المواضع الأخرى المقترحة: {0}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="95" />
        <source>annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="187" />
        <source>Search names and text</source>
        <translation>ابحث في الأسماء والنصوص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="201" />
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="214" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="232" />
        <source>Active layer</source>
        <translation>الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="235" />
        <source>Visible layers</source>
        <translation>الطبقات الظاهرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="237" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="255" />
        <source>Span</source>
        <translation>المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="260" />
        <source>Quote</source>
        <translation>الاقتباس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="260" />
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="260" />
        <source>Speaker</source>
        <translation>المتحدث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="261" />
        <source>Cue</source>
        <translation>فعل القول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="270" />
        <source>Quotes</source>
        <translation>الاقتباسات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="277" />
        <source>Accept {0}</source>
        <translation>اعتماد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="278" />
        <source>Reject {0}</source>
        <translation>رفض {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="280" />
        <source>Differences</source>
        <translation>الاختلافات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="297" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="308" />
        <source>&amp;File</source>
        <translation>ملف(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="309" />
        <source>&amp;New project…</source>
        <translation>مشروع جديد…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="310" />
        <source>&amp;Open project…</source>
        <translation>فتح مشروع…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="311" />
        <source>Open &amp;URL…</source>
        <translation>فتح عنوان URL…(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="312" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأخيرة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="315" />
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="316" />
        <source>&amp;Export JSONL…</source>
        <translation>تصدير JSONL…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="317" />
        <source>Save a &amp;copy…</source>
        <translation>حفظ نسخة…(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="319" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُعلِّم…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="321" />
        <source>&amp;Quit</source>
        <translation>خروج(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="323" />
        <source>&amp;Edit</source>
        <translation>تحرير(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="324" />
        <source>&amp;Undo</source>
        <translation>تراجع(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="326" />
        <source>&amp;Redo</source>
        <translation>إعادة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="331" />
        <source>&amp;Find…</source>
        <translation>بحث…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="332" />
        <source>&amp;Delete span</source>
        <translation>حذف المقطع(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="333" />
        <source>&amp;Link selected span…</source>
        <translation>اربط المقطع المحدد…(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="334" />
        <source>Mark all &amp;occurrences</source>
        <translation>علّم كل المواضع(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="336" />
        <source>&amp;View</source>
        <translation>عرض(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="337" />
        <source>Zoom &amp;in</source>
        <translation>تكبير(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="338" />
        <source>Zoom &amp;out</source>
        <translation>تصغير(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="339" />
        <source>&amp;Font…</source>
        <translation>الخط…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="340" />
        <source>Text &amp;direction</source>
        <translation>اتجاه النص(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="343" />
        <source>Automatic (first strong character)</source>
        <translation>تلقائي (أول حرف ذي اتجاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="344" />
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="344" />
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="350" />
        <source>&amp;Language</source>
        <translation>اللغة(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="358" />
        <source>&amp;Document</source>
        <translation>المستند(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="359" />
        <source>Mark &amp;done and open next</source>
        <translation>اعتبره منتهيًا وافتح التالي(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="360" />
        <source>Mark &amp;in progress</source>
        <translation>اعتبره قيد العمل(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="361" />
        <source>&amp;Suggest quotes and speakers</source>
        <translation>اقترح الاقتباسات والمتحدثين(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="363" />
        <source>&amp;Accept all suggestions</source>
        <translation>اقبل كل الاقتراحات(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="364" />
        <source>&amp;Next document</source>
        <translation>المستند التالي(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="365" />
        <source>&amp;Previous document</source>
        <translation>المستند السابق(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="369" />
        <source>&amp;Team</source>
        <translation>الفريق(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="370" />
        <source>&amp;Agreement…</source>
        <translation>الاتفاق…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="371" />
        <source>&amp;Compare with</source>
        <translation>قارن مع(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="373" />
        <source>A&amp;djudicate (gold version)</source>
        <translation>التحكيم (النسخة المرجعية)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="375" />
        <source>Auto-&amp;merge agreed spans into gold</source>
        <translation>ادمج المتفق عليه في النسخة المرجعية تلقائيًا(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="376" />
        <source>&amp;Back to my work</source>
        <translation>العودة إلى عملي(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="379" />
        <source>&amp;Help</source>
        <translation>مساعدة(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="380" />
        <source>&amp;Keyboard</source>
        <translation>لوحة المفاتيح(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="395" />
        <source>Read-only: edits are not possible</source>
        <translation>للقراءة فقط: لا يمكن التعديل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="398" />
        <source>Blind annotation</source>
        <translation>تعليم أعمى</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="433" />
        <source>{0} was made by an older version of annotator. Upgrade it to open it? A copy of the current file is kept beside it.</source>
        <translation>أُنشئ {0} بإصدار أقدم من المُعلِّم. هل تريد ترقيته لفتحه؟ ستُحفظ نسخة من الملف الحالي بجانبه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="437" />
        <source>{0} was not opened: it needs an upgrade.</source>
        <translation>لم يُفتح {0}: يحتاج إلى ترقية.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="454" />
        <source>annotator — {0}</source>
        <translation>المُعلِّم — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="455" />
        <source> (read-only)</source>
        <translation> (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="461" />
        <source>You see everyone's work: you lead this project.</source>
        <translation>ترى عمل الجميع: أنت قائد هذا المشروع.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="462" />
        <source>Another annotator's work on a document shows once you and they have both marked it done.</source>
        <translation>يظهر عمل مُعلّم آخر على مستند بعد أن تُنهياه كلاكما.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="464" />
        <source>Upgraded; the old file was kept as {0}</source>
        <translation>رُقّي المشروع؛ وحُفظ الملف القديم باسم {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="558" />
        <source>{0}: {1} of {2} documents done ({3} assigned or started)</source>
        <translation>{0}: المستندات المنتهية {1} من {2} (المُسنَدة أو المبدوءة: {3})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="652" />
        <source>Connected to the server again; view refreshed.</source>
        <translation>عاد الاتصال بالخادم؛ حُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="654" />
        <source>Another annotator changed the project; view refreshed.</source>
        <translation>غيّر مُعلّم آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="656" />
        <source>The project was changed by another program; view refreshed.</source>
        <translation>غيّر برنامج آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="662" />
        <source>Connection to the server lost — reconnecting…</source>
        <translation>انقطع الاتصال بالخادم — تجري إعادة الاتصال…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="684" />
        <source>You are looking at {0}'s work; Team ▸ Back to my work to edit.</source>
        <translation>أنت تطّلع على عمل {0}؛ للتعديل: الفريق ◂ العودة إلى عملي.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="695" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="718" />
        <source>Not saved: {0}</source>
        <translation>لم يُحفظ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="720" />
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="720" />
        <source>The change was not saved:
{0}</source>
        <translation>لم يُحفظ التغيير:
{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="804" />
        <source>Relabel span</source>
        <translation>تغيير وسم المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="811" />
        <source>Add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="822" />
        <source>Delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="834" />
        <source>Resize span</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="908" />
        <source>A value cannot hold the control character U+{0:04X}.</source>
        <translation>لا يمكن أن تحتوي القيمة على محرف التحكم U+{0:04X}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="917" />
        <source>Set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="922" />
        <source>Mark document</source>
        <translation>تغيير حالة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="938" />
        <source>Every document is done.</source>
        <translation>انتهت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="966" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="963" />
        <source>The new language is used from the next start.</source>
        <translation>تُستخدم اللغة الجديدة من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1006" />
        <source>Status of: me ({0})</source>
        <translation>حالة: أنا ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1009" />
        <source>Status of: {0}</source>
        <translation>حالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1084" />
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1086" />
        <source>Annotator: {0}</source>
        <translation>المُعلِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1091" />
        <source>Offset {0} · selected {1}</source>
        <translation>الموضع {0} · المحدد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="432" />
        <location filename="../../annotator/gui/main_window.py" line="526" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1139" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1139" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1139" />
        <source>done</source>
        <translation>منتهٍ</translation>
    </message>
</context>
<context>
    <name>ModelActions</name>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="52" />
        <source>&amp;Suggest</source>
        <translation>اقتراحات(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="53" />
        <source>Suggest &amp;quotes and speakers (rules)</source>
        <translation>اقترح الاقتباسات والمتحدثين (بالقواعد)(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="55" />
        <source>&amp;Train model</source>
        <translation>درّب نموذجاً(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="56" />
        <source>Suggest with &amp;model</source>
        <translation>اقترح بالنموذج(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="57" />
        <source>Suggest with a model &amp;from another project…</source>
        <translation>اقترح بنموذج من مشروع آخر…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="59" />
        <source>Most &amp;doubtful first</source>
        <translation>الأكثر شكاً أولاً(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="85" />
        <source>; held-out overlap F1 {0:.2f}</source>
        <translation>؛ F1 بالتداخل على المستندات المحجوزة {0:.2f}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="86" />
        <source>Model trained on {0} done document(s) in {1:.0f} s{2}. Saved to {3}.</source>
        <translation>دُرّب النموذج (المستندات المنتهية: {0}، المدة: {1:.0f} ث{2}). حُفظ في {3}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="89" />
        <source>Training a model on the done documents…</source>
        <translation>تدريب نموذج على المستندات المنجزة…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="98" />
        <source>Suggest with model</source>
        <translation>الاقتراح بالنموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="99" />
        <source>No model yet: Suggest ▸ Train model makes one from the documents marked done.</source>
        <translation>لا نموذج بعد: «اقتراحات ◂ درّب نموذجاً» يصنع واحداً من المستندات المعلَّمة منجزة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="106" />
        <source>Model folder</source>
        <translation>مجلد النموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="120" />
        <source>suggesting</source>
        <translation>الاقتراح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="122" />
        <source>{0} new suggestion(s) from the model in {1} document(s).</source>
        <translation>الاقتراحات الجديدة من النموذج: {0} (المستندات: {1}).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="124" />
        <source>Suggesting with the model…</source>
        <translation>الاقتراح بالنموذج…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="132" />
        <location filename="../../annotator/gui/model_actions.py" line="141" />
        <location filename="../../annotator/gui/model_actions.py" line="201" />
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="138" />
        <source>A model job is running already.</source>
        <translation>عمل للنموذج جارٍ بالفعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="140" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="164" />
        <source>trial on held-out documents</source>
        <translation>تجربة على المستندات المحجوزة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="164" />
        <source>final model</source>
        <translation>النموذج النهائي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="165" />
        <source>reading the documents</source>
        <translation>قراءة المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="165" />
        <source>training</source>
        <translation>التدريب</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/model_actions.py" line="206" />
        <source>Cancelled. A model is saved only when training ends; suggestions already stored stay pending.</source>
        <translation>أُلغي. لا يُحفظ النموذج إلا عند انتهاء التدريب؛ والاقتراحات المخزنة تبقى معلّقة.</translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="101" />
        <source>No span selected</source>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="106" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="107" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="131" />
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="145" />
        <location filename="../../annotator/gui/span_panel.py" line="146" />
        <source>Remove</source>
        <translation>أزل</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="133" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="133" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="133" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="133" />
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="133" />
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="134" />
        <source>Attributes</source>
        <translation>الخصائص</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="43" />
        <source>Viewing {0} × {1}: editing is off (Team ▸ Back to my work)</source>
        <translation>عرض {0} × {1}: التعديل متوقف (الفريق ◂ العودة إلى عملي)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="62" />
        <source>Nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="74" />
        <source>Dashed outlines: {0}'s spans</source>
        <translation>الإطارات المتقطعة: مقاطع {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="114" />
        <source>Merging agreed spans into gold…</source>
        <translation>جارٍ دمج المقاطع المتفق عليها في النسخة الذهبية…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="114" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="115" />
        <source>Auto-merge</source>
        <translation>الدمج التلقائي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="119" />
        <source>Auto-merge cancelled: nothing was merged.</source>
        <translation>أُلغي الدمج التلقائي: لم يُدمج شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_actions.py" line="123" />
        <source>Auto-merged {0} span(s) into gold; {1} difference(s) left.</source>
        <translation>المقاطع المدمجة في النسخة المرجعية: {0}؛ والاختلافات المتبقية: {1}.</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="35" />
        <source>No project is open</source>
        <translation>لا يوجد مشروع مفتوح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="39" />
        <source>Open the sample project (Arabic news)</source>
        <translation>فتح المشروع النموذجي (أخبار عربية)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="40" />
        <source>Open a project…</source>
        <translation>فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="41" />
        <source>Open a team project on a server (URL)…</source>
        <translation>فتح مشروع فريق على خادم (URL)…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="42" />
        <source>New project…</source>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="48" />
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
</context>
</TS>