//! Isolated extraction. Each input is extracted in a worker process (this same executable,
//! started as `sheet-extract __worker …`), so that nothing one file does — a panic, an abort
//! on allocation failure, an endless loop in a dependency — can take the batch down: the
//! parent kills a worker that overruns the time limit, reports the file, and starts another.
//!
//! Takes: [`Job`]s (an input and its place in the batch). Gives: [`Outcome`]s (the rendered
//! bytes and warnings, or a one-line reason).

use std::ffi::OsStr;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use sheet_extract::book::SheetSpan;
use sheet_extract::document::Tagged;
use sheet_extract::model::SCHEMA_VERSION;
use sheet_extract::pipeline::{self, SheetPages};
use sheet_extract::{Document, ExtractError, Limits, Sheet};

use super::inputs::{Input, Origin};

/// The argument that turns the executable into a worker.
pub const WORKER_ARG: &str = "__worker";

/// Address-space cap of a worker process: a last line of defence behind the library's own
/// limits (an allocation beyond it aborts the worker, which is reported as out of memory).
const WORKER_ADDRESS_SPACE: u64 = 4 << 30;

/// Largest message accepted on the pipe between parent and worker.
const MAX_MESSAGE: u64 = 1 << 32;

/// What a worker needs to know besides the inputs.
#[derive(Debug, Clone, Copy)]
pub struct WorkerConfig {
    pub limits: Limits,
    /// Time limit per sheet (between two messages of one file).
    pub timeout: Duration,
    /// Threads interpreting the pages of one file.
    pub threads: usize,
    /// Inputs may also be JSON or NDJSON written by the main command (`series`).
    pub accept_json: bool,
}

/// One input to extract.
pub struct Job {
    pub index: usize,
    pub input: Input,
}

/// A document and the warnings to report for it (a sheet read back from JSON reports
/// none: they were reported when it was extracted).
#[derive(Debug, Clone)]
pub struct Extracted {
    pub document: Document,
    pub warnings: Vec<String>,
}

/// What became of one sheet of a file.
#[derive(Debug, Clone)]
pub struct SheetOutcome {
    /// `pages 31-33`: where the sheet is in its file.
    pub pages: String,
    pub result: Result<Extracted, String>,
}

/// What became of one input file: its sheets in page order, the pages that hold none, and
/// the reason the file as a whole failed, if it did (sheets read before that are kept).
#[derive(Debug, Clone, Default)]
pub struct FileOutcome {
    pub sheets: Vec<SheetOutcome>,
    pub no_sheet_pages: Vec<usize>,
    pub failure: Option<String>,
}

impl FileOutcome {
    fn failed(reason: String) -> FileOutcome {
        FileOutcome {
            failure: Some(reason),
            ..FileOutcome::default()
        }
    }
}

/// The result for the input at `index`.
pub struct Outcome {
    pub index: usize,
    pub result: FileOutcome,
}

/// What extraction of one file reports, in order: for each sheet `Begin` then `Sheet`,
/// then `End` once.
#[derive(Debug)]
enum Message {
    /// A sheet's pages are read and the sheet stage starts on them.
    Begin {
        pages: String,
        last_page: usize,
    },
    Sheet(Box<SheetOutcome>),
    End {
        no_sheet_pages: Vec<usize>,
        failure: Option<String>,
    },
}

// ---------------------------------------------------------------------------------------
// Extraction itself (in the worker process, or a thread of the main process).

