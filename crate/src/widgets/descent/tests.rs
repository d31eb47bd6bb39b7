use super::*;
use crate::format::fixed4;

#[test]
fn default_is_experiment_two() {
    let m = DescentModel::default();
    let s = m.snapshot();
    assert_eq!((s.t, s.w, s.loss, s.lr, s.w0), (0, 0.0, 10.0, 0.1, 0.0));
    assert_eq!(s.text.w, "0.0000");
    assert_eq!(s.text.loss, "10.0000");
    assert_eq!(s.text.grad, "-6.0000");
    assert_eq!(s.text.update, "-0.6000");
    assert_eq!(s.state, "idle");
    assert!(!s.diverging);
}

#[test]
fn fast_steps_update_readouts_at_once() {
    let mut m = DescentModel::default();
    // Eight clicks within 8 ms: far faster than the ball can fly.
    for i in 0..8 {
        assert!(m.step(i as f64));
        assert_eq!(m.snapshot().t, i + 1);
    }
    let s = m.snapshot();
    assert_eq!(s.text.w, "2.4967");
    assert_eq!(s.text.loss, "1.2533");
    assert!(m.animating(8.0), "the picture is still catching up");
    assert!(!m.animating(8.0 + FLIGHT_MS), "and arrives");
    let rows = m.rows_after(0);
    assert_eq!(rows.len(), 8);
    assert_eq!(
        (
            rows[0].t,
            rows[0].w.as_str(),
            rows[0].loss.as_str(),
            rows[0].grad.as_str()
        ),
        (1, "0.6000", "6.7600", "-6.0000")
    );
    assert_eq!(
        (
            rows[7].t,
            rows[7].w.as_str(),
            rows[7].loss.as_str(),
            rows[7].grad.as_str()
        ),
        (8, "2.4967", "1.2533", "-1.2583")
    );
    assert_eq!(m.rows_after(7).len(), 1, "only the new rows");
}

#[test]
fn ball_lands_on_the_iterate() {
    let mut m = DescentModel::default();
    m.step(0.0);
    let scene = m.scene(FLIGHT_MS);
    assert!(scene.at_rest);
    assert_eq!(scene.ball, (m.run().w(), m.run().loss()));
    assert_eq!(fixed4(scene.ball.0), "0.6000");
    assert!(scene.view.contains(0.0, 10.0));
    let mid = m.scene(FLIGHT_MS / 2.0);
    assert!(!mid.at_rest && mid.ball.0 > 0.0 && mid.ball.0 < 0.6);
}

#[test]
fn play_steps_on_the_clock_and_pause_stops() {
    let mut m = DescentModel::default();
    m.play(1000.0);
    assert_eq!(m.snapshot().state, "running");
    assert!(m.tick(1000.0));
    assert_eq!(m.snapshot().t, 1);
    assert!(!m.tick(1001.0));
    m.toggle_play(1002.0);
    assert_eq!(m.snapshot().state, "paused");
    assert!(!m.tick(1e7));
    m.reset(2000.0).expect("the start is still valid");
    let s = m.snapshot();
    assert_eq!((s.t, s.state), (0, "idle"));
}

#[test]
fn diverging_then_diverged() {
    let mut m = DescentModel::default();
    m.set_lr(1.5).expect("preset");
    for _ in 0..5 {
        m.step(0.0);
    }
    let s = m.snapshot();
    assert!(s.diverging);
    assert_eq!(s.state, "idle");
    m.set_lr(LR_MAX_FOR_TEST).expect("large but accepted");
    m.play(0.0);
    let mut now = 0.0;
    while m.snapshot().state != "diverged" {
        now += 1.0;
        m.step(now);
        assert!(now < 1000.0, "diverges within a few dozen steps");
    }
    let s = m.snapshot();
    assert!([s.w, s.loss, s.grad, s.update].iter().all(|x| x.is_finite()));
    assert!(!s.text.w.contains("NaN") && !s.text.loss.contains("inf"));
    assert!(!m.animating(now + 10_000.0), "playing stopped");
    let view = m.scene(now + 10_000.0).view;
    assert!(view.x0.is_finite() && view.y1.is_finite());
}

const LR_MAX_FOR_TEST: f64 = crate::descent::LR_MAX;

#[test]
fn start_changes_reset_and_bad_input_is_refused() {
    let mut m = DescentModel::default();
    m.step(0.0);
    m.set_start(-4.0, 1.0).expect("in range");
    let s = m.snapshot();
    assert_eq!((s.t, s.w, s.w0, s.loss), (0, -4.0, -4.0, 50.0));
    assert!(m.set_start(f64::NAN, 2.0).is_err());
    assert!(m.set_lr(0.0).is_err());
    assert!(m.set_lr_slider(f64::INFINITY).is_err());
    assert_eq!(m.snapshot().lr, 0.1);
    m.set_lr_slider(-1.5228787).expect("slider");
    assert_eq!(m.snapshot().lr, 0.03);
}

#[test]
fn reduced_motion_jumps() {
    let mut m = DescentModel::default();
    m.set_reduced_motion(true);
    m.step(0.0);
    assert!(!m.animating(0.0));
    assert_eq!(m.scene(0.0).ball.0, m.run().w());
}

#[test]
fn back_restores_the_previous_readouts() {
    let mut m = DescentModel::default();
    m.step(0.0);
    m.step(0.0);
    assert!(m.back(0.0));
    assert_eq!(m.snapshot().text.w, "0.6000");
    assert_eq!(m.rows_after(0).len(), 1);
}

#[test]
fn placing_inside_the_view_keeps_the_axes_still() {
    let mut m = DescentModel::default();
    let before = m.scene(0.0).view;
    m.set_start(5.0, 0.0).expect("inside");
    assert_eq!(m.scene(1e6).view, before);
    m.set_start(-9.0, 1e6).expect("outside");
    let after = m.scene(2e6).view;
    assert!(after.x0 < -9.0, "refits to show the new start: {after:?}");
    m.reset(3e6).expect("the start is still valid");
    assert_eq!(m.scene(4e6).view, after, "reset fits the fresh run");
    // Steps never zoom in: the converging ball keeps the same axes.
    m.set_start(5.0, 5e6).expect("inside");
    m.step(5e6);
    assert_eq!(m.scene(6e6).view, after);
}
