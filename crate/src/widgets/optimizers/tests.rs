//! The race model: the default scene makes the post's point, every number is
//! the optimizer's own, and divergence stops one racer without a NaN.

use super::*;
use proptest::prelude::*;

fn racer<'a>(s: &'a OptimizersSnapshot, name: &str) -> &'a RacerSnapshot {
    s.racers.iter().find(|r| r.name == name).expect("a racer")
}

#[test]
fn the_default_scene_sgd_bounces_across_the_ravine_while_adam_settles() {
    let mut m = OptimizersModel::default();
    assert_eq!(m.snapshot().racers.len(), 6);
    // Step 1: SGD moves by γ·g = (−0.6, −2.0); Adam by γ·sign(g) = 0.1 in both.
    m.step();
    let s = m.snapshot();
    let sgd = racer(&s, "sgd");
    assert_eq!(sgd.step, [0.1 * -6.0, 0.1 * -20.0]);
    assert_eq!(sgd.w, [0.6000000000000001, 2.0]);
    let adam = racer(&s, "adam");
    assert!((adam.step[0] + 0.1).abs() < 1e-9 && (adam.step[1] + 0.1).abs() < 1e-9, "{:?}", adam.step);
    assert_eq!(racer(&s, "adamw").decay, [0.0, 0.0], "γλθ at θ = 0");
    for _ in 1..300 {
        m.step();
    }
    let s = m.snapshot();
    // 1 − γ·L″ = 1 − 0.1·20 = −1 on w2: SGD bounces 2, 0, 2, … for ever.
    let w2s: Vec<f64> = m.trail(Kind::Sgd).iter().map(|w| w[1]).collect();
    assert!(w2s[1..].iter().enumerate().all(|(i, &w)| (w - if i % 2 == 0 { 2.0 } else { 0.0 }).abs() < 1e-12));
    // Adam and AdamW are near (3, 1); AdamW's decay part is its own number.
    for name in ["adam", "adamw"] {
        let r = racer(&s, name);
        assert!((r.w[0] - 3.0).abs() < 0.05 && (r.w[1] - 1.0).abs() < 0.05, "{name}: {:?}", r.w);
        assert_eq!(r.health, Health::Stable);
    }
    let adamw = racer(&s, "adamw");
    assert!(adamw.decay[0] > 0.0 && (adamw.decay[0] - 0.1 * 0.01 * m.trail(Kind::AdamW)[299][0]).abs() < 1e-15);
}

#[test]
fn a_diverging_racer_stops_alone_and_shows_no_nan() {
    let mut m = OptimizersModel::default();
    m.set_lr(0.2).expect("η");
    for _ in 0..2000 {
        m.step();
    }
    let s = m.snapshot();
    assert_eq!(racer(&s, "sgd").health, Health::Diverged, "1 − 0.2·20 = −3 on w2");
    assert!(racer(&s, "sgd").t < 2000);
    assert_eq!(racer(&s, "adam").t, 2000, "the others go on");
    for r in &s.racers {
        let all = [r.w[0], r.w[1], r.loss, r.grad[0], r.grad[1], r.step[0], r.step[1], r.decay[0], r.decay[1]];
        assert!(all.iter().all(|x| x.is_finite()), "{}: {all:?}", r.name);
        assert!(!r.text.loss.contains("NaN") && !r.text.loss.contains("inf"));
    }
}

#[test]
fn settings_are_checked_and_a_refusal_changes_nothing() {
    let mut m = OptimizersModel::default();
    let before = m.snapshot();
    assert!(m.set_lr(f64::NAN).is_err());
    assert!(m.set_hyper(Kind::Momentum, "momentum", 1.0).is_err());
    assert!(m.set_hyper(Kind::Adam, "beta2", -0.1).is_err());
    assert!(m.set_hyper(Kind::Adam, "eps", 0.0).is_err());
    assert!(m.set_hyper(Kind::AdamW, "weight_decay", 2.0).is_err());
    assert!(m.set_hyper(Kind::Adam, "gamma", 0.5).is_err());
    // Each optimizer takes its own settings, as PyTorch does.
    assert_eq!(m.set_hyper(Kind::RmsProp, "momentum", 0.5), Err(InputError::NoSuchSetting));
    assert_eq!(m.set_hyper(Kind::Sgd, "beta1", 0.5), Err(InputError::NoSuchSetting));
    assert_eq!(m.set_hyper(Kind::Nesterov, "dampening", 0.5), Err(InputError::NoSuchSetting));
    assert!(m.set_hyper(Kind::Nesterov, "momentum", 0.0).is_err(), "Nesterov needs momentum");
    let e = m.set_hyper(Kind::Momentum, "momentum", 1.0).expect_err("1 is out");
    assert_eq!(e.message(crate::i18n::Lang::En), "The momentum μ must be at least 0 and below 1 (got 1).");
    assert!(m.set_start(f64::INFINITY, 0.0).is_err());
    assert_eq!(m.snapshot(), before);
    m.set_hyper(Kind::Momentum, "momentum", 0.5).expect("μ");
    assert_eq!(racer(&m.snapshot(), "momentum").hyper.momentum, 0.5);
    m.reset_hyper(Kind::Momentum);
    assert_eq!(racer(&m.snapshot(), "momentum").hyper, Hyper::defaults(Kind::Momentum, 0.1));
    // Off: it stays at the start while the others run.
    m.set_enabled(Kind::Sgd, false);
    m.step();
    let s = m.snapshot();
    assert_eq!((racer(&s, "sgd").t, racer(&s, "adam").t), (0, 1));
    // A new start and a new surface start the race over.
    m.set_start(1.0, -1.0).expect("a start");
    assert!(m.snapshot().racers.iter().all(|r| r.t == 0 && r.w == [1.0, -1.0]));
    m.set_surface(Surface::Rosenbrock);
    assert_eq!(m.snapshot().start, [-1.2, 1.0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any accepted η, start and surface: 200 steps, every number finite.
    #[test]
    fn any_accepted_input_keeps_every_number_finite(
        lr in 1e-4f64..1000.0, w1 in -1e6f64..1e6, w2 in -1e6f64..1e6, s in 0usize..4,
    ) {
        let mut m = OptimizersModel::new(crate::surface::SURFACES[s], 0.1);
        m.set_lr(lr).expect("η");
        m.set_start(w1, w2).expect("a start");
        for _ in 0..200 {
            m.step();
        }
        for r in m.snapshot().racers {
            let all = [r.w[0], r.w[1], r.loss, r.grad[0], r.grad[1], r.step[0], r.step[1], r.decay[0], r.decay[1]];
            prop_assert!(all.iter().all(|x| x.is_finite()), "{}: {:?}", r.name, all);
        }
    }
}
