"""Looking at a window's layout once Qt has finished laying it out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def settled(qtbot, probe: Callable[[], T], polls: int = 5, timeout: float = 5.0) -> T:
    """``probe()`` once it has given the same answer ``polls`` times in a row, the event loop
    running between each (raises after ``timeout`` seconds otherwise).

    Qt lays out new widgets in several passes of posted events, and a pass between can look
    right (a quote's type box once had its room before the panel's second pass took it away):
    a check made at the first good moment, or after a fixed sleep, can pass or fail by timing
    alone."""
    import time

    deadline = time.monotonic() + timeout
    last, same = probe(), 1
    while same < polls:
        if time.monotonic() > deadline:
            raise AssertionError(f"the layout did not settle in {timeout} s (last: {last!r})")
        qtbot.wait(10)
        now = probe()
        same = same + 1 if now == last else 1
        last = now
    return last


def in_sight(widget, area) -> bool:
    """Whether ``widget`` is shown inside the width of the scroll ``area``'s viewport, which has
    no sideways scrolling."""
    corner = widget.mapTo(area.viewport(), widget.rect().topLeft())
    return widget.isVisible() and area.horizontalScrollBar().maximum() == 0 and 0 <= corner.x() \
        and corner.x() + widget.width() <= area.viewport().width()


def layout_of(*widgets) -> tuple:
    """What a layout pass changes: where each widget is and whether it is shown."""
    return tuple((w.isVisible(), w.geometry().getRect(), w.mapTo(w.window(), w.rect().topLeft()).toTuple())
                 for w in widgets)
