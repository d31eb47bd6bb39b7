//! The page syncs the DOM only when `tick` says the snapshot changed, so for
//! every widget with a clock: `tick` returns true exactly when the snapshot is
//! different afterwards — a step, or a state reached inside the frame
//! (diverged, paused at the end). Issue 10: η = 1.5 at 16× diverged at t = 510
//! while the page kept showing *running*.

use super::backprop::BackpropModel;
use super::descent::DescentModel;
use super::lr_compare::LrCompareModel;
use proptest::prelude::*;

/// One thing a reader (or the clock) can do.
#[derive(Clone, Debug)]
enum Op {
    Play,
    Step,
    Reset,
    Lr(f64),
    Speed(f64),
    Frame(f64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => Just(Op::Play),
        1 => Just(Op::Step),
        1 => Just(Op::Reset),
        1 => prop_oneof![Just(0.1), Just(1.0), Just(1.5), Just(2.0), Just(1000.0), 0.001f64..3.0].prop_map(Op::Lr),
        1 => prop_oneof![Just(16.0), Just(0.25), 0.25f64..16.0].prop_map(Op::Speed),
        8 => (1.0f64..2000.0).prop_map(Op::Frame),
    ]
}

/// Drives a model through `ops` and checks every frame's answer.
fn check<M, S: PartialEq + std::fmt::Debug>(
    model: &mut M,
    ops: &[Op],
    apply: impl Fn(&mut M, &Op, f64),
    tick: impl Fn(&mut M, f64) -> bool,
    snapshot: impl Fn(&M) -> S,
) -> Result<(), TestCaseError> {
    let mut now = 0.0;
    for op in ops {
        if let Op::Frame(dt) = op {
            now += dt;
            let before = snapshot(model);
            let said = tick(model, now);
            let after = snapshot(model);
            prop_assert_eq!(
                said,
                before != after,
                "tick said {} at {} ms: {:?} → {:?}",
                said,
                now,
                before,
                after
            );
        } else {
            apply(model, op, now);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn descent_tick_reports_every_change(ops in prop::collection::vec(op(), 1..300)) {
        let mut m = DescentModel::default();
        check(&mut m, &ops, |m, op, now| match op {
            Op::Play => m.toggle_play(now),
            Op::Step => { m.step(now); }
            Op::Reset => { let _ = m.reset(now); }
            Op::Lr(lr) => { let _ = m.set_lr(*lr); }
            Op::Speed(s) => { m.set_speed(*s); }
            Op::Frame(_) => {}
        }, DescentModel::tick, DescentModel::snapshot)?;
    }

    #[test]
    fn lab_tick_reports_every_change(ops in prop::collection::vec(op(), 1..200)) {
        let mut m = LrCompareModel::default();
        check(&mut m, &ops, |m, op, now| match op {
            Op::Play => m.toggle_play(now),
            Op::Step => { m.step(now); }
            Op::Reset => m.reset(now),
            Op::Lr(lr) => { let _ = m.set_lr(2, *lr, now); }
            Op::Speed(s) => { m.set_speed(*s); }
            Op::Frame(_) => {}
        }, LrCompareModel::tick, LrCompareModel::snapshot)?;
    }

    #[test]
    fn backprop_tick_reports_every_change(ops in prop::collection::vec(op(), 1..300)) {
        let mut m = BackpropModel::default();
        check(&mut m, &ops, |m, op, now| match op {
            Op::Play => m.toggle_play(now),
            Op::Step => { m.next(); }
            Op::Reset => m.reset(),
            Op::Lr(lr) => { let _ = m.set_lr(*lr); }
            Op::Speed(s) => { m.set_speed(*s); }
            Op::Frame(_) => {}
        }, BackpropModel::tick, BackpropModel::snapshot)?;
    }
}

/// The issue's own case: η = 1.5 at 16× from w = 0 diverges at t = 510.
#[test]
fn the_frame_that_diverges_reports_it() {
    let mut m = DescentModel::default();
    m.set_lr(1.5).expect("η = 1.5");
    m.set_speed(16.0);
    m.toggle_play(0.0);
    let mut now = 0.0;
    let mut last_said = None;
    while now < 60_000.0 {
        now += 16.0;
        if m.tick(now) {
            last_said = Some(m.snapshot());
        }
        if m.snapshot().state == "diverged" {
            break;
        }
    }
    let last = last_said.expect("the run stepped");
    assert_eq!(last.state, "diverged", "the frame that diverged said so");
    assert!(last.t >= 500, "t = {}", last.t);
}

/// Issue 10: `step(NaN)` (or `reset`, `set_start`, `back` with a time that is
/// not finite) poisoned the flight: a NaN view and ball, `animating` for ever.
/// The bindings check every timestamp, and the models cope on their own too.
#[test]
fn times_that_are_not_finite_do_not_poison_the_scene() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut m = DescentModel::default();
        m.step(bad);
        m.step(100.0);
        m.back(bad);
        m.step(bad);
        m.toggle_play(bad);
        m.tick(200.0);
        m.reset(bad).expect("the start is still valid");
        m.set_start(2.0, bad).expect("w0 = 2");
        m.step(bad);
        for now in [250.0, 10_000.0] {
            let s = m.scene(now);
            let numbers = [s.view.x0, s.view.x1, s.view.y0, s.view.y1, s.ball.0, s.ball.1];
            assert!(numbers.iter().all(|v| v.is_finite()), "{bad}: {numbers:?}");
        }
        assert!(!m.animating(10_000.0), "{bad}: the flight ends");
    }
}

