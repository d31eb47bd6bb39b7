//! Loss functions (chapter 1, 实验一): how wrong a prediction is, as one number.

/// Mean squared error and its parts, as 实验一 prints them.
#[derive(Clone, Debug, PartialEq)]
pub struct Mse {
    /// `prediction − target` for each sample (误差).
    pub errors: Vec<f64>,
    /// Each error squared (误差²).
    pub squares: Vec<f64>,
    /// The mean of the squares (MSE 损失).
    pub mse: f64,
}

/// `mean((p − t)²)` over paired predictions and targets; `None` when the
/// slices differ in length or are empty.
pub fn mse(predictions: &[f64], targets: &[f64]) -> Option<Mse> {
    if predictions.len() != targets.len() || predictions.is_empty() {
        return None;
    }
    let errors: Vec<f64> = predictions.iter().zip(targets).map(|(p, t)| p - t).collect();
    let squares: Vec<f64> = errors.iter().map(|e| e * e).collect();
    let mse = squares.iter().sum::<f64>() / squares.len() as f64;
    Some(Mse { errors, squares, mse })
}

/// Cross-entropy of a prediction whose probability for the right answer is
/// `p`: `−ln p` (the one-hot form of `−Σ 真实 × log(预测)`). 0 for a perfect
/// prediction, growing without bound as `p → 0`.
pub fn cross_entropy(p: f64) -> f64 {
    -p.ln()
}

/// The loss of guessing uniformly among `n` choices: `ln n` (ln 26 ≈ 3.26 for
/// letters, ln 27 ≈ 3.30 for microgpt's 26 letters plus its end token).
pub fn uniform_baseline(n: usize) -> f64 {
    (n as f64).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experiment_one() {
        let m = mse(&[2.5, 0.5, 2.1, 1.9], &[3.0, 1.0, 2.0, 2.0]).expect("same length");
        // 误差: [-0.5 -0.5 0.1 -0.1]; 误差²: [0.25 0.25 0.01 0.01]; MSE 损失 = 0.1300
        let errors: Vec<String> = m.errors.iter().map(|e| format!("{e:.1}")).collect();
        assert_eq!(errors, ["-0.5", "-0.5", "0.1", "-0.1"]);
        let squares: Vec<String> = m.squares.iter().map(|e| format!("{e:.2}")).collect();
        assert_eq!(squares, ["0.25", "0.25", "0.01", "0.01"]);
        assert_eq!(format!("{:.4}", m.mse), "0.1300");
        assert!(mse(&[1.0], &[1.0, 2.0]).is_none());
        assert!(mse(&[], &[]).is_none());
        assert_eq!(
            mse(&[3.0, 1.0], &[3.0, 1.0]).map(|m| m.mse),
            Some(0.0),
            "perfect: MSE = 0"
        );
    }

    #[test]
    fn cross_entropy_values() {
        assert_eq!(cross_entropy(1.0), 0.0);
        assert!((cross_entropy(0.6) - 0.5108).abs() < 1e-4);
        assert_eq!(format!("{:.2}", uniform_baseline(26)), "3.26");
        assert_eq!(format!("{:.2}", uniform_baseline(27)), "3.30");
        // Guessing uniformly is the same as giving the right answer p = 1/26.
        assert!((cross_entropy(1.0 / 26.0) - uniform_baseline(26)).abs() < 1e-12);
    }
}
