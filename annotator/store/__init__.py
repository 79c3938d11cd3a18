"""The project file: SQLite through sqlite-utils, its migrations, bulk import, recognition.

sqlite-utils imports pandas whenever pandas is installed (to accept DataFrame values in
inserts, which annotator never makes): about 0.2 s and 100 MB at the start of every command
and of the window. It is imported here, before anything else in the store, with pandas hidden
for that one import, so sqlite-utils takes its own no-pandas path; pandas stays importable for
whoever needs it afterwards (the Hugging Face export's ``datasets``).
"""

import sys

_hide_pandas = "pandas" not in sys.modules
if _hide_pandas:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # makes `import pandas` fail, once
try:
    import sqlite_utils.db  # noqa: F401
finally:
    if _hide_pandas:
        del sys.modules["pandas"]
