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
    config.addinivalue_line("markers", "file_only: a test of what only a project file has (its SQLite "
                                       "pragmas, companions, file permissions); not run on the server store")


def pytest_collection_modifyitems(config, items):
    """A file_only test runs with the file store only."""
    items[:] = [item for item in items
                if not (item.get_closest_marker("file_only") and getattr(item, "callspec", None)
                        and item.callspec.params.get("project_location") == "server")]


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server for the whole session (see tests/postgres_server.py)."""
    from postgres_server import Cluster

    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def server_url(request):
    """The URL of a new, empty database on the test server (skips without one)."""
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.url(cluster.new_database())


@pytest.fixture(params=["file", "server"])
def project_location(request, tmp_path):
    """Where a new project goes: a file, then a database on a PostgreSQL server: every test
    of a project runs on both stores."""
    if request.param == "file":
        return tmp_path / "test.db"
    return request.getfixturevalue("server_url")


@pytest.fixture
def project(project_location):
    from annotator.store.project import Project

    proj = Project.create(project_location)
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
