"""File names made from document ids and annotator names, safe on every file system.

Ids come from other tools and teammates: ``../x``, ``/etc/passwd``, ``CON``, ``a\\nb``,
``News`` beside ``news``, ``news.2024`` beside ``news.2025`` (``with_suffix`` once mapped both to
one file). :class:`FileNamer` turns each id into a relative path under the output folder that
never escapes it, never collides with another (case-insensitively, as on Windows and macOS),
and keeps an id's own sub-folders (``2024/a``) where they are safe. Writers add their
extension to the name (``name + ".txt"``), never ``with_suffix``. Every name that had to differ
from its id is listed in a manifest, so nothing is lost.

No maintained library does all of this (pathvalidate sanitises one name at a time, without
collisions or sub-folders), hence this module.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

MANIFEST_NAME = "annotator-file-names.tsv"
# An export's annotator subfolders (brat: an .ann per annotator and document): folder -> annotator.
ANNOTATOR_FOLDERS = "annotator-folders.tsv"
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"|?*/\\\ud800-\udfff]')
# Windows refuses these as file names, with any extension (CON.txt is the console too).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{p}{n}" for p in ("COM", "LPT") for n in
                                                                 "123456789¹²³"}
_MAX_COMPONENT_BYTES = 120  # room for an extension, a "~2" and a parent folder under 255


def safe_component(component: str) -> str:
    """One path component, made safe (never empty, ``.`` or ``..``)."""
    name = _FORBIDDEN.sub("_", component)
    name = name.rstrip(" .")  # Windows drops trailing dots and spaces
    if not name.strip(" ."):
        name = "_" * max(1, len(component))
    if name.split(".")[0].upper().rstrip(" ") in _RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > _MAX_COMPONENT_BYTES:
        digest = hashlib.sha256(component.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        cut = name.encode("utf-8")[:_MAX_COMPONENT_BYTES - 11].decode("utf-8", "ignore")
        name = f"{cut}-{digest}"
    return name


def _key(path: str) -> str:
    # Case-insensitive and normalisation-insensitive file systems (NTFS, APFS, HFS+) treat
    # these as one name.
    return unicodedata.normalize("NFC", path).casefold()


class FileNamer:
    """Hands out collision-free relative names (POSIX separators, no extension) for ids.

    ``extensions`` are the suffixes a writer will add (``.txt``, ``.ann``): a name is free only
    when none of its files collides with a file or a folder handed out before.
    """

    def __init__(self, extensions: tuple[str, ...], reserved: tuple[str, ...] = (MANIFEST_NAME,)):
        self.extensions = extensions
        self._files: set[str] = {_key(name) for name in reserved}
        self._folders: set[str] = set()
        self.renamed: dict[str, str] = {}  # name -> original id, for names that differ from their id
        self._named_folders: dict[str, str] = {}

    def name(self, ident: str, folder: str | None = None) -> str:
        """A free name for ``ident``, inside ``folder`` (already safe, e.g. an annotator's
        subfolder) when given; the id's own sub-folders are kept when safe and free."""
        parts = [safe_component(p) for p in ident.replace("\\", "/").split("/") if p not in ("", ".", "..")]
        parts = parts or [safe_component(ident.replace("/", "_"))]
        head = f"{folder}/" if folder else ""
        candidate = head + "/".join(parts)
        if not self._free(candidate):
            flat = head + safe_component("__".join(parts))
            candidate = flat if self._free(flat) else candidate
        base, n = candidate, 1
        while not self._free(candidate):
            n += 1
            candidate = f"{base}~{n}"
        self._take(candidate)
        if candidate != head + ident:
            self.renamed[candidate] = ident
        return candidate

    def folder(self, name: str) -> str:
        """A top-level folder for ``name`` (an annotator), the same on every call, apart from
        the folders of other names even ignoring case (``Amal`` and ``amal`` get two)."""
        if name not in self._named_folders:
            base = candidate = safe_component(name)
            n = 1
            while _key(candidate) in {_key(f) for f in self._named_folders.values()}:
                n += 1
                candidate = f"{base}~{n}"
            self._named_folders[name] = candidate
        return self._named_folders[name]

    @property
    def folders(self) -> dict[str, str]:
        """name -> folder, for every folder handed out by :meth:`folder`."""
        return dict(self._named_folders)

    def _free(self, name: str) -> bool:
        parts = name.split("/")
        folders = ["/".join(parts[:k]) for k in range(1, len(parts))]
        files = [name + ext for ext in self.extensions]
        return (not any(_key(f) in self._files or _key(f) in self._folders for f in files)
                and not any(_key(d) in self._files for d in folders))

    def _take(self, name: str) -> None:
        parts = name.split("/")
        self._folders.update(_key("/".join(parts[:k])) for k in range(1, len(parts)))
        self._files.update(_key(name + ext) for ext in self.extensions)


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, checked to stay inside ``root`` (a last guard behind FileNamer)."""
    target = root.joinpath(*relative.split("/"))
    resolved_root = root.resolve()
    if resolved_root not in target.resolve().parents:
        raise ValueError(f"{relative!r} would leave {root}")
    return target


def write_manifest(root: Path, renamed: dict[str, str], name: str = MANIFEST_NAME, header: str = "file\tid"
                   ) -> Path | None:
    """``annotator-file-names.tsv``: each file name that differs from its id, with the id
    (escaped as JSON strings, since ids may hold tabs). (``name`` and ``header``: another
    table of names in that form, such as :data:`ANNOTATOR_FOLDERS`.)"""
    if not renamed:
        return None
    import json

    path = root / name
    with path.open("w", encoding="utf-8", newline="\n", errors="backslashreplace") as out:
        out.write(header + "\n")
        for name, ident in sorted(renamed.items()):
            out.write(f"{json.dumps(name, ensure_ascii=False)}\t{json.dumps(ident, ensure_ascii=False)}\n")
    return path


def read_manifest(root: Path, name: str = MANIFEST_NAME) -> dict[str, str]:
    """file name -> id from a manifest written by :func:`write_manifest` (empty if none)."""
    path = root / name
    if not path.is_file():
        return {}
    return parse_manifest(path.read_text(encoding="utf-8"))


def parse_manifest(text: str) -> dict[str, str]:
    """file name -> id from a manifest's text (see :func:`read_manifest`)."""
    import json

    names: dict[str, str] = {}
    for line in text.split("\n")[1:]:
        if "\t" in line:
            name, _, ident = line.partition("\t")
            try:
                names[json.loads(name)] = json.loads(ident)
            except ValueError:
                continue
    return names
