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
use std::fmt;

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 200;
/// The deepest nesting accepted: brackets, function calls, signs and powers.
pub const MAX_DEPTH: usize = 32;

/// A parsed formula `L(w)`. Cheap to evaluate; compare by text.
#[derive(Clone, Debug)]
pub struct Formula {
    text: String,
    tree: Expr,
}

impl PartialEq for Formula {
    fn eq(&self, other: &Formula) -> bool {
        self.text == other.text
    }
}

/// Why a formula was refused, and where (1-based column, in characters).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FormulaError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_CHARS`] characters.
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// Where the limit was crossed.
        column: usize,
    },
    /// A character that is no part of the notation.
    BadChar {
        /// The character.
        found: char,
        /// Its column.
        column: usize,
    },
    /// A number that is not one (`1.2.3`) or is too large for f64 (`1e999`).
    BadNumber {
        /// The text of the number.
        text: String,
        /// Its column.
        column: usize,
    },
    /// A name followed by `(` that is not a known function.
    UnknownFunction {
        /// The name.
        name: String,
        /// Its column.
        column: usize,
    },
    /// A name that is neither `w` nor a constant.
    UnknownVariable {
        /// The name.
        name: String,
        /// Its column.
        column: usize,
    },
    /// A function given the wrong number of arguments.
    Arity {
        /// The function.
        name: &'static str,
        /// How many it takes (2 means "two or more" for min and max).
        wanted: usize,
        /// How many it got.
        got: usize,
        /// The function's column.
        column: usize,
    },
    /// A function name not followed by `(`.
    NeedsBracket {
        /// The function.
        name: &'static str,
        /// Its column.
        column: usize,
    },
    /// Something where a number, `w`, a function or `(` should be
    /// (`None`: the formula ended there).
    Expected {
        /// What was found, as typed.
        found: Option<String>,
        /// Its column (one past the end when the formula ended).
        column: usize,
    },
    /// A `(` never closed.
    Unclosed {
        /// The `(`'s column.
        column: usize,
    },
    /// A `)` or `,` with nothing open, or anything after a complete formula.
    Unexpected {
        /// What was found.
        found: String,
        /// Its column.
        column: usize,
    },
}