/// Extract every sheet of one input whose first page (0-based) is at least
/// `resume_from`, reporting each as it is done; a panic in one sheet fails that sheet.
fn extract_file(
    display: &str,
    bytes: io::Result<Vec<u8>>,
    config: &WorkerConfig,
    resume_from: usize,
    emit: &mut dyn FnMut(Message),
) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            return emit(Message::End {
                no_sheet_pages: Vec::new(),
                failure: Some(format!("cannot read ({e})")),
            });
        }
    };
    if config.accept_json && looks_like_json(&bytes) {
        return read_json_sheets(&bytes, emit);
    }
    let run = || {
        inject_fault(display, None);
        pipeline::run(
            bytes,
            display,
            &config.limits,
            config.threads,
            |pages: SheetPages<'_>| {
                if pages.span.first < resume_from {
                    return;
                }
                let described = pages.span.describe();
                emit(Message::Begin {
                    pages: described.clone(),
                    last_page: pages.span.last,
                });
                let result = build_sheet(display, &pages);
                emit(Message::Sheet(Box::new(SheetOutcome {
                    pages: described,
                    result,
                })));
            },
        )
    };
    let (no_sheet_pages, failure) = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(summary)) => (summary.no_sheet_pages, None),
        Ok(Err(e)) => (Vec::new(), Some(e.to_string())),
        Err(panic) => (
            Vec::new(),
            Some(ExtractError::Internal(panic_message(&*panic)).to_string()),
        ),
    };
    emit(Message::End {
        no_sheet_pages,
        failure,
    });
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
                emit(Message::Sheet(Box::new(SheetOutcome {
                    pages: format!("sheet {}", n + 1),
                    result: Ok(Extracted {
                        document: Document::Measure(sheet),
                        warnings: Vec::new(),
                    }),
                })));
            }
            None
        }
        Ok(_) => Some(format!("not sheet JSON of schema version {SCHEMA_VERSION}")),
        Err(e) => Some(format!("not sheet JSON ({e})")),
    };
    emit(Message::End {
        no_sheet_pages: Vec::new(),
        failure,
    });
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

/// The sheet stage on one sheet's pages; a panic becomes an internal error.
fn build_sheet(display: &str, pages: &SheetPages<'_>) -> Result<Extracted, String> {
    let build = || {
        inject_fault(display, Some(pages.span));
        pages.build()
    };
    match catch_unwind(AssertUnwindSafe(build)) {
        Ok(Ok(sheet)) => Ok(Extracted {
            warnings: sheet.warnings.clone(),
            document: Document::Measure(sheet),
        }),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(ExtractError::Internal(panic_message(&*panic)).to_string()),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

/// Something that extracts one file in attempts: [`collect`] starts an attempt (resuming
/// after a failed sheet), reads its messages and stops it when it overruns or dies.
trait Extractor {
    fn start(&mut self, resume_from: usize) -> Result<(), String>;
    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError>;
    /// End the current attempt; say how it ended.
    fn stop(&mut self) -> String;
}

/// Extract a single input in this process: no worker to start, which halves the cost of a
/// one-file run. Extraction runs on a thread; a sheet that overruns the time limit is
/// reported and the thread is abandoned, and extraction resumes after that sheet on a new
/// thread. The address space is capped as in a worker.
pub fn run_in_process(input: &Input, config: &WorkerConfig) -> FileOutcome {
    let bytes = match &input.origin {
        Origin::Unusable(reason) => return FileOutcome::failed(reason.clone()),
        Origin::File(path) => read_input(path, &config.limits),
        Origin::Stdin => read_stdin(&config.limits),
        Origin::Stream(path) => read_input(path, &config.limits),
    };
    let bytes = match bytes {
        Ok(bytes) => Arc::new(bytes),
        Err(e) => return FileOutcome::failed(format!("cannot read ({e})")),
    };
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    let mut extractor = ThreadExtractor {
        display: input.display.clone(),
        bytes,
        config: *config,
        messages: None,
    };
    collect(&mut extractor, config.timeout)
}

/// Extraction on a thread of this process.
struct ThreadExtractor {
    display: String,
    bytes: Arc<Vec<u8>>,
    config: WorkerConfig,
    messages: Option<Receiver<io::Result<Message>>>,
}

impl Extractor for ThreadExtractor {
    fn start(&mut self, resume_from: usize) -> Result<(), String> {
        let (sender, receiver) = mpsc::channel();
        let (display, bytes, config) = (self.display.clone(), Arc::clone(&self.bytes), self.config);
        thread::Builder::new()
            .spawn(move || {
                let mut emit = |message| {
                    let _ = sender.send(Ok(message));
                };
                let bytes = Ok(bytes.as_ref().clone());
                extract_file(&display, bytes, &config, resume_from, &mut emit);
            })
            .map_err(|e| format!("internal error: cannot start a thread ({e})"))?;
        self.messages = Some(receiver);
        Ok(())
    }

    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError> {
        match &self.messages {
            Some(messages) => messages.recv_timeout(timeout),
            None => Err(RecvTimeoutError::Disconnected),
        }
    }

    fn stop(&mut self) -> String {
        // A thread cannot be killed: it is left behind, and ends with the process.
        self.messages = None;
        "its thread stopped".into()
    }
}

/// Gather one file's messages from `extractor`'s attempts. When a sheet overruns the time
/// limit or its extractor dies, that sheet fails and a new attempt resumes after it; when
/// that happens outside any sheet, the file fails (keeping the sheets read before).
fn collect(extractor: &mut dyn Extractor, timeout: Duration) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let mut resume_from = 0;
    loop {
        if let Err(reason) = extractor.start(resume_from) {
            outcome.failure = Some(reason);
            return outcome;
        }
        let mut open: Option<(String, usize)> = None;
        let reason = loop {
            match extractor.recv(timeout) {
                Ok(Ok(Message::Begin { pages, last_page })) => open = Some((pages, last_page)),
                Ok(Ok(Message::Sheet(sheet))) => {
                    open = None;
                    outcome.sheets.push(*sheet);
                }
                Ok(Ok(Message::End {
                    no_sheet_pages,
                    failure,
                })) => {
                    outcome.no_sheet_pages = no_sheet_pages;
                    outcome.failure = failure;
                    return outcome;
                }
                Err(RecvTimeoutError::Timeout) => {
                    extractor.stop();
                    break timeout_reason(timeout);
                }
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                    let how = extractor.stop();
                    break format!(
                        "internal error: the extractor process died ({how}; out of memory?)"
                    );
                }
            }
        };
        match open {
            Some((pages, last_page)) => {
                outcome.sheets.push(SheetOutcome {
                    pages,
                    result: Err(reason),
                });
                resume_from = last_page + 1;
            }
            None => {
                outcome.failure = Some(reason);
                return outcome;
            }
        }
    }
}

