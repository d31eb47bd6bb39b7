//! The presets against values computed by hand (in the comments) and
//! against their own derivatives by central differences.

use super::*;
use crate::descent::Run;

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
}

#[test]
fn each_preset_has_its_formulas_values() {
    let dw = Landscape::DoubleWell;
    // L(1) = 1/4 − 1 + 0.3 + 2 = 1.55; L′(1) = 1 − 2 + 0.3 = −0.7; L″(1) = 3 − 2 = 1.
    close(dw.loss(1.0), 1.55, 1e-15, "double-well L(1)");
    close(dw.grad(1.0), -0.7, 1e-15, "double-well L′(1)");
    close(dw.curvature(1.0), 1.0, 0.0, "double-well L″(1)");
    // L(2) = 4 − 4 + 0.6 + 2 = 2.6; L′(2) = 8 − 4 + 0.3 = 4.3; L″(2) = 10.
    close(dw.loss(2.0), 2.6, 1e-15, "double-well L(2)");
    close(dw.grad(2.0), 4.3, 1e-15, "double-well L′(2)");
    close(dw.curvature(0.0), -2.0, 0.0, "double-well L″(0)");
    let b = Landscape::Bumpy;
    // L(3) = 0 − 0.6 + 1.6 = 1; L′(3) = 0; L″(3) = 0.3 + 5.4 = 5.7.
    close(b.loss(3.0), 1.0, 1e-15, "bumpy L(3)");
    close(b.grad(3.0), 0.0, 0.0, "bumpy L′(3)");
    close(b.curvature(3.0), 5.7, 1e-15, "bumpy L″(3)");
    // L(4) = 0.15 − 0.6 cos 3 + 1.6 = 2.34399549796…; L′(4) = 0.3 + 1.8 sin 3 = 0.55401601…
    close(b.loss(4.0), 2.343_995_497_960_267, 1e-14, "bumpy L(4)");
    close(b.grad(4.0), 0.554_016_014_507_761, 1e-14, "bumpy L′(4)");
    close(b.curvature(4.0), -5.045_959_481_642_406, 1e-14, "bumpy L″(4)");
    let p = Landscape::PostGif;
    // L(−1) = 2 + 0.5 + 3 = 5.5; L′(−1) = −2; L″(−1) = 1 − 12 = −11 (on the bump).
    close(p.loss(-1.0), 5.5, 1e-15, "post-gif L(−1)");
    close(p.grad(-1.0), -2.0, 1e-15, "post-gif L′(−1)");
    close(p.curvature(-1.0), -11.0, 1e-14, "post-gif L″(−1)");
    // L(0) = 0.5 + 0.5 + 3e^−2 = 1.40600584…; L′(0) = −1 − 12e^−2; L″(0) = 1 + 36e^−2.
    close(p.loss(0.0), 1.0 + 3.0 * (-2.0f64).exp(), 1e-15, "post-gif L(0)");
    close(p.grad(0.0), -1.0 - 12.0 * (-2.0f64).exp(), 1e-15, "post-gif L′(0)");
    close(p.curvature(0.0), 1.0 + 36.0 * (-2.0f64).exp(), 1e-14, "post-gif L″(0)");
    let c = Landscape::Cliff;
    // L(0) = 0.32 + 5 + 0.5 = 5.82; L′(0) = −0.16 − 15 = −15.16; L″(0) = 45.04.
    close(c.loss(0.0), 5.82, 1e-15, "cliff L(0)");
    close(c.grad(0.0), -15.16, 1e-14, "cliff L′(0)");
    close(c.curvature(0.0), 45.04, 1e-14, "cliff L″(0)");
    close(c.curvature(4.0), 0.04 + 45.0 * (-12.0f64).exp(), 1e-17, "cliff L″(4)");
}

#[test]
fn derivatives_match_central_differences_everywhere_in_view() {
    for name in PRESETS {
        let l = Landscape::preset(name).expect("a preset");
        let (a, b) = l.span().unwrap_or((-2.0, 8.0));
        let h = 1e-5;
        for i in 0..=200 {
            let w = a + (b - a) * f64::from(i) / 200.0;
            let d1 = (l.loss(w + h) - l.loss(w - h)) / (2.0 * h);
            let d2 = (l.grad(w + h) - l.grad(w - h)) / (2.0 * h);
            let scale = 1.0 + l.loss(w).abs() + l.curvature(w).abs();
            assert!((d1 - l.grad(w)).abs() < 1e-6 * scale, "{name} L′({w}): {d1} vs {}", l.grad(w));
            assert!((d2 - l.curvature(w)).abs() < 1e-5 * scale, "{name} L″({w}): {d2} vs {}", l.curvature(w));
        }
    }
}

