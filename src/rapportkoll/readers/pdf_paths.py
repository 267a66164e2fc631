"""A painted pdfium path as the lines, rects and curves pdfminer makes of it (pdfplumber's rulings).

pdfminer splits a path at each move, and calls a subpath of one segment a line, a closed
axis-aligned four-sided one a rect and anything else a curve; pdfplumber turns those into the
edges its table finder joins into cells. pdfium keeps a path as points with a type each (a
Bézier curve as three points) and a close flag, and closes a subpath with a line back to its
start where ``h`` would: the same subpaths, classified the same way, give the same edges.
"""

from __future__ import annotations

import ctypes

_LINE, _BEZIER, _MOVE = 0, 1, 2  # pdfium's segment types


def path_objects(raw, path, matrix, frame) -> list[dict]:
    """pdfplumber's dicts of the subpaths of a painted ``path``; ``matrix`` takes its points to user space."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(path, fill, stroke) or not (fill.value or stroke.value):
        return []  # not painted: pdfminer makes nothing of it
    paint = {"stroke": bool(stroke.value), "fill": bool(fill.value)}
    found = []
    for shape, points in _subpaths(_segments(raw, path, matrix, frame)):
        made = _classified(shape, points, frame)
        if made is not None:
            made.update(paint)
            found.append(made)
    return found


def _segments(raw, path, matrix, frame) -> list[tuple[str, tuple[float, float]]]:
    """(operator, end point in pdfminer's coordinates) per segment; a closed subpath gets its ``h``."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, tuple[float, float]]] = []
    start, curve = (0.0, 0.0), 0
    for k in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, k)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == _MOVE:
            start = point
        curve = curve + 1 if kind == _BEZIER else 0
        if kind != _BEZIER or curve % 3 == 0:  # a curve's two control points are not its points
            ops.append(("m" if kind == _MOVE else "c" if kind == _BEZIER else "l", point))
        if raw.FPDFPathSegment_GetClose(segment) and point != start:
            ops.append(("h", start))
    return ops


def _subpaths(ops: list[tuple[str, tuple[float, float]]]):
    """The subpaths as pdfminer paints them: one per move, a move alone or a path not opened by one dropped."""
    current: list[tuple[str, tuple[float, float]]] = []
    for op in ops + [("m", (0.0, 0.0))]:
        if op[0] == "m" and current:
            if current[0][0] == "m" and len(current) > 1:
                yield "".join(o for o, _ in current), [p for _, p in current]
            current = []
        current.append(op)


def _classified(shape: str, points: list[tuple[float, float]], frame) -> dict | None:
    if shape in ("ml", "mlh"):
        return _made("line", points[:2], frame)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            return _made("rect", points, frame)
    return _made("curve", points, frame)


def _made(kind: str, points: list[tuple[float, float]], frame) -> dict:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    made = frame.box(min(xs), min(ys), max(xs), max(ys), kind)
    made["pts"] = [(frame.x_shift + x, frame.top_shift + frame.height - y) for x, y in points]
    return made