/// After restarting a run that diverged (its last loss near f64::MAX), the
/// ball's throw back over the valley used to be +∞ high for 450 ms.
#[test]
fn restarting_a_diverged_run_never_flies_from_infinity() {
    let mut worst = 0.0_f64;
    for lr in [1.5, 2.0, 3.0] {
        for k in 0..=30 {
            let w0 = -5.0 + f64::from(k) * 0.5;
            let mut m = DescentModel::default();
            m.set_lr(lr).expect("η");
            m.set_start(w0, 0.0).expect("w0 on the slider");
            if w0 == 3.0 {
                continue; // At the minimum the ball never moves.
            }
            while m.step(0.0) {}
            assert_eq!(m.snapshot().state, "diverged");
            worst = worst.max(m.snapshot().loss);
            // Reset once the ball is at rest, and watch the whole flight.
            m.reset(1_000.0).expect("the start is still valid");
            for now in (0..=20).map(|k| 1_000.0 + f64::from(k) * 25.0) {
                let s = m.scene(now);
                assert!(
                    s.ball.0.is_finite() && s.ball.1.is_finite(),
                    "η {lr}, w0 {w0}, at {now} ms: {:?}",
                    s.ball
                );
                let v = s.view;
                assert!(
                    [v.x0, v.x1, v.y0, v.y1].iter().all(|e| e.is_finite()),
                    "at {now} ms: {v:?}"
                );
            }
        }
    }
    assert!(worst > 1.5e308, "some run ended near the top of f64: {worst:e}");
}

/// A clock that jumps far ahead once (a `Date.now()` among
/// `performance.now()`s) and comes back: the ball arrives and playing goes on.
#[test]
fn a_clock_that_jumps_and_comes_back_does_not_stall() {
    let mut m = DescentModel::default();
    m.toggle_play(0.0);
    assert!(m.tick(0.0), "the first step at once");
    m.step(1.7e12);
    let t = m.snapshot().t;
    let mut now = 100.0;
    while now < 5_000.0 {
        now += 16.0;
        m.tick(now);
    }
    assert!(m.snapshot().t > t + 3, "steps resumed: t = {}", m.snapshot().t);
    m.toggle_play(now);
    assert!(
        !m.animating(now + 1_000.0),
        "the flight from the jumped time ended"
    );
}

/// Found by `make fuzz`: a run retraced into divergence while the clock
/// plays. The next frame's refused step only pauses the clock, and the page
/// already shows *diverged*: `tick` must not report a change.
#[test]
fn a_refused_step_after_a_retrace_into_divergence_changes_nothing_shown() {
    let mut m = DescentModel::default();
    m.toggle_play(0.0);
    m.retrace(6.0, 509, 10.0).expect("η = 6");
    assert_eq!(m.snapshot().state, "diverged");
    let before = m.snapshot();
    let said = m.tick(2_000.0);
    assert_eq!(said, m.snapshot() != before, "tick said {said}");
}
