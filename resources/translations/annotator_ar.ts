<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="72" />
        <source>annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="107" />
        <source>Find in document</source>
        <translation>ابحث في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="110" />
        <source>Ignore harakat and tatweel</source>
        <translation>تجاهل الحركات والتطويل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="114" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="116" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="118" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="132" />
        <source>Search names and text</source>
        <translation>ابحث في الأسماء والنصوص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="135" />
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="146" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="158" />
        <source>Active layer</source>
        <translation>الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="161" />
        <source>Visible layers</source>
        <translation>الطبقات الظاهرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="163" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="168" />
        <source>Span</source>
        <translation>المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="185" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="196" />
        <source>&amp;File</source>
        <translation>ملف(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="197" />
        <source>&amp;New project…</source>
        <translation>مشروع جديد…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="198" />
        <source>&amp;Open project…</source>
        <translation>فتح مشروع…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="199" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأخيرة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="202" />
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="203" />
        <source>&amp;Export JSONL…</source>
        <translation>تصدير JSONL…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="205" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُعلِّم…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="207" />
        <source>&amp;Quit</source>
        <translation>خروج(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="209" />
        <source>&amp;Edit</source>
        <translation>تحرير(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="210" />
        <source>&amp;Undo</source>
        <translation>تراجع(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="212" />
        <source>&amp;Redo</source>
        <translation>إعادة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="217" />
        <source>&amp;Find…</source>
        <translation>بحث…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="218" />
        <source>&amp;Delete span</source>
        <translation>حذف المقطع(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="220" />
        <source>&amp;View</source>
        <translation>عرض(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="221" />
        <source>Zoom &amp;in</source>
        <translation>تكبير(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="222" />
        <source>Zoom &amp;out</source>
        <translation>تصغير(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="223" />
        <source>&amp;Font…</source>
        <translation>الخط…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="224" />
        <source>Text &amp;direction</source>
        <translation>اتجاه النص(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="227" />
        <source>Automatic (first strong character)</source>
        <translation>تلقائي (أول حرف ذي اتجاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="228" />
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="228" />
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="234" />
        <source>&amp;Language</source>
        <translation>اللغة(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="241" />
        <source>&amp;Document</source>
        <translation>المستند(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="242" />
        <source>Mark &amp;done and open next</source>
        <translation>اعتبره منتهيًا وافتح التالي(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="243" />
        <source>Mark &amp;in progress</source>
        <translation>اعتبره قيد العمل(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="244" />
        <source>&amp;Next document</source>
        <translation>المستند التالي(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="245" />
        <source>&amp;Previous document</source>
        <translation>المستند السابق(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="247" />
        <source>&amp;Help</source>
        <translation>مساعدة(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="248" />
        <source>&amp;Keyboard</source>
        <translation>لوحة المفاتيح(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="275" />
        <source>annotator — {0}</source>
        <translation>المُعلِّم — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="317" />
        <source>{0} code points</source>
        <translation>{0} محرفًا (نقاط ترميز)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="364" />
        <source>The project was changed by another program; view refreshed.</source>
        <translation>غيّر برنامج آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="381" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="405" />
        <source>Relabel span</source>
        <translation>تغيير وسم المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="412" />
        <source>Add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="426" />
        <source>Delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="438" />
        <source>Resize span</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="488" />
        <source>Set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="492" />
        <source>Mark document</source>
        <translation>تغيير حالة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="508" />
        <source>Every document is done.</source>
        <translation>انتهت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="533" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="533" />
        <source>The new language is used from the next start.</source>
        <translation>تُستخدم اللغة الجديدة من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="544" />
        <source>{0} found</source>
        <translation>وُجد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="552" />
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="584" />
        <source>Status of: me ({0})</source>
        <translation>حالة: أنا ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="587" />
        <source>Status of: {0}</source>
        <translation>حالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="594" />
        <source>No span selected</source>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="597" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="598" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="637" />
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="638" />
        <source>Annotator: {0}</source>
        <translation>المُعلِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="643" />
        <source>Offset {0} · selected {1}</source>
        <translation>الموضع {0} · المحدد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="650" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="651" />
        <source>Your name as an annotator (kept on this computer):</source>
        <translation>اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="667" />
        <location filename="../../annotator/gui/main_window.py" line="673" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="667" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="676" />
        <location filename="../../annotator/gui/main_window.py" line="684" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="676" />
        <source>Projects (*.db);;All files (*)</source>
        <translation>مشاريع (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="687" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="688" />
        <source>Text and JSONL (*.txt *.jsonl);;All files (*)</source>
        <translation>نصوص وJSONL (*.txt *.jsonl);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="707" />
        <source>Nothing was imported:</source>
        <translation>لم يُستورد شيء:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="710" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="712" />
        <source>Imported {0} new document(s) and {1} span(s); {2} already in the project.</source>
        <translation>استُورد {0} مستندًا جديدًا و{1} مقطعًا؛ و{2} موجود في المشروع من قبل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="724" />
        <source>Export JSONL</source>
        <translation>تصدير JSONL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="724" />
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="728" />
        <source>Exported {0} record(s) to {1}</source>
        <translation>صُدِّر {0} سجلًا إلى {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="731" />
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="732" />
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
        <location filename="../../annotator/gui/main_window.py" line="783" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="783" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="783" />
        <source>done</source>
        <translation>منتهٍ</translation>
    </message>
</context>
<context>
    <name>SpanTableModel</name>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="44" />
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="44" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="44" />
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="44" />
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="44" />
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/span_table.py" line="45" />
        <source>Attributes</source>
        <translation>الخصائص</translation>
    </message>
</context>
</TS>