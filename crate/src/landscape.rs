//! One-dimensional loss landscapes: the hill the ball rolls down.
//!
//! A landscape gives the loss `L(w)`, its slope `L′(w)` and its curvature `L″(w)`,
//! and where its minima are. New landscapes are new enum variants; everything
//! downstream (runs, views, renderers) only talks to these methods.

use formula::{Formula, FormulaError};
use std::sync::{Arc, OnceLock};

/// A loss curve over one parameter `w`. `w` and `L` have no units (the post's
/// parameter and loss); every preset below is defined for all real `w` (a
/// typed formula may not be: it is NaN or ±∞ there).
/// The presets' derivatives are written out by hand (exact to f64, no finite
/// differences) and checked against central differences in the tests.
/// Cloning is cheap (a typed formula is shared).
#[derive(Clone, Debug, PartialEq)]
pub enum Landscape {
    /// The post's valley `L(w) = (w − center)² + floor` (chapter 2, 实验二);
    /// the preset `bowl` is `(w − 3)² + 1`.
    Quadratic {
        /// Where the minimum is (`w = 3` in the post).
        center: f64,
        /// The loss at the minimum (`L = 1` in the post).
        floor: f64,
    },
    /// `double-well`: `L(w) = w⁴/4 − w² + 0.3w + 2`, a global minimum near
    /// w = −1.484 (L ≈ 0.565) and a shallower one near w = 1.332 (L ≈ 1.412):
    /// where the ball starts decides where it ends.
    DoubleWell,
    /// `bumpy`: `L(w) = 0.15(w − 3)² − 0.6·cos(3(w − 3)) + 1.6`, the bowl
    /// with ripples: the global minimum at w = 3 (L = 1) and local ones
    /// about every 2 units on either side.
    Bumpy,
    /// `post-gif`: `L(w) = 0.5(w − 1)² + 0.5 + 3·e^(−2(w + 1)²)`, the shape
    /// of the post's own GIFs: a bump on the left (top near w = −0.9), the
    /// minimum near w = 1.008 at L ≈ 0.501, and a trap behind the bump near
    /// w = −1.779 (L ≈ 5.25).
    PostGif,
    /// `cliff`: `L(w) = 0.02(w − 4)² + 5·e^(−3w) + 0.5`, a steep wall left
    /// of w ≈ 1 beside a flat plain: L″ is 45 at w = 0 and 0.04 at the
    /// minimum near w = 4, so one η is too big on the wall and too small on
    /// the plain.
    Cliff,
    /// A formula the reader typed (`?f=`), with exact `L′` and `L″`
    /// (see [`formula`]). Its minima are searched for in w ∈ [−5, 5]
    /// ([`TYPED_SEARCH`]); its span is theirs with room around them.
    Typed(Arc<Typed>),
}

/// A typed formula and the local minima found for it (searched once).
#[derive(Debug)]
pub struct Typed {
    formula: Formula,
    minima: OnceLock<Vec<(f64, f64)>>,
}

impl Typed {
    /// The stretch shown: the minima found with room on both sides (half
    /// their spread, at least 1.5), at least 4 wide; all of
    /// [`TYPED_SEARCH`] when there is no minimum in it.
    fn span(&self, minima: &[(f64, f64)]) -> (f64, f64) {
        let (Some(lo), Some(hi)) = (minima.first().map(|m| m.0), minima.last().map(|m| m.0)) else {
            return TYPED_SEARCH;
        };
        let room = ((hi - lo) / 2.0).max(1.5);
        let (a, b) = (lo - room, hi + room);
        let grow = ((4.0 - (b - a)) / 2.0).max(0.0);
        (a - grow, b + grow)
    }
}

impl PartialEq for Typed {
    fn eq(&self, other: &Typed) -> bool {
        self.formula == other.formula
    }
}

/// Where a typed formula's minima are searched for.
pub const TYPED_SEARCH: (f64, f64) = (-5.0, 5.0);

