use super::*;
use crate::optim;

#[test]
fn adam_first_step_by_hand() {
    // g = 0.5: m = 0.15·0.5 = 0.075, v = 0.01·0.25 = 0.0025, m̂ = 0.5, v̂ = 0.25,
    // w −= 0.01 · 0.5 / (0.5 + 1e-8).
    let mut p = [1.0];
    let mut s = optim::State::new(1);
    let go = |opt: Optimizer, p: &mut [f64], s: &mut optim::State, g: &[f64]| {
        let (kind, hyper) = opt.torch(0.01);
        optim::step(kind, &hyper, s, p, g, None);
    };
    go(Optimizer::Adam, &mut p, &mut s, &[0.5]);
    assert!((s.m[0] - 0.075).abs() < 1e-15 && (s.v[0] - 0.0025).abs() < 1e-15);
    assert!((p[0] - (1.0 - 0.01 * 0.5 / (0.5 + 1e-8))).abs() < 1e-15);
    // Second step, g = −0.5: m = 0.85·0.075 − 0.075 = −0.01125, m̂ = m / (1 − 0.85²).
    go(Optimizer::Adam, &mut p, &mut s, &[-0.5]);
    assert!((s.m[0] - (-0.01125)).abs() < 1e-15);
    let v2: f64 = 0.99 * 0.0025 + 0.01 * 0.25;
    let want = 0.01 * (-0.01125 / (1.0 - 0.85f64.powi(2))) / ((v2 / (1.0 - 0.99f64.powi(2))).sqrt() + 1e-8);
    assert!((p[0] - (1.0 - 0.01 * 0.5 / (0.5 + 1e-8) - want)).abs() < 1e-14);
}

#[test]
fn sgd_and_adamw_by_hand() {
    let (kind, hyper) = Optimizer::Sgd.torch(0.1);
    let mut p = [2.0, -1.0];
    let mut s = optim::State::new(2);
    optim::step(kind, &hyper, &mut s, &mut p, &[0.5, -2.0], None);
    assert_eq!(p, [2.0 - 0.05, -1.0 + 0.2]);
    assert_eq!(s.m, [0.0; 2], "SGD keeps no moments");
    // AdamW with g = 0: only the decay term moves w: w −= lr·λ·w.
    let (kind, hyper) = Optimizer::AdamW { weight_decay: 0.1 }.torch(0.01);
    let mut p = [2.0];
    let mut s = optim::State::new(1);
    optim::step(kind, &hyper, &mut s, &mut p, &[0.0], None);
    assert!((p[0] - (2.0 - 0.01 * 0.1 * 2.0)).abs() < 1e-15);
}

/// The page's built-in names (the npm packages `make test` installs), as one text.
pub(crate) fn builtin_text() -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../node_modules/@stdlib");
    let mut text = String::new();
    for kind in ["female", "male"] {
        let path = format!("{root}/datasets-{kind}-first-names-en/data/names.txt");
        let list = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (run `make test`, which installs the npm packages)"));
        for line in list.lines() {
            let name = line.trim().to_lowercase();
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()) {
                text.push_str(&name);
                text.push('\n');
            }
        }
    }
    text
}

fn builtin_corpus() -> Corpus {
    Corpus::parse(&builtin_text()).expect("names")
}

#[test]
fn training_on_the_builtin_names_learns() {
    let corpus = builtin_corpus();
    assert!(corpus.docs.len() > 8000);
    assert_eq!(corpus.vocab_size(), 27);
    let mut t = Trainer::new(corpus, TrainConfig::default());
    while t.step().is_some() {}
    let losses = t.losses();
    assert_eq!(losses.len(), 1000);
    let first: f64 = losses[..20].iter().sum::<f64>() / 20.0;
    let last: f64 = losses[900..].iter().sum::<f64>() / 100.0;
    let uniform = 27f64.ln();
    assert!((first - uniform).abs() < 0.25, "starts near ln 27: {first}");
    assert!(
        last < uniform - 0.5,
        "mean loss of the last 100 steps {last} is well below ln 27 = {uniform}"
    );
    let names = t.sample(20, 0.5);
    assert_eq!(names.len(), 20);
    assert!(names.iter().filter(|n| !n.is_empty()).count() >= 15);
}

#[test]
fn sgd_and_adamw_runs_stay_finite_and_are_deterministic() {
    let corpus = Corpus::parse("emma\nolivia\nava\nisabella\nsophia\nmia\n").expect("names");
    for optimizer in [
        Optimizer::Sgd,
        Optimizer::AdamW { weight_decay: 0.01 },
        Optimizer::Adam,
    ] {
        let config = TrainConfig {
            num_steps: 60,
            lr: 0.05,
            optimizer,
            ..TrainConfig::default()
        };
        let mut a = Trainer::new(corpus.clone(), config);
        let mut b = Trainer::new(corpus.clone(), config);
        while let (Some(x), Some(y)) = (a.step(), b.step()) {
            assert_eq!(x, y, "same inputs, same numbers");
            assert!(x.is_finite());
        }
        assert_eq!(a.sample(5, 0.5), b.sample(5, 0.5));
    }
}
