//! The race model: the default scene makes the post's point, every number is
//! the optimizer's own, and divergence stops one racer without a NaN.

use super::*;
use crate::descent::Health;
use crate::landscape::Landscape;
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
    assert_eq!(m.set_hyper(Kind::RmsProp, "momentum", 0.5), Err(InputError::NotTaken { optimizer: Kind::RmsProp }));
    assert_eq!(m.set_hyper(Kind::Sgd, "beta1", 0.5), Err(InputError::NotTaken { optimizer: Kind::Sgd }));
    assert_eq!(m.set_hyper(Kind::Nesterov, "dampening", 0.5), Err(InputError::NotTaken { optimizer: Kind::Nesterov }));
    assert_eq!(
        InputError::NotTaken { optimizer: Kind::Sgd }.message(crate::i18n::Lang::En),
        "SGD takes no such setting: its settings are lr, weight_decay."
    );
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
    m.set_surface(Surface::Rosenbrock).expect("a preset");
    assert_eq!(m.snapshot().start, [-1.2, 1.0]);
}

#[test]
fn on_a_line_sgd_is_the_posts_descent_and_the_views_remember_their_landscapes() {
    let mut m = OptimizersModel::default();
    m.set_landscape(Landscape::default()).expect("the bowl");
    let s = m.snapshot();
    assert_eq!((s.view, s.landscape, s.start), ("line", "bowl", [0.0, 0.0]));
    // The post: L = (w − 3)² + 1 from w = 0 at η = 0.1: 0.6, 1.08, 1.464.
    for want in [0.6, 1.08, 1.464] {
        m.step();
        let w = racer(&m.snapshot(), "sgd").w;
        assert!((w[0] - want).abs() < 1e-12 && w[1] == 0.0, "{w:?} vs {want}");
    }
    assert_eq!(racer(&m.snapshot(), "sgd").text.w1, "1.4640");
    // Adam's first step on a line is γ·sign(g) too: from 0 to 0.1.
    assert!((m.trail(Kind::Adam)[1][0] - 0.1).abs() < 1e-9);
    // Back to the map: the ravine again; and the line keeps the double well.
    m.set_landscape(Landscape::DoubleWell).expect("a preset");
    m.set_view("map").expect("map");
    assert_eq!((m.snapshot().view, m.snapshot().landscape, m.snapshot().t), ("map", "ravine", 0));
    m.set_view("line").expect("line");
    assert_eq!(m.snapshot().landscape, "double-well");
    assert_eq!(m.set_view("globe"), Err(InputError::NoSuchSetting));
    // A start where a typed L is undefined is refused on a line.
    m.set_landscape(Landscape::typed("ln(w)").expect("parses")).expect("defined right of 0");
    assert!(m.set_start(-1.0, 0.0).is_err());
}

#[test]
fn a_step_out_of_a_typed_domain_stops_that_racer_only() {
    let mut m = OptimizersModel::default();
    // √w from w = 1 at η = 10: SGD's first step lands at 1 − 10·½ = −4.
    m.set_landscape(Landscape::typed("sqrt(w)").expect("parses")).expect("defined");
    m.set_start(1.0, 0.0).expect("a start");
    m.set_lr(10.0).expect("η");
    m.step();
    let s = m.snapshot();
    assert_eq!(racer(&s, "sgd").health, Health::OutOfDomain);
    assert_eq!(racer(&s, "sgd").w, [1.0, 0.0], "the refused step is not taken");
    assert!(s.racers.iter().all(|r| r.loss.is_finite()));
}

