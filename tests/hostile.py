"""Minimal hostile inputs from issue 12, built from its notes; `scale` shrinks the large ones for the test suite.

Each builder writes one file into ``folder`` and returns its path. Nothing here is report data:
tables are made up to be small, and every bomb is the shape the issue describes (a run of spaces,
extra columns, repeated rows, inflating parts, drawing operators, aliases, nesting).
`bench/hostile.py` runs them at full size (scale 1) against the default limits.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

TABLE_HEAD = "Driftredovisning, tkr\nVerksamhet\tBudget 2023\tUtfall 2023\tAvvikelse\n"


def _tsv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def long_number(folder: Path, scale: float = 1) -> Path:
    """A 400-digit number in a part: once an OverflowError, and a column whose checks silently vanished."""
    return _tsv(folder, "long-number.tsv", TABLE_HEAD + f"A\t{'9' * 400}\t5\t-4\nB\t2\t3\t-1\nSumma\t3\t8\t-5\n")


def huge_total(folder: Path, scale: float = 1) -> Path:
    """A total near 1e308 (309 digits): once an OverflowError in the culprit search."""
    return _tsv(folder, "huge-total.tsv", TABLE_HEAD + f"A\t1\t5\t-4\nB\t2\t3\t-1\nSumma\t{'17' + '9' * 307}\t8\t-5\n")


def spaces_in_label(folder: Path, scale: float = 1) -> Path:
    """A label with a run of 20 000 spaces before a word: 61 s in the footnote-tail regex."""
    return _tsv(folder, "spaces.tsv", TABLE_HEAD + f"A{' ' * int(20_000 * scale)}x\t1\t2\t-1\nSumma\t1\t2\t-1\n")


def extra_columns(folder: Path, scale: float = 1, extra: int = 80) -> Path:
    """A row with ``extra`` more columns than the header (80: 35 s in column discovery; 10**5: minutes)."""
    row = "A\t" + "\t".join(str(k % 97 + 1) for k in range(3 + extra)) + "\n"
    return _tsv(folder, f"columns-{extra}.tsv", TABLE_HEAD + row + "B\t1\t2\t-1\nSumma\t3\t5\t-2\n")


def repeated_rows(folder: Path, scale: float = 1) -> Path:
    """One slip among 400 repeated rows (Budget − Utfall = Avvikelse; one Avvikelse off): 38 s in the culprit search."""
    count = max(10, int(400 * scale))
    rows = [f"Post {k}\t100\t90\t10" for k in range(count)]
    rows[count // 2] = f"Post {count // 2}\t100\t90\t12"
    total = f"Summa\t{100 * count}\t{90 * count}\t{10 * count}"
    return _tsv(folder, "repeated.tsv", TABLE_HEAD + "\n".join(rows + [total]) + "\n")


def big_text(folder: Path, scale: float = 1) -> Path:
    """A 199 MB text export (scaled): 120 s and 1.8 GiB once; now refused by the text limit before parsing."""
    path = folder / "big.txt"
    line = b"Post\t1\t2\t-1\n"
    with path.open("wb") as stream:
        stream.write(TABLE_HEAD.encode())
        for _ in range(int(199 * 1024 * 1024 * scale) // (len(line) * 1000)):
            stream.write(line * 1000)
    return path


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


_DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
               b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
               b"</Types>")
_DOCX_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              b'officeDocument" Target="word/document.xml"/></Relationships>')


def _docx_body(body: bytes) -> bytes:
    return (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + body + b"</w:body></w:document>")


def docx_paragraph_bomb(folder: Path, scale: float = 1) -> Path:
    """A small DOCX whose document.xml inflates to 240 MB of paragraphs (scaled): > 300 s at 4 GiB once."""
    paragraph = b"<w:p><w:r><w:t>Text</w:t></w:r></w:p>"
    body = paragraph * (int(240 * 1024 * 1024 * scale) // len(paragraph))
    return _zip(folder / "paragraphs.docx", {"[Content_Types].xml": _DOCX_TYPES, "_rels/.rels": _DOCX_RELS,
                                              "word/document.xml": _docx_body(body)})


def docx_lying_size(folder: Path, scale: float = 1) -> Path:
    """A DOCX whose document.xml declares 1 000 bytes and inflates to far more: 2.1 GiB before the CRC check once."""
    data = bytearray(docx_paragraph_bomb(folder, scale).read_bytes())
    for header, size_at in _headers(data):
        if data[header:header + 4] == b"PK\x01\x02" and data[header + 46:header + 63] == b"word/document.xml" \
                or data[header:header + 4] == b"PK\x03\x04" and data[header + 30:header + 47] == b"word/document.xml":
            struct.pack_into("<I", data, header + size_at, 1000)
    path = folder / "lying.docx"
    path.write_bytes(bytes(data))
    return path


def _headers(data: bytearray) -> list[tuple[int, int]]:
    """(offset, offset of the uncompressed size in it) of every local and central header, from the directory."""
    end = data.rfind(b"PK\x05\x06")
    count, _, directory = struct.unpack_from("<HII", data, end + 10)
    found, at = [], directory
    for _ in range(count):
        local = struct.unpack_from("<I", data, at + 42)[0]
        found += [(at, 24), (local, 22)]
        at += 46 + sum(struct.unpack_from("<HHH", data, at + 28))
    return found


def zip_version(folder: Path, suffix: str) -> Path:
    """An XLSX or DOCX whose first part needs "version 25.5 to extract": zipfile's NotImplementedError once."""
    path = folder / f"version{suffix}"
    source = _zip(folder / f"plain{suffix}", {"[Content_Types].xml": _DOCX_TYPES, "_rels/.rels": _DOCX_RELS,
                                              "word/document.xml": _docx_body(b"<w:p/>")})
    data = bytearray(source.read_bytes())
    for header, size_at in _headers(data):
        struct.pack_into("<H", data, header + (6 if size_at == 24 else 4), 255)  # version needed to extract
    path.write_bytes(bytes(data))
    return path


