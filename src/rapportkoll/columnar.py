"""Cells kept as columns: a long table's texts and parsed numbers in arrays, Cell and Location made on demand.

A text export of 10⁶ rows has 5·10⁶ cells; an object per cell (a Cell, a Location, a Parsed) cost ~400
bytes and ~4 µs each to read. The store keeps each row's label, the distinct texts of the value cells
with a code per cell, and what each distinct text parses to (value, decimals, kind, flags) as numpy
arrays, so the numeric frame is a few array indexings. Rows stay objects (``StoredRow``, one per row,
with its label cell made once: labels are read ~30 times a row), but a row's ``cells`` are made when
asked for, and a cell's ``location`` and ``parsed`` only when read. A location is made once per cell
and kept, so the same cell always gives the same object (coverage finds cited cells by identity).
"""

from __future__ import annotations

import operator
from array import array
from collections import defaultdict
from itertools import chain, count, repeat
from typing import Sequence

import numpy as np

from rapportkoll.model import Cell, Location, Row
from rapportkoll.numbers import PLAIN_INTEGER, CellKind, Parsed, parse

KINDS = tuple(CellKind)
_CODE = {kind: k for k, kind in enumerate(KINDS)}
NUMBER, PERCENT, MARKER, BLANK = (_CODE[k] for k in (CellKind.NUMBER, CellKind.PERCENT, CellKind.MARKER,
                                                      CellKind.BLANK))
PARENTHESIZED, GROUPED, TOO_LONG = 1, 2, 4


