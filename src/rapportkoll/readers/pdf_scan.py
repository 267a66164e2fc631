"""How many objects a PDF page would make, counted in its content before pdfium is given it.

pdfium parses a whole page in C at once: neither the timer nor a count can stop it part-way, and
it ends the process where an allocation fails. So each page's content streams (and the forms
they draw, and the fonts they use) are first inflated by pdfminer, within the bounds of
``limits``, and the objects they would make are counted there: one per painted path, text show,
image or shading operator, and one per byte of a text string (at least one character each).
A page over the ``pdf_objects`` limit is not given to pdfium, as pdfminer's page was stopped.
"""

from __future__ import annotations

import re
from itertools import islice

import numpy as np

_DELIMITER = rb"\s()<>\[\]{}/%"
_OPERATORS = re.compile(rb"(?<![^%s])(?:f\*|B\*|b\*|Tj|TJ|Do|BI|sh|[SsfFBb'\"])(?![^%s])" % (_DELIMITER, _DELIMITER))
_DRAWN = re.compile(rb"/([^%s]+)\s*Do(?![^%s])" % (_DELIMITER, _DELIMITER))
_HEX = re.compile(rb"<[0-9A-Fa-f\s]*>")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3", "ToUnicode")
_DEPTH = 12  # forms inside forms followed; deeper is no report


def objects_on(page, limit: int) -> int:
    """How many objects the pdfminer ``page`` would make at most, counted up to just past ``limit``."""
    return _count(page.contents, page.resources, limit, {}, 0)


def _count(streams, resources, limit: int, forms: dict[int, int | None], depth: int) -> int:
    """Objects the content ``streams`` make with their ``resources`` (forms counted where drawn)."""
    from pdfminer.pdftypes import resolve1

    resources = _dict(resources)
    _inflate_fonts(resources)
    xobjects = _dict(resources.get("XObject"))
    total = 0
    for stream in map(resolve1, streams):
        data = stream.get_data() if hasattr(stream, "get_data") else b""
        total += _objects_in(data, limit - total)
        for name in _DRAWN.findall(data) if xobjects else ():
            total += _form(xobjects.get(name.decode("latin-1")), limit, forms, depth)
        if total > limit:
            break
    return total


def _form(reference, limit: int, forms: dict[int, int | None], depth: int) -> int:
    """The objects a form XObject makes each time it is drawn (0 for an image).

    A form drawn within itself, or nested deeper than any report's, counts as past the limit:
    pdfium expands such a page exponentially, in C, where no timer stops it.
    """
    from pdfminer.pdftypes import PDFStream, resolve1

    form = resolve1(reference)
    if not isinstance(form, PDFStream) or getattr(resolve1(form.get("Subtype")), "name", "") != "Form":
        return 0
    key = id(form)
    if key not in forms:
        forms[key] = None  # being counted: met again inside itself, it is a cycle
        forms[key] = _count([form], form.get("Resources"), limit, forms, depth + 1) if depth < _DEPTH else limit + 1
    return limit + 1 if forms[key] is None else forms[key]


def _inflate_fonts(resources) -> None:
    """Inflate the embedded font programs and Unicode maps (within the bounds) that pdfium would."""
    from pdfminer.pdftypes import resolve1

    for font in map(_dict, _dict(resources.get("Font")).values()):
        descendants = resolve1(font.get("DescendantFonts"))
        for part in [font, *map(_dict, descendants if isinstance(descendants, list) else ())]:
            for holder in (part, _dict(part.get("FontDescriptor"))):
                for key in _FONT_FILES:
                    stream = resolve1(holder.get(key))
                    if hasattr(stream, "get_data"):
                        stream.get_data()


def _dict(value) -> dict:
    """``value`` resolved, or an empty dict where a damaged file has something else."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def _objects_in(data: bytes, room: int) -> int:
    """Objects one content stream makes, counted up to just past ``room`` (a stream may be 64 MB)."""
    operators = sum(1 for _ in islice(_OPERATORS.finditer(data), room + 1))
    return operators if operators > room else operators + string_bytes(data, room - operators)


_CHUNK = 1 << 20  # bytes of a stream scanned at once: the arrays stay a few megabytes


def string_bytes(data: bytes, room: int | None = None) -> int:
    """Bytes inside the text strings of ``data``, counted up to just past ``room``: literal and hex strings.

    A literal string's bytes are those within parentheses at a depth above zero, nested as PDF
    allows; a parenthesis after an odd run of backslashes is escaped, and a stray closing one
    does not go below zero. Counted with array operations a megabyte at a time.
    """
    total = 0
    for found in _HEX.finditer(data):
        total += (found.end() - found.start() - 2) // 2
        if room is not None and total > room:
            return total
    depth, low, backslashes = 0, 0, 0  # the walk so far (+1 at '(', -1 at ')'), min(0, its lowest), trailing '\\'s
    for start in range(0, len(data) if b"(" in data else 0, _CHUNK):
        codes = np.frombuffer(data, dtype=np.uint8, count=min(_CHUNK, len(data) - start), offset=start)
        escaped, backslashes = _escaped(codes == 0x5C, backslashes)
        step = (codes == 0x28).astype(np.int32) - (codes == 0x29)
        step[escaped] = 0
        walk = np.cumsum(step) + depth
        lows = np.minimum(np.minimum.accumulate(walk), low)
        total += int(np.count_nonzero(walk > lows))  # the depth a stray ')' cannot push below zero is above it
        depth, low = int(walk[-1]), int(lows[-1])
        if room is not None and total > room:
            break
    return total


def _escaped(backslash: np.ndarray, before: int) -> tuple[np.ndarray, int]:
    """Which bytes follow an odd run of backslashes (``before``: the run ending the previous chunk), and
    the run ending this chunk."""
    positions = np.arange(len(backslash))
    last_other = np.maximum.accumulate(np.where(backslash, -1, positions))
    run = positions - last_other + np.where(last_other < 0, before, 0)  # backslashes ending at each byte
    escaped = np.empty(len(backslash), dtype=bool)
    escaped[0] = before % 2 == 1
    escaped[1:] = run[:-1] % 2 == 1
    return escaped, int(run[-1])
