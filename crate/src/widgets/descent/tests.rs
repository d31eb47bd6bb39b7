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

#[test]
fn the_double_well_scene_sends_two_balls_into_two_valleys() {
    let mut m = DescentModel::default();
    m.set_scene(Landscape::DoubleWell, 0.0).expect("a landscape");
    let s = m.snapshot();
    assert_eq!(s.balls.len(), 2);
    assert_eq!((s.balls[0].w0, s.balls[1].w0), (2.0, -0.5));
    assert_eq!(s.default_balls, 2);
    for i in 0..200 {
        m.step(i as f64);
    }
    let minima = Landscape::DoubleWell.local_minima();
    let s = m.snapshot();
    assert_eq!(s.t, 200);
    assert!((s.balls[0].w - minima[1].0).abs() < 1e-6, "A in the shallower, right valley");
    assert!((s.balls[1].w - minima[0].0).abs() < 1e-6, "B in the deeper, left one");
    // A is stuck and says so; B is in the lowest valley in view.
    let a = s.balls[0].heading.as_ref().expect("a valley");
    assert!(a.settled);
    assert_eq!(a.lowest, Some(minima[0].1));
    assert_eq!(a.text.l_star, fixed4(minima[1].1));
    assert_eq!(s.balls[1].heading.as_ref().expect("a valley").lowest, None);
    // Each valley's threshold is 2/L″(w*), L″ = 3w² − 2.
    for (ball, (w_star, _)) in [(0, minima[1]), (1, minima[0])] {
        let h = s.balls[ball].heading.as_ref().expect("a valley");
        assert_eq!(h.threshold, Some(2.0 / (3.0 * w_star * w_star - 2.0)));
        assert!(h.stable, "η = 0.1 is below both thresholds");
    }
    // The lab's panels keep one ball.
    let mut lab_panel = DescentModel::default();
    lab_panel.set_landscape(Landscape::DoubleWell, 0.0).expect("a landscape");
    assert_eq!(lab_panel.ball_count(), 1);
}

#[test]
fn balls_share_one_clock_and_one_learning_rate() {
    let mut m = DescentModel::default();
    for i in 0..5 {
        m.step(i as f64);
    }
    // Adding a ball starts the race over.
    assert_eq!(m.add_ball(6.0, 10.0), Ok(1));
    assert_eq!(m.snapshot().t, 0);
    assert_eq!(m.add_ball(1.0, 10.0), Ok(2));
    assert_eq!(m.add_ball(2.0, 10.0), Err(InputError::TooManyBalls { limit: 3 }));
    m.set_lr(0.3).expect("η");
    for i in 0..3 {
        m.step(20.0 + i as f64);
    }
    // Each is the post's closed form from its own start, with the one η.
    for (b, w0) in m.snapshot().balls.iter().zip([0.0, 6.0, 1.0]) {
        assert_eq!(b.t, 3);
        assert!((b.w - crate::descent::quadratic_closed_form(3.0, w0, 0.3, 3)).abs() < 1e-12, "ball {}", b.name);
    }
    // A new start for one ball resets them all; back takes every ball back.
    m.set_start_of(2, -1.0, 30.0).expect("a start");
    assert_eq!(m.snapshot().balls.iter().map(|b| (b.t, b.w0)).collect::<Vec<_>>(), [(0, 0.0), (0, 6.0), (0, -1.0)]);
    m.step(31.0);
    assert!(m.back(32.0));
    assert!(m.snapshot().balls.iter().all(|b| b.t == 0));
    // A stays; B goes; C becomes B.
    assert_eq!(m.remove_ball(0, 33.0), Err(InputError::NoSuchBall { index: 0 }));
    m.remove_ball(1, 33.0).expect("B goes");
    assert_eq!(m.snapshot().balls.iter().map(|b| (b.name, b.w0)).collect::<Vec<_>>(), [("a", 0.0), ("b", -1.0)]);
    assert_eq!(m.set_start_of(2, 1.0, 34.0), Err(InputError::NoSuchBall { index: 2 }));
}

#[test]
fn a_place_moves_the_nearest_ball_or_adds_one() {
    let mut m = DescentModel::default();
    m.set_scene(Landscape::DoubleWell, 0.0).expect("a landscape");
    // Nearest to w = −1 is B (at −0.5), not A (at 2).
    assert_eq!(m.place(-1.0, 1000.0), Ok(1));
    assert_eq!(m.snapshot().balls[1].w0, -1.0);
    m.set_adding(true);
    assert!(m.snapshot().adding);
    assert_eq!(m.place(0.5, 1001.0), Ok(2));
    assert!(!m.snapshot().adding, "one click adds one ball");
    m.set_adding(true);
    assert!(!m.adding(), "no arming past three balls");
}

