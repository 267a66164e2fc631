"""Safe opening of input files: existence, size, binary content and encoding are checked once here."""

from __future__ import annotations

import stat
from pathlib import Path

from rapportkoll.bounds import current, over
from rapportkoll.readers.errors import InputError


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError naming the file when it is missing, a folder, special, too large or empty."""
    data = read_regular(path)
    if not data.strip():
        raise InputError(str(path), "filen är tom", "file is empty")
    return data


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (the `bytes` limit by default), else an InputError.

    Only a regular file is read (a FIFO would block, a device never end); the size is checked
    before reading and again while reading (a file may grow, and /proc reports size 0).
    """
    place = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        raise InputError(place, "filen finns inte" if missing else f"kan inte läsas ({exc.strerror})",
                         "file not found" if missing else f"cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(place, "är en mapp, inte en fil", "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(place, "är ingen vanlig fil (en enhet, FIFO eller socket) och läses inte",
                         "is not a regular file (a device, FIFO or socket) and is not read")
    if info.st_size > (current().bytes if limit is None else limit):
        raise _too_large(place, limit, info.st_size)
    return _read_at_most(path, limit)


def _read_at_most(path: Path, limit: int | None) -> bytes:
    """Up to the limit; a file that turns out longer (it grew, or lied about its size) is refused."""
    most = current().bytes if limit is None else limit
    try:
        with path.open("rb") as stream:
            data = stream.read(most + 1)
    except OSError as exc:
        raise InputError(str(path), f"kan inte läsas ({exc.strerror})", f"cannot be read ({exc.strerror})") from None
    if len(data) > most:
        raise _too_large(str(path), limit, None)
    return data


def _too_large(place: str, limit: int | None, size: int | None) -> InputError:
    """Past the `bytes` limit (which a flag raises), or past a fixed ``limit`` of the caller's."""
    if limit is None:
        return over(place, "bytes", size)
    return InputError(place, f"filen är för stor (högst {limit} byte)", f"file too large (at most {limit} bytes)")


def decode_text(path: Path) -> str:
    """Decode a text export as UTF-8 (with or without BOM); binary or other encodings are refused with the line."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says why
    if size > current().text:  # before reading: a 200 MB export need not be in memory to be refused
        raise over(str(path), "text", size)
    data = read_bytes(path)
    if len(data) > current().text:
        raise over(str(path), "text", len(data))
    if b"\x00" in data[:65536]:
        raise InputError(str(path), "binärfil, inte en textexport", "binary file, not a text export")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}:{column}",
            f"inte UTF-8 (byte 0x{data[exc.start]:02x}); spara exporten som UTF-8",
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the export as UTF-8",
        ) from None
