//! The ball's motion between two iterates, as the picture catches up with the run.
//!
//! A step that stays on one side of the minimum slides the ball along the curve;
//! a step that jumps across the valley throws it in an arc over the minimum, so
//! an overshoot is something the reader sees. The flight always starts where the
//! ball is drawn *now*, so fast clicks chain into one smooth motion.

use crate::landscape::Landscape;
use crate::view::lerp;

/// Duration of one flight at 1× speed, in milliseconds.
pub const FLIGHT_MS: f64 = 450.0;
/// A clock that goes back by more than this has jumped (not a frame's
/// timestamp slightly before a click's), in milliseconds.
pub const CLOCK_JUMP_MS: f64 = 1000.0;
/// Height of an arc above the higher end, as a fraction of the loss drop it spans.
const ARC_LIFT: f64 = 0.3;

/// A ball in motion from `(from_w, from_y)` to the iterate `to_w` on the curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    from_w: f64,
    from_y: f64,
    to_w: f64,
    start_ms: f64,
    duration_ms: f64,
}

impl Flight {
    /// A ball at rest on the curve at `w`.
    pub fn at_rest(landscape: &Landscape, w: f64) -> Flight {
        Flight {
            from_w: w,
            from_y: landscape.loss(w),
            to_w: w,
            start_ms: 0.0,
            duration_ms: 0.0,
        }
    }

    /// A flight from wherever this one has the ball at `now_ms` to `to_w`, lasting
    /// `duration_ms` (0 jumps at once, as reduced motion asks). The ball jumps
    /// instead of flying when the flight could not be drawn finite all the
    /// way: a time that is not finite, or a start or end whose loss is not
    /// (restarting a run that diverged past 10¹⁵⁴), or a distance that overflows.
    pub fn retarget(&self, landscape: &Landscape, to_w: f64, now_ms: f64, duration_ms: f64) -> Flight {
        let (from_w, from_y) = self.position(landscape, now_ms);
        let drawable = now_ms.is_finite()
            && from_y.is_finite()
            && landscape.loss(to_w).is_finite()
            && (to_w - from_w).is_finite();
        if !drawable {
            return Flight::at_rest(landscape, to_w);
        }
        Flight {
            from_w,
            from_y,
            to_w,
            start_ms: now_ms,
            duration_ms: if duration_ms.is_finite() {
                duration_ms.max(0.0)
            } else {
                0.0
            },
        }
    }

    /// Eased progress 0..=1 at `now_ms`.
    /// A time well before the flight began (a clock that jumped back by more
    /// than [`CLOCK_JUMP_MS`]) counts as arrived, so no flight waits for a
    /// time that will not come. (A frame's timestamp may precede a click's
    /// `performance.now()` by a few milliseconds: that is not a jump.)
    pub fn progress(&self, now_ms: f64) -> f64 {
        if self.duration_ms <= 0.0 || !now_ms.is_finite() || now_ms < self.start_ms - CLOCK_JUMP_MS {
            return 1.0;
        }
        ease_in_out(((now_ms - self.start_ms) / self.duration_ms).clamp(0.0, 1.0))
    }

    /// Whether the ball has arrived by `now_ms`.
    pub fn done(&self, now_ms: f64) -> bool {
        self.progress(now_ms) >= 1.0
    }

    /// Where the ball is drawn at `now_ms`: `(w, height)`. The height is never
    /// below the curve.
    pub fn position(&self, landscape: &Landscape, now_ms: f64) -> (f64, f64) {
        let e = self.progress(now_ms);
        if e >= 1.0 {
            return (self.to_w, landscape.loss(self.to_w));
        }
        let w = lerp(self.from_w, self.to_w, e);
        let to_y = landscape.loss(self.to_w);
        let lift = self.from_y - landscape.loss(self.from_w);
        let y = if self.crosses_minimum(landscape) {
            // Over the valley: the chord of a convex curve lies above it; a
            // parabolic bump on top makes the jump read as a throw.
            let bottom = landscape.min_on(self.from_w, self.to_w);
            let bump = ARC_LIFT * (self.from_y.max(to_y) - bottom);
            lerp(self.from_y, to_y, e) + bump * 4.0 * e * (1.0 - e)
        } else {
            // Along the slope: any height left over from an interrupted arc fades out.
            landscape.loss(w) + lift * (1.0 - e)
        };
        // Never below the curve; an arc over a valley 10³⁰⁸ deep stays finite.
        (w, y.max(landscape.loss(w)).min(f64::MAX))
    }

    /// The iterate the ball is flying to.
    pub fn target(&self) -> f64 {
        self.to_w
    }
}

impl Flight {
    /// Whether the flight passes over a minimum (a valley): then it arcs.
    fn crosses_minimum(&self, landscape: &Landscape) -> bool {
        landscape
            .local_minima()
            .iter()
            .any(|&(w_star, _)| (self.from_w - w_star) * (self.to_w - w_star) < 0.0)
    }
}

/// Cubic ease-in-out on 0..=1.
fn ease_in_out(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slides_along_the_curve_on_one_side() {
        let l = Landscape::default();
        let f = Flight::at_rest(&l, 0.0).retarget(&l, 0.6, 100.0, FLIGHT_MS);
        assert_eq!(f.position(&l, 100.0), (0.0, 10.0));
        let (w, y) = f.position(&l, 100.0 + FLIGHT_MS / 2.0);
        assert!((w - 0.3).abs() < 1e-12);
        assert!((y - l.loss(w)).abs() < 1e-12, "on the curve");
        assert_eq!(f.position(&l, 100.0 + FLIGHT_MS), (0.6, l.loss(0.6)));
        assert!(f.done(100.0 + FLIGHT_MS));
    }

    #[test]
    fn arcs_over_the_valley_when_overshooting() {
        let l = Landscape::default();
        // η = 1 bounces 0 ↔ 6, both at L = 10.
        let f = Flight::at_rest(&l, 0.0).retarget(&l, 6.0, 0.0, FLIGHT_MS);
        let (w, y) = f.position(&l, FLIGHT_MS / 2.0);
        assert!((w - 3.0).abs() < 1e-12);
        assert!(y > 10.0, "apex {y} rises above both ends");
    }

    #[test]
    fn zero_duration_jumps() {
        let l = Landscape::default();
        let f = Flight::at_rest(&l, 0.0).retarget(&l, 2.0, 50.0, 0.0);
        assert_eq!(f.position(&l, 50.0), (2.0, 2.0));
    }

    #[test]
    fn interrupted_flight_continues_from_the_drawn_ball() {
        let l = Landscape::default();
        let f = Flight::at_rest(&l, 0.0).retarget(&l, 6.0, 0.0, FLIGHT_MS);
        let mid = f.position(&l, FLIGHT_MS / 2.0);
        let g = f.retarget(&l, 1.0, FLIGHT_MS / 2.0, FLIGHT_MS);
        assert_eq!(g.position(&l, FLIGHT_MS / 2.0), mid, "no jump");
        assert_eq!(g.target(), 1.0);
    }

    proptest! {
        #[test]
        fn never_below_the_curve(a in -50.0..50.0f64, b in -50.0..50.0f64, c in -50.0..50.0f64, s in 0.0..1.0f64, u in 0.0..1.0f64) {
            let l = Landscape::default();
            let f = Flight::at_rest(&l, a).retarget(&l, b, 0.0, 100.0);
            let g = f.retarget(&l, c, s * 100.0, 100.0);
            let (w, y) = g.position(&l, s * 100.0 + u * 100.0);
            prop_assert!(y >= l.loss(w));
            prop_assert!(y.is_finite());
        }
    }
}
