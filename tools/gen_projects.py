#!/usr/bin/env python3
"""Generator of made-up project evaluation sheets (事務事業評価シート) for issues 17-19.

Takes a seed and an output directory; writes NAME.pdf (Excel-style, through
tools/excel_pdf.py's text and border drawing) and NAME.expected-form.json (the exact
`sheet-extract form` reading, derived from the generator's own page model in
tools/project_form.py). Templates vary label wording, label position (left of / above the
value), 均等割付 labels, vertical 財源, headings as text lines (two on one baseline) or shaded
bars, indicator tables (years, eras, bases), cost tables and mark cells.

    python3 tools/gen_projects.py --seed 1 --out fixtures/projects
"""
import argparse
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import excel_pdf  # noqa: E402
from excel_pdf import PAD, ExcelStyle, Fonts, cell_lines, draw_border, rect_op, text_ops  # noqa: E402
from project_form import Cell, Line, Page, form_document  # noqa: E402

A4 = (595.2, 841.68)
NAMES = ["環境学習推進事業", "地域公共交通維持確保事業", "子育て支援センター運営事業",
         "商店街にぎわい創出事業", "図書館資料整備事業", "高齢者見守りネットワーク事業"]
DEPTS = ["環境政策課", "交通政策課", "こども家庭課", "商工振興課", "生涯学習課", "長寿福祉課"]
ERA_FORMS = [lambda n: "R%s年度" % zen(n), lambda n: "令和%s年度" % zen(n), lambda n: "Ｒ%s" % zen(n)]


def zen(n):
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def amount(v):
    return ("▲ " if v < 0 else "") + "{:,}".format(abs(v))


class Builder:
    """Rows of cells on one page, top to bottom."""

    def __init__(self, page, left, right, y):
        self.page, self.left, self.right, self.y = page, left, right, y

    def row(self, h, specs, **common):
        """specs: (x0, x1, text, kind, extra dict); x as fractions of the table width."""
        out = []
        w = self.right - self.left
        for spec in specs:
            x0, x1, text, kind = spec[:4]
            extra = dict(common)
            extra.update(spec[4] if len(spec) > 4 else {})
            hh = extra.pop("h", h)
            cell = Cell(self.left + x0 * w, self.y, self.left + x1 * w, self.y + hh, text, kind, **extra)
            self.page.cells.append(cell)
            out.append(cell)
        self.y += h
        return out

    def line(self, text, x=None, size=9.0, heading=False, gap=4.0):
        self.y += size + gap
        self.page.lines.append(Line(self.left if x is None else x, self.y - size * 0.12 - 1, text, size, heading))
        return self.page.lines[-1]


def label(text, fill=0.851, **kw):
    """A label's drawing; heads="col" for a header above its values."""
    kw.setdefault("align", "center")
    return dict(fill=fill, **kw)


# ---------------------------------------------------------------- templates

def indicator_rows(b, years, era_form, kinds, basis_first):
    """An indicator table: header rows (year, basis), one row (or name-above block) each."""
    n = len(years)
    name_w = 0.30
    col = (1.0 - name_w - 0.08) / (2 * n)
    bases = ["目標", "実績"] if basis_first == "target" else ["実績", "目標"]
    head = [(0, name_w, "指標名", "label", label("指標名", heads="col")),
            (name_w, name_w + 0.08, "単位", "label", label("単位", heads="col"))]
    yr = [(name_w + 0.08 + 2 * i * col, name_w + 0.08 + 2 * (i + 1) * col, era_form(y), "label",
           label("", heads="col")) for i, y in enumerate(years)]
    bs = [(name_w + 0.08 + k * col, name_w + 0.08 + (k + 1) * col, bases[k % 2], "label", label("", heads="col"))
          for k in range(2 * n)]
    b.row(28, [(s[0], s[1], s[2], s[3], dict(s[4], h=28)) for s in head] + [(s[0], s[1], s[2], s[3], dict(s[4], h=14)) for s in yr])
    b.y -= 14
    b.row(14, bs)
    for kind, name, unit, vals in kinds:
        cells = []
        for k in range(2 * n):
            cells.append((name_w + 0.08 + k * col, name_w + 0.08 + (k + 1) * col, vals[k], "value",
                          dict(align="right")))
        b.row(22, [(0, name_w, name, "label", dict(fill=None, size=7.0)),
                   (name_w, name_w + 0.08, unit, "unit", dict(align="center"))] + cells)
    return bases


