"""Safe opening of input files: existence, size, binary content and encoding are checked once here."""

from __future__ import annotations

from pathlib import Path

from rapportkoll.readers.errors import InputError

MAX_BYTES = 200 * 1024 * 1024  # far above any report; keeps a stray disk image out of memory


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError naming the file when it is missing, a folder or empty."""
    place = str(path)
    if not path.exists():
        raise InputError(place, "filen finns inte", "file not found")
    if path.is_dir():
        raise InputError(place, "är en mapp, inte en fil", "is a directory, not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(place, f"filen är för stor ({size} byte)", f"file too large ({size} bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(place, f"kan inte läsas ({exc.strerror})", f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(place, "filen är tom", "file is empty")
    return data


def decode_text(path: Path) -> str:
    """Decode a text export as UTF-8 (with or without BOM); binary or other encodings are refused with the line."""
    data = read_bytes(path)
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