#[test]
fn a_new_setting_retraces_the_race_to_the_clocks_step() {
    let mut m = OptimizersModel::default();
    for _ in 0..25 {
        m.step();
    }
    m.set_hyper(Kind::Adam, "beta1", 0.5).expect("β₁");
    m.set_lr(0.05).expect("η");
    m.set_enabled(Kind::Sgd, false);
    m.set_enabled(Kind::Sgd, true);
    let mut fresh = OptimizersModel::default();
    fresh.set_hyper(Kind::Adam, "beta1", 0.5).expect("β₁");
    fresh.set_lr(0.05).expect("η");
    for _ in 0..25 {
        fresh.step();
    }
    assert_eq!(m.snapshot(), fresh.snapshot());
    assert_eq!(m.snapshot().t, 25);
    assert!(!racer(&m.snapshot(), "adam").defaults);
    m.reset_hyper(Kind::Adam);
    assert!(racer(&m.snapshot(), "adam").defaults);
}

#[test]
fn the_clock_stops_at_its_limit() {
    let mut m = OptimizersModel::default();
    m.set_lr(1e-3).expect("η");
    m.toggle_play(0.0);
    for _ in 0..MAX_T {
        m.step();
    }
    assert!(!m.step(), "no step past MAX_T");
    assert_eq!(m.snapshot().t, MAX_T);
    assert_eq!(m.snapshot().state, "paused");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any accepted η, start and surface: 200 steps, every number finite.
    #[test]
    fn any_accepted_input_keeps_every_number_finite(
        lr in 1e-4f64..1000.0, w1 in -1e6f64..1e6, w2 in -1e6f64..1e6, s in 0usize..4,
    ) {
        let mut m = OptimizersModel::new(crate::surface::SURFACES[s].clone(), 0.1);
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

#[test]
fn a_link_carries_only_the_settings_that_differ_and_back_retraces() {
    let mut m = OptimizersModel::default();
    assert!(m.snapshot().racers.iter().all(|r| r.changed.is_empty()));
    m.set_hyper(Kind::AdamW, "weight_decay", 0.1).expect("λ");
    m.set_hyper(Kind::Sgd, "lr", 0.05).expect("η");
    let s = m.snapshot();
    assert_eq!(racer(&s, "adamw").changed, vec![("weight_decay", 0.1)]);
    assert_eq!(racer(&s, "sgd").changed, vec![("lr", 0.05)]);
    for _ in 0..5 {
        m.step();
    }
    let after4 = {
        let mut n = m.clone();
        n.reset();
        for _ in 0..4 {
            n.step();
        }
        n.snapshot()
    };
    assert!(m.back());
    assert_eq!(m.snapshot().racers, after4.racers);
    assert_eq!(m.snapshot().t, 4);
}

#[test]
fn nesterov_starts_switched_off_because_at_the_default_eta_it_diverges() {
    let mut m = OptimizersModel::default();
    let s = m.snapshot();
    assert!(s.racers.iter().all(|r| r.enabled == (r.name != "nesterov") && r.on_by_default == r.enabled));
    m.set_enabled(Kind::Nesterov, true);
    // η·L″ = 0.1·20 = 2 > 2(1 + 0.9)/(1 + 1.8) ≈ 1.357: the w2 error grows.
    for _ in 0..60 {
        m.step();
    }
    let nesterov = racer(&m.snapshot(), "nesterov").clone();
    assert!(nesterov.health != Health::Stable && (nesterov.w[1] - 1.0).abs() > 1e3, "{:?}", nesterov.w);
    // At η = 0.05 (η·L″ = 1 < 1.357) it converges.
    m.set_lr(0.05).expect("η");
    for _ in 0..400 {
        m.step();
    }
    let w = racer(&m.snapshot(), "nesterov").w;
    assert!((w[0] - 3.0).abs() < 1e-6 && (w[1] - 1.0).abs() < 1e-6, "{w:?}");
}

#[test]
fn a_typed_surface_races_like_a_preset_and_its_domain_is_a_state() {
    let mut typed = OptimizersModel::default();
    typed.set_surface(Surface::typed("L = (w1 − 3)² + 10(w2 − 1)² + 1").expect("parses")).expect("defined");
    let preset = OptimizersModel::default();
    assert_eq!((typed.snapshot().landscape, typed.snapshot().typed.as_deref()), ("formula-map", Some("(w1 − 3)² + 10(w2 − 1)² + 1")));
    // The same race as the preset ravine, number for number, from the typed start.
    let mut preset = preset;
    preset.set_start(typed.snapshot().start[0], typed.snapshot().start[1]).expect("a start");
    for _ in 0..50 {
        typed.step();
        preset.step();
    }
    for (a, b) in typed.snapshot().racers.iter().zip(&preset.snapshot().racers) {
        assert_eq!((a.w, a.loss, a.grad), (b.w, b.loss, b.grad), "{}", a.name);
    }
    // sqrt(w1) + w2²: SGD at η = 5 steps left of w1 = 0 and stops there.
    let mut m = OptimizersModel::default();
    m.set_surface(Surface::typed("sqrt(w1) + w2^2").expect("parses")).expect("defined somewhere");
    assert!(m.snapshot().start[0] >= 0.0, "a defined start");
    m.set_start(1.0, 1.0).expect("a start");
    m.set_lr(5.0).expect("η");
    m.step();
    assert_eq!(racer(&m.snapshot(), "sgd").health, Health::OutOfDomain);
    // Defined nowhere in view: refused, the surface stays.
    assert!(m.set_surface(Surface::typed("sqrt(-1 - w1^2) + w2").expect("parses")).is_err());
    assert_eq!(m.snapshot().typed.as_deref(), Some("sqrt(w1) + w2^2"));
}

#[test]
fn a_map_start_where_l_is_undefined_or_overflows_is_refused() {
    let mut m = OptimizersModel::default();
    m.set_surface(Surface::typed("sqrt(w1) + exp(w2^2)").expect("parses")).expect("defined somewhere");
    let before = m.snapshot();
    assert_eq!(m.set_start(-1.0, 0.0), Err(InputError::OffTheMap { w1: -1.0, w2: 0.0, defined: false }), "√ of a negative");
    let e = m.set_start(1.0, 30.0).expect_err("e^900 overflows");
    assert_eq!(e.message(crate::i18n::Lang::En), "At (w1, w2) = (1, 30) L or its gradient is not a finite number: start elsewhere.");
    assert_eq!(m.snapshot(), before);
    // Defined nowhere on the map: said so.
    assert_eq!(m.set_surface(Surface::typed("ln(-1 - w1^2)").expect("parses")), Err(InputError::NowhereOnTheMap));
}

#[test]
fn adam_coasting_through_the_valley_is_not_called_diverging() {
    let mut m = OptimizersModel::default();
    for _ in 0..300 {
        m.step();
        for r in m.snapshot().racers.iter().filter(|r| r.enabled) {
            assert_eq!(r.health, Health::Stable, "{} at t = {}", r.name, r.t);
        }
    }
}

#[test]
fn the_clock_follows_the_racers_left_and_the_defaults_button_resets_an_own_eta() {
    // On Rosenbrock at η = 0.01, SGD and momentum diverge within a few steps.
    let mut m = OptimizersModel::new(Surface::Rosenbrock, 0.01);
    for _ in 0..50 {
        m.step();
    }
    assert_eq!(m.snapshot().t, 50);
    for k in [Kind::RmsProp, Kind::Adam, Kind::AdamW] {
        m.set_enabled(k, false);
    }
    let s = m.snapshot();
    let longest = s.racers.iter().filter(|r| r.enabled).map(|r| r.t).max().expect("racers on");
    assert!(longest < 50 && s.t == longest, "the clock ({}) is the last step taken ({longest})", s.t);
    // An own η is not PyTorch's default at the shared η: the button resets it.
    let mut m = OptimizersModel::default();
    m.set_hyper(Kind::Sgd, "lr", 0.05).expect("η");
    assert!(!racer(&m.snapshot(), "sgd").defaults);
    m.reset_hyper(Kind::Sgd);
    assert_eq!(racer(&m.snapshot(), "sgd").hyper.lr, 0.1);
    // The saddle's minimum is below 0: no log axis there.
    let mut m = OptimizersModel::new(Surface::Saddle, 0.1);
    assert!(m.snapshot().log_possible);
    for _ in 0..100 {
        m.step();
    }
    assert!(!m.snapshot().log_possible);
}

#[test]
fn a_landscape_infinite_where_the_race_would_start_is_refused() {
    // Found by `make fuzz`: L = 1e308·π is ∞ everywhere.
    let mut m = OptimizersModel::default();
    let before = m.snapshot();
    assert!(m.set_landscape(Landscape::typed("1e308pi").expect("parses")).is_err());
    assert!(m.set_surface(Surface::typed("1e308pi + w1").expect("parses")).is_err());
    assert_eq!(m.snapshot(), before);
}

#[test]
fn a_link_sets_the_race_and_a_refused_part_leaves_the_rest_applied() {
    let (settings, _) = crate::settings::parse_query("surface=rosenbrock&lr=0.001&sgd.beta1=0.5&adam.beta1=2&adamw.weight_decay=0.1&opt=adam,adamw,sgd&w1=-1&w2=2&steps=4");
    let mut m = OptimizersModel::default();
    let refused = m.apply_link(&settings, false);
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0], InputError::NotTaken { optimizer: Kind::Sgd });
    assert!(refused[1].message(crate::i18n::Lang::En).contains("β₁"), "{}", refused[1].message(crate::i18n::Lang::En));
    let s = m.snapshot();
    assert_eq!((s.landscape, s.lr, s.start, s.t), ("rosenbrock", 0.001, [-1.0, 2.0], 4));
    assert_eq!(racer(&s, "adamw").hyper.weight_decay, 0.1);
    assert!(!racer(&s, "momentum").enabled && racer(&s, "sgd").enabled);
    // A curve is the race's only when asked for (`curves`): on the full page
    // `landscape=double-well` is the descent widget's.
    let (curve, _) = crate::settings::parse_query("landscape=double-well");
    let mut m = OptimizersModel::default();
    assert!(m.apply_link(&curve, false).is_empty());
    assert_eq!(m.snapshot().view, "map");
    assert!(m.apply_link(&curve, true).is_empty());
    assert_eq!((m.snapshot().view, m.snapshot().landscape), ("line", "double-well"));
}

