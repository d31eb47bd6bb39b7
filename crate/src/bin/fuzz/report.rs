//! What the fuzzer remembers, and how it reports a fault: the last
//! operations, printed with the fault, then exit 1.

use std::collections::VecDeque;
use std::sync::Mutex;

/// Operations remembered for the report when something fails.
const REMEMBERED: usize = 40;

/// The last operations, for the report (the panic hook reads them too).
static LOG: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

pub(crate) fn remember(op: String) {
    if let Ok(mut log) = LOG.lock() {
        if log.len() == REMEMBERED {
            log.pop_front();
        }
        log.push_back(op);
    }
}

pub(crate) fn report_and_exit(fault: &str) -> ! {
    eprintln!("FAULT: {fault}");
    if let Ok(log) = LOG.lock() {
        eprintln!("last operations, oldest first:");
        for op in log.iter() {
            eprintln!("  {op}");
        }
    }
    std::process::exit(1);
}
