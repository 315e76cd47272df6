"""The expected `kind: "project"` reading of a generated project sheet (SPEC "Project sheets"):
takes what tools/gen_projects.py decided while drawing (a `Sheet`: title, year, name, …, the
indicator and cost values with their years and bases, the cells those members take) and its
page model (tools/project_form.py); gives the exact JSON object. `fields` are the form cells
(tools/project_form.py's reading) of every value cell no member took, in reading order.
Conventions: fixtures/projects/README.md.
"""
import csv
import io
import re

from project_form import form_cells, shown_text, squeeze

OUTLINE_KEYS = ("purpose", "target", "intent", "means", "content", "period", "method")
EMPTY = {"", "-", "－", "―", "‐"}
NUMBER = r"([△▲\-－−]?)\s*([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)"


def number_of(digits, sign):
    digits = digits.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,.")).replace(",", "")
    value = float(digits) if "." in digits else int(digits)
    return -value if sign else value


def value_of(text):
    """The value rules for one figure: (number, remarks, unit). `N（M）` keeps （M） in remarks,
    `6.0人` gives its unit, any other text is null with the text in remarks."""
    t = text.strip(" \u3000")
    if t in EMPTY:
        return None, None, None
    m = re.fullmatch(NUMBER + r"([（(][^）)]*[）)])?([人%％]?)", t)
    if not m:
        return None, t, None
    sign, digits, paren, unit = m.groups()
    return number_of(digits, sign), paren, unit or None


def year_label(header):
    """The printed era year of a year header, without 年度 and basis words (`R５年度` → `R５`,
    `２８年度実績` → `２８`, `Ｒ４` → `Ｒ４`, `Ｒ４実績` → `Ｒ４`)."""
    text = re.sub(r"年度.*$", "", squeeze(header))
    return re.sub(r"(実績値|実績|目標値|目標|計画|見込み|見込|予定|決算|予算)$", "", text)


class Sheet:
    """What one generated project sheet holds, as the generator drew it."""

    def __init__(self, title, evaluation_year):
        self.pages = []
        self.title, self.evaluation_year = title, evaluation_year
        self.number = self.name = None
        self.departments, self.plan_position = [], []
        self.outline = {k: None for k in OUTLINE_KEYS}
        self.indicators, self.cost_items, self.assessments = [], [], []
        self.cost_unit = self.direction = None
        # The page (of the sheet, 1-based) of each assessment's and the direction's label:
        # not in the JSON, in the `assessments` CSV table's `page`.
        self.assessment_pages, self.direction_page = [], None
        self.warnings = []
        self.notes = []  # what the drawing varied (for the generator's summary), not output

    def new_page(self, page):
        self.pages.append(page)
        return len(self.pages)

    def take(self, *cells):
        for c in cells:
            c.taken = True

    def text(self, cell):
        """A taken cell's text by the value rules."""
        self.take(cell)
        return shown_text(cell) or None

    def indicator(self, kind, name_cell, unit_cell, page, values):
        """values: [(year header, fiscal year, expected cell, actual cell)]."""
        self.take(name_cell, unit_cell)
        out = []
        for header, fy, exp, act in values:
            e = value_of(self.text(exp) or "") if exp else (None, None, None)
            a = value_of(self.text(act) or "") if act else (None, None, None)
            out.append({"year": year_label(header), "fiscal_year": fy, "expected": e[0], "actual": a[0],
                        "expected_remarks": e[1], "actual_remarks": a[1]})
        self.indicators.append({"kind": kind, "name": shown_text(name_cell), "unit": shown_text(unit_cell) or None,
                                "page": page, "values": out})

    def cost_item(self, path, page, values):
        """values: [(year header, fiscal year, basis, cell)]."""
        out, units = [], set()
        for header, fy, basis, cell in values:
            amount, remarks, unit = value_of(self.text(cell) or "")
            units.add(unit)
            out.append({"year": year_label(header), "fiscal_year": fy, "basis": basis, "amount": amount,
                        "remarks": remarks})
        units.discard(None)
        self.cost_items.append({"path": [squeeze(p) for p in path], "unit": units.pop() if units else None,
                                "page": page, "values": out})

    def assessment(self, label, value, reason=None):
        """An assessment whose label is on the page drawn last."""
        self.assessments.append({"label": squeeze(label), "value": value, "reason": reason})
        self.assessment_pages.append(len(self.pages))

    def set_direction(self, label, value, reason):
        """The direction, its label on the page drawn last."""
        self.direction = {"label": label, "value": value, "reason": reason}
        self.direction_page = len(self.pages)

    def assessments_csv(self, file, first_page):
        """The expected `assessments` CSV rows (no header) of this sheet, pages of the file
        counted from `first_page`: each assessment, then the direction."""
        shift = first_page - 1
        fy = (self.evaluation_year or {}).get("fiscal_year")
        judgements = list(zip(self.assessments, self.assessment_pages))
        if self.direction:
            judgements.append((self.direction, self.direction_page))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for j, page in judgements:
            row = [file, first_page, page + shift, fy, self.number, self.name, j["label"], j["value"], j["reason"]]
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()

    def json(self, file, sha256, first_page):
        """The expected object, pages of the file counted from `first_page`."""
        shift = first_page - 1
        fields = []
        for i, page in enumerate(self.pages, start=1):
            for cell, fc in form_cells(page):
                if cell.kind in ("value", "unit", "mark") and not cell.taken:
                    fields.append({"page": i + shift, "section": fc["section"], "row_headers": fc["row_headers"],
                                   "column_headers": fc["column_headers"], "text": fc["text"],
                                   "number": fc["number"]})
        moved = lambda items: [dict(it, page=it["page"] + shift) for it in items]
        return {
            "schema_version": 1, "kind": "project",
            "source": {"file": file, "first_page": first_page, "pages": len(self.pages), "sha256": sha256},
            "title": self.title, "evaluation_year": self.evaluation_year, "number": self.number,
            "name": self.name, "departments": self.departments, "plan_position": self.plan_position,
            "outline": self.outline, "indicators": moved(self.indicators),
            "costs": {"unit": self.cost_unit, "items": moved(self.cost_items)},
            "assessments": self.assessments, "direction": self.direction, "fields": fields,
            "warnings": self.warnings,
        }