#[test]
fn minima_are_where_the_slope_turns_up() {
    // Roots of w³ − 2w + 0.3 (Newton in f64): −1.4839678931977263, 0.1517… (a
    // maximum) and 1.3322207371911865.
    let dw = Landscape::DoubleWell.local_minima();
    assert_eq!(dw.len(), 2);
    close(dw[0].0, -1.483_967_893_197_726_3, 1e-12, "double-well global minimum");
    close(dw[1].0, 1.332_220_737_191_186_5, 1e-12, "double-well local minimum");
    assert_eq!(Landscape::DoubleWell.minimum().map(|m| m.0), Some(dw[0].0), "the lower one is global");
    // Bumpy: w = 3 (L = 1) and its ripples' minima near 1.0178, 4.9822, −0.9493, 6.9493.
    let bumpy = Landscape::Bumpy.local_minima();
    assert_eq!(bumpy.len(), 5, "{bumpy:?}");
    close(bumpy[2].0, 3.0, 1e-12, "bumpy's global minimum");
    close(bumpy[1].0, 1.017_833_595_958_279_8, 1e-12, "bumpy's ripple");
    assert_eq!(Landscape::Bumpy.minimum(), Some(bumpy[2]));
    // Post-gif: the minimum near w = 1 (Newton: 1.0076038693480416, L =
    // 0.5009757930931462) and the trap behind the bump (−1.778721301045634).
    let p = Landscape::PostGif.local_minima();
    assert_eq!(p.len(), 2, "{p:?}");
    close(p[1].0, 1.007_603_869_348_041_6, 1e-12, "post-gif minimum near w = 1");
    close(p[1].1, 0.500_975_793_093_146_2, 1e-14, "post-gif minimum at L ≈ 0.5");
    close(p[0].0, -1.778_721_301_045_634, 1e-12, "post-gif's trap behind the bump");
    assert_eq!(Landscape::PostGif.minimum(), Some(p[1]));
    let c = Landscape::Cliff.minimum().expect("a minimum");
    close(c.0, 4.002_288_316_411_551, 1e-12, "cliff's minimum on the plain");
    // The bowl keeps its closed form.
    assert_eq!(Landscape::default().minimum(), Some((3.0, 1.0)));
}

#[test]
fn the_stability_threshold_is_two_over_the_curvature_at_the_minimum() {
    // η < 2 / L″(w*): the bowl's is today's η < 1.
    let threshold = |l: Landscape, w: f64| 2.0 / l.curvature(w);
    assert_eq!(threshold(Landscape::default(), 3.0), 1.0);
    let (w, _) = Landscape::DoubleWell.minimum().expect("a minimum");
    close(threshold(Landscape::DoubleWell, w), 2.0 / (3.0 * w * w - 2.0), 1e-15, "double-well");
    close(threshold(Landscape::Bumpy, 3.0), 2.0 / 5.7, 1e-15, "bumpy");
    let (w, _) = Landscape::Cliff.minimum().expect("a minimum");
    close(threshold(Landscape::Cliff, w), 2.0 / (0.04 + 45.0 * (-3.0 * w).exp()), 1e-12, "cliff: about 50");
}

#[test]
fn the_double_well_sends_two_starts_to_two_valleys() {
    let dw = Landscape::DoubleWell.local_minima();
    for (w0, valley) in [(2.0, dw[1].0), (-0.5, dw[0].0)] {
        let mut run = Run::new(Landscape::DoubleWell, w0, 0.1).expect("a run");
        for _ in 0..200 {
            run.step();
        }
        close(run.w(), valley, 1e-6, &format!("from w0 = {w0}"));
    }
}

#[test]
fn names_round_trip_and_unknown_names_are_none() {
    for name in PRESETS {
        assert_eq!(Landscape::preset(name).and_then(|l| l.name()), Some(name));
        assert!(Landscape::preset(name).expect("a preset").formula().starts_with("L(w) = "));
    }
    assert_eq!(Landscape::preset("sinn"), None);
    assert_eq!(Landscape::preset(""), None);
}

