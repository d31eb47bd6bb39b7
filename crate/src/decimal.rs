//! Decimal text to `f64`, without the standard library's parser.
//!
//! `str::parse::<f64>` is exact for every input, and for that it carries a
//! 10 KB table of powers of five plus big-number fallbacks: about a tenth of
//! the page's gzipped wasm, spent on reading a handful of URL values. This
//! parser is exact (one correctly rounded result, ties to even) for what
//! Downhill reads: up to 19 significant digits with a decimal exponent, after
//! moving the point, within ±19, which covers everything the page writes (the
//! shortest round-trip form of a number has at most 17 digits). Beyond that,
//! hand-typed inputs are still read, to within a unit in the last place.

/// Significant digits kept exactly: 10¹⁹ < 2⁶⁴.
const MAX_DIGITS: u32 = 19;

/// 10ⁿ for n ≤ 19.
fn pow10(n: u32) -> u64 {
    10u64.pow(n)
}

/// A decimal number: optional sign, digits with at most one point (at least
/// one digit), optional exponent `e`/`E` with optional sign. No spaces, no
/// words: `inf` and `NaN` are not numbers here. `None` if the text is not one.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    // Significant digits in `mantissa`; `scale` is the power of ten it is off by.
    let mut mantissa: u64 = 0;
    let mut kept = 0u32;
    let mut inexact = false;
    let mut scale: i64 = 0;
    let mut digits = 0usize;
    let mut seen_point = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                let d = u64::from(b - b'0');
                if kept < MAX_DIGITS {
                    if mantissa > 0 || d > 0 {
                        mantissa = mantissa * 10 + d;
                        kept += 1;
                    }
                    if seen_point {
                        scale -= 1;
                    }
                } else {
                    // A digit past the 19th: only its position counts (and whether it is 0).
                    inexact |= d > 0;
                    if !seen_point {
                        scale += 1;
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let (exp_negative, start) = match bytes.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        i = start;
        let mut exp: i64 = 0;
        while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
            // Saturate: 10^±100000 is far past what an f64 holds either way.
            exp = (exp * 10 + i64::from(b - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        scale += if exp_negative { -exp } else { exp };
    }
    if i != bytes.len() {
        return None;
    }
    let magnitude = if mantissa == 0 {
        0.0
    } else {
        scaled(mantissa, scale, inexact)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `mantissa × 10^scale`, correctly rounded when `inexact` is false and
/// `|scale| ≤ 19`; `mantissa` is not 0.
fn scaled(mantissa: u64, scale: i64, inexact: bool) -> f64 {
    let m = u128::from(mantissa);
    if (0..=i64::from(MAX_DIGITS)).contains(&scale) {
        // An integer below 10³⁸ < 2¹²⁸; the conversion rounds it once.
        let n = m * u128::from(pow10(scale as u32)) + u128::from(inexact);
        return n as f64;
    }
    if (-i64::from(MAX_DIGITS)..0).contains(&scale) {
        // m / 10^k: shift m to the top of 128 bits, so the quotient keeps at
        // least 64 bits, and fold any remainder into its lowest bit ("sticky"):
        // the single rounding to 53 bits then lands where the exact value would.
        let shift = m.leading_zeros();
        let divisor = u128::from(pow10((-scale) as u32));
        let top = m << shift;
        let sticky = top % divisor != 0 || inexact;
        let quotient = (top / divisor) | u128::from(sticky);
        return quotient as f64 * f64::powi(2.0, -(shift as i32));
    }
    // Far outside anything Downhill reads: within an ulp or so, saturating to
    // infinity or to zero at the ends of the f64 range.
    let m = mantissa as f64;
    if scale > 0 {
        let half = (scale / 2) as i32;
        m * 10f64.powi(half) * 10f64.powi(scale as i32 - half)
    } else {
        let half = (-scale / 2) as i32;
        m / 10f64.powi(half) / 10f64.powi(-scale as i32 - half)
    }
}

#[cfg(test)]
mod tests;
