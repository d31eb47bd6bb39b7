//! The typed formula: notation, messages and limits, the presets typed in,
//! exmex as an independent oracle (values and symbolic derivatives), and
//! random input that must never panic.

use super::*;
use crate::i18n::Lang;
use crate::landscape::Landscape;
use proptest::prelude::*;

fn f(text: &str) -> Formula {
    Formula::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str) -> FormulaError {
    match Formula::parse(text) {
        Ok(_) => panic!("{text} was accepted"),
        Err(e) => e,
    }
}

#[test]
fn the_usual_notation() {
    // Powers are right-associative and above unary minus.
    assert_eq!(f("2^3^2").eval(0.0).0, 512.0);
    assert_eq!(f("-w^2").eval(3.0).0, -9.0);
    assert_eq!(f("w**2").eval(-3.0).0, 9.0);
    assert_eq!(f("2^-1").eval(0.0).0, 0.5);
    // Implicit products after a number or a bracket.
    assert_eq!(f("0.3w").eval(2.0).0, 0.3 * 2.0);
    assert_eq!(f("2(w - 1)").eval(4.0).0, 6.0);
    assert_eq!(f("(w+1)(w-1)").eval(3.0).0, 8.0);
    assert_eq!(f("2 sin(w)").eval(1.0).0, 2.0 * 1f64.sin());
    // Scientific numbers, and e as a constant.
    assert_eq!(f("2e-1").eval(0.0).0, 0.2);
    assert_eq!(f("2e").eval(0.0).0, 2.0 * std::f64::consts::E);
    assert_eq!(f("2e-w").eval(1.0).0, 2.0 * std::f64::consts::E - 1.0);
    assert_eq!(f("pi + π").eval(0.0).0, 2.0 * std::f64::consts::PI);
    // ln and log are both natural.
    assert_eq!(f("log(e)").eval(0.0).0, 1.0);
    assert_eq!(f("ln(w)").eval(std::f64::consts::E).0, 1.0);
    // Functions with their derivatives.
    let (l, d1, d2) = f("sigmoid(w)").eval(0.0);
    assert_eq!((l, d1), (0.5, 0.25));
    assert!(d2.abs() < 1e-17);
    assert_eq!(f("abs(w)").eval(-2.0), (2.0, -1.0, 0.0));
    assert_eq!(f("min(w, 2, w^2)").eval(1.5), (1.5, 1.0, 0.0));
    assert_eq!(f("max(w, 2)").eval(1.5), (2.0, 0.0, 0.0));
    assert_eq!(f("sqrt(w)").eval(4.0), (2.0, 0.25, -1.0 / 32.0));
    // The page's own printed formulas paste back in.
    let typed = f("w⁴/4 − w² + 0.3w + 2");
    for w in [-2.0, -0.5, 0.0, 1.0, 2.5] {
        let dw = Landscape::DoubleWell;
        let (l, d1, d2) = typed.eval(w);
        assert!((l - dw.loss(w)).abs() < 1e-14 && (d1 - dw.grad(w)).abs() < 1e-13 && (d2 - dw.curvature(w)).abs() < 1e-13, "w = {w}");
    }
    assert_eq!(f("3·w × 2 ÷ 4").eval(2.0).0, 3.0);
}

#[test]
fn derivatives_are_exact_not_differences() {
    // L = (w − 3)² + 1: L′ = 2(w − 3), L″ = 2, exactly.
    let bowl = f("(w - 3)^2 + 1");
    for w in [-5.0, 0.0, 0.1, 2.999, 3.0, 7.25] {
        assert_eq!(bowl.eval(w), ((w - 3.0) * (w - 3.0) + 1.0, 2.0 * (w - 3.0), 2.0));
    }
    // L = e^(−3w): L′ = −3e^(−3w), L″ = 9e^(−3w).
    let (l, d1, d2) = f("exp(-3w)").eval(0.5);
    assert_eq!(l, (-1.5f64).exp());
    assert!((d1 + 3.0 * l).abs() < 1e-15 && (d2 - 9.0 * l).abs() < 1e-15);
    // w^w = e^(w ln w): L′ = w^w (ln w + 1).
    let (l, d1, _) = f("w^w").eval(2.0);
    assert!((l - 4.0).abs() < 1e-14 && (d1 - 4.0 * (2f64.ln() + 1.0)).abs() < 1e-13);
}

#[test]
fn outside_the_domain_is_not_finite() {
    assert!(f("ln(w)").eval(0.0).0.is_infinite());
    assert!(f("ln(w)").eval(-1.0).0.is_nan());
    assert!(f("sqrt(w)").eval(-1.0).0.is_nan());
    assert!(f("1/w").eval(0.0).0.is_infinite());
    assert!(f("exp(w)").eval(1000.0).0.is_infinite());
}

