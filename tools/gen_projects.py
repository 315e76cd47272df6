#!/usr/bin/env python3
"""Generator of made-up project evaluation sheets (事務事業評価シート) for issues 17-19.

Takes a seed and an output directory; writes, per sheet, NAME.pdf, NAME.expected.json (the
exact `kind: "project"` object, from what the generator decided while drawing:
tools/project_expect.py) and NAME.expected-form.json (the exact `sheet-extract form` reading,
from the page model: tools/project_form.py), and two books with NAME.expected.ndjson. Four
templates (A-D) vary label wording (the variants of ../shared/notes/evaluation-templates.md),
labels left of or above their values, 均等割付 and stacked vertical labels, headings as text lines
(two on one baseline) or shaded bars, 1-6 pages (別紙 pages, repeated title and name), indicator
tables (1-5 indicators of two kinds, wrapped names, 3-6 years, eras, bases in either order, above
or below the years), cost tables (決算/予算/見込 shapes, 内訳 and 財源 groups, people rows, ▲ and
N（M） values, empty and struck cells), assessments (phrases, grades, ○/● and □/■ options, mark
grids) and directions. Producers: Excel-style (tools/excel_pdf.py) and LibreOffice-style
(tools/lo_pdf.py). What each fixture holds: fixtures/projects/README.md.

    python3 tools/gen_projects.py --seed 1 --out fixtures/projects   # the fixture set
    python3 tools/gen_projects.py --bench-book OUT.pdf N             # N one-page sheets merged
        by qpdf (12 different ones in a cycle) + OUT.expected.ndjson, for the speed benchmark
        (made at bench time, not committed)

Needs openpyxl and fontTools (pip), fonts-ipaexfont, qpdf.
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import excel_pdf  # noqa: E402
from excel_pdf import PAD, ExcelStyle, Fonts, cell_lines, draw_border, rect_op, text_ops  # noqa: E402
import lo_pdf  # noqa: E402
from project_expect import Sheet  # noqa: E402
from project_form import Cell, Line, Page, form_document, squeeze  # noqa: E402


A4 = (595.2, 841.68)
GRID = 3.0
A3 = (1190.64, 841.68)
NAMES = ["環境学習推進事業", "地域公共交通維持確保事業", "子育て支援センター運営事業",
         "商店街にぎわい創出事業", "図書館資料整備事業", "高齢者見守りネットワーク事業",
         "空き家対策推進事業", "防災啓発事業", "スポーツ教室開催事業", "健康診査事業"]
DEPTS = ["環境政策課", "交通政策課", "こども家庭課", "商工振興課", "生涯学習課", "長寿福祉課",
         "住宅政策課", "危機管理課", "スポーツ振興課", "健康推進課"]
# Reiwa year n as printed (n <= 0: the 平成 year, as a table reaching back before 2019 prints it).
ERA_FORMS = [lambda n: "R%s年度" % zen(n) if n > 0 else "H%s年度" % zen(n + 30),
             lambda n: "令和%s年度" % zen(n) if n > 0 else "平成%s年度" % zen(n + 30),
             lambda n: "Ｒ%s" % zen(n) if n > 0 else "Ｈ%s" % zen(n + 30)]

# Label wording: the variants of ../shared/notes/evaluation-templates.md, verbatim.
NAME_LABELS = ["事務事業名", "事業名"]
DEPT_LABELS = ["担当部署名", "所属名", "所管課", "担当課", "担当部課"]
PURPOSE_LABELS = ["目　　的", "事業の目的"]
TARGET_LABELS = ["対　　象", "対象（誰・何を）", "事業の対象（誰を、何を）", "対象者"]
INTENT_LABELS = ["意図（どういう状態にするか）"]
MEANS_LABELS = ["手段", "事業の手段・方法（どのように）"]
CONTENT_LABELS = ["事業内容", "事業概要"]
PERIOD_LABELS = ["実施期間", "事業期間"]
METHOD_LABELS = ["実施形態（直営/委託）", "実施方法"]
PEOPLE_LABELS = ["従事人員", "正規職員従事人数", "人工"]
STATE_LABELS = ["国庫支出金", "国・府支出金"]
BOND_LABELS = ["地方債", "市債"]
DIRECTIONS = ["拡充", "現状維持", "改善", "縮小", "統合", "休止", "廃止", "完了"]
INDICATORS = {
    "活動": [("見守り訪問件数", "件"), ("講座の開催回数", "回"), ("啓発チラシの配布枚数", "枚"),
             ("地域の見守り活動に参加した市民ボランティアの延べ人数", "人")],
    "成果": [("見守り協定を結んだ事業者の数（累計）", "者"), ("相談窓口の利用者数", "人"),
             ("参加者の満足度", "%"), ("事業を知っている市民の割合（市民意識調査）", "%")],
}
BASIS_PAIRS = [("目標", "実績"), ("目標値", "実績値"), ("計画", "実績"), ("見込", "実績")]
TEXT_VALUES = ["なじまない", "８０以上", "－", ""]


FORCE = {}  # per fixture: choices fixed so that the set covers every variation (fixture_set)


def pick(key, drawn):
    """`drawn` (already drawn from the sheet's RNG, so the draws stay in step), unless the
    fixture being made fixes `key`."""
    return FORCE.get(key, drawn)


def zen(n):
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def amount(v):
    return ("▲ " if v < 0 else "") + "{:,}".format(abs(v))


class Builder:
    """Rows of cells on one page, top to bottom."""

    def __init__(self, page, left, right, y):
        self.page, self.left, self.right, self.y = page, left, right, y

    def x(self, frac):
        """A column edge: on a 3 pt lattice, as a worksheet's shared columns give every
        table edges that coincide or lie clearly apart (never within the 1 pt tolerance)."""
        return self.left + round(frac * (self.right - self.left) / GRID) * GRID

    def row(self, h, specs, **common):
        """specs: (x0, x1, text, kind, extra dict); x as fractions of the table width."""
        out = []
        for spec in specs:
            x0, x1, text, kind = spec[:4]
            extra = dict(common)
            extra.update(spec[4] if len(spec) > 4 else {})
            hh = extra.pop("h", h)
            cell = Cell(self.x(x0), self.y, self.x(x1), self.y + hh, text, kind, **extra)
            self.page.cells.append(cell)
            out.append(cell)
        self.y += h
        return out

    def line(self, text, x=None, size=9.0, heading=False, gap=4.0, title=False):
        self.y += size + gap
        self.page.lines.append(Line(self.left if x is None else x, self.y - size * 0.12 - 1, text, size, heading,
                                    title=title))
        return self.page.lines[-1]


def label(text="", fill=0.851, **kw):
    """A label's drawing; heads="col" for a header above its values."""
    kw.setdefault("align", "center")
    return dict(fill=fill, **kw)


def lv(b, h, pairs, fill=0.851):
    """One row of label | value pairs: [(x0, x1, x2, label, value)] → [(label cell, value cell)]."""
    specs = []
    for x0, x1, x2, lab, val in pairs:
        specs.append((x0, x1, lab, "label", label(lab, fill=fill, spread="　" in lab and len(lab) < 8)))
        specs.append((x1, x2, val, "value", dict(vertical="top" if "\n" in val or len(val) > 40 else "center")))
    cells = b.row(h, specs)
    return [(cells[i], cells[i + 1]) for i in range(0, len(cells), 2)]


def fits(text, width, size=7.0):
    """Whether `text` fits on one line of a cell `width` wide (full-width glyphs: one em)."""
    return len(text) * size <= (width - 4) * 0.96


# ---------------------------------------------------------------- indicator and cost tables

def indicator_header(b, opts, columns, word, era, xs, col):
    """The two header rows of an indicator table: 区分 (kind column), the name header and 単位
    spanning both; years over bases, bases over years (equal neighbours merged above), or an
    outer 目標値 over year-and-basis headers (`R５年度実績`: the inner basis decides)."""
    x_name, x_unit, x_val = xs
    years = opts["years"]
    head = [(x_name, x_unit, opts["name_header"], "label", label(h=28, heads="col")),
            (x_unit, x_val, "単位", "label", label(h=28, heads="col"))]
    if opts["kind_col"]:
        head.insert(0, (0.0, x_name, "区分", "label", label(h=28, heads="col")))
    top, inner = [], []
    for k, (i, s) in enumerate(columns):
        x0, x1 = x_val + k * col, x_val + (k + 1) * col
        outer_text = word[s] if opts["basis_above"] else era(years[i])
        inner_text = era(years[i]) if opts["basis_above"] else word[s]
        if opts.get("combined"):  # 池田市's way: 目標値 over `R５年度実績` | `R６年度見込` …
            outer_text, inner_text = "目標値", era(years[i]) + word[s]
        if top and top[-1][2] == outer_text:
            top[-1] = (top[-1][0], x1, outer_text, "label", label(heads="col"))
        else:
            top.append((x0, x1, outer_text, "label", label(heads="col")))
        inner.append((x0, x1, inner_text, "label", label(heads="col")))
    b.row(14, head + top)
    b.row(14, inner)


def indicator_table(b, sheet, rng, pi, opts):
    """Header rows (year and basis; basis above or below), one row per indicator (kind column
    optional), values per year for expected and actual. opts: years, era, kinds [(kind, name,
    unit)], bases (expected word, actual word), basis_first ("expected"/"actual"),
    basis_above, kind_col, name_header, table_kind."""
    years, era, n = opts["years"], opts["era"], len(opts["years"])
    x_name = 0.10 if opts["kind_col"] else 0.0
    x_unit, x_val = x_name + 0.26, x_name + 0.32
    col = (1.0 - x_val) / (2 * n)
    if not all(fits(era(y), (b.right - b.left) * col, 8.0) for y in years):
        era = ERA_FORMS[2]  # narrow columns print Ｒ５
    sides = ["expected", "actual"] if opts["basis_first"] == "expected" else ["actual", "expected"]
    word = dict(zip(("expected", "actual"), opts["bases"]))
    if opts.get("combined"):
        opts["basis_above"] = False
    if opts["basis_above"]:
        columns = [(i, s) for s in sides for i in range(n)]
    else:
        columns = [(i, s) for i in range(n) for s in sides]
    indicator_header(b, opts, columns, word, era, (x_name, x_unit, x_val), col)
    sheet.notes.append("indicator bases %s" % ("in the year headers under 目標値" if opts.get("combined") else
                                               "above years" if opts["basis_above"] else "below years"))
    rows = opts["kinds"]
    vals_w = (b.right - b.left) * col
    first_of_kind = {}
    wrapped = 0
    for r, (kind, name, unit) in enumerate(rows):
        parts = wrap_rows(name) if pick("wrap_rows", False) else None
        texts = []
        for k in range(2 * n):
            v = rng.choice([rng.randint(1, 40) * 10, rng.randint(100, 9000)])
            texts.append("{:,}".format(v))
        if rng.random() < 0.6:
            k = rng.randrange(2 * n)
            texts[k] = rng.choice([t for t in TEXT_VALUES if fits(t, vals_w - GRID)])
        size = 7.0 if vals_w >= 27 else 6.5

        def name_row(h, text, texts, unit):
            specs = [(x_name, x_unit, text, "label", dict(fill=None, size=7.0, align="left")),
                     (x_unit, x_val, unit, "unit", dict(align="center"))]
            specs += [(x_val + k * col, x_val + (k + 1) * col, texts[k], "value", dict(align="right", size=size))
                      for k in range(2 * n)]
            return b.row(h, specs)

        y_top = b.y
        if parts:
            # The name wrapped onto a second row without values: the values on the upper row
            # for the first such indicator, on the lower one for the next, and so on.
            blank = [""] * (2 * n)
            if wrapped % 2 == 0:
                cells = name_row(24, parts[0], texts, unit)
                more = name_row(24, parts[1], blank, "")
            else:
                more = name_row(24, parts[0], blank, "")
                cells = name_row(24, parts[1], texts, unit)
            wrapped += 1
        else:
            cells = name_row(24, name, texts, unit)
        if opts["kind_col"]:
            if r and rows[r - 1][0] == kind:
                kc = first_of_kind[kind]
                kc.y1 = b.y
            else:
                kc = Cell(b.x(0), y_top, b.x(x_name), b.y, kind + "指標", "label", fill=0.851, align="center",
                          size=7.0)
                b.page.cells.append(kc)
                first_of_kind[kind] = kc
        by = {columns[k]: cells[2 + k] for k in range(2 * n)}
        values = [(era(years[i]), 2018 + years[i] if opts.get("reiwa", True) else 1988 + years[i],
                   by[(i, "expected")], by[(i, "actual")]) for i in range(n)]
        sheet.indicator(kind if opts["kind_col"] else opts.get("table_kind"), cells[0], cells[1], pi, values)
        if parts:
            sheet.take(more[0])
            sheet.indicators[-1]["name"] = parts[0] + parts[1]


def wrap_rows(name):
    """A name wrapped onto two rows with a cue that it goes on: the second part starting with
    の (`…事業者` / `の数（累計）`), else the first ending in an open bracket's inside
    (`…割合（市民` / `意識調査）`); None when there is no such place."""
    at = name.rfind("の")
    if at > 0:
        return name[:at], name[at:]
    at = name.find("（")
    if 0 < at < len(name) - 3:
        return name[:at + 3], name[at + 3:]
    return None


def cost_columns(rng, year, n_min=3, n_max=6):
    """(fiscal year offset, basis) per column: 決算/予算/見込 in either order, two years' 予算
    and 決算 side by side, 3-6 columns."""
    shape = pick("cost_shape", rng.choice(["past", "side", "forecast", "desc", "long"]))
    if shape == "past":
        cols = [(-2, "決算"), (-1, "決算"), (0, "予算")]
    elif shape == "side":
        pair = rng.choice([("予算", "決算"), ("決算", "予算")])
        cols = [(-1, pair[0]), (-1, pair[1]), (0, pair[0]), (0, pair[1])]
    elif shape == "forecast":
        cols = [(-1, "決算"), (0, "見込"), (1, "予算")]
    elif shape == "desc":
        cols = [(1, "予算"), (0, "見込"), (-1, "決算"), (-2, "決算")]
    else:
        cols = [(k, "決算") for k in range(-4, 0)] + [(0, "見込"), (1, "予算")]
    cols = cols[:n_max]
    while len(cols) < n_min:
        cols.insert(0, (cols[0][0] - 1, "決算"))
    return [(year + dy, basis) for dy, basis in cols]


def cost_header(b, cols, x, year_text, basis_above):
    """Year and basis header rows (basis above or below; equal neighbours merged above)."""
    outer = [(basis if basis_above else year_text(y)) for y, basis in cols]
    inner = [(year_text(y) if basis_above else basis) for y, basis in cols]
    top = []
    for i, text in enumerate(outer):
        if top and top[-1][2] == text:
            top[-1] = (top[-1][0], x[i + 1], text, "label", label(heads="col"))
        else:
            top.append((x[i], x[i + 1], text, "label", label(heads="col")))
    b.row(14, [(0, 0.30, "区分", "label", label(h=28, heads="col"))] + top)
    b.row(14, [(x[i], x[i + 1], t, "label", label(heads="col")) for i, t in enumerate(inner)])


def cost_table(b, sheet, rng, pi, cols, year_text, fiscal, basis_above, sources, breakdown):
    """区分 header, year and basis header rows (basis above or below, equal neighbours merged in
    the outer row), 事業費, its 内訳 under a vertical label, 財源 rows under a vertical 財源,
    人件費, people (`6.0人`), トータルコスト. Values: ▲ negatives, N（M）, empty and struck cells."""
    x = [0.30 + i * 0.70 / len(cols) for i in range(len(cols) + 1)]
    if basis_above == "combined":  # one header row, `２８年度決算` (神戸市's way)
        b.row(28, [(0, 0.30, "区分", "label", label(heads="col"))] +
              [(x[i], x[i + 1], year_text(y) + basis, "label", label(heads="col")) for i, (y, basis) in enumerate(cols)])
    else:
        cost_header(b, cols, x, year_text, basis_above)
    sheet.notes.append("cost bases %s" % ("in the year headers" if basis_above == "combined" else
                                          "above years" if basis_above else "below years"))
    money = lambda: rng.randint(-1500, -100) if rng.random() < 0.12 else rng.randint(500, 90000)
    heads = [(year_text(y), fiscal(y), basis) for y, basis in cols]

    def item(path, x0, texts, struck=()):
        specs = [(x0, 0.30, path[-1], "label", label(align="left"))]
        specs += [(x[i], x[i + 1], t, "value", dict(align="right", struck=i in struck)) for i, t in enumerate(texts)]
        cells = b.row(14, specs)
        sheet.cost_item(path, pi, [(h, fy, basis, c) for (h, fy, basis), c in zip(heads, cells[1:])])

    def group(text, first_y):
        c = Cell(b.left, first_y, b.x(0.06), b.y, text, "label", fill=0.851, align="center", stacked=True,
                 size=7.0)
        b.page.cells.append(c)

    total = rng.choice(["事業費", "事業費（A）", "事業費Ａ"])
    item([total], 0.0, [amount(money()) for _ in cols])
    if breakdown:
        y0 = b.y
        names = rng.choice([["委託料", "補助金"], ["需用費", "委託料", "負担金"]])
        struck_row = rng.randrange(len(names)) if rng.random() < 0.7 else None
        for k, name in enumerate(names):
            texts = [amount(rng.randint(100, 9000)) for _ in cols]
            struck = ()
            if k == struck_row:
                struck = (rng.randrange(len(cols)),)
                texts[struck[0]] = ""
            item(["内訳", name], 0.06, texts, struck)
        group("内\n訳", y0)
    if sources:
        y0 = b.y
        for src in [rng.choice(STATE_LABELS), "県支出金", rng.choice(BOND_LABELS), "その他", "一般財源"]:
            texts = [amount(money()) if rng.random() < 0.8 else rng.choice(["", "－"]) for _ in cols]
            if src == "その他" and rng.random() < 0.6:
                texts[0] = "%s（%s）" % (amount(rng.randint(100, 900)), amount(rng.randint(10, 90)))
            item(["財源", src], 0.06, texts)
        group("財\n源", y0)
    item(["人件費"], 0.0, [amount(rng.randint(1000, 30000)) for _ in cols])
    item([rng.choice(PEOPLE_LABELS)], 0.0, ["%.1f人" % rng.choice([0.5, 1.0, 2.5, 6.0]) for _ in cols])
    item([rng.choice(["トータルコスト", "トータルコスト（A+B）"])], 0.0, [amount(rng.randint(1000, 99000)) for _ in cols])


# ---------------------------------------------------------------- templates

def pick_indicators(rng, n):
    """n indicators (1-5), 活動 before 成果, both kinds where n > 1."""
    if n == 1:
        kind = rng.choice(["活動", "成果"])
        return [(kind,) + rng.choice(INDICATORS[kind])]
    n_act = rng.randint(max(1, n - 4), min(4, n - 1))
    return ([("活動",) + x for x in rng.sample(INDICATORS["活動"], n_act)] +
            [("成果",) + x for x in rng.sample(INDICATORS["成果"], n - n_act)])


def a_judgements(b, sheet, rng, year):
    """（４）評価 and （５）今後の方向性 on one baseline: left, a phrase, an ○/● options cell and a
    判断理由 serving both; right (its own table), the direction and its 理由."""
    h1 = b.line("（４）評価", heading=True)
    b.page.lines.append(Line(A4[0] / 2, h1.baseline, "（５）今後の方向性", 9.0, True))
    half = 0.49
    eff_label = rng.choice(["有効性", "事業の有効性"])
    eff = rng.choice(["A.有効的である（改善の余地がない）", "B.概ね有効的である"])
    opts = ["達成", "おおむね達成", "未達成"]
    chosen = rng.randrange(3)
    marked = "　".join(("●" if k == chosen else "○") + o for k, o in enumerate(opts))
    dir_label = rng.choice(["今後の方向性", "改革改善の方向性", "R%s年度以降の事業の方向性" % zen(year + 1)])
    direction = rng.choice(DIRECTIONS)
    ach_label = rng.choice(["達成状況", "成果指標の達成状況"])
    r1 = b.row(30, [(0, 0.15, eff_label, "label", label()), (0.15, half, eff, "value", dict(size=7.0)),
                    (0.5, 0.65, dir_label, "label", label(size=7.0)),
                    (0.65, 1.0, direction, "value", dict(align="center"))])
    r2 = b.row(30, [(0, 0.15, ach_label, "label", label(size=7.0)), (0.15, half, marked, "value", dict(size=7.0)),
                    (0.5, 0.65, "理由", "label", label()),
                    (0.65, 1.0, "利用者が増加しており、継続して実施する。", "value", dict(size=7.0))])
    r3 = b.row(30, [(0, 0.15, "判断理由", "label", label()),
                    (0.15, half, "指標は目標をおおむね達成しており、事業の効果が認められる。", "value", dict(size=7.0))])
    reason = sheet.text(r3[1])
    sheet.assessment(eff_label, sheet.text(r1[1]), reason)
    sheet.take(r2[1])
    sheet.assessment(ach_label, opts[chosen], reason)
    sheet.set_direction(squeeze(dir_label), sheet.text(r1[3]), sheet.text(r2[3]))


def template_a(rng, idx):
    """Labels left of values, headings as text lines (two on one baseline), A4 portrait, one page."""
    page = Page(*A4)
    year = rng.randint(4, 6)
    sheet = Sheet("令和%s年度　事務事業評価シート" % zen(year), {"label": "令和%s年度" % zen(year), "fiscal_year": 2018 + year})
    pi = sheet.new_page(page)
    b = Builder(page, 40, A4[0] - 40, 30)
    era = rng.choice(ERA_FORMS)
    b.line(sheet.title, x=170, size=12, title=True)
    b.y += 6
    b.line("（１）事務事業の概要", size=9, heading=True)
    (_, nv), (_, dv) = lv(b, 18, [(0, 0.18, 0.60, rng.choice(NAME_LABELS), NAMES[idx % 10]),
                                  (0.60, 0.75, 1.0, rng.choice(DEPT_LABELS), DEPTS[idx % 10])])
    sheet.name, sheet.departments = sheet.text(nv), [sheet.text(dv)]
    b.row(18, [(0, 0.18, "総合計画の体系", "label", label(h=36))])
    b.y -= 18
    for lab, text in (("政策", "３　健康で安心して暮らせるまち"), ("施策", "３－２　地域福祉の推進")):
        cells = b.row(18, [(0.18, 0.30, lab, "label", label()), (0.30, 1.0, text, "value")])
        sheet.plan_position.append({"label": lab, "text": sheet.text(cells[1])})
    outline = [("purpose", rng.choice(PURPOSE_LABELS), "市民が安心して暮らせるよう、地域の見守り体制を整える。"),
               ("target", rng.choice(TARGET_LABELS), "市内に住む高齢者及びその家族"),
               ("intent", INTENT_LABELS[0], "住み慣れた地域で安心して暮らし続けられる。"),
               ("means", rng.choice(MEANS_LABELS), "・見守り協力事業者との協定締結\n・見守り訪問員の派遣"),
               ("content", rng.choice(CONTENT_LABELS), "協力事業者が日常業務の中で高齢者の異変に気付いたときに市へ連絡する仕組みを運営する。")]
    for key, lab, text in [o for o in outline if o[0] in ("purpose", "target") or rng.random() < 0.7]:
        (_, v), = lv(b, 26, [(0, 0.18, 1.0, lab, text)])
        sheet.outline[key] = sheet.text(v)
    (_, pv), (_, mv) = lv(b, 18, [(0, 0.18, 0.45, rng.choice(PERIOD_LABELS), "平成２８年度～"),
                                  (0.45, 0.65, 1.0, rng.choice(METHOD_LABELS), rng.choice(["一部委託", "直営", "補助"]))])
    sheet.outline["period"], sheet.outline["method"] = sheet.text(pv), sheet.text(mv)
    b.y += 4
    b.line("（２）事業の指標", heading=True)
    n_years = pick("n_years", rng.randint(3, 6))
    indicator_table(b, sheet, rng, pi, dict(
        years=list(range(year - n_years + 2, year + 2)), era=era,
        kinds=pick_indicators(rng, pick("n_indicators", rng.randint(1, 5))),
        bases=rng.choice(BASIS_PAIRS), basis_first=rng.choice(["expected", "actual"]),
        basis_above=pick("indicator_basis_above", rng.random() < 0.4), kind_col=True, name_header="指標名"))
    b.y += 4
    h3 = b.line("（３）事業費等", heading=True)
    page.lines.append(Line(A4[0] - 40 - 60, h3.baseline, "（単位：千円）", 8.0))  # on the heading's baseline
    sheet.cost_unit = "千円"
    b.y += 2
    cost_table(b, sheet, rng, pi, cost_columns(rng, year), era, lambda y: 2018 + y,
               pick("cost_basis_above", rng.random() < 0.4), sources=pick("sources", rng.random() < 0.7),
               breakdown=rng.random() < 0.7)
    b.y += 4
    a_judgements(b, sheet, rng, year)
    return sheet


def b_judgements(b, sheet, rng):
    """４　評価 (labels above values): a grade and a □/■ options cell sharing a 判断理由 column;
    the (numbered) direction and its 理由."""
    above = lambda x0, x1, t: (x0, x1, t, "label", label(fill=0.95, heads="col"))
    b.row(16, [(0, 1.0, "４　評価", "bar", dict(fill=0.75))])
    need, eff = rng.choice(["必要性", "妥当性"]), rng.choice(["効率性", "公平性"])
    b.row(14, [above(0, 0.2, need), above(0.2, 0.5, eff), above(0.5, 1.0, "判断理由")])
    opts = ["高い", "普通", "低い"]
    chosen = rng.randrange(3)
    boxes = "　".join(("■" if k == chosen else "□") + o for k, o in enumerate(opts))
    v = b.row(18, [(0, 0.2, rng.choice(["A", "B", "C", "Ｂ"]), "value", dict(align="center")),
                   (0.2, 0.5, boxes, "value", dict(align="center")),
                   (0.5, 1.0, "利用者の移動手段として定着しており、必要性は高い。", "value", dict(size=7.0))])
    reason = sheet.text(v[2])
    sheet.assessment(need, sheet.text(v[0]), reason)
    sheet.take(v[1])
    sheet.assessment(eff, opts[chosen], reason)
    dir_label = rng.choice(["今後の方向性", "改革改善の方向性"])
    b.row(14, [above(0, 0.3, dir_label), above(0.3, 1.0, "理由")])
    v = b.row(18, [(0, 0.3, rng.choice(["１　現状維持", "２　改革改善（縮小・統合含む）", "３　廃止"]), "value"),
                   (0.3, 1.0, "路線の再編を進めつつ、運行を継続する。", "value", dict(size=7.0))])
    sheet.set_direction(dir_label, sheet.text(v[0]), sheet.text(v[1]))


def template_b(rng, idx):
    """Labels above their values, shaded section bars, A4 landscape, light (unshaded) fills."""
    page = Page(A4[1], A4[0])
    year = rng.randint(4, 6)
    sheet = Sheet("事務事業評価表（令和%s年度実施事業）" % zen(year), {"label": "令和%s年度" % zen(year), "fiscal_year": 2018 + year})
    pi = sheet.new_page(page)
    b = Builder(page, 36, A4[1] - 36, 24)
    b.line(sheet.title, x=280, size=12, title=True)
    b.y += 4
    no = rng.choice(["No.", "NO.", "Ｎｏ．"])
    cells = b.row(16, [(0.85, 0.90, no, "label", label(fill=0.95)), (0.90, 1.0, str(idx + 1), "value", dict(align="center"))])
    sheet.number = sheet.text(cells[1])
    b.y += 4
    b.row(16, [(0, 1.0, "１　事業概要（令和%s年度）" % zen(year), "bar", dict(fill=0.75))])
    above = lambda x0, x1, t: (x0, x1, t, "label", label(fill=0.95, heads="col"))
    b.row(14, [above(0, 0.40, rng.choice(NAME_LABELS)), above(0.40, 0.70, rng.choice(["所管課", "担当課", "所属名"])),
               above(0.70, 1.0, "施策の柱")])
    deps = [DEPTS[idx % 10], DEPTS[(idx + 1) % 10]]
    v = b.row(18, [(0, 0.40, NAMES[idx % 10], "value"), (0.40, 0.70, "・".join(deps), "value"),
                   (0.70, 1.0, "①価値を高め発信するまちづくり", "value", dict(size=7.0))])
    sheet.name = sheet.text(v[0])
    sheet.take(v[1])
    sheet.departments = deps
    sheet.plan_position.append({"label": "施策の柱", "text": sheet.text(v[2])})
    purpose, means = rng.choice(PURPOSE_LABELS), rng.choice(MEANS_LABELS)
    b.row(14, [above(0, 0.5, purpose), above(0.5, 1.0, means)])
    v = b.row(30, [(0, 0.5, "地域の公共交通を維持し、移動手段を確保する。", "value", dict(vertical="top")),
                   (0.5, 1.0, "・路線バスの運行補助\n・デマンド交通の運行委託", "value", dict(vertical="top"))])
    sheet.outline["purpose"], sheet.outline["means"] = sheet.text(v[0]), sheet.text(v[1])
    b.row(16, [(0, 1.0, "２　事業実績", "bar", dict(fill=0.75))])
    n_years = rng.randint(3, 5)
    era = rng.choice(ERA_FORMS)
    kinds = [(None, nm, u) for nm, u in [("利用者数", "人"), ("運行便数", "便"), ("デマンド交通の登録者数", "人")][:rng.randint(1, 3)]]
    indicator_table(b, sheet, rng, pi, dict(
        years=list(range(year - n_years + 1, year + 1)), era=era, kinds=kinds, bases=rng.choice(BASIS_PAIRS),
        basis_first=rng.choice(["expected", "actual"]), basis_above=pick("indicator_basis_above", rng.random() < 0.5),
        kind_col=False, name_header="指標名", table_kind=None, combined=pick("indicator_combined", False)))
    b.row(16, [(0, 1.0, "３　コスト（単位：千円）", "bar", dict(fill=0.75))])
    sheet.cost_unit = "千円"
    cost_table(b, sheet, rng, pi, cost_columns(rng, year), era, lambda y: 2018 + y,
               pick("cost_basis_above", rng.random() < 0.5), sources=pick("sources", rng.random() < 0.5),
               breakdown=rng.random() < 0.5)
    b_judgements(b, sheet, rng)
    return sheet


def title_lines(b, title):
    """Template C's title on two lines (the plan, then the sheet's name): joined with U+3000."""
    plan, rest = title.split("　", 1)
    b.line(plan, x=200, size=10, title=True)
    b.line(rest, x=120, size=11, gap=2.0, title=True)


def c_page(sheet, name_label=None, idx=0):
    """A page of template C: the title lines, optionally the name row again (taken)."""
    page = Page(*A4)
    pi = sheet.new_page(page)
    b = Builder(page, 44, A4[0] - 44, 30)
    title_lines(b, sheet.title)
    b.y += 4
    if name_label:
        (_, nv), = lv(b, 18, [(0, 0.2, 1.0, name_label, NAMES[idx % 10])])
        sheet.take(nv)
        b.y += 4
    return b, pi


def c_basics(b, sheet, rng, idx, name_label):
    """≪基本情報≫: name, two departments on two lines, 根拠法令, 目的; ≪関連するSDGs≫ grid."""
    b.line("≪基本情報≫", heading=True)
    # The name row ends in a box that prints its own label before its value (京都市's
    # `【事業実施期間】令和5年度～9年度`): a value, named by its bracketed heading, the outline's period.
    period = "令和%s年度～%s年度" % (zen(idx % 3 + 2), zen(idx % 3 + 6))
    _, nv, pv = b.row(18, [
        (0, 0.2, name_label, "label", label(name_label, spread="　" in name_label and len(name_label) < 8)),
        (0.2, 0.68, NAMES[idx % 10], "value"),
        (0.68, 1.0, "【事業期間】" + period, "value", dict(headed=True)),
    ])
    sheet.name = sheet.text(nv)
    sheet.outline["period"] = period
    sheet.take(pv)
    (_, dv), = lv(b, 26, [(0, 0.2, 1.0, rng.choice(["担　当　課", "所　管　課"]), "%s\n%s" % (DEPTS[idx % 10], "図書館"))])
    sheet.take(dv)
    sheet.departments = [DEPTS[idx % 10], "図書館"]
    (_, lawv), = lv(b, 18, [(0, 0.2, 1.0, "根拠法令", "図書館法")])
    sheet.plan_position.append({"label": "根拠法令", "text": sheet.text(lawv)})
    (_, pv), = lv(b, 36, [(0, 0.2, 1.0, "目　　　的", "誰もが利用しやすい図書館とするため、資料を計画的に整備する。"
                                                  "必要な資料を選定し、購入・寄贈により蔵書の充実を図る。")])
    sheet.outline["purpose"] = sheet.text(pv)
    b.y += 4
    b.line("≪関連するSDGs≫", heading=True)
    goals = ["４　質の高い教育", "１０　不平等をなくそう", "１１　住み続けられるまち", "１７　パートナーシップ"]
    chosen = rng.sample(range(4), 2)
    for i in range(0, 4, 2):
        specs = []
        for k in (i, i + 1):
            x0 = 0.5 * (k - i)
            specs.append((x0, x0 + 0.06, "●" if k in chosen else "", "mark", dict(align="center")))
            specs.append((x0 + 0.06, x0 + 0.5, goals[k], "value"))
        cells = b.row(16, specs)
        cells[0].marks_option, cells[2].marks_option = cells[1], cells[3]


def c_judgements(b, sheet, rng):
    """≪評価≫: a mark-cell grid (● left of the chosen option) with 判断理由, a free-text
    決　　算 row (a field), 今後の方向性 without reason."""
    b.line("≪評価≫", heading=True)
    fair = rng.choice(["公平性", "達成度"])
    opts = ["高い", "普通", "低い"]
    chosen = rng.randrange(3)
    specs = [(0, 0.2, fair, "label", label())]
    for k, o in enumerate(opts):
        x0 = 0.2 + k * 0.8 / 3
        specs.append((x0, x0 + 0.06, "●" if k == chosen else "", "mark", dict(align="center")))
        specs.append((x0 + 0.06, x0 + 0.8 / 3, o, "value"))
    cells = b.row(18, specs)
    for k in range(3):
        cells[1 + 2 * k].marks_option = cells[2 + 2 * k]
        sheet.take(cells[1 + 2 * k], cells[2 + 2 * k])
    (_, rv), = lv(b, 30, [(0, 0.2, 1.0, "判断理由", "利用者の属性にかかわらず等しく利用できる。")])
    sheet.assessment(fair, opts[chosen], sheet.text(rv))
    lv(b, 30, [(0, 0.2, 1.0, "決　　算", "予算の範囲内で執行した。")])
    (_, dirv), = lv(b, 18, [(0, 0.2, 1.0, "今後の方向性", rng.choice(["拡充", "現状維持", "完了"]))])
    sheet.set_direction("今後の方向性", sheet.text(dirv), None)


def template_c(rng, idx, extra_pages=None):
    """均等割付 labels, SDG-style mark grid (mark left of its option), an assessment as a grid
    of mark cells, 2-6 pages: page 2 repeats the title line and the name, 別紙 pages after it
    repeat the title line (and some the name), ≪section≫ headings."""
    year = rng.randint(4, 6)
    sheet = Sheet("第２次総合計画　事務事業評価シート（令和%s年度）" % zen(year),
                  {"label": "令和%s年度" % zen(year), "fiscal_year": 2018 + year})
    name_label = rng.choice(NAME_LABELS)
    b, pi = c_page(sheet)
    c_basics(b, sheet, rng, idx, name_label)
    b.y += 4
    b.line("≪成果指標≫", heading=True)
    n_years = rng.randint(3, 4)
    res = rng.sample(INDICATORS["成果"], rng.randint(1, 3))
    indicator_table(b, sheet, rng, pi, dict(
        years=list(range(year - n_years + 1, year + 1)), era=ERA_FORMS[1], kinds=[("成果", n, u) for n, u in res],
        bases=rng.choice(BASIS_PAIRS), basis_first=rng.choice(["expected", "actual"]), basis_above=False,
        kind_col=False, name_header="成果指標", table_kind="成果"))
    b, pi = c_page(sheet, name_label, idx)
    b.line("≪事業費≫（千円）", heading=True)
    sheet.cost_unit = "千円"
    cost_table(b, sheet, rng, pi, cost_columns(rng, year), ERA_FORMS[1], lambda y: 2018 + y, False,
               sources=True, breakdown=rng.random() < 0.5)
    b.y += 4
    c_judgements(b, sheet, rng)
    extra = rng.randint(0, 4) if extra_pages is None else extra_pages
    for k in range(extra):
        b, pi = c_page(sheet, name_label if k % 2 == 0 else None, idx)
        b.line("（別紙%s）　取組の詳細" % zen(k + 1), heading=True)
        for j in range(3):
            lv(b, 30, [(0, 0.2, 1.0, "取組%s" % zen(3 * k + j + 1),
                        "第%s四半期に資料の選定会議を開催し、購入候補を決定した。" % zen(j + 1))])
    return sheet


def d_indicators(b, sheet, rng, pi, years, dig):
    """Indicator blocks: a 活動指標/成果指標 label spanning a name row (name, 単位, unit, year
    headers `２８年度実績`) above a value row (`実績値`); optionally a 達成率 column (a field)."""
    blocks = [("活動", "講座の開催回数", "回"), ("成果", "参加者の満足度", "%"), ("活動", "講座の延べ参加者数", "人")]
    rate = pick("d_rate", False)
    n = len(years) + (1 if rate else 0)
    xs = [0.62 + i * 0.38 / n for i in range(n + 1)]
    for kind, name, unit in blocks[:rng.randint(2, 3)]:
        heads = ["%s年度実績" % dig(y) for y in years] + (["達成率"] if rate else [])
        top = b.row(14, [(0, 0.12, kind + "指標", "label", label(h=28)), (0.12, 0.5, name, "value"),
                         (0.5, 0.56, "単位", "label", label()), (0.56, 0.62, unit, "unit", dict(align="center"))] +
                    [(xs[i], xs[i + 1], h, "label", label(heads="col")) for i, h in enumerate(heads)])
        texts = [str(rng.randint(10, 95)) for _ in years] + (["%.1f%%" % rng.uniform(50, 120)] if rate else [])
        vals = b.row(14, [(0.12, 0.62, "実績値", "label", label())] +
                     [(xs[i], xs[i + 1], t, "value", dict(align="right")) for i, t in enumerate(texts)])
        sheet.indicator(kind, top[1], top[3], pi,
                        [("%s年度実績" % dig(y), 1988 + y, None, vals[1 + i]) for i, y in enumerate(years)])


def d_annex(sheet):
    """A 別紙 page of template D: the title line, the number and the name again (taken), then
    labelled text (fields)."""
    page = Page(*A3)
    sheet.new_page(page)
    b = Builder(page, 40, A3[0] - 40, 30)
    b.line(sheet.title, x=480, size=14, title=True)
    b.y += 6
    v = b.row(20, [(0, 0.10, "整理番号", "label", label()), (0.10, 0.18, sheet.number, "value"),
                   (0.18, 0.28, "事務事業名", "label", label()), (0.28, 0.62, sheet.name, "value", dict(fill=0.8))])
    sheet.take(v[1], v[3])
    b.y += 4
    b.line("別紙　事業の実施状況", heading=True)
    for k, text in enumerate(["春季講座（全８回）を公民館で開催した。", "秋季講座（全６回）を図書館で開催した。"]):
        lv(b, 24, [(0, 0.10, 1.0, "開催状況%s" % zen(k + 1), text)])


def template_d(rng, idx):
    """Dense A3 landscape: name row above value row in indicator blocks (bare years with the era
    in the title), costs with bare years, values shaded too, assessments with one 判断理由."""
    page = Page(*A3)
    year = rng.randint(28, 30)
    dig = zen if pick("d_digits", rng.choice(["zen", "ascii"])) == "zen" else str  # bare years: ２８ or 28
    sheet = Sheet("平成%s年度　行政評価調書" % zen(year), {"label": "平成%s年度" % zen(year), "fiscal_year": 1988 + year})
    pi = sheet.new_page(page)
    b = Builder(page, 40, A3[0] - 40, 30)
    b.line(sheet.title, x=480, size=14, title=True)
    b.y += 6
    v = b.row(20, [(0, 0.10, "整理番号", "label", label()), (0.10, 0.18, "%03d" % (idx + 1), "value"),
                   (0.18, 0.28, "事務事業名", "label", label()),
                   (0.28, 0.62, NAMES[idx % 10], "value", dict(fill=0.8)),
                   (0.62, 0.72, "所管局", "label", label()), (0.72, 1.0, "市民局　" + DEPTS[idx % 10], "value")])
    sheet.number, sheet.name = sheet.text(v[1]), sheet.text(v[3])
    sheet.take(v[5])
    sheet.departments = ["市民局", DEPTS[idx % 10]]
    (_, cv), = lv(b, 20, [(0, 0.10, 1.0, "事業概要", "市民向けの講座を開催し、生涯学習の機会を提供する。")])
    sheet.outline["content"] = sheet.text(cv)
    b.y += 4
    b.line("活動指標・成果指標", heading=True)
    d_indicators(b, sheet, rng, pi, [year - 2, year - 1, year], dig)
    b.y += 4
    b.line("事業費（単位：千円）", heading=True)
    sheet.cost_unit = "千円"
    cost_table(b, sheet, rng, pi, cost_columns(rng, year, 3, 5), lambda n: "%s年度" % dig(n), lambda y: 1988 + y,
               "combined" if pick("cost_combined", False) else rng.random() < 0.5,
               sources=pick("sources", rng.random() < 0.6), breakdown=False)
    b.y += 4
    b.line("評価", heading=True)
    (_, av), = lv(b, 18, [(0, 0.15, 1.0, "成果指標の達成状況", rng.choice(["A.順調に推移している", "B.概ね順調に推移している"]))])
    (_, bv), = lv(b, 18, [(0, 0.15, 1.0, "事業の妥当性", rng.choice(["A.妥当である", "B.概ね妥当である"]))])
    (_, rv), = lv(b, 30, [(0, 0.15, 1.0, "判断理由", "参加者の満足度が高く、講座の内容は市民の需要に合っている。")])
    reason = sheet.text(rv)
    sheet.assessment("成果指標の達成状況", sheet.text(av), reason)
    sheet.assessment("事業の妥当性", sheet.text(bv), reason)
    (_, dv), (_, drv) = lv(b, 30, [(0, 0.15, 0.35, "今後の方向性", rng.choice(DIRECTIONS)),
                                   (0.35, 0.45, 1.0, "理由", "受講者の増加に合わせて講座を見直す。")])
    sheet.set_direction("今後の方向性", sheet.text(dv), sheet.text(drv))
    if pick("d_annex", False):
        d_annex(sheet)
    return sheet


TEMPLATES = {"a": template_a, "b": template_b, "c": template_c, "d": template_d}


# ---------------------------------------------------------------- Excel-style drawing

def merged_edges(cells):
    runs = {}
    for c in cells:
        for axis, pos, a, b in (("h", c.y0, c.x0, c.x1), ("h", c.y1, c.x0, c.x1),
                                ("v", c.x0, c.y0, c.y1), ("v", c.x1, c.y0, c.y1)):
            runs.setdefault((axis, round(pos, 2)), []).append((a, b))
    out = []
    for (axis, pos), spans in runs.items():
        spans.sort()
        cur = list(spans[0])
        for a, b in spans[1:]:
            if a <= cur[1] + 0.01:
                cur[1] = max(cur[1], b)
            else:
                out.append((axis, pos, cur[0], cur[1]))
                cur = [a, b]
        out.append((axis, pos, cur[0], cur[1]))
    return out


def cell_dict(fonts, c):
    text = c.text
    if c.spread:
        text = text.replace("　", "").replace(" ", "")
    if c.stacked:
        lines = [ch for ch in text.replace("\n", "")]
    else:
        lines = cell_lines(fonts, "gothic", text, (c.x1 - c.x0 - 2 * PAD) * 0.96, c.size, True)
    need = len(lines) * c.size * 1.25 + 2 * PAD
    assert need <= c.y1 - c.y0 + 0.5, "text does not fit: %r" % c.text
    return dict(text=text, lines=lines, size=c.size, fam="gothic", align=c.align, label=c.spread,
                vertical=c.vertical, wrap=len(lines) > 1, bold=False)


def render_page(page, fonts, st, page_number):
    """A page of the model drawn as Excel draws: fills, text per cell, lines, merged borders."""
    out = excel_pdf.Page(page.width, page.height)
    spread_st = ExcelStyle(**dict(st.__dict__, distributed=True))
    for i, c in enumerate(page.cells):
        x, y, w, h = c.x0, c.y0, c.x1 - c.x0, c.y1 - c.y0
        if c.fill is not None:
            out.fills.append("%s g %s f*" % (excel_pdf.f(c.fill), rect_op(x, y, w, h, out)))
        if c.text.strip():
            out.text += text_ops(fonts, cell_dict(fonts, c), x, y, w, h, spread_st if c.spread else st, out, i)
    for k, line in enumerate(page.lines):
        line.width = fonts.width("gothic", line.text, line.size)
        d = dict(text=line.text, lines=[line.text], size=line.size, fam="gothic", align="left",
                 label=False, vertical="top", wrap=False, bold=False)
        top = line.baseline - line.size * 0.95 - PAD
        out.text += text_ops(fonts, d, line.x - PAD, top, line.width + 2 * PAD, line.size * 1.25 + 2 * PAD,
                             st, out, len(page.cells) + k)
    for axis, pos, a, b in merged_edges(page.cells):
        draw_border(out, axis, pos, a, b, "thin", st, 1.0)
    for c in page.cells:
        if c.struck:  # a diagonal border: a thin filled polygon, bottom left to top right
            t, y0, y1 = st.thin, page.height - c.y1, page.height - c.y0
            out.lines.append("%s %s m %s %s l %s %s l %s %s l h f*" % tuple(excel_pdf.f(v) for v in (
                c.x0, y0, c.x0 + t, y0, c.x1, y1, c.x1 - t, y1)))
    area = rect_op(0, 0, page.width, page.height, out)
    stream = ["/GS11 gs"]
    if out.fills:
        stream.append("q %s W* n %s Q" % (area, " ".join(out.fills)))
    stream += out.text
    stream.append("q %s W* n 0 g %s Q" % (area, " ".join(out.lines)))
    return page.width, page.height, "\n".join(stream).encode("latin-1")


class ModelBook:
    def __init__(self, pages):
        self.worksheets = pages


def flate_stream(data, extra=b""):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


def write_excel_style(pages, path, st):
    """tools/excel_pdf.write_pdf with this module's page drawing in place of its worksheet
    layout, streams FlateDecode-compressed as Excel writes them (both restored afterwards)."""
    saved = excel_pdf.render_sheet, excel_pdf.stream
    excel_pdf.render_sheet, excel_pdf.stream = render_page, flate_stream
    try:
        excel_pdf.write_pdf(ModelBook(pages), path, st)
    finally:
        excel_pdf.render_sheet, excel_pdf.stream = saved


def write_pages(pages, path, producer, st):
    if producer == "lo":
        lo_pdf.write_pdf(pages, path)
    else:
        write_excel_style(pages, path, st)


def sha256_of(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def dump(obj, path, ndjson=False):
    with open(path, "w", encoding="utf-8") as fh:
        if ndjson:
            fh.write("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in obj))
        else:
            json.dump(obj, fh, ensure_ascii=False, indent=2)
            fh.write("\n")


def write_sheet(out_dir, name, sheet, producer, st):
    """NAME.pdf, NAME.expected-form.json and NAME.expected.json of one sheet."""
    pdf_path = os.path.join(out_dir, name + ".pdf")
    write_pages(sheet.pages, pdf_path, producer, st)
    sha = sha256_of(pdf_path)
    dump(form_document(pdf_path, sha, sheet.pages), os.path.join(out_dir, name + ".expected-form.json"))
    dump(sheet.json(pdf_path, sha, 1), os.path.join(out_dir, name + ".expected.json"))
    write_text(os.path.join(out_dir, name + ".expected-assessments.csv"),
               ASSESSMENTS_HEADER + sheet.assessments_csv(pdf_path, 1))


ASSESSMENTS_HEADER = "source,first_page,page,evaluation_fiscal_year,number,name,label,value,reason\r\n"


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def excel_style(rng):
    return ExcelStyle(thin=rng.choice([0.72, 0.96]), centre_strokes=rng.random() < 0.3)


# ---------------------------------------------------------------- books

def cover_page(lines):
    page = Page(*A4)
    for i, text in enumerate(lines):
        page.lines.append(Line(150, 300 + 40 * i, text, 16.0, title=True))
    return page


def contents_page(entries):
    """目次: a ruled list (番号 | 事務事業名 | 所管課 | ページ): a name header with many values
    below it is a list's column header, not a sheet's name label."""
    page = Page(*A4)
    b = Builder(page, 60, A4[0] - 60, 40)
    b.line("目　次", x=270, size=14, title=True)
    b.y += 8
    head = lambda x0, x1, t: (x0, x1, t, "label", label(heads="col"))
    b.row(18, [head(0, 0.1, "番号"), head(0.1, 0.6, "事務事業名"), head(0.6, 0.85, "所管課"), head(0.85, 1.0, "ページ")])
    for number, name, dept, first in entries:
        b.row(18, [(0, 0.1, str(number), "value", dict(align="center")), (0.1, 0.6, name, "value"),
                   (0.6, 0.85, dept, "value"), (0.85, 1.0, str(first), "value", dict(align="right"))])
    return page


def appendix_page():
    """参考資料 after the last sheet: a ruled table with no label of the project vocabulary."""
    page = Page(*A4)
    b = Builder(page, 60, A4[0] - 60, 40)
    b.line("参考資料　略語一覧", x=220, size=14, title=True)
    b.y += 8
    b.row(18, [(0, 0.3, "略語", "label", label(heads="col")), (0.3, 1.0, "正式名称", "label", label(heads="col"))])
    for short, full in (("ＳＤＧｓ", "持続可能な開発目標"), ("ＤＸ", "デジタルトランスフォーメーション"),
                        ("ＮＰＯ", "特定非営利活動法人"), ("ＰＦＩ", "民間資金等活用事業")):
        b.row(18, [(0, 0.3, short, "value"), (0.3, 1.0, full, "value")])
    return page


def project_book(out_dir, name, seed):
    """A cover, a contents table, project sheets of every template (a 2-page C), an appendix
    table: NAME.pdf, NAME.expected.ndjson (the sheets, in page order) and
    NAME.expected-form.json (every page's form reading)."""
    sheets = []
    for k, key in enumerate("abcd"):
        rng = random.Random("%d-%s-%s" % (seed, name, key))
        sheets.append(template_c(rng, 20 + k, extra_pages=0) if key == "c" else TEMPLATES[key](rng, 20 + k))
    first, entries = 3, []
    for k, sheet in enumerate(sheets):
        entries.append((k + 1, sheet.name, sheet.departments[0], first))
        first += len(sheet.pages)
    pages = [cover_page(["令和６年度", "事務事業評価シート", "（抜粋）"]), contents_page(entries)]
    for sheet in sheets:
        pages += sheet.pages
    pages.append(appendix_page())
    path = os.path.join(out_dir, name + ".pdf")
    write_excel_style(pages, path, excel_style(random.Random(seed)))
    sha = sha256_of(path)
    dump([s.json(path, sha, e[3]) for s, e in zip(sheets, entries)], os.path.join(out_dir, name + ".expected.ndjson"),
         ndjson=True)
    write_text(os.path.join(out_dir, name + ".expected-assessments.csv"),
               ASSESSMENTS_HEADER + "".join(s.assessments_csv(path, e[3]) for s, e in zip(sheets, entries)))
    dump(form_document(path, sha, pages), os.path.join(out_dir, name + ".expected-form.json"))
    return path


def measure_sheet(tmp, seed):
    """One measure sheet (tools/gen_excel.py: Excel-style, its expected JSON from
    tools/gen_sheets.py's data): (pdf path, expected object without source)."""
    import gen_excel
    saved = excel_pdf.stream
    excel_pdf.stream = flate_stream
    try:
        gen_excel.sheet(tmp, seed, False)
    finally:
        excel_pdf.stream = saved
    base = os.path.join(tmp, "xl-%03d" % seed)
    return base + ".pdf", json.load(open(base + ".expected.json", encoding="utf-8"))


def shifted_measure(obj, shift):
    """A measure sheet's expected object with its projects' and indicators' pages moved."""
    for group in obj["project_groups"]:
        for p in group["projects"]:
            p["page"] += shift
    for i in obj["indicators"]:
        i["page"] += shift
    assert not obj["warnings"], "page numbers in warnings would need moving too"
    return obj


def with_source(obj, source):
    out = {}
    for key, value in obj.items():
        if key != "source":
            out[key] = value
        if key == "kind":
            out["source"] = source
    return out


def qpdf_merge(parts, out):
    subprocess.run(["qpdf", "--empty", "--deterministic-id", "--pages"] + parts + ["--", out], check=True)


def page_count(path):
    out = subprocess.run(["qpdf", "--show-npages", path], check=True, capture_output=True, text=True)
    return int(out.stdout)


def mixed_book(out_dir, name, seed):
    """A project sheet (Excel-style), a measure sheet (tools/gen_excel.py), a 2-page project
    sheet (LibreOffice-style), merged by qpdf: NAME.pdf and NAME.expected.ndjson."""
    with tempfile.TemporaryDirectory() as tmp:
        a = template_a(random.Random("%d-%s-a" % (seed, name)), 30)
        c = template_c(random.Random("%d-%s-c" % (seed, name)), 31, extra_pages=0)
        pa, pc = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "c.pdf")
        write_excel_style(a.pages, pa, excel_style(random.Random(seed)))
        lo_pdf.write_pdf(c.pages, pc)
        pm, measure = measure_sheet(tmp, 900 + seed)
        path = os.path.join(out_dir, name + ".pdf")
        qpdf_merge([pa, pm, pc], path)
        n_measure = page_count(pm)
    sha = sha256_of(path)
    m = with_source(shifted_measure(measure, 1), {"file": path, "first_page": 2, "pages": n_measure, "sha256": sha})
    dump([a.json(path, sha, 1), m, c.json(path, sha, 2 + n_measure)], os.path.join(out_dir, name + ".expected.ndjson"),
         ndjson=True)


def bench_book(out, count, seed=7, distinct=12):
    """`count` one-page project sheets (templates A, B, D in turn; `distinct` different ones,
    repeated in a cycle) merged by qpdf into `out`, with OUT.expected.ndjson. Not committed:
    bench/ makes it at bench time."""
    with tempfile.TemporaryDirectory() as tmp:
        parts, sheets = [], []
        for k in range(distinct):
            key = "abd"[k % 3]
            sheet = TEMPLATES[key](random.Random("bench-%d-%d" % (seed, k)), k)
            p = os.path.join(tmp, "s%02d.pdf" % k)
            write_pages(sheet.pages, p, "lo" if k % 4 == 3 else "excel", excel_style(random.Random(k)))
            parts.append(p)
            sheets.append(sheet)
        qpdf_merge([parts[i % distinct] for i in range(count)], out)
    sha = sha256_of(out)
    dump([sheets[i % distinct].json(out, sha, i + 1) for i in range(count)], out[:-len(".pdf")] + ".expected.ndjson",
         ndjson=True)


# ---------------------------------------------------------------- the fixture set

FORCED = {"excel-d1": dict(d_rate=True),
          "excel-a1": dict(n_indicators=5, n_years=6, cost_shape="side", sources=False),
          "excel-a3": dict(n_indicators=4, wrap_rows=True),
          "excel-a2": dict(indicator_basis_above=True, cost_basis_above=True, cost_shape="long", rotated=True),
          "excel-b2": dict(indicator_combined=True, sources=False, cost_shape="desc"),
          "lo-a1": dict(n_indicators=2, cost_basis_above=True),
          "excel-d2": dict(sources=True, d_annex=True, d_digits="ascii", cost_combined=True)}
SHEETS = [("excel-%s%d" % (key, k + 1), key, "excel") for key in "abcd" for k in range(2)] + [
    ("lo-a1", "a", "lo"), ("lo-c1", "c", "lo"), ("excel-a3", "a", "excel")]
C_EXTRA = {"excel-c1": 1, "excel-c2": 4, "lo-c1": 0}


def describe(sheet):
    """What a generated sheet exercises, in a few words (printed per file, for the README)."""
    fonts = describe.fonts = getattr(describe, "fonts", None) or Fonts()
    out = ["%d p." % len(sheet.pages)]
    wrapped = 0
    names = [i["name"] for i in sheet.indicators]
    for page in sheet.pages:
        for c in page.cells:
            if c.text in names and len(cell_lines(fonts, "gothic", c.text, (c.x1 - c.x0 - 2 * PAD) * 0.96, c.size, True)) > 1:
                wrapped += 1
    kinds = sorted({str(i["kind"]) for i in sheet.indicators})
    years = {len(i["values"]) for i in sheet.indicators}
    out.append("%d indicators (%s; %s years%s)" % (len(names), "/".join(kinds), "/".join(map(str, sorted(years))),
                                                 ", %d wrapped" % wrapped if wrapped else ""))
    items = sheet.cost_items
    cols = [(v["year"], v["basis"]) for v in items[0]["values"]] if items else []
    out.append("costs " + " ".join("%s%s" % c for c in cols))
    groups = sorted({i["path"][0] for i in items if len(i["path"]) > 1})
    flags = list(groups)
    values = [v for i in items for v in i["values"]]
    if any(v["remarks"] for v in values):
        flags.append("N（M）")
    if any((v["amount"] or 0) < 0 for v in values):
        flags.append("▲")
    if any(v["amount"] is None for v in values):
        flags.append("empty")
    if any(c.struck for p in sheet.pages for c in p.cells):
        flags.append("struck")
    out.append(", ".join(flags + sheet.notes))
    return "; ".join(out)


def fixture_set(out_dir, seed):
    for idx, (name, key, producer) in enumerate(SHEETS):
        rng = random.Random("%d-%s" % (seed, name))
        st = excel_style(rng)
        FORCE.clear()
        FORCE.update(FORCED.get(name, {}))
        sheet = template_c(rng, idx, C_EXTRA[name]) if key == "c" else TEMPLATES[key](rng, idx)
        st.rotated_labels = FORCE.pop("rotated", False)  # stacked labels as one run turned 90°
        FORCE.clear()
        write_sheet(out_dir, name, sheet, producer, st)
        print("%s: %s" % (name, describe(sheet)))
    project_book(out_dir, "book-projects", seed)
    mixed_book(out_dir, "book-mixed", seed)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="fixtures/projects")
    ap.add_argument("--bench-book", nargs=2, metavar=("OUT.pdf", "N"))
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # fontTools: fixed head.modified
    if args.bench_book:
        bench_book(args.bench_book[0], int(args.bench_book[1]))
        return
    os.makedirs(args.out, exist_ok=True)
    fixture_set(args.out, args.seed)


if __name__ == "__main__":
    main()
