<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="73" />
        <source>annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="114" />
        <source>Find in document</source>
        <translation>ابحث في المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="117" />
        <source>Ignore harakat and tatweel</source>
        <translation>تجاهل الحركات والتطويل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="121" />
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="123" />
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="125" />
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="144" />
        <source>Search names and text</source>
        <translation>ابحث في الأسماء والنصوص</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="147" />
        <source>All documents</source>
        <translation>كل المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="158" />
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="170" />
        <source>Active layer</source>
        <translation>الطبقة النشطة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="173" />
        <source>Visible layers</source>
        <translation>الطبقات الظاهرة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="175" />
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="180" />
        <source>Span</source>
        <translation>المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="194" />
        <source>Spans</source>
        <translation>المقاطع الموسومة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="205" />
        <source>&amp;File</source>
        <translation>ملف(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="206" />
        <source>&amp;New project…</source>
        <translation>مشروع جديد…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="207" />
        <source>&amp;Open project…</source>
        <translation>فتح مشروع…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="208" />
        <source>Open &amp;recent</source>
        <translation>المشاريع الأخيرة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="211" />
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="212" />
        <source>&amp;Export JSONL…</source>
        <translation>تصدير JSONL…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="214" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُعلِّم…(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="216" />
        <source>&amp;Quit</source>
        <translation>خروج(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="218" />
        <source>&amp;Edit</source>
        <translation>تحرير(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="219" />
        <source>&amp;Undo</source>
        <translation>تراجع(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="221" />
        <source>&amp;Redo</source>
        <translation>إعادة(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="226" />
        <source>&amp;Find…</source>
        <translation>بحث…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="227" />
        <source>&amp;Delete span</source>
        <translation>حذف المقطع(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="229" />
        <source>&amp;View</source>
        <translation>عرض(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="230" />
        <source>Zoom &amp;in</source>
        <translation>تكبير(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="231" />
        <source>Zoom &amp;out</source>
        <translation>تصغير(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="232" />
        <source>&amp;Font…</source>
        <translation>الخط…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="233" />
        <source>Text &amp;direction</source>
        <translation>اتجاه النص(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="236" />
        <source>Automatic (first strong character)</source>
        <translation>تلقائي (أول حرف ذي اتجاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="237" />
        <source>Right to left</source>
        <translation>من اليمين إلى اليسار</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="237" />
        <source>Left to right</source>
        <translation>من اليسار إلى اليمين</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="243" />
        <source>&amp;Language</source>
        <translation>اللغة(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="250" />
        <source>&amp;Document</source>
        <translation>المستند(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="251" />
        <source>Mark &amp;done and open next</source>
        <translation>اعتبره منتهيًا وافتح التالي(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="252" />
        <source>Mark &amp;in progress</source>
        <translation>اعتبره قيد العمل(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="253" />
        <source>&amp;Next document</source>
        <translation>المستند التالي(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="254" />
        <source>&amp;Previous document</source>
        <translation>المستند السابق(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="256" />
        <source>&amp;Help</source>
        <translation>مساعدة(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="257" />
        <source>&amp;Keyboard</source>
        <translation>لوحة المفاتيح(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="284" />
        <source>annotator — {0}</source>
        <translation>المُعلِّم — {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="326" />
        <source>{0} code points</source>
        <translation>{0} محرفًا (نقاط ترميز)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="388" />
        <source>The project was changed by another program; view refreshed.</source>
        <translation>غيّر برنامج آخر المشروع، فحُدّث العرض.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="405" />
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="460" />
        <source>Relabel span</source>
        <translation>تغيير وسم المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="467" />
        <source>Add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="481" />
        <source>Delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="493" />
        <source>Resize span</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="543" />
        <source>Set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="547" />
        <source>Mark document</source>
        <translation>تغيير حالة المستند</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="563" />
        <source>Every document is done.</source>
        <translation>انتهت كل المستندات.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="588" />
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="588" />
        <source>The new language is used from the next start.</source>
        <translation>تُستخدم اللغة الجديدة من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="599" />
        <source>{0} found</source>
        <translation>وُجد {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="607" />
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="639" />
        <source>Status of: me ({0})</source>
        <translation>حالة: أنا ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="642" />
        <source>Status of: {0}</source>
        <translation>حالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="649" />
        <source>No span selected</source>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="652" />
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="653" />
        <source>Offsets</source>
        <translation>المواضع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="692" />
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="693" />
        <source>Annotator: {0}</source>
        <translation>المُعلِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="698" />
        <source>Offset {0} · selected {1}</source>
        <translation>الموضع {0} · المحدد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="705" />
        <source>Annotator</source>
        <translation>المُعلِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="706" />
        <source>Your name as an annotator (kept on this computer):</source>
        <translation>اسمك مُعلِّمًا (يُحفظ على هذا الحاسوب):</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="722" />
        <location filename="../../annotator/gui/main_window.py" line="728" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="722" />
        <source>Projects (*.db)</source>
        <translation>مشاريع (*.db)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="731" />
        <location filename="../../annotator/gui/main_window.py" line="739" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="731" />
        <source>Projects (*.db);;All files (*)</source>
        <translation>مشاريع (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="742" />
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="743" />
        <source>Documents and annotations (*.txt *.jsonl *.conll *.conllu *.json);;All files (*)</source>
        <translation>مستندات وتعليقات (*.txt *.jsonl *.conll *.conllu *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="762" />
        <source>Nothing was imported:</source>
        <translation>لم يُستورد شيء:</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="765" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="767" />
        <source>Imported {0} new document(s) and {1} span(s); {2} already in the project.</source>
        <translation>استُورد {0} مستندًا جديدًا و{1} مقطعًا؛ و{2} موجود في المشروع من قبل.</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="779" />
        <source>Export JSONL</source>
        <translation>تصدير JSONL</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="779" />
        <source>JSONL (*.jsonl)</source>
        <translation>JSONL (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="783" />
        <source>Exported {0} record(s) to {1}</source>
        <translation>صُدِّر {0} سجلًا إلى {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="786" />
        <source>Keyboard</source>
        <translation>لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="787" />
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
        <location filename="../../annotator/gui/main_window.py" line="842" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="842" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/gui/main_window.py" line="842" />
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