#[test]
fn refusals_point_at_the_place() {
    assert_eq!(err("sinn(w)"), FormulaError::UnknownFunction { name: "sinn".into(), column: 1 });
    let e = err("w + sinn(w)");
    assert_eq!(e, FormulaError::UnknownFunction { name: "sinn".into(), column: 5 });
    assert!(e.message(Lang::En).contains("Unknown function ‘sinn’ at column 5"), "{}", e.message(Lang::En));
    assert!(e.message(Lang::Zh).contains("第 5 列的函数“sinn”未知"), "{}", e.message(Lang::Zh));
    assert_eq!(err("x^2"), FormulaError::UnknownVariable { name: "x".into(), vars: "w", column: 1 });
    assert_eq!(err("w^2 + 2y"), FormulaError::UnknownVariable { name: "y".into(), vars: "w", column: 8 });
    assert_eq!(err("(w + 1"), FormulaError::Unclosed { column: 1 });
    assert_eq!(err("w + 1)"), FormulaError::Unexpected { found: ")".into(), column: 6 });
    assert_eq!(err("w +"), FormulaError::Expected { found: None, column: 4 });
    assert_eq!(err("w * / 2"), FormulaError::Expected { found: Some("/".into()), column: 5 });
    assert_eq!(err("w $ 2"), FormulaError::BadChar { found: '$', column: 3 });
    assert_eq!(err("1e999 w"), FormulaError::BadNumber { text: "1e999".into(), column: 1 });
    assert_eq!(err("1.2.3"), FormulaError::BadNumber { text: "1.2.3".into(), column: 1 });
    assert_eq!(err("sin w"), FormulaError::NeedsBracket { name: "sin", column: 1 });
    assert_eq!(err("min(w)"), FormulaError::Arity { name: "min", wanted: 2, got: 1, column: 1 });
    assert_eq!(err("exp(w, 2)"), FormulaError::Arity { name: "exp", wanted: 1, got: 2, column: 1 });
    assert_eq!(err("   "), FormulaError::Empty);
    assert_eq!(err("w 2"), FormulaError::Unexpected { found: "2".into(), column: 3 });
    for e in [err("w +"), err("(w"), err("q"), err("w@"), err("sqrt(1,2)"), err("")] {
        assert!(!e.message(Lang::En).is_empty() && !e.message(Lang::Zh).is_empty());
    }
}

#[test]
fn limits_on_length_and_depth() {
    let long = format!("w{}", " + 1".repeat(50));
    assert_eq!(err(&long), FormulaError::TooLong { chars: 201 });
    assert!(Formula::parse(&format!("{}   ", &long[..197])).is_ok(), "200 characters are allowed");
    // 32 levels are fine, 33 are not; a sign or a power is a level too.
    let nested = |n: usize| format!("{}w{}", "(".repeat(n), ")".repeat(n));
    assert!(Formula::parse(&nested(32)).is_ok());
    assert!(matches!(err(&nested(33)), FormulaError::TooDeep { column: 33 }));
    assert!(matches!(err(&"-".repeat(40)), FormulaError::TooDeep { .. }));
    assert!(matches!(err(&format!("w{}", "^w".repeat(40))), FormulaError::TooDeep { .. }));
    assert!(err(&nested(33)).message(Lang::En).contains("at most 32"));
}

#[test]
fn the_presets_typed_in_agree_with_their_hand_written_derivatives() {
    let typed = [
        ("bowl", "(w - 3)^2 + 1"),
        ("double-well", "w^4/4 - w^2 + 0.3w + 2"),
        ("bumpy", "0.15(w - 3)^2 - 0.6cos(3(w - 3)) + 1.6"),
        ("post-gif", "0.5(w - 1)^2 + 0.5 + 3exp(-2(w + 1)^2)"),
        ("cliff", "0.02(w - 4)^2 + 5exp(-3w) + 0.5"),
    ];
    for (name, text) in typed {
        let preset = Landscape::preset(name).expect("a preset");
        let formula = f(text);
        let (a, b) = preset.span().unwrap_or((-2.0, 8.0));
        for i in 0..=100 {
            let w = a + (b - a) * f64::from(i) / 100.0;
            let (l, d1, d2) = formula.eval(w);
            let scale = 1.0 + preset.loss(w).abs() + preset.curvature(w).abs();
            assert!((l - preset.loss(w)).abs() <= 1e-13 * scale, "{name} L({w})");
            assert!((d1 - preset.grad(w)).abs() <= 1e-13 * scale, "{name} L′({w})");
            assert!((d2 - preset.curvature(w)).abs() <= 1e-12 * scale, "{name} L″({w})");
        }
    }
}

