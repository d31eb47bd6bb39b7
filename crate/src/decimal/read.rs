//! Reading decimal text: [`parse`], exact within the range Downhill writes,
//! and within an ulp beyond it through a 128-bit binary floating point.

use super::pow10;

/// Significant digits kept exactly: 10¹⁹ < 2⁶⁴.
const MAX_DIGITS: u32 = 19;

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
