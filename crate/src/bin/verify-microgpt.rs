//! `make verify-microgpt NAMES=path/to/names.txt`: trains microgpt for 1,000
//! steps exactly as Karpathy's microgpt.py does (seed 42), prints every step's
//! loss and 20 samples, and compares them with microgpt.py's own output.
//! Exits non-zero on any mismatch.

use downhill::microgpt::data::Corpus;
use downhill::microgpt::reference::{FIRST_LOSSES, LAST_LOSS, SAMPLES};
use downhill::microgpt::train::{TrainConfig, Trainer};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: verify-microgpt NAMES_FILE   (makemore's names.txt, 32,033 names)");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus = match Corpus::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let docs = corpus.docs.len();
    let mut trainer = Trainer::new(corpus, TrainConfig::default());
    let started = Instant::now();
    let mut mismatches = Vec::new();
    while let Some(loss) = trainer.step() {
        let step = trainer.steps_done();
        let printed = format!("{loss:.4}");
        println!("step {step} loss {printed}");
        let want = match step {
            1..=20 => Some(FIRST_LOSSES[step - 1]),
            1000 => Some(LAST_LOSS),
            _ => None,
        };
        if let Some(want) = want {
            if printed != want {
                mismatches.push(format!("step {step}: loss {printed}, microgpt.py printed {want}"));
            }
        }
    }
    let elapsed = started.elapsed();
    for (i, name) in trainer.sample(20, 0.5).iter().enumerate() {
        println!("sample {} {name}", i + 1);
        if SAMPLES.get(i) != Some(&name.as_str()) {
            mismatches.push(format!(
                "sample {}: {name}, microgpt.py sampled {}",
                i + 1,
                SAMPLES[i]
            ));
        }
    }
    let steps = trainer.steps_done();
    eprintln!(
        "{docs} documents, {steps} steps in {:.1} ms ({:.3} ms per step)",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e3 / steps.max(1) as f64
    );
    if mismatches.is_empty() {
        println!("OK: the losses of steps 1–20 and 1000 and all 20 samples match microgpt.py");
        ExitCode::SUCCESS
    } else {
        for m in &mismatches {
            println!("MISMATCH {m}");
        }
        ExitCode::FAILURE
    }
}
