//! One input's extraction, wherever it runs (a worker process, or a thread of the main
//! process): the stage the configuration names, over the input's bytes, reported unit by
//! unit as [`Message`]s. A panic in one unit fails that unit; a panic outside every unit
//! fails the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use sheet_extract::book::SheetSpan;
use sheet_extract::form::{self, FormDocument, FormSource};
use sheet_extract::model::SCHEMA_VERSION;
use sheet_extract::pipeline::{self, SheetPages};
use sheet_extract::{Document, ExtractError, Sheet};

use super::protocol::{Extracted, Message, Stage, UnitOutcome, WorkerConfig};

/// Extract every unit of one input whose first page (0-based) is at least `resume_from`,
/// reporting each as it is done, then `End`.
pub fn extract_file(
    display: &str,
    bytes: Result<Vec<u8>, ExtractError>,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => return end(emit, Vec::new(), Some(e)),
    };
    if config.stage == Stage::SheetsOrJson && looks_like_json(&bytes) {
        return read_json_sheets(&bytes, emit);
    }
    let run = || {
        inject_fault(display, None);
        match config.stage {
            Stage::Form => {
                read_form(bytes, display, config, resume_from, emit).map(|()| Vec::new())
            }
            Stage::Sheets | Stage::SheetsOrJson => {
                read_sheets(bytes, display, config, resume_from, emit)
            }
        }
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(no_sheet_pages)) => end(emit, no_sheet_pages, None),
        Ok(Err(e)) => end(emit, Vec::new(), Some(e)),
        Err(panic) => end(emit, Vec::new(), Some(internal(&*panic))),
    }
}

fn end(emit: &mut dyn FnMut(Message), no_sheet_pages: Vec<usize>, failure: Option<ExtractError>) {
    emit(Message::End {
        no_sheet_pages,
        failure,
    });
}

fn unit(emit: &mut dyn FnMut(Message), pages: String, result: Result<Extracted, ExtractError>) {
    emit(Message::Unit(Box::new(UnitOutcome { pages, result })));
}

/// The sheets of a file: a unit per sheet. Gives the pages that hold no sheet.
fn read_sheets(
    bytes: Vec<u8>,
    display: &str,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) -> Result<Vec<usize>, ExtractError> {
    let each = |pages: SheetPages<'_>| {
        if pages.span.first < resume_from {
            return;
        }
        let described = pages.span.describe();
        emit(Message::Begin {
            pages: described.clone(),
            last_page: pages.span.last,
        });
        let result = build_sheet(display, &pages);
        unit(emit, described, result);
    };
    pipeline::run(bytes, display, &config.limits, config.threads, each)
        .map(|summary| summary.no_sheet_pages)
}

/// The sheet stage on one sheet's pages; a panic becomes an internal error.
fn build_sheet(display: &str, pages: &SheetPages<'_>) -> Result<Extracted, ExtractError> {
    let build = || {
        inject_fault(display, Some(pages.span));
        pages.build()
    };
    match catch_unwind(AssertUnwindSafe(build)) {
        Ok(Ok(sheet)) => Ok(Extracted {
            document: Document::Measure(sheet),
            report_warnings: true,
        }),
        Ok(Err(e)) => Err(e),
        Err(panic) => Err(internal(&*panic)),
    }
}

/// A file read as a form: a unit per page (a form holding that page alone), then one unit
/// holding the file's source and warnings, which the pages join (see
/// [`super::FileOutcome::push`]).
fn read_form(
    bytes: Vec<u8>,
    display: &str,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) -> Result<(), ExtractError> {
    let (page_count, sha256) = sheet_extract::page_count(bytes.clone(), &config.limits)?;
    let selection = config.limits.pages;
    let selected = |page: usize| {
        selection.selects(&SheetSpan {
            first: page,
            last: page,
            pages: Vec::new(),
        })
    };
    let pages: Vec<usize> = (resume_from..page_count).filter(|&p| selected(p)).collect();
    let (mut source, mut warnings) = (None, Vec::new());
    for run in runs(&pages) {
        let (from, to) = (run[0], run[run.len() - 1]);
        begin_page(emit, from);
        let mut next = from;
        let (read_source, read_warnings) = form::read_each(
            bytes.clone(),
            display,
            &config.limits,
            Some((from + 1, to + 1)),
            |page| {
                inject_fault(
                    display,
                    Some(&SheetSpan {
                        first: next,
                        last: next,
                        pages: Vec::new(),
                    }),
                );
                unit(emit, format!("page {}", next + 1), Ok(form_part(page)));
                next += 1;
                if next <= to {
                    begin_page(emit, next);
                }
            },
        )?;
        source = Some(read_source);
        warnings.extend(read_warnings);
    }
    let source = source.unwrap_or_else(|| FormSource {
        file: display.to_string(),
        pages: page_count,
        sha256,
    });
    let whole = FormDocument {
        schema_version: SCHEMA_VERSION,
        kind: "form".into(),
        source,
        pages: Vec::new(),
        warnings,
    };
    let extracted = Extracted {
        document: Document::Form(whole),
        report_warnings: true,
    };
    unit(emit, "the file".into(), Ok(extracted));
    Ok(())
}

