//! Project sheets (SPEC.md "Project sheets"): whole-JSON comparison with the hand-written
//! expected output of real sheets (fixtures/ja-eval), and the recognition of the other real
//! files (pages, name, departments).

use serde_json::Value;
use sheet_extract::Limits;
use sheet_extract::project::{self, ProjectSheet};

fn read(path: &str) -> Vec<ProjectSheet> {
    let bytes = std::fs::read(path).unwrap();
    project::read(bytes, path, &Limits::default()).unwrap()
}

fn json(sheet: &ProjectSheet) -> Value {
    serde_json::to_value(sheet).unwrap()
}

fn assert_same(actual: Value, expected: Value) {
    if actual != expected {
        let a = serde_json::to_string_pretty(&actual).unwrap();
        let e = serde_json::to_string_pretty(&expected).unwrap();
        let differences: Vec<String> = a
            .lines()
            .zip(e.lines())
            .enumerate()
            .filter(|(_, (la, le))| la != le)
            .map(|(i, (la, le))| format!("line {}:\nactual:   {la}\nexpected: {le}", i + 1))
            .collect();
        panic!(
            "{}\n(lines: actual {}, expected {})",
            differences.join("\n"),
            a.lines().count(),
            e.lines().count()
        );
    }
}

#[test]
fn ikeda_r7_001_is_the_hand_written_sheet() {
    let sheets = read("fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(
            "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.expected.json",
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(sheets.len(), 1);
    assert_same(json(&sheets[0]), expected);
}

#[test]
fn kobe_h25_007_is_the_two_hand_written_sheets() {
    let sheets = read("fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.pdf");
    let expected: Vec<Value> = std::fs::read_to_string(
        "fixtures/ja-eval/kobe__h25-007-jimujigyo-hyoka-sheet.expected.ndjson",
    )
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(sheets.len(), expected.len());
    for (sheet, want) in sheets.iter().zip(expected) {
        assert_same(json(sheet), want);
    }
}

/// The other real files: recognised, with the right pages, name and departments (read from
/// the page images and `pdftotext -raw`).
#[test]
fn the_other_real_files_are_recognised() {
    let cases: [(&str, usize, usize, &str, &[&str]); 4] = [
        (
            "ikeda__r7-100-jimujigyo-mokuhyo-settei",
            1,
            1,
            "児童虐待発生予防事業",
            &["子ども未来課"],
        ),
        (
            "ikeda__r7-451-jimujigyo-mokuhyo-settei",
            1,
            1,
            "阪急宝塚線耐震補強工事補助事業",
            &["交通道路課"],
        ),
        (
            "kobe__h25-001-jimujigyo-hyoka-sheet",
            1,
            3,
            "庁舎設備管理業務",
            &["行財政局行政監察部庶務課"],
        ),
        (
            "kyoto__r6-001-shinki-jujitsu-torikumi",
            1,
            2,
            "京都市脱炭素先行地域創出事業",
            &["環境政策局"],
        ),
    ];
    for (file, first_page, pages, name, departments) in cases {
        let sheets = read(&format!("fixtures/ja-eval/{file}.pdf"));
        let got: Vec<(usize, usize, Option<String>, Vec<String>)> = sheets
            .iter()
            .map(|s| {
                (
                    s.source.first_page,
                    s.source.pages,
                    s.name.clone(),
                    s.departments.clone(),
                )
            })
            .collect();
        let departments = departments.iter().map(|d| d.to_string()).collect();
        let want = vec![(first_page, pages, Some(name.to_string()), departments)];
        assert_eq!(got, want, "{file}");
    }
}

/// A file in whose first 30 pages no project sheet starts fails with SPEC's message (a
/// book of measure sheets: its 事業名 column heads a list, it names no project).
#[test]
fn a_file_without_project_sheets_fails_with_the_pages_looked_at() {
    for (file, pages) in [
        ("fixtures/books/book-sample.pdf", "pages 1-9"),
        ("fixtures/books/gen-book-large.pdf", "pages 1-30"),
    ] {
        let bytes = std::fs::read(file).unwrap();
        let error = project::read(bytes, file, &Limits::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "not an evaluation sheet: no 基本施策 or 事務事業 sheet header on {pages} (sheet-extract form reads any form)"
            ),
            "{file}"
        );
    }
}