#[test]
fn a_setting_that_stops_every_racer_early_and_then_not_keeps_the_clock() {
    let mut m = OptimizersModel::default();
    for _ in 0..100 {
        m.step();
    }
    // SGD and momentum alone: at η = 5 both overflow within a few dozen steps
    // (Adam's steps are at most about η, so it never would).
    for k in [Kind::RmsProp, Kind::Adam, Kind::AdamW] {
        m.set_enabled(k, false);
    }
    assert_eq!(m.snapshot().t, 100);
    m.set_lr(5.0).expect("η");
    let short = m.snapshot().t;
    assert!(short < 100, "the clock shows the steps taken ({short})");
    m.set_lr(0.1).expect("η");
    assert_eq!(m.snapshot().t, 100, "back to a stable η: the race runs to the clock's step again");
    // Every racer off and on again: still step 100.
    for k in KINDS {
        m.set_enabled(k, false);
    }
    m.set_enabled(Kind::Adam, true);
    assert_eq!(m.snapshot().t, 100);
    assert!(m.back());
    assert_eq!(m.snapshot().t, 99);
}

#[test]
fn a_typed_curve_in_a_link_wins_over_a_surfaces_name() {
    let (settings, _) = crate::settings::parse_query("widget=optimizers&landscape=himmelblau&f=w%5E2");
    let mut m = OptimizersModel::default();
    assert!(m.apply_link(&settings, true).is_empty());
    assert_eq!((m.snapshot().view, m.snapshot().landscape), ("line", "formula"));
}