fn timeout_reason(timeout: Duration) -> String {
    format!(
        "limit exceeded: took longer than the time limit of {} s",
        timeout.as_secs()
    )
}

fn read_stdin(limits: &Limits) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a file, refusing one larger than the input limit before reading it.
pub fn read_input(path: &Path, limits: &Limits) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The worker process: answer requests on stdin until it closes, streaming each file's
/// messages on stdout.
pub fn worker_main(args: &[String]) -> std::process::ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    let Some(config) = decode_config(args) else {
        return std::process::ExitCode::from(2);
    };
    let mut requests = BufReader::new(io::stdin().lock());
    let mut responses = BufWriter::new(io::stdout().lock());
    let progress = own_time_limit(config.timeout);
    while let Ok(Some(request)) = read_request(&mut requests) {
        progress.store(now_ms(), Ordering::SeqCst);
        let bytes = match request.kind {
            RequestKind::Path => {
                let path = Path::new(OsStr::from_bytes(&request.payload));
                read_input(path, &config.limits)
            }
            RequestKind::Bytes => Ok(request.payload),
        };
        let mut broken = false;
        let mut emit = |message: Message| {
            progress.store(now_ms(), Ordering::SeqCst);
            broken = broken || write_message(&mut responses, &message).is_err();
        };
        extract_file(
            &request.display,
            bytes,
            &config,
            request.resume_from,
            &mut emit,
        );
        progress.store(0, Ordering::SeqCst);
        if broken {
            break;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// Grace beyond the time limit before a worker stops itself: the parent normally stops it
/// first; this is for a parent that was itself stopped (SIGSTOP) or lost.
const OWN_LIMIT_GRACE: Duration = Duration::from_secs(5);

/// Milliseconds since the epoch (0 never occurs: it means idle).
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64)
        .max(1)
}

/// A worker keeps its own time limit: a thread ends the process when no progress was made
/// for longer than the limit plus a grace, whatever the parent does. Gives the progress
/// clock (the time of the last progress, 0 when idle).
fn own_time_limit(timeout: Duration) -> Arc<AtomicU64> {
    let progress = Arc::new(AtomicU64::new(0));
    let clock = Arc::clone(&progress);
    let limit = (timeout + OWN_LIMIT_GRACE).as_millis() as u64;
    thread::spawn(move || {
        loop {
            thread::sleep(Duration::from_millis(200));
            let since = clock.load(Ordering::SeqCst);
            if since != 0 && now_ms().saturating_sub(since) > limit {
                std::process::exit(3);
            }
        }
    });
    progress
}

