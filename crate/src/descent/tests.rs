use super::*;
use crate::format::fixed4;
use crate::i18n::Lang;
use crate::input::{check_lr, check_w0, Input, InputError};
use proptest::prelude::*;

/// 实验二, the post's eight printed rows: (w, Loss, 梯度).
const POST_ROWS: [(&str, &str, &str); 8] = [
    ("0.6000", "6.7600", "-6.0000"),
    ("1.0800", "4.6864", "-4.8000"),
    ("1.4640", "3.3593", "-3.8400"),
    ("1.7712", "2.5099", "-3.0720"),
    ("2.0170", "1.9664", "-2.4576"),
    ("2.2136", "1.6185", "-1.9661"),
    ("2.3709", "1.3958", "-1.5729"),
    ("2.4967", "1.2533", "-1.2583"),
];

#[test]
fn experiment_two_eight_rows() {
    let mut run = Run::post_default();
    // 起点: w = 0.0, Loss = 10.00
    assert_eq!(format!("{:.1}", run.w()), "0.0");
    assert_eq!(format!("{:.2}", run.loss()), "10.00");
    for (i, (w, loss, grad)) in POST_ROWS.iter().enumerate() {
        assert!(run.step());
        let it = run.current();
        let used = it.update.expect("a step records its update");
        assert_eq!(run.t(), i + 1);
        assert_eq!(fixed4(it.w), *w, "w at step {}", i + 1);
        assert_eq!(fixed4(it.loss), *loss, "loss at step {}", i + 1);
        assert_eq!(fixed4(used.grad), *grad, "gradient at step {}", i + 1);
    }
}

#[test]
fn experiment_two_fifteen_steps() {
    // "15 步后 w≈2.89，Loss≈1.01"
    let mut run = Run::post_default();
    for _ in 0..15 {
        run.step();
    }
    assert_eq!(format!("{:.2}", run.w()), "2.89");
    assert_eq!(format!("{:.2}", run.loss()), "1.01");
}

#[test]
fn experiment_three_twenty_steps() {
    let cases = [
        (0.03, "2.1297", "1.7575"),
        (0.3, "3.0000", "1.0000"),
        (1.5, "-3145725.0000", "9895604649985.0000"),
    ];
    for (lr, w, loss) in cases {
        let mut run = Run::new(Landscape::default(), 0.0, lr).expect("valid inputs");
        for _ in 0..20 {
            assert!(run.step(), "lr {lr} must keep stepping for 20 steps");
        }
        assert_eq!(fixed4(run.w()), w, "w for lr {lr}");
        assert_eq!(fixed4(run.loss()), loss, "loss for lr {lr}");
    }
}

#[test]
fn closed_form_matches_iteration() {
    for &lr in &[
        0.001, 0.01, 0.03, 0.1, 0.25, 0.3, 0.49, 0.5, 0.7, 0.99, 1.0, 1.2, 1.5, 2.0,
    ] {
        for &w0 in &[-5.0, 0.0, 2.5, 10.0] {
            let mut run = Run::new(Landscape::default(), w0, lr).expect("valid inputs");
            for n in 1..=60 {
                run.step();
                let expected = quadratic_closed_form(3.0, w0, lr, n);
                let tol = 1e-9 * (1.0 + expected.abs());
                assert!(
                    (run.w() - expected).abs() <= tol,
                    "lr {lr} w0 {w0} n {n}: {} vs {expected}",
                    run.w()
                );
            }
        }
    }
}

#[test]
fn lr_change_applies_from_next_step_without_reset() {
    let mut run = Run::post_default();
    run.step();
    run.step();
    let w2 = run.w();
    run.set_lr(0.3).expect("valid lr");
    assert_eq!(run.t(), 2);
    assert_eq!(run.w(), w2);
    run.step();
    let used = run.current().update.expect("update");
    assert_eq!(used.lr, 0.3);
    assert_eq!(run.w(), w2 - 0.3 * 2.0 * (w2 - 3.0));
    assert_eq!(run.history()[1].update.map(|u| u.lr), Some(0.1));
}

#[test]
fn reset_restarts_and_keeps_lr() {
    let mut run = Run::post_default();
    run.set_lr(0.3).expect("valid lr");
    run.step();
    run.reset(-2.0).expect("valid w0");
    assert_eq!(run.t(), 0);
    assert_eq!(run.w(), -2.0);
    assert_eq!(run.loss(), 26.0);
    assert_eq!(run.lr(), 0.3);
    assert_eq!(run.health(), Health::Stable);
}

#[test]
fn diverging_after_three_rising_steps_and_keeps_going() {
    let mut run = Run::new(Landscape::default(), 0.0, 1.5).expect("valid inputs");
    run.step();
    run.step();
    assert_eq!(run.health(), Health::Stable);
    run.step();
    assert_eq!(run.health(), Health::Diverging);
    for _ in 0..17 {
        assert!(run.step());
    }
    assert_eq!(run.health(), Health::Diverging);
    assert_eq!(run.w(), -3145725.0);
    assert_eq!(run.loss(), 9895604649985.0);
}

#[test]
fn lowering_lr_ends_the_diverging_report() {
    let mut run = Run::new(Landscape::default(), 0.0, 1.5).expect("valid inputs");
    for _ in 0..4 {
        run.step();
    }
    assert_eq!(run.health(), Health::Diverging);
    run.set_lr(0.3).expect("valid lr");
    run.step();
    assert_eq!(run.health(), Health::Stable);
}

