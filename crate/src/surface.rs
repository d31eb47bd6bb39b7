//! Two-parameter loss surfaces L(w1, w2) for the optimizers widget's map:
//! where "a step size per parameter" visibly matters.
//!
//! Each surface gives L, its exact gradient ∇L (written out by hand and
//! checked against central differences in the tests), its minima, a start
//! and the stretch of (w1, w2) a map shows. w1, w2 and L have no units.

use crate::landscape::formula::Formula;
use std::sync::Arc;

/// A surface over (w1, w2). Every preset is defined for all real w1, w2; a
/// typed one may not be ([`Surface::defined`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Surface {
    /// `ravine`: the post's bowl with a different curvature per parameter,
    /// L = (w1 − 3)² + 10(w2 − 1)² + 1: L″ is 2 along w1 and 20 along w2,
    /// so plain gradient descent is stable only for η < 2/20 = 0.1 and
    /// zig-zags across w2 long before. Minimum (3, 1), L = 1.
    Ravine,
    /// `rosenbrock`: L = (a − w1)² + b(w2 − w1²)² with a = 1, b = 100, a
    /// curved valley with its minimum (1, 1), L = 0, at the far end.
    Rosenbrock,
    /// `himmelblau`: L = (w1² + w2 − 11)² + (w1 + w2² − 7)², four minima of
    /// L = 0: (3, 2), (−2.805118, 3.131312), (−3.779310, −3.283186),
    /// (3.584428, −1.848126).
    Himmelblau,
    /// `saddle`: L = w1² + w2⁴/4 − w2²/2, a saddle at (0, 0) between two
    /// minima (0, ±1), L = −1/4: a ball started on the ridge must break away
    /// from it.
    Saddle,
    /// A typed L(w1, w2) (`formula-map`), parsed by [`Formula::parse_map`].
    Typed(Arc<Formula>),
}

/// Every surface, the default first, as `?landscape=` names them.
pub const SURFACES: [Surface; 4] = [Surface::Ravine, Surface::Rosenbrock, Surface::Himmelblau, Surface::Saddle];

impl Surface {
    /// The typed surface `L(w1, w2) = text`.
    ///
    /// # Errors
    /// The formula's error (with its column) when it does not parse.
    pub fn typed(text: &str) -> Result<Surface, crate::landscape::formula::FormulaError> {
        Ok(Surface::Typed(Arc::new(Formula::parse_map(text)?)))
    }

