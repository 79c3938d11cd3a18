"""Label hotkeys by the physical key, whatever keyboard layout is active.

Annotators switch to the Arabic layout to type a speaker's name; the S key then sends "س" and
a hotkey "s" did nothing. A key press is matched to the Latin letter printed on the same key of
a US (QWERTY) keyboard: first from the platform's layout-independent code for the physical key
(X11/Wayland keycode, Windows scan code, macOS virtual key code), then, for events that carry
none, from the standard Arabic (PC) layout, whose letters sit on fixed Latin keys.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QKeyEvent

_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

# xkb keycodes (evdev code + 8), which Qt reports as nativeScanCode on X11 and Wayland.
_XKB = {code: letter for row, first in zip(_QWERTY_ROWS, (24, 38, 52)) for code, letter in enumerate(row, first)}
# PC set-1 scan codes, Qt's nativeScanCode on Windows.
_WINDOWS = {code: letter for row, first in zip(_QWERTY_ROWS, (0x10, 0x1E, 0x2C))
            for code, letter in enumerate(row, first)}
# macOS kVK_ANSI_* virtual key codes (Carbon Events.h), Qt's nativeVirtualKey on macOS.
_MACOS = {0: "a", 1: "s", 2: "d", 3: "f", 4: "h", 5: "g", 6: "z", 7: "x", 8: "c", 9: "v", 11: "b", 12: "q",
          13: "w", 14: "e", 15: "r", 16: "y", 17: "t", 31: "o", 32: "u", 34: "i", 35: "p", 37: "l", 38: "j",
          40: "k", 45: "n", 46: "m"}
# The standard Arabic (101/PC) layout: the letter each Latin key types.
ARABIC_LAYOUT = {
    "ض": "q", "ص": "w", "ث": "e", "ق": "r", "ف": "t", "غ": "y", "ع": "u", "ه": "i", "خ": "o", "ح": "p",
    "ش": "a", "س": "s", "ي": "d", "ب": "f", "ل": "g", "ا": "h", "ت": "j", "ن": "k", "م": "l",
    "ئ": "z", "ء": "x", "ؤ": "c", "ر": "v", "ى": "n", "ة": "m",
    "لا": "b",
}


def latin_letter(event: QKeyEvent) -> str | None:
    """The lower-case Latin letter on the physical key pressed, or None."""
    text = event.text()
    if len(text) == 1 and text.isascii() and text.isalpha():
        return text.lower()
    if sys.platform == "darwin":
        letter = _MACOS.get(event.nativeVirtualKey()) if event.nativeVirtualKey() or event.nativeScanCode() else None
    elif sys.platform == "win32":
        letter = _WINDOWS.get(event.nativeScanCode())
    else:
        letter = _XKB.get(event.nativeScanCode())
    if letter is None and text:
        letter = ARABIC_LAYOUT.get(text)
    return letter
