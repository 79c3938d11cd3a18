"""The bundled sample project that ``annotator demo`` opens."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from annotator.formats.jsonl import read_jsonl
from annotator.resources_path import resource_path
from annotator.store.bulk import import_records
from annotator.store.project import Project, ProjectError

SAMPLE_FILE_NAME = "sample-project.db"


def sample_annotations_path() -> Path:
    return resource_path("sample", "annotations.jsonl")


def sample_texts_path() -> Path:
    return resource_path("sample", "texts")


def default_sample_location() -> Path:
    """Where the demo project lives: the user data folder of this OS (platformdirs)."""
    return platformdirs.user_data_path("annotator", appauthor=False) / SAMPLE_FILE_NAME


def create_sample_project(path: Path) -> Path:
    """Create a project at ``path`` holding the sample corpus and both annotators' work."""
    project = Project.create(path)
    try:
        import_records(project, read_jsonl(sample_annotations_path(), project.schema, "sample"))
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        raise
    project.close()
    return path


def ensure_sample_project(path: Path | None = None) -> Path:
    """The sample project, created the first time (later runs keep the user's edits); one made
    by an older annotator is upgraded here, a backup copy kept beside it, so that the demo
    opens without asking (also with --screenshot, where nobody could answer)."""
    path = path or default_sample_location()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        create_sample_project(path)
    else:
        try:
            Project.open(path).close()  # upgrades a project that needs it (and only then writes)
        except ProjectError:
            pass  # read-only, or damaged: the window opens it as it can and says what is wrong
    return path
