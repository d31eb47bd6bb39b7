//! The optimizers against PyTorch's definitions: the first three steps on
//! `ravine` from (0, 0) at γ = 0.1 worked by hand in the comments, Adam's
//! bias correction, AdamW as Adam plus its decoupled decay, Nesterov against
//! its closed form, convergence, and random input.

use super::*;
use proptest::prelude::*;

/// The post's bowl with a different curvature per parameter:
/// L = (w1 − 3)² + 10(w2 − 1)² + 1, ∇L = (2(w1 − 3), 20(w2 − 1)).
fn ravine_grad(p: &[f64]) -> Vec<f64> {
    vec![2.0 * (p[0] - 3.0), 20.0 * (p[1] - 1.0)]
}

/// The iterates of `steps` steps from (0, 0) on the ravine.
fn run(kind: Kind, hyper: Hyper, steps: usize) -> Vec<[f64; 2]> {
    let mut p = vec![0.0, 0.0];
    let mut s = State::new(2);
    let mut out = Vec::new();
    for _ in 0..steps {
        let g = ravine_grad(&p);
        step(kind, &hyper, &mut s, &mut p, &g, None);
        out.push([p[0], p[1]]);
    }
    out
}

fn assert_steps(kind: Kind, want: [[f64; 2]; 3]) {
    let got = run(kind, Hyper::defaults(kind, 0.1), 3);
    for (t, (g, w)) in got.iter().zip(want).enumerate() {
        for i in 0..2 {
            assert!((g[i] - w[i]).abs() <= 1e-12, "{kind:?} step {}: θ{} = {} vs {}", t + 1, i + 1, g[i], w[i]);
        }
    }
}

#[test]
fn sgd_three_steps_by_hand() {
    // g0 = (−6, −20) → θ1 = (0.6, 2.0); g1 = (−4.8, 20) → θ2 = (1.08, 0.0);
    // g2 = (−3.84, −20) → θ3 = (1.464, 2.0): w2 bounces, 1 − γ·20 = −1.
    assert_steps(Kind::Sgd, [[0.6, 2.0], [1.08, 0.0], [1.464, 2.0]]);
}

#[test]
fn momentum_three_steps_by_hand() {
    // μ = 0.9, τ = 0. t1: b = g0 = (−6, −20), θ1 = (0.6, 2.0).
    // t2: g1 = (−4.8, 20), b = 0.9·(−6) − 4.8 = −10.2, 0.9·(−20) + 20 = 2;
    //     θ2 = (0.6 + 1.02, 2 − 0.2) = (1.62, 1.8).
    // t3: g2 = (2(1.62 − 3), 20(1.8 − 1)) = (−2.76, 16), b = 0.9·(−10.2) − 2.76 = −11.94,
    //     0.9·2 + 16 = 17.8; θ3 = (1.62 + 1.194, 1.8 − 1.78) = (2.814, 0.02).
    assert_steps(Kind::Momentum, [[0.6, 2.0], [1.62, 1.8], [2.814, 0.02]]);
}

#[test]
fn nesterov_three_steps_by_hand() {
    // t1: b = g0 = (−6, −20); g = g0 + 0.9b = (−11.4, −38); θ1 = (1.14, 3.8).
    // t2: g1 = (−3.72, 56); b = (0.9·(−6) − 3.72, 0.9·(−20) + 56) = (−9.12, 38);
    //     g = (−3.72 − 8.208, 56 + 34.2) = (−11.928, 90.2); θ2 = (2.3328, −5.22).
    // t3: g2 = (−1.3344, −124.4); b = (0.9·(−9.12) − 1.3344, 0.9·38 − 124.4) = (−9.5424, −90.2);
    //     g = (−1.3344 − 8.58816, −124.4 − 81.18) = (−9.92256, −205.58);
    //     θ3 = (2.3328 + 0.992256, −5.22 + 20.558) = (3.325056, 15.338).
    assert_steps(Kind::Nesterov, [[1.14, 3.8], [2.3328, -5.22], [3.325056, 15.338]]);
}

