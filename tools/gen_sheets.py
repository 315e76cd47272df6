#!/usr/bin/env python3
"""Generate varied evaluation sheets (基本施策事後評価シート) with their expected JSON.

Each sheet is built as an Excel workbook with openpyxl (the way cities make them), exported
to PDF by LibreOffice Calc, and its expected JSON is written from the same data, never from
the extractor's output. Variations, drawn from a seeded RNG per sheet: paper size and
orientation, font, column widths (hence line wrapping), grade style (● in A–D columns or the
letter), year window and era (H30…R4, R1…R7, R3…R9), baseline label (現状値/基準値), number
of groups (1–2), projects (1–4) and indicators (1–15, one or two pages of blocks, 2 or 3
blocks per row), values (commas, decimals, △ negatives, "集計中" remarks, empty cells).

Needs: openpyxl (pip), LibreOffice (libreoffice-calc-nogui) and the fonts
fonts-ipaexfont and fonts-noto-cjk (Debian packages).

    python3 tools/gen_sheets.py [--stray] [--json-only] OUT_DIR [COUNT] [FIRST_SEED]

--stray adds a boxed note that belongs to no field (for the inspect tests; the expected JSON
then lacks the warning it causes). --json-only writes the expected JSON alone (the same data
as the PDF of that seed: every random draw is made as when the PDF is built).
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FONTS = ["IPAexMincho", "IPAexGothic", "Noto Sans CJK JP", "Noto Serif CJK JP"]
PAPERS = [("A4", 9), ("A3", 8), ("B4", 12)]
STRAY_NOTE = None  # set by --stray: a boxed note outside every field
JSON_ONLY = False  # set by --json-only: skip LibreOffice
PERIOD_CELL = False  # the 評価対象期間 in its own ruled cell right of the title (gen_excel.py)
# Table styles a caller may set (tools/gen_excel.py draws them per sheet; the defaults are the
# original sheets'): the border between the upper and lower rows of the status and analysis
# cells (an openpyxl border style: thin, dotted, hair, dashed, dashDot…), the rule under the
# project table's header (thin or double), and how letter grades are headed ("items": 評価項目
# over A–D; "merged": one cell 評価; "spread": 達成状況 above 評価).
SPLIT_STYLE = "thin"
HEADER_RULE = "thin"
GRADE_HEADER = "items"
# How the measure's own grade is printed: "letter" under 総合評価, or "mark" (● under its
# letter in the A–D legend, the previous grade alone under 総合評価).
MEASURE_GRADE = "letter"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
LEGEND = {"A": "順調", "B": "概ね順調", "C": "やや遅れている", "D": "遅れている"}

CITIES = ["北上市", "花巻市", "奥州市", "一関市", "遠野市"]
DEPARTMENTS = ["商工部", "農林部", "教育部", "まちづくり部", "健康福祉部", "都市整備部", "生活環境部"]
POLICIES = ["力強い地域経済の創出", "未来を担う人材を育むまちづくり", "安全安心な暮らしの確保",
            "健やかに暮らせるまちづくり", "自然と共生する持続可能なまち"]
MEASURES = ["産業の連携による相乗効果の創出", "生涯学習・スポーツ活動の推進", "地域防災力の強化",
            "子育て支援の充実", "循環型社会の形成", "公共交通の利便性向上"]
GROUPS = ["イノベーションチャレンジプロジェクト", "学びの未来創造プロジェクト", "交流人口拡大プロジェクト",
          "安心のまちづくりプロジェクト", "健康長寿プロジェクト"]
SUBJECTS = ["相談件数", "参加者数", "講座の受講者数", "登録事業者数", "利用者の満足度", "補助金の採択件数",
            "施設の利用者数", "ボランティア登録者数", "寄附額", "新規就農者数"]
VERBS = ["は前年度から増加したものの、期待値をわずかに下回っている。",
         "は、関係機関との連携により期待値を上回った。",
         "は、事業の周知が進んだことで順調に推移している。",
         "は、担い手の高齢化により減少傾向にある。",
         "については、新たな支援制度の創設により増加に転じた。"]
ACTIONS = ["関係団体と連携し、情報共有の場を定期的に設ける。", "利用者アンケートの結果を分析し、次年度の事業に反映する。",
           "オンラインと対面を組み合わせた講座を開催する。", "広報紙やＳＮＳを活用した周知を強化する。",
           "支援センターと合同会議を行い、利用者のニーズを把握する。", "新たな補助制度の創設を検討する。"]
FACTORS = ["担当職員と支援センターが共同で企画する体制とし、地域のニーズを反映できた。",
           "周知が広報紙への掲載にとどまり、十分な効果が得られなかった。",
           "国の制度改正により、事業者の関心が高まっている。",
           "物価の高騰により、事業者の投資意欲が低下している。",
           "全国的に大会・イベントの開催制限が緩和され、参加者数が回復している。"]
UNITS = ["件", "人", "千円", "％", "社", "回", "千冊"]


def era(year):
    """(short, long) labels of a fiscal year: 2019 → ('R1', '令和元年度')."""
    if year >= 2019:
        n = year - 2018
        return "R%d" % n, "令和%s年度" % ("元" if n == 1 else str(n).translate(FULLWIDTH))
    n = year - 1988
    return "H%d" % n, "平成%s年度" % str(n).translate(FULLWIDTH)


def sentence(rng, pool, prefix=""):
    return prefix + rng.choice(pool)


def items(rng, pool, low, high, prefix=""):
    return [sentence(rng, pool, prefix) for _ in range(rng.randint(low, high))]


def number_text(value, decimals):
    """The printed form of a value and its JSON number."""
    if decimals:
        text = "%.1f" % value
        return text, float(text)
    return "{:,}".format(int(value)), int(value)


def make_indicator(rng, number, years, baseline, target_year):
    unit = rng.choice(UNITS)
    decimals = unit == "％" or rng.random() < 0.15
    base = rng.choice([12, 150, 744, 1300, 12845, 52000])
    values = []
    for i, (year, fiscal_year) in enumerate(years):
        actual_text = expected_text = None
        actual = expected = None
        remarks = None
        if fiscal_year <= baseline[1] + 2:
            actual_text, actual = number_text(base * (1 + 0.05 * i), decimals)
        if rng.random() < 0.08 and actual is not None:
            actual_text, actual, remarks = "集計中", None, "集計中"
        if fiscal_year > baseline[1]:
            expected_text, expected = number_text(base * (1 + 0.07 * i), decimals)
        elif rng.random() < 0.5:
            expected_text = "-"
        if rng.random() < 0.05 and actual is not None and not decimals:
            actual = -actual
            actual_text = "△" + actual_text
        values.append(dict(year=year, fiscal_year=fiscal_year, expected=expected, actual=actual,
                           expected_text=expected_text, actual_text=actual_text, remarks=remarks))
    subject = rng.choice(SUBJECTS)
    name = "%s%s" % (rng.choice(["市内企業の", "地域の", "市民の", "産業支援センターの", ""]), subject)
    return dict(number=number, name=name,
                description="%sにおける%sの年間合計" % (rng.choice(["市及び関係機関", "支援センター", "市内全域"]), subject),
                unit=unit, departments=[rng.choice(DEPARTMENTS)],
                note=rng.choice([None, None, "市民意識調査（毎年度実施）の結果による"]),
                baseline_year=baseline[0], values=values,
                target=dict(year=target_year, value=values[-1]["expected"]))


def make_sheet(seed):
    rng = random.Random(seed)
    evaluation_fy = rng.choice([2019, 2021, 2023, 2024, 2025])
    first_fy = evaluation_fy - rng.choice([5, 4])
    span = rng.choice([5, 6, 7, 7])
    years = [(era(fy)[0], fy) for fy in range(first_fy, first_fy + span)]
    baseline = years[1]
    n_indicators = rng.choice([1, 3, 4, 6, 8, 11, 15])
    indicators = [make_indicator(rng, i + 1, years, baseline, years[-1][0]) for i in range(n_indicators)]
    n_projects = rng.randint(1, 4)
    n_groups = 1 if n_projects == 1 else rng.randint(1, 2)
    group_numbers = sorted(rng.sample(range(1, 8), n_groups))
    groups = [dict(number=str(n), title=rng.choice(GROUPS),
                   description=rng.choice([None] + ["地域資源を活かし、%s" % a for a in ACTIONS]),
                   projects=[])
              for n in group_numbers]
    timings = ["%sに着手予定・着手済み" % era(evaluation_fy)[0], "%s以降の着手を検討" % era(evaluation_fy + 1)[0]]
    free = list(range(1, n_indicators + 1))
    for p in range(n_projects):
        used = sorted(rng.sample(free, min(len(free), rng.randint(0, 4)))) if rng.random() < 0.8 else []
        steps = [dict(marker=m, timing=timings[0] if m == "◇" else timings[1], text=rng.choice(ACTIONS))
                 for m in sorted((rng.choice(["◇", "◇", "◆"]) for _ in range(rng.randint(1, 3))),
                                 reverse=True)]
        project = dict(
            number=p + 1, title=rng.choice(MEASURES)[:rng.randint(6, 12)],
            departments=rng.sample(DEPARTMENTS, rng.choice([1, 1, 2])), indicators=used,
            grade=rng.choice("ABCD"), previous_grade=rng.choice(["A", "B", "C", None]),
            status=dict(indicator_based=items(rng, [s + v for s in SUBJECTS for v in VERBS], 1, 3) if used else [],
                        other=items(rng, ACTIONS, 0, 2)),
            analysis=dict(internal=dict(indicator_based=items(rng, FACTORS, 0, 2) if used else [],
                                        other=items(rng, FACTORS, 0, 1)),
                          external=dict(indicator_based=items(rng, FACTORS, 0, 2) if used else [],
                                        other=items(rng, FACTORS, 0, 1))),
            policy_direction=[rng.choice(ACTIONS) + rng.choice(ACTIONS)],
            next_steps=steps)
        groups[min(p * n_groups // n_projects, n_groups - 1)]["projects"].append(project)
    city = rng.choice(CITIES)
    plan = "%s総合計画 2021～2030" % city
    label = era(evaluation_fy)
    policy_no = rng.randint(1, 8)
    measure_no = "%d-%d" % (policy_no, rng.randint(1, 6))
    grade = rng.choice("ABCD")
    return dict(
        schema_version=1,
        kind="measure",
        title="%s　%s基本施策事後評価シート" % (plan, label[1]),
        plan=plan,
        evaluation_year=dict(label=label[1], fiscal_year=evaluation_fy),
        target_period=dict(label=era(evaluation_fy - 1)[1], fiscal_year=evaluation_fy - 1),
        sheet=dict(label="%s事後" % label[0], number=rng.randint(1, 40)),
        policy=dict(number=str(policy_no), title=rng.choice(POLICIES)),
        measure=dict(number=measure_no, title=rng.choice(MEASURES)),
        departments=rng.sample(DEPARTMENTS, rng.choice([1, 2])),
        evaluation=dict(grade=grade, label=LEGEND[grade], previous_grade=rng.choice(["A", "B", "C", None])),
        grade_legend=LEGEND,
        project_groups=groups,
        indicators=indicators,
        warnings=[],
    ), rng


# ---------------------------------------------------------------------------------------
# Workbook layout. Like real templates, each page is a grid of narrow columns and every box
# is a merged range of them; widths are jittered per sheet so that wrapping differs.

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PAGE1_COLUMNS = 50
PRINTABLE = {  # printable width in points (paper width minus 2 × 0.4 inch), by paper and orientation
    (9, True): 842 - 58, (9, False): 595 - 58,
    (8, True): 1191 - 58, (8, False): 842 - 58,
    (12, True): 1032 - 58, (12, False): 729 - 58,
}


class Painter:
    """Writes boxes (merged, bordered, wrapped cells) on one worksheet."""

    def __init__(self, ws, font, size):
        self.ws, self.font, self.size = ws, font, size
        self.heights = {}

    def fit_rows(self):
        """Row heights that show every wrapped line (Calc does not grow merged cells)."""
        for row, height in self.heights.items():
            self.ws.row_dimensions[row].height = max(height, self.size * 1.6)

    def need(self, row, rows, col, cols, text, size):
        widths = [self.ws.column_dimensions[get_column_letter(c)].width or 8.43
                  for c in range(col, col + cols)]
        per_line = max(1.0, (sum(column_points(w) for w in widths) - 4) * 0.92 / size)
        lines = 0
        for paragraph in str(text).split("\n"):
            length = sum(1.0 if ord(ch) > 255 else 0.55 for ch in paragraph)
            lines += max(1, -(-length // per_line))
        height = (lines * size * 1.5 + 4) / rows
        for r in range(row, row + rows):
            self.heights[r] = max(self.heights.get(r, 0), height)

    def put(self, row, col, text, rows=1, cols=1, align="left", border=True, scale=1.0, fmt=None):
        ws = self.ws
        if rows > 1 or cols > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1,
                           end_column=col + cols - 1)
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(name=self.font, size=round(self.size * scale, 1))
        cell.alignment = Alignment(horizontal=align, wrap_text=True,
                                   vertical="top" if align == "left" else "center")
        if fmt:
            cell.number_format = fmt
        if text is not None:
            self.need(row, rows, col, cols, text, self.size * scale)
        if border:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    ws.cell(row=r, column=c).border = BOX


def bullets(texts):
    return "\n".join("・" + t for t in texts) if texts else None


def paren(grade):
    return "（%s）" % (grade or "－")


def column_points(width):
    """Printed width of a column of Excel width `width` (default font: 7 px per unit + 5 px)."""
    return (width * 7 + 5) * 0.75


def setup_page(ws, paper, landscape):
    """One printed page per worksheet, scaled by Calc to fit."""
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1


def set_widths(ws, widths):
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    return widths


def first_page(ws, sheet, rng, font, letter_grades):
    """Title, header boxes, the 達成状況評価 box and the 関連するプロジェクト table."""
    p = Painter(ws, font, 8)
    set_widths(ws, [2.6 * rng.uniform(0.8, 1.25) for _ in range(PAGE1_COLUMNS)])
    col = lambda c: c + 1  # 0-based unit → worksheet column
    if PERIOD_CELL:
        p.put(1, col(0), sheet["title"], cols=30, border=False, scale=1.4)
        p.put(1, col(31), "評価対象期間：%s" % sheet["target_period"]["label"], cols=12,
              align="center")
    else:
        p.put(1, col(0), "%s（評価対象期間：%s）" % (sheet["title"], sheet["target_period"]["label"]),
              cols=38, border=False, scale=1.4)
    p.put(1, col(44), sheet["sheet"]["label"], cols=3, align="center")
    p.put(1, col(47), sheet["sheet"]["number"], cols=3, align="center")
    shift = rng.choice([0, 1, 2])  # where the evaluation box starts
    p.put(3, col(0), "基本方針", cols=4, align="center")
    p.put(3, col(4), "%s.%s" % (sheet["policy"]["number"], sheet["policy"]["title"]), cols=25 + shift)
    p.put(4, col(0), "基本施策", cols=4, rows=2, align="center")
    p.put(4, col(4), "%s.%s" % (sheet["measure"]["number"], sheet["measure"]["title"]), cols=19 + shift, rows=2)
    p.put(4, col(23 + shift), "担当\n部等", cols=2, rows=2, align="center")
    p.put(4, col(25 + shift), "・".join(sheet["departments"]), cols=4, rows=2)
    e = 30 + shift
    p.put(3, col(e), "達成状況\n評　　　価", cols=3, rows=3, align="center")
    width = (PAGE1_COLUMNS - e - 3 - 3) // 4
    evaluation = sheet["evaluation"]
    marked = MEASURE_GRADE == "mark"
    for i, grade in enumerate("ABCD"):
        p.put(3, col(e + 3 + i * width), LEGEND[grade], cols=width, align="center", scale=0.9)
        p.put(4, col(e + 3 + i * width), grade, cols=width, rows=1 if marked else 2, align="center")
        if marked:
            p.put(5, col(e + 3 + i * width), "●" if grade == evaluation["grade"] else None,
                  cols=width, align="center")
    g = e + 3 + 4 * width
    p.put(3, col(g), "総合評価", cols=PAGE1_COLUMNS - g, align="center")
    p.put(4, col(g), None if marked else evaluation["grade"], cols=PAGE1_COLUMNS - g, align="center")
    p.put(5, col(g), paren(evaluation["previous_grade"]), cols=PAGE1_COLUMNS - g, align="center")
    p.put(7, col(0), "関連するプロジェクト", cols=12, border=False, scale=1.2)
    rows_used = project_table(p, sheet, rng, letter_grades, start=8)
    p.put(rows_used + 1, col(0), "※達成状況評価欄の（ ）内については昨年度の評価結果です。",
          cols=40, border=False, scale=0.9)
    if STRAY_NOTE:
        # A boxed note that belongs to no field: the extractor must report it as a warning.
        p.put(rows_used + 3, col(30), STRAY_NOTE, cols=12)
    p.fit_rows()


# Column spans of the project table, in units: №, project, depts, indicators, A–D (4),
# status, internal, external, policy, next steps.
SPANS = [1, 3, 2, 2, 1, 1, 1, 1, 8, 7, 7, 6, 10]


def project_table(p, sheet, rng, letter_grades, start):
    starts = [sum(SPANS[:i]) + 1 for i in range(len(SPANS))]
    def put(row, k, text, rows=1, cols=1, **kw):
        p.put(row, starts[k], text, rows=rows, cols=sum(SPANS[k:k + cols]), **kw)
    put.painter, put.starts = p, starts
    r = start
    first_fy = sheet["evaluation_year"]["fiscal_year"]
    from_year = "R%d" % (first_fy - 2018)
    later = "R%d" % (first_fy - 2017)
    put(r, 0, "№", rows=2, align="center")
    put(r, 1, "プロ\nジェ\nクト", rows=2, align="center")
    put(r, 2, "担当\n部等", rows=2, align="center")
    put(r, 3, "成果\n指標", rows=2, align="center")
    if letter_grades and GRADE_HEADER == "merged":
        put(r, 4, "評価", rows=2, cols=4, align="center")
    elif letter_grades and GRADE_HEADER == "spread":
        put(r, 4, "達成状況", cols=4, align="center")
        put(r + 1, 4, "評価", cols=4, align="center")
    else:
        put(r, 4, "評価項目", cols=4, align="center")
        for i, grade in enumerate("ABCD"):
            put(r + 1, 4 + i, grade, align="center")
    put(r, 8, "達成状況（対象：R%d）\n　（上段：指標に基づくもの　下段：指標以外のもの）" % (first_fy - 2019),
        rows=2, align="center")
    put(r, 9, "達　成　状　況　分　析　（上段：指標に基づくもの　下段：指標以外のもの）", cols=2, align="center")
    put(r + 1, 9, "内部要因", align="center")
    put(r + 1, 10, "外部要因", align="center")
    put(r, 11, "推進方針", rows=2, align="center")
    put(r, 12, "今後の方向性\n（◇：%sに着手予定・着手済み　◆：%s以降の着手を検討）" % (from_year, later),
        rows=2, align="center")
    if HEADER_RULE != "thin":
        for c in range(1, sum(SPANS) + 1):
            cell = p.ws.cell(row=r + 1, column=c)
            cell.border = Border(left=cell.border.left, right=cell.border.right,
                                 top=cell.border.top, bottom=Side(style=HEADER_RULE))
    r += 2
    for group in sheet["project_groups"]:
        put(r, 0, "%s.%s" % (group["number"], group["title"]), cols=8)
        put(r, 8, group["description"], cols=5)
        r += 1
        for project in group["projects"]:
            project_rows(put, r, project, letter_grades)
            r += 2
    return r


def set_top(ws, row, col, cols, style):
    """Give the cells `row`, `col…col+cols-1` a top border of `style` (and the cells above
    the same bottom border)."""
    for c in range(col, col + cols):
        for r, side in ((row, "top"), (row - 1, "bottom")):
            cell = ws.cell(row=r, column=c)
            sides = dict(left=cell.border.left, right=cell.border.right,
                         top=cell.border.top, bottom=cell.border.bottom)
            sides[side] = Side(style=style)
            cell.border = Border(**sides)


def project_rows(put, r, project, letter_grades):
    put(r, 0, project["number"], rows=2, align="center")
    put(r, 1, project["title"], rows=2)
    put(r, 2, "・".join(project["departments"]), rows=2)
    put(r, 3, "".join(CIRCLED[i - 1] for i in project["indicators"]) or "未設定", rows=2)
    if letter_grades:
        put(r, 4, project["grade"], cols=4, align="center")
    else:
        for i, grade in enumerate("ABCD"):
            put(r, 4 + i, "●" if grade == project["grade"] else None, align="center")
    put(r + 1, 4, paren(project["previous_grade"]), cols=4, align="center")
    status, analysis = project["status"], project["analysis"]
    put(r, 8, bullets(status["indicator_based"]))
    put(r + 1, 8, bullets(status["other"]))
    put(r, 9, bullets(analysis["internal"]["indicator_based"]))
    put(r + 1, 9, bullets(analysis["internal"]["other"]))
    put(r, 10, bullets(analysis["external"]["indicator_based"]))
    put(r + 1, 10, bullets(analysis["external"]["other"]))
    if SPLIT_STYLE != "thin":
        for k in (8, 9, 10):
            set_top(put.painter.ws, r + 1, put.starts[k], SPANS[k], SPLIT_STYLE)
    put(r, 11, "\n".join(project["policy_direction"]), rows=2)
    put(r, 12, "\n".join(s["marker"] + s["text"] for s in project["next_steps"]), rows=2)


def indicator_page(ws, sheet, rng, font, per_row, numbers, widths, legend_below):
    """The 凡例 box (above or below the blocks) and the indicator blocks `numbers`,
    `per_row` side by side."""
    p = Painter(ws, font, 7)
    n_years = len(sheet["indicators"][0]["values"]) if sheet["indicators"] else 7
    block_width = n_years + 3  # label, unit, years, gap
    set_widths(ws, widths)
    last = per_row * block_width - 1
    block_rows = -(-len(numbers) // per_row)
    legend_row = 3 + block_rows * 8 if legend_below else 1
    target = sheet["indicators"][0]["target"]["year"] if sheet["indicators"] else "R7"
    p.put(legend_row, last - 12, "凡例", cols=2, align="center")
    p.put(legend_row, last - 10, "実績値：各年度末の実績　期待値：計画策定時に見込んだ各年度の値（%sは目標値）　－：該当なし　空欄：未到来・未集計" % target,
          cols=11, scale=0.9)
    by_number = {i["number"]: i for i in sheet["indicators"]}
    for k, number in enumerate(numbers):
        row = 3 + (k // per_row) * 8
        col = (k % per_row) * block_width + 1
        block(p, row, col, number, by_number.get(number), sheet, n_years)
    p.fit_rows()


def block(p, row, col, number, indicator, sheet, n_years):
    p.put(row, col, sheet["_label_style"]["indicator"], align="center")
    p.put(row, col + 1, CIRCLED[number - 1], cols=2, align="center")
    p.put(row, col + 3, "指標の説明", cols=n_years - 1, align="center")
    ind = indicator or {}
    p.put(row + 1, col, ind.get("name"), cols=3)
    p.put(row + 1, col + 3, ind.get("description"), cols=n_years - 1)
    p.put(row + 2, col, None)
    p.put(row + 2, col + 1, "単位", align="center")
    years = indicator["values"] if indicator else None
    template = sheet["indicators"][0]["values"] if sheet["indicators"] else []
    for i, value in enumerate(template):
        label = value["year"]
        if label == sheet["indicators"][0]["baseline_year"]:
            label += "\n（%s）" % sheet["_baseline_word"]
        p.put(row + 2, col + 2 + i, label, align="center")
    p.put(row + 3, col, "実績値", align="center")
    p.put(row + 3, col + 1, ind.get("unit"), rows=2, align="center")
    target = template[-1]["year"] if template else "R7"
    p.put(row + 4, col, "期待値\n※%sは目標値" % target, align="center", scale=0.8)
    for i in range(len(template)):
        v = years[i] if years else {}
        for r, key in ((row + 3, "actual"), (row + 4, "expected")):
            p.put(r, col + 2 + i, cell_value(v, key), align="right", fmt=number_format(v, key))
    p.put(row + 5, col, sheet["_label_style"]["note"], align="center")
    p.put(row + 5, col + 1, ind.get("note"), cols=n_years + 1)
    p.put(row + 6, col, "担当部等", align="center")
    p.put(row + 6, col + 1, "・".join(ind.get("departments", [])) or None, cols=n_years + 1)


def cell_value(v, key):
    """What the worksheet cell holds: a real number where one is printed, else the text."""
    value, text = v.get(key), v.get(key + "_text")
    if value is not None and text is not None and not text.startswith("△"):
        return value
    if value is not None and text is not None:
        return value  # negative: shown with △ by the number format
    return text


def number_format(v, key):
    text = v.get(key + "_text") or ""
    decimals = "." in text
    base = "#,##0.0" if decimals else "#,##0"
    return '%s;"△"%s' % (base, base)


def with_page(item, page):
    """`item` with `page` right after `number`, as the JSON orders them."""
    out = {}
    for key, value in item.items():
        out[key] = value
        if key == "number":
            out["page"] = page
    return out


def place_on_pages(sheet, per_page, first_page=1):
    """Set `source` pages and the `page` of every project (page 1 of the sheet) and indicator
    (its block's page: blocks follow page 1, `per_page` to a page)."""
    for group in sheet["project_groups"]:
        group["projects"] = [with_page(p, first_page) for p in group["projects"]]
    sheet["indicators"] = [with_page(i, first_page + 1 + (i["number"] - 1) // per_page)
                           for i in sheet["indicators"]]


def add_sheet(wb, seed, first_page_number=1, footer=None, data=None):
    """Add the worksheets of sheet `seed` to `wb` (one printed page each) and give its
    expected JSON (pages counted from `first_page_number`) and its number of pages.
    `footer` (e.g. "- &P -") prints a page number in every page's bottom margin. `data`
    (a sheet as make_sheet gives it) replaces the seed's content; the seed still draws the
    layout."""
    sheet, rng = make_sheet(seed)
    if data is not None:
        sheet = data
    sheet["_baseline_word"] = rng.choice(["現状値", "基準値"])
    sheet["_label_style"] = rng.choice([dict(indicator="指　　標", note="備　考"),
                                        dict(indicator="指標", note="備考")])
    legend_below = rng.random() < 0.3
    font = rng.choice(FONTS)
    paper_name, paper = rng.choice(PAPERS)
    landscape = rng.random() < 0.8
    letter_grades = rng.random() < 0.4
    per_row = 3 if landscape else 2
    rows_per_page = 5 if landscape else 4
    all_blocks = rng.random() < 0.5
    ws1 = wb.create_sheet("評価シート%d" % seed)
    first_page(ws1, sheet, rng, font, letter_grades)
    setup_page(ws1, paper, landscape)
    count = 15 if all_blocks else len(sheet["indicators"])
    per_page = per_row * rows_per_page
    n_years = len(sheet["indicators"][0]["values"]) if sheet["indicators"] else 7
    widths = []
    for _ in range(per_row):
        widths += [7 * rng.uniform(0.9, 1.2), 4.2] + [5.2 * rng.uniform(0.95, 1.2)] * n_years + [1.5]
    sheets = [ws1]
    for first in range(0, count, per_page):
        ws = wb.create_sheet("指標%d-%d" % (seed, first // per_page + 1))
        numbers = range(first + 1, min(count, first + per_page) + 1)
        indicator_page(ws, sheet, rng, font, per_row, numbers, widths, legend_below)
        setup_page(ws, paper, landscape)
        sheets.append(ws)
    if footer:
        for ws in sheets:
            ws.oddFooter.center.text = footer
    place_on_pages(sheet, per_page, first_page_number)
    del sheet["_baseline_word"], sheet["_label_style"]
    for ind in sheet["indicators"]:
        for v in ind["values"]:
            remarks = v.pop("remarks")
            v.pop("expected_text"), v.pop("actual_text")
            if remarks:
                v["remarks"] = remarks  # not a warning: nothing is lost (SPEC.md)
    return sheet, len(sheets), (paper_name, landscape, font, letter_grades)


def export_pdf(wb, name, tmp):
    """Save `wb` and let LibreOffice print it to `tmp/name.pdf`."""
    xlsx = os.path.join(tmp, name + ".xlsx")
    wb.save(xlsx)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return os.path.join(tmp, name + ".pdf")


def build(seed, out_dir):
    wb = Workbook()
    wb.remove(wb.active)
    sheet, _, (paper_name, landscape, font, letter_grades) = add_sheet(wb, seed)
    name = "gen-%03d" % seed
    with tempfile.TemporaryDirectory() as tmp:
        if JSON_ONLY:
            return write_expected(sheet, out_dir, name)
        shutil.copy(export_pdf(wb, name, tmp), os.path.join(out_dir, name + ".pdf"))
    write_expected(sheet, out_dir, name)
    return "%s: %s %s %s, %s grades, %d projects, %d indicators" % (
        name, paper_name, "landscape" if landscape else "portrait", font,
        "letter" if letter_grades else "●", sum(len(g["projects"]) for g in sheet["project_groups"]),
        len(sheet["indicators"]))


def write_expected(sheet, out_dir, name):
    with open(os.path.join(out_dir, name + ".expected.json"), "w") as f:
        json.dump(sheet, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return name


def main():
    global STRAY_NOTE, JSON_ONLY
    if "--json-only" in sys.argv:
        sys.argv.remove("--json-only")
        JSON_ONLY = True
    if "--stray" in sys.argv:
        sys.argv.remove("--stray")
        STRAY_NOTE = "確認用メモ：数値は速報値"
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(out, exist_ok=True)
    for seed in range(first, first + count):
        print(build(seed, out))


if __name__ == "__main__":
    main()
