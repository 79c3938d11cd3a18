"""A worker that frees and allocates the same megabytes again keeps them (glibc), instead of
having every page of them mapped and faulted in again (annotator.core.worker_memory)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.core.worker_memory import glibc

# In a fresh process: 50 rounds of 3 MB in blocks below glibc's mmap threshold, allocated and
# freed, as an export's worker renders and sends range after range; prints the page faults.
ROUNDS = """
import resource, sys
from annotator.core.worker_memory import keep_freed_memory
if sys.argv[1] == "tuned":
    assert keep_freed_memory()
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
block = [bytes(10_000) for _ in range(300)]
del block
before = faults()
for _ in range(50):
    block = [bytes(10_000) for _ in range(300)]
    del block
print(faults() - before)
"""


def page_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", ROUNDS, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(not glibc(), reason="glibc's malloc only: other C libraries are left as they are")
def test_freed_memory_is_reused_not_faulted_in_again():
    default = page_faults("default")
    tuned = page_faults("tuned")
    assert default > 5_000  # glibc returned the 3 MB each round and faulted them in again (~750 pages a round)
    assert tuned < default / 10


def test_elsewhere_nothing_is_done(monkeypatch):
    import annotator.core.worker_memory as worker_memory

    monkeypatch.setattr(worker_memory, "glibc", lambda: False)
    assert worker_memory.keep_freed_memory() is False
