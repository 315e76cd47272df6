//! SIGINT and SIGTERM: the run stops cleanly. The signals are blocked in every thread and
//! taken by one waiting thread, which removes the temporary output files and exits with
//! 130 / 143; worker processes die with their parent (`PR_SET_PDEATHSIG`).

use super::atomic;

/// Block SIGINT and SIGTERM in this thread (and so in every thread started after it) and
/// start the thread that takes them; once. Called when there is something to clean up —
/// before the first temporary file or worker process — so that a run with neither starts no
/// thread for it (the default action of the signals then does what is needed, exit status
/// 128 + signal included).
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(install_now);
}

fn install_now() {
    // SAFETY: plain libc calls on a signal set owned by this frame.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    };
    std::thread::spawn(move || {
        let mut signal: libc::c_int = 0;
        // SAFETY: sigwait reads the set and writes the signal number.
        if unsafe { libc::sigwait(&set, &mut signal) } == 0 {
            atomic::remove_all();
            std::process::exit(128 + signal);
        }
    });
}

/// In a worker process: take the default action on SIGINT/SIGTERM again (the mask is
/// inherited) and die when the parent does.
pub fn worker_setup() {
    // SAFETY: plain libc calls; prctl with PR_SET_PDEATHSIG takes a signal number.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        // Linux only; elsewhere the getppid check below is the whole guard.
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        // The parent may have died before the call above took effect.
        if libc::getppid() == 1 {
            std::process::exit(1);
        }
    }
}