def pdf_line_bomb(folder: Path, scale: float = 1) -> Path:
    """A ~120 KB PDF whose one page draws 4.5 million lines (scaled): 305 s at 3.5 GiB once."""
    count = max(1000, int(4_500_000 * scale))
    path = folder / "lines.pdf"
    path.write_bytes(pdf_document([b"0 0 m 1 1 l S\n" * count]))
    return path


def pdf_nested_forms(depth: int, fan: int, lines: int, *, cycle: bool = False) -> bytes:
    """A one-page PDF drawing form X<depth> ``fan`` times, each X<k> drawing X<k-1> ``fan`` times and X0 ``lines``
    lines: fan**(depth + 1) * lines paths from a few hundred bytes. ``cycle``: X0 also draws X<depth>."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (depth + 5)]
    for level in range(depth + 1):
        below = level + 2 if level else depth + 3  # X<k-1> is object k + 2; X0 draws X<depth> in a cycle
        body = b"/X Do\n" * fan if level else b"0 0 m 1 1 l S\n" * lines + (b"/X Do\n" if cycle else b"")
        drawn = b"/Resources << /XObject << /X %d 0 R >> >> " % below if level or cycle else b""
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] %s/Length %d >>\nstream\n"
                       % (drawn, len(body)) + body + b"\nendstream")
    content = b"/X Do\n" * fan
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (depth + 3, depth + 4))
    return _pdf_file(objects)


def pdf_document(pages: list[bytes], *, deflate: bool = True, outline: tuple[str, ...] = ()) -> bytes:
    """A complete PDF: catalog, page tree, Helvetica, one content stream per page, cross-reference table; with
    ``outline``, bookmarks of those titles (each pointing at the first page)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for content in pages:
        data = zlib.compress(content, 9) if deflate else content
        extra = b" /Filter /FlateDecode" if deflate else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    if outline:
        _add_outline(objects, outline, kids[0])
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """Numbered objects (the first the catalog) with their cross-reference table and trailer."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def _add_outline(objects: list[bytes], titles: tuple[str, ...], page: int) -> None:
    """An /Outlines dictionary and one item per title pointing at ``page``, linked First/Next, referenced from the
    catalog."""
    root = len(objects) + 1
    first = root + 1
    objects.append(b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                   % (first, first + len(titles) - 1, len(titles)))
    for k, title in enumerate(titles):
        link = b" /Next %d 0 R" % (first + k + 1) if k + 1 < len(titles) else b""
        objects.append(b"<< /Title (%s) /Parent %d 0 R /Dest [%d 0 R /Fit]%s >>"
                       % (title.encode("cp1252"), root, page, link))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Outlines %d 0 R >>" % root


def xlsx_cells(folder: Path, scale: float = 1) -> Path:
    """A workbook of 480 000 numbers (scaled), just under the cell limit: over 600 s once."""
    from openpyxl import Workbook

    rows = max(20, int(4800 * scale))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["Post"] + [f"Kolumn {c}" for c in range(99)])
    for r in range(rows):
        sheet.append([f"Post {r}"] + [(r * 31 + c * 17) % 1000 for c in range(99)])
    path = folder / "cells.xlsx"
    workbook.save(path)
    return path


def xlsx_huge_value(folder: Path, value: float, number_format: str) -> Path:
    """A cell of ``value`` shown as ``number_format`` (1e30 as 0.00): decimal.InvalidOperation once."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Post", "Belopp"])
    sheet.append(["A", value])
    sheet["B2"].number_format = number_format
    path = folder / f"value-{value:g}.xlsx"
    workbook.save(path)
    return path


