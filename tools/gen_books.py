#!/usr/bin/env python3
"""Generate books — many evaluation sheets in one PDF, as cities publish a year — with their
expected NDJSON (one line per sheet, `source` holding `first_page` and `pages`), written from
the generator's data (tools/gen_sheets.py), never from the extractor's output.

Kinds:
  workbook  one LibreOffice export of a whole workbook: a cover, a contents page whose table
            lists 基本方針 / 基本施策 columns (it must not start a sheet), a divider page per
            policy, then the sheets; a page number (`- 3 -`) in every page's footer.
  merge     sheets exported one by one, some rewritten by Ghostscript or pdftocairo, merged
            by qpdf with a cover, blank pages between sheets and inside one sheet, and a page
            of notes at the end.

    python3 tools/gen_books.py KIND OUT.pdf SHEETS FIRST_SEED

Writes OUT.pdf and OUT.expected.ndjson (OUT without .pdf). Needs what gen_sheets.py needs,
plus qpdf, ghostscript and poppler-utils for `merge`.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_sheets  # noqa: E402

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def text_page(wb, title, lines, footer=None):
    """A worksheet of plain text (cover, divider, notes): one printed page."""
    ws = wb.create_sheet(title[:28])
    ws.column_dimensions["A"].width = 90
    ws.cell(row=2, column=1, value=lines[0]).font = Font(name="IPAexGothic", size=20)
    for i, line in enumerate(lines[1:], start=4):
        ws.cell(row=i, column=1, value=line).font = Font(name="IPAexGothic", size=12)
    gen_sheets.setup_page(ws, 9, False)
    if footer:
        ws.oddFooter.center.text = footer
    return ws


def contents_page(wb, entries, footer=None):
    """A table of contents with 基本方針 / 基本施策 columns: looks like a header, is none."""
    ws = wb.create_sheet("目次")
    for col, width in zip("ABCDEF", [5, 10, 10, 40, 14, 8]):
        ws.column_dimensions[col].width = width
    ws.cell(row=1, column=1, value="目　次").font = Font(name="IPAexGothic", size=16)
    header = ["№", "基本方針", "基本施策", "施策名", "総合評価", "ページ"]
    for r, row in enumerate([header] + entries, start=3):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = BOX
            cell.font = Font(name="IPAexGothic", size=10)
            cell.alignment = Alignment(horizontal="center" if c != 4 else "left")
    gen_sheets.setup_page(ws, 9, False)
    if footer:
        ws.oddFooter.center.text = footer
    return ws


def with_source(sheet, first_page, pages):
    out = {}
    for key, value in sheet.items():
        out[key] = value
        if key == "kind":
            out["source"] = {"first_page": first_page, "pages": pages}
    return out


def book_seeds(count, first_seed):
    """`count` seeds from `first_seed` on, skipping any whose measure number is the one just
    before it: in a book, a repeated measure header continues the sheet (print titles)."""
    seeds, last, seed = [], None, first_seed
    while len(seeds) < count:
        measure = gen_sheets.make_sheet(seed)[0]["measure"]["number"]
        if measure != last:
            seeds.append(seed)
            last = measure
        seed += 1
    return seeds


def workbook_book(out_pdf, count, first_seed):
    """Cover, contents, dividers and sheets in one LibreOffice export."""
    footer = "- &P -"
    data = []
    for seed in book_seeds(count, first_seed):
        sheet, _ = gen_sheets.make_sheet(seed)
        data.append((seed, sheet["policy"]["number"]))
    wb = Workbook()
    wb.remove(wb.active)
    text_page(wb, "表紙", ["令和６年度　基本施策事後評価シート", "（抜粋）", "", "北上市"], footer)
    contents = contents_page(wb, [], footer)
    page = 3
    lines, entries, policy = [], [], None
    for seed, policy_number in data:
        if policy_number != policy:
            policy = policy_number
            text_page(wb, "扉%d" % seed, ["基本方針 %s" % policy, "この章の評価シート"], footer)
            page += 1
        sheet, pages, _ = gen_sheets.add_sheet(wb, seed, page, footer)
        lines.append(json.dumps(with_source(sheet, page, pages), ensure_ascii=False))
        entries.append([len(entries) + 1, sheet["policy"]["number"], sheet["measure"]["number"],
                        sheet["measure"]["title"], sheet["evaluation"]["grade"], page])
        page += pages
    text_page(wb, "用語", ["用語の解説", "実績値：各年度末の実績", "期待値：計画策定時に見込んだ値"], footer)
    for r, row in enumerate(entries, start=4):
        for c, value in enumerate(row, start=1):
            cell = contents.cell(row=r, column=c, value=value)
            cell.border = BOX
            cell.font = Font(name="IPAexGothic", size=10)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(gen_sheets.export_pdf(wb, "book", tmp), out_pdf)
    return lines


def merge_book(out_pdf, count, first_seed):
    """Single-sheet exports from several producers merged by qpdf with blank pages."""
    rng = random.Random(first_seed)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        blank = os.path.join(tmp, "blank.pdf")
        subprocess.run(["gs", "-q", "-o", blank, "-sDEVICE=pdfwrite", "-g5950x8420", "-c", "showpage"],
                       check=True, stdout=subprocess.DEVNULL)
        wb = Workbook()
        wb.remove(wb.active)
        text_page(wb, "表紙", ["基本施策事後評価シート", "令和６年度"])
        parts = [(gen_sheets.export_pdf(wb, "cover", tmp), "1-z")]
        page = 2
        for k, seed in enumerate(book_seeds(count, first_seed)):
            if rng.random() < 0.4:
                parts.append((blank, "1"))
                page += 1
            wb = Workbook()
            wb.remove(wb.active)
            sheet, pages, _ = gen_sheets.add_sheet(wb, seed, page)
            pdf = gen_sheets.export_pdf(wb, "sheet%d" % seed, tmp)
            pdf = rewrite(pdf, rng.choice(["libreoffice", "gs", "cairo"]), tmp, seed)
            inner_blank = k == 1 and pages > 1
            if inner_blank:
                # A blank page between page 1 and the indicator pages does not end the sheet.
                parts += [(pdf, "1"), (blank, "1"), (pdf, "2-z")]
                for ind in sheet["indicators"]:
                    ind["page"] += 1
                pages += 1
            else:
                parts.append((pdf, "1-z"))
            lines.append(json.dumps(with_source(sheet, page, pages), ensure_ascii=False))
            page += pages
        wb = Workbook()
        wb.remove(wb.active)
        text_page(wb, "注記", ["注記", "この資料の数値は速報値を含みます。"])
        parts.append((gen_sheets.export_pdf(wb, "notes", tmp), "1-z"))
        args = ["qpdf", "--empty", "--pages"]
        for pdf, pages in parts:
            args += [pdf, pages]
        subprocess.run(args + ["--", out_pdf], check=True)
    return lines


def rewrite(pdf, producer, tmp, seed):
    if producer == "gs":
        out = os.path.join(tmp, "gs%d.pdf" % seed)
        subprocess.run(["gs", "-q", "-o", out, "-sDEVICE=pdfwrite", pdf], check=True,
                       stdout=subprocess.DEVNULL)
        return out
    if producer == "cairo":
        out = os.path.join(tmp, "cairo%d.pdf" % seed)
        subprocess.run(["pdftocairo", "-pdf", pdf, out], check=True)
        return out
    return pdf


def main():
    kind, out_pdf, count, first_seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    lines = {"workbook": workbook_book, "merge": merge_book}[kind](out_pdf, count, first_seed)
    with open(out_pdf[:-len(".pdf")] + ".expected.ndjson", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d sheets" % (out_pdf, len(lines)))


if __name__ == "__main__":
    main()