impl FormulaError {
    /// The reason in words, pointing at the place, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let zh = lang == crate::i18n::Lang::Zh;
        let pick = |en: String, cn: String| if zh { cn } else { en };
        match self {
            FormulaError::Empty => pick("Type a formula in w, for example w^2 + 1.".into(), "请输入一个关于 w 的公式，例如 w^2 + 1。".into()),
            FormulaError::TooLong { chars } => pick(
                format!("The formula is {chars} characters long; at most {MAX_CHARS} are allowed."),
                format!("公式有 {chars} 个字符，最多允许 {MAX_CHARS} 个。"),
            ),
            FormulaError::TooDeep { column } => pick(
                format!("Nested too deeply at column {column}: at most {MAX_DEPTH} levels of brackets, functions and powers."),
                format!("第 {column} 列嵌套太深：括号、函数和乘方最多 {MAX_DEPTH} 层。"),
            ),
            FormulaError::BadChar { found, column } => pick(
                format!("Unexpected character ‘{found}’ at column {column}."),
                format!("第 {column} 列有无法识别的字符“{found}”。"),
            ),
            FormulaError::BadNumber { text, column } => pick(
                format!("‘{text}’ at column {column} is not a number this page can use."),
                format!("第 {column} 列的“{text}”不是可用的数字。"),
            ),
            FormulaError::UnknownFunction { name, column } => pick(
                format!("Unknown function ‘{name}’ at column {column}. Known: {}.", FUNCTIONS.join(", ")),
                format!("第 {column} 列的函数“{name}”未知。可用：{}。", FUNCTIONS.join("、")),
            ),
            FormulaError::UnknownVariable { name, column } => pick(
                format!("Unknown name ‘{name}’ at column {column}: the only variable is w (constants: pi, e)."),
                format!("第 {column} 列的名称“{name}”未知：唯一的变量是 w（常数：pi、e）。"),
            ),
            FormulaError::Arity { name, wanted, got, column } => {
                let wanted_en = if matches!(*name, "min" | "max") { "two or more arguments".to_owned() } else { plural(*wanted) };
                let wanted_zh = if matches!(*name, "min" | "max") { "两个或更多".to_owned() } else { wanted.to_string() };
                pick(
                    format!("‘{name}’ at column {column} takes {wanted_en}, not {got}."),
                    format!("第 {column} 列的“{name}”需要 {wanted_zh} 个参数，而不是 {got} 个。"),
                )
            }
            FormulaError::NeedsBracket { name, column } => pick(
                format!("‘{name}’ at column {column} needs brackets: {name}(…)."),
                format!("第 {column} 列的“{name}”需要括号：{name}(…)。"),
            ),
            FormulaError::Expected { found: Some(found), column } => pick(
                format!("Expected a number, w, a function or ‘(’ at column {column}, found ‘{found}’."),
                format!("第 {column} 列应为数字、w、函数或“(”，却是“{found}”。"),
            ),
            FormulaError::Expected { found: None, column } => pick(
                format!("The formula ends too soon: something is missing at column {column}."),
                format!("公式提前结束：第 {column} 列缺少内容。"),
            ),
            FormulaError::Unclosed { column } => pick(
                format!("The ‘(’ at column {column} is never closed."),
                format!("第 {column} 列的“(”没有闭合。"),
            ),
            FormulaError::Unexpected { found, column } => pick(
                format!("Unexpected ‘{found}’ at column {column}."),
                format!("第 {column} 列出现了多余的“{found}”。"),
            ),
        }
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "one argument".to_owned()
    } else {
        format!("{n} arguments")
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for FormulaError {}

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
    W,
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
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            return Err(FormulaError::TooLong { chars });
        }
        // The page's readout ("L(w) = …") pastes back in: the prefix is skipped.
        let start = body_start(text);
        let tokens = lex(text, start)?;
        if tokens.is_empty() {
            return Err(FormulaError::Empty);
        }
        let mut parser = Parser { tokens: &tokens, at: 0, depth: 0, end: chars + 1 };
        let tree = parser.sum()?;
        if let Some(tok) = parser.peek() {
            return Err(FormulaError::Unexpected { found: tok.shown.clone(), column: tok.column });
        }
        let body: String = text.chars().skip(start).collect();
        Ok(Formula { text: body.trim().to_owned(), tree })
    }

    /// The formula as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `(L(w), L′(w), L″(w))`, exact to f64; NaN or ±∞ where the formula is
    /// not defined or overflows (`ln w` at w ≤ 0). [`Formula::defined`] says which.
    pub fn eval(&self, w: f64) -> (f64, f64, f64) {
        let d = eval(&self.tree, Dual2_64::new(w, 1.0, 0.0), &mut false);
        (d.re, d.v1, d.v2)
    }

    /// Whether every operation at `w` is inside its domain: no logarithm or
    /// square root of a negative number, no fractional power of one, no
    /// 0/0, no `0 ^ 0`. (A value that overflows to ±∞ is defined here: a run
    /// that meets one has diverged, not left the domain.)
    pub fn defined(&self, w: f64) -> bool {
        let mut outside = false;
        eval(&self.tree, Dual2_64::new(w, 1.0, 0.0), &mut outside);
        !outside && !w.is_nan()
    }
}

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

fn eval(e: &Expr, w: Dual2_64, outside: &mut bool) -> Dual2_64 {
    match e {
        Expr::Num(x) => Dual2_64::from_re(*x),
        Expr::W => w,
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
    if mentions_w(e) {
        None
    } else {
        Some(eval(e, Dual2_64::from_re(0.0), outside).re)
    }
}

fn mentions_w(e: &Expr) -> bool {
    match e {
        Expr::Num(_) => false,
        Expr::W => true,
        Expr::Neg(a) => mentions_w(a),
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => mentions_w(a) || mentions_w(b),
        Expr::Call(_, args) => args.iter().any(mentions_w),
    }
}

// ---------------------------------------------------------------- lexing

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A number as typed (read when parsed).
    Num(String),
    Name(String),
    Plus,
    Minus,
    Times,
    Divide,
    Power,
    Open,
    Close,
    Comma,
}


#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    column: usize,
    /// The token as typed (`**`, `−`, `²`), for messages.
    shown: String,
}

/// The digit a superscript stands for (`²` is 2).
fn superscript(c: char) -> Option<u8> {
    Some(match c {
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        _ => return None,
    })
}

