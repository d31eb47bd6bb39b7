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
        // An integer below 10³⁸ < 2¹²⁸; the conversion rounds it once. Dropped
        // digits set the lowest bit ("sticky"; see below).
        let n = (m * u128::from(pow10(scale as u32))) | u128::from(inexact);
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
    // Far outside what Downhill writes: in 128-bit binary floating point.
    far(mantissa, scale, inexact)
}

/// A positive number `m × 2^e` with a 128-bit mantissa whose top bit is set:
/// about 38 significant digits, for reading decimals outside the exact range.
#[derive(Clone, Copy)]
struct Wide {
    m: u128,
    e: i64,
}

impl Wide {
    /// `n × 2^e`, `n` not 0, normalised.
    fn new(n: u128, e: i64) -> Wide {
        let shift = n.leading_zeros();
        Wide {
            m: n << shift,
            e: e - i64::from(shift),
        }
    }

    /// The product, truncated to 128 bits: a relative error below 2⁻¹²⁶.
    fn mul(self, other: Wide) -> Wide {
        const LOW: u128 = u64::MAX as u128;
        let (a1, a0) = (self.m >> 64, self.m & LOW);
        let (b1, b0) = (other.m >> 64, other.m & LOW);
        let (hh, hl, lh, ll) = (a1 * b1, a1 * b0, a0 * b1, a0 * b0);
        let mid = (ll >> 64) + (hl & LOW) + (lh & LOW);
        let top = hh + (hl >> 64) + (lh >> 64) + (mid >> 64);
        // Both factors are at least 2¹²⁷, so the top half is at least 2¹²⁶.
        Wide::new(top, self.e + other.e + 128)
    }
}

/// `mantissa × 10^scale` for any scale, as `mantissa × 5^scale × 2^scale` with
/// every power of five in 128 bits: at most 2 × 10⁻³⁵ off before the one final
/// rounding to `f64`, so the result is the correctly rounded one except within
/// that distance of a tie, and never more than half an ulp plus that away.
/// Saturates to infinity and to zero at the ends of the range.
fn far(mantissa: u64, scale: i64, inexact: bool) -> f64 {
    // Beyond these, every mantissa below 10¹⁹ is infinite or rounds to zero.
    if scale > 310 {
        return f64::INFINITY;
    }
    if scale < -345 {
        return 0.0;
    }
    // Dropped digits: a hair more than the kept ones (a sticky lowest bit).
    let mut x = Wide::new(u128::from(mantissa), 0);
    x.m |= u128::from(inexact);
    // 5, and 1/5 as round(2¹³⁰/5) × 2⁻¹³⁰ (2¹²⁸ − 1 is a multiple of 5).
    let (factor, steps) = if scale >= 0 {
        (Wide::new(5, 0), scale)
    } else {
        (Wide::new(u128::MAX / 5 * 4 + 1, -130), -scale)
    };
    for _ in 0..steps {
        x = x.mul(factor);
    }
    to_f64(Wide {
        m: x.m,
        e: x.e + scale,
    })
}

/// The `f64` nearest to `x` (ties to even), subnormals and overflow included.
fn to_f64(x: Wide) -> f64 {
    // The value of x's top bit is 2^top.
    let top = x.e + 127;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits the f64 can keep: 53, fewer for a subnormal (down to 2⁻¹⁰⁷⁴).
    let keep = (top + 1075).min(53);
    if keep <= 0 {
        // Below 2⁻¹⁰⁷⁴: the smallest subnormal if above half of it, else zero.
        let above_half = keep == 0 && x.m > 1u128 << 127;
        return if above_half { f64::from_bits(1) } else { 0.0 };
    }
    let shift = 128 - keep as u32;
    let (mut q, rest) = (x.m >> shift, x.m & ((1u128 << shift) - 1));
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && q & 1 == 1) {
        q += 1;
    }
    // q < 2⁵⁴: exact as f64; the scaling is exact unless it overflows.
    times_power_of_two(q as f64, x.e + i64::from(shift))
}

/// `v × 2^k`, in steps whose factors are exact, so a representable result is exact.
fn times_power_of_two(mut v: f64, mut k: i64) -> f64 {
    while k > 1000 {
        v *= f64::powi(2.0, 1000);
        k -= 1000;
    }
    while k < -1000 {
        v *= f64::powi(2.0, -1000);
        k += 1000;
    }
    v * f64::powi(2.0, k as i32)
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
