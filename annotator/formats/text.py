"""Plain text files: one document per file.

Text is decoded exactly: UTF-8 (a BOM is removed), or UTF-16 when a UTF-16 BOM says so.
Nothing else is changed (no newline or Unicode normalisation unless the import asks for it).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document
from annotator.formats import UTF16_HINT, RecordError, looks_like_utf16_without_bom

DEFAULT_GLOB = "*.txt"


class DecodeError(ValueError):
    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.line = line


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode file bytes as UTF-8 or BOM-marked UTF-16 (or as ``encoding``, when given and the
    file has no byte order mark); raise DecodeError naming the line."""
    if encoding is not None and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding} (byte 0x{data[exc.start]:02x})",
                              data[: exc.start].count(b"\n") + 1) from None
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8):], "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        data, encoding = data[2:], "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        data, encoding = data[2:], "utf-16-be"
    else:
        encoding = "utf-8"
        if looks_like_utf16_without_bom(data):
            raise DecodeError(UTF16_HINT)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            line = data[: exc.start].count(b"\n") + 1
            hint = ("it reads as Arabic in Windows-1256 (cp1256): import it with --encoding cp1256, or save it "
                    "as UTF-8") if _reads_as_arabic_cp1256(data) else \
                "save the file as UTF-8 or UTF-16 with a byte order mark"
            raise DecodeError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); {hint}", line) from None
        raise DecodeError(f"not valid {encoding.upper()} ({exc.reason})") from None


def _reads_as_arabic_cp1256(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Arabic text in Windows-1256, the encoding of
    Arabic text files from Windows before UTF-8 (most of their bytes above 0x7f are letters)."""
    try:
        text = data[:65536].decode("cp1256", errors="strict")
    except UnicodeDecodeError:
        return False
    high = [ch for ch in text if ord(ch) > 0x7F]
    return len(high) >= 3 and sum("\u0600" <= ch <= "\u06ff" for ch in high) >= 0.8 * len(high)


def glob_problem(pattern: str) -> str | None:
    """Why a --glob pattern could reach outside the folder it is applied to, or None."""
    if not pattern.strip():
        return "--glob must not be empty"
    parts = pattern.replace("\\", "/").split("/")
    if pattern.startswith(("/", "\\")) or Path(pattern).is_absolute() or Path(pattern).drive:
        return f"--glob {pattern!r}: an absolute pattern; give one relative to the folder, such as '*.txt'"
    if ".." in parts:
        return f"--glob {pattern!r}: '..' would reach outside the folder"
    return None


def find_text_files(paths: list[Path], glob: str = DEFAULT_GLOB) -> list[tuple[Path, str | None]]:
    """(file, document id) for every file named or found under a named folder; (folder, None)
    for a named folder where no file matches ``glob``.

    A file's id is its name without extension; under a folder it is the path relative to that
    folder, with ``/`` separators on every platform (``news/2024/a.txt`` -> ``2024/a``).
    """
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            problem = glob_problem(glob)
            if problem:
                raise ValueError(problem)
            files = sorted(p for p in path.rglob(glob) if p.is_file())
            if not files:  # said, not an import of nothing that looks like success
                found.append((path, None))
            for file in files:
                found.append((file, file.relative_to(path).with_suffix("").as_posix()))
        else:
            found.append((path, path.stem))
    return found


def read_text_files(paths: list[Path], glob: str = DEFAULT_GLOB, encoding: str | None = None
                    ) -> Iterator[AnnotatedDocument | RecordError]:
    seen: dict[str, Path] = {}
    for file, doc_id in find_text_files(paths, glob):
        if doc_id is None:
            yield RecordError(str(file), f"a folder with no file matching {glob!r} in it or below it")
            continue
        if doc_id in seen:
            yield RecordError(str(file), f"document id {doc_id!r} is also the id of {seen[doc_id]}")
            continue
        seen[doc_id] = file
        try:
            text = decode_text(file.read_bytes(), encoding)
        except DecodeError as exc:
            yield RecordError(f"{file}:{exc.line}" if exc.line else str(file), str(exc))
            continue
        except OSError as exc:
            yield RecordError(str(file), f"cannot read: {exc.strerror}")
            continue
        yield AnnotatedDocument(Document(doc_id, text, {"file": file.name}), source=str(file))
