//! One-dimensional loss landscapes: the hill the ball rolls down.
//!
//! A landscape gives the loss `L(w)`, its slope `L′(w)` and its curvature `L″(w)`.
//! New landscapes are new enum variants; everything downstream (runs, views,
//! renderers) only talks to these three methods.

use serde::Serialize;

/// A loss curve over one parameter `w`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Landscape {
    /// The post's valley `L(w) = (w − center)² + floor` (chapter 2, 实验二).
    Quadratic {
        /// Where the minimum is (`w = 3` in the post).
        center: f64,
        /// The loss at the minimum (`L = 1` in the post).
        floor: f64,
    },
}

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
    /// The loss `L(w)`.
    pub fn loss(&self, w: f64) -> f64 {
        match *self {
            // L(w) = (w − c)² + f
            Landscape::Quadratic { center, floor } => (w - center).powi(2) + floor,
        }
    }

    /// The gradient `L′(w)`: which way is uphill, and how steeply.
    pub fn grad(&self, w: f64) -> f64 {
        match *self {
            // L′(w) = 2(w − c)
            Landscape::Quadratic { center, .. } => 2.0 * (w - center),
        }
    }

    /// The curvature `L″(w)`: it decides which learning rates are stable.
    pub fn curvature(&self, _w: f64) -> f64 {
        match *self {
            // L″(w) = 2 everywhere.
            Landscape::Quadratic { .. } => 2.0,
        }
    }

    /// The global minimum `(w*, L(w*))`, when the landscape has one.
    pub fn minimum(&self) -> Option<(f64, f64)> {
        match *self {
            Landscape::Quadratic { center, floor } => Some((center, floor)),
        }
    }

    /// The smallest loss on the closed interval `[a, b]` (either order).
    pub fn min_on(&self, a: f64, b: f64) -> f64 {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        match self.minimum() {
            Some((w_star, l_star)) if lo <= w_star && w_star <= hi => l_star,
            // A convex curve is smallest at the nearer end of the interval.
            _ => self.loss(lo).min(self.loss(hi)),
        }
    }

    /// The largest loss on the closed interval `[a, b]` (either order).
    pub fn max_on(&self, a: f64, b: f64) -> f64 {
        // Convex: the maximum sits at an end.
        self.loss(a).max(self.loss(b))
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
