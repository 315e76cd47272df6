"""Print openpyxl workbooks to PDF the way Microsoft Excel's "Save as PDF" writes them
(../shared/notes/excel-pdf.md), for tools/gen_excel.py: one page per worksheet (fit to page),
every Japanese font as two font objects sharing one GID-preserving subset (a Type0
Identity-H face with ToUnicode, and a WinAnsi TrueType face without ToUnicode used for cells
whose text is all ASCII), one TJ per line at absolute positions with small adjustments,
fills first, then text (each cell in marked content, wrapped cells clipped line by line),
then borders as thin filled rectangles merged along each line, page numbers as artifacts.

Variations (an `ExcelStyle`): dotted / hair / dashed borders as rows of small filled marks
stopping short of the corner, dash-pattern strokes, double borders, a stroked centre line
under each border, distributed (均等割り付け) labels, shrink-to-fit labels at odd sizes, fake
bold (2 Tr) titles, Tc character spacing, the section label drawn as a grey cell, and
Adobe-Japan1 CID fonts without ToUnicode and not embedded (as Acrobat Distiller writes).
"""
import io
import os
import re
import sys
from dataclasses import dataclass

from fontTools import subset
from fontTools.ttLib import TTFont
from openpyxl.utils import get_column_letter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bad_fixtures import pdf, stream  # noqa: E402  (the PDF object writer)

FONT_FILES = {
    "gothic": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "mincho": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
}
PAPER = {9: (595.2, 841.68), 8: (841.68, 1190.64), 12: (728.64, 1031.76)}
MARGIN = 28.8
PAD = 2.0
GREY = 0.851
LABELS = {"基本方針", "基本施策", "担当部等", "総合評価", "評価項目", "内部要因", "外部要因", "推進方針",
          "指標", "単位", "実績値", "備考", "凡例", "指標の説明", "№", "評価", "達成状況"}


@dataclass
class ExcelStyle:
    thin: float = 0.72          # border thickness (print-scaled 1 px)
    centre_strokes: bool = False
    distributed: bool = False
    shrink: float = 1.0         # factor for one-line label cells (shrink to fit)
    bold_title: bool = False
    char_spacing: float = 0.0   # Tc
    section_cell: bool = False  # 関連するプロジェクト as a grey bordered cell
    short_of_corner: float = 0.0  # dotted/dashed runs stop this far before their end
    adobe_japan1: bool = False  # CID fonts with Adobe-Japan1 CIDs, no ToUnicode, not embedded
    rotated_labels: bool = False  # stacked labels (プロ/ジェ/クト) as one run turned 90°
    clipped_overflow: bool = False  # wrapped cells carry a line below their box, clipped away
    boxed_title: bool = False  # the title's row is ruled cell by cell; the title overflows them


def family(name):
    return "mincho" if ("Mincho" in (name or "") or "Serif" in (name or "")) else "gothic"


class Fonts:
    """The fonts of one document and the glyphs used from them."""

    def __init__(self, aj1_map=None):
        self.faces = {f: TTFont(path) for f, path in FONT_FILES.items()}
        self.cmaps = {f: t.getBestCmap() for f, t in self.faces.items()}
        self.used = {f: set() for f in FONT_FILES}
        self.aj1 = aj1_map
        self.aj1_widths = {f: {} for f in FONT_FILES}  # CID → width (1/1000 em) used

    def advance(self, fam, ch):
        face = self.faces[fam]
        gid = face.getGlyphID(self.cmaps[fam].get(ord(ch), ".notdef"))
        return face["hmtx"].metrics[face.getGlyphName(gid)][0] / face["head"].unitsPerEm

    def width(self, fam, text, size, tc=0.0):
        return sum(self.advance(fam, c) * size + tc for c in text)

    def gid(self, fam, ch):
        self.used[fam].add(ord(ch))
        return self.faces[fam].getGlyphID(self.cmaps[fam].get(ord(ch), ".notdef"))

    def code(self, fam, ch, ascii_face):
        """The bytes that draw `ch` in the Type0 (2 bytes) or WinAnsi (1 byte) face."""
        if ascii_face:
            self.used[fam].add(ord(ch))
            return bytes([ord(ch)])
        if self.aj1 is not None:
            # Adobe-Japan1 knows ～ and － as 〜 and − (SPEC.md folds them back).
            cid = self.aj1.get(ch) or self.aj1[{"～": "〜", "－": "−"}.get(ch, ch)]
            self.aj1_widths[fam][cid] = round(self.advance(fam, ch) * 1000)
            return cid.to_bytes(2, "big")
        return self.gid(fam, ch).to_bytes(2, "big")

    def program(self, fam):
        font = TTFont(FONT_FILES[fam])
        opts = subset.Options()
        opts.retain_gids = True
        opts.notdef_outline = True
        opts.layout_features = []
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx"]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=self.used[fam] | {32})
        sub.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