#[test]
fn rmsprop_three_steps_by_hand() {
    // α = 0.99, ε = 1e-8. t1: v = 0.01·g0² = (0.36, 4);
    //   θ1 = (0.1·6/(0.6 + ε), 0.1·20/(2 + ε)).
    let e = 1e-8f64;
    let t1 = [0.6 / (0.6 + e), 2.0 / (2.0 + e)];
    // t2: g1 = (2(θ1 − 3), 20(θ1 − 1)); v = 0.99·v + 0.01·g1²; θ2 = θ1 − 0.1·g1/(√v + ε).
    let g1 = [2.0 * (t1[0] - 3.0), 20.0 * (t1[1] - 1.0)];
    let v2 = [0.99 * 0.36 + 0.01 * g1[0] * g1[0], 0.99 * 4.0 + 0.01 * g1[1] * g1[1]];
    let t2 = [t1[0] - 0.1 * g1[0] / (v2[0].sqrt() + e), t1[1] - 0.1 * g1[1] / (v2[1].sqrt() + e)];
    let g2 = [2.0 * (t2[0] - 3.0), 20.0 * (t2[1] - 1.0)];
    let v3 = [0.99 * v2[0] + 0.01 * g2[0] * g2[0], 0.99 * v2[1] + 0.01 * g2[1] * g2[1]];
    let t3 = [t2[0] - 0.1 * g2[0] / (v3[0].sqrt() + e), t2[1] - 0.1 * g2[1] / (v3[1].sqrt() + e)];
    // Numerically: θ1 ≈ (0.99999998, 0.999999995), the same step in both
    // directions however steep (the post's "a step size per parameter").
    assert!((t1[0] - 1.0).abs() < 1e-7 && (t1[1] - 1.0).abs() < 1e-8);
    assert_steps(Kind::RmsProp, [t1, t2, t3]);
}

#[test]
fn adam_three_steps_by_hand_and_its_bias_corrected_first_step() {
    // β = (0.9, 0.999), ε = 1e-8. t1: m = 0.1·g0, v = 0.001·g0², m̂ = g0, v̂ = g0²:
    // θ1 = −0.1·g0/(|g0| + ε) = 0.1·sign(−g0) up to ε, in each coordinate.
    let e = 1e-8f64;
    let g0 = [-6.0f64, -20.0];
    let t1 = [0.1 * 6.0 / (6.0 + e), 0.1 * 20.0 / (20.0 + e)];
    let mut m = [0.1 * g0[0], 0.1 * g0[1]];
    let mut v = [0.001 * g0[0] * g0[0], 0.001 * g0[1] * g0[1]];
    let step_by_hand = |theta: [f64; 2], m: &mut [f64; 2], v: &mut [f64; 2], t: i32| -> [f64; 2] {
        let g = [2.0 * (theta[0] - 3.0), 20.0 * (theta[1] - 1.0)];
        let mut next = theta;
        for i in 0..2 {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            let m_hat = m[i] / (1.0 - 0.9f64.powi(t));
            let v_hat = v[i] / (1.0 - 0.999f64.powi(t));
            next[i] -= 0.1 * m_hat / (v_hat.sqrt() + e);
        }
        next
    };
    let t2 = step_by_hand(t1, &mut m, &mut v, 2);
    let t3 = step_by_hand(t2, &mut m, &mut v, 3);
    assert_steps(Kind::Adam, [t1, t2, t3]);
    // The first step is γ·sign(g) in each coordinate, up to ε: 0.1 in both,
    // though one slope is 6 and the other 20.
    let first = run(Kind::Adam, Hyper::defaults(Kind::Adam, 0.1), 1)[0];
    assert!((first[0] - 0.1).abs() < 1e-9 && (first[1] - 0.1).abs() < 1e-9, "{first:?}");
}

#[test]
fn adamw_is_adam_after_its_decoupled_decay() {
    // AdamW(θ, g) = Adam without decay on θ − γλθ with the same g, step by step.
    let h = Hyper { weight_decay: 0.05, ..Hyper::defaults(Kind::AdamW, 0.1) };
    let plain = Hyper { weight_decay: 0.0, ..h };
    let (mut a, mut b) = (vec![0.5, -2.0], vec![0.5, -2.0]);
    let (mut sa, mut sb) = (State::new(2), State::new(2));
    let mut parts = Parts::default();
    for _ in 0..3 {
        let g = ravine_grad(&a);
        step(Kind::AdamW, &h, &mut sa, &mut a, &g, Some(&mut parts));
        // The gradient at θ, then the decay, then Adam's step from there.
        let gb = ravine_grad(&b);
        let decay: Vec<f64> = b.iter().map(|x| 0.1 * 0.05 * x).collect();
        assert_eq!(parts.decay, decay, "the decay part is γλθ");
        for (x, d) in b.iter_mut().zip(&decay) {
            *x -= d;
        }
        step(Kind::Adam, &plain, &mut sb, &mut b, &gb, None);
        assert_eq!(a, b);
    }
    // And Adam's weight_decay is an L2 term in g instead: a different path.
    let l2 = run(Kind::Adam, Hyper { weight_decay: 0.05, ..Hyper::defaults(Kind::Adam, 0.1) }, 3);
    let decoupled = run(Kind::AdamW, h, 3);
    assert_ne!(l2[2], decoupled[2]);
}

