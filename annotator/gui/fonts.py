"""The Arabic fonts shipped in resources/fonts, registered with Qt at start-up (and in the
tests, which otherwise may see no Arabic font at all under the offscreen platform)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from annotator.resources_path import resource_path

DEFAULT_FAMILY = "Noto Naskh Arabic"
SHAPING_TEST_FAMILY = "Amiri"  # ligature-rich: it shows any shaping break


def register_bundled_fonts() -> list[str]:
    """Register every bundled font file; returns the family names Qt now knows."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").rglob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {path}")
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families
