//! Golden tests: every fixture sheet, and every producer rewrite of it in
//! `fixtures/variants/`, gives exactly its `*.expected.json` (all of it but `source`, which
//! is checked on its own).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Our JSON for `pdf`, with `source` split off.
fn extract(pdf: &Path) -> (Value, Value) {
    let bytes = fs::read(pdf).unwrap();
    let sheet = sheet_extract::extract(bytes, &pdf.display().to_string())
        .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let mut json = serde_json::to_value(&sheet).unwrap();
    let source = json
        .as_object_mut()
        .unwrap()
        .shift_remove("source")
        .unwrap();
    (json, source)
}

/// The expected JSON of `NAME`, from `fixtures/` or `fixtures/generated/`.
fn expected(name: &str) -> Value {
    let path = ["fixtures", "fixtures/generated", "fixtures/excel"]
        .iter()
        .map(|dir| format!("{dir}/{name}.expected.json"))
        .find(|p| Path::new(p).is_file())
        .unwrap_or_else(|| panic!("no expected JSON for {name}"));
    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

/// Compare as text with keys in order, so that key order is checked too.
fn assert_same(pdf: &Path, actual: &Value, expected: &Value) {
    let actual = serde_json::to_string_pretty(actual).unwrap();
    let expected = serde_json::to_string_pretty(expected).unwrap();
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(0);
        panic!(
            "{}: output differs from expected at line {}:\n  got:      {}\n  expected: {}",
            pdf.display(),
            line + 1,
            actual.lines().nth(line).unwrap_or("<end>"),
            expected.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// `(pdf, name)` of every `DIR/NAME.pdf` with a `DIR/NAME.expected.json`.
fn fixtures_in(dir: &str) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let file = e.ok()?.file_name().into_string().ok()?;
            let name = file.strip_suffix(".expected.json")?.to_string();
            Some((PathBuf::from(format!("{dir}/{name}.pdf")), name))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_fixture_gives_its_expected_json() {
    let fixtures = fixtures_in("fixtures");
    assert!(fixtures.len() >= 2, "fixtures missing");
    for (pdf, name) in fixtures {
        let (json, source) = extract(&pdf);
        assert_same(&pdf, &json, &expected(&name));
        assert_eq!(source["file"], pdf.display().to_string());
        assert!(source["pages"].as_u64().unwrap() >= 2);
        assert_eq!(source["sha256"].as_str().unwrap().len(), 64);
    }
}

/// Sheets made by `tools/gen_sheets.py` (openpyxl + LibreOffice): other paper sizes, fonts,
/// column widths, grade styles, year windows, 1–4 projects and 1–15 indicators. Their
/// expected JSON comes from the generator's data, not from this extractor.
#[test]
fn generated_sheets_give_their_expected_json() {
    let fixtures = fixtures_in("fixtures/generated");
    assert!(fixtures.len() >= 20, "generated fixtures missing");
    for (pdf, name) in fixtures {
        let (json, _) = extract(&pdf);
        assert_same(&pdf, &json, &expected(&name));
    }
}

/// Sheets written the way Microsoft Excel writes PDF (tools/gen_excel.py): two font objects
/// per font, WinAnsi faces without ToUnicode for ASCII cells, borders as filled rectangles,
/// dotted / hair / dashed / dash-pattern separators stopping short of the corner, double
/// rules, letter grades under 評価 headers, distributed and shrunk labels; and (`aj1-*`) CID
/// fonts with Adobe-Japan1 CIDs and no ToUnicode.
#[test]
fn excel_style_sheets_give_their_expected_json() {
    let fixtures = fixtures_in("fixtures/excel");
    assert!(fixtures.len() >= 15, "Excel-style fixtures missing");
    for (pdf, name) in fixtures {
        let (json, _) = extract(&pdf);
        assert_same(&pdf, &json, &expected(&name));
    }
}

/// `fixtures/variants/NAME.PRODUCER.pdf` is NAME rewritten by another producer (Ghostscript,
/// cairo, qpdf, mutool): same content, different PDF structure, fonts and operators.
#[test]
fn producer_rewrites_give_the_same_json() {
    let mut checked = 0;
    for entry in fs::read_dir("fixtures/variants").unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(name) = file.split('.').next() else {
            continue;
        };
        if !file.ends_with(".pdf") {
            continue;
        }
        let (json, _) = extract(&path);
        assert_same(&path, &json, &expected(name));
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} variants found");
}

#[test]
fn source_records_path_pages_and_sha256() {
    let (_, source) = extract(Path::new("fixtures/sample-r5-2-3.pdf"));
    assert_eq!(
        source,
        serde_json::json!({
            "file": "fixtures/sample-r5-2-3.pdf",
            "first_page": 1,
            "pages": 2,
            "sha256": "4864f0c4f7f722465578b210c37767eb523db919be93283762fdd8a728e6fcff"
        })
    );
}

/// Every sheet of every book in `fixtures/books/` gives its line of `NAME.expected.ndjson`:
/// the whole JSON, `source` compared on `first_page` and `pages` only.
#[test]
fn books_give_their_expected_ndjson() {
    let mut checked = 0;
    for entry in fs::read_dir("fixtures/books").unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path
            .to_str()
            .and_then(|p| p.strip_suffix(".expected.ndjson"))
        else {
            continue;
        };
        let pdf = PathBuf::from(format!("{name}.pdf"));
        let expected: Vec<Value> = fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let book = sheet_extract::extract_book(
            fs::read(&pdf).unwrap(),
            &pdf.display().to_string(),
            &sheet_extract::Limits::default(),
            2,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert_eq!(book.sheets.len(), expected.len(), "{}", pdf.display());
        for ((_, sheet), mut expected) in book.sheets.into_iter().zip(expected) {
            let mut actual = serde_json::to_value(sheet.unwrap()).unwrap();
            for json in [&mut actual, &mut expected] {
                let source = json["source"].as_object_mut().unwrap();
                source.shift_remove("file");
                source.shift_remove("sha256");
            }
            assert_same(&pdf, &actual, &expected);
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} book sheets found");
}
