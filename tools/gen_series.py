#!/usr/bin/env python3
"""Generate multi-year sets of evaluation sheets — the same measures over several evaluation
years — with the expected series written from the generator's own timeline (what each year
prints, and the truth it comes from), never from the extractor.

Per measure: a plan window of seven fiscal years; each evaluation year Y prints actuals up
to Y−1. The cases of SPEC.md's series section are built in: an indicator added in a later
year (the others renumbered), a preliminary actual revised the next year (100 → 105 → 105),
集計中 (a null actual with a printed expected) in the latest year, previous grades that
agree with the year before except one deliberate disagreement, and a measure with a gap
year. Years alternate between LibreOffice and the Excel-style printer (tools/excel_pdf.py).

    python3 tools/gen_series.py OUT_DIR SEED
    python3 tools/gen_series.py --book OUT.pdf SEED

Writes OUT_DIR/m<measure>-<year>.pdf (+ .expected.json), expected.series.json (its
`warnings` left empty: the wording is the extractor's) and expected.warnings.json (records:
kind, measure_number, evaluation_fiscal_year, project_title).

`--book` writes one book (all Excel-style, merged by qpdf) as cities bind them when ordered by
measure: the sheets of one measure for three consecutive years — the same measure and sheet
number, a repeated header each — then the last year's sheet bound a second time, with
OUT.expected.ndjson (one line per sheet, `source` holding `first_page` and `pages`).
"""
import copy
import json
import os
import random
import subprocess
import sys
import tempfile

from openpyxl import Workbook

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import excel_pdf  # noqa: E402
import gen_excel  # noqa: E402
import gen_sheets  # noqa: E402


def timeline(rng, base_sheet, years):
    """The truth of one measure: per indicator, expected and final actual per fiscal year,
    and which (indicator, year) is first printed as a preliminary figure."""
    first_fy = years[0] - 3
    window = [(gen_sheets.era(fy)[0], fy) for fy in range(first_fy, first_fy + 7)]
    indicators = []
    for k, template in enumerate(base_sheet["indicators"][:3]):
        decimals = template["unit"] == "％"
        base = rng.choice([100, 150, 744, 1300])
        truth = {}
        for i, (year, fy) in enumerate(window):
            expected = None if i < 2 else base + 7 * i
            actual = base + 5 * i + rng.randint(0, 3)
            if decimals:
                expected = None if expected is None else float(expected) / 10
                actual = round(actual / 10, 1)
            truth[fy] = dict(year=year, expected=expected, actual=actual)
        indicators.append(dict(name=template["name"], unit=template["unit"],
                               description=template["description"], truth=truth,
                               decimals=decimals, since=years[0]))
    # An indicator that the later years add in front (the others are renumbered).
    added = copy.deepcopy(indicators[0])
    added["name"] = "新たに設定した" + added["name"]
    added["since"] = years[-2] if len(years) > 2 else years[-1]
    return window, [added] + indicators


def unique(items, key="title"):
    """Make the titles (or names) distinct: series link projects and indicators by them."""
    seen = set()
    for item in items:
        while item[key] in seen:
            item[key] += "２"
        seen.add(item[key])


def number_text(value, decimals):
    if value is None:
        return None
    return ("%.1f" % value) if decimals else "{:,}".format(value)


def year_sheet(base, window, indicators, measure, year, grades, previous, revision, pending):
    """The sheet of evaluation year `year`: actuals up to year − 1, the revised figure's
    preliminary value in the year it is first reported, 集計中 where pending."""
    sheet = copy.deepcopy(base)
    label = gen_sheets.era(year)
    plan = sheet["plan"]
    sheet["title"] = "%s　%s基本施策事後評価シート" % (plan, label[1])
    sheet["evaluation_year"] = dict(label=label[1], fiscal_year=year)
    sheet["target_period"] = dict(label=gen_sheets.era(year - 1)[1], fiscal_year=year - 1)
    sheet["sheet"]["label"] = "%s事後" % label[0]
    sheet["measure"] = measure
    sheet["evaluation"] = dict(grade=grades["measure"], label=gen_sheets.LEGEND[grades["measure"]],
                               previous_grade=previous["measure"])
    timings = {"◇": "%sに着手予定・着手済み" % label[0],
               "◆": "%s以降の着手を検討" % gen_sheets.era(year + 1)[0]}
    for group in sheet["project_groups"]:
        for project in group["projects"]:
            for step in project["next_steps"]:
                step["timing"] = timings[step["marker"]]  # as the table header prints them
            project["grade"] = grades[project["title"]]
            project["previous_grade"] = previous[project["title"]]
            project["indicators"] = []
    printed = [ind for ind in indicators if ind["since"] <= year]
    sheet["indicators"] = []
    for number, ind in enumerate(printed, start=1):
        values = []
        for (y, fy) in window:
            t = ind["truth"][fy]
            actual, remarks = (t["actual"] if fy <= year - 1 else None), None
            if revision and (ind["name"], fy) == revision[0] and year == revision[1]:
                actual = revision[2]
            if pending and (ind["name"], fy, year) == pending:
                actual, remarks = None, "集計中"
            values.append(dict(year=y, fiscal_year=fy, expected=t["expected"], actual=actual,
                               expected_text=number_text(t["expected"], ind["decimals"]) or "-",
                               actual_text="集計中" if remarks else number_text(actual, ind["decimals"]),
                               remarks=remarks))
        sheet["indicators"].append(dict(
            number=number, name=ind["name"], description=ind["description"], unit=ind["unit"],
            departments=sheet["departments"][:1], note=None, baseline_year=window[1][0],
            values=values, target=dict(year=window[-1][0], value=values[-1]["expected"])))
    return sheet


