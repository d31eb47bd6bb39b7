use super::*;

fn tiny() -> MicrogptModel {
    let mut m = MicrogptModel::default();
    m.load_corpus(
        "emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\n",
        "tiny",
    )
    .expect("text");
    m.set_steps(250.0).expect("valid");
    m
}

#[test]
fn trains_in_slices_previews_and_samples_at_the_end() {
    let mut m = tiny();
    assert_eq!(m.train(10), 0, "idle does not train");
    m.toggle();
    let mut slices = 0;
    while m.train(37) > 0 {
        slices += 1;
    }
    assert_eq!(slices, 7);
    let s = m.snapshot();
    assert_eq!((s.state, s.step), (Phase::Done, 250));
    assert_eq!(s.samples.len(), FINAL_NAMES);
    assert_eq!(s.previews.iter().map(|p| p.step).collect::<Vec<_>>(), [100, 200]);
    assert!(s.loss_ema.expect("ema") < s.baseline);
    assert_eq!(s.params, Config::microgpt(s.vocab).param_count());
}

#[test]
fn previews_do_not_change_the_final_names() {
    // A run sampled mid-way ends with the same 20 names as one that was not.
    let corpus = Corpus::parse("emma\nolivia\nava\nisabella\nsophia\nmia\n").expect("text");
    let config = TrainConfig {
        num_steps: 200,
        ..TrainConfig::default()
    };
    let mut plain = Trainer::new(corpus.clone(), config);
    while plain.step().is_some() {}
    let mut m = MicrogptModel::default();
    m.load_corpus("emma\nolivia\nava\nisabella\nsophia\nmia\n", "x")
        .expect("text");
    m.set_steps(200.0).expect("valid");
    m.toggle();
    while m.train(50) > 0 {}
    assert_eq!(m.snapshot().samples, plain.sample(FINAL_NAMES, 0.5));
}

#[test]
fn pause_compare_and_bad_settings() {
    let mut m = tiny();
    m.toggle();
    m.train(20);
    m.toggle();
    assert_eq!(m.snapshot().state, Phase::Paused);
    assert_eq!(m.train(20), 0);
    m.keep_for_comparison();
    assert_eq!(m.snapshot().comparison.as_deref(), Some("Adam, η 0.01"));
    assert_eq!(m.snapshot().state, Phase::Idle);
    assert!(m.set_lr(0.0).is_err());
    assert!(m.set_steps(0.0).is_err());
    assert!(m.set_steps(f64::NAN).is_err());
    assert!(m.set_seed(-1.0).is_err());
    assert!(m.set_temperature(5.0).is_err());
    assert!(!m.set_optimizer("lion"));
    assert!(m.set_optimizer("sgd"));
    assert_eq!(m.snapshot().optimizer, "sgd");
    assert!(m.load_corpus("\0\0\0", "bin").is_err());
    assert_eq!(
        m.snapshot().corpus_name,
        "tiny",
        "a refused file keeps the corpus"
    );
}

/// Trains on the built-in names with `optimizer` at `lr` until the run stops.
fn run_to_the_end(optimizer: &str, lr: f64) -> (MicrogptModel, Vec<MicrogptSnapshot>) {
    let mut m = MicrogptModel::default();
    let text = crate::microgpt::train::tests::builtin_text();
    m.load_corpus(&text, "built-in names").expect("names");
    assert!(m.set_optimizer(optimizer));
    m.set_lr(lr).expect("η up to 10 is allowed");
    m.toggle();
    let mut seen = Vec::new();
    while m.train(1) > 0 {
        seen.push(m.snapshot());
    }
    seen.push(m.snapshot());
    (m, seen)
}

/// Every number a snapshot carries is finite or pending.
fn all_finite(s: &MicrogptSnapshot) -> bool {
    [s.loss, s.loss_ema, s.ms_per_step]
        .iter()
        .flatten()
        .all(|v| v.is_finite())
        && s.baseline.is_finite()
        && s.lr.is_finite()
        && s.temperature.is_finite()
}

#[test]
fn adam_at_a_large_rate_diverges_as_a_state() {
    // Issue 10: Adam at η = 0.5 reached a loss of +∞ and kept training on it
    // for the rest of the 1,000 steps. (The loss goes 3.24, 73.1, 161.6, and
    // the fourth step would make a weight non-finite.)
    let (mut m, seen) = run_to_the_end("adam", 0.5);
    let last = seen.last().expect("snapshots");
    assert_eq!(last.state, Phase::Diverged);
    let at = last.diverged_at.expect("the refused step is named");
    assert!(at < 100, "stopped early, at step {at}");
    assert_eq!(last.step, at - 1, "the refused step is not counted");
    assert!(seen.iter().all(all_finite), "nothing non-finite is kept");
    assert!(
        seen.iter().any(|s| s.diverging),
        "the diverging badge showed while the loss climbed"
    );
    assert!(last.samples.is_empty(), "no names from a broken model");
    let (raw, ema, _) = m.curves();
    assert!(raw.iter().chain(ema).all(|v| v.is_finite()));
    // Reset brings it back; Train starts a sound run at a sound rate.
    m.reset();
    assert_eq!(
        (m.snapshot().state, m.snapshot().diverged_at),
        (Phase::Idle, None)
    );
    m.set_lr(0.01).expect("η");
    m.toggle();
    assert_eq!(m.train(5), 5);
    assert_eq!(m.snapshot().state, Phase::Training);
}

#[test]
fn sgd_at_rate_one_diverges_as_a_state() {
    // Issue 10: plain SGD at η ≥ 1 gave NaN and sampled `aaaaaaaaaaaaaaaa`.
    let (_, seen) = run_to_the_end("sgd", 1.0);
    let last = seen.last().expect("snapshots");
    assert_eq!(last.state, Phase::Diverged, "stopped at step {}", last.step);
    assert!(seen.iter().all(all_finite));
    assert!(last.samples.is_empty());
}

#[test]
fn a_sound_run_never_shows_diverging() {
    let (_, seen) = run_to_the_end("adam", 0.01);
    assert_eq!(seen.last().expect("snapshots").state, Phase::Done);
    assert!(
        seen.iter().all(|s| !s.diverging),
        "no false alarm at the default η"
    );
}
