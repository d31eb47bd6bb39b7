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

/// The next "round" η above (`up`) or below η, on a grid of two significant
/// digits: 0.9 → 0.91 / 0.89, 1.5 → 1.6 / 1.4, 1 → 1.1 / 0.99. This is what an
/// arrow key does on an η slider: small, exact, predictable steps. Stays within
/// the slider's range; a non-finite η gives the nearest end.
pub fn nudge(lr: f64, up: bool) -> f64 {
    if !lr.is_finite() || lr <= 0.0 {
        return if up { LR_SLIDER_MAX } else { LR_SLIDER_MIN };
    }
    let lr = lr.clamp(LR_SLIDER_MIN, LR_SLIDER_MAX);
    let decade = 10f64.powf(lr.log10().floor());
    let step = decade / 10.0;
    // The grid index of η, tolerant of η being a hair off the grid.
    let k = lr / step;
    let next = if up {
        ((k + 1e-9).floor() + 1.0) * step
    } else {
        let down = ((k - 1e-9).ceil() - 1.0) * step;
        if down < decade {
            // Leaving the decade downwards: the grid below is ten times finer.
            let fine = decade / 100.0;
            ((lr / fine - 1e-9).ceil() - 1.0) * fine
        } else {
            down
        }
    };
    round_sig(next, 2).clamp(LR_SLIDER_MIN, LR_SLIDER_MAX)
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
    fn arrow_key_nudges() {
        assert_eq!(nudge(0.9, true), 0.91);
        assert_eq!(nudge(0.9, false), 0.89);
        assert_eq!(nudge(1.5, false), 1.4);
        assert_eq!(nudge(1.0, false), 0.99);
        assert_eq!(nudge(0.99, true), 1.0);
        assert_eq!(nudge(0.873, true), 0.88);
        assert_eq!(nudge(0.873, false), 0.87);
        assert_eq!(nudge(0.03, true), 0.031);
        assert_eq!(nudge(2.0, true), 2.0);
        assert_eq!(nudge(0.001, false), 0.001);
        assert_eq!(nudge(f64::NAN, true), 2.0);
        // Walking down from 1.5 reaches 0.9 exactly.
        let mut lr = 1.5;
        let mut steps = 0;
        while lr > 0.9 {
            lr = nudge(lr, false);
            steps += 1;
        }
        assert_eq!((lr, steps), (0.9, 15));
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