/// The presets' names, as `?landscape=` takes them, the default first.
pub const PRESETS: [&str; 5] = ["bowl", "double-well", "bumpy", "post-gif", "cliff"];


impl Default for Landscape {
    /// The post's `L(w) = (w − 3)² + 1`.
    fn default() -> Self {
        Landscape::Quadratic {
            center: 3.0,
            floor: 1.0,
        }
    }
}

impl Landscape {
    /// The landscape `L(w) = text`.
    ///
    /// # Errors
    /// The formula's [`FormulaError`] (with its column) when it does not parse.
    pub fn typed(text: &str) -> Result<Landscape, FormulaError> {
        let formula = Formula::parse(text)?;
        Ok(Landscape::Typed(Arc::new(Typed { formula, minima: OnceLock::new() })))
    }

    /// The typed formula's text, for a typed landscape.
    pub fn typed_text(&self) -> Option<&str> {
        match self {
            Landscape::Typed(t) => Some(t.formula.text()),
            _ => None,
        }
    }

    /// What the page calls the landscape: a preset's name, `formula` for a
    /// typed one (a quadratic other than the post's is shown as `bowl`).
    pub fn key(&self) -> &'static str {
        match self {
            Landscape::Typed(_) => "formula",
            _ => self.name().unwrap_or("bowl"),
        }
    }

    /// The preset called `name` (see [`PRESETS`]).
    pub fn preset(name: &str) -> Option<Landscape> {
        match name {
            "bowl" => Some(Landscape::default()),
            "double-well" => Some(Landscape::DoubleWell),
            "bumpy" => Some(Landscape::Bumpy),
            "post-gif" => Some(Landscape::PostGif),
            "cliff" => Some(Landscape::Cliff),
            _ => None,
        }
    }

    /// The preset's name (a quadratic other than the post's has none).
    pub fn name(&self) -> Option<&'static str> {
        match self {
            l if *l == Landscape::default() => Some("bowl"),
            Landscape::Quadratic { .. } => None,
            Landscape::DoubleWell => Some("double-well"),
            Landscape::Bumpy => Some("bumpy"),
            Landscape::PostGif => Some("post-gif"),
            Landscape::Cliff => Some("cliff"),
            Landscape::Typed(_) => None,
        }
    }

    /// The formula as the page prints it.
    pub fn formula(&self) -> String {
        match *self {
            ref l if *l == Landscape::default() => "L(w) = (w − 3)² + 1".to_owned(),
            Landscape::Typed(ref t) => format!("L(w) = {}", t.formula.text()),
            Landscape::Quadratic { center, floor } => format!(
                "L(w) = (w − {})² + {}",
                crate::format::short(center),
                crate::format::short(floor)
            ),
            Landscape::DoubleWell => "L(w) = w⁴/4 − w² + 0.3w + 2".to_owned(),
            Landscape::Bumpy => "L(w) = 0.15(w − 3)² − 0.6·cos(3(w − 3)) + 1.6".to_owned(),
            Landscape::PostGif => "L(w) = 0.5(w − 1)² + 0.5 + 3·e^(−2(w + 1)²)".to_owned(),
            Landscape::Cliff => "L(w) = 0.02(w − 4)² + 5·e^(−3w) + 0.5".to_owned(),
        }
    }

    /// Where the descent widget's balls start by default: ball A at
    /// [`default_start`](Landscape::default_start), and on the double well
    /// a ball B at w = −0.5, so one η sends them into different valleys.
    pub fn default_starts(&self) -> Vec<f64> {
        match self {
            Landscape::DoubleWell => vec![self.default_start(), -0.5],
            _ => vec![self.default_start()],
        }
    }

    /// Where a reader would start a ball by default.
    pub fn default_start(&self) -> f64 {
        match *self {
            Landscape::Quadratic { center, .. } => center - 3.0,
            Landscape::DoubleWell => 2.0,
            Landscape::Bumpy => -0.5,
            Landscape::PostGif => -2.5,
            Landscape::Cliff => 0.0,
            // A tenth of the way in from the left of its span; where the
            // formula is not finite there, a tenth of the way in from the
            // first point right of it where it is (not on the edge of its
            // domain, where ln w + 1/w is steepest).
            Landscape::Typed(ref t) => {
                let (a, b) = t.span(&self.local_minima());
                let finite = |w: f64| {
                    let (l, d1, d2) = t.formula.eval(w);
                    l.is_finite() && d1.is_finite() && d2.is_finite()
                };
                let first = a + (b - a) / 10.0;
                match samples(first, b).find(|&w| finite(w)) {
                    Some(w) if w == first => w,
                    Some(w) => Some(w + (b - w) / 10.0).filter(|&inside| finite(inside)).unwrap_or(w),
                    None => 0.0,
                }
            }
        }
    }

    /// The stretch of `w` the landscape is about: the minima the page names
    /// (and finds once) lie inside it, and a view shows at least this much of
    /// it. (The bumpy bowl has two more ripples just outside, high up.)
    /// `None` for a quadratic, whose view follows the run alone.
    pub fn span(&self) -> Option<(f64, f64)> {
        match *self {
            Landscape::Quadratic { .. } => None,
            Landscape::DoubleWell => Some((-2.5, 2.5)),
            Landscape::Bumpy => Some((-1.0, 7.0)),
            Landscape::PostGif => Some((-3.0, 3.5)),
            Landscape::Cliff => Some((-0.4, 8.0)),
            Landscape::Typed(ref t) => Some(t.span(&self.local_minima())),
        }
    }

    /// Whether `L` is defined at `w` (every preset is, for any number; a typed
    /// formula may not be: see [`Formula::defined`]). ±∞ counts as defined:
    /// it is an overflow, not a domain.
    pub fn defined(&self, w: f64) -> bool {
        match self {
            Landscape::Typed(t) => t.formula.defined(w),
            _ => !w.is_nan(),
        }
    }

    /// The loss `L(w)`.
    pub fn loss(&self, w: f64) -> f64 {
        match *self {
            // L(w) = (w − c)² + f
            Landscape::Quadratic { center, floor } => (w - center).powi(2) + floor,
            // L(w) = w⁴/4 − w² + 0.3w + 2, as w²(w²/4 − 1) + …: +∞ far out, never ∞ − ∞.
            Landscape::DoubleWell => w * w * (w * w / 4.0 - 1.0) + 0.3 * w + 2.0,
            // L(w) = 0.15(w − 3)² − 0.6 cos(3(w − 3)) + 1.6
            Landscape::Bumpy => 0.15 * (w - 3.0).powi(2) - 0.6 * cos(3.0 * (w - 3.0)) + 1.6,
            // L(w) = 0.5(w − 1)² + 0.5 + 3 exp(−2(w + 1)²)
            Landscape::PostGif => 0.5 * (w - 1.0).powi(2) + 0.5 + times_bump(3.0, w),
            // L(w) = 0.02(w − 4)² + 5 exp(−3w) + 0.5
            Landscape::Cliff => 0.02 * (w - 4.0).powi(2) + 5.0 * (-3.0 * w).exp() + 0.5,
            Landscape::Typed(ref t) => t.formula.eval(w).0,
        }
    }

    /// The gradient `L′(w)`: which way is uphill, and how steeply.
    pub fn grad(&self, w: f64) -> f64 {
        match *self {
            // L′(w) = 2(w − c)
            Landscape::Quadratic { center, .. } => 2.0 * (w - center),
            // L′(w) = w³ − 2w + 0.3, as w(w² − 2) + 0.3
            Landscape::DoubleWell => w * (w * w - 2.0) + 0.3,
            // L′(w) = 0.3(w − 3) + 1.8 sin(3(w − 3))
            Landscape::Bumpy => 0.3 * (w - 3.0) + 1.8 * sin(3.0 * (w - 3.0)),
            // L′(w) = (w − 1) − 12(w + 1) exp(−2(w + 1)²)
            Landscape::PostGif => (w - 1.0) - times_bump(12.0 * (w + 1.0), w),
            // L′(w) = 0.04(w − 4) − 15 exp(−3w)
            Landscape::Cliff => 0.04 * (w - 4.0) - 15.0 * (-3.0 * w).exp(),
            Landscape::Typed(ref t) => t.formula.eval(w).1,
        }
    }

    /// The curvature `L″(w)`: it decides which learning rates are stable
    /// (a step of η contracts near a minimum w* when η < 2 / L″(w*)).
    pub fn curvature(&self, w: f64) -> f64 {
        match *self {
            // L″(w) = 2 everywhere.
            Landscape::Quadratic { .. } => 2.0,
            // L″(w) = 3w² − 2
            Landscape::DoubleWell => 3.0 * w * w - 2.0,
            // L″(w) = 0.3 + 5.4 cos(3(w − 3))
            Landscape::Bumpy => 0.3 + 5.4 * cos(3.0 * (w - 3.0)),
            // L″(w) = 1 + 3(16(w + 1)² − 4) exp(−2(w + 1)²)
            Landscape::PostGif => 1.0 + times_bump(3.0 * (16.0 * (w + 1.0).powi(2) - 4.0), w),
            // L″(w) = 0.04 + 45 exp(−3w)
            Landscape::Cliff => 0.04 + 45.0 * (-3.0 * w).exp(),
            Landscape::Typed(ref t) => t.formula.eval(w).2,
        }
    }

}

