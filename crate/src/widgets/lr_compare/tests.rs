use super::*;

#[test]
fn defaults_are_the_posts_three_runs() {
    let lab = LrCompareModel::default();
    let s = lab.snapshot();
    assert_eq!((s.t, s.state, s.log_scale, s.w0), (0, "idle", true, 0.0));
    let lrs: Vec<f64> = s.runs.iter().map(|r| r.lr).collect();
    assert_eq!(lrs, vec![0.03, 0.3, 1.5]);
    let classes: Vec<&str> = s.runs.iter().map(|r| r.class).collect();
    assert_eq!(classes, vec!["small", "right", "big"]);
    let zh: Vec<&str> = s.runs.iter().map(|r| r.class_zh).collect();
    assert_eq!(zh, vec!["太小", "刚好", "太大"]);
    let factors: Vec<&str> = s.runs.iter().map(|r| r.text.factor.as_str()).collect();
    assert_eq!(factors, vec!["0.94", "0.40", "2.00"]);
}

#[test]
fn twenty_shared_steps_give_the_posts_table() {
    let mut lab = LrCompareModel::default();
    for i in 0..20 {
        assert!(lab.step(i as f64));
    }
    let s = lab.snapshot();
    assert_eq!(s.t, 20);
    let rows: Vec<(&str, &str, &str)> = s
        .runs
        .iter()
        .map(|r| (r.text.lr.as_str(), r.text.w.as_str(), r.text.loss.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("0.03", "2.1297", "1.7575"),
            ("0.3", "3.0000", "1.0000"),
            ("1.5", "-3145725.0000", "9895604649985.0000"),
        ]
    );
    assert!(s.runs[2].diverging && !s.runs[2].diverged);
}

#[test]
fn changing_eta_retraces_to_the_current_step() {
    let mut lab = LrCompareModel::default();
    for i in 0..20 {
        lab.step(i as f64);
    }
    lab.set_lr(2, 0.9, 100.0).expect("valid");
    let r = &lab.snapshot().runs[2];
    assert_eq!((r.t, r.class), (20, "oscillating"));
    // wₙ = 3 − 3(1 − 2η)ⁿ with η = 0.9, n = 20.
    let w = 3.0 - 3.0 * (1.0f64 - 1.8).powi(20);
    assert!((r.w - w).abs() < 1e-12);
    assert!(r.loss < 1.01, "its loss falls");
    assert!(lab.set_lr(2, f64::NAN, 0.0).is_err());
    assert_eq!(lab.snapshot().runs[2].lr, 0.9, "rejected η leaves the old one");
    lab.set_lr_slider(0, 2f64.log10() + 1e-6, 0.0)
        .expect("just past the slider's end");
    assert_eq!(lab.snapshot().runs[0].lr, 2.0);
}

#[test]
fn a_diverged_run_stops_while_the_others_go_on() {
    let mut lab = LrCompareModel::default();
    lab.set_lr(2, 1000.0, 0.0).expect("valid");
    let mut guard = 0;
    while !lab.snapshot().runs[2].diverged {
        lab.step(0.0);
        guard += 1;
        assert!(guard < 200);
    }
    let stuck = lab.snapshot().runs[2].t;
    lab.step(0.0);
    let s = lab.snapshot();
    assert_eq!(s.runs[2].t, stuck);
    assert_eq!(s.runs[0].t, s.t);
    for r in &s.runs {
        assert!(r.w.is_finite() && r.loss.is_finite() && r.factor.is_finite());
    }
}

#[test]
fn reset_start_and_clock() {
    let mut lab = LrCompareModel::default();
    lab.toggle_play(0.0);
    assert!(lab.tick(0.0));
    assert_eq!(lab.snapshot().state, "running");
    lab.set_start(5.0, 1.0).expect("valid");
    let s = lab.snapshot();
    assert_eq!((s.t, s.state, s.w0), (0, "idle", 5.0));
    assert!(s.runs.iter().all(|r| r.w == 5.0));
    lab.step(2.0);
    lab.reset(3.0);
    assert_eq!(lab.snapshot().t, 0);
    assert!(lab.set_start(f64::INFINITY, 4.0).is_err());
}

#[test]
fn back_steps_every_run_that_got_that_far() {
    let mut lab = LrCompareModel::default();
    lab.set_lr(2, 1000.0, 0.0).expect("valid");
    for _ in 0..60 {
        lab.step(0.0);
    }
    let stuck = lab.snapshot().runs[2].t;
    assert!(stuck < 60);
    while lab.snapshot().t > stuck {
        assert!(lab.back(0.0));
        assert_eq!(
            lab.snapshot().runs[2].t,
            stuck,
            "the stopped run waits for the clock"
        );
    }
    assert!(lab.back(0.0));
    let s = lab.snapshot();
    assert_eq!((s.t, s.runs[0].t, s.runs[2].t), (stuck - 1, stuck - 1, stuck - 1));
    while lab.back(0.0) {}
    assert_eq!(lab.snapshot().runs[0].w, 0.0);
}

#[test]
fn each_runs_verdict_and_threshold_follow_its_own_valley() {
    use crate::landscape::Landscape;
    // The bowl: every run heads to w* = 3 with threshold 1, as before.
    let m = LrCompareModel::default();
    for r in m.snapshot().runs {
        assert_eq!((r.w_star, r.threshold), (Some(3.0), Some(1.0)));
    }
    // The double well from w0 = 2: the runs head to the right valley, whose
    // threshold is 2/L″(1.3322…), not the global minimum's.
    let mut m = LrCompareModel::default();
    m.set_landscape(Landscape::DoubleWell, 0.0).expect("a landscape");
    let right = Landscape::DoubleWell.local_minima()[1].0;
    let r = &m.snapshot().runs[0];
    assert_eq!(r.w_star, Some(right));
    assert_eq!(r.threshold, Some(2.0 / (3.0 * right * right - 2.0)));
    let bands = crate::regime::bands_at(&Landscape::DoubleWell, right, 10.0);
    assert_eq!(bands.iter().find(|b| b.kind == "bounces").map(|b| b.from), r.threshold);
}
