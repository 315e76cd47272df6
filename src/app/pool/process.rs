//! Worker processes: the parent side ([`WorkerProcess`]: this executable started as
//! `sheet-extract __worker`, its configuration sent as the first message, its answers read
//! on a thread; [`ProcessExtractor`]: one file's attempts in it, restarted when it dies or
//! is killed) and the worker side ([`worker_main`]: answer requests until stdin closes,
//! with a time limit of its own in case the parent is stopped).

use std::ffi::OsStr;
use std::io::{self, BufReader, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use sheet_extract::ExtractError;

use super::attempt::{Ended, Extractor, RunningTime};
use super::extract::extract_file;
use super::protocol::{
    self, ConfigWire, InputRef, Message, Request, ToWorker, WorkerConfig, receive, send,
};
use super::{STACK_SIZE, cap_address_space, read_input};

/// The argument that turns the executable into a worker.
pub const WORKER_ARG: &str = "__worker";

/// The exit status of a worker that ended itself by its own time limit.
const OWN_LIMIT_EXIT: i32 = 3;

/// The time after which a worker without progress stops itself: the limit and a grace of a
/// quarter of it (at least a second). The parent normally stops the worker first; this is
/// for a parent that was itself stopped (SIGSTOP) or lost.
fn own_limit(timeout: Duration) -> Duration {
    timeout.saturating_add((timeout / 4).max(Duration::from_secs(1)))
}

/// A running worker process and the channel its messages arrive on.
pub struct WorkerProcess {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    messages: Receiver<io::Result<Message>>,
}

impl WorkerProcess {
    fn spawn(config: &WorkerConfig) -> io::Result<WorkerProcess> {
        let exe = std::env::current_exe()?;
        let mut child = Command::new(exe)
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdin = BufWriter::new(child.stdin.take().expect("piped"));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || {
            loop {
                let message = receive::<Message>(&mut stdout)
                    .and_then(|m| m.ok_or_else(|| io::ErrorKind::UnexpectedEof.into()));
                let failed = message.is_err();
                if sender.send(message).is_err() || failed {
                    break;
                }
            }
        });
        // A worker that died at once is noticed by `recv` as a closed channel.
        let _ = send(&mut stdin, &ToWorker::Config(ConfigWire::from(config)));
        Ok(WorkerProcess {
            child,
            stdin,
            messages,
        })
    }

    /// Kill the process and say how it ended.
    fn finish(mut self) -> Ended {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) if status.code() == Some(OWN_LIMIT_EXIT) => Ended::OwnTimeLimit,
            Ok(status) => Ended::Died(status.to_string()),
            Err(e) => Ended::Died(e.to_string()),
        }
    }

    /// Whether the process is stopped by a signal (state `T` or `t` in `/proc/PID/stat`).
    fn is_stopped(&self) -> bool {
        let stat = std::fs::read(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // The state follows the command name, which is in parentheses and may hold any byte.
        let after_name = stat
            .iter()
            .rposition(|&b| b == b')')
            .map_or(&[][..], |i| &stat[i + 1..]);
        matches!(after_name.trim_ascii_start().first(), Some(b'T' | b't'))
    }

    /// Close its input and wait for it to end.
    pub fn close(self) {
        drop(self.stdin);
        let mut child = self.child;
        let _ = child.wait();
    }
}

/// One file's attempts in a driver's worker process (started or restarted as needed).
pub struct ProcessExtractor<'a> {
    pub worker: &'a mut Option<WorkerProcess>,
    pub config: &'a WorkerConfig,
    pub display: &'a str,
    /// The file's path, or `None` when `bytes` are sent.
    pub path: Option<&'a Path>,
    pub bytes: Vec<u8>,
}