def indicator_values(rng, n, text_value):
    vals = []
    for k in range(2 * n):
        v = rng.choice([rng.randint(1, 40) * 10, rng.randint(100, 9000)])
        vals.append("{:,}".format(v))
    if text_value:
        vals[rng.randrange(2 * n)] = rng.choice(["なじまない", "８０以上", "－", ""])
    return vals


def cost_rows(b, rng, year0, era_form):
    """事業費 with 内訳, 財源内訳 under a vertical 財源 label, 人件費, 従事人員, トータルコスト,
    columns: year-2 決算, year-1 決算, year 予算."""
    cols = [(year0 - 2, "決算"), (year0 - 1, "決算"), (year0, "予算")]
    x = [0.30 + i * 0.70 / 3 for i in range(4)]
    b.row(14, [(0, 0.30, "区分", "label", label("区分", h=28, heads="col"))] +
          [(x[i], x[i + 1], era_form(y), "label", label("", heads="col")) for i, (y, _) in enumerate(cols)])
    b.row(14, [(x[i], x[i + 1], basis, "label", label("", heads="col")) for i, (_, basis) in enumerate(cols)])
    money = lambda: rng.randint(-1500, 90000) if rng.random() < 0.15 else rng.randint(500, 90000)
    rows = [("事業費", None), ("委託料", "内訳"), ("補助金", "内訳")]
    for name, parent in rows:
        xl = 0.0 if parent is None else 0.06
        specs = [(xl, 0.30, name, "label", label(name, align="left"))]
        if parent:
            specs.insert(0, (0.0, 0.06, "", "label", label("")))
        specs += [(x[i], x[i + 1], amount(money()), "value", dict(align="right")) for i in range(3)]
        b.row(14, specs)
    sources = ["国庫支出金", "県支出金", "地方債", "その他", "一般財源"]
    top = b.y
    for k, src in enumerate(sources):
        specs = [(0.06, 0.30, src, "label", label(src, align="left"))]
        vals = [amount(money()) for _ in range(3)]
        if src == "その他" and rng.random() < 0.5:
            vals[0] = "%s（%s）" % (amount(rng.randint(100, 900)), amount(rng.randint(10, 90)))
        specs += [(x[i], x[i + 1], vals[i], "value", dict(align="right")) for i in range(3)]
        b.row(14, specs)
    group = Cell(b.left, top, b.left + 0.06 * (b.right - b.left), b.y, "財\n源", "label", fill=0.851,
                 align="center", stacked=True)
    b.page.cells.append(group)
    b.row(14, [(0, 0.30, "人件費", "label", label("人件費", align="left"))] +
          [(x[i], x[i + 1], amount(rng.randint(1000, 30000)), "value", dict(align="right")) for i in range(3)])
    b.row(14, [(0, 0.30, "従事人員", "label", label("従事人員", align="left"))] +
          [(x[i], x[i + 1], "%.1f人" % rng.choice([0.5, 1.0, 2.5, 6.0]), "value", dict(align="right"))
           for i in range(3)])
    b.row(14, [(0, 0.30, "トータルコスト", "label", label("トータルコスト", align="left"))] +
          [(x[i], x[i + 1], amount(rng.randint(1000, 99000)), "value", dict(align="right")) for i in range(3)])


