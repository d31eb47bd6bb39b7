//! What was wrong with a link's value, and the sentence that says so.

use crate::i18n::Lang;
use serde::Serialize;

/// What was wrong with a value, and what was done instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not a number at all (`lr=abc`, `w0=NaN`, `lr=1e999`): the default is used.
    NotANumber,
    /// A number outside the accepted range: this value is used instead.
    Clamped {
        /// The value used.
        used: f64,
    },
    /// A number that cannot be used at all (η ≤ 0): the default is used.
    Refused,
    /// Not one of the accepted words (`lang=fr`): the default is used.
    UnknownWord,
    /// Longer than any sane value: ignored.
    TooLong,
    /// A formula (`f=`) that does not parse: the landscape stays.
    BadFormula {
        /// Why, and where.
        error: crate::landscape::formula::FormulaError,
    },
}

/// A correction made to the URL's settings, for the page to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notice {
    /// The key concerned.
    pub key: &'static str,
    /// The value as given, shortened (shown as text, never as HTML).
    pub given: String,
    /// What was wrong and what happened.
    pub problem: Problem,
}

impl Notice {
    /// The notice in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (key, given) = (self.key, &self.given);
        match (&self.problem, lang) {
            (Problem::NotANumber, Lang::En) => {
                format!("Ignored {key}=“{given}”: not a number, so the default is used.")
            }
            (Problem::NotANumber, Lang::Zh) => format!("已忽略 {key}=“{given}”：不是数字，使用默认值。"),
            (Problem::Clamped { used }, Lang::En) => {
                format!(
                    "{key}=“{given}” is out of range; using {}.",
                    crate::format::short(*used)
                )
            }
            (Problem::Clamped { used }, Lang::Zh) => {
                format!("{key}=“{given}” 超出范围，改用 {}。", crate::format::short(*used))
            }
            (Problem::Refused, Lang::En) => format!("Ignored {key}=“{given}”: it must be greater than 0."),
            (Problem::Refused, Lang::Zh) => format!("已忽略 {key}=“{given}”：必须大于 0。"),
            (Problem::UnknownWord, Lang::En) => {
                format!("Ignored {key}=“{given}”: not a value Downhill knows.")
            }
            (Problem::UnknownWord, Lang::Zh) => format!("已忽略 {key}=“{given}”：无法识别的取值。"),
            (Problem::TooLong, Lang::En) => format!("Ignored {key}: the value is too long."),
            (Problem::TooLong, Lang::Zh) => format!("已忽略 {key}：取值过长。"),
            (Problem::BadFormula { error }, Lang::En) => format!("Ignored {key}=“{given}”: {}", error.message(lang)),
            (Problem::BadFormula { error }, Lang::Zh) => format!("已忽略 {key}=“{given}”：{}", error.message(lang)),
        }
    }
}
