//! A loss the reader types: `L(w)` as text, parsed once into a tree, and
//! evaluated with exact first and second derivatives.
//!
//! **Notation.** Numbers (`2`, `0.3`, `1e-3`), the variable `w`, the constants
//! `pi` (or `π`) and `e`; `+ - * /`, powers `^` or `**` (right-associative,
//! above unary minus: `-w^2` is `−(w²)`, `2^3^2` is 2⁹) and implicit
//! multiplication of a name or `(` after a number, a name or `)` (`0.3w`,
//! `2(w − 1)`, `(w+1)(w-1)`, `w sin(w)`), as tight as `*` (`1/2w` is w/2);
//! the functions `exp`, `ln`, `log` (natural, as in NumPy),
//! `sqrt`, `abs`, `sin`, `cos`, `tan`, `tanh`, `sigmoid` (1/(1 + e^−x)),
//! `min` and `max` (two or more arguments). The page's own printed formulas
//! paste back in, readout and all: a leading `L(w) =`, `−` (U+2212, also in
//! `1e−3`), `·`, `×`, `÷` and superscript powers (`w⁴`).
//!
//! **Derivatives.** `L′(w)` and `L″(w)` are exact to f64: the tree is
//! evaluated once on a second-order dual number (num-dual's `Dual2_64`,
//! forward-mode automatic differentiation), never by finite differences.
//! Sums, differences and products are num-dual's; each function and power
//! applies the chain rule with its closed-form first and second derivatives,
//! with 0 · ∞ taken as 0 (so `tanh(1000w)` far out and `abs(w)^1.5` at 0
//! stay numbers where they are defined; `sqrt(w²)` at 0 has L″ = +∞, a
//! cusp). Quotients use the quotient rule, and a division by a constant is a
//! division (`w/10` at 3 is 0.3). `abs`, `min` and `max` take the
//! derivative of the branch in force. Where an operation leaves its domain
//! (`ln` or `sqrt` of a negative, a fractional power of one, 0/0),
//! [`Formula::defined`] says so: a run that lands there is *out of the
//! domain*, not diverged.
//!
//! **Limits** (each refused with its own message, see [`FormulaError`]):
//! at most [`MAX_CHARS`] characters and [`MAX_DEPTH`] levels of nesting
//! (brackets, calls, signs and powers), and no variable other than `w`.
//! Parsing is linear in the length and evaluation in the tree's size, so
//! nothing typed can hang; a property test feeds random strings and random
//! f64 arguments to both.
//!
//! Why our own parser: the expression crates were measured in the page's wasm
//! build (opt-level z, LTO): `exmex` adds 406 KB gzip (its `regex` carries the
//! Unicode tables), `evalexpr` 44 KB gzip and reads `2^3^2` as (2³)². This
//! one is a few KB. The native tests check it against `exmex` (value and
//! symbolic derivatives) on the presets' formulas and random ones.

use num_dual::Dual2_64;

mod error;
mod eval;
mod lex;
mod parse;

pub use error::FormulaError;
use eval::eval;
use lex::{body_start, lex, map_body_start};
use parse::Parser;

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 200;
/// The deepest nesting accepted: brackets, function calls, signs and powers.
pub const MAX_DEPTH: usize = 32;

/// A parsed formula `L(w)`. Cheap to evaluate; compare by text.
#[derive(Clone, Debug)]
pub struct Formula {
    text: String,
    tree: Expr,
    /// 1 (`L(w)`) or 2 (`L(w1, w2)`).
    vars: usize,
}

impl PartialEq for Formula {
    fn eq(&self, other: &Formula) -> bool {
        self.text == other.text
    }
}

