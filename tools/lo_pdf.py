"""Draw pages of tools/project_form.py's model the way LibreOffice Calc exports PDF (as the
LibreOffice-made fixtures of tools/gen_sheets.py show: `qpdf --qdf fixtures/generated/gen-001.pdf`):
takes model pages, gives a PDF file. Differences from tools/excel_pdf.py's Excel drawing that a
reader meets: fonts are simple TrueType subsets of at most 255 glyphs each with one-byte codes
(`BAAAAA+IPAexGothic`, `CAAAAA+…`, symbolic, ToUnicode per subset), text is `Td` + `Tj` per
line inside `q 0 0 0 rg BT … ET Q` (distributed labels as one TJ with gaps), borders are
STROKED lines (`0.75003 w 0 J 1 j x y m x y l S`), one per cell side (shared sides drawn twice,
nothing merged), drawn before the text; fills are `re f` in RGB; diagonal strikes are one
stroked line; content streams and font programs are FlateDecode-compressed.
"""
import io
import os
import sys
import zlib

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from excel_pdf import FONT_FILES, PAD, cell_lines  # noqa: E402
from make_bad_fixtures import pdf  # noqa: E402

LINE_W = 0.75003
TAGS = ["BAAAAA", "CAAAAA", "DAAAAA", "EAAAAA", "FAAAAA", "GAAAAA"]