/// A random formula both parsers read the same way: every operation in
/// brackets, only functions both know.
fn formula_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("w".to_owned()),
        (-50i32..50).prop_map(|n| format!("{}", f64::from(n) / 4.0)),
    ];
    leaf.prop_recursive(3, 16, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})+({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})-({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/({b})")),
            // (No ^0: exmex's derivative of x^0 recurses until the stack overflows.)
            (inner.clone(), 1u8..4).prop_map(|(a, n)| format!("({a})^{n}")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (inner, prop::sample::select(vec!["sin", "cos", "exp", "tanh", "abs"])).prop_map(|(a, f)| format!("{f}({a})")),
        ]
    })
}

/// exmex's `(L, L′, L″)` at `w` (NaN where it has no derivative), or
/// `None` if it reads no `w` in the text. On a thread with a large stack:
/// exmex's symbolic derivatives recurse deeply in a debug build.
fn exmex_eval(text: &str, w: f64) -> (f64, f64, f64) {
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            use exmex::prelude::*;
            let theirs = exmex::parse::<f64>(&text).expect("exmex parses it");
            if theirs.var_names().len() != 1 {
                let c = theirs.eval(&[]).unwrap_or(f64::NAN);
                return (c, 0.0, 0.0);
            }
            let l = theirs.eval(&[w]).unwrap_or(f64::NAN);
            let d1 = theirs.clone().partial(0).and_then(|d| d.eval(&[w])).unwrap_or(f64::NAN);
            let d2 = theirs.partial(0).and_then(|d| d.partial(0)).and_then(|d| d.eval(&[w])).unwrap_or(f64::NAN);
            (l, d1, d2)
        })
        .expect("a thread")
        .join()
        .expect("exmex returns")
}

