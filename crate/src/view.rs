//! What part of the landscape the plot shows, and geometry inside it.

use crate::landscape::Landscape;
use serde::Serialize;

/// Smallest half-width of the view around the minimum, in units of `w`.
const MIN_HALF_WIDTH: f64 = 3.0;
/// Room left beyond the farthest iterate, as a fraction of its distance.
const X_PAD: f64 = 0.15;
/// Room left above the highest visible loss, as a fraction of the loss span.
const Y_PAD: f64 = 0.08;

/// A rectangle in data space: `w` from `x0` to `x1`, loss from `y0` to `y1`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct View {
    /// Left edge (smallest `w`).
    pub x0: f64,
    /// Right edge (largest `w`).
    pub x1: f64,
    /// Bottom edge (smallest loss).
    pub y0: f64,
    /// Top edge (largest loss).
    pub y1: f64,
}

impl View {
    /// The view that shows every point in `ws` and the landscape's minimum,
    /// centred on the minimum so the valley stays symmetric, with the whole curve
    /// over that range visible. All edges are finite for any finite `ws`.
    ///
    /// A landscape with a span (the presets beyond the bowl) is shown over
    /// its whole span, every minimum a ball can reach in it, and any
    /// iterate beyond it, without centring.
    pub fn fit(landscape: &Landscape, ws: impl IntoIterator<Item = f64>) -> View {
        if let Some((a, b)) = landscape.span() {
            let (mut lo, mut hi) = (a, b);
            for w in ws.into_iter().filter(|w| w.is_finite()) {
                lo = lo.min(w);
                hi = hi.max(w);
            }
            // Beyond the span, room as around the bowl's farthest iterate.
            let pad = |beyond: f64| if beyond > 0.0 { (beyond * X_PAD).min(f64::MAX / 4.0) } else { 0.0 };
            let x0 = (lo - pad(a - lo)).max(-f64::MAX / 2.0);
            let x1 = (hi + pad(hi - b)).min(f64::MAX / 2.0);
            return Self::over(landscape, x0, x1);
        }
        let (center, _) = landscape.minimum().unwrap_or((0.0, 0.0));
        let reach = ws
            .into_iter()
            .filter(|w| w.is_finite())
            .map(|w| (w - center).abs())
            .fold(0.0, f64::max);
        let padded = (reach * (1.0 + X_PAD)).clamp(MIN_HALF_WIDTH, f64::MAX / 4.0);
        // Near the edge of the finite numbers the padding itself can overflow the
        // loss; then the view ends exactly at the farthest iterate, whose loss is finite.
        let half = if landscape.max_on(center - padded, center + padded).is_finite() {
            padded
        } else {
            reach.max(MIN_HALF_WIDTH)
        };
        Self::over(landscape, center - half, center + half)
    }

    /// The view over `w` from `x0` to `x1` showing the whole curve there.
    fn over(landscape: &Landscape, x0: f64, x1: f64) -> View {
        let lo = finite_or(landscape.min_on(x0, x1), 0.0);
        let hi = finite_or(landscape.max_on(x0, x1), f64::MAX / 2.0);
        let span = hi - lo;
        let y1 = (hi + span * Y_PAD).min(f64::MAX);
        // Show the loss axis from 0 when the floor is close to it, as the post's plots do.
        let y0 = if lo >= 0.0 && lo < 0.25 * hi {
            0.0
        } else {
            lo - span * Y_PAD
        };
        View { x0, x1, y0, y1 }
    }

    /// The view a fraction `t` (0..=1) of the way from `self` to `to`.
    pub fn lerp(&self, to: &View, t: f64) -> View {
        View {
            x0: lerp(self.x0, to.x0, t),
            x1: lerp(self.x1, to.x1, t),
            y0: lerp(self.y0, to.y0, t),
            y1: lerp(self.y1, to.y1, t),
        }
    }

