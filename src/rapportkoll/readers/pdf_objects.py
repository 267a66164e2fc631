"""A PDF page's characters (as arrays) and rulings (as the dicts pdfplumber's table finder takes), read by pdfium.

pdfminer interprets a page in Python, an object per character: for the ~76 000 characters of a
24-page report that was most of reading it. pdfium (pypdfium2, which pdfplumber itself depends
on) reads the same characters and paths in C. The rulings are given to pdfplumber's table finder
in its own shape; the characters are kept as arrays (``Chars``) that ``pdf_words`` groups into
words and lines as pdfplumber would. Both are in pdfminer's coordinates (pdfplumber's page
geometry, rotation included): a character's box is its advance from the origin, its font size
high from the font's descent, as pdfminer makes it; the characters pdfium generates (spaces and
line ends it infers) are left out, as pdfminer has none.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from rapportkoll.readers.pdf_paths import path_objects

Matrix = tuple[float, float, float, float, float, float]
_PATH, _FORM = 2, 5  # pdfium's page object types (text is read through the text page)
_HYPHENS = ("\ufffe", "\x02")  # pdfium's text for a hyphen it took for a word broken at a line end
_FORM_DEPTH = 12  # nested forms followed; deeper ones hold no report text in practice


@dataclass(frozen=True)
class Chars:
    """A page's characters in content order: their text (one character a position), boxes and fonts."""

    text: str
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    font: np.ndarray  # index into ``fonts``
    fonts: list[tuple[str, float, bool]]  # (name without a subset's tag, size, upright) per text object

    @functools.cached_property
    def codes(self) -> np.ndarray:
        """The characters' code points: a selection's text is taken in one step (``pdf_words``)."""
        return np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)

    @functools.cached_property
    def blank(self) -> np.ndarray:
        """Blank characters (``str.isspace``): they end a word and are no part of one."""
        return np.fromiter(map(str.isspace, self.text), dtype=bool, count=len(self.text))

    @functools.cached_property
    def size(self) -> np.ndarray:
        return np.array([size for _, size, _ in self.fonts], dtype=float)[self.font]

    @functools.cached_property
    def upright(self) -> np.ndarray:
        return np.array([upright for _, _, upright in self.fonts], dtype=bool)[self.font]

    @functools.cached_property
    def bold(self) -> np.ndarray:
        """Set in a font whose name says bold (how a PDF's headings are told from its prose)."""
        return np.array(["bold" in name.casefold() for name, _, _ in self.fonts], dtype=bool)[self.font]


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

    def point(self, x, y):
        """A pdfium (user space) point (or arrays of them) in pdfminer's coordinates."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def chars(self, left: np.ndarray, right: np.ndarray, bottom: np.ndarray, size: np.ndarray):
        """pdfminer's boxes (x0, x1, top, bottom) of characters: their advance from the origin, the font size
        high from their descent. The arithmetic is pdfminer's and pdfplumber's, in their order."""
        a, b, c, d, e, f = self.ctm
        if b or c or a != 1 or d != 1:  # a rotated page: the box's corners turned
            (x0, y0), (x1, y1) = self.point(left, bottom), self.point(right, bottom + size)
            lowest, highest = np.minimum(y0, y1), np.maximum(y0, y1)
            top = self.height - highest + self.top_shift
            return (np.minimum(x0, x1) + self.x_shift, np.maximum(x0, x1) + self.x_shift, top,
                    self.height - lowest + self.top_shift)
        top = self.height - (bottom + f) - size + self.top_shift
        return left + e + self.x_shift, right + e + self.x_shift, top, top + size

    def box(self, x0: float, y0: float, x1: float, y1: float, kind: str) -> dict:
        """pdfplumber's geometry keys of a box given in pdfminer's coordinates."""
        top = self.height - y1 + self.top_shift
        return {"x0": x0 + self.x_shift, "y0": y0, "x1": x1 + self.x_shift, "y1": y1, "width": x1 - x0,
                "height": y1 - y0, "top": top, "bottom": self.height - y0 + self.top_shift,
                "doctop": self.doctop + top, "object_type": kind, "page_number": self.page_number}


def load_objects(plumber_page, pdfium_page) -> Chars:
    """The page's characters; its rulings fill the pdfplumber page's object cache (``page.edges`` reads it)."""
    import pypdfium2.raw as raw

    frame = Frame.of(plumber_page)
    textpage = raw.FPDFText_LoadPage(pdfium_page)
    try:
        chars = _chars(raw, textpage, frame)
    finally:
        raw.FPDFText_ClosePage(textpage)
    objects: dict[str, list[dict]] = {}
    for obj in _paths(raw, pdfium_page, frame):
        objects.setdefault(obj["object_type"], []).append(obj)
    plumber_page._objects = objects
    return chars


def _chars(raw, textpage, frame: Frame) -> Chars:
    """Every character pdfium read from the text (not the ones it generated), in content order.

    The hot path of reading a PDF: two calls into pdfium per character (its text object, for its
    font and whether pdfium generated it; its box), mapped over the page's characters without a
    Python loop body; the font looked up once per text object, from its first character.
    """
    count = raw.FPDFText_CountChars(textpage)
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    text_object = _call(raw, "FPDFText_GetTextObject", ctypes.c_size_t, ctypes.c_void_p, ctypes.c_int)
    keys = np.fromiter(map(text_object, repeat(handle, count), range(count)), dtype=np.uintp, count=count)
    kept = np.flatnonzero(keys)  # 0: no text object, a character pdfium generated
    _, first, font = np.unique(keys[kept], return_index=True, return_inverse=True)
    names: dict[int, str] = {}
    faces = [_font(raw, textpage, int(keys[kept[i]]), int(kept[i]), names) for i in first]
    size = np.array([s for _, s, _ in faces], dtype=float)[font]
    box = _boxes(raw, handle, kept)
    x0, x1, top, bottom = frame.chars(box[:, 0], box[:, 2], box[:, 3], size)
    return Chars(_texts(raw, textpage, count, kept), x0, x1, top, bottom, font.reshape(-1), faces)


def _boxes(raw, handle: int, kept: np.ndarray) -> np.ndarray:
    """The loose box (left, top, right, bottom; pdfium's single precision, widened) of each character ``kept``,
    one call each writing it straight into one array."""
    count = len(kept)
    boxes = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(boxes)
    loose_box = _call(raw, "FPDFText_GetLooseCharBox", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    np.fromiter(map(loose_box, repeat(handle, count), kept.tolist(), range(base, base + 16 * count, 16)),
                dtype=np.intc, count=count)
    return np.frombuffer(boxes, dtype=np.float32).reshape(-1, 4).astype(np.float64)


@functools.cache
def _call(raw, name: str, result, *arguments):
    """pdfium's function ``name`` taking handles and addresses as plain integers (ctypes converts those fastest)."""
    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(result, *arguments)(address)


def _texts(raw, textpage, count: int, kept: np.ndarray) -> str:
    """The kept characters' text, one character each, pdfium's hyphen marks as hyphens."""
    text = _page_text(raw, textpage, count)
    if text:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)[kept]
        chosen = codes.tobytes().decode("utf-32-le")
    else:
        chosen = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in kept.tolist())
    for mark in _HYPHENS:
        chosen = chosen.replace(mark, "-")  # str.translate looks up every character; replace scans in C
    return chosen


