//! The series reader on arbitrary bytes: a JSON sheet (`serde_json` into `Sheet`), the
//! sanity check of series inputs and the linking of the sheet with itself and a copy one
//! year later. Must never panic nor take more than linear time, whatever it is given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sheet_extract::Sheet;
use sheet_extract::series::{Builder, check_sheet};

fuzz_target!(|data: &[u8]| {
    let Ok(sheet) = serde_json::from_slice::<Sheet>(data) else {
        return;
    };
    if check_sheet(&sheet).is_err() {
        return;
    }
    let mut later = sheet.clone();
    if let Some(year) = later.evaluation_year.as_mut() {
        year.fiscal_year = year.fiscal_year.saturating_add(1);
    }
    let mut builder = Builder::default();
    builder.add(&sheet);
    builder.add(&later);
    let _ = builder.finish();
});
