//! The whole pipeline on arbitrary bytes: must never panic, whatever it is given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sheet_extract::{Limits, extract_with};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_stream_bytes: 64 << 20,
        ..Limits::default()
    };
    let _ = extract_with(data.to_vec(), "fuzz.pdf", &limits);
});
