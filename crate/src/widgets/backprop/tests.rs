use super::*;

fn text(r: &Readout) -> &str {
    &r.text
}

#[test]
fn one_cycle_shows_the_posts_numbers_phase_by_phase() {
    let mut m = BackpropModel::default();
    let s = m.snapshot();
    assert_eq!((s.phase, s.stage), ("ready", 0));
    assert_eq!(
        (text(&s.x), text(&s.w1), text(&s.w2), text(&s.target)),
        ("2.0000", "0.5000", "1.5000", "6.0000")
    );
    for r in [&s.h, &s.y, &s.loss, &s.dl_dy, &s.dl_dw1, &s.dl_dw2] {
        assert_eq!((r.value, r.text.as_str()), (None, "…"), "pending, never 0");
    }

    assert!(m.next());
    let s = m.snapshot();
    assert_eq!((s.phase, text(&s.h), text(&s.y)), ("forward", "1.0000", "…"));
    assert_eq!(s.explain, "h = x × w1 = 2 × 0.5 = 1");

    m.next();
    let s = m.snapshot();
    assert_eq!((text(&s.y), text(&s.loss)), ("1.5000", "…"));

    m.next();
    let s = m.snapshot();
    assert_eq!((s.phase, text(&s.loss), text(&s.dl_dy)), ("loss", "20.2500", "…"));

    m.next();
    let s = m.snapshot();
    assert_eq!(
        (s.phase, text(&s.dl_dy), text(&s.dl_dw2)),
        ("backward", "-9.0000", "…")
    );

    m.next();
    let s = m.snapshot();
    assert_eq!(
        (text(&s.dl_dw2), text(&s.dl_dw1), text(&s.fd_w2)),
        ("-9.0000", "…", "-9.0000")
    );

    m.next();
    assert_eq!(text(&m.snapshot().dl_dh), "-13.5000");

    m.next();
    let s = m.snapshot();
    assert_eq!((text(&s.dl_dw1), text(&s.fd_w1)), ("-27.0000", "-27.0000"));
    assert_eq!(s.explain, "∂L/∂w1 = ∂L/∂y × w2 × x = -9 × 1.5 × 2 = -27");

    m.next();
    let s = m.snapshot();
    assert_eq!(s.phase, "update");
    assert_eq!((text(&s.w1), text(&s.w2)), ("0.7700", "1.5900"));
    assert_eq!(
        (s.w1_before.as_deref(), s.w2_before.as_deref()),
        (Some("0.5000"), Some("1.5000"))
    );
    assert_eq!((text(&s.new_y), text(&s.new_loss)), ("2.4486", "12.6124"));
    // The forward values of this cycle stay on screen during the update.
    assert_eq!(text(&s.loss), "20.2500");

    // Next cycle: forward again with the new weights.
    assert!(m.next());
    let s = m.snapshot();
    assert_eq!((s.iteration, s.stage, text(&s.w1)), (1, 1, "0.7700"));
    assert_eq!(text(&s.h), "1.5400");
    assert_eq!(s.y.value, None, "pending again");
}

#[test]
fn changing_w1_gives_new_gradients() {
    let mut m = BackpropModel::default();
    m.set_value("w1", 1.0).expect("valid");
    m.train(1);
    let s = m.snapshot();
    // h = 2, y = 3, ∂L/∂y = 2(3 − 6) = −6, ∂L/∂w2 = −6 × 2 = −12, ∂L/∂w1 = −6 × 1.5 × 2 = −18.
    assert_eq!(
        (text(&s.dl_dy), text(&s.dl_dw2), text(&s.dl_dw1)),
        ("-6.0000", "-12.0000", "-18.0000")
    );
}

#[test]
fn training_lowers_the_loss_and_a_big_rate_diverges() {
    let mut m = BackpropModel::default();
    assert_eq!(m.train(200), 200);
    let losses = m.losses();
    assert_eq!(losses.len(), 200);
    assert_eq!(losses[0], 20.25);
    assert!(losses[199] < 1e-6, "falls towards 0: {}", losses[199]);
    assert!(losses.windows(2).all(|p| p[1] <= p[0]));

    let mut m = BackpropModel::default();
    m.set_lr(0.2).expect("valid");
    let done = m.train(10_000);
    let s = m.snapshot();
    assert!(done < 10_000);
    assert_eq!(s.state, "diverged");
    for r in [&s.w1, &s.w2, &s.h, &s.y, &s.loss, &s.dl_dw1, &s.dl_dw2] {
        assert!(r.value.is_none_or(f64::is_finite));
        assert!(!r.text.contains("NaN") && !r.text.contains("inf"));
    }
    assert!(!m.next(), "a diverged chain stays put");
}

