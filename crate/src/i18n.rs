//! The two languages of Downhill: English and the post's Chinese. Strings the
//! Rust side draws or reports live here; the page's own text lives in
//! `www/js/i18n.js`.

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 中文.
    Zh,
}

impl Lang {
    /// `"zh"` (or any `zh-…`) is Chinese; anything else English.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// One phrase in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// English.
    pub en: &'static str,
    /// 中文.
    pub zh: &'static str,
}

impl Phrase {
    /// The phrase in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn p(en: &'static str, zh: &'static str) -> Phrase {
    Phrase { en, zh }
}

/// Axis: the parameter.
pub const AXIS_W: Phrase = p("w  (parameter)", "w（参数）");
/// Axis: the loss of the descent curve.
pub const AXIS_LOSS_W: Phrase = p("loss L(w)", "损失 L(w)");
/// The minimum marker's label prefix.
pub const MINIMUM: Phrase = p("min", "最小值");
/// Axis: step count.
pub const AXIS_STEP: Phrase = p("step t", "步数 t");
/// Axis: training iteration.
pub const AXIS_ITERATION: Phrase = p("iteration", "迭代次数");
/// Axis: loss, linear.
pub const AXIS_LOSS: Phrase = p("loss L", "损失 L");
/// Axis: loss, log scale.
pub const AXIS_LOSS_LOG: Phrase = p("loss L (log scale)", "损失 L（对数刻度）");
/// Legend: the backprop chain's loss per iteration.
pub const LOSS_PER_ITERATION: Phrase = p("loss per iteration", "每次迭代的损失");
/// Graph: a trainable parameter.
pub const PARAMETER: Phrase = p("(parameter)", "（参数）");
/// MSE axis: the samples.
pub const AXIS_SAMPLES: Phrase = p("sample 1 – 4", "样本 1–4");
/// MSE axis: values.
pub const AXIS_VALUE: Phrase = p("value", "数值");
/// MSE legend.
pub const MSE_LEGEND: Phrase = p("● prediction   ○ target   ■ error²", "● 预测   ○ 目标   ■ 误差²");
/// Cross-entropy axis: probability.
pub const AXIS_PROBABILITY: Phrase = p("probability", "概率");
/// Cross-entropy axis: the loss.
pub const AXIS_CE: Phrase = p("loss −ln p", "损失 −ln p");
/// The uniform-guess line's label prefix.
pub const UNIFORM_GUESS: Phrase = p("guess: ln 26 ≈", "均匀猜测：ln 26 ≈");
/// The microgpt chart's uniform-guess line.
pub const UNIFORM_TOKENS: Phrase = p("uniform guess:", "均匀猜测：");
/// A perfect prediction's loss.
pub const PERFECT: Phrase = p("perfect: 0", "完美预测：0");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Lang::from_code("zh"), Lang::Zh);
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code("<script>"), Lang::En);
        assert_eq!(AXIS_STEP.get(Lang::Zh), "步数 t");
    }
}
