"""A PDF page's objects as pdfplumber gives them, with characters converted in one step each.

pdfplumber turns every pdfminer object into a dict by resolving each attribute recursively; for
the tens of thousands of characters of a report that costs more than reading the page itself.
A character's attributes are plain numbers and names, so they are copied as they are here, giving
the same dicts (tests/test_reader_pdf.py compares them); other objects (rulings, rectangles,
images: few) go through pdfplumber's own conversion.
"""

from __future__ import annotations

import functools

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.utils.pdfinternals import resolve_and_decode


def load_objects(page) -> None:
    """Fill the page's object cache (pdfplumber reads ``page.objects`` from it) if pdfplumber has not."""
    if hasattr(page, "_objects"):
        return
    objects: dict[str, list[dict]] = {}
    to_char = _CharConverter(page)
    for obj in _leaves(page.layout._objs, page.pdf.laparams is not None):
        converted = to_char(obj) if isinstance(obj, LTChar) else page.process_object(obj)
        if converted["object_type"] != "anno":
            objects.setdefault(converted["object_type"], []).append(converted)
    page._objects = objects


def _leaves(layout_objects, with_containers: bool):
    """The objects in pdfplumber's order: containers themselves only when layout analysis was asked for."""
    for obj in layout_objects:
        if isinstance(obj, LTContainer):
            if with_containers:
                yield obj
            yield from _leaves(obj._objs, with_containers)
        else:
            yield obj


class _CharConverter:
    """pdfplumber's dict of one character (``Page.process_object``), from its plain attributes."""

    def __init__(self, page) -> None:
        self.page = page
        self.x_shift, self.top_shift = page.mediabox[0], page.mediabox[1]
        self.height, self.doctop = page.height, page.initial_doctop

    def __call__(self, obj: LTChar) -> dict:
        if self.page.pdf.unicode_norm is not None or isinstance(obj.fontname, bytes):
            return self.page.process_object(obj)  # the rare cases pdfplumber treats specially
        gs = obj.graphicstate
        top = self.height - obj.y1 + self.top_shift
        return {
            "matrix": obj.matrix, "fontname": obj.fontname, "adv": obj.adv, "upright": obj.upright,
            "x0": obj.x0 + self.x_shift, "y0": obj.y0, "x1": obj.x1 + self.x_shift, "y1": obj.y1,
            "width": obj.width, "height": obj.height, "size": obj.size, "mcid": obj.mcid, "tag": obj.tag,
            "object_type": "char", "page_number": self.page.page_number, "ncs": _colour_space(obj.ncs.name),
            "text": obj.get_text(),
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "top": top, "bottom": self.height - obj.y0 + self.top_shift, "doctop": self.doctop + top,
        }


@functools.lru_cache(maxsize=64)
def _colour_space(name: str) -> str:
    return resolve_and_decode(name)
