//! `sheet-extract inspect FILE [--svg DIR]`: print what the extractor saw (cells, their grid
//! span and the field each was read as), or draw each page as SVG.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use sheet_extract::Limits;
use sheet_extract::inspect::{self, Inspection};

#[derive(Debug, Parser)]
#[command(
    name = "sheet-extract inspect",
    about = "Show the cells the extractor detected and the field each was read as"
)]
pub struct InspectArgs {
    /// The PDF to inspect.
    pub input: PathBuf,

    /// Write one SVG per page into this directory (NAME-p1.svg, …) instead of the listing.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<PathBuf>,
}

pub fn main(argv: &[String]) -> ExitCode {
    let args = match InspectArgs::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let display = args.input.display().to_string();
    let inspection = match run(&args.input, &display) {
        Ok(inspection) => inspection,
        Err(reason) => {
            eprintln!("{display}: {reason}");
            return ExitCode::from(1);
        }
    };
    match &args.svg {
        Some(dir) => {
            if let Err(e) = write_svgs(&inspection, dir, &args.input) {
                eprintln!("sheet-extract: cannot write {}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
        None => print!("{}", inspect::text::render(&inspection)),
    }
    match &inspection.sheet {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{display}: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(path: &Path, display: &str) -> Result<Inspection, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read ({e})"))?;
    std::panic::set_hook(Box::new(|_| {}));
    let run = || inspect::inspect(bytes, display, &Limits::default());
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err("internal error: panic while inspecting".into()),
    }
}

fn write_svgs(inspection: &Inspection, dir: &Path, input: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stem = input
        .file_stem()
        .map_or("page".into(), |s| s.to_string_lossy().into_owned());
    for page in &inspection.pages {
        let path = dir.join(format!("{stem}-p{}.svg", page.number));
        std::fs::write(&path, inspect::svg::render(page))?;
        println!("{}", path.display());
    }
    Ok(())
}
