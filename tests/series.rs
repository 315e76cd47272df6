//! `sheet-extract series`: the library's linking rules, each on a small case built from sheet
//! JSON, and the fixture series of three years (`fixtures/series/`).

use std::fs;

use sheet_extract::Sheet;
use sheet_extract::series::{Builder, Series};

fn sheet(path: &str) -> Sheet {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn series_of(sheets: &[Sheet]) -> Series {
    let mut builder = Builder::default();
    for s in sheets {
        builder.add(s);
    }
    builder.finish()
}

fn fixture_sheets() -> Vec<Sheet> {
    ["r4", "r5", "r6"]
        .iter()
        .map(|y| sheet(&format!("fixtures/series/series-2-3-{y}.expected.json")))
        .collect()
}

#[test]
fn fixture_series_is_exact() {
    let series = series_of(&fixture_sheets());
    let actual = serde_json::to_string_pretty(&series).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("fixtures/series/expected.series.json").unwrap())
            .unwrap();
    assert_eq!(actual, serde_json::to_string_pretty(&expected).unwrap());
}

// ---------------------------------------------------------------------------------------
// One small case per rule of SPEC.md's series section, built from sheet JSON.

/// `(year, fiscal_year, expected, actual)`; numbers as JSON values (null, 744, 16.0).
type Row<'a> = (&'a str, i32, serde_json::Value, serde_json::Value);

struct Case<'a> {
    file: &'a str,
    plan: Option<&'a str>,
    measure: &'a str,
    fiscal_year: i32,
    grade: (&'a str, Option<&'a str>),
    projects: Vec<(&'a str, &'a str, Option<&'a str>)>,
    indicators: Vec<(u32, &'a str, &'a str, Vec<Row<'a>>)>,
}

impl<'a> Case<'a> {
    fn new(file: &'a str, measure: &'a str, fiscal_year: i32) -> Self {
        Case {
            file,
            plan: Some("北上市総合計画"),
            measure,
            fiscal_year,
            grade: ("B", None),
            projects: Vec::new(),
            indicators: Vec::new(),
        }
    }

    fn sheet(&self) -> Sheet {
        use serde_json::json;
        let label = format!("令和{}年度", self.fiscal_year - 2018);
        let projects: Vec<_> = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, (title, grade, previous))| {
                json!({"number": i + 1, "page": 1, "title": title, "departments": [],
                       "indicators": [], "grade": grade, "previous_grade": previous,
                       "status": {"indicator_based": [], "other": []},
                       "analysis": {"internal": {"indicator_based": [], "other": []},
                                    "external": {"indicator_based": [], "other": []}},
                       "policy_direction": [], "next_steps": []})
            })
            .collect();
        let indicators: Vec<_> = self
            .indicators
            .iter()
            .map(|(number, name, unit, rows)| {
                let values: Vec<_> = rows
                    .iter()
                    .map(|(year, fy, expected, actual)| {
                        let mut v = json!({"year": year, "fiscal_year": fy,
                                           "expected": expected, "actual": actual});
                        if actual.is_string() {
                            v["actual"] = serde_json::Value::Null;
                            v["remarks"] = actual.clone();
                        }
                        v
                    })
                    .collect();
                json!({"number": number, "page": 2, "name": name, "description": null,
                       "unit": unit, "departments": [], "note": null, "baseline_year": null,
                       "values": values, "target": null})
            })
            .collect();
        serde_json::from_value(json!({
            "schema_version": 1,
            "source": {"file": self.file, "first_page": 1, "pages": 2, "sha256": ""},
            "title": null, "plan": self.plan,
            "evaluation_year": {"label": label, "fiscal_year": self.fiscal_year},
            "target_period": null, "sheet": null,
            "policy": {"number": "4", "title": "p"},
            "measure": {"number": self.measure, "title": format!("施策{}", self.measure)},
            "departments": [],
            "evaluation": {"grade": self.grade.0, "label": null, "previous_grade": self.grade.1},
            "grade_legend": {},
            "project_groups": [{"number": "1", "title": "g", "description": null,
                                "projects": projects}],
            "indicators": indicators,
            "warnings": []
        }))
        .unwrap()
    }
}

fn series_from(cases: &[Case]) -> Series {
    series_of(&cases.iter().map(Case::sheet).collect::<Vec<_>>())
}

fn values(series: &Series, indicator: &str) -> Vec<serde_json::Value> {
    let measure = &series.measures[0];
    let found = measure
        .indicators
        .iter()
        .find(|i| i.name == indicator)
        .unwrap();
    found
        .values
        .iter()
        .map(|v| serde_json::to_value(v).unwrap())
        .collect()
}

