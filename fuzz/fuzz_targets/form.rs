//! The form stage on arbitrary bytes (every page read as labelled cells): must never panic,
//! whatever it is given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sheet_extract::Limits;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_stream_bytes: 64 << 20,
        ..Limits::default()
    };
    let _ = sheet_extract::form::read(data.to_vec(), "fuzz.pdf", &limits, None);
});
