#!/usr/bin/env python3
"""Compare a `sheet-extract form` JSON with an expected one (fixtures/projects/*.expected-form.json),
cell by cell, for diagnosis: bboxes within 0.5 pt, everything else exact. Cells are paired by
(page, row, col), lines by (page, text). Prints one line per difference; exit 1 if any.

    python3 tools/check_form.py GOT.json EXPECTED.json
"""
import json
import sys

TOL = 0.5


def close(a, b):
    return len(a) == len(b) and all(abs(x - y) <= TOL for x, y in zip(a, b))


def compare_cell(where, got, exp, out):
    for key in exp:
        if key == "bbox":
            if not close(got.get("bbox", []), exp["bbox"]):
                out.append("%s bbox %s, expected %s" % (where, got.get("bbox"), exp["bbox"]))
        elif got.get(key) != exp[key]:
            out.append("%s %s %r, expected %r" % (where, key, got.get(key), exp[key]))


def compare_page(got, exp, out):
    n = exp["page"]
    for key in ("width", "height"):
        if abs(got.get(key, 0) - exp[key]) > TOL:
            out.append("page %d %s %s, expected %s" % (n, key, got.get(key), exp[key]))
    g = {(c["row"], c["col"]): c for c in got.get("cells", [])}
    e = {(c["row"], c["col"]): c for c in exp["cells"]}
    for rc in sorted(e.keys() | g.keys()):
        where = "page %d cell r%d c%d" % ((n,) + rc)
        if rc not in g:
            out.append("%s missing (expected %r)" % (where, e[rc]["text"]))
        elif rc not in e:
            out.append("%s unexpected %r" % (where, g[rc]["text"]))
        else:
            compare_cell(where, g[rc], e[rc], out)
    if [c for c in got.get("cells", [])] and [(c["row"], c["col"]) for c in got["cells"]] != sorted(g):
        out.append("page %d cells not in reading order" % n)
    gl = {l["text"]: l for l in got.get("lines", [])}
    el = {l["text"]: l for l in exp["lines"]}
    for text in el.keys() - gl.keys():
        out.append("page %d line missing %r" % (n, text))
    for text in gl.keys() - el.keys():
        out.append("page %d line unexpected %r" % (n, text))
    for text in el.keys() & gl.keys():
        if not close(gl[text]["bbox"], el[text]["bbox"]):
            out.append("page %d line %r bbox %s, expected %s" % (n, text, gl[text]["bbox"], el[text]["bbox"]))
    if [l["text"] for l in got.get("lines", [])] != [l["text"] for l in exp["lines"]] and not (
            el.keys() ^ gl.keys()):
        out.append("page %d lines in another order" % n)


def main():
    got, exp = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
    if isinstance(got, list):
        if not got:
            sys.exit("no form object in " + sys.argv[1])
        got = got[0]
    out = []
    for key in ("schema_version", "kind", "warnings"):
        if got.get(key) != exp[key]:
            out.append("%s %r, expected %r" % (key, got.get(key), exp[key]))
    if got.get("source", {}).get("pages") != exp["source"]["pages"]:
        out.append("source.pages %r, expected %r" % (got.get("source", {}).get("pages"), exp["source"]["pages"]))
    pages = {p["page"]: p for p in got.get("pages", [])}
    for page in exp["pages"]:
        if page["page"] not in pages:
            out.append("page %d missing" % page["page"])
        else:
            compare_page(pages[page["page"]], page, out)
    print("\n".join(out) if out else "same")
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