    /// The name links use (`formula-map` for a typed one).
    pub fn name(&self) -> &'static str {
        match self {
            Surface::Ravine => "ravine",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Himmelblau => "himmelblau",
            Surface::Saddle => "saddle",
            Surface::Typed(_) => "formula-map",
        }
    }

    /// The preset surface called `name`.
    pub fn named(name: &str) -> Option<Surface> {
        SURFACES.into_iter().find(|s| s.name() == name)
    }

    /// A typed surface's text, as typed.
    pub fn typed_text(&self) -> Option<&str> {
        match self {
            Surface::Typed(f) => Some(f.text()),
            _ => None,
        }
    }

    /// The formula as the page prints it.
    pub fn formula(&self) -> String {
        match self {
            Surface::Ravine => "L = (w1 − 3)² + 10(w2 − 1)² + 1".to_owned(),
            Surface::Rosenbrock => "L = (1 − w1)² + 100(w2 − w1²)²".to_owned(),
            Surface::Himmelblau => "L = (w1² + w2 − 11)² + (w1 + w2² − 7)²".to_owned(),
            Surface::Saddle => "L = w1² + w2⁴/4 − w2²/2".to_owned(),
            Surface::Typed(f) => format!("L = {}", f.text()),
        }
    }

    /// Whether L is defined at `w` (always, but for a typed `ln`, `sqrt`, …).
    pub fn defined(&self, w: [f64; 2]) -> bool {
        match self {
            Surface::Typed(f) => f.defined_map(w),
            _ => true,
        }
    }

    /// L(w1, w2); NaN where a typed L is not defined.
    pub fn loss(&self, [x, y]: [f64; 2]) -> f64 {
        match self {
            Surface::Typed(f) => f.loss_map([x, y]),
            Surface::Ravine => (x - 3.0).powi(2) + 10.0 * (y - 1.0).powi(2) + 1.0,
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::Himmelblau => (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2),
            Surface::Saddle => x * x + y.powi(4) / 4.0 - y * y / 2.0,
        }
    }

    /// ∇L = (∂L/∂w1, ∂L/∂w2).
    pub fn grad(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        match self {
            Surface::Typed(f) => f.eval_map([x, y]).1,
            // (2(w1 − 3), 20(w2 − 1))
            Surface::Ravine => [2.0 * (x - 3.0), 20.0 * (y - 1.0)],
            // (−2(1 − w1) − 400·w1(w2 − w1²), 200(w2 − w1²))
            Surface::Rosenbrock => [-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)],
            // (4w1·p + 2q, 2p + 4w2·q) with p = w1² + w2 − 11, q = w1 + w2² − 7
            Surface::Himmelblau => {
                let (p, q) = (x * x + y - 11.0, x + y * y - 7.0);
                [4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q]
            }
            // (2w1, w2³ − w2)
            Surface::Saddle => [2.0 * x, y * y * y - y],
        }
    }

    /// The minima, `(w1, w2, L)`: in closed form where there is one,
    /// Himmelblau's three irrational ones by Newton's method from their
    /// published values.
    pub fn minima(&self) -> Vec<[f64; 3]> {
        match self {
            // Not known in general (the race finds them).
            Surface::Typed(_) => Vec::new(),
            Surface::Ravine => vec![[3.0, 1.0, 1.0]],
            Surface::Rosenbrock => vec![[1.0, 1.0, 0.0]],
            Surface::Saddle => vec![[0.0, -1.0, -0.25], [0.0, 1.0, -0.25]],
            Surface::Himmelblau => [[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]]
                .into_iter()
                .map(|start| {
                    let w = self.newton(start);
                    [w[0], w[1], self.loss(w)]
                })
                .collect(),
        }
    }

    /// Where the race starts by default: across the ravine's steep
    /// direction from its minimum, Rosenbrock's classic (−1.2, 1), near the
    /// middle of Himmelblau's four, just off the saddle's ridge.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            // The first point, walking out from (−1.5, 1.5) on a grid of the
            // span, where it is defined and finite (the span's centre if none is).
            Surface::Typed(_) => {
                let ((x0, x1), (y0, y1)) = self.span();
                let near = |w: [f64; 2]| (w[0] + 1.5).hypot(w[1] - 1.5);
                let grid = (0..=24).flat_map(|i| (0..=24).map(move |j| [x0 + (x1 - x0) * f64::from(i) / 24.0, y0 + (y1 - y0) * f64::from(j) / 24.0]));
                let ok = grid.filter(|&w| self.defined(w) && self.loss(w).is_finite() && self.grad(w).iter().all(|g| g.is_finite()));
                ok.min_by(|a, b| near(*a).total_cmp(&near(*b))).unwrap_or([0.0, 0.0])
            }
            Surface::Ravine => [0.0, 0.0],
            Surface::Rosenbrock => [-1.2, 1.0],
            Surface::Himmelblau => [-0.5, 0.5],
            Surface::Saddle => [-1.5, 0.01],
        }
    }

    /// The map's extent: `((w1 from, to), (w2 from, to))`.
    pub fn span(&self) -> ((f64, f64), (f64, f64)) {
        match self {
            Surface::Typed(_) => ((-3.0, 3.0), (-3.0, 3.0)),
            Surface::Ravine => ((-1.0, 5.0), (-1.0, 3.0)),
            Surface::Rosenbrock => ((-2.0, 2.0), (-1.0, 3.0)),
            Surface::Himmelblau => ((-5.0, 5.0), (-5.0, 5.0)),
            Surface::Saddle => ((-2.0, 2.0), (-2.0, 2.0)),
        }
    }

    /// A root of ∇L near `w` by Newton's method on the gradient (its
    /// Jacobian by central differences of the exact gradient, 40 steps).
    fn newton(&self, mut w: [f64; 2]) -> [f64; 2] {
        let h = 1e-6;
        for _ in 0..40 {
            let g = self.grad(w);
            let col = |i: usize| {
                let (mut a, mut b) = (w, w);
                a[i] += h;
                b[i] -= h;
                let (ga, gb) = (self.grad(a), self.grad(b));
                [(ga[0] - gb[0]) / (2.0 * h), (ga[1] - gb[1]) / (2.0 * h)]
            };
            let (c0, c1) = (col(0), col(1));
            let det = c0[0] * c1[1] - c1[0] * c0[1];
            if det == 0.0 || !det.is_finite() {
                break;
            }
            let dx = (g[0] * c1[1] - c1[0] * g[1]) / det;
            let dy = (c0[0] * g[1] - g[0] * c0[1]) / det;
            w = [w[0] - dx, w[1] - dy];
        }
        w
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn gradients_match_central_differences() {
        let h = 1e-6;
        for s in SURFACES {
            let ((x0, x1), (y0, y1)) = s.span();
            for i in 0..=20 {
                for j in 0..=20 {
                    let w = [x0 + (x1 - x0) * f64::from(i) / 20.0, y0 + (y1 - y0) * f64::from(j) / 20.0];
                    let g = s.grad(w);
                    let d0 = (s.loss([w[0] + h, w[1]]) - s.loss([w[0] - h, w[1]])) / (2.0 * h);
                    let d1 = (s.loss([w[0], w[1] + h]) - s.loss([w[0], w[1] - h])) / (2.0 * h);
                    let scale = 1.0 + s.loss(w).abs();
                    assert!((d0 - g[0]).abs() < 1e-5 * scale && (d1 - g[1]).abs() < 1e-5 * scale, "{s:?} at {w:?}");
                }
            }
        }
    }

    #[test]
    fn minima_are_minima() {
        for s in SURFACES {
            for [x, y, l] in s.minima() {
                let g = s.grad([x, y]);
                assert!(g[0].abs() < 1e-9 && g[1].abs() < 1e-9, "{s:?} ∇L at ({x}, {y}) = {g:?}");
                assert_eq!(s.loss([x, y]), l);
                for d in [[1e-3, 0.0], [0.0, 1e-3], [-1e-3, 1e-3]] {
                    assert!(s.loss([x + d[0], y + d[1]]) > l, "{s:?}: a minimum at ({x}, {y})");
                }
            }
        }
        // Himmelblau's four zeros, to the published six decimals.
        let h = Surface::Himmelblau.minima();
        for (m, want) in h.iter().zip([[3.0, 2.0], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]]) {
            assert!((m[0] - want[0]).abs() < 1e-6 && (m[1] - want[1]).abs() < 1e-6 && m[2].abs() < 1e-20, "{m:?}");
        }
        // Hand values: the ravine at its start, Rosenbrock at (−1.2, 1).
        assert_eq!(Surface::Ravine.loss([0.0, 0.0]), 20.0);
        assert_eq!(Surface::Ravine.grad([0.0, 0.0]), [-6.0, -20.0]);
        assert!((Surface::Rosenbrock.loss([-1.2, 1.0]) - 24.2).abs() < 1e-12);
    }

    #[test]
    fn names_round_trip() {
        for s in SURFACES {
            assert_eq!(Surface::named(s.name()), Some(s));
        }
    }
}