PACK_HEAD = "pack: fientlig\ntitle: Fientlig\napplies_to:\n  columns: [Budget]\n"
_RULE = "  - id: r{k}\n    kind: sum\n    title: Summa {k}\n    total: Summa\n"


def pack(folder: Path, name: str, text: str) -> Path:
    """A rule pack file in its own folder (for --rules)."""
    where = folder / name
    where.mkdir(exist_ok=True)
    (where / "fientlig.yaml").write_text(text, encoding="utf-8")
    return where


def alias_bomb(place: str) -> str:
    """Nine levels of nine aliases (1 KB) expanding to 9**9 strings in ``place``: > 60 s at 3 GiB once."""
    anchors = "a0: &a0 [x]\n" + "".join(f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]\n" for k in range(1, 10))
    targets = {"title": "title: *a9\n", "rows": "rules:\n  - id: r\n    kind: sum\n    title: t\n    rows: *a9\n",
               "id": "rules:\n  - id: *a9\n    kind: sum\n    title: t\n", "rules": "rules: *a9\n",
               "description": "rules:\n  - id: r\n    kind: sum\n    title: t\n    rationale: *a9\n"}
    head = PACK_HEAD if place != "title" else PACK_HEAD.replace("title: Fientlig\n", "")
    return "x-anchors:\n" + "".join(f"  {line}\n" for line in anchors.splitlines()) + head + targets[place]


def nested(kind: str, depth: int = 3000) -> str:
    """A pack nested ``depth`` levels as flow lists, flow maps or block maps: a RecursionError once."""
    if kind == "lists":
        return PACK_HEAD + "rules: " + "[" * depth + "]" * depth + "\n"
    if kind == "maps":
        return PACK_HEAD + "rules: " + "{a: " * depth + "1" + "}" * depth + "\n"
    return PACK_HEAD + "x:\n" + "".join(" " * (k + 1) + "a:\n" for k in range(depth)) + " " * (depth + 1) + "1\n"


def long_integer() -> str:
    """An integer of 5 000 digits in a pack: Python's integer string conversion limit once."""
    return PACK_HEAD + "rules:\n  - id: r\n    kind: sum\n    title: t\n    total: Summa\n    tolerance: " + "9" * 5000 + "\n"


def many_rules(count: int = 20_000) -> str:
    """A pack of ``count`` rules: 42 s and 1.1 GiB once."""
    return PACK_HEAD + "rules:\n" + "".join(_RULE.format(k=k) for k in range(count))