fn j(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn a_renumbered_indicator_is_linked_by_name() {
    let mut r5 = Case::new("r5.pdf", "4-1", 2023);
    r5.indicators = vec![(1, "相談件数", "件", vec![("R4", 2022, j("10"), j("9"))])];
    let mut r6 = Case::new("r6.pdf", "4-1", 2024);
    r6.indicators = vec![
        (1, "新しい指標", "件", vec![("R5", 2023, j("1"), j("1"))]),
        (
            2,
            "相談件数",
            "件",
            vec![
                ("R4", 2022, j("10"), j("9")),
                ("R5", 2023, j("11"), j("12")),
            ],
        ),
    ];
    let series = series_from(&[r5, r6]);
    let names: Vec<&str> = series.measures[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["新しい指標", "相談件数"]);
    assert_eq!(values(&series, "相談件数").len(), 2);
}

#[test]
fn an_indicator_only_in_the_latest_year_and_the_union_of_windows() {
    let mut r5 = Case::new("r5.pdf", "4-1", 2023);
    r5.indicators = vec![(1, "旧指標", "人", vec![("R3", 2021, j("1"), j("1"))])];
    let mut r6 = Case::new("r6.pdf", "4-1", 2024);
    r6.indicators = vec![(1, "新指標", "人", vec![("R5", 2023, j("2"), j("3"))])];
    let series = series_from(&[r5, r6]);
    let names: Vec<&str> = series.measures[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    // The latest sheet's order first, then what only older sheets have.
    assert_eq!(names, ["新指標", "旧指標"]);
    assert_eq!(
        values(&series, "新指標"),
        [j(
            r#"{"year":"R5","fiscal_year":2023,"expected":2,"actual":3,"reported_in":2024,
              "revised_from":null,"source":"r6.pdf","page":2,"remarks":null}"#
        )]
    );
}

#[test]
fn a_revised_actual_names_the_figure_it_replaced() {
    let case = |file, fy, actual: &str| {
        let mut c = Case::new(file, "4-1", fy);
        c.indicators = vec![(
            1,
            "寄附額",
            "億円",
            vec![("R3", 2021, j("null"), j(actual))],
        )];
        c
    };
    // 100 → 105 → 105: 105, revised from 100, reported in the latest sheet.
    let series = series_from(&[
        case("r4.pdf", 2022, "100"),
        case("r5.pdf", 2023, "105"),
        case("r6.pdf", 2024, "105"),
    ]);
    let v = &values(&series, "寄附額")[0];
    assert_eq!(
        (&v["actual"], &v["revised_from"], &v["reported_in"]),
        (&j("105"), &j("100"), &j("2024"))
    );
    // The same figure every year: no revision; decimals compare by value (16.0 = 16).
    let series = series_from(&[case("r5.pdf", 2023, "16.0"), case("r6.pdf", 2024, "16")]);
    assert_eq!(values(&series, "寄附額")[0]["revised_from"], j("null"));
}

#[test]
fn a_null_actual_with_a_printed_expected_and_its_remarks() {
    let mut r5 = Case::new("r5.pdf", "4-1", 2023);
    r5.indicators = vec![(1, "割合", "％", vec![("R4", 2022, j("50.0"), j("48.5"))])];
    let mut r6 = Case::new("r6.pdf", "4-1", 2024);
    r6.indicators = vec![(
        1,
        "割合",
        "％",
        vec![
            ("R4", 2022, j("50.0"), j("48.5")),
            ("R5", 2023, j("52.0"), j("\"集計中\"")),
        ],
    )];
    let series = series_from(&[r5, r6]);
    assert_eq!(
        values(&series, "割合")[1],
        j(
            r#"{"year":"R5","fiscal_year":2023,"expected":52.0,"actual":null,"reported_in":null,
              "revised_from":null,"source":null,"page":null,"remarks":"集計中"}"#
        )
    );
}

#[test]
fn duplicate_sheets_count_once_and_differing_copies_are_named() {
    let base = || {
        let mut c = Case::new("a/r6.pdf", "4-1", 2024);
        c.indicators = vec![(1, "件数", "件", vec![("R5", 2023, j("1"), j("1"))])];
        c
    };
    let mut same = base();
    same.file = "b/r6.pdf";
    let series = series_from(&[base(), same]);
    assert!(series.warnings.is_empty(), "{:?}", series.warnings);
    assert_eq!(series.measures[0].evaluations.len(), 1);
    assert_eq!(series.measures[0].evaluations[0].source, "b/r6.pdf");
    let mut differing = base();
    differing.file = "c/r6.pdf";
    differing.grade = ("C", None);
    let series = series_from(&[base(), differing]);
    assert_eq!(
        series.measures[0].evaluations[0].grade.as_deref(),
        Some("C")
    );
    assert_eq!(series.warnings.len(), 1);
    assert!(
        series.warnings[0].to_string().contains("a/r6.pdf")
            && series.warnings[0].to_string().contains("c/r6.pdf")
    );
}

