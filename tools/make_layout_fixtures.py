#!/usr/bin/env python3
"""Write fixtures/layout/: small hand-written PDFs for single layout rules.

identity-v-label.pdf: the label プロジェクト drawn with an Identity-V (vertical writing)
CID font of the Adobe-Japan1 collection, not embedded, without ToUnicode; it must read top
to bottom. Needs poppler-data (UniJIS-UCS2-H gives the CIDs).
"""
import re

CMAP = "/usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UCS2-H"


def unicode_to_cid():
    text = open(CMAP).read()
    out = {}
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\d+)", block):
            for k, u in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out.setdefault(chr(u), int(cid) + k)
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-f]+)>\s*(\d+)", block):
            out.setdefault(chr(int(u, 16)), int(cid))
    return out


def pdf(objects):
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    cids = unicode_to_cid()
    codes = "".join("%04x" % cids[c] for c in "プロジェクト")
    content = ("BT /F1 12 Tf 1 0 0 1 100 700 Tm <%s> Tj ET" % codes).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R "
        b">> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular-Identity-V /Encoding "
        b"/Identity-V /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 "
        b"/DW2 [880 -1000] >>",
        b"<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -141 1000 "
        b"859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
    ]
    with open("fixtures/layout/identity-v-label.pdf", "wb") as f:
        f.write(pdf(objects))


if __name__ == "__main__":
    main()
