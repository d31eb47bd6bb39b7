//! Numbers as the post prints them, and never as "NaN" or "inf". The digits
//! come from [`crate::decimal`], which prints as Rust's `format!` does.

use crate::decimal::{fixed, scientific};

/// Magnitude from which fixed-point printing gives way to scientific notation,
/// so a diverging run does not print a 300-digit number.
const FIXED_LIMIT: f64 = 1e15;

/// Four decimals, as the post's `f"{w:.4f}"`: `0.6000`, `-3145725.0000`,
/// `9895604649985.0000`. Beyond 10¹⁵ in size: `1.2346e20`. A negative zero
/// prints as `0.0000`; a non-finite input prints as `—` (the core never
/// produces one, this is the last line of defence).
pub fn fixed4(x: f64) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    if x.abs() >= FIXED_LIMIT {
        return scientific(x, 4);
    }
    fixed(x, 4)
}

/// A short human form for messages: up to 6 significant digits, no trailing zeros.
pub fn short(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "−∞" }.to_owned();
    }
    if x != 0.0 && (x.abs() >= 1e6 || x.abs() < 1e-4) {
        return scientific(x, 3);
    }
    let s = fixed(x, 6);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An axis tick: as short as it can be and still exact enough to read, e.g.
/// `2.5`, `-3e6`, `1.5e307`.
pub fn tick(x: f64) -> String {
    if x != 0.0 && x.is_finite() && (x.abs() >= 1e5 || x.abs() < 1e-3) {
        let s = scientific(x, 3);
        match s.split_once('e') {
            Some((mantissa, exp)) => {
                let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
                format!("{mantissa}e{exp}")
            }
            None => s,
        }
    } else {
        short(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_style_four_decimals() {
        assert_eq!(fixed4(0.6), "0.6000");
        assert_eq!(fixed4(-6.0), "-6.0000");
        assert_eq!(fixed4(-3145725.0), "-3145725.0000");
        assert_eq!(fixed4(9895604649985.0), "9895604649985.0000");
        assert_eq!(fixed4(-0.00001), "0.0000");
        assert_eq!(fixed4(1.23456e20), "1.2346e20");
        assert_eq!(fixed4(f64::NAN), "—");
        assert_eq!(fixed4(f64::INFINITY), "—");
    }

    #[test]
    fn tick_forms() {
        assert_eq!(tick(-3e6), "-3e6");
        assert_eq!(tick(1.5e307), "1.5e307");
        assert_eq!(tick(2.5), "2.5");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(12345.0), "12345");
    }

    #[test]
    fn short_forms() {
        assert_eq!(short(0.1), "0.1");
        assert_eq!(short(-2.0), "-2");
        assert_eq!(short(1000.0), "1000");
        assert_eq!(short(1e9), "1.000e9");
        assert_eq!(short(f64::NAN), "NaN");
        assert_eq!(short(f64::NEG_INFINITY), "−∞");
    }
}
