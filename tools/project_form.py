"""The page model of a generated project sheet and the `sheet-extract form` reading derived
from it (SPEC "Any form"): takes pages of ruled cells (absolute geometry in points, top-left
origin, each cell marked label / value / section bar) and text lines outside cells (marked
heading or not); gives the expected form JSON. Conventions: fixtures/projects/README.md.
"""
import re
from dataclasses import dataclass, field

EDGE_TOL = 1.0
MARKS = "○●◎〇□■"
BASIS_UNITS = ("年度", "年", "月", "日", "決算", "予算", "見込", "実績", "目標")


@dataclass
class Cell:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str = ""            # as printed; "\n" separates paragraphs (items)
    kind: str = "value"       # "label", "value", "unit" (a value in a 単位 column: passed over
    #                           by header chains), "bar" (shaded section bar, a label), "mark"
    fill: float = None        # grey level of the fill, None = none
    size: float = 8.0
    align: str = "left"
    vertical: str = "center"
    spread: bool = False      # 均等割付: drawn with gaps, printed spaces not drawn
    stacked: bool = False     # one character per line (vertical label)
    marks_option: object = None  # for a mark-alone cell: the option cell it marks
    heads: str = "row"        # a label heads the cells on its "row" (right) or "col" (below)
    struck: bool = False      # an empty cell struck through by a diagonal rule (斜線)
    taken: bool = False       # a value some member of the project reading takes (not a field)
    headed: bool = False      # a value printing its own bracketed label first (`【事業期間】…`):
    #                           its row header walk stops at the value left of it


@dataclass
class Line:
    x: float
    baseline: float
    text: str
    size: float = 9.0
    heading: bool = False
    width: float = 0.0        # filled in by the renderer (text advance)
    title: bool = False       # a title line: a section for the tables below it, across the page


@dataclass
class Page:
    width: float
    height: float
    cells: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def r1(v):
    return round(v + 1e-9, 1)


def squeeze(text):
    return re.sub(r"[\s\u3000]", "", text)


def shown_text(cell):
    """The cell's text by the value rules; a spread or stacked label loses its spaces/breaks."""
    if cell.spread or cell.stacked:
        return squeeze(cell.text)
    items = [p.strip(" \u3000") for p in cell.text.split("\n")]
    text = "\n".join(p for p in items if p)
    return text.replace("\u301c", "～").replace("\u2212", "－")


def parse_number(text):
    """The value rules' number of a whole text, optionally followed by a short unit."""
    t = text.strip()
    if not t:
        return None
    m = re.fullmatch(r"([△▲\-－−]?)\s*([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)(.{0,4})", t)
    if not m:
        return None
    sign, digits, unit = m.groups()
    if unit and (any(unit.startswith(w) or w in unit for w in BASIS_UNITS)
                 or re.search(r"[0-9０-９（）()]", unit)):
        return None
    digits = digits.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,.")).replace(",", "")
    value = float(digits) if "." in digits else int(digits)
    return -value if sign else value


def parse_options(text):
    if sum(text.count(m) for m in MARKS) < 2:
        return None
    parts = re.findall(r"([%s])\s*([^%s]*)" % (MARKS, MARKS), text)
    return [{"mark": m, "text": t.strip(" \u3000\n")} for m, t in parts]


def tracks(values):
    out = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOL:
            out.append(v)
    return out


def track_index(edges, v):
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def overlaps(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0) > EDGE_TOL


def is_label(cell):
    return cell.kind in ("label", "bar")


def header_chain(cell, cells, axis):
    """Labels left of (axis "row") or above (axis "col") the cell, outermost first. The walk
    goes through touching cells only (a gap ends it: another table); from a value cell it first
    passes over the values of its own row/column, then takes labels, and ends at the next value
    cell (not from a value that prints its own label: its row walk ends at the value left of
    it); from a label it ends at the first value (単位 values included). Empty cells and 単位
    values are otherwise passed over; a label heading the other way ends the walk (a row label
    walking up, a column label walking left: as fixtures/form/real/README.md decides), and so
    does a section bar."""
    if axis == "row":
        near = [c for c in cells if c.x1 <= cell.x0 + EDGE_TOL and overlaps(c.y0, c.y1, cell.y0, cell.y1)]
        near.sort(key=lambda c: -c.x1)
        start, far, near_edge = cell.x0, (lambda c: c.x0), (lambda c: c.x1)
    else:
        near = [c for c in cells if c.y1 <= cell.y0 + EDGE_TOL and overlaps(c.x0, c.x1, cell.x0, cell.x1)]
        near.sort(key=lambda c: -c.y1)
        start, far, near_edge = cell.y0, (lambda c: c.y0), (lambda c: c.y1)
    out, frontier, skipping = [], start, not is_label(cell) and not (axis == "row" and cell.headed)
    for c in near:
        if near_edge(c) < frontier - EDGE_TOL or c.kind == "bar" or (c.kind == "unit" and is_label(cell)):
            break
        frontier = min(frontier, far(c))
        if c.kind == "unit" or not shown_text(c):
            continue
        if not is_label(c):
            if skipping:
                continue
            break
        skipping = False
        if c.heads != axis:
            break
        out.append(squeeze(shown_text(c)))
    return out[::-1]


