//! The loss widgets (chapter 1, 实验一): mean squared error on the post's four
//! predictions, and cross-entropy on 「今天天气真__」.

use crate::decimal::fixed;
use crate::format::fixed4;
use crate::input::{check_range, Input, InputError};
use crate::loss::{cross_entropy, mse, uniform_baseline};
use serde::Serialize;

/// 实验一's predictions.
pub const PREDICTIONS: [f64; 4] = [2.5, 0.5, 2.1, 1.9];
/// 实验一's targets.
pub const TARGETS: [f64; 4] = [3.0, 1.0, 2.0, 2.0];
/// Range a prediction can be dragged in.
pub const PREDICTION_RANGE: (f64, f64) = (-1.0, 5.0);
/// A drag that ends this close to the target (in value units) lands on it.
pub const SNAP: f64 = 0.04;
/// Smallest probability the reader can give the right word: −ln p stays ≤ 6.9.
pub const P_MIN: f64 = 0.001;

/// The candidate next words of 「今天天气真__」, the right one (好) first, with
/// the post's model putting 60% on 冷.
const WORDS: [(&str, f64); 5] = [("好", 0.2), ("冷", 0.6), ("热", 0.1), ("棒", 0.06), ("差", 0.04)];

/// The whole state of the loss widgets.
#[derive(Clone, Debug, PartialEq)]
pub struct LossModel {
    predictions: [f64; 4],
    p_right: f64,
}

/// One sample of the MSE widget, as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// The prediction.
    pub prediction: f64,
    /// The target.
    pub target: f64,
    /// `prediction − target`.
    pub error: f64,
    /// The error squared.
    pub square: f64,
    /// Printed forms: prediction, error and square.
    pub text: [String; 3],
}

/// One candidate word and the probability the model gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Word {
    /// The word.
    pub word: &'static str,
    /// Its probability.
    pub p: f64,
    /// Whether it is the right answer.
    pub right: bool,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LossSnapshot {
    /// The four samples.
    pub samples: Vec<Sample>,
    /// Mean squared error.
    pub mse: f64,
    /// MSE with 4 decimals, as the post prints it.
    pub mse_text: String,
    /// The candidate words.
    pub words: Vec<Word>,
    /// The right word's probability.
    pub p_right: f64,
    /// Cross-entropy `−ln p`.
    pub ce: f64,
    /// Cross-entropy with 4 decimals.
    pub ce_text: String,
    /// `ln 26`, the uniform guess over 26 letters.
    pub baseline26: f64,
    /// `ln 27`, microgpt's 27 tokens.
    pub baseline27: f64,
}

impl Default for LossModel {
    fn default() -> Self {
        LossModel {
            predictions: PREDICTIONS,
            p_right: WORDS[0].1,
        }
    }
}

impl LossModel {
    /// Sets prediction `i` (0..4) to `value`, validated to [`PREDICTION_RANGE`].
    pub fn set_prediction(&mut self, i: usize, value: f64) -> Result<(), InputError> {
        let (lo, hi) = PREDICTION_RANGE;
        let v = check_range(value, Input::Prediction, lo, hi)?;
        if let Some(p) = self.predictions.get_mut(i) {
            *p = v;
        }
        Ok(())
    }

    /// A drag of prediction `i` to `value`: clamped to the range, and snapped
    /// onto the target when it ends within [`SNAP`] of it.
    pub fn drag_prediction(&mut self, i: usize, value: f64) {
        if !value.is_finite() {
            return;
        }
        let (lo, hi) = PREDICTION_RANGE;
        let Some(&target) = TARGETS.get(i) else {
            return;
        };
        let v = if (value - target).abs() <= SNAP {
            target
        } else {
            value.clamp(lo, hi)
        };
        if let Some(p) = self.predictions.get_mut(i) {
            *p = v;
        }
    }

    /// The index of the sample whose column is nearest to `x` (in sample units:
    /// sample `i` stands at `x = i + 1`).
    pub fn nearest_sample(x: f64) -> usize {
        let i = (x - 1.0).round();
        if i.is_finite() {
            i.clamp(0.0, 3.0) as usize
        } else {
            0
        }
    }

    /// Sets the probability of the right word (好); the other words share the
    /// rest in their original proportions.
    pub fn set_p_right(&mut self, p: f64) -> Result<(), InputError> {
        self.p_right = check_range(p, Input::Probability, P_MIN, 1.0)?;
        Ok(())
    }

    /// A drag of the right word's bar to `p`, clamped to [`P_MIN`]..=1.
    pub fn drag_p_right(&mut self, p: f64) {
        if p.is_finite() {
            self.p_right = p.clamp(P_MIN, 1.0);
        }
    }

    /// The predictions.
    pub fn predictions(&self) -> [f64; 4] {
        self.predictions
    }