def number_text(value, fmt):
    if not isinstance(value, (int, float)):
        return str(value)
    decimals = 1 if fmt and "0.0" in fmt else 0
    text = "{:,.{}f}".format(abs(value), decimals)
    return ("△" + text) if value < 0 else text


class Sheet:
    """The geometry of one worksheet: column x, row y, merged boxes, scale."""

    def __init__(self, ws, fonts):
        self.ws, self.fonts = ws, fonts
        self.max_row, self.max_col = ws.max_row, ws.max_column
        self.merged = {}
        self.covered = set()
        self.range_of = {}  # every cell of a merged range → (min_row, min_col, max_row, max_col)
        for rng in ws.merged_cells.ranges:
            self.merged[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.range_of[(r, c)] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
                    if (r, c) != (rng.min_row, rng.min_col):
                        self.covered.add((r, c))
        widths = [ws.column_dimensions[get_column_letter(c)].width or 8.43
                  for c in range(1, self.max_col + 1)]
        self.col_w = [(w * 7 + 5) * 0.75 for w in widths]
        self.row_h = [ws.row_dimensions[r].height or 13.5 for r in range(1, self.max_row + 1)]

    def span(self, r, c):
        r2, c2 = self.merged.get((r, c), (r, c))
        return r2, c2

    def box(self, r, c, r2, c2):
        x = sum(self.col_w[:c - 1])
        y = sum(self.row_h[:r - 1])
        return x, y, sum(self.col_w[c - 1:c2]), sum(self.row_h[r - 1:r2])


def cell_lines(fonts, fam, text, width, size, wrap):
    lines = []
    for paragraph in text.split("\n"):
        if not wrap:
            lines.append(paragraph)
            continue
        line = ""
        for ch in paragraph:
            if line and fonts.width(fam, line + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def layout_cells(sheet, style):
    """Every cell with text: its box, lines, size, alignment; row heights grown to fit."""
    fonts, ws = sheet.fonts, sheet.ws
    cells = []
    for row in ws.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_col):
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in sheet.covered:
                continue
            r2, c2 = sheet.span(cell.row, cell.column)
            text = number_text(cell.value, cell.number_format)
            size = float(cell.font.sz or 11)
            fam = family(cell.font.name)
            align = cell.alignment.horizontal or ("right" if isinstance(cell.value, (int, float)) else "left")
            width = sum(sheet.col_w[cell.column - 1:c2]) - 2 * PAD
            compact = re.sub(r"\s", "", text)
            label = align == "center" and "\n" not in text and compact in LABELS
            if label and style.shrink != 1.0:
                size = round(size * style.shrink / 0.12) * 0.12
            lines = cell_lines(fonts, fam, text, width * 0.96, size, cell.alignment.wrap_text)
            if not cell.alignment.wrap_text and fonts.width(fam, text, size) > width:
                size = round(size * width / fonts.width(fam, text, size) / 0.12 - 0.5) * 0.12
            cells.append(dict(r=cell.row, c=cell.column, r2=r2, c2=c2, text=text, lines=lines,
                              size=size, fam=fam, align=align, label=label,
                              vertical=cell.alignment.vertical or "bottom",
                              wrap=bool(cell.alignment.wrap_text), bold=False))
    for cell in sorted(cells, key=lambda c: c["r2"] - c["r"]):
        need = len(cell["lines"]) * cell["size"] * 1.25 + 2 * PAD
        have = sum(sheet.row_h[cell["r"] - 1:cell["r2"]])
        if need > have:
            sheet.row_h[cell["r2"] - 1] += need - have
    return cells


def borders(sheet):
    """Edges of every bordered cell: (axis, pos, start, end, style), the special style
    winning where two cells share an edge."""
    edges = {}
    for row in sheet.ws.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_col):
        for cell in row:
            b = cell.border
            x, y, w, h = sheet.box(cell.row, cell.column, cell.row, cell.column)
            r0, c0, r1, c1 = sheet.range_of.get((cell.row, cell.column),
                                                (cell.row, cell.column, cell.row, cell.column))
            outer = {"top": cell.row == r0, "bottom": cell.row == r1,
                     "left": cell.column == c0, "right": cell.column == c1}
            for name, side, key in (("top", b.top, ("h", y, x, x + w)),
                                    ("bottom", b.bottom, ("h", y + h, x, x + w)),
                                    ("left", b.left, ("v", x, y, y + h)),
                                    ("right", b.right, ("v", x + w, y, y + h))):
                if side is None or side.style is None or not outer[name]:
                    continue
                k = (key[0], round(key[1], 2), round(key[2], 2), round(key[3], 2))
                if edges.get(k, "thin") == "thin":
                    edges[k] = side.style
    runs = {}
    for (axis, pos, a, b), st in edges.items():
        runs.setdefault((axis, pos, st), []).append((a, b))
    merged = []
    for (axis, pos, st), spans in runs.items():
        spans.sort()
        cur = list(spans[0])
        for a, b in spans[1:]:
            if a <= cur[1] + 0.01:
                cur[1] = max(cur[1], b)
            else:
                merged.append((axis, pos, cur[0], cur[1], st))
                cur = [a, b]
        merged.append((axis, pos, cur[0], cur[1], st))
    return merged