def template_a(rng, idx):
    """Labels left of values, headings as text lines (two on one baseline), A4 portrait."""
    page = Page(*A4)
    b = Builder(page, 40, A4[0] - 40, 30)
    year = rng.randint(4, 6)
    era = rng.choice(ERA_FORMS)
    b.line("令和%s年度　事務事業評価シート" % zen(year), x=170, size=12)
    b.y += 6
    b.line("（１）事務事業の概要", size=9, heading=True)
    name_label = rng.choice(["事務事業名", "事業名"])
    dept_label = rng.choice(["担当部署名", "所属名", "所管課", "担当課"])
    b.row(18, [(0, 0.18, name_label, "label", label(name_label)), (0.18, 0.60, NAMES[idx % 6], "value"),
               (0.60, 0.75, dept_label, "label", label(dept_label)), (0.75, 1.0, DEPTS[idx % 6], "value")])
    b.row(18, [(0, 0.18, "総合計画の体系", "label", label("総合計画の体系", h=36)),
               (0.18, 0.30, "政策", "label", label("政策")), (0.30, 1.0, "３　健康で安心して暮らせるまち", "value")])
    b.row(18, [(0.18, 0.30, "施策", "label", label("施策")), (0.30, 1.0, "３－２　地域福祉の推進", "value")])
    for lab, text in (("目　　的", "市民が安心して暮らせるよう、地域の見守り体制を整える。"),
                      ("対　　象", "市内に住む高齢者及びその家族"),
                      ("事業内容", "・見守り協力事業者との協定締結\n・見守り訪問員の派遣")):
        b.row(30, [(0, 0.18, lab, "label", label(lab, spread="　" in lab)), (0.30 - 0.12, 1.0, text, "value",
                                                                             dict(vertical="top"))])
    period = rng.choice(["実施期間", "事業期間"])
    b.row(18, [(0, 0.18, period, "label", label(period)), (0.18, 0.45, "平成２８年度～", "value"),
               (0.45, 0.60, "実施形態", "label", label("実施形態")), (0.60, 1.0, "一部委託", "value")])
    b.y += 4
    l1 = b.line("（２）事業の成果指標", heading=True)
    n_years = rng.randint(3, 4)
    years = list(range(year - n_years + 1, year + 1))
    kinds = [(k, nm, u, indicator_values(rng, n_years, i == 0)) for i, (k, nm, u) in enumerate(
        [("活動", "見守り訪問件数", "件"), ("成果", "見守り協定を結んだ事業者の数（累計）", "者"),
         ("成果", "相談窓口の利用者数", "人")][:rng.randint(1, 3)])]
    indicator_rows(b, years, era, kinds, rng.choice(["target", "actual"]))
    b.y += 4
    b.line("（３）事業費等", heading=True)
    b.y -= 13
    b.line("（単位：千円）", x=A4[0] - 40 - 60, size=8)
    b.y += 2
    cost_rows(b, rng, year, era)
    b.y += 4
    h1 = b.line("（４）評価", heading=True)
    h2 = Line(A4[0] / 2, h1.baseline, "（５）今後の方向性", 9.0, True)
    page.lines.append(h2)
    half = 0.5
    b.row(30, [(0, 0.15, "有効性", "label", label("有効性")),
               (0.15, half - 0.01, rng.choice(["A.有効的である（改善の余地がない）", "B.概ね有効的である"]), "value",
                dict(size=7.0)),
               (half, 0.65, "方向性", "label", label("方向性")),
               (0.65, 1.0, rng.choice(["拡充", "現状維持", "改善", "縮小"]), "value", dict(align="center"))])
    b.row(30, [(0, 0.15, "達成状況", "label", label("達成状況")),
               (0.15, half - 0.01, "○達成　●おおむね達成　○未達成", "value", dict(size=7.0)),
               (half, 0.65, "理由", "label", label("理由")),
               (0.65, 1.0, "利用者が増加しており、継続して実施する。", "value", dict(size=7.0))])
    return [page]


