"""Every user-visible string of the GUI has an Arabic translation, compiled into the .qm."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from annotator.resources_path import resource_path

GUI = Path(__file__).resolve().parents[2] / "annotator" / "gui"


def sources(ts: Path) -> dict[str, str]:
    out = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        out[message.find("source").text] = "" if translation.get("type") == "unfinished" else (translation.text or "")
    return out


def test_every_message_is_translated():
    shipped = sources(resource_path("translations", "annotator_ar.ts"))
    assert shipped and all(shipped.values()), [s for s, t in shipped.items() if not t]


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not installed")
def test_no_string_in_the_code_is_missing_from_the_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *map(str, sorted(GUI.glob("*.py"))), "-ts", str(fresh)],
                   check=True, capture_output=True)
    missing = set(sources(fresh)) - set(sources(resource_path("translations", "annotator_ar.ts")))
    assert not missing, f"run pyside6-lupdate and scripts/fill_translations_ar.py: {sorted(missing)}"


def test_compiled_translation_loads(qapp):
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "annotator_ar.qm")))
    assert translator.translate("MainWindow", "&File") == "ملف(&F)"
    assert translator.translate("SpanTableModel", "Label") == "الوسم"
