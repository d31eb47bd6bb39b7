//! The training text: one document (a name) per line, a character tokenizer
//! with BOS, and the checks that keep a dropped file from breaking anything.

use serde::Serialize;
use std::fmt;

/// Largest file accepted (the makemore names are 229 KB).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// Most distinct characters accepted (names use 26).
pub const MAX_VOCAB: usize = 256;

/// Why a text cannot be trained on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CorpusError {
    /// No non-blank line.
    Empty,
    /// Looks like a binary file (NUL bytes or many control characters).
    Binary,
    /// Larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// More distinct characters than [`MAX_VOCAB`].
    TooManyCharacters {
        /// How many.
        count: usize,
    },
    /// Holds U+FFFD, the mark a decoder leaves where bytes were not valid in
    /// its encoding: training on it would teach the model `�`.
    Undecodable,
}

impl CorpusError {
    /// The reason in words, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        match self {
            CorpusError::Empty => "文件里没有可学习的文字：每一行都是空的。".to_owned(),
            CorpusError::Binary => "这看起来是二进制文件，而不是每行一个名字（或单词）的文本。".to_owned(),
            CorpusError::TooLarge { bytes } => {
                format!(
                    "文件太大（{} KB），上限是 {} KB。",
                    bytes / 1024,
                    MAX_BYTES / 1024
                )
            }
            CorpusError::TooManyCharacters { count } => {
                format!("文件用了 {count} 个不同的字符；microgpt 最多支持 {MAX_VOCAB} 个。")
            }
            CorpusError::Undecodable => {
                "文件里有无法解码的字节（显示为 �）。请把它另存为 UTF-8 编码的文本再试。".to_owned()
            }
        }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Empty => write!(f, "The file has no text to learn from: every line is empty."),
            CorpusError::Binary => write!(
                f,
                "This looks like a binary file, not text with one name (or word) per line."
            ),
            CorpusError::TooLarge { bytes } => {
                write!(
                    f,
                    "The file is too large ({} KB); the limit is {} KB.",
                    bytes / 1024,
                    MAX_BYTES / 1024
                )
            }
            CorpusError::TooManyCharacters { count } => write!(
                f,
                "The file uses {count} different characters; microgpt works with at most {MAX_VOCAB}."
            ),
            CorpusError::Undecodable => write!(
                f,
                "The file has bytes that could not be decoded (shown as �). Save it as UTF-8 text and try again."
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

/// Documents and the character vocabulary (sorted; BOS is the last token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    /// One document per non-blank line, trimmed, in file order.
    pub docs: Vec<String>,
    /// The distinct characters, sorted.
    pub chars: Vec<char>,
}

impl Corpus {
    /// Reads one document per non-blank line. A leading byte-order mark
    /// (U+FEFF, which Windows editors write) is not text and is dropped.
    pub fn parse(text: &str) -> Result<Corpus, CorpusError> {
        if text.len() > MAX_BYTES {
            return Err(CorpusError::TooLarge { bytes: text.len() });
        }
        // By hand, not `strip_prefix` / `contains` with a char: their pattern
        // searchers cost ~5 KB of wasm for two one-character checks.
        let mut chars = text.chars();
        let text = if chars.next() == Some('\u{feff}') {
            chars.as_str()
        } else {
            text
        };
        if text.chars().any(|c| c == '\u{fffd}') {
            return Err(CorpusError::Undecodable);
        }
        let control = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        if text.contains('\0') || control * 100 > text.chars().count().max(1) {
            return Err(CorpusError::Binary);
        }
        let docs: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if docs.is_empty() {
            return Err(CorpusError::Empty);
        }
        let mut chars: Vec<char> = docs.iter().flat_map(|d| d.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        if chars.len() > MAX_VOCAB {
            return Err(CorpusError::TooManyCharacters { count: chars.len() });
        }
        Ok(Corpus { docs, chars })
    }

    /// The BOS token (one past the characters).
    pub fn bos(&self) -> usize {
        self.chars.len()
    }

    /// Vocabulary size: characters plus BOS.
    pub fn vocab_size(&self) -> usize {
        self.chars.len() + 1
    }

    /// `[BOS] + characters + [BOS]`.
    pub fn encode(&self, doc: &str) -> Vec<usize> {
        let mut tokens = vec![self.bos()];
        tokens.extend(doc.chars().filter_map(|c| self.chars.binary_search(&c).ok()));
        tokens.push(self.bos());
        tokens
    }

    /// Characters of `tokens` (BOS and unknown tokens are skipped).
    pub fn decode(&self, tokens: &[usize]) -> String {
        tokens.iter().filter_map(|&t| self.chars.get(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tokenize_like_microgpt() {
        let c = Corpus::parse("emma\nolivia\n\n  ava \n").expect("text");
        assert_eq!(c.docs, ["emma", "olivia", "ava"]);
        assert_eq!(c.chars, ['a', 'e', 'i', 'l', 'm', 'o', 'v']);
        assert_eq!(c.vocab_size(), 8);
        assert_eq!(c.encode("emma"), [7, 1, 4, 4, 0, 7]);
        assert_eq!(c.decode(&[1, 4, 4, 0]), "emma");
    }

    #[test]
    fn a_byte_order_mark_is_not_a_character() {
        let c = Corpus::parse("\u{feff}emma\nava\n").expect("text");
        assert_eq!(c.docs, ["emma", "ava"]);
        assert!(!c.chars.contains(&'\u{feff}'));
        assert_eq!(
            c.vocab_size(),
            Corpus::parse("emma\nava\n").expect("text").vocab_size()
        );
    }

    #[test]
    fn replacement_characters_are_refused() {
        // 测试 in GB18030 (b2 e2 ca d4) read as UTF-8.
        let garbled = String::from_utf8_lossy(&[0xb2, 0xe2, 0xca, 0xd4, b'\n']).into_owned();
        assert_eq!(Corpus::parse(&garbled), Err(CorpusError::Undecodable));
        assert!(CorpusError::Undecodable
            .message(crate::i18n::Lang::Zh)
            .contains("UTF-8"));
    }

    #[test]
    fn bad_files_are_refused_in_words() {
        assert_eq!(Corpus::parse(""), Err(CorpusError::Empty));
        assert_eq!(Corpus::parse(" \n\n\t\n"), Err(CorpusError::Empty));
        assert_eq!(Corpus::parse("abc\0def"), Err(CorpusError::Binary));
        let noise: String = (0..200).map(|i| char::from((i % 31) as u8 + 1)).collect();
        assert_eq!(Corpus::parse(&noise), Err(CorpusError::Binary));
        let many: String = (0..400u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .map(|c| format!("{c}\n"))
            .collect();
        assert!(matches!(
            Corpus::parse(&many),
            Err(CorpusError::TooManyCharacters { .. })
        ));
        assert!(CorpusError::Binary.to_string().contains("binary"));
    }
}