#[test]
fn diverged_stops_with_last_finite_point() {
    let mut run = Run::new(Landscape::default(), 0.0, 2.0).expect("valid inputs");
    let mut steps = 0;
    while run.step() {
        steps += 1;
        assert!(steps < 10_000, "must overflow eventually");
    }
    assert_eq!(run.health(), Health::Diverged);
    assert!(run.w().is_finite() && run.loss().is_finite());
    assert!(run.grad().is_finite() && run.update().is_finite());
    let t = run.t();
    assert!(!run.step(), "a diverged run does not move");
    assert_eq!(run.t(), t);
    // Factor |1 − 2η| = 3 per step: L ~ 9ⁿ overflows near n = 323.
    assert!((300..340).contains(&steps), "diverged after {steps} steps");
}

#[test]
fn back_steps_through_history() {
    let mut run = Run::new(Landscape::default(), 0.0, 1.5).expect("valid inputs");
    for _ in 0..4 {
        run.step();
    }
    assert_eq!(run.health(), Health::Diverging);
    assert!(run.back());
    assert_eq!(run.t(), 3);
    assert_eq!(run.health(), Health::Diverging);
    assert!(run.back());
    assert_eq!(run.health(), Health::Stable);
    assert!(run.back() && run.back());
    assert!(!run.back(), "the start point stays");
    assert_eq!(run.w(), 0.0);
}

#[test]
fn rejects_bad_inputs_with_typed_errors() {
    let l = Landscape::default();
    assert_eq!(
        Run::new(l.clone(), 0.0, f64::NAN).err(),
        Some(InputError::NotANumber {
            input: Input::LearningRate
        })
    );
    assert_eq!(
        Run::new(l.clone(), 0.0, f64::INFINITY).err(),
        Some(InputError::Infinite {
            input: Input::LearningRate
        })
    );
    assert_eq!(
        Run::new(l.clone(), 0.0, 0.0).err(),
        Some(InputError::NotPositive {
            input: Input::LearningRate,
            value: 0.0
        })
    );
    assert!(matches!(
        Run::new(l.clone(), 0.0, -0.1),
        Err(InputError::NotPositive { .. })
    ));
    assert!(matches!(Run::new(l.clone(), 0.0, 1e4), Err(InputError::TooLarge { .. })));
    assert_eq!(
        Run::new(l.clone(), f64::NEG_INFINITY, 0.1).err(),
        Some(InputError::Infinite { input: Input::Start })
    );
    assert!(matches!(Run::new(l.clone(), 2e9, 0.1), Err(InputError::TooLarge { .. })));
    let mut run = Run::post_default();
    assert!(run.set_lr(f64::NAN).is_err());
    assert_eq!(run.lr(), 0.1, "a rejected η leaves the old one");
    assert!(run.reset(f64::NAN).is_err());
    assert_eq!(run.w0(), 0.0);
}

#[test]
fn error_messages_are_words() {
    let msg = check_lr(-1.0).expect_err("negative").to_string();
    assert_eq!(msg, "The learning rate η must be greater than 0 (got -1).");
    let msg = check_w0(f64::NAN).expect_err("nan").to_string();
    assert_eq!(msg, "The start point w0 must be a number.");
    let msg = check_lr(f64::INFINITY).expect_err("inf").to_string();
    assert!(msg.contains("finite"), "{msg}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn never_panics_never_non_finite(
        w0 in prop_oneof![proptest::num::f64::ANY, -20.0..20.0f64, -2e9..2e9f64],
        lr in prop_oneof![proptest::num::f64::ANY, 0.0..3.0f64, -1.0..1100.0f64],
        steps in prop_oneof![0usize..100, 0usize..100_000],
    ) {
        let Ok(mut run) = Run::new(Landscape::default(), w0, lr) else {
            return Ok(());
        };
        for _ in 0..steps {
            if !run.step() {
                break;
            }
        }
        for x in [run.w(), run.loss(), run.grad(), run.update(), run.lr()] {
            prop_assert!(x.is_finite());
        }
        for it in run.history() {
            prop_assert!(it.w.is_finite() && it.loss.is_finite());
        }
    }

    #[test]
    fn lr_changes_mid_run_stay_finite(
        lrs in proptest::collection::vec(prop_oneof![proptest::num::f64::ANY, 0.0..2.5f64], 1..50),
    ) {
        let mut run = Run::post_default();
        for lr in lrs {
            let before = run.lr();
            if run.set_lr(lr).is_err() {
                prop_assert_eq!(run.lr(), before);
            }
            for _ in 0..20 {
                run.step();
            }
            prop_assert!(run.w().is_finite() && run.update().is_finite());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// wₙ = 3 + (1 − 2η)ⁿ (w0 − 3) for arbitrary η, n and w0, to a relative tolerance.
    #[test]
    fn closed_form_for_arbitrary_inputs(lr in 1e-3..2.0f64, n in 0i32..80, w0 in -10.0..10.0f64) {
        let mut run = Run::new(Landscape::default(), w0, lr).expect("valid inputs");
        for _ in 0..n {
            run.step();
        }
        let expected = quadratic_closed_form(3.0, w0, lr, n);
        let scale = 1.0 + expected.abs().max(w0.abs());
        prop_assert!((run.w() - expected).abs() <= 1e-9 * scale, "{} vs {}", run.w(), expected);
    }
}

#[test]
fn a_large_negative_rate_is_reported_as_not_positive() {
    assert!(matches!(check_lr(-5000.0), Err(InputError::NotPositive { .. })));
    assert!(matches!(check_lr(5000.0), Err(InputError::TooLarge { .. })));
}

#[test]
fn error_messages_in_chinese() {
    let e = check_lr(-1.0).expect_err("negative");
    assert_eq!(e.message(Lang::Zh), "学习率 η 必须大于 0（收到 -1）。");
    assert_eq!(
        check_w0(f64::NAN).expect_err("nan").message(Lang::Zh),
        "起点 w0 必须是一个数字。"
    );
}
