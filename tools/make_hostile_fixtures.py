#!/usr/bin/env python3
"""Hostile PDFs of issue 21 (a reliability trial), written into fixtures/hostile/ with the
PDF writer of make_bad_fixtures.py; tests/hostile.rs holds their expected outcomes.

- font-bomb.pdf: a page whose TrueType font program (FontFile2) inflates to 32 MB
  (32 KB of flate data).
- tounicode-bomb.pdf: a page whose font's ToUnicode CMap inflates to 32 MB.
"""
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from make_bad_fixtures import pdf, stream  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "hostile")
BOMB_BYTES = 32 << 20


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def font_page(font, more):
    """Catalog, Pages, a Page drawing text with font `font` (object 4), its content, `more`."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        stream(b"BT /F1 12 Tf 100 700 Td (Hello) Tj ET"),
        *more,
    ]


def main():
    os.makedirs(OUT, exist_ok=True)
    bomb = stream(zlib.compress(b" " * BOMB_BYTES, 9), b"/Filter /FlateDecode ")
    write("font-bomb.pdf", pdf(font_page(
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FontDescriptor 6 0 R >>",
        [b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] "
         b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
         bomb])))
    write("tounicode-bomb.pdf", pdf(font_page(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", [bomb])))


if __name__ == "__main__":
    main()