    /// What the page shows.
    pub fn snapshot(&self) -> LossSnapshot {
        // Same-length, non-empty arrays: `mse` always answers.
        let parts = mse(&self.predictions, &TARGETS);
        let samples = (0..4)
            .map(|i| {
                let (error, square) = parts.as_ref().map_or((0.0, 0.0), |m| (m.errors[i], m.squares[i]));
                Sample {
                    prediction: self.predictions[i],
                    target: TARGETS[i],
                    error,
                    square,
                    text: [fixed(self.predictions[i], 2), fixed(error, 2), fixed(square, 4)],
                }
            })
            .collect();
        let mse = parts.map_or(0.0, |m| m.mse);
        let ce = cross_entropy(self.p_right);
        LossSnapshot {
            samples,
            mse,
            mse_text: fixed4(mse),
            words: self.words(),
            p_right: self.p_right,
            ce,
            ce_text: fixed4(ce),
            baseline26: uniform_baseline(26),
            baseline27: uniform_baseline(27),
        }
    }

    /// The candidate words with the current probabilities.
    pub fn words(&self) -> Vec<Word> {
        let others: f64 = WORDS[1..].iter().map(|w| w.1).sum();
        WORDS
            .iter()
            .enumerate()
            .map(|(k, &(word, base))| Word {
                word,
                p: if k == 0 {
                    self.p_right
                } else {
                    (1.0 - self.p_right) * base / others
                },
                right: k == 0,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever arrives from sliders, drags or fields, nothing panics and
            /// nothing non-finite is printed.
            #[test]
            fn any_inputs_keep_every_number_finite(
                values in proptest::collection::vec(prop_oneof![proptest::num::f64::ANY, -10.0..10.0f64], 12),
            ) {
                let mut m = LossModel::default();
                for (k, &v) in values.iter().enumerate() {
                    let i = k % 5;
                    let _ = m.set_prediction(i, v);
                    m.drag_prediction(i, v);
                    let _ = m.set_p_right(v);
                    m.drag_p_right(v);
                }
                let s = m.snapshot();
                prop_assert!(s.mse.is_finite() && s.ce.is_finite());
                for text in [&s.mse_text, &s.ce_text] {
                    prop_assert!(!text.contains("NaN") && !text.contains("inf"));
                }
                prop_assert!(s.words.iter().all(|w| w.p.is_finite() && w.p >= 0.0));
                prop_assert!(s.samples.iter().all(|x| x.error.is_finite() && x.square.is_finite()));
            }
        }
    }

    #[test]
    fn defaults_are_experiment_one() {
        let s = LossModel::default().snapshot();
        assert_eq!(s.mse_text, "0.1300");
        let errors: Vec<String> = s.samples.iter().map(|x| format!("{:.1}", x.error)).collect();
        assert_eq!(errors, ["-0.5", "-0.5", "0.1", "-0.1"]);
        let squares: Vec<String> = s.samples.iter().map(|x| format!("{:.2}", x.square)).collect();
        assert_eq!(squares, ["0.25", "0.25", "0.01", "0.01"]);
        assert_eq!(format!("{:.2}", s.baseline26), "3.26");
    }

    #[test]
    fn a_prediction_on_its_target_leaves_the_other_three() {
        let mut m = LossModel::default();
        m.drag_prediction(0, 3.03); // within the snap distance
        let s = m.snapshot();
        assert_eq!(s.samples[0].prediction, 3.0);
        // (0 + 0.25 + 0.01 + 0.01) / 4 = 0.0675
        assert_eq!(s.mse_text, "0.0675");
        assert!(m.set_prediction(1, 9.0).is_err());
        assert!(m.set_prediction(1, f64::NAN).is_err());
        m.drag_prediction(1, 99.0);
        assert_eq!(m.predictions()[1], 5.0, "drags clamp");
        assert_eq!(LossModel::nearest_sample(2.4), 1);
        assert_eq!(LossModel::nearest_sample(-7.0), 0);
        assert_eq!(LossModel::nearest_sample(f64::NAN), 0);
    }

    #[test]
    fn no_negative_zero_in_the_texts() {
        // Issue 10: prediction −0.004 printed as "-0.00"; so did prediction
        // 0.996 against target 1 (error −0.004).
        let mut m = LossModel::default();
        m.set_prediction(1, -0.004).expect("in range");
        assert_eq!(m.snapshot().samples[1].text[0], "0.00");
        m.set_prediction(1, 0.996).expect("in range");
        let text = &m.snapshot().samples[1].text;
        assert_eq!((text[0].as_str(), text[1].as_str()), ("1.00", "0.00"));
    }

    #[test]
    fn cross_entropy_of_the_right_word() {
        let mut m = LossModel::default();
        let s = m.snapshot();
        assert_eq!(s.words[0].word, "好");
        assert_eq!(s.words[1].word, "冷");
        assert!((s.words[1].p - 0.6).abs() < 1e-12, "the post's 冷 at 60%");
        assert!((s.words.iter().map(|w| w.p).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(s.ce_text, "1.6094");
        m.set_p_right(1.0).expect("valid");
        assert_eq!(m.snapshot().ce_text, "0.0000", "a perfect prediction costs 0");
        assert!(m.set_p_right(0.0).is_err());
        m.drag_p_right(-3.0);
        let s = m.snapshot();
        assert_eq!(s.p_right, P_MIN);
        assert!(s.ce.is_finite() && s.ce < 7.0);
        assert!((s.words.iter().map(|w| w.p).sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
