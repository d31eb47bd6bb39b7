//! Evaluating a parsed formula on second-order dual numbers: L, L′ and L″
//! at once, with the domain flag (see [`super::Formula::defined`]).

use super::{Expr, Func};
use num_dual::Dual2_64;

/// `a · b` with 0 · ∞ taken as 0: a derivative part that is exactly zero
/// stays zero whatever it multiplies (the chain rule's terms, not IEEE's NaN).
fn times(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        0.0
    } else {
        a * b
    }
}

/// `f(x)` for a function with value `f`, slope `f1` and curvature `f2` at
/// `x.re`: the chain rule to second order, `(f, f1·x′, f2·x′² + f1·x″)`.
fn chain(x: Dual2_64, f: f64, f1: f64, f2: f64) -> Dual2_64 {
    Dual2_64::new(f, times(f1, x.v1), times(f2, times(x.v1, x.v1)) + times(f1, x.v2))
}

/// `x^p` for a constant `p`: exact for negative `x` at integer `p`; outside
/// the domain (NaN, flagged) for negative `x` at fractional `p`.
fn power(x: Dual2_64, p: f64, outside: &mut bool) -> Dual2_64 {
    let integer = p.fract() == 0.0;
    if x.re < 0.0 && !integer {
        *outside = true;
        return Dual2_64::from_re(f64::NAN);
    }
    if x.re == 0.0 && p == 0.0 {
        *outside = true;
        return Dual2_64::from_re(f64::NAN);
    }
    // powi for the exponents it takes exactly; powf (IEEE pow: integral
    // exponents of negative bases included) beyond.
    let pw = |e: f64| if integer && e.abs() <= 1024.0 { x.re.powi(e as i32) } else { x.re.powf(e) };
    chain(x, pw(p), times(p, pw(p - 1.0)), times(p * (p - 1.0), pw(p - 2.0)))
}