#[test]
fn heisei_windows_and_years_ascending() {
    let mut h30 = Case::new("h30.pdf", "4-1", 2018);
    h30.indicators = vec![(
        1,
        "件数",
        "件",
        vec![
            ("H29", 2017, j("1"), j("1")),
            ("H30", 2018, j("2"), j("null")),
        ],
    )];
    let mut r1 = Case::new("r1.pdf", "4-1", 2019);
    r1.indicators = vec![(
        1,
        "件数",
        "件",
        vec![
            ("H30", 2018, j("2"), j("2")),
            ("R1", 2019, j("3"), j("null")),
        ],
    )];
    let series = series_from(&[r1, h30]);
    let years: Vec<String> = values(&series, "件数")
        .iter()
        .map(|v| v["year"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(years, ["H29", "H30", "R1"]);
    let fys: Vec<i32> = series.measures[0]
        .evaluations
        .iter()
        .map(|e| e.evaluation_fiscal_year)
        .collect();
    assert_eq!(fys, [2018, 2019]);
}

#[test]
fn measures_in_plan_then_numeric_order() {
    let mut other_plan = Case::new("z.pdf", "1-1", 2024);
    other_plan.plan = Some("花巻市総合計画");
    let series = series_from(&[
        Case::new("a.pdf", "4-10", 2024),
        Case::new("b.pdf", "4-3", 2024),
        other_plan,
        Case::new("c.pdf", "10-1", 2024),
    ]);
    let order: Vec<(&str, &str)> = series
        .measures
        .iter()
        .map(|m| (m.plan.as_str(), m.number.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("北上市総合計画", "4-3"),
            ("北上市総合計画", "4-10"),
            ("北上市総合計画", "10-1"),
            ("花巻市総合計画", "1-1")
        ]
    );
}

#[test]
fn previous_grade_disagreements_and_a_gap_year() {
    let mut r4 = Case::new("r4.pdf", "4-1", 2022);
    r4.grade = ("C", None);
    r4.projects = vec![("連携", "B", None)];
    let mut r5 = Case::new("r5.pdf", "4-1", 2023);
    r5.grade = ("B", Some("B"));
    r5.projects = vec![("連携", "C", Some("B")), ("新規", "A", Some("A"))];
    // r7 follows a gap year: nothing to compare its previous grades with.
    let mut r7 = Case::new("r7.pdf", "4-1", 2025);
    r7.grade = ("A", Some("D"));
    let series = series_from(&[r4, r5, r7]);
    assert_eq!(series.warnings.len(), 1, "{:?}", series.warnings);
    let warning = series.warnings[0].to_string();
    assert!(
        warning.contains("4-1")
            && warning.contains("令和5年度")
            && warning.contains("overall grade"),
        "{warning}"
    );
    assert!(warning.contains("r4.pdf") && warning.contains("r5.pdf"));
    // The project 連携 agrees (B then （B）); 新規 has no earlier sheet.
    let titles: Vec<&str> = series.measures[0]
        .projects
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["連携", "新規"]);
}

#[test]
fn a_unit_change_is_a_warning_and_a_sheet_without_plan_is_left_out() {
    let mut r5 = Case::new("r5.pdf", "4-1", 2023);
    r5.indicators = vec![(1, "寄附額", "千円", vec![("R4", 2022, j("1"), j("1"))])];
    let mut r6 = Case::new("r6.pdf", "4-1", 2024);
    r6.indicators = vec![(1, "寄附額", "億円", vec![("R4", 2022, j("1"), j("1"))])];
    let mut no_plan = Case::new("x.pdf", "4-2", 2024);
    no_plan.plan = None;
    let series = series_from(&[r5, r6, no_plan]);
    assert_eq!(series.measures.len(), 1);
    assert_eq!(
        series.measures[0].indicators[0].unit.as_deref(),
        Some("億円")
    );
    assert_eq!(series.warnings.len(), 2, "{:?}", series.warnings);
    assert!(
        series
            .warnings
            .iter()
            .any(|w| w.to_string().contains("x.pdf") && w.to_string().contains("left out"))
    );
    assert!(
        series
            .warnings
            .iter()
            .any(|w| w.to_string().contains("寄附額") && w.to_string().contains("unit"))
    );
}