// ASCII letters only (and π): Unicode's letter tables would add kilobytes
// to the page's wasm for names nobody can use.
fn name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == 'π'
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn space(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Where the formula starts: after a leading `L(w) =`, if there is one.
fn body_start(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut i = chars.iter().take_while(|&&c| space(c)).count();
    for want in ['L', '(', 'w', ')'] {
        if chars.get(i) != Some(&want) {
            return 0;
        }
        i += 1;
    }
    i += chars[i..].iter().take_while(|&&c| space(c)).count();
    if chars.get(i) == Some(&'=') {
        i + 1
    } else {
        0
    }
}

/// The tokens of `text` from character `start` on (columns count from the
/// text's first character).
fn lex(text: &str, start: usize) -> Result<Vec<Token>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let single = match c {
            '+' => Some(Kind::Plus),
            '-' | '−' => Some(Kind::Minus),
            '*' | '·' | '×' | '⋅' => {
                if c == '*' && chars.get(i + 1) == Some(&'*') {
                    i += 1;
                    Some(Kind::Power)
                } else {
                    Some(Kind::Times)
                }
            }
            '/' | '÷' => Some(Kind::Divide),
            '^' => Some(Kind::Power),
            '(' => Some(Kind::Open),
            ')' => Some(Kind::Close),
            ',' => Some(Kind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            let shown: String = chars[column - 1..=i].iter().collect();
            tokens.push(Token { kind, column, shown });
            i += 1;
        } else if space(c) {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // An exponent only when digits follow (`2e` is 2·e, `2e-w` is 2·e − w).
            let mut minus = None;
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let sign = usize::from(matches!(chars.get(i + 1), Some('+' | '-' | '−')));
                if chars.get(i + 1) == Some(&'−') {
                    minus = Some(i + 1);
                }
                if chars.get(i + 1 + sign).is_some_and(char::is_ascii_digit) {
                    i += 1 + sign;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let shown: String = chars[start..i].iter().collect();
            // (1e−3 as the page prints it reads as 1e-3.)
            let text: String = chars[start..i].iter().enumerate().map(|(k, &c)| if Some(start + k) == minus { '-' } else { c }).collect();
            // The page's own decimal reader (no `str::parse::<f64>` in the wasm).
            match crate::decimal::parse(&text) {
                Some(x) if x.is_finite() => tokens.push(Token { kind: Kind::Num(text), column, shown }),
                _ => return Err(FormulaError::BadNumber { text: shown, column }),
            }
        } else if name_start(c) {
            let start = i;
            i += 1;
            while i < chars.len() && name_char(chars[i]) {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            tokens.push(Token { kind: Kind::Name(name.clone()), column, shown: name });
        } else if superscript(c).is_some() {
            // w² is w^2: a run of superscript digits is one power.
            let mut digits = String::new();
            while let Some(d) = chars.get(i).and_then(|&s| superscript(s)) {
                digits.push(char::from(b'0' + d));
                i += 1;
            }
            let shown: String = chars[column - 1..i].iter().collect();
            tokens.push(Token { kind: Kind::Power, column, shown: shown.clone() });
            tokens.push(Token { kind: Kind::Num(digits), column, shown });
        } else {
            return Err(FormulaError::BadChar { found: c, column });
        }
    }
    Ok(tokens)
}

// ---------------------------------------------------------------- parsing

/// Recursive descent: sum → product → unary → power → atom.
struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    depth: usize,
    /// The column one past the end, for "ends too soon".
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next_kind_is(&self, kind: &Kind) -> bool {
        self.peek().is_some_and(|t| &t.kind == kind)
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end, |t| t.column)
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        loop {
            if self.next_kind_is(&Kind::Plus) {
                self.at += 1;
                left = Expr::Add(Box::new(left), Box::new(self.product()?));
            } else if self.next_kind_is(&Kind::Minus) {
                self.at += 1;
                left = Expr::Sub(Box::new(left), Box::new(self.product()?));
            } else {
                return Ok(left);
            }
        }
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        loop {
            if self.next_kind_is(&Kind::Times) {
                self.at += 1;
                left = Expr::Mul(Box::new(left), Box::new(self.unary()?));
            } else if self.next_kind_is(&Kind::Divide) {
                self.at += 1;
                left = Expr::Div(Box::new(left), Box::new(self.unary()?));
            } else if self.implicit_product() {
                // 0.3w, 2(w − 1), (w + 1)(w − 1), 2 sin(w): no sign in between.
                left = Expr::Mul(Box::new(left), Box::new(self.power()?));
            } else {
                return Ok(left);
            }
        }
    }

    /// Whether the next token starts a factor multiplied without `*`: a name,
    /// or `(` right after a number, a name or `)`.
    fn implicit_product(&self) -> bool {
        let (Some(prev), Some(next)) = (self.at.checked_sub(1).and_then(|i| self.tokens.get(i)), self.peek()) else {
            return false;
        };
        let after_factor = matches!(prev.kind, Kind::Num(_) | Kind::Close | Kind::Name(_));
        let starts_factor = matches!(next.kind, Kind::Name(_) | Kind::Open);
        after_factor && starts_factor
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        let column = self.column();
        if self.next_kind_is(&Kind::Minus) {
            self.at += 1;
            Ok(Expr::Neg(Box::new(self.deeper(column, Parser::unary)?)))
        } else if self.next_kind_is(&Kind::Plus) {
            self.at += 1;
            self.deeper(column, Parser::unary)
        } else {
            self.power()
        }
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.atom()?;
        if self.next_kind_is(&Kind::Power) {
            let column = self.column();
            self.at += 1;
            // Right-associative, and the exponent may carry a sign: 2^-1.
            let exponent = self.deeper(column, Parser::unary)?;
            return Ok(Expr::Pow(Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(FormulaError::Expected { found: None, column: self.end });
        };
        self.at += 1;
        match tok.kind {
            // Checked when lexed.
            Kind::Num(text) => Ok(Expr::Num(crate::decimal::parse(&text).unwrap_or(f64::NAN))),
            Kind::Open => {
                let inner = self.deeper(tok.column, Parser::sum)?;
                self.close(tok.column)?;
                Ok(inner)
            }
            Kind::Name(name) => self.name(&name, tok.column),
            _ => Err(FormulaError::Expected { found: Some(tok.shown.clone()), column: tok.column }),
        }
    }

    fn name(&mut self, name: &str, column: usize) -> Result<Expr, FormulaError> {
        let calling = self.next_kind_is(&Kind::Open);
        match (name, Func::named(name)) {
            (_, Some((f, canonical))) => {
                if !calling {
                    return Err(FormulaError::NeedsBracket { name: canonical, column });
                }
                let open = self.column();
                self.at += 1;
                let mut args = vec![self.deeper(open, Parser::sum)?];
                while self.next_kind_is(&Kind::Comma) {
                    self.at += 1;
                    args.push(self.deeper(open, Parser::sum)?);
                }
                self.close(open)?;
                let ok = match f {
                    Func::Min | Func::Max => args.len() >= 2,
                    _ => args.len() == 1,
                };
                if !ok {
                    let wanted = if matches!(f, Func::Min | Func::Max) { 2 } else { 1 };
                    return Err(FormulaError::Arity { name: canonical, wanted, got: args.len(), column });
                }
                Ok(Expr::Call(f, args))
            }
            _ if calling && !matches!(name, "w" | "pi" | "π" | "e") => Err(FormulaError::UnknownFunction { name: name.to_owned(), column }),
            ("w", _) => Ok(Expr::W),
            ("pi" | "π", _) => Ok(Expr::Num(std::f64::consts::PI)),
            ("e", _) => Ok(Expr::Num(std::f64::consts::E)),
            _ => Err(FormulaError::UnknownVariable { name: name.to_owned(), column }),
        }
    }

    fn close(&mut self, open_column: usize) -> Result<(), FormulaError> {
        match self.peek() {
            Some(t) if t.kind == Kind::Close => {
                self.at += 1;
                Ok(())
            }
            None => Err(FormulaError::Unclosed { column: open_column }),
            Some(t) => Err(FormulaError::Unexpected { found: t.shown.clone(), column: t.column }),
        }
    }

    /// Runs `f` one level deeper (a level opened at `column`), refusing past [`MAX_DEPTH`].
    fn deeper(&mut self, column: usize, f: impl FnOnce(&mut Self) -> Result<Expr, FormulaError>) -> Result<Expr, FormulaError> {
        if self.depth >= MAX_DEPTH {
            return Err(FormulaError::TooDeep { column });
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
