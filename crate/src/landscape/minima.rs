//! Where a landscape is lowest: its local minima (found once and kept), the
//! one a ball is heading to, and the extremes over an interval that a view
//! is fitted to.

use super::{Landscape, TYPED_SEARCH};
use std::sync::OnceLock;

/// Samples a search for minima takes across an interval.
const SEARCH_SAMPLES: usize = 256;

impl Landscape {
    /// The global minimum `(w*, L(w*))`, when the landscape has one: the
    /// quadratic's in closed form, a preset's the lowest of its
    /// [`local_minima`](Landscape::local_minima) in its span.
    pub fn minimum(&self) -> Option<(f64, f64)> {
        match *self {
            Landscape::Quadratic { center, floor } => Some((center, floor)),
            _ => self
                .local_minima()
                .into_iter()
                .min_by(|a, b| a.1.total_cmp(&b.1)),
        }
    }

    /// Every local minimum `(w, L(w))` in the preset's span, left to right
    /// (the quadratic's one minimum for a quadratic): the roots of `L′` where
    /// it turns from negative to positive, found on 256 samples and bisected
    /// to the last bit.
    ///
    /// A preset's are searched once and kept (a view, a flight and a verdict
    /// ask for them every step or frame).
    pub fn local_minima(&self) -> Vec<(f64, f64)> {
        static KEPT: [OnceLock<Vec<(f64, f64)>>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = match *self {
            Landscape::Quadratic { center, floor } => return vec![(center, floor)],
            Landscape::DoubleWell => 0,
            Landscape::Bumpy => 1,
            Landscape::PostGif => 2,
            Landscape::Cliff => 3,
            Landscape::Typed(ref t) => return t.minima.get_or_init(|| self.minima_between(TYPED_SEARCH.0, TYPED_SEARCH.1)).clone(),
        };
        KEPT[slot]
            .get_or_init(|| self.span().map_or_else(Vec::new, |(a, b)| self.minima_between(a, b)))
            .clone()
    }

    /// The local minimum a run settling near `w` is in: the nearest one
    /// (the global one if none is known).
    pub fn minimum_near(&self, w: f64) -> Option<(f64, f64)> {
        self.local_minima()
            .into_iter()
            .min_by(|a, b| (a.0 - w).abs().total_cmp(&(b.0 - w).abs()))
            .or_else(|| self.minimum())
    }

    /// The local minimum a ball at `w` rolls to: the nearest one downhill
    /// (left where `L′(w) > 0`, right where `L′(w) < 0`, the nearest where
    /// `L′(w) = 0`). `None` when none is known that way (`w³ − 3w` left of
    /// its hump rolls off to −∞).
    pub fn minimum_ahead(&self, w: f64) -> Option<(f64, f64)> {
        let g = self.grad(w);
        self.local_minima()
            .into_iter()
            .filter(|m| if g > 0.0 { m.0 <= w } else if g < 0.0 { m.0 >= w } else { !g.is_nan() })
            .min_by(|a, b| (a.0 - w).abs().total_cmp(&(b.0 - w).abs()))
    }

    /// The smallest loss on the closed interval `[a, b]` (either order).
    /// Exact for the quadratic; for the presets the least of the ends, the
    /// span's minima inside and those a search finds in the parts beyond the
    /// span (non-finite losses are passed over).
    pub fn min_on(&self, a: f64, b: f64) -> f64 {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if let Landscape::Quadratic { .. } = self {
            return match self.minimum() {
                Some((w_star, l_star)) if lo <= w_star && w_star <= hi => l_star,
                // A convex curve is smallest at the nearer end of the interval.
                _ => self.loss(lo).min(self.loss(hi)),
            };
        }
        // The span's minima inside the interval are known; only what lies
        // beyond the span is searched.
        let (a, b) = self.span().unwrap_or((hi, lo));
        let known = self.local_minima().into_iter().filter(|&(w, _)| lo <= w && w <= hi);
        let left = if lo < a { self.minima_between(lo, hi.min(a)) } else { Vec::new() };
        let right = if hi > b { self.minima_between(lo.max(b), hi) } else { Vec::new() };
        known
            .chain(left)
            .chain(right)
            .map(|(_, l)| l)
            .chain([self.loss(lo), self.loss(hi)])
            .filter(|l| l.is_finite())
            .fold(f64::INFINITY, f64::min)
    }

    /// The largest loss on the closed interval `[a, b]` (either order):
    /// exact for the quadratic (an end); for the presets the largest of the
    /// ends and 256 samples (infinite where the loss overflows).
    pub fn max_on(&self, a: f64, b: f64) -> f64 {
        if let Landscape::Quadratic { .. } = self {
            // Convex: the maximum sits at an end.
            return self.loss(a).max(self.loss(b));
        }
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        // A typed formula's poles (1/w at 0) are passed over: the view shows
        // the curve around them, not up to infinity.
        let typed = matches!(self, Landscape::Typed(_));
        samples(lo, hi)
            .map(|w| self.loss(w))
            .fold(f64::NEG_INFINITY, |m, l| if l.is_nan() || (typed && l.is_infinite()) { m } else { m.max(l) })
    }

    /// Local minima strictly between `lo` and `hi`.
    fn minima_between(&self, lo: f64, hi: f64) -> Vec<(f64, f64)> {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut prev: Option<(f64, f64)> = None;
        for w in samples(lo, hi) {
            let g = self.grad(w);
            if let Some((pw, pg)) = prev {
                if pg < 0.0 && g >= 0.0 {
                    let root = bisect(|x| self.grad(x), pw, w);
                    let l = self.loss(root);
                    if l.is_finite() {
                        found.push((root, l));
                    }
                }
            }
            if g.is_finite() {
                prev = Some((w, g));
            }
        }
        found
    }
}

/// [`SEARCH_SAMPLES`] + 1 evenly spaced points from `lo` to `hi` (both finite).
pub(super) fn samples(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    // Half steps: the width of a huge interval can overflow, its halves cannot.
    let step = hi / SEARCH_SAMPLES as f64 - lo / SEARCH_SAMPLES as f64;
    (0..=SEARCH_SAMPLES).map(move |i| if i == SEARCH_SAMPLES { hi } else { lo + step * i as f64 })
}

/// The point in `[a, b]` where `f` turns from negative to non-negative,
/// halving the bracket until it is as narrow as f64 allows.
fn bisect(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    for _ in 0..200 {
        let m = a + (b - a) / 2.0;
        if m <= a || m >= b {
            break;
        }
        if f(m) < 0.0 {
            a = m;
        } else {
            b = m;
        }
    }
    b
}
