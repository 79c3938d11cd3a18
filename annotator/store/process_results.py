"""What a reading process sends back through a multiprocessing queue (the import's reader),
taken so that the taking process never waits for ever on a reader that died; and how many
cores and which start method the processes of an export or an import use."""

from __future__ import annotations

import os
import pickle
import queue
import sys
from collections.abc import Callable


class ReaderEnded(Exception):
    """The reading process ended without sending what was still to come (killed, out of
    memory)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"exit code {exitcode}")
        self.exitcode = exitcode


def only_taking(results) -> None:
    """Call in the taking process once the reader has started: its copy of the queue's write
    end is closed. A multiprocessing queue keeps both ends of its pipe in every process, and
    while the taker holds a write end, a message a dying reader had half written (a pipe takes
    64 KB at a time; a run of documents is megabytes) is never finished nor ended: get() waited
    for ever (measured). With it closed, the cut message ends where the pipe does, and get()
    says so."""
    writer = getattr(results, "_writer", None)  # multiprocessing's name for it; not public
    if writer is not None:
        writer.close()


def next_result(results, reader, poll_seconds: float):
    """The next item ``reader`` (a process, or a thread putting on a queue.Queue) put on
    ``results``, waiting as long as it is alive; ReaderEnded if it ended without sending one
    (what it sent just before it ended is taken first)."""
    while True:
        try:
            return results.get(timeout=poll_seconds)
        except queue.Empty:
            if reader.is_alive():
                continue
            try:
                return results.get(timeout=poll_seconds)
            except (queue.Empty, EOFError, OSError):
                raise ReaderEnded(getattr(reader, "exitcode", None)) from None
        except (EOFError, OSError):  # nothing more can come (a message cut off: it died writing it)
            reader.join(poll_seconds)  # ending: its exit code
            raise ReaderEnded(getattr(reader, "exitcode", None)) from None


def usable_cores() -> int:
    """The cores this process may run on: fewer than the machine's when it is pinned to some
    (taskset, a container's CPU set), where os.cpu_count() still counts them all."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def process_start_method(configured: str | None) -> str | None:
    """How a reading process starts: ``configured`` (None: as the platform starts processes),
    but fresh (spawn), not forked, in a process running Qt (the window), whose threads make a
    fork unsafe."""
    return "spawn" if "PySide6.QtCore" in sys.modules else configured


def travelling(exc: BaseException, described: Callable[[str], BaseException] = RuntimeError) -> BaseException:
    """``exc`` if it can be pickled to the taking process, else ``described`` of its type and
    message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception that cannot travel goes as its description
        return described(f"{type(exc).__name__}: {exc}")