#[test]
fn parts_add_up_to_the_step() {
    for kind in KINDS {
        let mut p = vec![1.0, -1.0];
        let mut s = State::new(2);
        let mut parts = Parts::default();
        let before = p.clone();
        let g = ravine_grad(&p);
        step(kind, &Hyper::defaults(kind, 0.1), &mut s, &mut p, &g, Some(&mut parts));
        for i in 0..2 {
            assert_eq!(p[i], (before[i] - parts.decay[i]) - parts.grad[i], "{kind:?}");
        }
        // SGD's step per parameter is γ·gᵢ.
        if kind == Kind::Sgd {
            assert_eq!(parts.grad, vec![0.1 * g[0], 0.1 * g[1]]);
        }
    }
}

#[test]
fn nesterov_against_its_closed_form_on_a_quadratic() {
    // L = w²/2 (k = 1), γ = 0.1, μ = 0.9. With b₀ = 0 PyTorch's rule is the
    // linear map (w, b) ← (a·w − γμ²·b, k·w + μ·b), a = 1 − γk(1 + μ) = 0.81,
    // whose eigenvalues are r·e^(±iφ): r² = det = 0.81, cos φ = trace/(2r) = 1.71/1.8.
    // So wₙ = rⁿ(A cos nφ + B sin nφ) with A = w₀ and w₁ = a·w₀.
    let (w0, a, r) = (2.0f64, 0.81f64, 0.9f64);
    let phi = (1.71f64 / 1.8).acos();
    let (big_a, big_b) = (w0, (a * w0 / r - w0 * phi.cos()) / phi.sin());
    let h = Hyper::defaults(Kind::Nesterov, 0.1);
    let mut s = State::new(1);
    let mut w = vec![w0];
    for n in 1..=60 {
        let g = vec![w[0]];
        step(Kind::Nesterov, &h, &mut s, &mut w, &g, None);
        let closed = r.powi(n) * (big_a * (n as f64 * phi).cos() + big_b * (n as f64 * phi).sin());
        assert!((w[0] - closed).abs() <= 1e-12, "n = {n}: {} vs {closed}", w[0]);
    }
}

#[test]
fn every_optimizer_reaches_the_ravines_minimum_at_a_stable_rate() {
    // Stable rates: SGD needs γ < 2/20 on the steep w2; momentum and Nesterov
    // less; RMSprop, Adam and AdamW take steps of about γ whatever the slope.
    for (kind, lr) in [(Kind::Sgd, 0.05), (Kind::Momentum, 0.01), (Kind::Nesterov, 0.01), (Kind::RmsProp, 0.01), (Kind::Adam, 0.01)] {
        let end = run(kind, Hyper::defaults(kind, lr), 2000)[1999];
        assert!((end[0] - 3.0).abs() < 1e-6 && (end[1] - 1.0).abs() < 1e-6, "{kind:?}: {end:?}");
    }
    // AdamW without decay is Adam; with its default λ = 0.01 the decay pulls
    // towards 0 and it settles where the two balance, short of (3, 1).
    let end = run(Kind::AdamW, Hyper { weight_decay: 0.0, ..Hyper::defaults(Kind::AdamW, 0.01) }, 2000)[1999];
    assert!((end[0] - 3.0).abs() < 1e-6 && (end[1] - 1.0).abs() < 1e-6, "AdamW λ = 0: {end:?}");
    let end = run(Kind::AdamW, Hyper::defaults(Kind::AdamW, 0.01), 2000)[1999];
    assert!(end[0] < 3.0 - 1e-3 && end[1] < 1.0 - 1e-4, "AdamW λ = 0.01 stops short: {end:?}");
    // Plain SGD past 2/20 diverges on w2.
    let end = run(Kind::Sgd, Hyper::defaults(Kind::Sgd, 0.11), 200)[199];
    assert!(end[1].abs() > 1e6, "{end:?}");
}