/// Test hook: `SHEET_EXTRACT_FAULT=KIND:NEEDLE` makes extraction panic, hang or abort on
/// inputs whose path contains NEEDLE; `KIND:NEEDLE@PAGE` does so in the sheet stage of the
/// sheet holding file page PAGE (1-based) only. Tests use it to prove a batch, and the
/// other sheets of a book, survive each.
fn inject_fault(display: &str, sheet: Option<&SheetSpan>) {
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
    let hit = match (page, sheet) {
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

fn cap_address_space() {
    let limit = libc::rlimit {
        rlim_cur: WORKER_ADDRESS_SPACE,
        rlim_max: WORKER_ADDRESS_SPACE,
    };
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit only reads the struct we pass; failure leaves the old limit.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
}

fn encode_config(config: &WorkerConfig) -> Vec<String> {
    let l = &config.limits;
    vec![
        WORKER_ARG.into(),
        l.max_input_bytes.to_string(),
        l.max_pages.to_string(),
        l.max_stream_bytes.to_string(),
        config.threads.to_string(),
        config.accept_json.to_string(),
        config.timeout.as_secs().to_string(),
        l.pages.to_arg(),
    ]
}

fn decode_config(args: &[String]) -> Option<WorkerConfig> {
    let [
        _,
        input,
        pages,
        stream,
        threads,
        accept_json,
        timeout,
        selection,
    ] = args
    else {
        return None;
    };
    let limits = Limits {
        max_input_bytes: input.parse().ok()?,
        max_pages: pages.parse().ok()?,
        max_stream_bytes: stream.parse().ok()?,
        pages: sheet_extract::book::PageSelection::parse(selection).ok()?,
        ..Limits::default()
    };
    Some(WorkerConfig {
        limits,
        timeout: Duration::from_secs(timeout.parse().ok()?),
        threads: threads.parse().ok()?,
        accept_json: accept_json.parse().ok()?,
    })
}

// ---------------------------------------------------------------------------------------
// The pipe protocol: length-prefixed frames.
//
// request = kind:u8 (0 path, 1 bytes) · resume_from:u64 · display · payload
// message = tag:u8 · fields
//   'B' begin:  pages · last_page:u64
//   'S' sheet:  pages · status:u8 (0 ok, 1 failed) · count:u64 · warning* · bytes or reason
//   'E' end:    count:u64 · page:u64* · has_failure:u8 · reason?

#[derive(Clone, Copy)]
enum RequestKind {
    Path,
    Bytes,
}

struct Request {
    kind: RequestKind,
    resume_from: usize,
    display: String,
    payload: Vec<u8>,
}

fn write_frame(w: &mut impl Write, data: &[u8]) -> io::Result<()> {
    w.write_all(&(data.len() as u64).to_le_bytes())?;
    w.write_all(data)
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    let mut buf = [0u8; 8];
    r.read_exact(&mut buf)?;
    Ok(u64::from_le_bytes(buf))
}

fn read_u8(r: &mut impl Read) -> io::Result<u8> {
    let mut buf = [0u8; 1];
    r.read_exact(&mut buf)?;
    Ok(buf[0])
}

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let len = read_u64(r)?;
    if len > MAX_MESSAGE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut data = Vec::new();
    r.take(len).read_to_end(&mut data)?;
    if data.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(data)
}

fn read_string(r: &mut impl Read) -> io::Result<String> {
    Ok(String::from_utf8_lossy(&read_frame(r)?).into_owned())
}

fn write_request(w: &mut impl Write, request: &Request) -> io::Result<()> {
    w.write_all(&[request.kind as u8])?;
    w.write_all(&(request.resume_from as u64).to_le_bytes())?;
    write_frame(w, request.display.as_bytes())?;
    write_frame(w, &request.payload)?;
    w.flush()
}

/// `Ok(None)` at a clean end of input.
fn read_request(r: &mut impl Read) -> io::Result<Option<Request>> {
    let mut kind = [0u8; 1];
    if r.read(&mut kind)? == 0 {
        return Ok(None);
    }
    let kind = if kind[0] == 0 {
        RequestKind::Path
    } else {
        RequestKind::Bytes
    };
    let resume_from = usize::try_from(read_u64(r)?).unwrap_or(usize::MAX);
    let display = read_string(r)?;
    let payload = read_frame(r)?;
    Ok(Some(Request {
        kind,
        resume_from,
        display,
        payload,
    }))
}

fn write_message(w: &mut impl Write, message: &Message) -> io::Result<()> {
    match message {
        Message::Begin { pages, last_page } => {
            w.write_all(b"B")?;
            write_frame(w, pages.as_bytes())?;
            w.write_all(&(*last_page as u64).to_le_bytes())?;
        }
        Message::Sheet(sheet) => {
            w.write_all(b"S")?;
            write_frame(w, sheet.pages.as_bytes())?;
            match &sheet.result {
                Ok(extracted) => {
                    w.write_all(&[0])?;
                    w.write_all(&(extracted.warnings.len() as u64).to_le_bytes())?;
                    for warning in &extracted.warnings {
                        write_frame(w, warning.as_bytes())?;
                    }
                    let json = serde_json::to_vec(&extracted.document.tagged())
                        .map_err(io::Error::from)?;
                    write_frame(w, &json)?;
                }
                Err(reason) => {
                    w.write_all(&[1])?;
                    w.write_all(&0u64.to_le_bytes())?;
                    write_frame(w, reason.as_bytes())?;
                }
            }
        }
        Message::End {
            no_sheet_pages,
            failure,
        } => {
            w.write_all(b"E")?;
            w.write_all(&(no_sheet_pages.len() as u64).to_le_bytes())?;
            for &page in no_sheet_pages {
                w.write_all(&(page as u64).to_le_bytes())?;
            }
            w.write_all(&[u8::from(failure.is_some())])?;
            if let Some(reason) = failure {
                write_frame(w, reason.as_bytes())?;
            }
        }
    }
    w.flush()
}

fn read_message(r: &mut impl Read) -> io::Result<Message> {
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "unknown message");
    let count_of = |n: u64| usize::try_from(n.min(1 << 24)).unwrap_or(0);
    match read_u8(r)? {
        b'B' => Ok(Message::Begin {
            pages: read_string(r)?,
            last_page: usize::try_from(read_u64(r)?).map_err(|_| invalid())?,
        }),
        b'S' => {
            let pages = read_string(r)?;
            let status = read_u8(r)?;
            let count = count_of(read_u64(r)?);
            let warnings = (0..count)
                .map(|_| read_string(r))
                .collect::<io::Result<Vec<_>>>()?;
            let payload = read_frame(r)?;
            let result = match status {
                0 => Ok(Extracted {
                    document: serde_json::from_slice::<Tagged>(&payload)
                        .map(Document::from)
                        .map_err(io::Error::from)?,
                    warnings,
                }),
                _ => Err(String::from_utf8_lossy(&payload).into_owned()),
            };
            Ok(Message::Sheet(Box::new(SheetOutcome { pages, result })))
        }
        b'E' => {
            let count = count_of(read_u64(r)?);
            let no_sheet_pages = (0..count)
                .map(|_| read_u64(r).map(|p| usize::try_from(p).unwrap_or(usize::MAX)))
                .collect::<io::Result<Vec<_>>>()?;
            let failure = match read_u8(r)? {
                0 => None,
                _ => Some(read_string(r)?),
            };
            Ok(Message::End {
                no_sheet_pages,
                failure,
            })
        }
        _ => Err(invalid()),
    }
}