def render(sheet, seed, path, excel):
    wb = Workbook()
    wb.remove(wb.active)
    style, _ = gen_excel.draw_style(seed)
    if not excel:
        gen_sheets.SPLIT_STYLE, gen_sheets.HEADER_RULE, gen_sheets.GRADE_HEADER = "thin", "thin", "items"
        gen_sheets.MEASURE_GRADE = "letter"
    data, pages, _ = gen_sheets.add_sheet(wb, seed, 1, None, data=sheet)
    if excel:
        excel_pdf.write_pdf(wb, path, style)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            os.replace(gen_sheets.export_pdf(wb, "sheet", tmp), path)
    return data, pages


def measure_set(out_dir, rng, seed, years, names, excel_only=False, rendered=None):
    """Sheets of one measure over `years`; gives the series truth and warning records."""
    base, _ = gen_sheets.make_sheet(seed)
    unique(p for g in base["project_groups"] for p in g["projects"])
    unique(base["indicators"], key="name")
    window, indicators = timeline(rng, base, years)
    measure = base["measure"]
    titles = [p["title"] for g in base["project_groups"] for p in g["projects"]]
    revised_name = indicators[1]["name"]
    revised_fy = years[0] - 1
    revision = ((revised_name, revised_fy), years[0], indicators[1]["truth"][revised_fy]["actual"] - 4)
    if indicators[1]["decimals"]:
        revision = (revision[0], revision[1], round(revision[2] - 0.6, 1))
    pending = (indicators[2]["name"], years[-1] - 1, years[-1])
    disagree = (years[-1], titles[0]) if len(years) > 1 and years[-1] - 1 in years else None
    grades, records, sheets = {}, [], []
    for k, year in enumerate(years):
        grades[year] = {t: rng.choice("ABCD") for t in titles + ["measure"]}
        previous = {}
        for t in titles + ["measure"]:
            before = grades.get(year - 1, {}).get(t)
            previous[t] = before if before else rng.choice("ABC")
        if disagree and disagree[0] == year:
            wrong = next(g for g in "ABCD" if g != grades[year - 1][disagree[1]])
            previous[disagree[1]] = wrong
            records.append(dict(kind="previous_grade", measure_number=measure["number"],
                                evaluation_fiscal_year=year, project_title=disagree[1]))
        sheet = year_sheet(base, window, indicators, measure, year, grades[year], previous,
                           revision, pending)
        name = "m%s-%d.pdf" % (measure["number"], year)
        data, pages = render(sheet, seed + 97 * k, os.path.join(out_dir, name),
                             excel=excel_only or k % 2 == 1)
        if rendered is not None:
            rendered.append((name, pages, copy.deepcopy(data)))
        data["source"] = dict(file=name, first_page=1, pages=2)
        gen_sheets.write_expected(data, out_dir, name[:-4])
        names.append(name)
        sheets.append((year, name, data))
    return expected_measure(sheets, titles, indicators, window), records


