//! Issue 20.7: a plan, an indicator or a project whose name differs between years only by
//! spaces (ASCII, or the ideographic U+3000) is one series, named as the newest sheet
//! prints it, with one typed warning per such name.

use serde_json::json;
use sheet_extract::Sheet;
use sheet_extract::series::{Builder, SeriesWarning};

/// A sheet of measure 4-1 for `fiscal_year` (令和 `fiscal_year − 2018`), with `plan`, one
/// project titled `project` and one indicator named `indicator` giving `actual` for its year.
fn sheet(fiscal_year: i32, plan: &str, project: &str, indicator: &str, actual: i64) -> Sheet {
    let file = format!("r{}.json", fiscal_year - 2018);
    let year = format!("R{}", fiscal_year - 2018);
    serde_json::from_value(json!({
        "schema_version": 1,
        "source": {"file": file, "first_page": 1, "pages": 2, "sha256": ""},
        "title": null, "plan": plan,
        "evaluation_year": {"label": format!("令和{}年度", fiscal_year - 2018), "fiscal_year": fiscal_year},
        "target_period": null, "sheet": null,
        "policy": {"number": "4", "title": "p"},
        "measure": {"number": "4-1", "title": "施策"},
        "departments": [],
        "evaluation": {"grade": "B", "label": null, "previous_grade": null},
        "grade_legend": {},
        "project_groups": [{"number": "1", "title": "g", "description": null, "projects": [
            {"number": 1, "page": 1, "title": project, "departments": [], "indicators": [],
             "grade": "A", "previous_grade": null,
             "status": {"indicator_based": [], "other": []},
             "analysis": {"internal": {"indicator_based": [], "other": []},
                          "external": {"indicator_based": [], "other": []}},
             "policy_direction": [], "next_steps": []}]}],
        "indicators": [{"number": 1, "page": 2, "name": indicator, "description": null,
            "unit": "件", "departments": [], "note": null, "baseline_year": null,
            "values": [{"year": year, "fiscal_year": fiscal_year, "expected": null, "actual": actual}],
            "target": null}],
        "warnings": []
    }))
    .unwrap()
}

#[test]
fn names_differing_only_by_spaces_link_into_one_series_with_a_warning() {
    let sheets = [
        sheet(
            2022,
            "北上市総合計画 2021～2030",
            "企業 支援",
            "相談 件数",
            100,
        ),
        sheet(
            2023,
            "北上市総合計画　2021～2030",
            "企業支援",
            "相談　件数",
            110,
        ),
        sheet(
            2024,
            "北上市総合計画2021～2030",
            "企業支援",
            "相談件数",
            120,
        ),
    ];
    let mut builder = Builder::default();
    for s in &sheets {
        builder.add(s);
    }
    let series = builder.finish();
    let value = |fiscal_year: i32, actual: i64| {
        json!({"year": format!("R{}", fiscal_year - 2018), "fiscal_year": fiscal_year,
               "expected": null, "actual": actual, "reported_in": fiscal_year,
               "revised_from": null, "source": format!("r{}.json", fiscal_year - 2018),
               "page": 2, "remarks": null})
    };
    let grade = |fiscal_year: i32, grade: &str, page: usize| {
        json!({"evaluation_fiscal_year": fiscal_year, "grade": grade, "previous_grade": null,
               "source": format!("r{}.json", fiscal_year - 2018), "page": page})
    };
    let expected = json!({
        "schema_version": 1,
        "measures": [{
            "plan": "北上市総合計画2021～2030",
            "number": "4-1",
            "title": "施策",
            "evaluations": [grade(2022, "B", 1), grade(2023, "B", 1), grade(2024, "B", 1)],
            "projects": [{"title": "企業支援",
                          "grades": [grade(2022, "A", 1), grade(2023, "A", 1), grade(2024, "A", 1)]}],
            "indicators": [{"name": "相談件数", "unit": "件",
                            "values": [value(2022, 100), value(2023, 110), value(2024, 120)]}]
        }],
        "warnings": [
            "4-1 施策, plan 「北上市総合計画2021～2030」: the name differs between years only by spaces (「北上市総合計画2021～2030」 in the 令和6年度 sheet, 「北上市総合計画\u{3000}2021～2030」 in the 令和5年度 sheet, 「北上市総合計画 2021～2030」 in the 令和4年度 sheet); linked as one",
            "4-1 施策, indicator 「相談件数」: the name differs between years only by spaces (「相談件数」 in the 令和6年度 sheet, 「相談\u{3000}件数」 in the 令和5年度 sheet, 「相談 件数」 in the 令和4年度 sheet); linked as one",
            "4-1 施策, project 「企業支援」: the name differs between years only by spaces (「企業支援」 in the 令和6年度, 令和5年度 sheet, 「企業 支援」 in the 令和4年度 sheet); linked as one"
        ]
    });
    assert_eq!(serde_json::to_value(&series).unwrap(), expected);
    let kinds: Vec<&str> = series
        .warnings
        .iter()
        .map(|w| match w {
            SeriesWarning::SpacesDiffer { what, .. } => *what,
            SeriesWarning::Other(_) => "other",
        })
        .collect();
    assert_eq!(kinds, ["plan", "indicator", "project"]);
}
