"""Locating the files shipped in ``resources/`` (packaged as ``annotator.resources``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_SOURCE_TREE_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The filesystem path of a shipped resource.

    Installed (wheel or editable), ``annotator.resources`` is a package: pip installs wheels
    unpacked, so it is a real directory (Qt's font loader needs a real path). Run from a
    source checkout that is not installed, the package does not exist and the top-level
    resources/ folder is used directly.
    """
    try:
        root = Path(str(files("annotator.resources")))
    except ModuleNotFoundError:
        root = _SOURCE_TREE_RESOURCES
    return root.joinpath(*parts)
