//! Why a typed formula was refused, and where, in both languages.

use super::{FUNCTIONS, MAX_CHARS, MAX_DEPTH};
use std::fmt;

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
        /// The variables the formula may use: `w`, or `w1, w2` on a map.
        vars: &'static str,
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
            FormulaError::UnknownVariable { name, vars, column } if vars.contains(',') => pick(
                format!("Unknown name ‘{name}’ at column {column}: the variables are {vars} (constants: pi, e)."),
                format!("第 {column} 列的名称“{name}”未知：变量是 {vars}（常数：pi、e）。"),
            ),
            FormulaError::UnknownVariable { name, column, .. } => pick(
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
