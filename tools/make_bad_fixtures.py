#!/usr/bin/env python3
"""Write fixtures/bad/: one small file per class of hostile or broken input (issue #4).

Needs Python 3, qpdf and Ghostscript (only to regenerate; the outputs are committed).
Sources: fixtures/kitakami-r6-4-1.pdf (our fixture) and PDFs written here by hand.
Run from the repository root:  python3 tools/make_bad_fixtures.py
"""
import os
import subprocess
import zlib

SHEET = "fixtures/kitakami-r6-4-1.pdf"
OUT = "fixtures/bad"


def pdf(objects, root=1, trailer_extra=b"", header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"):
    """A PDF from a list of object bodies (object i+1 = objects[i]), with a correct xref."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_doc(content, resources=b"<< /Font << /F1 4 0 R >> >>", more=()):
    """Catalog, Pages, one Page, Helvetica, content stream (object 5), then `more`."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>"
        % resources,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        content,
        *more,
    ]


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    os.makedirs(OUT, exist_ok=True)
    sheet = open(SHEET, "rb").read()
    hello = stream(b"BT /F1 24 Tf 72 720 Td (Quarterly report, not a sheet) Tj ET")

    # Not a PDF.
    write("not-pdf-empty.pdf", b"")
    write("not-pdf-html.pdf", b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
          b"<body><h1>Not Found</h1></body></html>\n")
    write("not-pdf-zip.pdf", b"PK\x03\x04" + bytes(26) + b"[Content_Types].xml" + bytes(64))

    # Truncated copies of a real sheet.
    for percent in (50, 90, 99):
        write("truncated-%d.pdf" % percent, sheet[: len(sheet) * percent // 100])

    # Damaged startxref: the offset points nowhere; content intact, so it is recovered.
    start = sheet.rindex(b"startxref")
    write("damaged-startxref.pdf", sheet[:start] + b"startxref\n999999\n%%EOF\n")
    # Damaged xref table: every offset wrong; recovered by scanning for objects.
    qdf = subprocess.run(["qpdf", "--object-streams=disable", SHEET, "-"],
                         check=True, capture_output=True).stdout
    xref = qdf.rindex(b"\nxref\n")
    table_end = qdf.index(b"trailer", xref)
    table = qdf[xref:table_end]
    broken = b"".join(
        (line[:2] + b"99" + line[4:]) if line.endswith(b" n ") else line
        for line in table.split(b"\n")
    ).replace(b"", b"")
    broken = b"\n".join(
        (b"%010d 00000 n " % (int(line[:10]) + 7) if line.endswith(b" n ") else line)
        for line in table.split(b"\n")
    )
    write("damaged-xref.pdf", qdf[:xref] + broken + qdf[table_end:])

    # Corrupt and unsupported stream filters on the only content stream.
    write("bad-flate-stream.pdf", pdf(page_doc(stream(b"\x78\x9c garbage that is not deflate",
                                                      b"/Filter /FlateDecode "))))
    write("unsupported-filter.pdf", pdf(page_doc(stream(b"BT ET", b"/Filter /NoSuchDecode "))))

    # Encryption: a user password, versus an empty user password (readable by anyone).
    run("qpdf", "--encrypt", "secret", "owner", "256", "--", SHEET, os.path.join(OUT, "encrypted-user-password.pdf"))
    run("qpdf", "--encrypt", "", "owner", "256", "--", SHEET, os.path.join(OUT, "encrypted-empty-password.pdf"))

    # No text layer: the sheet as page images only.
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfimage8", "-r40",
        "-sOutputFile=" + os.path.join(OUT, "scanned.pdf"), SHEET)

    # A readable PDF that is not an evaluation sheet.
    write("not-a-sheet.pdf", pdf(page_doc(hello)))

    # Reference cycles and deep nesting.
    cyclic = page_doc(hello)
    cyclic[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 /Parent 2 0 R >>"
    write("cycle-pages-parent.pdf", pdf(cyclic))
    form = stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] "
                  b"/Resources << /XObject << /X1 6 0 R >> >> ")
    write("cycle-form-xobject.pdf", pdf(page_doc(stream(b"/X1 Do"),
                                                 b"<< /XObject << /X1 6 0 R >> >>", [form])))
    depth = 100_000
    deep = page_doc(hello)
    deep[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Deep " + b"[" * depth + b"]" * depth + b" >>"
    write("deep-nesting.pdf", pdf(deep))

    # Decompression bomb: one 64 MB stream of spaces (64 KB compressed) referenced 32 times
    # as the page's contents: 2 GB once inflated.
    bomb = zlib.compress(b" " * (64 << 20), 9)
    objs = page_doc(stream(bomb, b"/Filter /FlateDecode "))
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents ["
               + b"5 0 R " * 32 + b"] >>")
    write("decompression-bomb.pdf", pdf(objs))

    # 1,000 pages: the sheet followed by 998 blank pages.
    blank = os.path.join(OUT, "blank.tmp.pdf")
    write("blank.tmp.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]))
    run("qpdf", "--empty", "--pages", SHEET, "1-2", *([blank, "1"] * 998), "--",
        os.path.join(OUT, "thousand-pages.pdf"))
    # A sheet then 5,000 blank pages: over the default page limit of a file.
    run("qpdf", "--empty", "--pages", SHEET, "1-2", *([blank, "1"] * 5000), "--",
        os.path.join(OUT, "over-page-limit.pdf"))
    os.remove(blank)

    # Text drawn only with a Type 3 font whose glyph names say nothing: no Unicode mapping.
    write("undecodable-font.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R "
        b">> >> /Contents 4 0 R >>",
        stream(b"BT /F1 12 Tf 100 700 Td <0102010203> Tj ET"),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] "
        b"/CharProcs << /g1 6 0 R /g2 6 0 R /g3 6 0 R >> /Encoding << /Type /Encoding /Differences "
        b"[1 /g1 /g2 /g3] >> /FirstChar 1 /LastChar 3 /Widths [500 500 500] >>",
        stream(b"500 0 0 0 400 700 d1 0 0 400 700 re f"),
    ], header=b"%PDF-1.4\n"))

    # Zero pages.
    write("zero-pages.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]))


if __name__ == "__main__":
    main()
