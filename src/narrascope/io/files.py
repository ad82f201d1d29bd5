"""Open and read files safely: size checked before reading, gzip decompressed with a cap.

Every failure is raised as an InputError naming the file and what to do; the caller yields it.
"""
from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..settings import io as settings

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kKmMgG]?[iI]?[bB]?)")
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
LIMIT_HINT = "raise the limit with --max-file-size (read_paths(max_bytes=...)), or split the file"


def human_size(n_bytes: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n_bytes >= size:
            return f"{n_bytes / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n_bytes} bytes"


def parse_size(text: str) -> int:
    """CLI `--max-file-size 200MB` -> bytes. Accepts 1048576, 500K, 200MB, 1.5 GB (units of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r}; write e.g. 200MB, 1.5GB or 500000")
    number, unit = float(match.group(1)), (match.group(2) or "").upper().rstrip("B").rstrip("I")
    return int(number * _UNITS[unit])


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(settings.GZIP_EXTENSION)


def stat_regular_file(path: Path) -> os.stat_result:
    """The file's stat, or an InputError if it is missing, unreadable or not a regular file."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(source, f"broken symbolic link (points to {os.readlink(path)})",
                             "fix or remove the link") from None
        raise InputError(source, "no such file or directory", "check the path") from None
    except PermissionError:
        raise InputError(source, "permission denied", "make the file readable (chmod) or leave it out") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})", "check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, "not a regular file (a device, pipe or socket)", "give a file or a folder")
    return info


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The whole file (decompressed if .gz), refused before reading if larger than max_bytes."""
    size = stat_regular_file(path).st_size
    if size == 0:
        raise InputError(str(path), "empty file", "remove it, or re-export it")
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {human_size(size)}, larger than the {human_size(max_bytes)} limit", LIMIT_HINT
        )
    with _open_or_raise(path) as handle:
        if is_gzip(path):
            return _gunzip_capped(path, handle, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew since stat()
        raise InputError(str(path), f"file is larger than the {human_size(max_bytes)} limit", LIMIT_HINT)
    return data


def open_stream(path: Path) -> BinaryIO:
    """A binary stream of the file's content (decompressed on the fly if .gz); for exports."""
    stat_regular_file(path)
    handle = _open_or_raise(path)
    if is_gzip(path):
        return gzip.GzipFile(fileobj=handle, mode="rb")  # closing it does not close handle: see close_stream
    return handle


def close_stream(stream: BinaryIO) -> None:
    inner = getattr(stream, "fileobj", None)
    stream.close()
    if inner is not None:
        inner.close()


def gzip_error(path: Path, exc: Exception) -> InputError:
    if isinstance(exc, EOFError):
        return InputError(str(path), "gzip file is truncated", "re-download or re-compress it")
    return InputError(str(path), f"not a valid gzip file ({exc})",
                      "check the file, or drop the .gz from its name if it is not compressed")


def _open_or_raise(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except PermissionError:
        raise InputError(str(path), "permission denied", "make the file readable (chmod) or leave it out") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be opened ({exc.strerror or exc})", "check the path") from None


def _gunzip_capped(path: Path, handle: BinaryIO, max_bytes: int) -> bytes:
    """Stream-decompress; stop as soon as the output passes max_bytes (a compression bomb)."""
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
            while chunk := unzipped.read(settings.STREAM_CHUNK_BYTES):
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(
                        str(path),
                        f"decompresses to more than the {human_size(max_bytes)} limit (a compression bomb?)",
                        LIMIT_HINT,
                    )
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise gzip_error(path, exc) from None
    data = b"".join(chunks)
    if not data:
        raise InputError(str(path), "empty file (decompresses to nothing)", "remove it, or re-export it")
    return data