def _page_text(raw, textpage, count: int) -> str:
    """The page's text, one character a position; empty where pdfium's text does not line up with them."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: 2 * count].decode("utf-16-le", errors="replace")
    return text if len(text) == count else ""  # characters beyond the BMP take two UTF-16 units


def _font(raw, textpage, obj: int, index: int, names: dict[int, str]) -> tuple[str, float, bool]:
    """The font name (pdfium leaves out a subset's tag; ``names`` keeps those read per font), size and uprightness
    of the text object ``obj`` (an address), ``index`` one of its characters."""
    font = _call(raw, "FPDFTextObj_GetFont", ctypes.c_size_t, ctypes.c_size_t)(obj)
    if font not in names:
        names[font] = _font_name(raw, font) if font else ""
    matrix = raw.FS_MATRIX()
    _call(raw, "FPDFPageObj_GetMatrix", ctypes.c_int, ctypes.c_size_t, ctypes.c_void_p)(obj, ctypes.addressof(matrix))
    return names[font], raw.FPDFText_GetFontSize(textpage, index), 0 < matrix.a * matrix.d and matrix.b * matrix.c <= 0


def _font_name(raw, font: int) -> str:
    base_name = _call(raw, "FPDFFont_GetBaseFontName", ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_size_t)
    size = base_name(font, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    base_name(font, ctypes.addressof(buffer), size)
    return buffer.value.decode("utf-8", errors="replace")


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
