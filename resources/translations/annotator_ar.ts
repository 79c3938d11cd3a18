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
    <message>
        <location filename="../../annotator/gui/team_views.py" line="143" />
        <source>Pair agreeing least</source>
        <translation>الزوج الأقل اتفاقًا</translation>
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
        <location filename="../../annotator/gui/team_views.py" line="197" />
        <source>{0} difference(s) between {1}; {2} agreed item(s) not yet in gold</source>
        <translation>{0} اختلافًا بين {1}؛ و{2} عنصرًا متفقًا عليه لم يُضف بعد إلى النسخة المرجعية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="202" />
        <source>all (agreed)</source>
        <translation>الجميع (متفق عليه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/team_views.py" line="199" />
        <source>Fewer than two annotators finished this document.</source>
        <translation>أنهى هذا المستندَ أقلُّ من مُعلِّمَين.</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../annotator/gui/document_list.py" line="40" />
        <source>{0} code points</source>
        <translation>{0} محرفًا (نقاط ترميز)</translation>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="91" />
        <source>annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="158" />
        <source>Search names and text</source>
        <translation>ابحث في الأسماء والنصوص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="171" />
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="182" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="194" />
        <source>Active layer</source>
        <translation>الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="197" />
        <source>Visible layers</source>
        <translation>الطبقات الظاهرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="199" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="206" />
        <source>Span</source>
        <translation>المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="211" />
        <source>Quote</source>
        <translation>الاقتباس</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="211" />
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="211" />
        <source>Speaker</source>
        <translation>المتحدث</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="212" />
        <source>Cue</source>
        <translation>فعل القول</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="218" />
        <source>Quotes</source>
        <translation>الاقتباسات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="222" />
        <location filename="../../annotator/gui/main_window.py" line="1066" />
        <source>Accept {0}</source>
        <translation>اعتماد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="223" />
        <location filename="../../annotator/gui/main_window.py" line="1071" />
        <source>Reject {0}</source>
        <translation>رفض {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="225" />
        <source>Differences</source>
        <translation>الاختلافات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="241" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="252" />
        <source>&amp;File</source>
        <translation>ملف(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="253" />
        <source>&amp;New project…</source>
        <translation>مشروع جديد…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="254" />
        <source>&amp;Open project…</source>
        <translation>فتح مشروع…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="255" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأخيرة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="258" />
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="259" />
        <source>&amp;Export JSONL…</source>
        <translation>تصدير JSONL…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="261" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُعلِّم…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="263" />
        <source>&amp;Quit</source>
        <translation>خروج(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="265" />
        <source>&amp;Edit</source>
        <translation>تحرير(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="266" />
        <source>&amp;Undo</source>
        <translation>تراجع(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="268" />
        <source>&amp;Redo</source>
        <translation>إعادة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="273" />
        <source>&amp;Find…</source>
        <translation>بحث…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="274" />
        <source>&amp;Delete span</source>
        <translation>حذف المقطع(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="275" />
        <source>&amp;Link selected span…</source>
        <translation>اربط المقطع المحدد…(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="276" />
        <source>Mark all &amp;occurrences</source>
        <translation>علّم كل المواضع(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="278" />
        <source>&amp;View</source>
        <translation>عرض(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="279" />
        <source>Zoom &amp;in</source>
        <translation>تكبير(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="280" />
        <source>Zoom &amp;out</source>
        <translation>تصغير(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="281" />
        <source>&amp;Font…</source>
        <translation>الخط…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="282" />
        <source>Text &amp;direction</source>
        <translation>اتجاه النص(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="285" />
        <source>Automatic (first strong character)</source>
        <translation>تلقائي (أول حرف ذي اتجاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="286" />
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="286" />
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="292" />
        <source>&amp;Language</source>
        <translation>اللغة(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="300" />
        <source>&amp;Document</source>
        <translation>المستند(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="301" />
        <source>Mark &amp;done and open next</source>
        <translation>اعتبره منتهيًا وافتح التالي(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="302" />
        <source>Mark &amp;in progress</source>
        <translation>اعتبره قيد العمل(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="303" />
        <source>&amp;Suggest quotes and speakers</source>
        <translation>اقترح الاقتباسات والمتحدثين(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="304" />
        <source>&amp;Accept all suggestions</source>
        <translation>اقبل كل الاقتراحات(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="305" />
        <source>&amp;Next document</source>
        <translation>المستند التالي(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="306" />
        <source>&amp;Previous document</source>
        <translation>المستند السابق(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="308" />
        <source>&amp;Team</source>
        <translation>الفريق(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="309" />
        <source>&amp;Agreement…</source>
        <translation>الاتفاق…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="310" />
        <source>&amp;Compare with</source>
        <translation>قارن مع(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="312" />
        <source>A&amp;djudicate (gold version)</source>
        <translation>التحكيم (النسخة المرجعية)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="314" />
        <source>Auto-&amp;merge agreed spans into gold</source>
        <translation>ادمج المتفق عليه في النسخة المرجعية تلقائيًا(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="315" />
        <source>&amp;Back to my work</source>
        <translation>العودة إلى عملي(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="318" />
        <source>&amp;Help</source>
        <translation>مساعدة(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="319" />
        <source>&amp;Keyboard</source>
        <translation>لوحة المفاتيح(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="334" />
        <source>Read-only: edits are not possible</source>
        <translation>للقراءة فقط: لا يمكن التعديل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="355" />
        <source>{0} was made by an older version of annotator. Upgrade it to open it? A copy of the current file is kept beside it.</source>
        <translation>أُنشئ {0} بإصدار أقدم من المُعلِّم. هل تريد ترقيته لفتحه؟ ستُحفظ نسخة من الملف الحالي بجانبه.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="357" />
        <source>{0} was not opened: it needs an upgrade.</source>
        <translation>لم يُفتح {0}: يحتاج إلى ترقية.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="368" />
        <source>annotator — {0}</source>
        <translation>المُعلِّم — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="369" />
        <source> (read-only)</source>
        <translation> (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="372" />
        <source>Upgraded; the old file was kept as {0}</source>
        <translation>رُقّي المشروع؛ وحُفظ الملف القديم باسم {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="442" />
        <source>{0}: {1} of {2} documents done ({3} assigned or started)</source>
        <translation>{0}: أُنهي {1} من {2} مستندًا ({3} مُسنَد أو بدأ)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="525" />
        <source>The project was changed by another program; view refreshed.</source>
        <translation>غيّر برنامج آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="539" />
        <source>You are looking at {0}'s work; Team ▸ Back to my work to edit.</source>
        <translation>أنت تطّلع على عمل {0}؛ للتعديل: الفريق ◂ العودة إلى عملي.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="550" />
        <location filename="../../annotator/gui/main_window.py" line="996" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="573" />
        <source>Not saved: {0}</source>
        <translation>لم يُحفظ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="575" />
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="575" />
        <source>The change was not saved:
{0}</source>
        <translation>لم يُحفظ التغيير:
{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="649" />
        <source>Relabel span</source>
        <translation>تغيير وسم المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="656" />
        <source>Add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="667" />
        <source>Delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="679" />
        <source>Resize span</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="729" />
        <source>Set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="733" />
        <source>Mark document</source>
        <translation>تغيير حالة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="749" />
        <source>Every document is done.</source>
        <translation>انتهت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="774" />
        <source>Viewing {0} × {1}: editing is off (Team ▸ Back to my work)</source>
        <translation>عرض {0} × {1}: التعديل متوقف (الفريق ◂ العودة إلى عملي)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="793" />
        <source>Nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="804" />
        <source>Dashed outlines: {0}'s spans</source>
        <translation>الإطارات المتقطعة: مقاطع {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="845" />
        <source>Auto-merged {0} span(s) into gold; {1} difference(s) left.</source>
        <translation>دُمج {0} مقطعًا في النسخة المرجعية؛ وبقي {1} اختلافًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="878" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="878" />
        <source>The new language is used from the next start.</source>
        <translation>تُستخدم اللغة الجديدة من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="917" />
        <source>Status of: me ({0})</source>
        <translation>حالة: أنا ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="920" />
        <source>Status of: {0}</source>
        <translation>حالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="967" />
        <source>Select a quote or speaker first.</source>
        <translation>حدّد اقتباسًا أو متحدثًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="971" />
        <source>A {0} cannot start a link.</source>
        <translation>لا يبدأ رابطٌ من {0}.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="977" />
        <source>Link from “{0}”: click a {1} (or Tab, then Enter); Esc cancels.</source>
        <translation>ربط من «{0}»: انقر {1} (أو Tab ثم Enter)؛ Esc للإلغاء.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="999" />
        <source>Link {0}</source>
        <translation>ربط {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1010" />
        <source>Remove link</source>
        <translation>إزالة الرابط</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1047" />
        <source>No speaker linked (said_by)</source>
        <translation>لا متحدث مربوط (said_by)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1060" />
        <source>Suggestion ({0}): {1} — Enter accepts, Delete rejects</source>
        <translation>اقتراح ({0}): {1} — Enter للقبول، Delete للرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1077" />
        <source>Accept all suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1078" />
        <source>{0} suggestion(s) left: they overlap spans already there.</source>
        <translation>بقي {0} اقتراحًا: تتداخل مع مقاطع موجودة.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1086" />
        <source>{0} new suggestion(s).</source>
        <translation>{0} اقتراحًا جديدًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1091" />
        <source>Select a span first.</source>
        <translation>حدّد مقطعًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1095" />
        <source>{0} more occurrence(s) suggested.</source>
        <translation>اقتُرح {0} موضعًا آخر.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1127" />
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1128" />
        <source>Annotator: {0}</source>
        <translation>المُعلِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1133" />
        <source>Offset {0} · selected {1}</source>
        <translation>الموضع {0} · المحدد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1140" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1141" />
        <source>Your name as an annotator (kept on this computer):</source>
        <translation>اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1157" />
        <location filename="../../annotator/gui/main_window.py" line="1163" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1157" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="354" />
        <location filename="../../annotator/gui/main_window.py" line="410" />
        <location filename="../../annotator/gui/main_window.py" line="1166" />
        <location filename="../../annotator/gui/main_window.py" line="1174" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1166" />
        <source>Projects (*.db);;All files (*)</source>
        <translation>مشاريع (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1177" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1178" />
        <source>Documents and annotations (*.txt *.jsonl *.conll *.conllu *.json);;All files (*)</source>
        <translation>مستندات وتعليقات (*.txt *.jsonl *.conll *.conllu *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1199" />
        <source>Nothing was imported:</source>
        <translation>لم يُستورد شيء:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1197" />
        <location filename="../../annotator/gui/main_window.py" line="1202" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1204" />
        <source>Imported {0} new document(s) and {1} span(s); {2} already in the project.</source>
        <translation>استُورد {0} مستندًا جديدًا و{1} مقطعًا؛ و{2} موجود في المشروع من قبل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1216" />
        <source>Export JSONL</source>
        <translation>تصدير JSONL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1216" />
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1229" />
        <location filename="../../annotator/gui/main_window.py" line="1231" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1232" />
        <source>Exported {0} record(s) to {1}</source>
        <translation>صُدِّر {0} سجلًا إلى {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1243" />
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1244" />
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
        <location filename="../../annotator/gui/main_window.py" line="1302" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1302" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="1302" />
        <source>done</source>
        <translation>منتهٍ</translation>
    </message>
</context>
<context>
    <name>SpanPanel</name>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="72" />
        <source>No span selected</source>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="76" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="77" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="103" />
        <source>Remove</source>
        <translation>أزل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_panel.py" line="106" />
        <source>Link</source>
        <translation>رابط</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="110" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="110" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="110" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="110" />
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="110" />
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="111" />
        <source>Attributes</source>
        <translation>الخصائص</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="22" />
        <source>No project is open</source>
        <translation>لا يوجد مشروع مفتوح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="25" />
        <source>Open the sample project (Arabic news)</source>
        <translation>فتح المشروع النموذجي (أخبار عربية)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="26" />
        <source>Open a project…</source>
        <translation>فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="27" />
        <source>New project…</source>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/welcome.py" line="32" />
        <source>Recent projects</source>
        <translation>المشاريع الأخيرة</translation>
    </message>
</context>
</TS>