def template_b(rng, idx):
    """Labels above their values, shaded section bars, A4 landscape, light (unshaded) fills."""
    page = Page(A4[1], A4[0])
    b = Builder(page, 36, A4[1] - 36, 24)
    year = rng.randint(4, 6)
    b.line("事務事業評価表（令和%s年度実施事業）" % zen(year), x=280, size=12)
    b.y += 4
    b.row(16, [(0.85, 0.90, "No.", "label", label("No.", fill=0.95)), (0.90, 1.0, str(idx + 1), "value",
                                                                        dict(align="center"))])
    b.y += 4
    b.row(16, [(0, 1.0, "１　事業概要（令和%s年度）" % zen(year), "bar", dict(fill=0.75))])
    name_label = rng.choice(["事業名", "事務事業名"])
    b.row(14, [(0, 0.40, name_label, "label", label(name_label, fill=0.95, heads="col")),
               (0.40, 0.70, "所管課", "label", label("所管課", fill=0.95, heads="col")),
               (0.70, 1.0, "施策の柱", "label", label("施策の柱", fill=0.95, heads="col"))])
    b.row(18, [(0, 0.40, NAMES[idx % 6], "value"), (0.40, 0.70, DEPTS[idx % 6] + "・" + DEPTS[(idx + 1) % 6], "value"),
               (0.70, 1.0, "①価値を高め発信するまちづくり", "value", dict(size=7.0))])
    b.row(14, [(0, 0.5, "目的", "label", label("目的", fill=0.95, heads="col")), (0.5, 1.0, "手段", "label", label("手段", fill=0.95, heads="col"))])
    b.row(30, [(0, 0.5, "地域の公共交通を維持し、移動手段を確保する。", "value", dict(vertical="top")),
               (0.5, 1.0, "・路線バスの運行補助\n・デマンド交通の運行委託", "value", dict(vertical="top"))])
    b.row(16, [(0, 1.0, "２　成果指標", "bar", dict(fill=0.75))])
    n_years = rng.randint(3, 5)
    years = list(range(year - n_years + 1, year + 1))
    era = rng.choice(ERA_FORMS)
    kinds = [(None, nm, u, indicator_values(rng, n_years, True)) for nm, u in
             [("利用者数", "人"), ("運行便数", "便")][:rng.randint(1, 2)]]
    indicator_rows(b, years, era, kinds, rng.choice(["target", "actual"]))
    b.row(16, [(0, 1.0, "３　コスト（単位：千円）", "bar", dict(fill=0.75))])
    cost_rows(b, rng, year, era)
    b.row(16, [(0, 1.0, "４　評価", "bar", dict(fill=0.75))])
    b.row(14, [(0, 0.25, "必要性", "label", label("必要性", fill=0.95, heads="col")),
               (0.25, 0.5, "効率性", "label", label("効率性", fill=0.95, heads="col")),
               (0.5, 1.0, "今後の方向性", "label", label("今後の方向性", fill=0.95, heads="col"))])
    b.row(18, [(0, 0.25, rng.choice(["A", "B", "C"]), "value", dict(align="center")),
               (0.25, 0.5, "□高い　■普通　□低い", "value", dict(align="center")),
               (0.5, 1.0, rng.choice(["１　現状維持", "２　改革改善（縮小・統合含む）", "３　廃止"]), "value")])
    return [page]


def template_c(rng, idx):
    """均等割付 labels, SDG-style mark grid (mark left of its option), two-page sheet whose
    second page repeats the title line and name, ≪section≫ headings."""
    pages = []
    year = rng.randint(4, 6)
    title = "第２次総合計画　事務事業評価シート（令和%s年度）" % zen(year)
    name_label = rng.choice(["事務事業名", "事業名"])
    page = Page(*A4)
    b = Builder(page, 44, A4[0] - 44, 30)
    b.line(title, x=120, size=11)
    b.y += 4
    b.line("≪基本情報≫", heading=True)
    b.row(18, [(0, 0.2, name_label, "label", label(name_label)), (0.2, 1.0, NAMES[idx % 6], "value")])
    b.row(18, [(0, 0.2, "担　当　課", "label", label("担　当　課", spread=True)), (0.2, 1.0, DEPTS[idx % 6], "value")])
    b.row(36, [(0, 0.2, "目　　　的", "label", label("目　　　的", spread=True)),
               (0.2, 1.0, "誰もが利用しやすい図書館とするため、資料を計画的に整備する。必要な資料を選定し、"
                          "購入・寄贈により蔵書の充実を図る。", "value", dict(vertical="top"))])
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
    pages.append(page)
    page2 = Page(*A4)
    b = Builder(page2, 44, A4[0] - 44, 30)
    b.line(title, x=120, size=11)
    b.y += 4
    b.row(18, [(0, 0.2, name_label, "label", label(name_label)), (0.2, 1.0, NAMES[idx % 6], "value")])
    b.y += 4
    b.line("≪事業費≫（千円）", heading=True)
    era = ERA_FORMS[1]
    cost_rows(b, rng, year, era)
    b.y += 4
    b.line("≪評価≫", heading=True)
    b.row(30, [(0, 0.2, "決　　算", "label", label("決　　算", spread=True)),
               (0.2, 1.0, "予算の範囲内で執行した。", "value")])
    b.row(18, [(0, 0.2, "今後の方向性", "label", label("今後の方向性")),
               (0.2, 1.0, rng.choice(["拡充", "現状維持", "完了"]), "value")])
    pages.append(page2)
    return pages


