"""Shared fixtures. Qt runs offscreen unless --headed is given (set here, not in a Makefile,
so that a plain `pytest` is headless too: labelme PR #1963)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_addoption(parser):
    parser.addoption("--headed", action="store_true", help="Show Qt windows on the real display.")


def pytest_configure(config):
    if not config.getoption("--headed"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture
def project(tmp_path):
    from annotator.store.project import Project

    proj = Project.create(tmp_path / "test.db")
    yield proj
    proj.close()


@pytest.fixture
def sample_jsonl() -> Path:
    from annotator.sample import sample_annotations_path

    return sample_annotations_path()


@pytest.fixture(scope="session")
def bundled_fonts(qapp):
    """Register the fonts shipped in resources/ exactly as the app does (offscreen Qt may
    have no Arabic font at all otherwise)."""
    from annotator.gui.fonts import register_bundled_fonts

    return register_bundled_fonts()