/// `e` at the variables `w` (w, or w1 and w2, each a dual number seeded
/// along the direction differentiated).
pub(super) fn eval(e: &Expr, w: &[Dual2_64], outside: &mut bool) -> Dual2_64 {
    match e {
        Expr::Num(x) => Dual2_64::from_re(*x),
        Expr::Var(i) => w.get(*i).copied().unwrap_or_else(|| Dual2_64::from_re(f64::NAN)),
        Expr::Neg(a) => -eval(a, w, outside),
        Expr::Add(a, b) => eval(a, w, outside) + eval(b, w, outside),
        Expr::Sub(a, b) => eval(a, w, outside) - eval(b, w, outside),
        // A constant factor scales all three parts (no 0 · ∞ from its zero slope).
        Expr::Mul(a, b) => match (constant(a, outside), constant(b, outside)) {
            (Some(c), _) => scale(eval(b, w, outside), c),
            (_, Some(c)) => scale(eval(a, w, outside), c),
            _ => eval(a, w, outside) * eval(b, w, outside),
        },
        Expr::Div(a, b) => {
            let (num, den) = (eval(a, w, outside), eval(b, w, outside));
            if num.re == 0.0 && den.re == 0.0 {
                *outside = true;
            }
            match constant(b, outside) {
                // Divided, not times 1/c: w/10 at 3 is 0.3, correctly rounded.
                Some(c) if c != 0.0 => Dual2_64::new(num.re / c, num.v1 / c, num.v2 / c),
                // The quotient rule: q = a/b, q′ = (a′ − q·b′)/b,
                // q″ = (a″ − 2q′·b′ − q·b″)/b (no 1/b³ to overflow).
                _ => {
                    let q = num.re / den.re;
                    let q1 = (num.v1 - times(q, den.v1)) / den.re;
                    let q2 = (num.v2 - times(2.0 * q1, den.v1) - times(q, den.v2)) / den.re;
                    Dual2_64::new(q, q1, q2)
                }
            }
        }
        Expr::Pow(a, b) => {
            let base = eval(a, w, outside);
            match constant(b, outside) {
                Some(p) => power(base, p, outside),
                // A power that depends on w: e^(b·ln a), defined for a > 0
                // (and for a = 0 with a positive exponent).
                None => {
                    let exponent = eval(b, w, outside);
                    if base.re < 0.0 || (base.re == 0.0 && !(exponent.re > 0.0)) {
                        *outside = true;
                    }
                    let ln = chain(base, base.re.ln(), 1.0 / base.re, -1.0 / (base.re * base.re));
                    let y = exponent * ln;
                    let ey = y.re.exp();
                    chain(y, ey, ey, ey)
                }
            }
        }
        Expr::Call(f, args) => {
            let mut values = args.iter().map(|a| eval(a, w, outside)).collect::<Vec<_>>().into_iter();
            let x = values.next().unwrap_or_else(|| Dual2_64::from_re(f64::NAN));
            let r = x.re;
            match f {
                Func::Exp => {
                    let ex = r.exp();
                    chain(x, ex, ex, ex)
                }
                Func::Ln => {
                    if r < 0.0 {
                        *outside = true;
                    }
                    chain(x, r.ln(), 1.0 / r, -1.0 / (r * r))
                }
                Func::Sqrt => {
                    if r < 0.0 {
                        *outside = true;
                    }
                    let q = r.sqrt();
                    chain(x, q, 0.5 / q, -0.25 / (q * r))
                }
                Func::Abs => {
                    if r < 0.0 {
                        -x
                    } else {
                        x
                    }
                }
                Func::Sin => chain(x, r.sin(), r.cos(), -r.sin()),
                Func::Cos => chain(x, r.cos(), -r.sin(), -r.cos()),
                Func::Tan => {
                    let t = r.tan();
                    let sec2 = 1.0 + t * t;
                    chain(x, t, sec2, 2.0 * t * sec2)
                }
                // tanh′ = 1 − t², tanh″ = −2t(1 − t²): finite for any x.
                Func::Tanh => {
                    let t = r.tanh();
                    let d = 1.0 - t * t;
                    chain(x, t, d, -2.0 * t * d)
                }
                // σ′ = σ(1 − σ), σ″ = σ(1 − σ)(1 − 2σ), σ computed without overflow.
                Func::Sigmoid => {
                    let s = if r >= 0.0 { 1.0 / (1.0 + (-r).exp()) } else { r.exp() / (1.0 + r.exp()) };
                    let d = s * (1.0 - s);
                    chain(x, s, d, d * (1.0 - 2.0 * s))
                }
                // The branch in force; NaN if any argument is NaN.
                Func::Min => values.fold(x, |m, y| if y.re.is_nan() || m.re.is_nan() { Dual2_64::from_re(f64::NAN) } else if y.re < m.re { y } else { m }),
                Func::Max => values.fold(x, |m, y| if y.re.is_nan() || m.re.is_nan() { Dual2_64::from_re(f64::NAN) } else if y.re > m.re { y } else { m }),
            }
        }
    }
}

/// All three parts times `c`.
fn scale(x: Dual2_64, c: f64) -> Dual2_64 {
    Dual2_64::new(times(x.re, c), times(x.v1, c), times(x.v2, c))
}

/// The value of a subtree without `w`, if it has none (its own domain
/// errors, `ln(−2)`, are flagged in `outside` like any other).
fn constant(e: &Expr, outside: &mut bool) -> Option<f64> {
    if mentions_var(e) {
        None
    } else {
        Some(eval(e, &[Dual2_64::from_re(0.0); 2], outside).re)
    }
}

fn mentions_var(e: &Expr) -> bool {
    match e {
        Expr::Num(_) => false,
        Expr::Var(_) => true,
        Expr::Neg(a) => mentions_var(a),
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => mentions_var(a) || mentions_var(b),
        Expr::Call(_, args) => args.iter().any(mentions_var),
    }
}
