"""What a failed read or write of a project means, in words a user can act on.

SQLite and the OS report "database is locked", "attempt to write a readonly database", ENOSPC...
Users need to hear which: another program is writing, the file or folder is read-only, the
disk is full. Never "not an annotator project" or "internal error" for the machine's limits.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


def explain_sqlite_error(exc: sqlite3.Error, path: Path, waited: float | None = None) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (f"another program is writing to {path}" + (f" and did not finish within {waited:.0f} s" if waited else "")
                + "; nothing was written. Try again when it is done.")
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only (the file, its folder or the disk); nothing was written"
    if "full" in text:
        return f"no space left on the device holding {path}; nothing was written"
    if "disk i/o" in text:
        return f"the disk holding {path} reported an input/output error; nothing was written"
    if "unable to open" in text:
        return f"cannot open {path} (check that the file and its folder exist and are readable and writable)"
    return f"{path}: {exc}"


_OS_REASONS = {
    errno.ENOSPC: "no space left on the device holding {0}",
    errno.EDQUOT: "disk quota exceeded on the device holding {0}",
    errno.EROFS: "{0} is on a read-only file system",
    errno.EACCES: "permission denied: {0}",
    errno.EPERM: "operation not permitted: {0}",
    errno.ENOENT: "no such file or folder: {0}",
    errno.EISDIR: "{0} is a folder, not a file",
    errno.ENOTDIR: "a part of {0} is not a folder",
    errno.ENAMETOOLONG: "file name too long: {0}",
}


def explain_os_error(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else "the file"
    reason = _OS_REASONS.get(exc.errno)
    if reason:
        return reason.format(name)
    return f"{name}: {exc.strerror or exc}"