// ---------------------------------------------------------------------------------------
// The parent side: a pool of drivers, each owning one worker process.

/// A running worker process and the channel its messages arrive on.
struct WorkerProcess {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    messages: Receiver<io::Result<Message>>,
}

impl WorkerProcess {
    fn spawn(config: &WorkerConfig) -> io::Result<WorkerProcess> {
        let exe = std::env::current_exe()?;
        let mut child = Command::new(exe)
            .args(encode_config(config))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = BufWriter::new(child.stdin.take().expect("piped"));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || {
            loop {
                let message = read_message(&mut stdout);
                let failed = message.is_err();
                if sender.send(message).is_err() || failed {
                    break;
                }
            }
        });
        Ok(WorkerProcess {
            child,
            stdin,
            messages,
        })
    }

    /// Kill the process and say how it ended.
    fn finish(mut self) -> String {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => status.to_string(),
            Err(e) => e.to_string(),
        }
    }
}

/// Parallel extraction over `jobs` worker processes.
pub struct Pool {
    jobs: Option<Sender<Job>>,
    outcomes: Receiver<Outcome>,
    drivers: Vec<thread::JoinHandle<()>>,
}

impl Pool {
    pub fn new(workers: usize, config: WorkerConfig) -> Pool {
        super::signals::install();
        let (job_sender, job_receiver) = mpsc::channel::<Job>();
        let job_receiver = Arc::new(Mutex::new(job_receiver));
        let (outcome_sender, outcomes) = mpsc::channel();
        let drivers = (0..workers.max(1))
            .map(|_| {
                let jobs = Arc::clone(&job_receiver);
                let outcomes = outcome_sender.clone();
                thread::spawn(move || drive(&jobs, &outcomes, &config))
            })
            .collect();
        Pool {
            jobs: Some(job_sender),
            outcomes,
            drivers,
        }
    }