def heading_span(line, page):
    """A heading line reaches right to the next heading on its baseline, else the page edge."""
    ends = [l.x for l in page.lines if l.heading and abs(l.baseline - line.baseline) < 1 and l.x > line.x]
    return line.x, min(ends, default=page.width)


def touching(a, b):
    """Two cells share a stretch of ruling (one table)."""
    side = (abs(a.x1 - b.x0) <= EDGE_TOL or abs(b.x1 - a.x0) <= EDGE_TOL) and overlaps(a.y0, a.y1, b.y0, b.y1)
    stack = (abs(a.y1 - b.y0) <= EDGE_TOL or abs(b.y1 - a.y0) <= EDGE_TOL) and overlaps(a.x0, a.x1, b.x0, b.x1)
    return side or stack


def table_extent(cell, page):
    """The horizontal extent of the cell's table (the cells connected to it by touching)."""
    seen, todo = {id(cell)}, [cell]
    x0, x1 = cell.x0, cell.x1
    while todo:
        c = todo.pop()
        x0, x1 = min(x0, c.x0), max(x1, c.x1)
        for d in page.cells:
            if id(d) not in seen and touching(c, d):
                seen.add(id(d))
                todo.append(d)
    return x0, x1


def section_of(cell, page):
    """The nearest heading above the cell overlapping it horizontally: a heading line (over
    its span), a title line (over the cell's whole table: the nearest line above a table heads
    it, as the hand-written real expectations decide) or a shaded bar."""
    best = None
    for line in page.lines:
        span = heading_span(line, page)
        if line.title:
            x0, x1 = table_extent(cell, page)
            span = (x0, x1) if overlaps(line.x, line.x + line.width, x0, x1) else (0.0, 0.0)
        if (line.heading or line.title) and line.baseline <= cell.y0 + EDGE_TOL and overlaps(
                *span, cell.x0, cell.x1):
            if best is None or line.baseline > best[0]:
                best = (line.baseline, line.text.strip(" \u3000"))
    for c in page.cells:
        if c.kind == "bar" and c is not cell and c.y1 <= cell.y0 + EDGE_TOL and overlaps(
                c.x0, c.x1, cell.x0, cell.x1):
            if best is None or c.y1 > best[0]:
                best = (c.y1, shown_text(c))
    return best[1] if best else None


def form_cell(cell, page, rows, cols):
    text = shown_text(cell)
    row_headers = header_chain(cell, page.cells, "row")
    if cell.kind == "mark" and cell.marks_option is not None:
        row_headers = row_headers + [squeeze(shown_text(cell.marks_option))]
    r0, r1_ = track_index(rows, cell.y0), track_index(rows, cell.y1)
    c0, c1 = track_index(cols, cell.x0), track_index(cols, cell.x1)
    value = not is_label(cell)
    return {"row": r0 + 1, "col": c0 + 1, "rows": r1_ - r0, "cols": c1 - c0,
            "bbox": [r1(cell.x0), r1(cell.y0), r1(cell.x1), r1(cell.y1)], "text": text,
            "label": not value, "shaded": cell.fill is not None and cell.fill < 0.9,
            "section": section_of(cell, page), "row_headers": row_headers,
            "column_headers": header_chain(cell, page.cells, "col"),
            "number": parse_number(text) if value and cell.kind != "mark" else None,
            "options": parse_options(text) if value else None}


def line_bbox(line):
    return [r1(line.x), r1(line.baseline - line.size * 0.88), r1(line.x + line.width),
            r1(line.baseline + line.size * 0.12)]


def form_cells(page):
    """(model cell, form cell) of every cell holding text, in reading order."""
    rows = tracks([v for c in page.cells for v in (c.y0, c.y1)])
    cols = tracks([v for c in page.cells for v in (c.x0, c.x1)])
    pairs = [(c, form_cell(c, page, rows, cols)) for c in page.cells if shown_text(c)]
    pairs.sort(key=lambda p: (p[1]["row"], p[1]["col"]))
    return pairs


def form_page(number, page):
    cells = [fc for _, fc in form_cells(page)]
    lines = sorted(page.lines, key=lambda l: (r1(l.baseline), l.x))
    return {"page": number, "width": r1(page.width), "height": r1(page.height), "cells": cells,
            "lines": [{"bbox": line_bbox(l), "text": l.text.strip(" \u3000")} for l in lines]}


def form_document(file, sha256, pages):
    return {"schema_version": 1, "kind": "form",
            "source": {"file": file, "pages": len(pages), "sha256": sha256},
            "pages": [form_page(i, p) for i, p in enumerate(pages, start=1)], "warnings": []}
