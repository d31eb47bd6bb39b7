//! The one place where data meets plotters. Every chart's axes are built here
//! ([`build`]), and every data point is mapped to a pixel here ([`Axis`]'s
//! `map`), because plotters trusts what it is given:
//!
//! - a range with a NaN end trips an assertion in its tick search;
//! - a range whose width is infinite (−1.7e308..1.7e308, or a 5 % pad on
//!   1.66e308) makes that search loop for ever;
//! - a point far outside the plot maps past `i32` and overflows in
//!   `Ranged::map` (a panic in a build with overflow checks).
//!
//! So a chart never sees a raw range: [`safe_range`] turns any two `f64`s into a
//! finite range of positive, representable width, and [`Axis`] clamps every
//! mapped coordinate to [`MARGIN_PX`] beyond the plot, so the mapping cannot
//! overflow. (plotters then pulls every point onto the plotting area itself:
//! a marker outside the view would be drawn on its edge, so the charts leave
//! such markers out.) Lines are clipped to the view in data space first
//! ([`clip_polyline`]), so a line that leaves the view leaves at the right
//! angle instead of being bent onto the edge.

use crate::view::{PixelMap, View};
use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::prelude::{DrawingAreaErrorKind, DrawingBackend};
use std::ops::Range;

/// How far beyond the plotting area a mapped coordinate may land, in device
/// pixels. Anything further is clamped here: off-plot is off-plot, and the
/// rasteriser's loops stay short.
pub const MARGIN_PX: i32 = 1 << 14;

/// Narrowest axis, relative to the magnitude of its ends: below this, ticks at
/// 10⁻¹⁶ of the value are not representable and every label would be the same.
const MIN_RELATIVE_WIDTH: f64 = 1e-9;
/// Narrowest axis in absolute terms (a range at 0..0).
const MIN_WIDTH: f64 = 1e-12;

/// A chart over two `f64` axes, as every Downhill chart is.
pub(crate) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// An `f64` axis whose range is always safe ([`safe_range`]) and whose mapping
/// never overflows. It can only be made by [`build`]. A label nobody formatted
/// is printed by [`crate::format::tick`]: with plotters' own `f64` axis, its
/// default formatter (and the float printer behind it, ~10 KB of wasm) would
/// ship all the same.
pub(crate) struct Axis {
    lo: f64,
    hi: f64,
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    /// Maps `value` into `limit` as plotters' `f64` axis does (the same pixel
    /// for every value inside the plot), but NaN goes off-plot and anything
    /// beyond [`MARGIN_PX`] outside the plot is clamped there.
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let length = f64::from(limit.1) - f64::from(limit.0);
        let fraction = (*value - self.lo) / (self.hi - self.lo);
        let offset = length * fraction;
        // Plotters rounds 1e-3 of a pixel towards the far end.
        let offset = if length >= 0.0 {
            (offset + 1e-3).floor()
        } else {
            (offset - 1e-3).ceil()
        };
        // At most MARGIN_PX before the start or beyond the end of the plot.
        let margin = f64::from(MARGIN_PX);
        let (least, most) = (length.min(0.0) - margin, length.max(0.0) + margin);
        let offset = if offset.is_nan() {
            least
        } else {
            offset.max(least).min(most)
        };
        // |offset| ≤ |length| + MARGIN_PX: exact as i32; the sum saturates at worst.
        limit.0.saturating_add(offset as i32)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        plotters::coord::types::RangedCoordf64::from(self.lo..self.hi).key_points(hint)
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        crate::format::tick(*value)
    }
}

