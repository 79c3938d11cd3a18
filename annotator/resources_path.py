"""Locating the files shipped in ``resources/`` (packaged as ``annotator.resources``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The filesystem path of a shipped resource.

    pip installs wheels unpacked and editable installs point at the source tree, so the
    traversable is always a real directory entry (Qt's font loader needs a real path).
    """
    return Path(str(files("annotator.resources").joinpath(*parts)))