    pub fn submit(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// The next finished outcome, in completion order.
    pub fn next(&self) -> Option<Outcome> {
        self.outcomes.recv().ok()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.jobs = None;
        for driver in self.drivers.drain(..) {
            let _ = driver.join();
        }
    }
}

/// One driver thread: take jobs, hand them to its worker, enforce the time limit.
fn drive(jobs: &Mutex<Receiver<Job>>, outcomes: &Sender<Outcome>, config: &WorkerConfig) {
    let mut worker: Option<WorkerProcess> = None;
    loop {
        let job = match jobs.lock().map(|receiver| receiver.recv()) {
            Ok(Ok(job)) => job,
            _ => break,
        };
        let result = run_job(&job.input, &mut worker, config);
        if outcomes
            .send(Outcome {
                index: job.index,
                result,
            })
            .is_err()
        {
            break;
        }
    }
    if let Some(worker) = worker {
        drop(worker.stdin);
        let mut child = worker.child;
        let _ = child.wait();
    }
}

/// One input through the driver's worker process (started or restarted as needed).
fn run_job(
    input: &Input,
    worker: &mut Option<WorkerProcess>,
    config: &WorkerConfig,
) -> FileOutcome {
    let (kind, payload) = match &input.origin {
        Origin::Unusable(reason) => return FileOutcome::failed(reason.clone()),
        Origin::File(path) => (
            RequestKind::Path,
            path.as_os_str().as_encoded_bytes().to_vec(),
        ),
        Origin::Stdin => match read_stdin(&config.limits) {
            Ok(bytes) => (RequestKind::Bytes, bytes),
            Err(e) => return FileOutcome::failed(format!("cannot read stdin ({e})")),
        },
        Origin::Stream(path) => match read_input(path, &config.limits) {
            Ok(bytes) => (RequestKind::Bytes, bytes),
            Err(e) => return FileOutcome::failed(format!("cannot read ({e})")),
        },
    };
    let mut extractor = ProcessExtractor {
        worker,
        config,
        kind,
        display: &input.display,
        payload,
    };
    collect(&mut extractor, config.timeout)
}

/// Extraction in the driver's worker process.
struct ProcessExtractor<'a> {
    worker: &'a mut Option<WorkerProcess>,
    config: &'a WorkerConfig,
    kind: RequestKind,
    display: &'a str,
    payload: Vec<u8>,
}

impl Extractor for ProcessExtractor<'_> {
    fn start(&mut self, resume_from: usize) -> Result<(), String> {
        if self.worker.is_none() {
            let spawned = WorkerProcess::spawn(self.config)
                .map_err(|e| format!("internal error: cannot start a worker process ({e})"))?;
            *self.worker = Some(spawned);
        }
        let process = self.worker.as_mut().expect("spawned above");
        let request = Request {
            kind: self.kind,
            resume_from,
            display: self.display.to_string(),
            payload: std::mem::take(&mut self.payload),
        };
        let sent = write_request(&mut process.stdin, &request);
        self.payload = request.payload;
        // A worker that died is noticed by `recv` as a closed channel.
        let _ = sent;
        Ok(())
    }

    fn recv(&mut self, timeout: Duration) -> Result<io::Result<Message>, RecvTimeoutError> {
        match self.worker.as_ref() {
            Some(process) => process.messages.recv_timeout(timeout),
            None => Err(RecvTimeoutError::Disconnected),
        }
    }

    fn stop(&mut self) -> String {
        self.worker
            .take()
            .map(WorkerProcess::finish)
            .unwrap_or_default()
    }
}
