//! The learning-rate slider's log scale: the slider's value is `log10(η)`.

/// Smallest η on the slider.
pub const LR_SLIDER_MIN: f64 = 0.001;
/// Largest η on the slider.
pub const LR_SLIDER_MAX: f64 = 2.0;

/// The η a slider position `log10(η)` stands for, rounded to 3 significant digits
/// (so dragging lands on 0.0300, not 0.029992) and kept within the slider's range.
/// A non-finite position gives `None`.
pub fn lr_from_slider(pos: f64) -> Option<f64> {
    if !pos.is_finite() {
        return None;
    }
    let lr = 10f64.powf(pos).clamp(LR_SLIDER_MIN, LR_SLIDER_MAX);
    Some(round_sig(lr, 3))
}

/// The slider position for η: `log10(η)`, clamped to the slider's ends.
pub fn slider_from_lr(lr: f64) -> f64 {
    lr.clamp(LR_SLIDER_MIN, LR_SLIDER_MAX).log10()
}

/// `x` rounded to `digits` significant digits.
fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    (x * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_survive_the_round_trip() {
        for lr in [0.001, 0.03, 0.1, 0.3, 1.5, 2.0] {
            assert_eq!(lr_from_slider(slider_from_lr(lr)), Some(lr));
        }
    }

    #[test]
    fn ends_and_garbage() {
        assert_eq!(lr_from_slider(-10.0), Some(0.001));
        assert_eq!(lr_from_slider(5.0), Some(2.0));
        assert_eq!(lr_from_slider(f64::NAN), None);
        assert_eq!(slider_from_lr(100.0), 2f64.log10());
        assert_eq!(lr_from_slider(-1.523), Some(0.03));
        assert_eq!(lr_from_slider(-0.5), Some(0.316));
    }
}
