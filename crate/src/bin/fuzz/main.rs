//! `make fuzz`: drives every widget model natively with random operations and
//! extreme `f64` inputs (NaN, ±∞, ±f64::MAX, ±1e308, subnormals, −0, times
//! that jump or are not finite), and checks after every operation that
//!
//! - nothing panics (a panic prints the last operations and fails);
//! - nothing hangs (a watchdog fails the run when one operation or one
//!   drawing takes longer than [`HANG_LIMIT`]);
//! - every number in every snapshot is finite or pending (`None`);
//! - no text a reader sees (snapshot strings, error messages in both
//!   languages, URL notices) holds `NaN`, `inf` or a negative zero;
//! - a clocked widget's `tick` says true exactly when its snapshot changed;
//!
//! and every [`RENDER_EVERY`] operations draws every chart of every widget
//! into a bitmap, where every coordinate must stay near the canvas.
//!
//! `cargo run --release --bin fuzz -- [OPERATIONS] [SEED]`
//! (defaults 1,000,000 and 1). Prints a summary; exits 1 on the first fault.

// Native only: it draws into bitmaps and reads no browser. (`cargo test
// --target wasm32-unknown-unknown` compiles every binary, so the wasm build
// gets an empty one.)
#[cfg(not(target_arch = "wasm32"))]
mod checks;
#[cfg(not(target_arch = "wasm32"))]
mod inputs;
#[cfg(not(target_arch = "wasm32"))]
mod race;
#[cfg(not(target_arch = "wasm32"))]
mod report;
#[cfg(not(target_arch = "wasm32"))]
mod widgets;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use crate::inputs::Rng;
    use crate::report::{remember, report_and_exit};
    use crate::widgets::Widgets;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    /// Operations between two drawings of every chart.
    const RENDER_EVERY: u64 = 250;
    /// Longest any one operation or drawing may take before the run counts as hung.
    const HANG_LIMIT: Duration = Duration::from_secs(10);

    pub fn main() {
        let mut args = std::env::args().skip(1);
        let operations: u64 = args
            .next()
            .and_then(|a| a.replace('_', "").parse().ok())
            .unwrap_or(1_000_000);
        let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);

        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            default_hook(info);
            report_and_exit("a panic");
        }));

        // The watchdog: the main loop bumps `progress` after every operation and
        // every drawing; if it stands still for HANG_LIMIT, the run is hung.
        let progress = Arc::new(AtomicU64::new(0));
        {
            let progress = Arc::clone(&progress);
            std::thread::spawn(move || {
                let mut last = u64::MAX;
                loop {
                    std::thread::sleep(HANG_LIMIT);
                    let now = progress.load(Ordering::Relaxed);
                    if now == last {
                        report_and_exit(&format!("no progress for {HANG_LIMIT:?}: a hang"));
                    }
                    last = now;
                }
            });
        }

        let started = Instant::now();
        let mut rng = Rng(seed);
        let mut w = Widgets::new();
        let mut drawings = 0u64;
        for k in 1..=operations {
            let op = w.operate(&mut rng);
            remember(op);
            w.check();
            progress.fetch_add(1, Ordering::Relaxed);
            if k % RENDER_EVERY == 0 {
                remember(format!("draw every chart after operation {k}"));
                if let Err(fault) = w.draw(&mut rng) {
                    report_and_exit(&fault);
                }
                drawings += 1;
                progress.fetch_add(1, Ordering::Relaxed);
            }
            // A fresh set of widgets now and then, so states early in a run are
            // visited again, not only the long-diverged ones.
            if k % 20_000 == 0 {
                w = Widgets::new();
            }
            if k % 100_000 == 0 {
                eprintln!(
                    "{k} operations, {drawings} drawings, {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
        }
        println!(
            "fuzz: {operations} operations (seed {seed}), every chart drawn {drawings} times, in {:.1} s: no panic, no hang, every snapshot finite or pending, no NaN, inf or -0 in any text",
            started.elapsed().as_secs_f64()
        );
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
