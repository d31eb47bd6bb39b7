//! Which fate a learning rate meets: the post's 太小 / 刚好 / 太大 (chapter 3, 实验三).
//!
//! Near a minimum the loss is a parabola with curvature `L″`, and one step
//! multiplies the distance to the minimum by `r = 1 − η·L″`. So `|r| < 1`
//! converges (monotonically when `r > 0`, with overshoot when `r < 0`), `r = 0`
//! lands in one step, and `|r| ≥ 1` bounces forever or diverges. For the post's
//! `L″ = 2` the thresholds are η = 0.5 and η = 1.

use crate::descent::{Health, Run};
use crate::landscape::Landscape;
use serde::Serialize;

/// The post's horizon: 实验三 runs 20 steps.
pub const HORIZON: usize = 20;
/// "Within 0.001 of the minimum loss" counts as arrived.
pub const ARRIVED: f64 = 1e-3;

/// A learning rate's fate over the post's 20-step horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// 太小: creeps towards the minimum without overshooting, not there after 20 steps.
    Small,
    /// 刚好: within 0.001 of the minimum loss after 20 steps.
    Right,
    /// 偏大: converges with overshoot, not there after 20 steps.
    Oscillating,
    /// 太大: diverges, or bounces forever without settling.
    Big,
}

impl Regime {
    /// The hook value: `small`, `right`, `oscillating` or `big`.
    pub fn key(self) -> &'static str {
        match self {
            Regime::Small => "small",
            Regime::Right => "right",
            Regime::Oscillating => "oscillating",
            Regime::Big => "big",
        }
    }

    /// The post's word.
    pub fn zh(self) -> &'static str {
        match self {
            Regime::Small => "太小",
            Regime::Right => "刚好",
            Regime::Oscillating => "偏大",
            Regime::Big => "太大",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            Regime::Small => "too small",
            Regime::Right => "just right",
            Regime::Oscillating => "oscillating",
            Regime::Big => "too big",
        }
    }
}

/// The contraction factor `|1 − η·L″(w)|`: how much one step shrinks (< 1) or
/// grows (> 1) the distance to the minimum, from the curvature at `w`.
pub fn contraction(landscape: &Landscape, w: f64, lr: f64) -> f64 {
    (1.0 - lr * landscape.curvature(w)).abs()
}

/// Classifies η by what a run does: it simulates the post's 20 steps from `w0`.
/// Invalid inputs (the run cannot be made) count as [`Regime::Big`].
pub fn classify(landscape: &Landscape, w0: f64, lr: f64) -> Regime {
    classify_with_valley(landscape, w0, lr).0
}

/// [`classify`], and the valley the verdict was judged against: the local
/// minimum ahead of where the 20 steps end (`None` if there is none, or the
/// run cannot be made).
pub fn classify_with_valley(landscape: &Landscape, w0: f64, lr: f64) -> (Regime, Option<(f64, f64)>) {
    match Run::new(landscape.clone(), w0, lr) {
        Ok(mut run) => {
            for _ in 0..HORIZON {
                if !run.step() {
                    break;
                }
            }
            (classify_run(&run), landscape.minimum_ahead(run.w()))
        }
        Err(_) => (Regime::Big, None),
    }
}

/// Classifies a run from its behaviour so far, against the local minimum
/// nearest where it is now: did it blow up or fail to contract, has it
/// arrived, did it ever jump across the minimum?
pub fn classify_run(run: &Run) -> Regime {
    let landscape = run.landscape();
    let history = run.history();
    let first = history[0];
    let last = run.current();
    // The minimum the run is heading to: the nearest one downhill (the bowl has one).
    let Some((w_star, l_star)) = landscape.minimum_ahead(last.w) else {
        return Regime::Big;
    };
    let start_gap = (first.w - w_star).abs();
    let gap = (last.w - w_star).abs();
    // Still as far as it started (η = 1 bounces 0 ↔ 6), or further: never settles.
    let unsettled = start_gap > 0.0 && gap >= start_gap && run.t() > 0;
    if run.health() != Health::Stable || unsettled {
        return Regime::Big;
    }
    if last.loss - l_star <= ARRIVED {
        return Regime::Right;
    }
    let overshoots = history
        .windows(2)
        .any(|pair| (pair[0].w - w_star) * (pair[1].w - w_star) < 0.0);
    if overshoots {
        Regime::Oscillating
    } else {
        Regime::Small
    }
}

/// A stretch of learning rates with one behaviour, for the slider's stability map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Band {
    /// Smallest η of the band (exclusive unless equal to `to`).
    pub from: f64,
    /// Largest η of the band.
    pub to: f64,
    /// `creeps`, `one_step`, `oscillates`, `bounces` or `diverges`.
    pub kind: &'static str,
}

