use super::parse;
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

#[test]
fn ties_round_to_even() {
    // 2^53 + 1 is halfway between two doubles: it rounds to the even one.
    assert_eq!(parse("9007199254740993"), Some(9007199254740992.0));
    assert_eq!(parse("9007199254740995"), Some(9007199254740996.0));
    // Just past the halfway point, the sticky digit must round up.
    assert_eq!(parse("9007199254740993.0000001"), Some(9007199254740994.0));
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