#[test]
fn interval_extremes_pass_over_what_overflows() {
    let c = Landscape::Cliff;
    // e^(−3w) overflows below w ≈ −236: the minimum is still found, the maximum is ∞.
    close(c.min_on(-1e6, 10.0), c.minimum().expect("min").1, 1e-12, "cliff min_on");
    assert_eq!(c.max_on(-1e6, 10.0), f64::INFINITY);
    let dw = Landscape::DoubleWell;
    close(dw.min_on(0.5, 2.5), dw.local_minima()[1].1, 1e-12, "the right well alone");
    close(dw.min_on(2.0, 3.0), dw.loss(2.0), 0.0, "no minimum inside: the lower end");
    assert!(dw.min_on(-1e300, 1e300).is_finite());
    assert!(dw.max_on(f64::MAX, -f64::MAX).is_infinite());
}

#[test]
fn far_out_every_preset_is_a_number_or_an_infinity_never_nan() {
    for name in PRESETS {
        let l = Landscape::preset(name).expect("a preset");
        for w in [f64::MAX, -f64::MAX, 1e300, -1e300, 1e154, -1e154, 1e20, -1e20] {
            for (what, v) in [("L", l.loss(w)), ("L′", l.grad(w)), ("L″", l.curvature(w))] {
                assert!(!v.is_nan(), "{name}: {what}({w}) is NaN");
            }
        }
    }
}

#[test]
fn a_start_where_the_cliff_overflows_is_refused_in_words() {
    use crate::input::InputError;
    use crate::widgets::lr_compare::LrCompareModel;
    // e^(−3w) overflows for w < −236.6: no loss to show there.
    let err = Run::new(Landscape::Cliff, -300.0, 0.1).expect_err("refused");
    assert_eq!(err, InputError::OffTheCurve { value: -300.0 });
    assert!(err.message(crate::i18n::Lang::Zh).contains("起点"));
    assert!(Run::new(Landscape::Cliff, -200.0, 0.1).is_ok());
    // The lab takes a start for all three runs or for none.
    let mut lab = LrCompareModel::default();
    lab.set_landscape(Landscape::Cliff, 0.0).expect("a landscape");
    let before = lab.snapshot();
    assert!(lab.set_start(-300.0, 0.0).is_err());
    assert_eq!(lab.snapshot(), before);
    // Where L″ overflows but L does not (−236.06 < w < −235.33), no start.
    assert!(Landscape::Cliff.loss(-235.7).is_finite() && Landscape::Cliff.curvature(-235.7).is_infinite());
    assert_eq!(Run::new(Landscape::Cliff, -235.7, 0.1).expect_err("refused"), InputError::OffTheCurve { value: -235.7 });
    // η·L″ overflowing is refused too: at w = −233.2, η = 1000 would print |1 − η·L″| = ∞.
    assert!(Run::new(Landscape::Cliff, -233.2, 0.1).is_ok());
    assert!(Run::new(Landscape::Cliff, -233.2, 1000.0).is_err());
    let mut run = Run::new(Landscape::Cliff, -233.2, 0.1).expect("a run");
    assert_eq!(run.set_lr(1000.0), Err(InputError::TooSteep { value: 1000.0 }));
    assert_eq!(run.lr(), 0.1, "the previous η stays");
    // A run thrown up the wall stops before anything it prints overflows.
    // (η = 60 > 2/0.04 overshoots the plain onto the wall, and from there far out.)
    let mut run = Run::new(Landscape::Cliff, 8.0, 60.0).expect("a run");
    for _ in 0..10_000 {
        if !run.step() {
            break;
        }
    }
    assert_eq!(run.health(), crate::descent::Health::Diverged, "η = 60 throws the ball up the wall");
    assert!(run.history().iter().all(|it| (60.0 * Landscape::Cliff.curvature(it.w)).is_finite()));
}