def template_d(rng, idx):
    """Dense A3 landscape: name row above value row in indicator blocks (bare years with the era
    in the title), costs with 見込, values shaded too."""
    page = Page(1190.64, 841.68)
    b = Builder(page, 40, 1190.64 - 40, 30)
    year = rng.randint(28, 30)
    b.line("平成%s年度　行政評価調書" % zen(year), x=480, size=14)
    b.y += 6
    b.row(20, [(0, 0.10, "整理番号", "label", label("整理番号")), (0.10, 0.18, "%03d" % (idx + 1), "value"),
               (0.18, 0.28, "事務事業名", "label", label("事務事業名")),
               (0.28, 0.62, NAMES[idx % 6], "value", dict(fill=0.8)),
               (0.62, 0.72, "所管局", "label", label("所管局")), (0.72, 1.0, "市民局　" + DEPTS[idx % 6], "value")])
    b.y += 4
    b.line("活動指標・成果指標", heading=True)
    years = [year - 2, year - 1, year]
    for k, (kind, name, unit) in enumerate([("活動指標", "講座の開催回数", "回"), ("成果指標", "参加者の満足度", "%")]):
        b.row(14, [(0, 0.12, kind, "label", label(kind, h=28)), (0.12, 0.5, name, "value"),
                   (0.5, 0.56, "単位", "label", label("単位")), (0.56, 0.62, unit, "unit", dict(align="center"))] +
              [(0.62 + i * 0.38 / 3, 0.62 + (i + 1) * 0.38 / 3, "%s年度実績" % zen(y), "label", label("", heads="col"))
               for i, y in enumerate(years)])
        b.row(14, [(0.12, 0.62, "実績値", "label", label("実績値"))] +
              [(0.62 + i * 0.38 / 3, 0.62 + (i + 1) * 0.38 / 3, str(rng.randint(10, 95)), "value",
                dict(align="right")) for i in range(3)])
    b.y += 4
    b.line("事業費（単位：千円）", heading=True)
    cost_rows(b, rng, year, lambda n: "%s年度" % zen(n))
    return [page]


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


def write_excel_style(pages, path, st):
    """tools/excel_pdf.write_pdf with this module's page drawing in place of its worksheet
    layout (restored afterwards)."""
    saved = excel_pdf.render_sheet
    excel_pdf.render_sheet = render_page
    try:
        excel_pdf.write_pdf(ModelBook(pages), path, st)
    finally:
        excel_pdf.render_sheet = saved


def write_sheet(out_dir, name, pages, st):
    pdf_path = os.path.join(out_dir, name + ".pdf")
    write_excel_style(pages, pdf_path, st)
    sha = hashlib.sha256(open(pdf_path, "rb").read()).hexdigest()
    form = form_document(pdf_path, sha, pages)
    with open(os.path.join(out_dir, name + ".expected-form.json"), "w", encoding="utf-8") as fh:
        json.dump(form, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="fixtures/projects")
    ap.add_argument("--per-template", type=int, default=2)
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # fontTools: fixed head.modified
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    idx = 0
    for key, make in TEMPLATES.items():
        for k in range(args.per_template):
            st = ExcelStyle(thin=rng.choice([0.72, 0.96]), centre_strokes=rng.random() < 0.3)
            write_sheet(args.out, "excel-%s%d" % (key, k + 1), make(rng, idx), st)
            idx += 1


if __name__ == "__main__":
    main()