    /// The smallest view containing both.
    pub fn union(&self, other: &View) -> View {
        View {
            x0: self.x0.min(other.x0),
            x1: self.x1.max(other.x1),
            y0: self.y0.min(other.y0),
            y1: self.y1.max(other.y1),
        }
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.x0 <= x && x <= self.x1 && self.y0 <= y && y <= self.y1
    }

    /// The part of the segment `a`–`b` inside the view (Liang–Barsky), or `None`.
    /// Any finite points and view work: when a difference overflows (from
    /// −1e308 to 1e308), the clip is done at half scale, where none can.
    /// Non-finite points give `None`.
    pub fn clip(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        if ![a.0, a.1, b.0, b.1, self.x0, self.x1, self.y0, self.y1]
            .iter()
            .all(|v| v.is_finite())
        {
            return None;
        }
        if !((b.0 - a.0).is_finite()
            && (b.1 - a.1).is_finite()
            && self.x1 - self.x0 < f64::INFINITY
            && self.y1 - self.y0 < f64::INFINITY)
        {
            let half = |p: (f64, f64)| (p.0 / 2.0, p.1 / 2.0);
            let view = View {
                x0: self.x0 / 2.0,
                x1: self.x1 / 2.0,
                y0: self.y0 / 2.0,
                y1: self.y1 / 2.0,
            };
            let double = |p: (f64, f64)| (p.0 * 2.0, p.1 * 2.0);
            return view.clip(half(a), half(b)).map(|(p, q)| (double(p), double(q)));
        }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        // Liang–Barsky: the segment is a + t·(b − a), 0 ≤ t ≤ 1; each edge
        // raises the entering t or lowers the leaving one. The edge that set
        // each is kept, so the end point can be put exactly on it.
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let (mut enter, mut leave) = (Edge::None, Edge::None);
        let edges = [
            (-dx, a.0 - self.x0, Edge::X(self.x0)),
            (dx, self.x1 - a.0, Edge::X(self.x1)),
            (-dy, a.1 - self.y0, Edge::Y(self.y0)),
            (dy, self.y1 - a.1, Edge::Y(self.y1)),
        ];
        for (p, q, edge) in edges {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 && r > t0 {
                    (t0, enter) = (r, edge);
                } else if p > 0.0 && r < t1 {
                    (t1, leave) = (r, edge);
                }
            }
        }
        if t0 > t1 || !(t0.is_finite() && t1.is_finite()) {
            return None;
        }
        // On an edge, the other coordinate from the fraction along that axis:
        // exact for horizontal and vertical segments however long they are.
        let at = |edge: Edge, end: (f64, f64)| -> (f64, f64) {
            let (x, y) = match edge {
                Edge::None => end,
                Edge::X(x) => (x, a.1 + (x - a.0) / dx * dy),
                Edge::Y(y) => (a.0 + (y - a.1) / dy * dx, y),
            };
            // Rounding may land a hair outside: keep it in.
            (x.max(self.x0).min(self.x1), y.max(self.y0).min(self.y1))
        };
        Some((at(enter, a), at(leave, b)))
    }
}

/// The view edge a clipped segment was cut at.
#[derive(Clone, Copy)]
enum Edge {
    /// Not cut: the segment's own end.
    None,
    /// The vertical edge at this `w`.
    X(f64),
    /// The horizontal edge at this loss.
    Y(f64),
}

/// How a drawn chart maps data to device pixels and back: the plotting area's
/// pixel box and the data rectangle it shows. Returned by the renderer, so a click
/// on the canvas can be turned into a `w` (the plotters wasm demo's `coord`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PixelMap {
    /// Left and right pixel of the plotting area.
    pub px: (f64, f64),
    /// Top and bottom pixel of the plotting area.
    pub py: (f64, f64),
    /// The data shown in it.
    pub view: View,
}

