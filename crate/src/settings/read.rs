//! Reading one value of a link: percent-decoding, numbers clamped to their
//! range with a [`Problem`] for each correction, and the echo a notice quotes.

use super::{Problem, ECHO_LEN};
use crate::decimal;
use crate::descent::LR_MAX;

/// A learning rate: a number in (0, [`LR_MAX`]]; ≤ 0 is refused, above is clamped.
pub(super) fn learning_rate(value: &str, note: &mut impl FnMut(Problem)) -> Option<f64> {
    let x = finite(value, note)?;
    if x <= 0.0 {
        note(Problem::Refused);
        return None;
    }
    clamp(x, f64::MIN_POSITIVE, LR_MAX, note)
}

/// A whole number clamped to `[lo, hi]` (a fraction is rounded down, with a notice).
pub(super) fn whole(value: &str, lo: u32, hi: u32, note: &mut impl FnMut(Problem)) -> Option<u32> {
    number(value, f64::from(lo), f64::from(hi), note).map(|n| {
        let whole = n.floor();
        if whole != n {
            note(Problem::Clamped { used: whole });
        }
        // In lo..=hi after clamping: the cast is exact.
        whole as u32
    })
}

/// A number clamped to `[lo, hi]`.
pub(super) fn number(value: &str, lo: f64, hi: f64, note: &mut impl FnMut(Problem)) -> Option<f64> {
    let x = finite(value, note)?;
    clamp(x, lo, hi, note)
}

pub(super) fn finite(value: &str, note: &mut impl FnMut(Problem)) -> Option<f64> {
    match decimal::parse(value) {
        Some(x) if x.is_finite() => Some(x),
        _ => {
            note(Problem::NotANumber);
            None
        }
    }
}

pub(super) fn clamp(x: f64, lo: f64, hi: f64, note: &mut impl FnMut(Problem)) -> Option<f64> {
    // max/min, not clamp: clamp's panic message would ship Rust's float printer.
    let used = x.max(lo).min(hi);
    if used != x {
        note(Problem::Clamped { used });
    }
    Some(used)
}

/// Percent-decoding of one query component (`+` is a space). Malformed escapes
/// stay as they are; invalid UTF-8 becomes U+FFFD.
pub(super) fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A value shortened for echoing back in a notice.
pub(super) fn echo(value: &str) -> String {
    let mut s: String = value.chars().filter(|c| !c.is_control()).take(ECHO_LEN).collect();
    if value.chars().count() > ECHO_LEN {
        s.push('…');
    }
    s
}