/// A book of sheets of three templates with a cover, blank pages and a contents table
/// before and after them (fixtures/project-books/README.md): each sheet's pages and name.
#[test]
fn a_book_of_sheets_of_several_templates() {
    let sheets = read("fixtures/project-books/mixed-book.pdf");
    let got: Vec<(usize, usize, String)> = sheets
        .iter()
        .map(|s| {
            let name = s.name.clone().unwrap_or_default();
            let first_line = name.lines().next().unwrap_or("").to_string();
            (s.source.first_page, s.source.pages, first_line)
        })
        .collect();
    let want = [
        (3, 1, "環境学習推進事業"),
        (5, 4, "害虫駆除・動物管理等公衆衛生業務"),
        (9, 3, "高齢者等福祉施設管理運営業務"),
        (13, 3, "京都市脱炭素先行地域創出事業"),
    ]
    .map(|(first, pages, name)| (first, pages, name.to_string()));
    assert_eq!(got, want);
}

/// The generated sheets of fixtures/projects (expected output from the generator's own data):
/// every project sheet of every file, whole.
#[test]
fn generated_sheets_read_as_generated() {
    let mut failures = Vec::new();
    for name in [
        "excel-a1", "excel-a2", "excel-b1", "excel-b2", "excel-c1", "excel-c2", "excel-d1",
        "excel-d2", "lo-a1", "lo-c1", "excel-a3",
    ] {
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("fixtures/projects/{name}.expected.json")).unwrap(),
        )
        .unwrap();
        let got = try_read(&format!("fixtures/projects/{name}.pdf"));
        if got != vec![expected.clone()] {
            failures.push(describe(name, &got, &[expected]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The sheets of a file as JSON, or one string value holding the failure.
fn try_read(path: &str) -> Vec<Value> {
    let bytes = std::fs::read(path).unwrap();
    match project::read(bytes, path, &Limits::default()) {
        Ok(sheets) => sheets.iter().map(json).collect(),
        Err(error) => vec![Value::String(error.to_string())],
    }
}

/// The members in which `got` differs from `want`, sheet by sheet.
fn describe(name: &str, got: &[Value], want: &[Value]) -> String {
    if got.len() != want.len() {
        let pages: Vec<String> = got.iter().map(|g| format!("{}", g["source"])).collect();
        return format!(
            "{name}: {} sheets, expected {}: {got:.300?} {pages:?}",
            got.len(),
            want.len()
        );
    }
    let mut out = Vec::new();
    for (index, (g, w)) in got.iter().zip(want).enumerate() {
        for (key, wanted) in w.as_object().into_iter().flatten() {
            if g.get(key) != Some(wanted) {
                let g = g.get(key).map(|v| v.to_string()).unwrap_or_default();
                out.push(format!(
                    "{name}[{index}].{key}:\n  got  {g:.600}\n  want {wanted:.600}"
                ));
            }
        }
    }
    out.join("\n")
}

/// The generated books: a cover, a contents table, sheets of four templates and an appendix
/// table; and a book with a measure sheet between project sheets (its project sheets only).
#[test]
fn generated_books_read_as_generated() {
    let mut failures = Vec::new();
    for name in ["book-projects", "book-mixed"] {
        let want: Vec<Value> =
            std::fs::read_to_string(format!("fixtures/projects/{name}.expected.ndjson"))
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .filter(|v| v["kind"] == "project")
                .collect();
        let got = try_read(&format!("fixtures/projects/{name}.pdf"));
        if got != want {
            failures.push(describe(name, &got, &want));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `Limits.pages` (`--pages`) selects the sheets whose first page it holds, as for measure
/// sheets: book-projects' sheets start on pages 3, 4, 5 (two pages) and 7.
#[test]
fn the_page_selection_gives_the_sheets_starting_in_it() {
    let path = "fixtures/projects/book-projects.pdf";
    let expected: Vec<Value> =
        std::fs::read_to_string("fixtures/projects/book-projects.expected.ndjson")
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let read_pages = |pages: &str| {
        let limits = Limits {
            pages: sheet_extract::book::PageSelection::parse(pages).unwrap(),
            ..Limits::default()
        };
        let bytes = std::fs::read(path).unwrap();
        let sheets = project::read(bytes, path, &limits).unwrap();
        sheets.iter().map(json).collect::<Vec<Value>>()
    };
    assert_eq!(read_pages("4-6"), expected[1..3]);
    assert_eq!(
        read_pages("3,7"),
        [expected[0].clone(), expected[3].clone()]
    );
    // A page inside a sheet that starts before it selects nothing; the file is still a
    // book of project sheets (no failure).
    assert_eq!(read_pages("6"), Vec::<Value>::new());
}
