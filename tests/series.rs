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