def expected_measure(sheets, titles, indicators, window):
    """The series truth of one measure, from what each year printed."""
    latest = sheets[-1][2]
    evaluations = [dict(evaluation_fiscal_year=y, grade=d["evaluation"]["grade"],
                        previous_grade=d["evaluation"]["previous_grade"], source=n, page=1)
                   for y, n, d in sheets]
    projects = []
    for title in titles:
        grades = []
        for y, n, d in sheets:
            p = next(p for g in d["project_groups"] for p in g["projects"] if p["title"] == title)
            grades.append(dict(evaluation_fiscal_year=y, grade=p["grade"],
                               previous_grade=p["previous_grade"], source=n, page=p["page"]))
        projects.append(dict(title=title, grades=grades))
    out = []
    order = [i["name"] for i in latest["indicators"]]
    for name in order:
        printing = [(y, n, next(i for i in d["indicators"] if i["name"] == name))
                    for y, n, d in sheets if any(i["name"] == name for i in d["indicators"])]
        values = []
        for (year_label, fy) in window:
            rows = [(y, n, ind, next(v for v in ind["values"] if v["fiscal_year"] == fy))
                    for y, n, ind in reversed(printing)]
            expected = next((v["expected"] for _, _, _, v in rows if v["expected"] is not None), None)
            got = next(((y, n, ind, v) for y, n, ind, v in rows if v["actual"] is not None), None)
            revised = None
            if got:
                revised = next((v["actual"] for y, _, _, v in rows
                                if y < got[0] and v["actual"] is not None and v["actual"] != got[3]["actual"]), None)
            values.append(dict(year=year_label, fiscal_year=fy, expected=expected,
                               actual=got[3]["actual"] if got else None,
                               reported_in=got[0] if got else None, revised_from=revised,
                               source=got[1] if got else None, page=got[2]["page"] if got else None,
                               remarks=rows[0][3].get("remarks")))
        out.append(dict(name=name, unit=printing[-1][2]["unit"], values=values))
    return dict(plan=latest["plan"], number=latest["measure"]["number"],
                title=latest["measure"]["title"], evaluations=evaluations, projects=projects,
                indicators=out)


def measure_key(m):
    return (m["plan"], [int(p) for p in m["number"].split("-")])


def book(out_pdf, seed):
    """Three consecutive years of one measure, then the last year again, in one PDF."""
    rng = random.Random(seed)
    rendered = []
    with tempfile.TemporaryDirectory() as tmp:
        measure_set(tmp, rng, seed, [2022, 2023, 2024], [], excel_only=True, rendered=rendered)
        rendered.append(rendered[-1])  # the same sheet bound twice
        args, lines, page = ["qpdf", "--empty", "--pages"], [], 1
        for name, pages, data in rendered:
            args += [os.path.join(tmp, name), "1-z"]
            data = copy.deepcopy(data)
            for item in [p for g in data["project_groups"] for p in g["projects"]] + data["indicators"]:
                item["page"] += page - 1  # rendered from page 1; the book's pages count on
            lines.append(json.dumps(with_source(data, page, pages), ensure_ascii=False))
            page += pages
        subprocess.run(args + ["--", out_pdf], check=True)
    with open(out_pdf[:-len(".pdf")] + ".expected.ndjson", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d sheets of measure %s" % (out_pdf, len(lines), rendered[0][2]["measure"]["number"]))


def with_source(sheet, first_page, pages):
    """The sheet with `source` {first_page, pages} after schema_version (as gen_books.py)."""
    out = {}
    for key, value in sheet.items():
        if key == "source":
            continue
        out[key] = value
        if key == "schema_version":
            out["source"] = {"first_page": first_page, "pages": pages}
    return out


def main():
    if sys.argv[1] == "--book":
        book(sys.argv[2], int(sys.argv[3]))
        return
    out_dir, seed = sys.argv[1], int(sys.argv[2])
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(seed)
    names, measures, records = [], [], []
    plans = [(seed, [2022, 2023, 2024]), (seed + 1, [2021, 2023, 2024])]  # the second: a gap
    used = set()
    for sheet_seed, years in plans:
        while gen_sheets.make_sheet(sheet_seed)[0]["measure"]["number"] in used:
            sheet_seed += 100
        used.add(gen_sheets.make_sheet(sheet_seed)[0]["measure"]["number"])
        measure, recs = measure_set(out_dir, rng, sheet_seed, years, names)
        measures.append(measure)
        records += recs
    measures.sort(key=measure_key)
    with open(os.path.join(out_dir, "expected.series.json"), "w") as f:
        json.dump(dict(schema_version=1, measures=measures, warnings=[]), f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "expected.warnings.json"), "w") as f:
        json.dump(records, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("%s: %d sheets of %d measures: %s" % (out_dir, len(names), len(measures), " ".join(sorted(names))))


if __name__ == "__main__":
    main()
