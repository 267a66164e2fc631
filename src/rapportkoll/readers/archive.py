"""Office files checked as containers before a parser sees them: OLE wrappers and ZIP bombs.

An Office Open XML file is a ZIP archive; an OLE compound file in its place is either the same
document encrypted with a password or a legacy binary format, and both readers refuse it here.
The ZIP checks bound time and memory by the caps whatever the archive declares; workbooks and
Word documents both run them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from contextlib import contextmanager
from typing import Callable, Iterator

from rapportkoll.bounds import current, over
from rapportkoll.readers.errors import InputError

MAX_RATIO, RATIO_FROM = 100, 8 * 1024 * 1024  # a large part compressed more than 100:1 is a bomb
MAX_MEMBERS, MAX_DIRECTORY = 10_000, 4 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOCAL_HEADER = b"PK\x03\x04"
_CHUNK = 1024 * 1024
_ERRORS = (zipfile.BadZipFile, zlib.error, struct.error, EOFError, ValueError, OSError, NotImplementedError)


def refuse_ole(data: bytes, place: str, stream: str, encrypted: tuple[str, str], legacy: tuple[str, str]) -> None:
    """Refuse an OLE compound file: ``encrypted`` (sv, en) if it holds ``stream``, else ``legacy``.

    Office wraps a password-protected document in OLE with named streams; any other OLE file is a legacy format.
    """
    if data.startswith(OLE_MAGIC):
        raise InputError(place, *(encrypted if stream.encode("utf-16-le") in data else legacy))


def is_zip(data: bytes) -> bool:
    """The bytes begin as a ZIP archive does."""
    return data.startswith(_LOCAL_HEADER)


@contextmanager
def opened(data: bytes, place: str, corrupt: Callable[[str, BaseException], InputError]) -> Iterator[zipfile.ZipFile]:
    """The archive, opened once its directory is of a sane size; a damaged archive gives ``corrupt(place, exc)``.

    The block's own errors from reading the archive are damage too.
    """
    try:
        entries, directory = struct.unpack_from("<HI", data, _end_record(data, place) + 10)
        if entries > MAX_MEMBERS or directory > MAX_DIRECTORY:
            raise bomb(place, f"{entries} delar", f"{entries} parts")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield archive
    except _ERRORS as exc:
        raise corrupt(place, exc) from None


def check_declared(infos: list[zipfile.ZipInfo], place: str) -> None:
    """Refuse an archive that declares too much in all, or a large part compressed like a bomb."""
    total = sum(i.file_size for i in infos)
    if total > current().unpacked:
        raise over(place, "unpacked", total)
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise bomb(place, f"{info.filename} packas upp {ratio}:1", f"{info.filename} unpacks {ratio}:1")


def check_member(data: bytes, info: zipfile.ZipInfo, place: str) -> None:
    """Inflate the part in bounded steps: what it really unpacks to must be what it declares."""
    if info.flag_bits & 0x1:
        raise InputError(place, "krypterat zip-arkiv; spara filen utan lösenord",
                         "encrypted zip archive; save the file without a password")
    if data[info.header_offset:info.header_offset + 4] != _LOCAL_HEADER:
        raise InputError(place, "skadad Office-fil (trasig zip-del)", "corrupt Office file (broken zip part)")
    names = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + sum(names)
    raw = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        produced = len(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        produced = _inflated_size(raw, info.file_size)
    else:
        raise InputError(place, "okänd komprimering i zip-arkivet", "unsupported compression in the zip archive")
    if produced > info.file_size:
        raise bomb(place, f"{info.filename} packas upp till mer än angivet",
                   f"{info.filename} unpacks to more than declared")
    if produced < info.file_size:
        raise InputError(place, f"skadad Office-fil ({info.filename} är avkortad)",
                         f"corrupt Office file ({info.filename} is truncated)")


def bomb(place: str, what_sv: str, what_en: str) -> InputError:
    """The refusal of an archive that would unpack to far more than any report."""
    return InputError(place, f"misstänkt zip-bomb ({what_sv}); filen läses inte",
                      f"suspected zip bomb ({what_en}); the file is not read")


def _end_record(data: bytes, place: str) -> int:
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 22 > len(data):
        raise InputError(place, "skadad Office-fil (zip-arkivets slut saknas)",
                         "corrupt Office file (end of zip archive missing)")
    return at


def _inflated_size(raw: memoryview, limit: int) -> int:
    """Bytes the raw deflate stream unpacks to, counted in chunks and given up just past ``limit``."""
    inflater = zlib.decompressobj(-15)
    produced = 0
    for at in range(0, len(raw), _CHUNK):
        pending: bytes | memoryview = raw[at:at + _CHUNK]
        while pending:
            produced += len(inflater.decompress(pending, _CHUNK))
            if produced > limit:
                return produced
            pending = inflater.unconsumed_tail
    return produced + len(inflater.flush())
