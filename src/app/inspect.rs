//! `sheet-extract inspect FILE [--pages N-M] [--svg DIR]`: print what the extractor saw
//! (each sheet's page range, the cells, their grid span and the field each was read as),
//! also for a file it rejects (the reason first), or draw each page as SVG.

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
    /// The PDF to inspect (`-` for stdin).
    pub input: PathBuf,

    /// Only these pages (1-based, e.g. `12-14` or `5`), for a book.
    #[arg(long, value_name = "N-M", value_parser = parse_pages)]
    pub pages: Option<(usize, usize)>,

    /// Write one SVG per page into this directory (NAME-p1.svg, …) instead of the listing.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<PathBuf>,

    /// Print the geometric tolerances the stages use (name, value, unit, meaning) before the
    /// listing.
    #[arg(long)]
    pub tolerances: bool,
}

pub fn main(argv: &[String]) -> ExitCode {
    let argv =
        std::iter::once("sheet-extract inspect".to_string()).chain(argv[1..].iter().cloned());
    let args = match InspectArgs::try_parse_from(argv) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let display = args.input.display().to_string();
    let inspection = match run(&args.input, &display, args.pages) {
        Ok(inspection) => inspection,
        Err(reason) => {
            say!("{display}: {reason}");
            return ExitCode::from(1);
        }
    };
    match &args.svg {
        Some(dir) => {
            if let Err(e) = write_svgs(&inspection, dir, &args.input) {
                say!("sheet-extract: cannot write {}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
        None => {
            let mut listing = String::new();
            if args.tolerances {
                listing.push_str(&inspect::text::render_tolerances());
            }
            listing.push_str(&inspect::text::render(&inspection));
            let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
        }
    }
    let mut code = ExitCode::SUCCESS;
    if let Some(reason) = &inspection.rejected {
        say!("{display}: {reason}");
        code = ExitCode::from(1);
    }
    for (span, sheet) in &inspection.sheets {
        if let Err(e) = sheet {
            say!("{display}: {}: {e}", span.describe());
            code = ExitCode::from(1);
        }
    }
    code
}

/// `12-14` → (12, 14); `5` → (5, 5).
fn parse_pages(text: &str) -> Result<(usize, usize), String> {
    let number = |t: &str| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("not a page number: {t:?}"))
    };
    let (from, to) = match text.split_once('-') {
        Some((from, to)) => (number(from)?, number(to)?),
        None => (number(text)?, number(text)?),
    };
    if from > to {
        return Err(format!("{from}-{to}: the first page comes after the last"));
    }
    Ok((from, to))
}

fn run(path: &Path, display: &str, pages: Option<(usize, usize)>) -> Result<Inspection, String> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| format!("cannot read ({e})"))?;
    std::panic::set_hook(Box::new(|_| {}));
    let run = || inspect::inspect(bytes, display, &Limits::default(), pages);
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
        let _ = std::io::Write::write_all(
            &mut std::io::stdout(),
            format!("{}\n", path.display()).as_bytes(),
        );
    }
    Ok(())
}