class CellStore:
    """One table's cells as columns. ``labels[i]`` is row i's label; ``codes[i, j]`` indexes the distinct text
    of its value cell j in ``texts``, whose parse is ``value``/``decimals``/``kind``/``flags`` at that index.
    ``decimals`` is per cell (a bare zero takes its column's decimals after reading: readers.precision)."""

    def __init__(self, path: str, lines: Sequence[int], labels: list[str], texts: list[str], codes: np.ndarray,
                 first_field: int = 1) -> None:
        self.path, self.lines, self.labels, self.texts, self.codes = path, lines, labels, texts, codes
        self.width, self.first_field = codes.shape[1], first_field
        self.value, decimals, self.kind, self.flags = _parse_all(self.texts)
        self.decimals = decimals[self.codes]
        self._located: dict[int, Location] = {}
        self._grid: np.ndarray | None = None
        self._made: list[StoredRow] | None = None

    def rows(self) -> list[StoredRow]:
        """The table's rows (a new list: a caller may replace a row of it, and the store no longer serves it)."""
        if self._made is None:
            self._made = list(map(StoredRow.of, repeat(self), range(len(self.labels))))
        return list(self._made)

    def serves(self, rows: list) -> bool:
        """Whether ``rows`` are still the rows this store made (a test or a caller may have replaced one):
        one identity comparison per row, in C."""
        made = self._made
        return made is not None and len(rows) == len(made) and all(map(operator.is_, rows, made))

    def made(self, i: int, row: object) -> bool:
        return self._made is not None and i < len(self._made) and self._made[i] is row

    def cell(self, i: int, j: int) -> StoredCell:
        j = j + self.width if j < 0 else j  # as a row's cells[-1] is its last (-1 marks a label here)
        return StoredCell(self.texts[self.codes[i, j]], self, i, j)

    def row_texts(self, i: int) -> tuple[str, ...]:
        return tuple(map(self.texts.__getitem__, self.codes[i].tolist()))

    def parsed(self, i: int, j: int) -> Parsed:
        """What value cell (i, j) parses to, its decimals as the table now reads them."""
        code = self.codes[i, j]
        kind = self.kind[code]
        if kind != NUMBER and kind != PERCENT:
            return parse(self.texts[code])  # blanks, markers and text: few distinct texts, remembered by parse
        flags = int(self.flags[code])
        return Parsed(KINDS[kind], float(self.value[code]), int(self.decimals[i, j]),
                      parenthesized=bool(flags & PARENTHESIZED), grouped=bool(flags & GROUPED))

    def location(self, i: int, j: int) -> Location:
        """Where value cell (i, j) sits (j = -1: the row's label); the same object each time."""
        if j >= 0 and self._grid is not None:
            return self._grid[i, j]
        key = i * (self.width + 1) + j + 1
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = Location.of_field(self.path, self.lines[i], self.first_field + j + 1)
        return found

    def location_grid(self) -> np.ndarray:
        """Every value cell's location (rows × columns, an object array), made once; cells asked for before
        keep their objects."""
        if self._grid is None:
            rows, width = self.codes.shape
            asked, stride, path, lines, first = self._located, width + 1, self.path, self.lines, self.first_field + 1
            grid = np.empty((rows, width), dtype=object)
            grid.ravel()[:] = [asked.get(i * stride + j + 1) or Location.of_field(path, lines[i], first + j)
                               for i in range(rows) for j in range(width)]
            self._grid = grid
        return self._grid

    def numbers(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per cell: value (NaN where no number), decimals (-1 where none), kind code."""
        return self.value[self.codes], self.decimals, self.kind[self.codes]

    def has_numbers(self, j: int) -> bool:
        """Whether value column j holds a number or a percentage."""
        return not np.all(np.isnan(self.value[self.codes[:, j]]))

    def too_long(self) -> list[tuple[int, int]]:
        """The cells holding a number of too many digits to check, in reading order."""
        rows, columns = np.nonzero(self.flags[self.codes] & TOO_LONG)
        return list(zip(rows.tolist(), columns.tolist()))


class StoreBuilder:
    """A ``CellStore`` filled row by row as a reader reads. Rows are coded in batches (`_BATCH` rows: per row, the
    calls cost more than the coding), all but the last, which may still take a page-break fragment (``last``), so
    no list of every row's texts is held."""

    _BATCH = 4096

    def __init__(self, path: str, width: int, first_field: int = 1) -> None:
        self.path, self.width, self.first_field = path, width, first_field
        self.lines = array("i")  # an int object per row was 32 bytes
        self.labels: list[str] = []
        self._rows: list[list[str]] = []  # rows read and not yet coded, label first
        self._position = _codes()
        self._codes = array("i")

    @property
    def last(self) -> list[str] | None:
        """The last row's texts, label first."""
        return self._rows[-1] if self._rows else None

    @last.setter
    def last(self, texts: list[str]) -> None:
        self._rows[-1] = texts

    def add(self, texts: list[str], line: int) -> None:
        """A row of the table: its label and ``width`` value texts, read at ``line``."""
        self.labels.append(texts[0])
        self.lines.append(line)
        self._rows.append(texts)
        if len(self._rows) > self._BATCH:
            self._code(len(self._rows) - 1)

    def _code(self, rows: int) -> None:
        """Code the first ``rows`` rows waiting (a text not seen before gets the next code, in C: `_codes`)."""
        self._codes.extend(map(self._position.__getitem__, chain.from_iterable(map(_VALUES, self._rows[:rows]))))
        del self._rows[:rows]

    def build(self) -> CellStore:
        self._code(len(self._rows))
        codes = np.frombuffer(self._codes, dtype=np.intc).astype(np.int32).reshape(len(self.labels), self.width)
        return CellStore(self.path, self.lines, self.labels, list(self._position), codes, self.first_field)


_VALUES = operator.itemgetter(slice(1, None))  # a row's value texts, after its label


def _codes() -> defaultdict[str, int]:
    """Text -> code, the next code for a text not seen before: a lookup and, for a new text, a count in C."""
    return defaultdict(count().__next__)


def _parse_all(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct text parsed once, as arrays: value (NaN for no number), decimals (-1 for none), kind, flags.

    Plain whole amounts ('-12 345': most of a long table's distinct texts) are read all at once, their digits
    converted by numpy, as `parse` reads each (no Parsed made and cached per amount); the rest through `parse`."""
    plain = np.fromiter(map(bool, map(PLAIN_INTEGER.fullmatch, texts)), dtype=bool, count=len(texts))
    value, decimals = np.full(len(texts), np.nan), np.full(len(texts), -1, dtype=np.int8)
    kind, flags = np.full(len(texts), _CODE[CellKind.NUMBER], dtype=np.uint8), np.zeros(len(texts), dtype=np.uint8)
    at = np.flatnonzero(plain)
    chosen = [texts[k] for k in at.tolist()]
    value[at] = np.array([text.replace(" ", "") for text in chosen], dtype=float) if chosen else ()
    decimals[at] = 0
    flags[at] = np.fromiter((" " in text for text in chosen), dtype=bool, count=len(chosen)) * GROUPED
    rest = np.flatnonzero(~plain)
    parsed = [parse(texts[k]) for k in rest.tolist()]
    value[rest] = [np.nan if p.value is None else p.value for p in parsed]
    decimals[rest] = [-1 if p.decimals is None else p.decimals for p in parsed]
    kind[rest] = [_CODE[p.kind] for p in parsed]
    flags[rest] = [p.parenthesized | p.grouped << 1 | p.too_long << 2 for p in parsed]
    return value, decimals, kind, flags


class StoredRow:
    """A row of a ``CellStore``: the label cell made once, the value cells made each time ``cells`` is read."""

    __slots__ = ("label", "_store", "_i")

    def __new__(cls, label: Cell, cells: tuple[Cell, ...]) -> Row:
        """A row made as a ``Row`` is made (``type(row)(label, cells)``, editing a table) is a plain ``Row``."""
        return Row(label, cells)

    @classmethod
    def of(cls, store: CellStore, i: int) -> StoredRow:
        row = object.__new__(cls)
        row._store, row._i = store, i
        row.label = StoredCell(store.labels[i], store, i, -1)
        return row

    @property
    def cells(self) -> tuple[Cell, ...]:
        store, i = self._store, self._i
        return tuple(StoredCell(store.texts[code], store, i, j) for j, code in enumerate(store.codes[i].tolist()))

    @property
    def texts(self) -> tuple[str, ...]:
        """The value cells' texts, without making the cells."""
        return self._store.row_texts(self._i)

    @property
    def is_blank(self) -> bool:
        return bool(np.all(self._store.kind[self._store.codes[self._i]] == BLANK))

    def __eq__(self, other: object) -> bool:
        if not hasattr(other, "cells") or not hasattr(other, "label"):
            return NotImplemented
        return self.label == other.label and self.cells == other.cells

    __hash__ = None  # as Row's: equal by value

    def __reduce__(self):
        return Row, (self.label, self.cells)  # copied or sent to another process as the plain row it reads as


class StoredCell(Cell):
    """A cell of a ``CellStore``: its text kept, its location and parse read from the store when asked for.
    ``j`` is the value column, -1 for the row's label."""

    __slots__ = ("_store", "_i", "_j")

    def __init__(self, text: str, store: CellStore, i: int, j: int) -> None:
        _set_text(self, text)
        _set_store(self, store)
        _set_i(self, i)
        _set_j(self, j)

    @property
    def location(self) -> Location:
        return self._store.location(self._i, self._j)

    @property
    def parsed(self) -> Parsed:
        return parse(self.text) if self._j < 0 else self._store.parsed(self._i, self._j)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cell):
            return NotImplemented
        return (self.text, self.location, self.parsed) == (other.text, other.location, other.parsed)

    def __hash__(self) -> int:
        return hash((self.text, self.location, self.parsed))

    def __reduce__(self):
        return Cell, (self.text, self.location, self.parsed)


_set_text = Cell.text.__set__
_set_store, _set_i, _set_j = StoredCell._store.__set__, StoredCell._i.__set__, StoredCell._j.__set__
