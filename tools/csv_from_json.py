#!/usr/bin/env python3
"""Write SPEC.md's CSV tables from expected sheet JSON, independently of the extractor: the
oracle for the exact-CSV tests (fixtures/csv/).

    python3 tools/csv_from_json.py TABLE SOURCE=EXPECTED.json [SOURCE=EXPECTED.json …] > OUT.csv

SOURCE is what `source` holds for that sheet (the input path as given); an .ndjson file gives
one sheet per line. A group description's page is that of the group's first project.
"""
import csv
import json
import sys

COLUMNS = {
    "indicators": "source,page,plan,evaluation_fiscal_year,measure_number,measure_title,indicator_number,indicator_name,unit,year,fiscal_year,expected,actual,is_baseline,is_target,remarks",
    "projects": "source,page,plan,evaluation_fiscal_year,measure_number,group_number,group_title,project_number,project_title,departments,indicators,grade,previous_grade",
    "text": "source,page,plan,evaluation_fiscal_year,measure_number,project_number,section,subsection,item,text",
    "measures": "source,first_page,pages,plan,evaluation_fiscal_year,target_fiscal_year,sheet_label,sheet_number,policy_number,policy_title,measure_number,measure_title,departments,grade,previous_grade,projects,indicators,warnings",
}


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return json.dumps(value)
    return str(value)


def key(source, sheet, page):
    return [source, page, sheet["plan"], (sheet["evaluation_year"] or {}).get("fiscal_year"),
            (sheet["measure"] or {}).get("number")]


def indicators(source, sheet):
    for ind in sheet["indicators"]:
        target = (ind.get("target") or {}).get("year")
        for v in ind["values"]:
            yield key(source, sheet, ind["page"]) + [
                sheet["measure"]["title"], ind["number"], ind["name"], ind["unit"], v["year"],
                v["fiscal_year"], v["expected"], v["actual"], v["year"] == ind["baseline_year"],
                v["year"] == target, v.get("remarks")]


def projects(source, sheet):
    for g in sheet["project_groups"]:
        for p in g["projects"]:
            yield key(source, sheet, p["page"]) + [
                g["number"], g["title"], p["number"], p["title"], ";".join(p["departments"]),
                ";".join(str(i) for i in p["indicators"]), p["grade"], p["previous_grade"]]


def text(source, sheet):
    for g in sheet["project_groups"]:
        if g["description"] is not None:
            page = g["projects"][0]["page"] if g["projects"] else sheet["source"]["first_page"]
            yield key(source, sheet, page) + [None, "group_description", "", 1, g["description"]]
        for p in g["projects"]:
            row = lambda *rest: key(source, sheet, p["page"]) + [p["number"], *rest]
            for section, split in [("status", p["status"]),
                                   ("analysis.internal", p["analysis"]["internal"]),
                                   ("analysis.external", p["analysis"]["external"])]:
                for sub in ("indicator_based", "other"):
                    for i, t in enumerate(split[sub], 1):
                        yield row(section, sub, i, t)
            for i, t in enumerate(p["policy_direction"], 1):
                yield row("policy_direction", "", i, t)
            counts = {}
            for step in p["next_steps"]:
                m = step["marker"] or ""
                counts[m] = counts.get(m, 0) + 1
                yield row("next_steps", m, counts[m], step["text"])


def measures(source, sheet):
    label = sheet["sheet"] or {}
    yield [source, sheet["source"]["first_page"], sheet["source"]["pages"], sheet["plan"],
           (sheet["evaluation_year"] or {}).get("fiscal_year"),
           (sheet["target_period"] or {}).get("fiscal_year"), label.get("label"), label.get("number"),
           (sheet["policy"] or {}).get("number"), (sheet["policy"] or {}).get("title"),
           (sheet["measure"] or {}).get("number"), (sheet["measure"] or {}).get("title"),
           ";".join(sheet["departments"]), sheet["evaluation"]["grade"],
           sheet["evaluation"]["previous_grade"],
           sum(len(g["projects"]) for g in sheet["project_groups"]), len(sheet["indicators"]),
           len(sheet["warnings"])]


def sheets(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith(".ndjson"):
            return [json.loads(line) for line in f if line.strip()]
        return [json.load(f)]


def main():
    table = sys.argv[1]
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(COLUMNS[table].split(","))
    for arg in sys.argv[2:]:
        source, path = arg.split("=", 1)
        for sheet in sheets(path):
            sheet.setdefault("source", {"first_page": 1, "pages": 2})
            for row in globals()[table](source, sheet):
                out.writerow([cell(v) for v in row])


if __name__ == "__main__":
    main()
