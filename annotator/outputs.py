"""Refusing output paths that would destroy the project or an input of the same command.

`annotator export p.db -f conll -o p.db` once replaced the project with a CoNLL file. Every
option that writes a file (CLI and GUI) asks :func:`check_output` first, before anything is
written. Paths are compared resolved (symbolic links, ``..``) and, when both exist, by file
identity (``os.path.samefile``: hard links, case-insensitive file systems), never as strings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


@contextmanager
def replaced_when_done(output: Path) -> Iterator[Path]:
    """The path to write ``output``'s content to: a new file beside it, put in its place when the
    block ends without an error, so that an interrupted export leaves the old file (or none),
    never half a file.

    A symbolic link stays and keeps pointing where it did: the file it names is replaced (the
    link itself was replaced by a plain file). A device, a pipe or a socket (``/dev/null``,
    ``/dev/stdout``, a FIFO) has no file to replace: it is written to directly (run as root,
    ``-o /dev/null`` replaced the device with a file). The new file gets the permissions of the
    file it replaces, or of any new file (a temporary file is readable by its owner only)."""
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file() and not target.is_dir():
        yield target
        return
    fd, name = tempfile.mkstemp(prefix=".annotator-export-", suffix=output.suffix, dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        if target.exists():
            shutil.copymode(target, temporary)
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