#[test]
fn a_typed_landscape_is_the_preset_it_spells() {
    let typed = Landscape::typed("w^4/4 - w^2 + 0.3w + 2").expect("parses");
    assert_eq!(typed.key(), "formula");
    assert_eq!(typed.name(), None);
    assert_eq!(typed.typed_text(), Some("w^4/4 - w^2 + 0.3w + 2"));
    assert_eq!(typed.formula(), "L(w) = w^4/4 - w^2 + 0.3w + 2");
    let (ours, preset) = (typed.local_minima(), Landscape::DoubleWell.local_minima());
    assert_eq!(ours.len(), 2);
    for (a, b) in ours.iter().zip(&preset) {
        close(a.0, b.0, 1e-12, "typed minimum w");
        close(a.1, b.1, 1e-12, "typed minimum L");
    }
    // The view: both valleys with room (half their spread, at least 1.5).
    let (a, b) = typed.span().expect("a span");
    close(a, ours[0].0 - 1.5, 1e-12, "span left");
    close(b, ours[1].0 + 1.5, 1e-12, "span right");
    let start = typed.default_start();
    close(start, a + (b - a) / 10.0, 1e-12, "default start");
    // The double well's two valleys from the post-style starts, typed.
    for (w0, valley) in [(2.0, 1), (-0.5, 0)] {
        let mut run = Run::new(typed.clone(), w0, 0.1).expect("a run");
        for _ in 0..200 {
            run.step();
        }
        close(run.w(), ours[valley].0, 1e-6, "typed double well");
    }
}

#[test]
fn a_typed_landscape_without_a_minimum_in_reach_shows_the_search_range() {
    let slope = Landscape::typed("w").expect("parses");
    assert!(slope.local_minima().is_empty());
    assert_eq!(slope.span(), Some(TYPED_SEARCH));
    // A pole in view: the view is finite and the curve's top is not infinite.
    let pole = Landscape::typed("1/w^2 + w^2").expect("parses");
    let view = crate::view::View::fit(&pole, [pole.default_start()]);
    assert!([view.x0, view.x1, view.y0, view.y1].iter().all(|x| x.is_finite()));
    assert!(view.y1 < 1e6, "{view:?}");
    // Narrow: w² alone is shown at least 4 wide.
    let (a, b) = Landscape::typed("w^2").expect("parses").span().expect("a span");
    close(b - a, 4.0, 1e-12, "narrowest span");
}

#[test]
fn each_minimums_threshold_is_two_over_its_curvature_in_closed_form() {
    use crate::regime::threshold;
    // The bowl: L″ = 2, so η < 1, the post's.
    assert_eq!(threshold(&Landscape::default(), 3.0), Some(1.0));
    let closed: [(&str, fn(f64) -> f64); 4] = [
        ("double-well", |w| 3.0 * w * w - 2.0),
        ("bumpy", |w| 0.3 + 5.4 * (3.0 * (w - 3.0)).cos()),
        ("post-gif", |w| 1.0 + 3.0 * (16.0 * (w + 1.0).powi(2) - 4.0) * (-2.0 * (w + 1.0).powi(2)).exp()),
        ("cliff", |w| 0.04 + 45.0 * (-3.0 * w).exp()),
    ];
    for (name, curvature) in closed {
        let l = Landscape::preset(name).expect("a preset");
        let minima = l.local_minima();
        assert!(!minima.is_empty(), "{name}");
        for (w_star, _) in minima {
            let t = threshold(&l, w_star).expect("a minimum curves up");
            close(t, 2.0 / curvature(w_star), 1e-12 * t, name);
        }
    }
    // Bumpy's global minimum, w = 3: L″ = 5.7 exactly.
    close(threshold(&Landscape::Bumpy, 3.0).expect("curves up"), 2.0 / 5.7, 1e-15, "bumpy at 3");
    // A flat bottom has no first-order limit.
    let flat = Landscape::typed("w^4").expect("parses");
    assert_eq!(threshold(&flat, 0.0), None);
}

#[test]
fn the_minimum_ahead_is_downhill() {
    let dw = Landscape::DoubleWell;
    let minima = dw.local_minima();
    // Just right of the hump (near w = 0.15) the ball rolls right, just left of it, left.
    assert_eq!(dw.minimum_ahead(0.3), Some(minima[1]));
    assert_eq!(dw.minimum_ahead(0.0), Some(minima[0]));
    // Beyond the right valley it rolls back into it.
    assert_eq!(dw.minimum_ahead(2.0), Some(minima[1]));
    // The bowl has one.
    assert_eq!(Landscape::default().minimum_ahead(-50.0), Some((3.0, 1.0)));
}

#[test]
fn a_typed_start_keeps_off_the_edge_of_its_domain() {
    // ln w + 1/w is defined for w > 0 only and steepest next to 0.
    let l = Landscape::typed("ln(w) + 1/w").expect("parses");
    let w0 = l.default_start();
    assert!(w0 > 0.1 && w0 < 1.0, "{w0}");
    let mut run = Run::new(l, w0, 0.1).expect("a run");
    run.step();
    assert!(run.w() > 0.0 && run.w() < 3.0, "one step stays near the valley at 1: {}", run.w());
}