def f(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def flate(data, extra=b""):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


class Fonts:
    """One face split into subsets of 255 glyphs, codes 1-255 in order of first use."""

    def __init__(self, path=FONT_FILES["gothic"]):
        self.path = path
        self.face = TTFont(path)
        self.cmap = self.face.getBestCmap()
        self.upem = self.face["head"].unitsPerEm
        self.codes = {}  # char → (subset index, code)
        self.subsets = []

    def advance(self, ch):
        name = self.cmap.get(ord(ch), ".notdef")
        return self.face["hmtx"].metrics[name][0] / self.upem

    def width(self, text, size):
        return sum(self.advance(c) * size for c in text)

    def code(self, ch):
        if ch not in self.codes:
            if not self.subsets or len(self.subsets[-1]) == 255:
                self.subsets.append([])
            self.subsets[-1].append(ch)
            self.codes[ch] = (len(self.subsets) - 1, len(self.subsets[-1]))
        return self.codes[ch]

    def runs(self, text):
        """(subset index, characters, bytes) runs drawing `text`."""
        out = []
        for ch in text:
            k, code = self.code(ch)
            if out and out[-1][0] == k:
                out[-1] = (k, out[-1][1] + ch, out[-1][2] + bytes([code]))
            else:
                out.append((k, ch, bytes([code])))
        return out

    def program(self, k):
        """A TrueType subset whose (3,0) cmap maps 0xF000 + code to the glyph of that code."""
        chars = self.subsets[k]
        font = TTFont(self.path)
        opts = subset.Options()
        opts.notdef_outline = True
        opts.layout_features = []
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx"]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes={ord(c) for c in chars})
        sub.subset(font)
        best = font.getBestCmap()
        table = CmapSubtable.newSubtable(4)
        table.platformID, table.platEncID, table.language = 3, 0, 0
        table.cmap = {0xF000 + i: best.get(ord(c), ".notdef") for i, c in enumerate(chars, start=1)}
        font["cmap"].tables = [table]
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


def text_lines(fonts, cell):
    text = cell.text
    if cell.spread:
        return [text.replace("　", "").replace(" ", "")]
    if cell.stacked:
        return [ch for ch in text.replace("\n", "")]
    return cell_lines(_Metrics(fonts), "gothic", text, (cell.x1 - cell.x0 - 2 * PAD) * 0.96, cell.size, True)


class _Metrics:
    """excel_pdf.cell_lines asks fonts.width(fam, text, size)."""

    def __init__(self, fonts):
        self.fonts = fonts

    def width(self, fam, text, size):
        return self.fonts.width(text, size)


def show(fonts, text, x, y, size, gap=0.0):
    """`q 0 0 0 rg BT x y Td /Fk size Tf <..>Tj ET Q`, a TJ with gaps for distributed text."""
    ops = []
    pen = x
    for k, chars, data in fonts.runs(text):
        if gap:
            body = "[%s]TJ" % ("%d" % round(-gap * 1000 / size)).join("<%02x>" % b for b in data)
        else:
            body = "<%s>Tj" % data.hex()
        ops.append("q 0 0 0 rg\nBT\n%s %s Td /F%d %s Tf%s\nET\nQ" % (f(pen), f(y), k + 1, f(size), body))
        pen += fonts.width(chars, size) + gap * len(chars)
    return ops


def render(page, fonts):
    h = page.height
    ops = ["0.1 w", "q 0 0.028 %s %s re" % (f(page.width), f(h - 0.028)), "W* n", "Q 0 0 0 RG"]
    for c in page.cells:
        if c.fill is not None:
            ops.append("q %s %s %s rg %s %s %s %s re f* Q" % (f(c.fill), f(c.fill), f(c.fill), f(c.x0), f(h - c.y1),
                                                          f(c.x1 - c.x0), f(c.y1 - c.y0)))
    half = LINE_W / 2
    for c in page.cells:
        for x0, y0, x1, y1 in ((c.x0 - half, c.y0, c.x1 + half, c.y0), (c.x0, c.y0 - half, c.x0, c.y1 + half),
                               (c.x1, c.y0 - half, c.x1, c.y1 + half), (c.x0 - half, c.y1, c.x1 + half, c.y1)):
            ops.append("q %s w 0 J 1 j\n%s %s m\n%s %s l S\nQ" % (f(LINE_W), f(x0), f(h - y0), f(x1), f(h - y1)))
        if c.struck:
            ops.append("q %s w 0 J 1 j\n%s %s m\n%s %s l S\nQ" % (f(LINE_W), f(c.x0), f(h - c.y1), f(c.x1), f(h - c.y0)))
    for c in page.cells:
        if not c.text.strip():
            continue
        lines = text_lines(fonts, c)
        line_h = c.size * 1.25
        block = len(lines) * line_h
        top = c.y0 + PAD if c.vertical == "top" else c.y0 + (c.y1 - c.y0 - block) / 2
        for i, line in enumerate(lines):
            if not line:
                continue
            base = top + i * line_h + c.size * 0.95
            lw = fonts.width(line, c.size)
            gap = 0.0
            if c.spread and len(line) > 1:
                lx = c.x0 + PAD
                gap = (c.x1 - c.x0 - 2 * PAD - lw) / (len(line) - 1)
            elif c.align == "center":
                lx = c.x0 + (c.x1 - c.x0 - lw) / 2
            elif c.align == "right":
                lx = c.x1 - PAD - lw
            else:
                lx = c.x0 + PAD
            ops += show(fonts, line, lx, h - base, c.size, gap)
    for line in page.lines:
        line.width = fonts.width(line.text, line.size)
        ops += show(fonts, line.text, line.x, h - line.baseline, line.size)
    return "\n".join(ops).encode("latin-1")


def write_pdf(pages, path):
    """The model pages as one LibreOffice-style PDF at `path`."""
    fonts = Fonts()
    contents = [render(p, fonts) for p in pages]
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    refs = []
    for k, chars in enumerate(fonts.subsets):
        name = b"%s+IPAexGothic" % TAGS[k % len(TAGS)].encode()
        program = fonts.program(k)
        ff = add(flate(program, b"/Length1 %d " % len(program)))
        desc = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-163 -278 1000 1000] "
                   b"/ItalicAngle 0 /Ascent 0 /Descent 0 /CapHeight 916 /StemV 80 /FontFile2 %d 0 R >>" % (name, ff))
        bf = b"\n".join(b"<%02X> <%04X>" % (i, ord(c)) for i, c in enumerate(chars, start=1))
        cmap = (b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<<\n/Registry (Adobe)\n"
                b"/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
                b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n%d beginbfchar\n%s\nendbfchar\nendcmap\n"
                b"CMapName currentdict /CMap defineresource pop\nend\nend" % (len(chars), bf))
        tu = add(flate(cmap))
        widths = b" ".join(b"%d" % round(fonts.advance(c) * 1000) for c in chars)
        refs.append(add(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 1 /LastChar %d /Widths [%s] "
                        b"/FontDescriptor %d 0 R /ToUnicode %d 0 R >>" % (name, len(chars), widths, desc, tu)))
    font_dict = add(b"<< %s >>" % b" ".join(b"/F%d %d 0 R" % (k + 1, r) for k, r in enumerate(refs)))
    resources = add(b"<< /Font %d 0 R /ProcSet [/PDF /Text] >>" % font_dict)
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for page, content in zip(pages, contents):
        c = add(flate(content))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources %d 0 R /Contents %d 0 R >>"
                        % (pages_id, f(page.width).encode(), f(page.height).encode(), resources, c)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    producer = "LibreOffice 7.4".encode("utf-16-be")
    info = add(b"<< /Creator <feff%s> /Producer <feff%s> >>" % ("Calc".encode("utf-16-be").hex().encode(),
                                                                producer.hex().encode()))
    with open(path, "wb") as fh:
        fh.write(pdf(objects, root=catalog, trailer_extra=b"/Info %d 0 R " % info, header=b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n"))
