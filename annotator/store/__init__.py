"""The project file: SQLite through sqlite-utils, its migrations, bulk import, recognition.

sqlite-utils imports pandas and numpy whenever they are installed (to accept DataFrame values
and numpy scalars in inserts, which annotator never makes): about 0.2 s and 100 MB for pandas,
0.05–0.1 s for numpy, at the start of every command and of the window. It is imported here,
before anything else in the store, with both hidden for that one import, so sqlite-utils takes
its own path without them; they stay importable for whoever needs them afterwards (the
Hugging Face export's ``datasets``, the agreement charts' matplotlib).
"""

import sys

_hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # makes `import pandas` fail, once
try:
    import sqlite_utils.db  # noqa: F401
finally:
    for _name in _hidden:
        del sys.modules[_name]