#[test]
fn a_stuck_ball_and_a_refused_eta_are_per_ball_but_eta_is_for_all() {
    let mut m = DescentModel::default();
    m.set_landscape(Landscape::Cliff, 0.0).expect("a landscape");
    // Ball B far out on the wall: η·L″ there is too big to compute for η = 100.
    // (L″(−234) = 45e^702 ≈ 3.4e306: finite, and times 100 it is not.)
    m.add_ball(-234.0, 0.0).expect("on the wall, at η = 0.1");
    let before = m.snapshot();
    assert!(m.set_lr(100.0).is_err());
    assert_eq!(m.snapshot().lr, before.lr, "a refused η changes no ball");
}

#[test]
fn a_replay_retraces_every_ball() {
    let mut m = DescentModel::default();
    m.set_scene(Landscape::DoubleWell, 0.0).expect("a landscape");
    m.step(0.0);
    m.set_lr(0.2).expect("η");
    for i in 0..6 {
        m.step(i as f64);
    }
    let mut r = m.replay();
    for _ in 0..m.snapshot().t {
        r.step(0.0);
    }
    let (a, b) = (m.snapshot(), r.snapshot());
    assert_eq!(a.balls.len(), b.balls.len());
    for (x, y) in a.balls.iter().zip(&b.balls) {
        assert_eq!((x.t, x.w), (y.t, y.w));
    }
}

#[test]
fn a_link_sets_the_balls() {
    let mut m = DescentModel::default();
    m.set_scene(Landscape::DoubleWell, 0.0).expect("a landscape");
    m.set_ball_count(1, 0.0).expect("one");
    assert_eq!(m.ball_count(), 1);
    m.set_or_add(1, 1.5, 0.0).expect("adds B");
    m.set_or_add(1, 1.0, 0.0).expect("moves B");
    assert_eq!(m.snapshot().balls[1].w0, 1.0);
    assert!(m.set_or_add(3, 0.0, 0.0).is_err());
    m.set_ball_count(3, 0.0).expect("three");
    assert_eq!(m.ball_count(), 3);
    assert!(m.set_ball_count(0, 0.0).is_err() && m.set_ball_count(4, 0.0).is_err());
}

#[test]
fn a_typed_run_that_overflows_diverges_and_one_that_leaves_the_domain_says_so() {
    let typed = |text: &str| Landscape::typed(text).expect("parses");
    let mut run = crate::descent::Run::new(typed("w^4/4 - w^2 + 0.3w + 2"), 2.0, 5.0).expect("a run");
    while run.step() {}
    assert_eq!(run.health(), Health::Diverged, "an overflow is not a domain");
    let mut run = crate::descent::Run::new(typed("sqrt(w) + w"), 1.0, 0.5).expect("a run");
    while run.step() {}
    assert_eq!((run.health(), run.t()), (Health::OutOfDomain, 1));
}

#[test]
fn a_formula_defined_nowhere_near_is_refused_and_nothing_changes() {
    let mut m = DescentModel::default();
    let before = m.snapshot();
    let nowhere = Landscape::typed("sqrt(w - 10)").expect("parses");
    assert!(matches!(m.set_scene(nowhere.clone(), 0.0), Err(InputError::Undefined { .. })));
    assert_eq!(m.snapshot(), before);
    let mut lab = crate::widgets::lr_compare::LrCompareModel::default();
    let before = lab.snapshot();
    assert!(lab.set_landscape(nowhere, 0.0).is_err());
    assert_eq!(lab.snapshot(), before, "all three runs or none");
    // A start where L is not defined is refused in words.
    m.set_scene(Landscape::typed("ln(w) + 1/w").expect("parses"), 0.0).expect("defined right of 0");
    let e = m.set_start(-1.0, 0.0).expect_err("ln(−1)");
    assert!(e.message(crate::i18n::Lang::En).starts_with("L is not defined at w₀ = -1"), "{}", e.message(crate::i18n::Lang::En));
}

#[test]
fn no_valley_ahead_is_none_not_the_one_behind() {
    // w³ − 3w: a valley at w = 1, a hump at −1; left of the hump the ball rolls off.
    let l = Landscape::typed("w^3 - 3w").expect("parses");
    assert_eq!(l.minimum_ahead(-3.0), None);
    assert!(l.minimum_ahead(0.0).is_some_and(|m| (m.0 - 1.0).abs() < 1e-12));
}