#[test]
fn diverging_is_reported_before_it_overflows() {
    let mut m = BackpropModel::default();
    m.set_lr(0.2).expect("valid");
    let mut seen = false;
    for _ in 0..200 {
        if m.train(1) == 0 {
            break;
        }
        seen |= m.snapshot().diverging;
    }
    assert!(seen);
}

#[test]
fn bad_inputs_are_refused() {
    let mut m = BackpropModel::default();
    assert!(m.set_value("x", f64::NAN).is_err());
    assert!(m.set_value("w2", 1e9).is_err());
    assert!(m.set_lr(0.0).is_err());
    assert!(m.set_eps(-1.0).is_err());
    assert!(m.set_eps(2.0).is_err());
    m.set_eps(0.5).expect("valid");
    m.train(1);
    // Central differences are exact on a quadratic: any ε agrees.
    assert_eq!(text(&m.snapshot().fd_w1), "-27.0000");
    m.reset();
    assert_eq!(text(&m.snapshot().x), "2.0000");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_never_prints_a_non_finite_number(
            values in proptest::collection::vec(prop_oneof![proptest::num::f64::ANY, -10.0..10.0f64, -2e6..2e6f64], 4),
            lr in prop_oneof![proptest::num::f64::ANY, 0.0..2.0f64],
            eps in prop_oneof![proptest::num::f64::ANY, 0.0..1.0f64],
            cycles in 0usize..300,
        ) {
            let mut m = BackpropModel::default();
            for (name, v) in ["x", "w1", "w2", "target"].iter().zip(&values) {
                let _ = m.set_value(name, *v);
            }
            let _ = m.set_lr(lr);
            let _ = m.set_eps(eps);
            m.train(cycles);
            m.next();
            let s = m.snapshot();
            for r in [&s.x, &s.target, &s.w1, &s.w2, &s.h, &s.y, &s.loss, &s.dl_dy, &s.dl_dh,
                      &s.dl_dw1, &s.dl_dw2, &s.fd_w1, &s.fd_w2, &s.new_y, &s.new_loss] {
                prop_assert!(r.value.is_none_or(f64::is_finite));
                prop_assert!(!r.text.contains("NaN") && !r.text.contains("inf"), "{}", r.text);
            }
            prop_assert!(!s.explain.contains("NaN") && !s.explain.contains("inf"), "{}", s.explain);
            prop_assert!(m.losses().iter().all(|l| l.is_finite()));
        }
    }
}

#[test]
fn the_drawn_graph_shows_only_what_has_been_computed() {
    let mut m = BackpropModel::default();
    let scene = m.scene();
    assert_eq!(scene.nodes.len(), 7);
    assert_eq!(scene.edges.len(), 6);
    assert!(
        scene.nodes.iter().all(|n| n.grad.is_none()),
        "no gradient before the backward pass"
    );
    assert_eq!(scene.nodes[2].value, None, "h pending");
    m.train(1); // to the update stage
    let scene = m.scene();
    assert_eq!(scene.nodes[1].value.as_deref(), Some("0.5000 → 0.7700"));
    assert_eq!(scene.nodes[1].grad.as_deref(), Some("-27.0000"));
    let into_h: Vec<_> = scene
        .edges
        .iter()
        .filter(|e| e.to == 2)
        .map(|e| e.local.clone())
        .collect();
    assert_eq!(
        into_h,
        vec![Some("∂h/∂x = 0.5".to_owned()), Some("∂h/∂w1 = 2".to_owned())]
    );
    let mut m = BackpropModel::default();
    for _ in 0..7 {
        m.next();
    }
    let active: Vec<(usize, usize)> = m
        .scene()
        .edges
        .iter()
        .filter(|e| e.active)
        .map(|e| (e.from, e.to))
        .collect();
    assert_eq!(active, vec![(1, 2)], "∂L/∂w1 flows along w1 → h");
}

#[test]
fn back_walks_the_cycle_backwards() {
    let mut m = BackpropModel::default();
    assert!(!m.back(), "nothing before ready");
    m.train(1);
    assert_eq!(m.losses().len(), 1);
    for stage in (0..8).rev() {
        assert!(m.back());
        assert_eq!(m.stage(), stage);
    }
    assert_eq!(m.losses().len(), 0, "the loss stage was undone");
    assert_eq!(m.snapshot().dl_dw1.value, None, "pending again");
    m.train(2);
    assert!(m.next());
    assert!(!m.back(), "a later cycle starts at its forward pass");
}