class Page:
    """Content stream of one page, in top-down coordinates converted to PDF's."""

    def __init__(self, width, height):
        self.width, self.height = width, height
        self.fills, self.text, self.lines = [], [], []

    def y(self, top_down):
        return self.height - top_down


def f(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def rect_op(x, y_top, w, h, page):
    return "%s %s %s %s re" % (f(x), f(page.y(y_top + h)), f(w), f(h))


def draw_border(page, axis, pos, a, b, style, st, scale):
    t = st.thin * (2 if style in ("medium", "thick") else 1)
    out = page.lines
    def bar(p0, p1, thick, at):
        if axis == "h":
            out.append(rect_op(p0, at - thick / 2, p1 - p0, thick, page) + " f*")
        else:
            out.append(rect_op(at - thick / 2, p0, thick, p1 - p0, page) + " f*")
    if style == "double":
        bar(a, b, st.thin, pos - 0.85)
        bar(a, b, st.thin, pos + 0.85)
        return
    if style in ("dotted", "hair", "dashed"):
        mark, gap = {"dotted": (t, t), "hair": (t * 0.5, t), "dashed": (t * 3, t * 1.5)}[style]
        end = b - st.short_of_corner
        p = a + gap / 2
        while p + mark <= end:
            bar(p, p + mark, mark if style != "dashed" else t, pos)
            p += mark + gap
        return
    if style in ("dashDot", "mediumDashed", "dashDotDot"):
        end = b - st.short_of_corner
        if axis == "h":
            path = "%s %s m %s %s l" % (f(a), f(page.y(pos)), f(end), f(page.y(pos)))
        else:
            path = "%s %s m %s %s l" % (f(pos), f(page.y(a)), f(pos), f(page.y(end)))
        out.append("q %s w 0 G [%s %s] 0 d %s S Q" % (f(t), f(t * 4), f(t * 2), path))
        return
    if st.centre_strokes:
        if axis == "h":
            path = "%s %s m %s %s l" % (f(a), f(page.y(pos)), f(b), f(page.y(pos)))
        else:
            path = "%s %s m %s %s l" % (f(pos), f(page.y(a)), f(pos), f(page.y(b)))
        out.append("%s w 0 G 2 J 1 j %s S" % (f(t * 0.44), path))
    bar(a, b, t, pos)


def is_stacked_label(cell):
    lines = cell["text"].split("\n")
    return cell["align"] == "center" and len(lines) > 1 and all(len(l) <= 2 for l in lines)


def rotated_ops(fonts, cell, x, y, w, h, page, mcid):
    """A stacked label drawn as Excel draws text turned up: one run, reading bottom to top."""
    size, fam = cell["size"], cell["fam"]
    text = cell["text"].replace("\n", "")
    length = fonts.width(fam, text, size)
    base_x = x + w / 2 + size * 0.38
    start = y + (h + length) / 2  # top-down: the run starts at the bottom
    codes = "".join("<%s>" % fonts.code(fam, ch, False).hex() for ch in text)
    return ["/P <</MCID %d>> BDC BT /F%s1 %s Tf 0 1 -1 0 %s %s Tm 0 g [%s] TJ ET EMC" % (
        mcid, fam[0].upper(), f(size), f(base_x), f(page.y(start)), codes)]


def text_ops(fonts, cell, x, y, w, h, st, page, mcid):
    """One cell's text: one BT/TJ per line at absolute positions."""
    if st.rotated_labels and is_stacked_label(cell):
        return rotated_ops(fonts, cell, x, y, w, h, page, mcid)
    size, fam = cell["size"], cell["fam"]
    ascii_face = all(ord(ch) < 127 for ch in cell["text"]) and not st.adobe_japan1
    font = "/F%s%d" % (fam[0].upper(), 2 if ascii_face else 1)
    line_h = size * 1.25
    lines = cell["lines"]
    block = len(lines) * line_h
    if cell["vertical"] == "top":
        top = y + PAD
    elif cell["vertical"] == "center":
        top = y + (h - block) / 2
    else:
        top = y + h - PAD - block
    ops = ["/P <</MCID %d>> BDC" % mcid]
    for i, line in enumerate(lines):
        if not line:
            continue
        base = top + i * line_h + size * 0.95
        chars = list(line)
        spread = st.distributed and cell["label"] and len(chars) > 1
        if spread:
            chars = [c for c in chars if not c.isspace()]
        lw = fonts.width(fam, "".join(chars), size, st.char_spacing)
        if spread:
            lx = x + PAD
        elif cell["align"] == "center":
            lx = x + (w - lw) / 2
        elif cell["align"] == "right":
            lx = x + w - PAD - lw
        else:
            lx = x + PAD
        gap = (w - 2 * PAD - lw) / (len(chars) - 1) if spread else 0
        parts = []
        for k, ch in enumerate(chars):
            parts.append("<%s>" % fonts.code(fam, ch, ascii_face).hex())
            if spread and k < len(chars) - 1:
                parts.append("%d" % round(-gap * 1000 / size))
            elif k % 7 == 6:
                parts.append("-8")
        clip = cell["wrap"] and len(cell["lines"]) > 1
        op = []
        if clip:
            op.append("q %s W* n" % rect_op(x, y, w, h, page))
        op.append("BT %s %s Tf" % (font, f(size)))
        if st.char_spacing:
            op.append("%s Tc" % f(st.char_spacing))
        if cell.get("bold"):
            op.append("2 Tr 0.56842 w")
        op.append("1 0 0 1 %s %s Tm 0 g 0 G [%s] TJ" % (f(lx), f(page.y(base)), "".join(parts)))
        if st.char_spacing:
            op.append("0 Tc")
        if cell.get("bold"):
            op.append("0 Tr")
        op.append("ET")
        if clip:
            op.append("Q")
        ops.append(" ".join(op))
    if st.clipped_overflow and cell["wrap"] and len(lines) > 1 and not ascii_face:
        # Text that does not fit stays in the stream below the cell, hidden by its clip.
        codes = "".join("<%s>" % fonts.code(fam, ch, False).hex() for ch in "（以下省略）")
        ops.append("q %s W* n BT %s %s Tf 1 0 0 1 %s %s Tm 0 g [%s] TJ ET Q" % (
            rect_op(x, y, w, h, page), font, f(size), f(x + PAD), f(page.y(y + h + size)), codes))
    ops.append("EMC")
    return ops


def render_sheet(ws, fonts, st, page_number):
    sheet = Sheet(ws, fonts)
    cells = layout_cells(sheet, st)
    paper = PAPER.get(ws.page_setup.paperSize or 9, PAPER[9])
    landscape = ws.page_setup.orientation == "landscape"
    pw, ph = (paper[1], paper[0]) if landscape else paper
    total_w, total_h = sum(sheet.col_w), sum(sheet.row_h)
    scale = min(1.0, (pw - 2 * MARGIN) / total_w, (ph - 2 * MARGIN) / total_h)
    page = Page(pw, ph)
    sx = lambda v: MARGIN + v * scale
    area = rect_op(MARGIN, MARGIN, pw - 2 * MARGIN, ph - 2 * MARGIN, page)
    for i, cell in enumerate(cells):
        x, y, w, h = sheet.box(cell["r"], cell["c"], cell["r2"], cell["c2"])
        x, y, w, h = sx(x), sx(y), w * scale, h * scale
        cell["size"] = round(cell["size"] * scale / 0.12) * 0.12 or 0.12
        if cell["label"] or (st.section_cell and cell["text"] == "関連するプロジェクト"):
            page.fills.append("%s %s f*" % ("%s g" % GREY, rect_op(x, y, w, h, page)))
        if st.section_cell and cell["text"] == "関連するプロジェクト":
            for axis, pos, a, b in (("h", y, x, x + w), ("h", y + h, x, x + w),
                                    ("v", x, y, y + h), ("v", x + w, y, y + h)):
                draw_border(page, axis, pos, a, b, "thin", st, scale)
        if st.bold_title and cell["r"] == 1 and cell["c"] == 1:
            cell["bold"] = True
        page.text += text_ops(fonts, cell, x, y, w, h, st, page, i)
    if st.boxed_title and (1, 1) in sheet.merged:
        # Every column cell of the title's row boxed: the title crosses their borders.
        _, c2 = sheet.merged[(1, 1)]
        for c in range(1, c2 + 1):
            x, y, w, h = sheet.box(1, c, 1, c)
            x, y, w, h = sx(x), sx(y), w * scale, h * scale
            for axis, pos, a, b in (("h", y, x, x + w), ("h", y + h, x, x + w),
                                    ("v", x, y, y + h), ("v", x + w, y, y + h)):
                draw_border(page, axis, pos, a, b, "thin", st, scale)
    for axis, pos, a, b, style in borders(sheet):
        draw_border(page, axis, sx(pos), sx(a), sx(b), style, st, scale)
    stream = ["/GS11 gs"]
    if page.fills:
        stream.append("q %s W* n %s Q" % (area, " ".join(page.fills)))
    stream += page.text
    stream.append("q %s W* n 0 g %s Q" % (area, " ".join(page.lines)))
    footer = ws.oddFooter.center.text if ws.oddFooter and ws.oddFooter.center else None
    if footer:
        text = footer.replace("&P", str(page_number))
        fam = "gothic"
        ascii_face = all(ord(ch) < 127 for ch in text) and not st.adobe_japan1
        codes = "".join("<%s>" % fonts.code(fam, ch, ascii_face).hex() for ch in text)
        fw = fonts.width(fam, text, 9)
        stream.append("/Artifact BMC BT /FG%d 9 Tf 1 0 0 1 %s %s Tm [%s] TJ ET EMC" % (
            2 if ascii_face else 1, f((pw - fw) / 2), f(MARGIN / 2), codes))
    return pw, ph, "\n".join(stream).encode("latin-1")


def write_pdf(workbook, path, st, aj1_map=None):
    """Print every worksheet of `workbook` to `path`, one page each."""
    fonts = Fonts(aj1_map if st.adobe_japan1 else None)
    pages = [render_sheet(ws, fonts, st, n) for n, ws in enumerate(workbook.worksheets, start=1)]
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font_refs = {}
    for fam in ("gothic", "mincho"):
        name = b"ABCDEE+IPAex" + (b"Gothic" if fam == "gothic" else b"Mincho")
        face = fonts.faces[fam]
        upem = face["head"].unitsPerEm
        if st.adobe_japan1:
            desc = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -141 1000 859] "
                       b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>" % name[7:])
            w = b" ".join(b"%d [%d]" % (c, wd) for c, wd in sorted(fonts.aj1_widths[fam].items()))
            cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s /CIDSystemInfo << /Registry "
                      b"(Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor %d 0 R /DW 1000 "
                      b"/W [%s] >>" % (name[7:], desc, w))
            f1 = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s-Identity-H /Encoding /Identity-H "
                     b"/DescendantFonts [%d 0 R] >>" % (name[7:], cid))
            font_refs[fam] = (f1, f1)
            continue
        program = fonts.program(fam)
        ff = add(stream(program, b"/Length1 %d " % len(program)))
        desc = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-100 -200 1100 900] "
                   b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>"
                   % (name, ff))
        gids = sorted({face.getGlyphID(fonts.cmaps[fam].get(u, ".notdef")) for u in fonts.used[fam]})
        hmtx = face["hmtx"].metrics
        w = b" ".join(b"%d [%d]" % (g, round(hmtx[face.getGlyphName(g)][0] * 1000 / upem)) for g in gids)
        cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry "
                      b"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
                      b"/CIDToGIDMap /Identity /DW 1000 /W [%s] >>" % (name, desc, w))
        bf = b"\n".join(b"<%04x> <%04x>" % (face.getGlyphID(fonts.cmaps[fam][u]), u)
                        for u in sorted(fonts.used[fam]) if u in fonts.cmaps[fam])
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName "
                b"/Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> "
                b"endcodespacerange\n%d beginbfchar\n%s\nendbfchar endcmap CMapName currentdict "
                b"/CMap defineresource pop end end" % (bf.count(b"\n") + 1 if bf else 0, bf))
        tu = add(stream(cmap))
        f1 = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
                 b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (name, cidfont, tu))
        widths = b" ".join(b"%d" % round(fonts.advance(fam, chr(c)) * 1000) for c in range(32, 127))
        f2 = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /Encoding /WinAnsiEncoding "
                 b"/FirstChar 32 /LastChar 126 /Widths [%s] /FontDescriptor %d 0 R >>" % (name, widths, desc))
        font_refs[fam] = (f1, f2)
    resources = (b"<< /Font << /FG1 %d 0 R /FG2 %d 0 R /FM1 %d 0 R /FM2 %d 0 R >> /ExtGState << /GS11 "
                 b"<< /BM /Normal /ca 1 >> >> /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] >>"
                 % (font_refs["gothic"] + font_refs["mincho"]))
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for pw, ph, content in pages:
        c = add(stream(content))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %s /Contents "
                        b"%d 0 R /Group << /S /Transparency /CS /DeviceRGB >> /Tabs /S >>"
                        % (pages_id, f(pw).encode(), f(ph).encode(), resources, c)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R /Lang (ja-JP) /MarkInfo << /Marked true >> >>" % pages_id)
    info = add(b"<< /Producer (Microsoft\xae Excel\xae 2016) /Creator (Microsoft\xae Excel\xae 2016) >>")
    with open(path, "wb") as fh:
        fh.write(pdf(objects, root=catalog, trailer_extra=b"/Info %d 0 R " % info,
                     header=b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n"))
