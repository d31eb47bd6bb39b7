//! Unit tests of the one place where data meets plotters: safe ranges,
//! clipped lines, an axis mapping that never overflows. The values at the
//! edges of `f64` here are shared with `every_chart`, which draws every
//! chart of every widget with them.

use super::*;

/// Values at the edges of what an `f64` can hold, and a few ordinary ones.
pub(super) const EXTREMES: [f64; 14] = [
    0.0,
    3.0,
    -0.0,
    1e308,
    -1e308,
    f64::MAX,
    -f64::MAX,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    1.66e308,
    1e-310,
    1.3e154,
    -1e6,
];

/// Ranges: non-finite, overflowing width, zero width, crossed, tiny, far away.
pub(super) const RANGES: [(f64, f64); 12] = [
    (f64::NAN, f64::NAN),
    (0.0, f64::NAN),
    (f64::NEG_INFINITY, f64::INFINITY),
    (-f64::MAX, f64::MAX),
    (-1e308, 1e308),
    (1e308, 1e308),
    (0.0, 0.0),
    (f64::MAX, f64::MAX),
    (5.0, -5.0),
    (0.0, 1e-300),
    (1e6, 1e6 + 1.0),
    (-1.0, 1.66e308 * 1.05),
];

#[test]
fn safe_ranges_are_finite_ordered_and_wide_enough() {
    for &(lo, hi) in RANGES.iter().chain(&[(3.0, 3.0), (-0.0, 0.0), (1e-320, 2e-320)]) {
        let (a, b) = safe_range(lo, hi);
        assert!(a.is_finite() && b.is_finite() && a < b, "{lo}..{hi} → {a}..{b}");
        assert!((b - a).is_finite(), "{lo}..{hi}: width overflows");
    }
    // An ordinary range is left alone.
    assert_eq!(safe_range(-0.45, 6.45), (-0.45, 6.45));
    // The far end is kept when the width overflows.
    assert_eq!(safe_range(-1.0, f64::INFINITY).1, f64::MAX);
}

#[test]
fn clipped_polylines_stay_in_view() {
    let view = View {
        x0: 0.0,
        x1: 10.0,
        y0: 0.0,
        y1: 10.0,
    };
    let runs = clip_polyline(
        &view,
        [
            (1.0, 1.0),
            (5.0, 5.0),
            (20.0, 5.0),
            (5.0, 5.0),
            (f64::NAN, 1.0),
            (2.0, 2.0),
            (3.0, 3.0),
        ],
    );
    assert_eq!(
        runs,
        vec![
            vec![(1.0, 1.0), (5.0, 5.0), (10.0, 5.0)],
            vec![(10.0, 5.0), (5.0, 5.0)],
            vec![(2.0, 2.0), (3.0, 3.0)],
        ]
    );
    // Segments across all of f64 are clipped without overflowing, into the view
    // (where exactly is beyond f64's precision at that length).
    for (a, b) in [
        ((-f64::MAX, -f64::MAX), (f64::MAX, f64::MAX)),
        ((-1e308, 5.0), (1e308, 5.0)),
        ((5.0, f64::MAX), (5.0, -f64::MAX)),
    ] {
        for run in clip_polyline(&view, [a, b]) {
            assert!(
                run.iter().all(|p| view.contains(p.0, p.1)),
                "{a:?}–{b:?} → {run:?}"
            );
        }
    }
    assert_eq!(
        clip_polyline(&view, [(-1e308, 5.0), (1e308, 5.0)]),
        vec![vec![(0.0, 5.0), (10.0, 5.0)]],
        "a horizontal line across the view survives"
    );
}

#[test]
fn the_axis_mapping_never_overflows() {
    let view = safe_view(View {
        x0: -1.0,
        x1: 1.0,
        y0: 0.0,
        y1: 1.0,
    });
    let axis = Axis {
        lo: view.x0,
        hi: view.x1,
    };
    for v in EXTREMES {
        for limit in [
            (0, 640),
            (640, 0),
            (i32::MAX - 10, i32::MAX),
            (i32::MIN, i32::MIN + 10),
            (5, 5),
        ] {
            let px = axis.map(&v, limit);
            let (lo, hi) = (limit.0.min(limit.1), limit.0.max(limit.1));
            assert!(
                i64::from(px) >= i64::from(lo) - i64::from(MARGIN_PX) - 1
                    && i64::from(px) <= i64::from(hi) + i64::from(MARGIN_PX) + 1,
                "{v} in {limit:?} → {px}"
            );
        }
    }
    // Inside the plot it is plotters' own mapping, pixel for pixel.
    let theirs = plotters::coord::types::RangedCoordf64::from(-1.0..1.0);
    for k in 0..=100 {
        let v = -1.0 + f64::from(k) * 0.02;
        assert_eq!(axis.map(&v, (40, 600)), theirs.map(&v, (40, 600)), "{v}");
        assert_eq!(axis.map(&v, (380, 10)), theirs.map(&v, (380, 10)), "{v}");
    }
}
