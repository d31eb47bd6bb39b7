//! `make bench` helper: times microgpt training natively. Usage:
//! `bench-microgpt CORPUS_FILE` — 1,000 steps (seed 42, Adam), each timed;
//! prints one JSON line with the median, p95 and total in milliseconds.

use downhill::microgpt::data::Corpus;
use downhill::microgpt::train::{TrainConfig, Trainer};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench-microgpt CORPUS_FILE");
        return ExitCode::from(2);
    };
    let corpus = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| Corpus::parse(&t).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut trainer = Trainer::new(corpus, TrainConfig::default());
    let mut times = Vec::with_capacity(1000);
    let started = Instant::now();
    loop {
        let t0 = Instant::now();
        if trainer.step().is_none() {
            break;
        }
        times.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    let total = started.elapsed().as_secs_f64() * 1e3;
    times.sort_by(f64::total_cmp);
    let q = |p: f64| {
        times
            .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "{{\"steps\":{},\"median_ms\":{:.5},\"p95_ms\":{:.5},\"total_ms\":{:.2}}}",
        times.len(),
        q(0.5),
        q(0.95),
        total
    );
    ExitCode::SUCCESS
}
