<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="50" />
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="62" />
        <source>F1 overlap</source>
        <translation>F1 بالتداخل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="62" />
        <source>F1 exact</source>
        <translation>F1 بالتطابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="62" />
        <source>α nominal</source>
        <translation>α الاسمي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="64" />
        <source>Every document worked on (not only done)</source>
        <translation>كل مستند عُمل عليه (لا المنتهي فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="65" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="65" />
        <source>Measure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="81" />
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="82" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="83" />
        <source>Disagreements</source>
        <translation>مواضع الخلاف</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="100" />
        <source>Nothing to compare: fewer than two annotators have documents (only documents marked done count unless the box is ticked).</source>
        <translation>لا شيء للمقارنة: لدى أقل من مُعلِّمَين مستندات (لا تُحتسب إلا المستندات المنتهية ما لم يُؤشَّر المربع).</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="104" />
        <source>{0} documents; all annotators: F1 overlap {1}, F1 exact {2}, α_U {3}, {4} {5}</source>
        <translation>{0} مستندًا؛ كل المُعلِّمين: F1 بالتداخل {1}، F1 بالتطابق {2}، α_U {3}، {4} {5}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="128" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="142" />
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="142" />
        <source>F1 overlap (mean over pairs)</source>
        <translation>F1 بالتداخل (متوسط الأزواج)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="143" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
</context>
<context>
    <name>DifferencesPanel</name>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="172" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="172" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="172" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="172" />
        <source>Marked by</source>
        <translation>وسمه</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="179" />
        <source>Accept into gold</source>
        <translation>اعتمده في النسخة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="180" />
        <source>Reject</source>
        <translation>ارفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="192" />
        <source>{0} difference(s) between {1}</source>
        <translation>{0} اختلافًا بين {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="193" />
        <source>Fewer than two annotators finished this document.</source>
        <translation>أنهى هذا المستندَ أقلُّ من مُعلِّمَين.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="91" />
        <source>annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="133" />
        <source>Find in document</source>
        <translation>ابحث في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="136" />
        <source>Ignore harakat and tatweel</source>
        <translation>تجاهل الحركات والتطويل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="140" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="142" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="144" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="163" />
        <source>Search names and text</source>
        <translation>ابحث في الأسماء والنصوص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="166" />
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="178" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="190" />
        <source>Active layer</source>
        <translation>الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="193" />
        <source>Visible layers</source>
        <translation>الطبقات الظاهرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="195" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="200" />
        <source>Span</source>
        <translation>المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="205" />
        <source>Quote</source>
        <translation>الاقتباس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="205" />
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="205" />
        <source>Speaker</source>
        <translation>المتحدث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="206" />
        <source>Cue</source>
        <translation>فعل القول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="212" />
        <source>Quotes</source>
        <translation>الاقتباسات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="216" />
        <location filename="../../annotator/gui/main_window.py" line="992" />
        <source>Accept {0}</source>
        <translation>اعتماد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="217" />
        <location filename="../../annotator/gui/main_window.py" line="997" />
        <source>Reject {0}</source>
        <translation>رفض {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="219" />
        <source>Differences</source>
        <translation>الاختلافات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="234" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="245" />
        <source>&amp;File</source>
        <translation>ملف(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="246" />
        <source>&amp;New project…</source>
        <translation>مشروع جديد…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="247" />
        <source>&amp;Open project…</source>
        <translation>فتح مشروع…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="248" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأخيرة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="251" />
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="252" />
        <source>&amp;Export JSONL…</source>
        <translation>تصدير JSONL…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="254" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُعلِّم…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="256" />
        <source>&amp;Quit</source>
        <translation>خروج(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="258" />
        <source>&amp;Edit</source>
        <translation>تحرير(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="259" />
        <source>&amp;Undo</source>
        <translation>تراجع(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="261" />
        <source>&amp;Redo</source>
        <translation>إعادة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="266" />
        <source>&amp;Find…</source>
        <translation>بحث…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="267" />
        <source>&amp;Delete span</source>
        <translation>حذف المقطع(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="268" />
        <source>&amp;Link selected span…</source>
        <translation>اربط المقطع المحدد…(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="269" />
        <source>Mark all &amp;occurrences</source>
        <translation>علّم كل المواضع(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="271" />
        <source>&amp;View</source>
        <translation>عرض(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="272" />
        <source>Zoom &amp;in</source>
        <translation>تكبير(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="273" />
        <source>Zoom &amp;out</source>
        <translation>تصغير(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="274" />
        <source>&amp;Font…</source>
        <translation>الخط…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="275" />
        <source>Text &amp;direction</source>
        <translation>اتجاه النص(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="278" />
        <source>Automatic (first strong character)</source>
        <translation>تلقائي (أول حرف ذي اتجاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="279" />
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="279" />
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="285" />
        <source>&amp;Language</source>
        <translation>اللغة(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="293" />
        <source>&amp;Document</source>
        <translation>المستند(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="294" />
        <source>Mark &amp;done and open next</source>
        <translation>اعتبره منتهيًا وافتح التالي(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="295" />
        <source>Mark &amp;in progress</source>
        <translation>اعتبره قيد العمل(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="296" />
        <source>&amp;Suggest quotes and speakers</source>
        <translation>اقترح الاقتباسات والمتحدثين(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="297" />
        <source>&amp;Accept all suggestions</source>
        <translation>اقبل كل الاقتراحات(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="298" />
        <source>&amp;Next document</source>
        <translation>المستند التالي(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="299" />
        <source>&amp;Previous document</source>
        <translation>المستند السابق(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="301" />
        <source>&amp;Team</source>
        <translation>الفريق(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="302" />
        <source>&amp;Agreement…</source>
        <translation>الاتفاق…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="303" />
        <source>&amp;Compare with</source>
        <translation>قارن مع(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="305" />
        <source>A&amp;djudicate (gold version)</source>
        <translation>التحكيم (النسخة المرجعية)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="307" />
        <source>Auto-&amp;merge agreed spans into gold</source>
        <translation>ادمج المتفق عليه في النسخة المرجعية تلقائيًا(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="309" />
        <source>&amp;Help</source>
        <translation>مساعدة(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="310" />
        <source>&amp;Keyboard</source>
        <translation>لوحة المفاتيح(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="325" />
        <source>Read-only: edits are not possible</source>
        <translation>للقراءة فقط: لا يمكن التعديل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="342" />
        <source>{0} was made by an older version of annotator. Upgrade it to open it? A copy of the current file is kept beside it.</source>
        <translation>أُنشئ {0} بإصدار أقدم من المُعلِّم. هل تريد ترقيته لفتحه؟ ستُحفظ نسخة من الملف الحالي بجانبه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="344" />
        <source>{0} was not opened: it needs an upgrade.</source>
        <translation>لم يُفتح {0}: يحتاج إلى ترقية.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="353" />
        <source>annotator — {0}</source>
        <translation>المُعلِّم — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="354" />
        <source> (read-only)</source>
        <translation> (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="357" />
        <source>Upgraded; the old file was kept as {0}</source>
        <translation>رُقّي المشروع؛ وحُفظ الملف القديم باسم {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="396" />
        <source>{0}: {1} of {2} documents done ({3} assigned or started)</source>
        <translation>{0}: أُنهي {1} من {2} مستندًا ({3} مُسنَد أو بدأ)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="406" />
        <source>{0} code points</source>
        <translation>{0} محرفًا (نقاط ترميز)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="473" />
        <source>The project was changed by another program; view refreshed.</source>
        <translation>غيّر برنامج آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="493" />
        <location filename="../../annotator/gui/main_window.py" line="926" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="503" />
        <source>Not saved: {0}</source>
        <translation>لم يُحفظ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="505" />
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="505" />
        <source>The change was not saved:
{0}</source>
        <translation>لم يُحفظ التغيير:
{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="567" />
        <source>Relabel span</source>
        <translation>تغيير وسم المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="574" />
        <source>Add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="588" />
        <source>Delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="600" />
        <source>Resize span</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="650" />
        <source>Set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="654" />
        <source>Mark document</source>
        <translation>تغيير حالة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="670" />
        <source>Every document is done.</source>
        <translation>انتهت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="690" />
        <source>Nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="701" />
        <source>Dashed outlines: {0}'s spans</source>
        <translation>الإطارات المتقطعة: مقاطع {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="740" />
        <source>Auto-merged {0} span(s) into gold; {1} difference(s) left.</source>
        <translation>دُمج {0} مقطعًا في النسخة المرجعية؛ وبقي {1} اختلافًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="773" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="773" />
        <source>The new language is used from the next start.</source>
        <translation>تُستخدم اللغة الجديدة من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="784" />
        <source>{0} found</source>
        <translation>وُجد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="792" />
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="824" />
        <source>Status of: me ({0})</source>
        <translation>حالة: أنا ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="827" />
        <source>Status of: {0}</source>
        <translation>حالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="834" />
        <source>No span selected</source>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="837" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="838" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="871" />
        <source>Remove</source>
        <translation>أزل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="874" />
        <source>Link</source>
        <translation>رابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="897" />
        <source>Select a quote or speaker first.</source>
        <translation>حدّد اقتباسًا أو متحدثًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="901" />
        <source>A {0} cannot start a link.</source>
        <translation>لا يبدأ رابطٌ من {0}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="907" />
        <source>Link from “{0}”: click a {1} (or Tab, then Enter); Esc cancels.</source>
        <translation>ربط من «{0}»: انقر {1} (أو Tab ثم Enter)؛ Esc للإلغاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="929" />
        <source>Link {0}</source>
        <translation>ربط {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="938" />
        <source>Remove link</source>
        <translation>إزالة الرابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="973" />
        <source>No speaker linked (said_by)</source>
        <translation>لا متحدث مربوط (said_by)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="986" />
        <source>Suggestion ({0}): {1} — Enter accepts, Delete rejects</source>
        <translation>اقتراح ({0}): {1} — Enter للقبول، Delete للرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1003" />
        <source>Accept all suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1004" />
        <source>{0} suggestion(s) left: they overlap spans already there.</source>
        <translation>بقي {0} اقتراحًا: تتداخل مع مقاطع موجودة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1012" />
        <source>{0} new suggestion(s).</source>
        <translation>{0} اقتراحًا جديدًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1017" />
        <source>Select a span first.</source>
        <translation>حدّد مقطعًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1021" />
        <source>{0} more occurrence(s) suggested.</source>
        <translation>اقتُرح {0} موضعًا آخر.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1051" />
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1052" />
        <source>Annotator: {0}</source>
        <translation>المُعلِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1057" />
        <source>Offset {0} · selected {1}</source>
        <translation>الموضع {0} · المحدد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1064" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1065" />
        <source>Your name as an annotator (kept on this computer):</source>
        <translation>اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1081" />
        <location filename="../../annotator/gui/main_window.py" line="1087" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1081" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="341" />
        <location filename="../../annotator/gui/main_window.py" line="1090" />
        <location filename="../../annotator/gui/main_window.py" line="1098" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1090" />
        <source>Projects (*.db);;All files (*)</source>
        <translation>مشاريع (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1101" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1102" />
        <source>Documents and annotations (*.txt *.jsonl *.conll *.conllu *.json);;All files (*)</source>
        <translation>مستندات وتعليقات (*.txt *.jsonl *.conll *.conllu *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1123" />
        <source>Nothing was imported:</source>
        <translation>لم يُستورد شيء:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1121" />
        <location filename="../../annotator/gui/main_window.py" line="1126" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1128" />
        <source>Imported {0} new document(s) and {1} span(s); {2} already in the project.</source>
        <translation>استُورد {0} مستندًا جديدًا و{1} مقطعًا؛ و{2} موجود في المشروع من قبل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1140" />
        <source>Export JSONL</source>
        <translation>تصدير JSONL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1140" />
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1153" />
        <location filename="../../annotator/gui/main_window.py" line="1155" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1156" />
        <source>Exported {0} record(s) to {1}</source>
        <translation>صُدِّر {0} سجلًا إلى {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1167" />
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1168" />
        <source>Select text (whole words; hold Alt while selecting for part of a word), then press a label's key.
Click a span to select it; click again to cycle through overlapping spans.
Tab / Shift+Tab: next / previous span of the active layer.
Delete: remove the selected span. A label's key on a selected span relabels it.
Alt+Arrow: move the end of the selected span by a letter; with Shift, its start; with Ctrl, by a word.
Ctrl+Return: mark the document done and open the next one.
Ctrl+F: find (harakat and tatweel ignored by default). Ctrl+Z / Ctrl+Shift+Z: undo / redo.</source>
        <translation>حدّد نصًا (كلمات كاملة؛ اضغط Alt أثناء التحديد لجزء من كلمة)، ثم اضغط مفتاح الوسم.
انقر مقطعًا لتحديده؛ وانقر مرة أخرى للتنقل بين المقاطع المتداخلة.
Tab / Shift+Tab: المقطع التالي / السابق في الطبقة النشطة.
Delete: احذف المقطع المحدد. مفتاح وسم على مقطع محدد يغيّر وسمه.
Alt+سهم: حرّك نهاية المقطع المحدد حرفًا؛ ومع Shift بدايته؛ ومع Ctrl كلمة.
Ctrl+Return: اعتبر المستند منتهيًا وافتح التالي.
Ctrl+F: بحث (تُتجاهل الحركات والتطويل افتراضيًا). Ctrl+Z / Ctrl+Shift+Z: تراجع / إعادة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1223" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1223" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1223" />
        <source>done</source>
        <translation>منتهٍ</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="107" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="107" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="107" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="107" />
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="107" />
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="108" />
        <source>Attributes</source>
        <translation>الخصائص</translation>
    </message>
</context>
</TS>