impl PixelMap {
    /// The data point under device pixel `(x, y)` (y grows downwards).
    pub fn to_data(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.px.0) / (self.px.1 - self.px.0);
        let fy = (self.py.1 - y) / (self.py.1 - self.py.0);
        (
            self.view.x0 + fx * (self.view.x1 - self.view.x0),
            self.view.y0 + fy * (self.view.y1 - self.view.y0),
        )
    }

    /// The device pixel of data point `(w, loss)`.
    pub fn to_pixel(&self, w: f64, loss: f64) -> (f64, f64) {
        let fx = (w - self.view.x0) / (self.view.x1 - self.view.x0);
        let fy = (loss - self.view.y0) / (self.view.y1 - self.view.y0);
        (
            self.px.0 + fx * (self.px.1 - self.px.0),
            self.py.1 - fy * (self.py.1 - self.py.0),
        )
    }
}

/// `a + (b − a)·t`, exact at both ends; a `t` that is not a number counts
/// as 1 (arrived). Finite for finite ends, even when `b − a` overflows.
pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    if t >= 1.0 || t.is_nan() {
        return b;
    }
    let d = b - a;
    if d.is_finite() {
        a + d * t
    } else {
        a * (1.0 - t) + b * t
    }
}

fn finite_or(x: f64, fallback: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_view_is_symmetric_and_shows_the_start() {
        let v = View::fit(&Landscape::default(), [0.0]);
        assert!((v.x0 - (3.0 - 3.45)).abs() < 1e-12 && (v.x1 - 6.45).abs() < 1e-12);
        assert_eq!(v.y0, 0.0);
        assert!(v.y1 > Landscape::default().loss(v.x0));
        assert!(v.contains(0.0, 10.0) && v.contains(3.0, 1.0));
    }

    #[test]
    fn view_follows_a_diverging_run() {
        let v = View::fit(&Landscape::default(), [0.0, 9.0, -9.0, 27.0, -3145725.0]);
        assert!(v.x0 < -3145725.0 && v.x1 > 3145725.0);
        assert!(v.contains(-3145725.0, 9895604649985.0));
    }

    #[test]
    fn view_is_finite_at_the_edge_of_overflow() {
        let l = Landscape::default();
        for w in [1.3e154, -1.0056e154, 1.2e154] {
            let v = View::fit(&l, [0.0, w, f64::NAN, f64::INFINITY]);
            for e in [v.x0, v.x1, v.y0, v.y1] {
                assert!(e.is_finite(), "{v:?}");
            }
            assert!(
                v.contains(w, l.loss(w)),
                "the last finite iterate stays in view: {v:?}"
            );
        }
    }

    #[test]
    fn pixel_map_round_trip() {
        let map = PixelMap {
            px: (60.0, 460.0),
            py: (10.0, 310.0),
            view: View {
                x0: -1.0,
                x1: 7.0,
                y0: 0.0,
                y1: 15.0,
            },
        };
        assert_eq!(map.to_pixel(-1.0, 0.0), (60.0, 310.0));
        assert_eq!(map.to_pixel(7.0, 15.0), (460.0, 10.0));
        let (w, l) = map.to_data(260.0, 160.0);
        assert!((w - 3.0).abs() < 1e-12 && (l - 7.5).abs() < 1e-12);
    }

    #[test]
    fn clipping_segments() {
        let v = View {
            x0: 0.0,
            x1: 10.0,
            y0: 0.0,
            y1: 10.0,
        };
        assert_eq!(v.clip((1.0, 1.0), (2.0, 2.0)), Some(((1.0, 1.0), (2.0, 2.0))));
        assert_eq!(v.clip((-5.0, 5.0), (15.0, 5.0)), Some(((0.0, 5.0), (10.0, 5.0))));
        assert_eq!(v.clip((-5.0, 20.0), (-1.0, 30.0)), None);
        let ((_, _), (x, y)) = v.clip((5.0, 5.0), (5.0, 50.0)).expect("crosses");
        assert_eq!((x, y), (5.0, 10.0));
    }
}