/// The stability map of the global minimum: see [`bands_at`].
pub fn bands(landscape: &Landscape, max_lr: f64) -> Vec<Band> {
    bands_at(landscape, landscape.minimum().map_or(0.0, |(w, _)| w), max_lr)
}

/// The stability threshold of the minimum at `w_star`: a step of η
/// contracts near it when η < 2 / L″(w*) (the linearisation
/// w − w* ← (1 − η·L″(w*))(w − w*)). `None` where L″(w*) is not positive
/// and finite (a flat or not-quite minimum: no η is too big to first order).
pub fn threshold(landscape: &Landscape, w_star: f64) -> Option<f64> {
    let k = landscape.curvature(w_star);
    (k > 0.0 && k.is_finite()).then(|| 2.0 / k).filter(|t| t.is_finite())
}

/// The stability map for η up to `max_lr`, from the curvature at the minimum
/// `w_star`: creeps on (0, 1/L″), lands in one step at 1/L″, oscillates but
/// converges on (1/L″, 2/L″), bounces forever at 2/L″ and diverges beyond.
pub fn bands_at(landscape: &Landscape, w_star: f64, max_lr: f64) -> Vec<Band> {
    let k = landscape.curvature(w_star);
    if !(k > 0.0 && k.is_finite()) {
        return Vec::new();
    }
    let (one_step, bounce) = (1.0 / k, 2.0 / k);
    let candidates = [
        (0.0, one_step, "creeps"),
        (one_step, one_step, "one_step"),
        (one_step, bounce, "oscillates"),
        (bounce, bounce, "bounces"),
        (bounce, f64::INFINITY, "diverges"),
    ];
    candidates
        .iter()
        .filter(|(from, _, _)| *from <= max_lr)
        .map(|&(from, to, kind)| Band {
            from,
            to: to.min(max_lr),
            kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_posts_three_learning_rates() {
        let l = Landscape::default();
        assert_eq!(classify(&l, 0.0, 0.03), Regime::Small);
        assert_eq!(classify(&l, 0.0, 0.3), Regime::Right);
        assert_eq!(classify(&l, 0.0, 1.5), Regime::Big);
        assert_eq!(Regime::Small.zh(), "太小");
        assert_eq!(Regime::Right.zh(), "刚好");
        assert_eq!(Regime::Big.zh(), "太大");
    }

    #[test]
    fn each_side_of_the_thresholds() {
        let l = Landscape::default();
        let cases = [
            (0.49, Regime::Right),
            (0.5, Regime::Right),
            (0.51, Regime::Right),
            (0.99, Regime::Oscillating),
            (1.0, Regime::Big),
            (1.01, Regime::Big),
            (0.1, Regime::Small),
            (0.2, Regime::Right),
            (0.9, Regime::Oscillating),
        ];
        for (lr, want) in cases {
            assert_eq!(classify(&l, 0.0, lr), want, "η = {lr}");
        }
        // Factor |1 − 2η| from the curvature L″ = 2.
        assert!((contraction(&l, 0.0, 0.03) - 0.94).abs() < 1e-12);
        assert_eq!(contraction(&l, 0.0, 0.5), 0.0);
        assert_eq!(contraction(&l, 0.0, 1.0), 1.0);
        assert_eq!(contraction(&l, 0.0, 1.5), 2.0);
    }

    #[test]
    fn from_behaviour_on_a_run() {
        let l = Landscape::default();
        let mut creeping = Run::new(l.clone(), 0.0, 0.03).expect("valid");
        let mut bouncing = Run::new(l.clone(), 0.0, 0.9).expect("valid");
        let mut exploding = Run::new(l.clone(), 0.0, 1.5).expect("valid");
        for _ in 0..5 {
            creeping.step();
            bouncing.step();
            exploding.step();
        }
        assert_eq!(classify_run(&creeping), Regime::Small);
        assert_eq!(classify_run(&bouncing), Regime::Oscillating);
        assert_eq!(classify_run(&exploding), Regime::Big);
        // Started at the minimum: nothing to do, already there.
        assert_eq!(classify(&l, 3.0, 1.5), Regime::Right);
        assert_eq!(classify(&l, 0.0, f64::NAN), Regime::Big);
    }

    #[test]
    fn stability_map() {
        let b = bands(&Landscape::default(), 2.0);
        let kinds: Vec<_> = b.iter().map(|b| (b.from, b.to, b.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (0.0, 0.5, "creeps"),
                (0.5, 0.5, "one_step"),
                (0.5, 1.0, "oscillates"),
                (1.0, 1.0, "bounces"),
                (1.0, 2.0, "diverges"),
            ]
        );
        assert_eq!(bands(&Landscape::default(), 0.3).len(), 1);
    }
}
