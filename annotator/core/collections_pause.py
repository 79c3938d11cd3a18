"""Python's cycle collector, run less often while a bulk job allocates millions of objects.

An import or export creates millions of short-lived tuples, lists and strings (parsed lines,
spans, tokens, rows). Each few hundred allocations trigger a collection, and the older
generations' collections walk every live object: about a tenth of the job's time. These
objects hold no reference cycles and are freed by reference counting as each chunk is done,
so collecting rarely does not let memory grow.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLD = 50_000  # allocations between youngest-generation collections (Python's: 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], BULK_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
