use super::{fixed, parse, scientific};
use proptest::prelude::*;

/// The standard library's exact parser, as the reference.
fn std(text: &str) -> f64 {
    text.parse::<f64>().expect("a valid decimal")
}

#[test]
fn reads_what_the_page_writes() {
    for text in [
        "0.1", "1.5", "0.03", "-5", "10", "3", "0", "-0", "2.4967", "1e-7", "1.5e+21", "5e-324",
    ] {
        let x = parse(text).expect(text);
        assert_eq!(x.to_bits(), std(text).to_bits(), "{text}");
    }
    assert_eq!(parse("0.1"), Some(0.1));
    assert_eq!(parse("-0").map(f64::is_sign_negative), Some(true));
}

#[test]
fn forms_rust_accepts_are_read_the_same() {
    for text in [
        ".5",
        "5.",
        "+2",
        "1E3",
        "1e+3",
        "0001.2500",
        "-.25e1",
        "123456789012345678901234567890",
    ] {
        let x = parse(text).expect(text);
        assert_eq!(x, std(text), "{text}");
    }
}

#[test]
fn not_numbers() {
    for text in [
        "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "inf", "NaN", "∞", "1e5x",
        "--1",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

#[test]
fn far_exponents_saturate_without_panicking() {
    assert_eq!(parse("1e400"), Some(f64::INFINITY));
    assert_eq!(parse("-1e99999999999999999999"), Some(f64::NEG_INFINITY));
    assert_eq!(parse("1e-400"), Some(0.0));
    for (text, x) in [
        ("1.2345e100", 1.2345e100),
        ("-7e-150", -7e-150),
        ("123456789e-40", 123456789e-40),
    ] {
        let y = parse(text).expect(text);
        assert!((y - x).abs() <= x.abs() * 1e-14, "{text}: {y}");
    }
}

/// Rust's `{:.N}`, but a rounded negative zero without its sign, as ours prints it.
fn rust_fixed(x: f64, decimals: u32) -> String {
    let text = format!("{x:.*}", decimals as usize);
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_owned(),
        _ => text,
    }
}

/// Units in the last place between two finite doubles of the same sign.
fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

#[test]
fn far_values_are_within_an_ulp() {
    // Issue 10: these were 3 and 2 ulps off.
    for text in [
        "2.225073858507201e-308",
        "93200108528246048243694526945e-247",
        "2.2250738585072014e-308",
        "4.9e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "123456789012345678901234567890e-350",
        "8.98846567431158e307",
    ] {
        let (ours, rust) = (parse(text).expect(text), std(text));
        assert!(ulps(ours, rust) <= 1, "{text}: {ours:e} vs {rust:e}");
    }
    assert_eq!(
        parse("2.225073858507201e-308"),
        Some(std("2.225073858507201e-308"))
    );
    assert_eq!(
        parse("93200108528246048243694526945e-247"),
        Some(std("93200108528246048243694526945e-247"))
    );
}

#[test]
fn ties_round_to_even() {
    // 2^53 + 1 is halfway between two doubles: it rounds to the even one.
    assert_eq!(parse("9007199254740993"), Some(9007199254740992.0));
    assert_eq!(parse("9007199254740995"), Some(9007199254740996.0));
    // Just past the halfway point, the sticky digit must round up.
    assert_eq!(parse("9007199254740993.0000001"), Some(9007199254740994.0));
}

#[test]
fn fixed_prints_the_posts_numbers() {
    assert_eq!(fixed(0.6, 4), "0.6000");
    assert_eq!(fixed(2.4967232, 4), "2.4967");
    assert_eq!(fixed(-3145725.0, 4), "-3145725.0000");
    assert_eq!(fixed(9895604649985.0, 4), "9895604649985.0000");
    assert_eq!(fixed(-0.00001, 4), "0.0000", "no negative zero");
    assert_eq!(fixed(-0.004, 2), "0.00");
    assert_eq!(fixed(-0.0, 1), "0.0");
    assert_eq!(fixed(-0.005, 2), "-0.01");
    assert_eq!(scientific(-0.0, 3), "0.000e0");
    assert_eq!(fixed(0.0, 0), "0");
    assert_eq!(fixed(999.99996, 4), "1000.0000");
    assert_eq!(fixed(f64::NAN, 2), "NaN");
    assert_eq!(fixed(f64::NEG_INFINITY, 2), "-inf");
    assert_eq!(fixed(1e30, 4), "1.0000e30");
}

#[test]
fn ties_print_to_even_as_rust_does() {
    // Exact binary ties: 0.125, 0.375, 2.5, 0.5.
    for (x, p) in [
        (0.125, 2),
        (0.375, 2),
        (2.5, 0),
        (0.5, 0),
        (1.5, 0),
        (-0.125, 2),
        (1.03125, 4),
    ] {
        assert_eq!(fixed(x, p), rust_fixed(x, p), "{x}");
    }
    for x in [125.0, 1.5e10, 2.5e-3, 1.25e20, 3.5] {
        assert_eq!(scientific(x, 1), format!("{x:.1e}"), "{x}");
    }
}

#[test]
fn scientific_forms() {
    assert_eq!(scientific(1.23456e20, 4), "1.2346e20");
    assert_eq!(scientific(-3145725.0, 3), "-3.146e6");
    assert_eq!(scientific(0.00001, 3), "1.000e-5");
    assert_eq!(scientific(9.99996e5, 4), "1.0000e6");
    assert_eq!(scientific(0.0, 3), "0.000e0");
    assert_eq!(scientific(f64::MAX, 4), format!("{:.4e}", f64::MAX));
    assert_eq!(
        scientific(f64::MIN_POSITIVE, 4),
        format!("{:.4e}", f64::MIN_POSITIVE)
    );
    assert_eq!(scientific(5e-324, 2), format!("{:.2e}", 5e-324));
    assert_eq!(scientific(7.0, 0), "7e0");
}

/// Whether Rust's exact expansion of `x` has, after `decimals` digits of its
/// mantissa, "5000…" or "4999…": so close to a tie that floating point may
/// round it either way.
fn near_tie(x: f64, decimals: usize) -> bool {
    let long = format!("{:.*e}", decimals + 12, x);
    let mantissa = long.split('e').next().unwrap_or("");
    let rest = &mantissa[mantissa.len() - 12..];
    rest.starts_with("500000000") || rest.starts_with("499999999")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The shortest form of any double in a wide range reads back to that double.
    #[test]
    fn shortest_forms_round_trip(x in 1e-2f64..1e17) {
        for text in [format!("{x}"), format!("{x:e}"), format!("-{x:e}")] {
            let back = parse(&text).expect("a number");
            prop_assert_eq!(back.abs().to_bits(), x.to_bits(), "{}", text);
        }
    }

    /// Any decimal of up to 19 digits with a moderate exponent: the exact answer.
    #[test]
    fn exact_like_std(digits in "[0-9]{1,19}", point in 0usize..20, exp in -19i32..19) {
        let point = point.min(digits.len());
        // Keep the exponent, once the point is moved behind the digits, within ±19.
        let exp = exp.max((digits.len() - point) as i32 - 19);
        let text = format!("{}.{}e{exp}", &digits[..point], &digits[point..]);
        prop_assert_eq!(parse(&text).map(f64::to_bits), Some(std(&text).to_bits()), "{}", text);
    }

    /// Any decimal at all, with any exponent: within an ulp of the exact answer.
    #[test]
    fn far_like_std(digits in "[1-9][0-9]{0,39}", exp in -400i32..400) {
        let text = format!("{digits}e{exp}");
        let (ours, rust) = (parse(&text).unwrap_or(f64::NAN), std(&text));
        if rust.is_infinite() {
            // At the very top, one ulp past f64::MAX is infinity.
            prop_assert!(ours.is_infinite() || ulps(ours, f64::MAX) <= 1, "{}", text);
        } else {
            prop_assert!(ulps(ours, rust) <= 1, "{}: {:e} vs {:e}", text, ours, rust);
        }
    }

    /// No printer shows a negative zero: a value that rounds to 0 has no sign.
    #[test]
    fn no_negative_zero(x in -1e-3f64..1e-3, decimals in 0u32..=6) {
        let text = fixed(x, decimals);
        prop_assert!(!(text.starts_with('-') && text[1..].bytes().all(|b| b == b'0' || b == b'.')), "{}", text);
        let rust = format!("{x:.*}", decimals as usize);
        prop_assert_eq!(text, rust.strip_prefix('-').filter(|r| r.bytes().all(|b| b == b'0' || b == b'.')).map_or(rust.clone(), str::to_owned));
    }

    /// Whatever the text, no panic, and a number only where Rust sees one.
    #[test]
    fn any_text(text in "[-+0-9.eE]{0,30}|\\PC{0,12}") {
        let ours = parse(&text);
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() && ours.is_some() => {
                let y = ours.unwrap_or(f64::NAN);
                prop_assert!((x - y).abs() <= x.abs() * 1e-15, "{} {} {}", text, x, y);
            }
            Ok(x) if x.is_finite() => prop_assert!(false, "Rust reads {} as {}", text, x),
            _ => {}
        }
        if ours.is_some() {
            prop_assert!(text.parse::<f64>().is_ok(), "we read {:?}, Rust does not", text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// `fixed` is Rust's `{:.N}` digit for digit, at every size below 2⁶⁴.
    #[test]
    fn fixed_is_rusts(negative: bool, bits in 0u64..(1087 << 52), decimals in 0u32..=9) {
        // Every finite double below 2⁶⁴ (biased exponent ≤ 1086), either sign.
        let x = f64::from_bits(bits | u64::from(negative) << 63);
        prop_assert_eq!(fixed(x, decimals), rust_fixed(x, decimals));
    }

    /// Values a chart and a diverging run show, as the digits a reader sees.
    #[test]
    fn fixed_is_rusts_on_decimal_looking_values(n in -10_000_000_000i64..10_000_000_000, scale in 0u32..8,
                                                decimals in 0u32..=6) {
        let x = n as f64 / 10f64.powi(scale as i32);
        prop_assert_eq!(fixed(x, decimals), rust_fixed(x, decimals));
    }

    /// `scientific` is Rust's `{:.Ne}`: exactly within 10⁻¹⁰..2⁶⁴, and away
    /// from ties everywhere else.
    #[test]
    fn scientific_is_rusts(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL, decimals in 0u32..=9) {
        let ours = scientific(x, decimals);
        let rust = format!("{x:.*e}", decimals as usize);
        if x.abs() > 1e-10 && x.abs() < 1.8e19 || !near_tie(x, decimals as usize) {
            prop_assert_eq!(ours, rust);
        }
    }
}
