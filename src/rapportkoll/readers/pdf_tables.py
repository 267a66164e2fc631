"""A PDF page's ruled tables: pdfplumber's table finder, its search for cells between ruling crossings done here.

pdfplumber finds a table's cells from the points where its rulings cross: for each crossing, the
nearest crossings below and to the right joined to it by a ruling, and the one closing the
rectangle. Its search rebuilt the sets of rulings through both points for every pair it tried
(and evaluated typing annotations of nested functions each time): two thirds of finding a page's
tables. ``cells`` is the same search, in the same order, with each crossing's rulings gathered
once; rulings, crossings and the grouping of cells into tables stay pdfplumber's.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]
Point = tuple[float, float]


def find_tables(page, settings: dict) -> list:
    """pdfplumber's ``page.find_tables(settings)``."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)  # its rulings only: its own cell search is what ``cells`` replaces
    finder.page, finder.settings = page, TableSettings.resolve(settings)
    crossings = edges_to_intersections(finder.get_edges(), finder.settings.intersection_x_tolerance,
                                       finder.settings.intersection_y_tolerance)
    return [Table(page, group) for group in cells_to_tables(cells(crossings))]


def cells(crossings: dict[Point, dict[str, list[dict]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: from each crossing (in order of x, then y) the smallest cell it
    is the top left corner of, trying the crossings below it and then those to its right nearest first."""
    rulings = {point: ({_box(e) for e in edges["v"]}, {_box(e) for e in edges["h"]})
               for point, edges in crossings.items()}

    def joined(a: Point, b: Point) -> bool:
        """A vertical ruling through both (same x), or a horizontal one (same y)."""
        return ((a[0] == b[0] and not rulings[a][0].isdisjoint(rulings[b][0]))
                or (a[1] == b[1] and not rulings[a][1].isdisjoint(rulings[b][1])))

    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in sorted(crossings):  # by x, then y: each column top to bottom, each row left to right
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    found = []
    for corner in sorted(crossings):
        below = [p for p in columns[corner[0]] if p[1] > corner[1]]
        right = [p for p in rows[corner[1]] if p[0] > corner[0]]
        cell = _smallest(corner, below, right, rulings, joined)
        if cell is not None:
            found.append(cell)
    return found


def _smallest(corner: Point, below: list[Point], right: list[Point], rulings: dict, joined) -> Box | None:
    for down in below:
        if not joined(corner, down):
            continue
        for across in right:
            if not joined(corner, across):
                continue
            far = (across[0], down[1])
            if far in rulings and joined(far, across) and joined(far, down):
                return corner[0], corner[1], far[0], far[1]
    return None


def _box(edge: dict) -> Box:
    return edge["x0"], edge["top"], edge["x1"], edge["bottom"]