fn agree(ours: f64, theirs: f64) -> bool {
    if !ours.is_finite() || !theirs.is_finite() || ours.abs() > 1e12 {
        return true; // overflow and domain edges are compared elsewhere
    }
    (ours - theirs).abs() <= 1e-9 * (1.0 + ours.abs().max(theirs.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// exmex parses the same text and differentiates it symbolically: the
    /// values and both derivatives match ours.
    #[test]
    fn exmex_agrees(text in formula_text(), w in -3.0f64..3.0) {
        let ours = f(&text).eval(w);
        let (l, d1, d2) = exmex_eval(&text, w);
        prop_assert!(agree(ours.0, l), "{text} at {w}: L {} vs {l}", ours.0);
        prop_assert!(agree(ours.1, d1), "{text} at {w}: L′ {} vs {d1}", ours.1);
        prop_assert!(agree(ours.2, d2), "{text} at {w}: L″ {} vs {d2}", ours.2);
    }

    /// Anything typed is parsed or refused, never a panic; what parses
    /// evaluates anywhere without one.
    #[test]
    fn random_text_never_panics(text in "[-+*/^()., wepisnqrtcoxabhglmd0-9²⁴−·]{0,60}", w in any::<f64>()) {
        if let Ok(formula) = Formula::parse(&text) {
            let _ = formula.eval(w);
        } else if let Err(e) = Formula::parse(&text) {
            prop_assert!(!e.message(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn any_unicode_never_panics(text in ".{0,220}") {
        let _ = Formula::parse(&text).map(|f| f.eval(1.5));
    }

    #[test]
    fn random_formulas_at_random_points(text in formula_text(), w in any::<f64>()) {
        let _ = f(&text).eval(w);
    }
}

#[test]
fn defined_where_the_maths_is_and_finite_where_it_should_be() {
    // A fractional power at 0, tanh and sigmoid far out: numbers, not NaN.
    let (l, d1, _) = f("abs(w)^1.5").eval(0.0);
    assert_eq!((l, d1), (0.0, 0.0));
    let (l, d1, d2) = f("tanh(1000w)").eval(1.0);
    assert_eq!((l, d1, d2), (1.0, 0.0, 0.0));
    let (l, d1, d2) = f("sigmoid(-1000w)").eval(1.0);
    assert!(l == 0.0 && d1 == 0.0 && d2 == 0.0, "{l} {d1} {d2}");
    let (l, d1, d2) = f("sqrt(w^2)").eval(3.0);
    assert_eq!((l, d1, d2), (3.0, 1.0, 0.0));
    assert_eq!(f("w^-2").eval(0.0).0, f64::INFINITY);
    // What is outside its domain says so; an overflow is not a domain.
    for (text, w) in [("ln(w)", -1.0), ("sqrt(w)", -0.5), ("w^0.5", -2.0), ("w/w", 0.0), ("(-1)^w", 0.5)] {
        assert!(!f(text).defined(w), "{text} at {w}");
    }
    for (text, w) in [("ln(w)", 2.0), ("exp(w)", 1000.0), ("1/w", 0.0), ("w^3", -2.0), ("w^4/4 - w^2", 1e300)] {
        assert!(f(text).defined(w), "{text} at {w}");
    }
}

#[test]
fn the_readout_and_the_pages_minus_paste_back_in() {
    let pasted = f("L(w) = w⁴/4 − w² + 1e−1w");
    assert_eq!(pasted.text(), "w⁴/4 − w² + 1e−1w");
    assert_eq!(pasted.eval(2.0).0, 4.0 - 4.0 + 0.2);
    // Refusals quote what was typed, not its reading.
    assert_eq!(err("w ** ** 2"), FormulaError::Expected { found: Some("**".into()), column: 6 });
    assert_eq!(err("L(w) = w +"), FormulaError::Expected { found: None, column: 11 });
}

#[test]
fn quotients_constants_and_edges_of_the_domain() {
    // A division by a constant is a division, correctly rounded.
    assert_eq!(f("w/10").eval(3.0).0, 0.3);
    // e^w / e^w at −240: 1, with zero slope and curvature (no 1/b³ overflow).
    assert_eq!(f("exp(w)/exp(w)").eval(-240.0), (1.0, 0.0, 0.0));
    // The quotient rule to second order: (w + 1)/w² at 2 → 3/4, −1/2, 5/8... by hand:
    // q = (w+1)/w², q′ = −1/w² − 2/w³, q″ = 2/w³ + 6/w⁴.
    let (q, q1, q2) = f("(w + 1)/w^2").eval(2.0);
    assert!((q - 0.75).abs() < 1e-15 && (q1 + 0.5).abs() < 1e-15 && (q2 - 0.625).abs() < 1e-15, "{q} {q1} {q2}");
    // A constant's own domain error counts.
    for text in ["ln(-2)*w", "w/sqrt(-1)", "w + (-8)^0.5"] {
        assert!(!f(text).defined(1.0), "{text}");
    }
    // 0^w: defined for w > 0 only; w^w at 0 is not.
    assert!(f("0^w").defined(2.0) && !f("0^w").defined(-1.0));
    assert!(!f("w^w").defined(0.0));
    // Large integer powers of negative numbers are defined (and overflow).
    assert!(f("w^2000").defined(-2.0));
    assert_eq!(f("w^2000").eval(-2.0).0, f64::INFINITY);
    assert_eq!(f("w^2000").eval(-1.0).0, 1.0);
}

#[test]
fn a_map_formula_has_w1_and_w2_and_an_exact_gradient() {
    // The page's own printed surfaces paste back in, prefix and all.
    let ravine = Formula::parse_map("L = (w1 − 3)² + 10(w2 − 1)² + 1").expect("the ravine as printed");
    assert_eq!(ravine.vars(), 2);
    assert_eq!(ravine.eval_map([0.0, 0.0]), (20.0, [-6.0, -20.0]));
    let rosen = Formula::parse_map("L(w1, w2) = (1 − w1)² + 100(w2 − w1²)²").expect("Rosenbrock");
    // ∂/∂w1 = −2(1 − w1) − 400·w1(w2 − w1²), ∂/∂w2 = 200(w2 − w1²): at (−1.2, 1), 24.2, (−215.6, −88).
    let (l, g) = rosen.eval_map([-1.2, 1.0]);
    assert!((l - 24.2).abs() < 1e-12 && (g[0] + 215.6).abs() < 1e-9 && (g[1] + 88.0).abs() < 1e-12, "{l} {g:?}");
    // A cross term: ∂(w1·w2)/∂w1 = w2.
    assert_eq!(Formula::parse_map("w1 w2 + sin(w2)").expect("parses").eval_map([2.0, 0.0]), (0.0, [0.0, 3.0]));
    // `w` alone is not a map's variable, nor `w1` a curve's; both say which are.
    let e = Formula::parse_map("w^2").expect_err("w on a map");
    assert_eq!(e, FormulaError::UnknownVariable { name: "w".into(), vars: "w1, w2", column: 1 });
    assert!(e.message(crate::i18n::Lang::En).contains("the variables are w1, w2"));
    assert!(Formula::parse("w1 + 1").is_err());
    // The domain per point, as for a curve.
    let f = Formula::parse_map("sqrt(w1) + w2").expect("parses");
    assert!(f.defined_map([1.0, -5.0]) && !f.defined_map([-1.0, 0.0]));
}
