"""Refusing output paths that would destroy the project or an input of the same command.

`annotator export p.db -f conll -o p.db` once replaced the project with a CoNLL file. Every
option that writes a file (CLI and GUI) asks :func:`check_output` first, before anything is
written. Paths are compared resolved (symbolic links, ``..``) and, when both exist, by file
identity (``os.path.samefile``: hard links, case-insensitive file systems), never as strings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annotator.store.location import is_server_url

# SQLite keeps a project's recent writes in these companions: overwriting one loses edits.
PROJECT_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputRefused(Exception):
    """An output path that is the project, one of its companion files, or an input."""


def project_files(project: Path) -> list[Path]:
    """The project file and the companion files SQLite keeps beside it."""
    return [project] + [project.with_name(project.name + suffix) for suffix in PROJECT_COMPANION_SUFFIXES]


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (or one path not yet created)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
    except OSError:
        return False


def check_output(output: Path, *, project: Path | None = None, inputs: Iterable[Path] = (),
                 option: str = "output") -> None:
    """Raise :class:`OutputRefused` when writing ``output`` would overwrite the project (or its
    ``-wal``/``-shm``/``-journal``) or any of ``inputs``. ``option`` names the option in the
    message (``-o``, ``--report``...)."""
    if project is not None and not is_server_url(project):  # a server's project is no file to overwrite
        project = Path(project)
        for protected in project_files(project):
            if same_file(output, protected):
                what = "the project" if protected == project else f"the project's {protected.name}"
                raise OutputRefused(f"{option} {output}: that is {what} ({project}); "
                                    "choose another file, nothing was written")
    for source in inputs:
        if same_file(output, source):
            raise OutputRefused(f"{option} {output}: that is an input of this command ({source}); "
                                "choose another file, nothing was written")


def check_outputs(outputs: Iterable[tuple[str, Path | None]], *, project: Path | None = None,
                  inputs: Iterable[Path] = ()) -> None:
    """:func:`check_output` for each ``(option, path)`` given, and no two outputs the same file."""
    inputs = list(inputs)
    given = [(option, path) for option, path in outputs
             if path is not None and str(path) != "-" and not is_server_url(path)]
    for n, (option, path) in enumerate(given):
        check_output(path, project=project, inputs=inputs, option=option)
        for other_option, other in given[:n]:
            if same_file(path, other):
                raise OutputRefused(f"{option} and {other_option} name the same file ({path}); nothing was written")
