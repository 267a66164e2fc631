"""The document's sections: headings in reading order, each with its paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapportkoll.model import Location, Paragraph, Report, Table
from rapportkoll.readers.layout import FootnoteMarks, is_heading


@dataclass
class Section:
    """Everything from one heading to the next; the part before the first heading has heading ''."""

    heading: str
    index: int
    place: Location | None = None  # where the heading stands
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def build_sections(report: Report) -> list[Section]:
    """Paragraphs and tables merged in reading order and cut at every heading."""
    items: list[tuple[tuple, int, object]] = []
    for i, paragraph in enumerate(report.prose):
        items.append((_key(paragraph.location), i, paragraph))
    placed = _table_keys(report)
    for j, table in enumerate(report.tables):
        items.append((placed[j], len(report.prose) + j, table))
    sections, footnotes = [Section("", 0)], FootnoteMarks()
    for _, _, item in sorted(items, key=lambda t: (t[0], t[1])):
        if isinstance(item, Table):
            sections[-1].tables.append(item)
            footnotes.read(_all_text(item))
            continue
        footnotes.read(item.text)
        if is_heading(item.text) and not footnotes.opens_footnote(item.text):
            sections.append(Section(item.text, len(sections), item.location))
            footnotes.read_heading(item.text)
        else:
            sections[-1].paragraphs.append(item)
    return sections


def _all_text(table: Table) -> str:
    """Every text of a table as one string, for its footnote marks: the labels, then the cells (the marks
    are a set, so the order is free and a text read once is enough; a long table has 10⁵ rows)."""
    store = table.stored
    labels = store.labels if store is not None else [row.label.text for row in table.rows]
    # each distinct text of a store once (its cells hold no other), else every row's texts
    cells = store.texts if store is not None else [text for row in table.rows for text in row.texts]
    return " ".join([table.caption, table.corner, *table.columns, *labels, *cells])


def _key(location) -> tuple:
    return (location.page or 0, location.line or 0)


def _table_keys(report: Report) -> list[tuple]:
    """Where each table sits: its own line where the format has lines, else just after its caption's heading.

    Word and PDF tables carry no line: each is placed after the first paragraph at or after the previous
    table's place whose text is its caption (several tables under one heading share it), else right after
    the previous table.
    """
    keys = []
    cursor = 0
    for table in report.tables:
        if table.location.line is not None:
            keys.append((table.location.page or 0, table.location.line - 0.5))
            continue
        anchor = next((i for i in range(cursor, len(report.prose)) if report.prose[i].text == table.caption), None)
        cursor = anchor if anchor is not None else cursor
        place = report.prose[cursor].location if report.prose else table.location
        keys.append((*_key(place)[:1], (place.line or 0) + 0.5 + len(keys) * 1e-6))
    return keys


def scope(sections: list[Section], index: int) -> list[Table]:
    """The tables a paragraph in section ``index`` can speak of: its own, else the nearest earlier section's,
    else (text before any table: "Nedanstående tabell visar …") the next section's.

    Comments usually follow their tables under sub-headings of their own ("Kommentarer till utfall och
    prognos" after "Drift"), so the search walks back to the last section that has tables first.
    """
    for section in reversed(sections[:index + 1]):
        if section.tables:
            return section.tables
    return next((s.tables for s in sections[index + 1:] if s.tables), [])