/// A range plotters can draw, as close to `lo..hi` as possible:
///
/// - NaN ends are replaced (both NaN: `0..1`; one: the other end ± 1);
/// - ±∞ and anything beyond ±`f64::MAX` become ±`f64::MAX`;
/// - crossed ends are swapped;
/// - a width that overflows is cut to `f64::MAX`, keeping the end farther from 0;
/// - a width below 10⁻⁹ of the ends' magnitude (or below 10⁻¹², zero included)
///   grows to that, around the middle.
///
/// The result has finite ends, `lo < hi`, and a finite width.
pub fn safe_range(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = match (lo.is_nan(), hi.is_nan()) {
        (true, true) => (0.0, 1.0),
        (true, false) => (hi - 1.0, hi),
        (false, true) => (lo, lo + 1.0),
        (false, false) => (lo, hi),
    };
    let (lo, hi) = (finite(lo), finite(hi));
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !(hi - lo).is_finite() {
        // Opposite signs near ±MAX: keep the end farther from zero.
        if hi.abs() >= lo.abs() {
            lo = hi - f64::MAX;
        } else {
            hi = lo + f64::MAX;
        }
    }
    let magnitude = lo.abs().max(hi.abs());
    let min_width = (magnitude * MIN_RELATIVE_WIDTH).max(MIN_WIDTH);
    if hi - lo < min_width {
        let mid = lo / 2.0 + hi / 2.0;
        lo = mid - min_width / 2.0;
        hi = mid + min_width / 2.0;
        // At ±MAX the grown range may not fit: slide it back inside.
        if !hi.is_finite() {
            hi = f64::MAX;
            lo = hi - min_width;
        } else if !lo.is_finite() {
            lo = -f64::MAX;
            hi = lo + min_width;
        }
    }
    (lo, hi)
}

/// The view made safe: both axes through [`safe_range`].
pub fn safe_view(view: View) -> View {
    let (x0, x1) = safe_range(view.x0, view.x1);
    let (y0, y1) = safe_range(view.y0, view.y1);
    View { x0, x1, y0, y1 }
}

/// Builds the chart over `view` made safe, and returns it with the view it
/// really shows (draw and clip against that one, not the one asked for).
pub(crate) fn build<'a, DB: DrawingBackend>(
    builder: &mut ChartBuilder<'a, '_, DB>,
    view: View,
) -> Result<(Chart<'a, DB>, View), DrawingAreaErrorKind<DB::ErrorType>> {
    let view = safe_view(view);
    let chart = builder.build_cartesian_2d(
        Axis {
            lo: view.x0,
            hi: view.x1,
        },
        Axis {
            lo: view.y0,
            hi: view.y1,
        },
    )?;
    Ok((chart, view))
}

/// The plotting area's pixel box and the data it shows, for mapping a pointer
/// on the canvas back to data.
pub(crate) fn pixel_map<DB: DrawingBackend>(chart: &Chart<'_, DB>, view: View) -> PixelMap {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    PixelMap {
        px: (f64::from(xs.start), f64::from(xs.end)),
        py: (f64::from(ys.start), f64::from(ys.end)),
        view,
    }
}

/// The parts of the polyline through `points` that lie inside `view`, each a
/// run of points to draw as one line. A non-finite point breaks the line.
pub fn clip_polyline(view: &View, points: impl IntoIterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    let mut prev: Option<(f64, f64)> = None;
    for p in points {
        if !(p.0.is_finite() && p.1.is_finite()) {
            prev = None;
            open = false;
            continue;
        }
        let Some(a) = prev.replace(p) else {
            // A lone point inside the view is a run of its own until a segment extends it.
            if view.contains(p.0, p.1) {
                runs.push(vec![p]);
                open = true;
            }
            continue;
        };
        match view.clip(a, p) {
            Some((from, to)) => {
                let continues = open && from == a;
                match runs.last_mut() {
                    Some(run) if continues => run.push(to),
                    _ => runs.push(vec![from, to]),
                }
                open = to == p;
            }
            None => open = false,
        }
    }
    // A run that is a single point draws nothing as a line.
    runs.retain(|run| run.len() > 1);
    runs
}

fn finite(x: f64) -> f64 {
    x.clamp(-f64::MAX, f64::MAX)
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod every_chart;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
