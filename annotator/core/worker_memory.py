"""Fewer page faults in a worker process that allocates and frees the same few megabytes
over and over (an export's worker renders a range of documents into a megabyte or two of
text, hands it on, and renders the next range).

glibc's malloc returns freed memory to the system as soon as a little of it is free at the
top of its heap, and serves each block above its threshold (128 KB at first) with a mapping
of its own that is unmapped when freed; either way the next range's memory is mapped again
and each of its pages faulted in and zeroed by the kernel once more. Measured on the CoNLL
export of 10,000 documents (two workers): 111,000-123,000 page faults and 0.5-0.8 s of system
time; with the workers tuned here 21,000 and 0.35-0.45 s, the same bytes written. (Python has
no setting for this; glibc's own are ``mallopt`` or ``MALLOC_*`` variables, which are read
when a process starts, too late for a forked worker.)

Only a worker calls this: it lives for one job, so the memory it keeps instead of returning
(at most ``TRIM_THRESHOLD`` beyond what it uses) is returned when the job ends. Elsewhere
(macOS, Windows, musl) the C library has its own allocator and nothing is done.
"""

from __future__ import annotations

import os

M_TRIM_THRESHOLD = -1  # glibc's <malloc.h>
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 8 << 20  # blocks up to this size come from the heap (a range's text is 1-4 MB)
TRIM_THRESHOLD = 32 << 20  # free memory kept at the heap's top before it is returned
# (4 MB / 16 MB gave the same page faults as 32 MB / 128 MB on that export: a range needs little)


def glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (AttributeError, ValueError, OSError):  # no confstr (Windows), or not this name
        return False


def keep_freed_memory() -> bool:
    """Tell glibc's malloc to keep and reuse freed memory in this process rather than return
    it to the system and map it again; whether it was done."""
    if not glibc():
        return False
    import ctypes  # here: a few milliseconds that every command would pay at start otherwise

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # Setting either turns off glibc's own adjustment of both; each returns 1 when accepted.
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
