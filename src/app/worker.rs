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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use sheet_extract::output::{Format, Renderer, Table};
use sheet_extract::{ExtractError, Limits};

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
    pub renderer: Renderer,
    pub limits: Limits,
    pub timeout: Duration,
}

/// One input to extract.
pub struct Job {
    pub index: usize,
    pub input: Input,
}

/// A sheet rendered in the output format, and its warnings.
pub struct Extracted {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// The result for the input at `index`.
pub struct Outcome {
    pub index: usize,
    pub result: Result<Extracted, String>,
}

// ---------------------------------------------------------------------------------------
// Extraction itself (in the worker process).

/// Extract and render one input; a panic becomes an internal error.
pub fn extract_one(
    display: &str,
    bytes: io::Result<Vec<u8>>,
    config: &WorkerConfig,
) -> Result<Extracted, String> {
    let bytes = bytes.map_err(|e| format!("cannot read ({e})"))?;
    let run = || {
        inject_fault(display);
        sheet_extract::extract_with(bytes, display, &config.limits)
    };
    let sheet = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result.map_err(|e| e.to_string())?,
        Err(panic) => return Err(ExtractError::Internal(panic_message(&*panic)).to_string()),
    };
    Ok(Extracted {
        bytes: config.renderer.sheet(&sheet),
        warnings: sheet.warnings,
    })
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

/// Extract a single input in this process: no worker to start, which halves the cost of a
/// one-file run. A panic is still caught; the time limit is kept by a watchdog thread that
/// reports the file and ends the process; the address space is capped as in a worker.
pub fn run_in_process(input: &Input, config: &WorkerConfig) -> Result<Extracted, String> {
    let bytes = match &input.origin {
        Origin::Unusable(reason) => return Err(reason.clone()),
        Origin::File(path) => read_input(path, &config.limits),
        Origin::Stdin => read_stdin(&config.limits),
    };
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    let finished = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let finished = Arc::clone(&finished);
        let display = input.display.clone();
        let timeout = config.timeout;
        move || {
            thread::sleep(timeout);
            if !finished.load(Ordering::SeqCst) {
                eprintln!("{display}: {}", timeout_reason(timeout));
                std::process::exit(1);
            }
        }
    };
    thread::spawn(watchdog);
    let result = extract_one(&input.display, bytes, config);
    finished.store(true, Ordering::SeqCst);
    result
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
        .take(limits.max_input_bytes + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read a file, refusing one larger than the input limit before reading it.
pub fn read_input(path: &Path, limits: &Limits) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limits.max_input_bytes + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The worker process: answer requests on stdin until it closes.
pub fn worker_main(args: &[String]) -> std::process::ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    let Some(config) = decode_config(args) else {
        return std::process::ExitCode::from(2);
    };
    let mut requests = BufReader::new(io::stdin().lock());
    let mut responses = BufWriter::new(io::stdout().lock());
    while let Ok(Some(request)) = read_request(&mut requests) {
        let bytes = match request.kind {
            RequestKind::Path => {
                let path = Path::new(OsStr::from_bytes(&request.payload));
                read_input(path, &config.limits)
            }
            RequestKind::Bytes => Ok(request.payload),
        };
        let result = extract_one(&request.display, bytes, &config);
        if write_response(&mut responses, &result).is_err() {
            break;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// Test hook: `SHEET_EXTRACT_FAULT=KIND:NEEDLE` makes the worker panic, hang or abort on
/// inputs whose path contains NEEDLE, so that tests can prove a batch survives each.
fn inject_fault(display: &str) {
    let Ok(spec) = std::env::var("SHEET_EXTRACT_FAULT") else {
        return;
    };
    let Some((kind, needle)) = spec.split_once(':') else {
        return;
    };
    if !display.contains(needle) {
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
    let r = &config.renderer;
    let l = &config.limits;
    vec![
        WORKER_ARG.into(),
        format!("{:?}", r.format),
        format!("{:?}", r.table),
        r.json_array.to_string(),
        l.max_input_bytes.to_string(),
        l.max_pages.to_string(),
        l.max_stream_bytes.to_string(),
    ]
}

fn decode_config(args: &[String]) -> Option<WorkerConfig> {
    let [_, format, table, array, input, pages, stream] = args else {
        return None;
    };
    let format = match format.as_str() {
        "Json" => Format::Json,
        "Ndjson" => Format::Ndjson,
        "Csv" => Format::Csv,
        _ => return None,
    };
    let table = match table.as_str() {
        "Indicators" => Table::Indicators,
        "Projects" => Table::Projects,
        "Text" => Table::Text,
        _ => return None,
    };
    let limits = Limits {
        max_input_bytes: input.parse().ok()?,
        max_pages: pages.parse().ok()?,
        max_stream_bytes: stream.parse().ok()?,
        ..Limits::default()
    };
    Some(WorkerConfig {
        renderer: Renderer {
            format,
            table,
            json_array: array.parse().ok()?,
            bom: false,
        },
        limits,
        timeout: Duration::ZERO,
    })
}

// ---------------------------------------------------------------------------------------
// The pipe protocol: length-prefixed frames.
//
// request  = kind:u8 (0 path, 1 bytes) · display · payload
// response = status:u8 (0 ok, 1 failed) · count:u64 · warning* · payload (bytes or reason)

#[derive(Clone, Copy)]
enum RequestKind {
    Path,
    Bytes,
}

struct Request {
    kind: RequestKind,
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

fn write_request(
    w: &mut impl Write,
    kind: RequestKind,
    display: &str,
    payload: &[u8],
) -> io::Result<()> {
    w.write_all(&[kind as u8])?;
    write_frame(w, display.as_bytes())?;
    write_frame(w, payload)?;
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
    let display = read_string(r)?;
    let payload = read_frame(r)?;
    Ok(Some(Request {
        kind,
        display,
        payload,
    }))
}

fn write_response(w: &mut impl Write, result: &Result<Extracted, String>) -> io::Result<()> {
    match result {
        Ok(extracted) => {
            w.write_all(&[0])?;
            w.write_all(&(extracted.warnings.len() as u64).to_le_bytes())?;
            for warning in &extracted.warnings {
                write_frame(w, warning.as_bytes())?;
            }
            write_frame(w, &extracted.bytes)?;
        }
        Err(reason) => {
            w.write_all(&[1])?;
            w.write_all(&0u64.to_le_bytes())?;
            write_frame(w, reason.as_bytes())?;
        }
    }
    w.flush()
}

fn read_response(r: &mut impl Read) -> io::Result<Result<Extracted, String>> {
    let mut status = [0u8; 1];
    r.read_exact(&mut status)?;
    let count = read_u64(r)?;
    let mut warnings = Vec::new();
    for _ in 0..count.min(1 << 20) {
        warnings.push(read_string(r)?);
    }
    let payload = read_frame(r)?;
    Ok(match status[0] {
        0 => Ok(Extracted {
            bytes: payload,
            warnings,
        }),
        _ => Err(String::from_utf8_lossy(&payload).into_owned()),
    })
}

// ---------------------------------------------------------------------------------------
// The parent side: a pool of drivers, each owning one worker process.

/// A running worker process and the channel its responses arrive on.
struct WorkerProcess {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    responses: Receiver<io::Result<Result<Extracted, String>>>,
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
        let (sender, responses) = mpsc::channel();
        thread::spawn(move || {
            loop {
                let response = read_response(&mut stdout);
                let failed = response.is_err();
                if sender.send(response).is_err() || failed {
                    break;
                }
            }
        });
        Ok(WorkerProcess {
            child,
            stdin,
            responses,
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

fn run_job(
    input: &Input,
    worker: &mut Option<WorkerProcess>,
    config: &WorkerConfig,
) -> Result<Extracted, String> {
    let (kind, payload) = match &input.origin {
        Origin::Unusable(reason) => return Err(reason.clone()),
        Origin::File(path) => (
            RequestKind::Path,
            path.as_os_str().as_encoded_bytes().to_vec(),
        ),
        Origin::Stdin => {
            let bytes =
                read_stdin(&config.limits).map_err(|e| format!("cannot read stdin ({e})"))?;
            (RequestKind::Bytes, bytes)
        }
    };
    if worker.is_none() {
        let spawned = WorkerProcess::spawn(config)
            .map_err(|e| format!("internal error: cannot start a worker process ({e})"))?;
        *worker = Some(spawned);
    }
    let process = worker.as_mut().expect("spawned above");
    let sent = write_request(&mut process.stdin, kind, &input.display, &payload);
    let response = match sent {
        Ok(()) => process.responses.recv_timeout(config.timeout),
        Err(_) => Err(RecvTimeoutError::Disconnected),
    };
    match response {
        Ok(Ok(result)) => result,
        Err(RecvTimeoutError::Timeout) => {
            worker.take().map(WorkerProcess::finish);
            Err(timeout_reason(config.timeout))
        }
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
            let how = worker.take().map(WorkerProcess::finish).unwrap_or_default();
            Err(format!(
                "internal error: the extractor process died ({how}; out of memory?)"
            ))
        }
    }
}
