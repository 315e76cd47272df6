#!/usr/bin/env python3
"""Rewrite a PDF with its fonts NOT embedded: every FontFile/FontFile2/FontFile3 is removed
from the font descriptors, and the BaseFont names lose their subset prefix, so that a reader
must fall back on the encoding, /W widths and ToUnicode maps, as with office documents that
reference system fonts (MS-Mincho, MS-Gothic) without embedding them.

    python3 tools/unembed_fonts.py IN.pdf OUT.pdf          (needs pikepdf)
    python3 tools/unembed_fonts.py --cmap IN.pdf OUT.pdf   also re-encode Japanese text with
                                                           the predefined CMap UniJIS-UCS2-H
"""
import sys

import pikepdf


def unembed(font, seen):
    if font.objgen in seen and font.objgen != (0, 0):
        return
    seen.add(font.objgen)
    for descendant in font.get("/DescendantFonts", []):
        unembed(descendant, seen)
    name = str(font.get("/BaseFont", ""))
    if len(name) > 8 and name[7] == "+":
        font.BaseFont = pikepdf.Name("/" + name[8:])
    descriptor = font.get("/FontDescriptor")
    if descriptor is not None:
        for key in ("/FontFile", "/FontFile2", "/FontFile3", "/CIDSet"):
            if key in descriptor:
                del descriptor[key]
        if "/FontName" in descriptor and len(str(descriptor.FontName)) > 8:
            descriptor.FontName = font.BaseFont


def main():
    pdf = pikepdf.open(sys.argv[1])
    seen = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for _, font in fonts.items():
            unembed(font, seen)
    pdf.save(sys.argv[2])


if __name__ == "__main__" and "--cmap" not in sys.argv:
    main()


# ---------------------------------------------------------------------------------------
# --cmap: re-encode Identity-H text with the predefined CMap UniJIS-UCS2-H.

def to_unicode_map(font):
    """CID → text, from the font's ToUnicode CMap (bfchar and bfrange)."""
    import re
    data = font.ToUnicode.read_bytes().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[cid] = chr(start + i)
    return mapping


def recode(data, mapping):
    out = bytearray()
    for i in range(0, len(data) - 1, 2):
        text = mapping.get(int.from_bytes(data[i:i + 2], "big"), "\u3000")
        out += text.encode("utf-16-be")[:2]
    return bytes(out)


def to_predefined_cmap(pdf):
    maps = {}  # font object → its CID → text map; fonts are shared between pages
    for page in pdf.pages:
        for _, font in page.get("/Resources", {}).get("/Font", {}).items():
            if font.get("/Subtype") == "/Type0" and font.get("/Encoding") == "/Identity-H" \
                    and "/ToUnicode" in font and font.objgen not in maps:
                maps[font.objgen] = (font, to_unicode_map(font))
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        current = None
        out = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                font = fonts.get(str(operands[0]))
                current = maps.get(font.objgen, (None, None))[1] if font is not None else None
            elif current is not None and op in ("Tj", "'", '"'):
                operands = list(operands)
                operands[-1] = pikepdf.String(recode(bytes(operands[-1]), current))
            elif current is not None and op == "TJ":
                operands = [pikepdf.Array([
                    pikepdf.String(recode(bytes(x), current)) if isinstance(x, pikepdf.String) else x
                    for x in operands[0]])]
            out.append((operands, operator))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    for font, _ in maps.values():
        font.Encoding = pikepdf.Name("/UniJIS-UCS2-H")
        del font["/ToUnicode"]
        descendant = font.DescendantFonts[0]
        descendant.CIDSystemInfo = pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Japan1"), Supplement=6)
        descendant.DW = 1000
        for key in ("/W", "/CIDToGIDMap"):
            if key in descendant:
                del descendant[key]


if __name__ == "__main__" and "--cmap" in sys.argv:
    sys.argv.remove("--cmap")
    document = pikepdf.open(sys.argv[1])
    to_predefined_cmap(document)
    done = set()
    for p in document.pages:
        for _, f in p.get("/Resources", {}).get("/Font", {}).items():
            unembed(f, done)
    document.save(sys.argv[2])
