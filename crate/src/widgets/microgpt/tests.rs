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
