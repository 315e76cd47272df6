#!/usr/bin/env python3
"""Write fixtures/layout/: small hand-written PDFs for single layout rules.

identity-v-label.pdf: the label プロジェクト drawn with an Identity-V (vertical writing)
CID font of the Adobe-Japan1 collection, not embedded, without ToUnicode; it must read top
to bottom. Needs poppler-data (UniJIS-UCS2-H gives the CIDs).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_excel import aj1_map  # noqa: E402
from make_bad_fixtures import pdf  # noqa: E402


def main():
    cids = aj1_map()
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
