//! Decimal text to `f64` and back, without the standard library's float
//! parser and fixed-precision printer.
//!
//! `str::parse::<f64>` and `format!("{:.4}")` are exact for every input, and
//! for that they carry a 10 KB table of powers of five and big-number
//! fallbacks: a sixth of the page's gzipped wasm, spent on reading a handful
//! of URL values and printing numbers with 4 decimals.
//!
//! [`parse`] is exact (one correctly rounded result, ties to even) for what
//! Downhill reads: up to 19 significant digits with a decimal exponent, after
//! moving the point, within ±19, which covers everything the page writes (the
//! shortest round-trip form of a number has at most 17 digits). Beyond that,
//! hand-typed inputs are read to within one unit in the last place: digits
//! past the 19th only mark the value as a hair larger, and an exponent beyond
//! ±19 is applied in 128-bit binary floating point.
//!
//! [`fixed`] prints exactly what `format!("{x:.N}")` prints (but never a
//! negative zero: `0.00`, not `-0.00`), for any finite
//! `|x| < 2⁶⁴`. [`scientific`] prints exactly what `format!("{x:.Ne}")` prints
//! for `10⁻¹⁰ < |x| < 2⁶⁴`; beyond, within about 10⁻¹⁵ of a rounding tie,
//! its last digit may round the other way.

mod read;

pub use read::parse;

/// 10ⁿ for n ≤ 19.
fn pow10(n: u32) -> u64 {
    10u64.pow(n)
}

/// Most decimals [`fixed`] and [`scientific`] print.
const MAX_DECIMALS: u32 = 9;

/// 2⁶⁴, the size from which [`fixed`] switches to the scientific form.
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

/// `|x|` as `m × 2^e` with `m < 2⁵³`.
fn split(x: f64) -> (u64, i32) {
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `n / d` rounded to the nearest integer, ties to even; `d < 2¹²⁶`.
fn round_div(n: u128, d: u128) -> u128 {
    let q = n / d;
    let twice_rest = 2 * (n - q * d);
    if twice_rest > d || (twice_rest == d && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// `round(|x| × 10^decimals)`, ties to even, exactly; `|x| < 2⁶⁴`, `decimals ≤ 19`.
fn scaled_integer(x: f64, decimals: u32) -> u128 {
    let (m, e) = split(x);
    let n = u128::from(m) * u128::from(pow10(decimals)); // < 2¹¹⁷
    if e >= 0 {
        return n << e; // |x| < 2⁶⁴, so < 2¹²⁸
    }
    let shift = e.unsigned_abs();
    if shift >= 120 {
        return 0; // below half of 2^shift
    }
    round_div(n, 1 << shift)
}

/// `round(|x| / 10^k)`, ties to even, exactly; `1 ≤ |x| < 2⁶⁴`, `1 ≤ k ≤ 19`.
fn divided_integer(x: f64, k: u32) -> u128 {
    let (m, e) = split(x);
    let d = u128::from(pow10(k));
    if e >= 0 {
        round_div(u128::from(m) << e, d)
    } else {
        // |x| ≥ 1, so e ≥ -52 and d·2^-e < 2¹¹⁷.
        round_div(u128::from(m), d << e.unsigned_abs())
    }
}

/// The decimal digits of `n`, at least `width` of them (zero-padded).
fn digits(mut n: u128, width: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(40);
    while n > 0 || out.len() < width.max(1) {
        out.push(b'0' + (n % 10) as u8);
        n /= 10;
    }
    out.reverse();
    out
}

/// What Rust prints for a non-finite value.
fn non_finite(x: f64) -> String {
    match (x.is_nan(), x > 0.0) {
        (true, _) => "NaN",
        (false, true) => "inf",
        (false, false) => "-inf",
    }
    .to_owned()
}

/// `x` with `decimals` digits after the point (at most 9), as
/// `format!("{x:.decimals$}")`, ties to even, except that a value that rounds
/// to zero prints without a minus sign: `0.0000` for −0.00001 (Rust: `-0.0000`).
/// From 2⁶⁴ in size on, the [`scientific`] form.
pub fn fixed(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    if !x.is_finite() {
        return non_finite(x);
    }
    if x.abs() >= TWO_64 {
        return scientific(x, decimals);
    }
    let d = digits(scaled_integer(x, decimals), decimals as usize + 1);
    let (int, frac) = d.split_at(d.len() - decimals as usize);
    let mut s = String::with_capacity(d.len() + 2);
    if x.is_sign_negative() && shows_a_digit(&d) {
        s.push('-');
    }
    s.extend(int.iter().map(|&b| char::from(b)));
    if decimals > 0 {
        s.push('.');
        s.extend(frac.iter().map(|&b| char::from(b)));
    }
    s
}

/// `x` as `d.ddddeN` with `decimals` digits after the point (at most 9), as
/// `format!("{x:.decimals$e}")`: `1.2346e20`, `-3.146e6`, `1.000e-5`
/// (but −0 prints as `0.000e0`).
pub fn scientific(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    if !x.is_finite() {
        return non_finite(x);
    }
    let a = x.abs();
    let (mut q, mut exp) = (0u128, 0i32);
    if a > 0.0 {
        // The power of ten from the binary exponent, then corrected: at most
        // one off either way.
        let (m, e) = split(a);
        let log2 = e + 63 - m.leading_zeros() as i32;
        exp = (f64::from(log2) * std::f64::consts::LOG10_2).floor() as i32;
        for _ in 0..4 {
            q = mantissa_digits(a, exp - decimals as i32);
            if q >= u128::from(pow10(decimals + 1)) {
                exp += 1;
            } else if q < u128::from(pow10(decimals)) {
                exp -= 1;
            } else {
                break;
            }
        }
    }
    let d = digits(q, decimals as usize + 1);
    let mut s = String::with_capacity(d.len() + 8);
    if x.is_sign_negative() && shows_a_digit(&d) {
        s.push('-');
    }
    s.push(char::from(d[0]));
    if decimals > 0 {
        s.push('.');
        s.extend(d[1..].iter().map(|&b| char::from(b)));
    }
    s.push('e');
    if exp < 0 {
        s.push('-');
    }
    s.extend(
        digits(u128::from(exp.unsigned_abs()), 1)
            .iter()
            .map(|&b| char::from(b)),
    );
    s
}

/// Whether printed digits are anything but zeros: a value that rounds to
/// zero prints without its minus sign (`0.00`, never `-0.00`).
fn shows_a_digit(digits: &[u8]) -> bool {
    digits.iter().any(|&b| b != b'0')
}

/// `round(a / 10^k)`, ties to even: exact when `a < 2⁶⁴` and either
/// `-19 ≤ k ≤ 0`, or `1 ≤ k ≤ 19` and `a ≥ 1`; otherwise computed in floating
/// point, an error near 10⁻¹⁶ relative.
fn mantissa_digits(a: f64, k: i32) -> u128 {
    if a < TWO_64 {
        if (-19..=0).contains(&k) {
            return scaled_integer(a, k.unsigned_abs());
        }
        if (1..=19).contains(&k) && a >= 1.0 {
            return divided_integer(a, k as u32);
        }
    }
    // Two factors, so that neither 10^k nor an intermediate leaves the f64 range.
    let half = k / 2;
    let v = a / 10f64.powi(half) / 10f64.powi(k - half);
    // v < 10^11 here, so the conversion is exact.
    v.round_ties_even().clamp(0.0, 1e12) as u128
}

#[cfg(test)]
mod tests;
