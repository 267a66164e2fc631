"""A PDF page's characters and rulings, read by pdfium, as the dicts pdfplumber's table finder takes.

pdfminer interprets a page in Python, an object per character: for the ~76 000 characters of a
24-page report that was most of reading it. pdfium (pypdfium2, which pdfplumber itself depends
on) reads the same characters and paths in C. They are given to pdfplumber in its own shape, in
pdfminer's coordinates (pdfplumber's page geometry, rotation included), so its table finder,
text lines and word grouping work as before: a character's box is its advance from the origin,
its font size high from the font's descent, as pdfminer makes it; the characters pdfium
generates (spaces and line ends it infers) are left out, as pdfminer has none.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass

from rapportkoll.readers.pdf_paths import path_objects

Matrix = tuple[float, float, float, float, float, float]
_TEXT, _PATH, _FORM = 1, 2, 5  # pdfium's page object types
_HYPHEN = ("\ufffe", "\x02")  # pdfium's text for a hyphen it took for a word broken at a line end
_FORM_DEPTH = 12  # nested forms followed; deeper ones hold no report text in practice


@dataclass(frozen=True)
class Frame:
    """Where a pdfium point lands on pdfplumber's page: pdfminer's page matrix, then pdfplumber's shifts."""

    ctm: Matrix
    height: float
    x_shift: float
    top_shift: float
    doctop: float
    page_number: int

    @classmethod
    def of(cls, page) -> Frame:
        """The frame of a pdfplumber page (pdfminer's matrix for its media box and rotation)."""
        x0, y0, x1, y1 = page.page_obj.mediabox
        ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
               270: (0, 1, -1, 0, y1, -x0)}.get(page.page_obj.rotate % 360, (1, 0, 0, 1, -x0, -y0))
        return cls(ctm, page.height, page.mediabox[0], page.mediabox[1], page.initial_doctop, page.page_number)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A pdfium (user space) point in pdfminer's coordinates."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def char(self, text: str, left: float, right: float, bottom: float, font: tuple[str, float, bool]) -> dict:
        """pdfminer's box of a character: its advance from the origin, the font size high from its descent."""
        name, size, upright = font
        a, b, c, d, e, f = self.ctm
        if b or c or a != 1 or d != 1:  # a rotated page: the box's corners turned
            (x0, y0), (x1, y1) = self.point(left, bottom), self.point(right, bottom + size)
            made = self.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), "char")
            made.update(text=text, fontname=name, size=size, upright=upright)
            return made
        y0 = bottom + f
        top = self.height - y0 - size + self.top_shift
        return {"text": text, "fontname": name, "size": size, "upright": upright,
                "x0": left + e + self.x_shift, "x1": right + e + self.x_shift, "y0": y0, "y1": y0 + size,
                "width": right - left, "height": size, "top": top, "bottom": top + size,
                "doctop": self.doctop + top, "object_type": "char", "page_number": self.page_number}

    def box(self, x0: float, y0: float, x1: float, y1: float, kind: str) -> dict:
        """pdfplumber's geometry keys of a box given in pdfminer's coordinates."""
        top = self.height - y1 + self.top_shift
        return {"x0": x0 + self.x_shift, "y0": y0, "x1": x1 + self.x_shift, "y1": y1, "width": x1 - x0,
                "height": y1 - y0, "top": top, "bottom": self.height - y0 + self.top_shift,
                "doctop": self.doctop + top, "object_type": kind, "page_number": self.page_number}


def load_objects(plumber_page, pdfium_page) -> None:
    """Fill the pdfplumber page's object cache (``page.objects`` is read from it) from pdfium."""
    import pypdfium2.raw as raw

    frame = Frame.of(plumber_page)
    objects: dict[str, list[dict]] = {}
    textpage = raw.FPDFText_LoadPage(pdfium_page)
    try:
        chars = _chars(raw, textpage, frame)
    finally:
        raw.FPDFText_ClosePage(textpage)
    if chars:
        objects["char"] = chars
    for obj in _paths(raw, pdfium_page, frame):
        objects.setdefault(obj["object_type"], []).append(obj)
    plumber_page._objects = objects


def _chars(raw, textpage, frame: Frame) -> list[dict]:
    """Every character pdfium read from the text (not the ones it generated), in content order.

    The loop is the hot path of reading a PDF: one call for the box of each character, its font
    looked up once per text object (the characters of one object share font, size and matrix).
    """
    count = raw.FPDFText_CountChars(textpage)
    text = _page_text(raw, textpage, count)
    text_object = _object_address(raw)
    fonts: dict[int, tuple[str, float, bool]] = {}
    box, chars, make = raw.FS_RECTF(), [], frame.char
    for i in range(count):
        key = text_object(textpage, i)
        if key is None:
            continue  # generated by pdfium
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font(raw, textpage, i)
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        value = text[i] if text else chr(raw.FPDFText_GetUnicode(textpage, i))
        chars.append(make("-" if value in _HYPHEN else value, box.left, box.right, box.bottom, font))
    return chars


@functools.cache
def _object_address(raw):
    """``FPDFText_GetTextObject`` returning the object's address (None for a generated character): a key."""
    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


def _page_text(raw, textpage, count: int) -> str:
    """The page's text, one character a position; empty where pdfium's text does not line up with them."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: 2 * count].decode("utf-16-le", errors="replace")
    return text if len(text) == count else ""  # characters beyond the BMP take two UTF-16 units


def _font(raw, textpage, index: int) -> tuple[str, float, bool]:
    """The font name (pdfium leaves out a subset's tag), size and uprightness of the character's text object."""
    obj = raw.FPDFText_GetTextObject(textpage, index)
    font = raw.FPDFTextObj_GetFont(obj)
    size = raw.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
    name = ""
    if size > 1:
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFFont_GetBaseFontName(font, buffer, size)
        name = buffer.value.decode("utf-8", errors="replace")
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    return name, raw.FPDFText_GetFontSize(textpage, index), 0 < matrix.a * matrix.d and matrix.b * matrix.c <= 0


def _paths(raw, page, frame: Frame) -> list[dict]:
    """The page's painted paths as pdfplumber's lines, rects and curves, forms followed."""
    found: list[dict] = []
    count = raw.FPDFPage_CountObjects(page)
    _walk(raw, (raw.FPDFPage_GetObject(page, k) for k in range(count)), (1, 0, 0, 1, 0, 0), frame, found, 0)
    return found


def _walk(raw, objects, outer: Matrix, frame: Frame, found: list[dict], depth: int) -> None:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (_PATH, _FORM):
            continue
        matrix = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == _PATH:
            found.extend(path_objects(raw, obj, inner, frame))
        elif depth < _FORM_DEPTH:
            count = raw.FPDFFormObj_CountObjects(obj)
            _walk(raw, (raw.FPDFFormObj_GetObject(obj, k) for k in range(count)), inner, frame, found, depth + 1)


def _compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2)