impl Extractor for ProcessExtractor<'_> {
    fn start(&mut self, resume_from: usize) -> Result<(), ExtractError> {
        if self.worker.is_none() {
            let spawned = WorkerProcess::spawn(self.config).map_err(|e| {
                ExtractError::Internal(format!("cannot start a worker process ({e})"))
            })?;
            *self.worker = Some(spawned);
        }
        let process = self.worker.as_mut().expect("spawned above");
        let input = match self.path {
            Some(path) => InputRef::Path(path.as_os_str().as_bytes().to_vec()),
            None => InputRef::Bytes,
        };
        let request = ToWorker::Extract(Request {
            resume_from,
            display: self.display.to_string(),
            input,
        });
        let sent = send(&mut process.stdin, &request).and_then(|()| match self.path {
            Some(_) => Ok(()),
            None => protocol::write_frame(&mut process.stdin, &self.bytes)
                .and_then(|()| process.stdin.flush()),
        });
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

    fn stop(&mut self) -> Ended {
        self.worker
            .take()
            .map_or(Ended::Died(String::new()), WorkerProcess::finish)
    }

    fn is_stopped(&mut self) -> bool {
        self.worker.as_ref().is_some_and(WorkerProcess::is_stopped)
    }
}

/// The worker process: read the configuration, then answer requests on stdin until it
/// closes, streaming each file's messages on stdout.
pub fn worker_main() -> std::process::ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    cap_address_space();
    // The extraction runs on a thread of a known stack size, whatever RUST_MIN_STACK says.
    let serve = thread::Builder::new().stack_size(STACK_SIZE).spawn(serve);
    match serve.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => std::process::ExitCode::from(2),
    }
}

fn serve() -> std::process::ExitCode {
    let mut requests = BufReader::new(io::stdin().lock());
    let mut responses = BufWriter::new(io::stdout().lock());
    let config = match receive::<ToWorker>(&mut requests) {
        Ok(Some(ToWorker::Config(wire))) => WorkerConfig::try_from(wire).ok(),
        _ => None,
    };
    let Some(config) = config else {
        return std::process::ExitCode::from(2);
    };
    let (progress, idle) = own_time_limit(config.timeout);
    while let Ok(Some(ToWorker::Extract(request))) = receive::<ToWorker>(&mut requests) {
        idle.store(false, Ordering::SeqCst);
        progress.fetch_add(1, Ordering::SeqCst);
        let bytes = match &request.input {
            InputRef::Path(path) => read_input(Path::new(OsStr::from_bytes(path)), &config.limits)
                .map_err(|e| ExtractError::Unreadable(e.to_string())),
            InputRef::Bytes => match protocol::read_frame(&mut requests) {
                Ok(Some(bytes)) => Ok(bytes),
                _ => break,
            },
        };
        let mut broken = false;
        let mut emit = |message: Message| {
            progress.fetch_add(1, Ordering::SeqCst);
            broken = broken || send(&mut responses, &message).is_err();
        };
        extract_file(
            &request.display,
            bytes.map(Arc::new),
            &config,
            request.resume_from,
            &mut emit,
        );
        progress.fetch_add(1, Ordering::SeqCst);
        idle.store(true, Ordering::SeqCst);
        if broken {
            break;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// A worker keeps its own time limit: a thread ends the process (exit status
/// [`OWN_LIMIT_EXIT`]) when a request made no progress while it ran for longer than the
/// limit plus a grace, whatever the parent does. Its time is counted as the parent counts
/// it ([`RunningTime`]): a check that comes late (the worker was stopped) adds a quarter
/// second at most. Gives the progress counter (bumped at each step) and the idle flag.
fn own_time_limit(timeout: Duration) -> (Arc<AtomicU64>, Arc<AtomicBool>) {
    let progress = Arc::new(AtomicU64::new(0));
    let idle = Arc::new(AtomicBool::new(true));
    let (counter, idle_flag) = (Arc::clone(&progress), Arc::clone(&idle));
    let limit = own_limit(timeout);
    thread::spawn(move || {
        let mut clock = RunningTime::new(limit, Instant::now());
        let mut seen = counter.load(Ordering::SeqCst);
        loop {
            thread::sleep(Duration::from_millis(100));
            let now = counter.load(Ordering::SeqCst);
            if now != seen || idle_flag.load(Ordering::SeqCst) {
                seen = now;
                clock.restart(Instant::now());
            } else if clock.check(Instant::now(), false) {
                std::process::exit(OWN_LIMIT_EXIT);
            }
        }
    });
    (progress, idle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_limit_adds_a_quarter_and_at_least_a_second() {
        assert_eq!(own_limit(Duration::from_secs(1)), Duration::from_secs(2));
        assert_eq!(own_limit(Duration::from_secs(60)), Duration::from_secs(75));
        assert_eq!(own_limit(Duration::MAX), Duration::MAX);
    }
}
