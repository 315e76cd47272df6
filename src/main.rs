//! The `sheet-extract` command: a thin layer over the library that handles inputs, workers,
//! outputs and exit codes. See `app` for the pieces.

mod app;

fn main() -> std::process::ExitCode {
    app::main()
}
