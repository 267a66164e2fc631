"""The report model every reader produces: tables of located cells, plus the prose."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapportkoll.numbers import CellKind, Parsed, parse
from rapportkoll.vocabulary import terms

if TYPE_CHECKING:
    import numpy as np

    from rapportkoll.columnar import CellStore

_GENERIC_CORNERS = terms("generic_corners")


@dataclass(frozen=True)
class Location:
    """Where a cell sits in its source document, in the terms native to that format.

    Text exports and CSV use ``line`` (1-based) and ``field`` (1-based field, the row label
    being field 1); spreadsheets use ``sheet`` and ``ref`` (A1); Word and PDF files use the 1-based
    ``table_index``/``row_index``/``column_index`` of the cell in the document (PDF adds ``page``).
    A place in prose adds ``span_start``/``span_end``: the characters of a number in its paragraph.
    """

    path: str
    line: int | None = None
    field: int | None = None
    sheet: str | None = None
    ref: str | None = None
    page: int | None = None
    table_index: int | None = None
    row_index: int | None = None
    column_index: int | None = None
    span_start: int | None = None
    span_end: int | None = None

    @classmethod
    def of_field(cls, path: str, line: int, field: int) -> Location:
        """A text or CSV cell's location, made the fast way: readers make one per cell, and the frozen
        __init__ sets all eleven fields (~2 µs); this sets the three given (~0.9 µs, a third less
        memory), the others reading their class default, None. Equal to ``Location(path, line=…, field=…)``."""
        location = object.__new__(cls)
        object.__setattr__(location, "path", path)
        object.__setattr__(location, "line", line)
        object.__setattr__(location, "field", field)
        return location

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @property
    def order_key(self) -> tuple:
        """Document order in any format: path, then page/line, sheet, table, row, column/field."""
        def n(value: int | None) -> int:
            return value or 0

        return (self.path, n(self.page), n(self.line), self.sheet or "", _ref_order(self.ref), n(self.table_index),
                n(self.row_index), n(self.column_index), n(self.field))

    def describe(self) -> str:
        """A compact 'path:line:field' (or 'path:sheet!ref') form for messages."""
        if self.sheet is not None:
            return f"{self.path}:{self.sheet}!{self.ref}"
        if self.table_index is not None:
            page = f"p{self.page}:" if self.page is not None else ""
            return f"{self.path}:{page}t{self.table_index}:r{self.row_index}:c{self.column_index}"
        parts = [self.path] + [str(p) for p in (self.line, self.field) if p is not None]
        return ":".join(parts)


def _ref_order(ref: str | None) -> tuple[int, str]:
    """'D7' sorts as row 7, column D (A1 references sort by row first)."""
    if not ref:
        return (0, "")
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    return (int(digits) if digits else 0, letters.rjust(3))


@dataclass(frozen=True, slots=True, init=False)
class Cell:
    """One table cell: the text as printed, what it parses to, and where it came from.

    Slotted: a report holds one per cell (5 million for 10⁶ rows), 64 bytes each instead of 104."""

    text: str
    location: Location
    parsed: Parsed

    def __init__(self, text: str, location: Location, parsed: Parsed) -> None:
        # The slots are set through their descriptors: the frozen dataclass __init__ goes through
        # object.__setattr__ per field, which took twice as long, once per cell of every table read.
        _set_text(self, text)
        _set_location(self, location)
        _set_parsed(self, parsed)

    @classmethod
    def read(cls, text: str, location: Location) -> Cell:
        return cls(text, location, parse(text))

    @property
    def kind(self) -> CellKind:
        return self.parsed.kind

    @property
    def value(self) -> float | None:
        return self.parsed.value


_set_text, _set_location, _set_parsed = Cell.text.__set__, Cell.location.__set__, Cell.parsed.__set__


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: its label cell (first field) and its value cells, aligned with the header."""

    label: Cell
    cells: tuple[Cell, ...]

    @property
    def is_blank(self) -> bool:
        return all(c.kind is CellKind.BLANK for c in self.cells)

    @property
    def texts(self) -> tuple[str, ...]:
        """The value cells' texts (a stored row gives them without making its cells)."""
        return tuple(c.text for c in self.cells)


@dataclass
class Table:
    """A table as the reader understood it; ``columns`` are the header labels of the value cells.

    ``store``: the cells as columns, where the reader kept them so (text exports, CSV); its rows are ``rows``."""

    caption: str
    corner: str
    columns: tuple[str, ...]
    rows: list[Row]
    location: Location
    index: int = 0
    store: CellStore | None = field(default=None, repr=False, compare=False)

    @property
    def stored(self) -> CellStore | None:
        """The store, while ``rows`` are the rows it made (a caller may have replaced one: then the cells answer)."""
        return self.store if self.store is not None and self.store.serves(self.rows) else None

    def cell(self, i: int, j: int) -> Cell:
        """Value cell j of row i (a stored row makes that one cell, not the row's)."""
        row = self.rows[i]
        return self.store.cell(i, j) if self.store is not None and self.store.made(i, row) else row.cells[j]

    @property
    def title(self) -> str:
        """How users recognise the table: its header corner if it names it, else the caption."""
        if self.corner and not _GENERIC_CORNERS.search(self.corner):
            return self.corner
        return self.caption or self.corner or f"#{self.index + 1}"


class CellLocations:
    """A table's value cells' locations by flat index (row × width + column), each made when read: records of
    checked positions name their cells by index, and only a report or a finding reads where they are (a long
    table's location per cell cost ~550 MiB at 10⁶ rows)."""

    def __init__(self, table: Table) -> None:
        self.table, self.width = table, len(table.columns)

    def __getitem__(self, flat: np.ndarray) -> np.ndarray:
        """The locations at ``flat`` indices, in an object array of their shape."""
        import numpy as np  # the model loads with the CLI (`--version` too), which starts without numpy

        rows, columns = divmod(flat, self.width)
        found = np.empty(flat.shape, dtype=object)
        found.ravel()[:] = [self.table.cell(i, j).location for i, j in zip(rows.ravel().tolist(), columns.ravel().tolist())]
        return found


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: Location


@dataclass(frozen=True)
class ReadProblem:
    """Something in the input that could not be read; the rest of the report still is."""

    location: Location
    message_sv: str
    message_en: str


@dataclass(frozen=True)
class ReadNote:
    """Something the source itself says about a cell that the tables alone do not show.

    ``code``: 'stale-total', 'uncalculated-formula' and 'formula-error' (warnings: the printed value
    may be wrong); 'hidden-row', 'hidden-column', 'hidden-sheet' and 'merged' (info: how the cells
    were read). ``cells`` are further cells involved (a formula neighbour, merged cells).
    """

    code: str
    severity: str
    location: Location
    message_sv: str
    message_en: str
    cells: tuple[Location, ...] = ()


@dataclass
class Report:
    path: str
    tables: list[Table] = field(default_factory=list)
    prose: list[Paragraph] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    contents: list[Paragraph] = field(default_factory=list)  # table-of-contents entries, as printed
    notes: list[ReadNote] = field(default_factory=list)
