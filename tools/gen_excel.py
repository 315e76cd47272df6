#!/usr/bin/env python3
"""Generate evaluation sheets (and a book) written the way Microsoft Excel writes PDF, with
expected JSON from the generator's data (tools/gen_sheets.py), never from the extractor.

The sheet content is gen_sheets.py's (same seeds, same data); the workbook is printed by
tools/excel_pdf.py instead of LibreOffice. Per sheet, a style RNG (separate from the data's)
draws: the separator between the upper and lower rows of the status and analysis cells
(thin, dotted, hair, dashed, dash-pattern stroke; runs that stop short of the corner), a double
rule under the project table's header, how letter grades are headed (評価項目 over A–D, one
merged 評価 cell, or 達成状況 above 評価), stroked centre lines under the borders, distributed
labels, shrink-to-fit labels, fake bold title, Tc character spacing, the section label as a
grey cell, and page numbers in the footer.

    python3 tools/gen_excel.py OUT_DIR COUNT FIRST_SEED          # xl-NNN.pdf + .expected.json
    python3 tools/gen_excel.py --aj1 OUT_DIR COUNT FIRST_SEED    # Adobe-Japan1 CIDs, no ToUnicode
    python3 tools/gen_excel.py --book OUT.pdf COUNT FIRST_SEED   # an Excel-style book + .expected.ndjson
    python3 tools/gen_excel.py --period-cell OUT_DIR COUNT FIRST_SEED  # xl-period-NNN: a bold
        title crossing the ruled empty cells of its row, the 評価対象期間 in its own cell beside it

Needs openpyxl and fonttools (pip), fonts-ipaexfont; --aj1 also poppler-data (its
UniJIS-UCS2-H CMap gives the CIDs).
"""
import json
import os
import random
import re
import sys

from openpyxl import Workbook

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import excel_pdf  # noqa: E402
import gen_books  # noqa: E402
import gen_sheets  # noqa: E402

UNICODE_TO_AJ1 = "/usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UCS2-H"


def draw_style(seed, aj1=False):
    """The table and printing style of sheet `seed` (its own RNG: the data stays the same)."""
    rng = random.Random(seed * 7919 + 17)
    gen_sheets.SPLIT_STYLE = rng.choice(["thin", "dotted", "hair", "dashed", "dashDot"])
    gen_sheets.HEADER_RULE = rng.choice(["thin", "thin", "double"])
    gen_sheets.GRADE_HEADER = rng.choice(["items", "merged", "spread"])
    style = excel_pdf.ExcelStyle(
        thin=rng.choice([0.6, 0.72, 0.96]),
        centre_strokes=rng.random() < 0.4,
        distributed=rng.random() < 0.5,
        shrink=rng.choice([1.0, 1.0, 0.83, 0.91]),
        bold_title=rng.random() < 0.5,
        char_spacing=rng.choice([0.0, 0.0, 0.12]),
        section_cell=rng.random() < 0.5,
        short_of_corner=rng.choice([0.0, 2.5, 4.0]),
        adobe_japan1=aj1,
    )
    footer = rng.choice([None, "- &P -"])
    gen_sheets.MEASURE_GRADE = rng.choice(["letter", "letter", "mark"])
    style.rotated_labels = rng.random() < 0.5
    style.clipped_overflow = rng.random() < 0.5
    style.boxed_title = rng.random() < 0.3
    return style, footer


def aj1_map():
    """Unicode character → Adobe-Japan1 CID, from Adobe's UniJIS-UCS2-H CMap."""
    out = {}
    with open(UNICODE_TO_AJ1) as fh:
        text = fh.read()
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\d+)", block):
            for k, u in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out.setdefault(chr(u), int(cid) + k)
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-f]+)>\s*(\d+)", block):
            out.setdefault(chr(int(u, 16)), int(cid))
    return out


def describe(style):
    return "split %s, header %s, grades %s, measure grade %s%s%s%s%s" % (
        gen_sheets.SPLIT_STYLE, gen_sheets.HEADER_RULE, gen_sheets.GRADE_HEADER,
        gen_sheets.MEASURE_GRADE,
        ", centre strokes" if style.centre_strokes else "",
        ", distributed" if style.distributed else "",
        ", shrink %.2f" % style.shrink if style.shrink != 1 else "",
        ", Adobe-Japan1" if style.adobe_japan1 else "") + (", rotated labels" if style.rotated_labels else "") + (
        ", clipped overflow" if style.clipped_overflow else "") + (
        ", boxed title" if style.boxed_title else "")


def sheet(out_dir, seed, aj1, period_cell=False):
    style, footer = draw_style(seed, aj1)
    if period_cell:
        style.bold_title, style.boxed_title = True, True
    gen_sheets.PERIOD_CELL = period_cell
    wb = Workbook()
    wb.remove(wb.active)
    data, _, (paper, landscape, font, letters) = gen_sheets.add_sheet(wb, seed, 1, footer)
    name = "%s-%03d" % ("aj1" if aj1 else "xl-period" if period_cell else "xl", seed)
    excel_pdf.write_pdf(wb, os.path.join(out_dir, name + ".pdf"), style, aj1_map() if aj1 else None)
    gen_sheets.write_expected(data, out_dir, name)
    print("%s: %s %s, %s grades, %s" % (name, paper, "landscape" if landscape else "portrait",
                                        "letter" if letters else "●", describe(style)))


def book(out_pdf, count, first_seed):
    """Cover, contents and sheets, each sheet in its own style, printed as one workbook."""
    wb = Workbook()
    wb.remove(wb.active)
    gen_books.text_page(wb, "表紙", ["令和６年度　基本施策事後評価シート", "", "北上市"])
    contents = gen_books.contents_page(wb, [])
    lines, entries, page = [], [], 3
    styles = []
    for seed in gen_books.book_seeds(count, first_seed):
        style, _ = draw_style(seed)
        styles.append(style)
        data, pages, _ = gen_sheets.add_sheet(wb, seed, page, "- &P -")
        lines.append(json.dumps(gen_books.with_source(data, page, pages), ensure_ascii=False))
        entries.append([len(entries) + 1, data["policy"]["number"], data["measure"]["number"],
                        data["measure"]["title"], data["evaluation"]["grade"], page])
        page += pages
    for r, row in enumerate(entries, start=4):
        for c, value in enumerate(row, start=1):
            contents.cell(row=r, column=c, value=value).border = gen_books.BOX
    # One document, one style: the first sheet's (Excel prints a workbook with one setup).
    excel_pdf.write_pdf(wb, out_pdf, styles[0])
    with open(out_pdf[:-len(".pdf")] + ".expected.ndjson", "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("%s: %d sheets" % (out_pdf, len(lines)))


def main():
    args = sys.argv[1:]
    aj1 = "--aj1" in args
    if aj1:
        args.remove("--aj1")
    period_cell = "--period-cell" in args
    if period_cell:
        args.remove("--period-cell")
    if args and args[0] == "--book":
        book(args[1], int(args[2]), int(args[3]))
        return
    out_dir, count, first = args[0], int(args[1]), int(args[2])
    os.makedirs(out_dir, exist_ok=True)
    for seed in range(first, first + count):
        sheet(out_dir, seed, aj1, period_cell)


if __name__ == "__main__":
    main()