/// The functions a formula may call.
pub const FUNCTIONS: [&str; 12] = ["exp", "ln", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "sigmoid", "min", "max"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Func {
    Exp,
    Ln,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Tan,
    Tanh,
    Sigmoid,
    Min,
    Max,
}

impl Func {
    fn named(name: &str) -> Option<(Func, &'static str)> {
        Some(match name {
            "exp" => (Func::Exp, "exp"),
            "ln" => (Func::Ln, "ln"),
            "log" => (Func::Ln, "log"),
            "sqrt" => (Func::Sqrt, "sqrt"),
            "abs" => (Func::Abs, "abs"),
            "sin" => (Func::Sin, "sin"),
            "cos" => (Func::Cos, "cos"),
            "tan" => (Func::Tan, "tan"),
            "tanh" => (Func::Tanh, "tanh"),
            "sigmoid" => (Func::Sigmoid, "sigmoid"),
            "min" => (Func::Min, "min"),
            "max" => (Func::Max, "max"),
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Num(f64),
    /// Variable 0 (`w`, or `w1` on a map) or 1 (`w2`).
    Var(usize),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Pow(Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

impl Formula {
    /// Parses `text` as `L(w)`.
    ///
    /// # Errors
    /// A [`FormulaError`] naming the first problem and its column.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        Formula::parse_with(text, &["w"])
    }

    /// Parses `text` as `L(w1, w2)`, a surface for the optimizers' map:
    /// the same notation with the variables `w1` and `w2` (and no `w`). A
    /// leading `L =` or `L(w1, w2) =`, as the page prints a surface, is skipped.
    ///
    /// # Errors
    /// A [`FormulaError`] naming the first problem and its column.
    pub fn parse_map(text: &str) -> Result<Formula, FormulaError> {
        Formula::parse_with(text, &["w1", "w2"])
    }

    fn parse_with(text: &str, vars: &'static [&'static str]) -> Result<Formula, FormulaError> {
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            return Err(FormulaError::TooLong { chars });
        }
        // The page's readout ("L(w) = …") pastes back in: the prefix is skipped.
        let start = if vars.len() == 2 { map_body_start(text) } else { body_start(text) };
        let tokens = lex(text, start)?;
        if tokens.is_empty() {
            return Err(FormulaError::Empty);
        }
        let mut parser = Parser { tokens: &tokens, at: 0, depth: 0, end: chars + 1, vars };
        let tree = parser.sum()?;
        if let Some(tok) = parser.peek() {
            return Err(FormulaError::Unexpected { found: tok.shown.clone(), column: tok.column });
        }
        let body: String = text.chars().skip(start).collect();
        Ok(Formula { text: body.trim().to_owned(), tree, vars: vars.len() })
    }

    /// The formula as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `(L(w), L′(w), L″(w))`, exact to f64; NaN or ±∞ where the formula is
    /// not defined or overflows (`ln w` at w ≤ 0). [`Formula::defined`] says which.
    pub fn eval(&self, w: f64) -> (f64, f64, f64) {
        let d = eval(&self.tree, &[Dual2_64::new(w, 1.0, 0.0)], &mut false);
        (d.re, d.v1, d.v2)
    }

    /// How many variables: 1 for `L(w)`, 2 for `L(w1, w2)`.
    pub fn vars(&self) -> usize {
        self.vars
    }

    /// `(L, ∇L)` at `(w1, w2)` of a map's formula, exact to f64: one
    /// forward-mode pass per partial derivative. NaN or ±∞ where it is not
    /// defined or overflows ([`Formula::defined_map`] says which).
    pub fn eval_map(&self, [w1, w2]: [f64; 2]) -> (f64, [f64; 2]) {
        let along = |i: usize| {
            let seed = |k: usize, x: f64| Dual2_64::new(x, if k == i { 1.0 } else { 0.0 }, 0.0);
            eval(&self.tree, &[seed(0, w1), seed(1, w2)], &mut false)
        };
        let (a, b) = (along(0), along(1));
        (a.re, [a.v1, b.v1])
    }

    /// L at `(w1, w2)` of a map's formula (one pass, no derivatives); NaN
    /// where it is not defined.
    pub fn loss_map(&self, [w1, w2]: [f64; 2]) -> f64 {
        let mut outside = false;
        let d = eval(&self.tree, &[Dual2_64::from_re(w1), Dual2_64::from_re(w2)], &mut outside);
        if outside {
            f64::NAN
        } else {
            d.re
        }
    }

    /// Whether every operation at `(w1, w2)` is inside its domain (as
    /// [`Formula::defined`]).
    pub fn defined_map(&self, [w1, w2]: [f64; 2]) -> bool {
        let mut outside = false;
        eval(&self.tree, &[Dual2_64::from_re(w1), Dual2_64::from_re(w2)], &mut outside);
        !outside && !w1.is_nan() && !w2.is_nan()
    }

    /// Whether every operation at `w` is inside its domain: no logarithm or
    /// square root of a negative number, no fractional power of one, no
    /// 0/0, no `0 ^ 0`. (A value that overflows to ±∞ is defined here: a run
    /// that meets one has diverged, not left the domain.)
    pub fn defined(&self, w: f64) -> bool {
        let mut outside = false;
        eval(&self.tree, &[Dual2_64::new(w, 1.0, 0.0)], &mut outside);
        !outside && !w.is_nan()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
