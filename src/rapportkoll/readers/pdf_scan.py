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

import numpy as np

from rapportkoll.readers.limits import TooManyObjects

_DELIMITER = rb"\s()<>\[\]{}/%"
_OPERATORS = re.compile(rb"(?<![^%s])(?:f\*|B\*|b\*|Tj|TJ|Do|BI|sh|[SsfFBb'\"])(?![^%s])" % (_DELIMITER, _DELIMITER))
_DRAWN = re.compile(rb"/([^%s]+)\s*Do(?![^%s])" % (_DELIMITER, _DELIMITER))
_HEX = re.compile(rb"<[0-9A-Fa-f\s]*>")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3", "ToUnicode")
_DEPTH = 12  # forms inside forms followed (a cycle ends there too)


def check_page(page, limit: int) -> None:
    """Raise TooManyObjects if the pdfminer ``page`` would make more than ``limit`` objects."""
    if _count(page.contents, page.resources, limit, {}, 0) > limit:
        raise TooManyObjects


def _count(streams, resources, limit: int, forms: dict[int, int], depth: int) -> int:
    """Objects the content ``streams`` make with their ``resources`` (forms counted where drawn)."""
    from pdfminer.pdftypes import resolve1

    resources = _dict(resources)
    _inflate_fonts(resources)
    xobjects = _dict(resources.get("XObject"))
    total = 0
    for stream in map(resolve1, streams):
        data = stream.get_data() if hasattr(stream, "get_data") else b""
        total += len(_OPERATORS.findall(data)) + string_bytes(data)
        for name in _DRAWN.findall(data) if xobjects else ():
            total += _form(xobjects.get(name.decode("latin-1")), limit, forms, depth)
        if total > limit:
            break
    return total


def _form(reference, limit: int, forms: dict[int, int], depth: int) -> int:
    """The objects a form XObject makes each time it is drawn (0 for images and for forms too deep)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    form = resolve1(reference)
    if not isinstance(form, PDFStream) or getattr(resolve1(form.get("Subtype")), "name", "") != "Form":
        return 0
    key = id(form)
    if key not in forms:
        forms[key] = 0  # while it is counted: a form drawing itself adds nothing more
        if depth < _DEPTH:
            forms[key] = _count([form], form.get("Resources"), limit, forms, depth + 1)
    return forms[key]


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


def string_bytes(data: bytes) -> int:
    """Bytes inside the text strings of ``data``: literal strings, nested and escaped as PDF allows, and hex.

    Bytes within parentheses at a depth above zero (an escaped parenthesis does not count; a
    stray closing one does not go below zero), counted with array operations: a content stream
    may be tens of megabytes.
    """
    hex_bytes = sum(len(m) - 2 for m in _HEX.findall(data)) // 2
    if b"(" not in data:
        return hex_bytes
    codes = np.frombuffer(data, dtype=np.uint8)
    step = (codes == 0x28).astype(np.int64) - (codes == 0x29)
    step[1:][_escaped(codes == 0x5C)] = 0
    walk = np.cumsum(step)
    depth = walk - np.minimum(np.minimum.accumulate(walk), 0)
    return int(np.count_nonzero(depth > 0)) + hex_bytes


def _escaped(backslash: np.ndarray) -> np.ndarray:
    """For each byte but the first, whether an odd run of backslashes stands right before it."""
    positions = np.arange(len(backslash))
    last_other = np.maximum.accumulate(np.where(backslash, -1, positions))
    run = positions - last_other  # backslashes ending here (0 where this byte is not one)
    return (run[:-1] % 2) == 1