/// cos of a finite argument; 0 where the argument overflowed (the ripple's
/// size there is nothing beside the bowl it rides on).
fn cos(x: f64) -> f64 {
    if x.is_finite() {
        x.cos()
    } else {
        0.0
    }
}

/// sin, as [`cos`].
fn sin(x: f64) -> f64 {
    if x.is_finite() {
        x.sin()
    } else {
        0.0
    }
}

/// The post-gif bump's shape `exp(−2(w + 1)²)`.
fn bump(w: f64) -> f64 {
    (-2.0 * (w + 1.0).powi(2)).exp()
}

/// `factor · bump(w)`, 0 where the bump has vanished (never ∞ · 0).
fn times_bump(factor: f64, w: f64) -> f64 {
    let b = bump(w);
    if b == 0.0 {
        0.0
    } else {
        factor * b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_valley_values() {
        let l = Landscape::default();
        // 实验二: 起点 w = 0.0, Loss = 10.00; the minimum is w = 3, L = 1.
        assert_eq!(l.loss(0.0), 10.0);
        assert_eq!(l.grad(0.0), -6.0);
        assert_eq!(l.minimum(), Some((3.0, 1.0)));
        assert_eq!(l.loss(3.0), 1.0);
        assert_eq!(l.grad(3.0), 0.0);
    }

    #[test]
    fn gradient_matches_central_differences() {
        let l = Landscape::default();
        let h = 1e-5;
        for i in -40..=40 {
            let w = i as f64 * 0.37;
            let numeric = (l.loss(w + h) - l.loss(w - h)) / (2.0 * h);
            assert!(
                (numeric - l.grad(w)).abs() < 1e-6 * (1.0 + w.abs()),
                "w={w}: numeric {numeric} vs analytic {}",
                l.grad(w)
            );
            let numeric2 = (l.grad(w + h) - l.grad(w - h)) / (2.0 * h);
            assert!((numeric2 - l.curvature(w)).abs() < 1e-6);
        }
    }

    #[test]
    fn interval_extremes() {
        let l = Landscape::default();
        assert_eq!(l.min_on(0.0, 5.0), 1.0);
        assert_eq!(l.min_on(5.0, 4.0), 2.0);
        assert_eq!(l.max_on(0.0, 5.0), 10.0);
        assert_eq!(l.max_on(-1.0, 4.0), 17.0);
    }
}

#[cfg(test)]
mod presets;

pub mod formula;
mod minima;
use minima::samples;
