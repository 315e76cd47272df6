#!/usr/bin/env python3
"""Compare project-sheet readings (`kind: "project"` objects, JSON or NDJSON) with expected ones
(fixtures/projects/*.expected.json / .expected.ndjson), for diagnosis: sheets paired in order,
then member by member (a measure sheet: key by key) — indicators by name, cost items by path, values by year (and basis),
fields by position in the list. Prints one line per difference; exit 1 if any.

    python3 tools/check_project.py GOT.json EXPECTED.json
"""
import json
import sys

SCALARS = ("kind", "title", "evaluation_year", "number", "name", "departments", "plan_position",
           "outline", "assessments", "direction", "warnings")


def load(path):
    text = open(path, encoding="utf-8").read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    return data if isinstance(data, list) else [data]


def compare_rows(where, got, exp, key, inner, out):
    g = {key(x): x for x in got}
    e = {key(x): x for x in exp}
    for k in e.keys() - g.keys():
        out.append("%s %s missing" % (where, k))
    for k in g.keys() - e.keys():
        out.append("%s %s unexpected" % (where, k))
    if [key(x) for x in got if key(x) in e] != [key(x) for x in exp if key(x) in g]:
        out.append("%s in another order" % where)
    for k in e.keys() & g.keys():
        inner("%s %s" % (where, k), g[k], e[k], out)


def compare_flat(where, got, exp, out, skip=()):
    for k in exp:
        if k not in skip and got.get(k) != exp[k]:
            out.append("%s %s %r, expected %r" % (where, k, got.get(k), exp[k]))


def compare_indicator(where, got, exp, out):
    compare_flat(where, got, exp, out, skip=("values",))
    compare_rows(where, got.get("values", []), exp["values"], lambda v: v["year"],
                 lambda w, g, e, o: compare_flat(w, g, e, o), out)


def compare_item(where, got, exp, out):
    compare_flat(where, got, exp, out, skip=("values",))
    compare_rows(where, got.get("values", []), exp["values"], lambda v: (v["year"], v["basis"]),
                 lambda w, g, e, o: compare_flat(w, g, e, o), out)


def compare_sheet(n, got, exp, out):
    where = "sheet %d" % n
    for key in ("first_page", "pages"):
        if got.get("source", {}).get(key) != exp["source"][key]:
            out.append("%s source.%s %r, expected %r" % (where, key, got.get("source", {}).get(key), exp["source"][key]))
    if exp["kind"] != "project":
        for key in exp:
            if key != "source" and got.get(key) != exp[key]:
                out.append("%s (%s) %s differs" % (where, exp["kind"], key))
        return
    for key in SCALARS:
        if got.get(key) != exp[key]:
            out.append("%s %s %s, expected %s" % (where, key, json.dumps(got.get(key), ensure_ascii=False),
                                                  json.dumps(exp[key], ensure_ascii=False)))
    compare_rows(where + " indicator", got.get("indicators", []), exp["indicators"], lambda i: i["name"],
                 compare_indicator, out)
    costs = got.get("costs") or {}
    if costs.get("unit") != exp["costs"]["unit"]:
        out.append("%s costs.unit %r, expected %r" % (where, costs.get("unit"), exp["costs"]["unit"]))
    compare_rows(where + " cost", costs.get("items", []), exp["costs"]["items"], lambda i: " / ".join(i["path"]),
                 compare_item, out)
    gf, ef = got.get("fields", []), exp["fields"]
    for i in range(max(len(gf), len(ef))):
        if i >= len(gf):
            out.append("%s field %d missing: %s" % (where, i + 1, json.dumps(ef[i], ensure_ascii=False)))
        elif i >= len(ef):
            out.append("%s field %d unexpected: %s" % (where, i + 1, json.dumps(gf[i], ensure_ascii=False)))
        elif gf[i] != ef[i]:
            out.append("%s field %d %s, expected %s" % (where, i + 1, json.dumps(gf[i], ensure_ascii=False),
                                                         json.dumps(ef[i], ensure_ascii=False)))


def main():
    got, exp = load(sys.argv[1]), load(sys.argv[2])
    out = []
    if len(got) != len(exp):
        out.append("%d sheets, expected %d" % (len(got), len(exp)))
    for n, (g, e) in enumerate(zip(got, exp), start=1):
        compare_sheet(n, g, e, out)
    print("\n".join(out) if out else "same")
    sys.exit(1 if out else 0)


if __name__ == "__main__":
    main()
