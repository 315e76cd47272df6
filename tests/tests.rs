//! The one integration-test binary (ripgrep's and xan's layout): every file of tests/ is a
//! module of it, so the suite links once and shares helpers (util.rs). A test module is named
//! by what it covers; `cargo test --release --features fault-injection MODULE::` runs one.

mod util;

mod budget;
mod cli;
mod completions;
mod decoding;
mod faults_series_spaces;
mod faults_stall;
mod files;
mod form_cli;
mod form_generated;
mod form_labelled_values;
mod form_real;
mod fuzz_regressions;
mod golden;
mod hostile;
mod inspect;
mod measure;
mod project;
mod project_cli;
mod project_csv;
mod project_table_rules;
mod project_tables;
mod series;
mod series_inputs;
mod xlsx;
mod xlsx_faults;