#[test]
fn dampening_and_momentum_switched_on_late() {
    // μ = 0.9, τ = 0.5: b1 = g0 = (−6, −20), θ1 = (0.6, 2.0);
    // g1 = (−4.8, 20), b2 = 0.9·b1 + 0.5·g1 = (−7.8, −8), θ2 = (1.38, 2.8).
    let h = Hyper { dampening: 0.5, ..Hyper::defaults(Kind::Momentum, 0.1) };
    let r = run(Kind::Momentum, h, 2);
    assert!((r[0][0] - 0.6).abs() < 1e-12 && (r[0][1] - 2.0).abs() < 1e-12);
    assert!((r[1][0] - 1.38).abs() < 1e-12 && (r[1][1] - 2.8).abs() < 1e-12, "{:?}", r[1]);
    // Momentum turned on at step 2: its buffer starts there as b = g, as PyTorch's does.
    let mut p = vec![0.0, 0.0];
    let mut s = State::new(2);
    step(Kind::Momentum, &Hyper::defaults(Kind::Sgd, 0.1), &mut s, &mut p, &ravine_grad(&[0.0, 0.0]), None);
    let g1 = ravine_grad(&p);
    let before = p.clone();
    step(Kind::Momentum, &Hyper { dampening: 0.5, ..Hyper::defaults(Kind::Momentum, 0.1) }, &mut s, &mut p, &g1, None);
    assert_eq!(p, vec![before[0] - 0.1 * g1[0], before[1] - 0.1 * g1[1]], "b = g, not (1 − τ)g");
}

#[test]
fn weight_decay_at_the_minimum_l2_against_decoupled() {
    // At (3, 1) ∇L = 0, so λ = 0.1 alone moves the parameters.
    let start = [3.0, 1.0];
    let one = |kind: Kind| {
        let mut p = start.to_vec();
        let mut s = State::new(2);
        let h = Hyper { weight_decay: 0.1, ..Hyper::defaults(kind, 0.1) };
        step(kind, &h, &mut s, &mut p, &ravine_grad(&start), None);
        p
    };
    // SGD: g = λθ = (0.3, 0.1), θ1 = θ − γg = (2.97, 0.99).
    let sgd = one(Kind::Sgd);
    assert!((sgd[0] - 2.97).abs() < 1e-12 && (sgd[1] - 0.99).abs() < 1e-12, "{sgd:?}");
    // RMSprop: v = 0.01g², θ1 = θ − γg/(√v + ε) = θ − 0.1·(1, 1)/(1 + ε/(0.1·g)).
    let rms = one(Kind::RmsProp);
    let e = 1e-8;
    assert!((rms[0] - (3.0 - 0.1 * 0.3 / (0.03 + e))).abs() < 1e-12 && (rms[1] - (1.0 - 0.1 * 0.1 / (0.01 + e))).abs() < 1e-12, "{rms:?}");
    // Adam with L2: its first step is γ·sign(g), a full 0.1 in each coordinate.
    let adam = one(Kind::Adam);
    assert!((adam[0] - 2.9).abs() < 1e-6 && (adam[1] - 0.9).abs() < 1e-6, "{adam:?}");
    // AdamW, decoupled: m̂ = 0, so only γλθ = (0.03, 0.01).
    let adamw = one(Kind::AdamW);
    assert_eq!(adamw, vec![3.0 - 0.1 * 0.1 * 3.0, 1.0 - 0.1 * 0.1 * 1.0]);
}

#[test]
fn names_round_trip() {
    for kind in KINDS {
        assert_eq!(Kind::named(kind.name()), Some(kind));
    }
    assert_eq!(Kind::named("Adam"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any finite hyperparameters and start: no panic, the same result twice.
    #[test]
    fn any_finite_input_steps_without_panic(
        k in 0usize..6, lr in 1e-6f64..100.0, momentum in 0.0f64..1.0, alpha in 0.0f64..1.0,
        beta1 in 0.0f64..1.0, beta2 in 0.0f64..1.0, eps in 1e-12f64..1.0, wd in 0.0f64..1.0,
        w1 in -1e6f64..1e6, w2 in -1e6f64..1e6,
    ) {
        let kind = KINDS[k];
        let h = Hyper { lr, momentum, dampening: 0.0, alpha, beta1, beta2, eps, weight_decay: wd };
        let go = || {
            let mut p = vec![w1, w2];
            let mut s = State::new(2);
            let mut parts = Parts::default();
            for _ in 0..50 {
                let g = ravine_grad(&p);
                let before = p.clone();
                step(kind, &h, &mut s, &mut p, &g, Some(&mut parts));
                // Every step is its parts, exactly, whatever the numbers.
                for i in 0..2 {
                    let want = (before[i] - parts.decay[i]) - parts.grad[i];
                    assert!(p[i].to_bits() == want.to_bits() || (p[i].is_nan() && want.is_nan()));
                }
            }
            p
        };
        let (a, b) = (go(), go());
        prop_assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()), "deterministic");
    }
}
