//! Turning text into tokens, each with its column and the text as typed.

use super::FormulaError;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
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
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) column: usize,
    /// The token as typed (`**`, `−`, `²`), for messages.
    pub(super) shown: String,
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
pub(super) fn body_start(text: &str) -> usize {
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

/// Where a map's formula starts: after a leading `L =` or `L(w1, w2) =`
/// (spaces anywhere), if there is one.
pub(super) fn map_body_start(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let Some(eq) = chars.iter().position(|&c| c == '=') else { return 0 };
    let head: String = chars[..eq].iter().filter(|&&c| !space(c)).collect();
    if head == "L" || head == "L(w1,w2)" {
        eq + 1
    } else {
        0
    }
}

/// The tokens of `text` from character `start` on (columns count from the
/// text's first character).
pub(super) fn lex(text: &str, start: usize) -> Result<Vec<Token>, FormulaError> {
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