fn begin_page(emit: &mut dyn FnMut(Message), page: usize) {
    emit(Message::Begin {
        pages: format!("page {}", page + 1),
        last_page: page,
    });
}

/// One page as a form part (its source is the whole file's, given at the end).
fn form_part(page: form::FormPage) -> Extracted {
    Extracted {
        document: Document::Form(FormDocument {
            schema_version: SCHEMA_VERSION,
            kind: "form".into(),
            source: FormSource {
                file: String::new(),
                pages: 0,
                sha256: String::new(),
            },
            pages: vec![page],
            warnings: Vec::new(),
        }),
        report_warnings: false,
    }
}

/// Consecutive runs of ascending page numbers.
fn runs(pages: &[usize]) -> Vec<&[usize]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=pages.len() {
        if i == pages.len() || pages[i] != pages[i - 1] + 1 {
            if start < i {
                runs.push(&pages[start..i]);
            }
            start = i;
        }
    }
    runs
}

/// JSON or NDJSON text rather than a PDF: its first non-blank byte opens an object or array.
fn looks_like_json(bytes: &[u8]) -> bool {
    matches!(
        bytes.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Sheets written by the main command (one object, an array, or NDJSON lines), each passed
/// on as if extracted; `source` stays what the JSON says.
fn read_json_sheets(bytes: &[u8], emit: &mut dyn FnMut(Message)) {
    let parsed = serde_json::from_slice::<SheetsJson>(bytes)
        .map(SheetsJson::into_vec)
        .or_else(|_| {
            bytes
                .split(|&b| b == b'\n')
                .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
                .map(serde_json::from_slice::<Sheet>)
                .collect::<Result<Vec<_>, _>>()
        });
    let failure = match parsed {
        Ok(sheets) if sheets.iter().all(|s| s.schema_version == SCHEMA_VERSION) => {
            for (n, sheet) in sheets.into_iter().enumerate() {
                let extracted = Extracted {
                    document: Document::Measure(sheet),
                    report_warnings: false,
                };
                unit(emit, format!("sheet {}", n + 1), Ok(extracted));
            }
            None
        }
        Ok(_) => Some(format!("of schema version {SCHEMA_VERSION}")),
        Err(e) => Some(format!("({e})")),
    };
    end(emit, Vec::new(), failure.map(ExtractError::NotSheetJson));
}

/// What a JSON input holds: one sheet or an array of them.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SheetsJson {
    Many(Vec<Sheet>),
    One(Box<Sheet>),
}

impl SheetsJson {
    fn into_vec(self) -> Vec<Sheet> {
        match self {
            SheetsJson::Many(sheets) => sheets,
            SheetsJson::One(sheet) => vec![*sheet],
        }
    }
}

fn internal(panic: &(dyn std::any::Any + Send)) -> ExtractError {
    let message = if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    };
    ExtractError::Internal(message)
}

/// Test hook: `SHEET_EXTRACT_FAULT=KIND:NEEDLE` makes extraction panic, hang or abort on
/// inputs whose path contains NEEDLE; `KIND:NEEDLE@PAGE` does so in the unit (sheet, or page
/// of a form) holding file page PAGE (1-based) only. Tests use it to prove a batch, and the
/// other sheets of a book, survive each.
fn inject_fault(display: &str, unit: Option<&SheetSpan>) {
    let Ok(spec) = std::env::var("SHEET_EXTRACT_FAULT") else {
        return;
    };
    let Some((kind, target)) = spec.split_once(':') else {
        return;
    };
    let (needle, page) = match target.rsplit_once('@') {
        Some((needle, page)) => (needle, page.parse::<usize>().ok()),
        None => (target, None),
    };
    let hit = match (page, unit) {
        (None, None) => true,
        (Some(page), Some(span)) => (span.first + 1..=span.last + 1).contains(&page),
        _ => false,
    };
    if !hit || !display.contains(needle) {
        return;
    }
    match kind {
        "hang" => loop {
            std::thread::sleep(Duration::from_secs(60));
        },
        "abort" => std::process::abort(),
        "panic" => panic!("injected fault"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_gaps() {
        assert_eq!(
            runs(&[0, 1, 2, 5, 7, 8]),
            vec![&[0, 1, 2][..], &[5], &[7, 8]]
        );
        assert!(runs(&[]).is_empty());
    }
}
