//! The checks after every operation: every snapshot number finite or
//! pending, no text a reader sees showing NaN, inf or a negative zero.

use crate::report::report_and_exit;
use downhill::i18n::Lang;
use serde::Serialize;

/// Walks a serialised snapshot: every float finite, every text clean.
pub(crate) fn check_snapshot<T: Serialize>(what: &str, snapshot: &T) {
    let value = match ciborium::Value::serialized(snapshot) {
        Ok(v) => v,
        Err(e) => report_and_exit(&format!("{what}: the snapshot does not serialise: {e}")),
    };
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            ciborium::Value::Float(x) if !x.is_finite() => {
                report_and_exit(&format!("{what}: a snapshot number is {x}"))
            }
            ciborium::Value::Text(text) => check_text(what, &text),
            ciborium::Value::Array(items) => stack.extend(items),
            ciborium::Value::Map(entries) => stack.extend(entries.into_iter().flat_map(|(k, v)| [k, v])),
            ciborium::Value::Tag(_, inner) => stack.push(*inner),
            _ => {}
        }
    }
}

/// Fails on text that shows a non-finite number or a negative zero.
pub(crate) fn check_text(what: &str, text: &str) {
    let words = text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '−'));
    for word in words {
        let bare = word.trim_start_matches(['-', '−']);
        let non_finite =
            matches!(bare, "NaN" | "nan" | "inf" | "infinity" | "Infinity") || word.contains('∞');
        let negative_zero = word.len() > bare.len()
            && !bare.is_empty()
            && bare.trim_end_matches('.').bytes().all(|b| b == b'0' || b == b'.');
        if non_finite || negative_zero {
            report_and_exit(&format!("{what}: the text {text:?} shows {word:?}"));
        }
    }
}

/// `text` without its “quoted” and ‘quoted’ parts.
pub(crate) fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            // “…” echoes a value; ‘…’ a name or token a formula holds.
            '“' | '‘' => quoted = true,
            '”' | '’' => quoted = false,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// An input error's message, in both languages, must read clean too.
pub(crate) fn check_refusal<E: Messages>(what: &str, result: Result<(), E>) {
    if let Err(e) = result {
        check_text(what, &e.message(Lang::En));
        check_text(what, &e.message(Lang::Zh));
    }
}

pub(crate) trait Messages {
    fn message(&self, lang: Lang) -> String;
}

impl Messages for downhill::input::InputError {
    fn message(&self, lang: Lang) -> String {
        downhill::input::InputError::message(self, lang)
    }
}

impl Messages for downhill::microgpt::data::CorpusError {
    fn message(&self, lang: Lang) -> String {
        downhill::microgpt::data::CorpusError::message(self, lang)
    }
}
