//! One input's extraction, wherever it runs (a worker process, or a thread of the main
//! process): the stage the configuration names, over the input's bytes, reported unit by
//! unit as [`Message`]s. A panic in one unit fails that unit; a panic outside every unit
//! fails the file.

use std::panic::{AssertUnwindSafe, catch_unwind};

use sheet_extract::book::SheetSpan;
use sheet_extract::form::{self, FormDocument, FormSource};
use sheet_extract::model::SCHEMA_VERSION;
use sheet_extract::page::FilePage;
use sheet_extract::pdf::FileBytes;
use sheet_extract::pipeline::{self, SheetPages};
use sheet_extract::{Document, ExtractError};

use super::json_sheets;
use super::protocol::{Extracted, Message, Part, Stage, UnitOutcome, WorkerConfig};

/// Extract every unit of one input whose first page (0-based) is at least `resume_from`,
/// reporting each as it is done, then `End`.
pub fn extract_file(
    display: &str,
    bytes: Result<FileBytes, ExtractError>,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => return end(emit, Vec::new(), Some(e)),
    };
    if config.stage == Stage::SheetsOrJson && json_sheets::looks_like_json(&bytes) {
        return json_sheets::read(&bytes, emit);
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

pub(super) fn end(
    emit: &mut dyn FnMut(Message),
    no_sheet_pages: Vec<usize>,
    failure: Option<ExtractError>,
) {
    emit(Message::End {
        no_sheet_pages,
        failure,
    });
}

pub(super) fn unit(
    emit: &mut dyn FnMut(Message),
    pages: String,
    result: Result<Extracted, ExtractError>,
) {
    emit(Message::Unit(Box::new(UnitOutcome { pages, result })));
}

/// The sheets of a file: a unit per sheet. Gives the pages that hold no sheet.
fn read_sheets(
    bytes: FileBytes,
    display: &str,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) -> Result<Vec<usize>, ExtractError> {
    let each = |pages: SheetPages<'_>| {
        if pages.span.first.index() < resume_from {
            return;
        }
        inject_fault_before(display, pages.span);
        let described = pages.span.describe();
        emit(Message::Begin {
            pages: described.clone(),
            last_page: pages.span.last.index(),
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
        pages.build_document()
    };
    match catch_unwind(AssertUnwindSafe(build)) {
        Ok(Ok(document)) => Ok(Extracted::whole(document, true)),
        Ok(Err(e)) => Err(e),
        Err(panic) => Err(internal(&*panic)),
    }
}

/// A file read as a form: a unit per page (a form holding that page and the file's source),
/// then one unit ending the form with its warnings ([`Part`]), which the pages join (see
/// [`super::FileOutcome::push`]).
fn read_form(
    bytes: FileBytes,
    display: &str,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) -> Result<(), ExtractError> {
    let file = form::FormFile::open(bytes, &config.limits)?;
    let page_count = file.page_count();
    let selection = config.limits.pages;
    let selected = |page: usize| selection.selects(&SheetSpan::single(FilePage::at(page)));
    let pages: Vec<usize> = (resume_from..page_count).filter(|&p| selected(p)).collect();
    let file_source = FormSource {
        file: display.to_string(),
        pages: page_count,
        sha256: file.sha256().to_string(),
    };
    let (mut source, mut warnings) = (None, Vec::new());
    for run in runs(&pages) {
        let (from, to) = (run[0], run[run.len() - 1]);
        begin_page(emit, from);
        let mut next = from;
        let (read_source, read_warnings) =
            file.read_each(display, &config.limits, Some((from + 1, to + 1)), |page| {
                inject_fault(display, Some(&SheetSpan::single(FilePage::at(next))));
                unit(
                    emit,
                    format!("page {}", FilePage::at(next)),
                    Ok(form_part(
                        Part::FormPage,
                        &file_source,
                        vec![page],
                        Vec::new(),
                    )),
                );
                next += 1;
                if next <= to {
                    begin_page(emit, next);
                }
            })?;
        source = Some(read_source);
        warnings.extend(read_warnings);
    }
    let source = source.unwrap_or(file_source);
    let end = form_part(Part::FormEnd, &source, Vec::new(), warnings);
    unit(emit, "the file".into(), Ok(end));
    Ok(())
}

fn begin_page(emit: &mut dyn FnMut(Message), page: usize) {
    emit(Message::Begin {
        pages: format!("page {}", FilePage::at(page)),
        last_page: page,
    });
}

/// A part of a form: a page, or the end with the file's warnings (reported then).
fn form_part(
    part: Part,
    source: &FormSource,
    pages: Vec<form::FormPage>,
    warnings: Vec<sheet_extract::Warning>,
) -> Extracted {
    Extracted {
        document: Document::Form(FormDocument {
            schema_version: SCHEMA_VERSION,
            kind: "form".into(),
            source: source.clone(),
            pages,
            warnings,
        }),
        report_warnings: part == Part::FormEnd,
        part,
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

/// Test hook: `SHEET_EXTRACT_FAULT=KIND:NEEDLE` makes extraction panic, hang, abort or stop
/// (SIGSTOP to its own process: `stop`) on inputs whose path contains NEEDLE;
/// `KIND:NEEDLE@PAGE` does so in the unit (sheet, or page of a form) holding file page PAGE
/// (1-based) only; `stop-before:NEEDLE@PAGE` stops just before that sheet begins (between
/// sheets). Tests use it to prove a batch, and the other sheets of a book, survive each.
/// Compiled in only with the `fault-injection` cargo feature (the test command enables
/// it); release builds ignore the variable.
#[cfg(not(feature = "fault-injection"))]
fn inject_fault(_display: &str, _unit: Option<&SheetSpan>) {}

/// See [`inject_fault`]: the hook's place before a sheet begins.
#[cfg(not(feature = "fault-injection"))]
fn inject_fault_before(_display: &str, _unit: &SheetSpan) {}

/// See the other `inject_fault`.
#[cfg(feature = "fault-injection")]
fn inject_fault(display: &str, unit: Option<&SheetSpan>) {
    match fault_here(display, unit).as_deref() {
        Some("hang") => loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        },
        Some("abort") => std::process::abort(),
        Some("panic") => panic!("injected fault"),
        Some("stop") => stop_this_process(),
        _ => {}
    }
}

/// See the other `inject_fault_before`.
#[cfg(feature = "fault-injection")]
fn inject_fault_before(display: &str, unit: &SheetSpan) {
    if fault_here(display, Some(unit)).as_deref() == Some("stop-before") {
        stop_this_process();
    }
}

/// The kind of fault `SHEET_EXTRACT_FAULT` asks for at this input and unit, if any.
#[cfg(feature = "fault-injection")]
fn fault_here(display: &str, unit: Option<&SheetSpan>) -> Option<String> {
    let spec = std::env::var("SHEET_EXTRACT_FAULT").ok()?;
    let (kind, target) = spec.split_once(':')?;
    let (needle, page) = match target.rsplit_once('@') {
        Some((needle, page)) => (needle, page.parse::<usize>().ok()),
        None => (target, None),
    };
    let hit = match (page, unit) {
        (None, None) => true,
        (Some(page), Some(span)) => (span.first.number()..=span.last.number()).contains(&page),
        _ => false,
    };
    (hit && display.contains(needle)).then(|| kind.to_string())
}

/// SIGSTOP to this process, as Ctrl-Z would: it goes on when sent SIGCONT. The signal is
/// sent to the calling thread, which stops the whole process before the call returns: sent
/// to the process, another thread may take it, and on a busy machine this one would run on
/// (and finish its sheet) until that thread is scheduled.
#[cfg(feature = "fault-injection")]
fn stop_this_process() {
    // SAFETY: pthread_self and pthread_kill have no preconditions.
    unsafe {
        libc::pthread_kill(libc::pthread_self(), libc::SIGSTOP);
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
