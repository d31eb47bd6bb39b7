//! Every chart of every widget, drawn with ranges and points at the edges of
//! `f64` (±1e308, ±f64::MAX, NaN, ±∞, zero width, a view far from the data),
//! each under a time limit: a hang fails the test instead of stalling the
//! suite. `cargo test` builds with overflow checks, so an `i32` overflow in a
//! mapping panics here, and a panic fails the test.

use super::*;
use crate::descent::{Health, Iterate};
use crate::landscape::Landscape;
use crate::render::probe::{Probe, Seen};
use crate::render::{descent, graph, loss, loss_chart, microgpt, Style, DARK, LIGHT, RUN_COLOURS};
use crate::widgets::backprop::BackpropModel;
use crate::widgets::descent::Scene;
use crate::widgets::loss::LossModel;
use crate::widgets::microgpt::Comparison;
use plotters::prelude::IntoDrawingArea as _;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

/// Longest one drawing may take (a normal one takes milliseconds, even unoptimised).
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Values at the edges of what an `f64` can hold, and a few ordinary ones.
const EXTREMES: [f64; 14] = [
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
const RANGES: [(f64, f64); 12] = [
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

/// Draws `paint` on a `size` bitmap in another thread and waits at most
/// [`TIME_LIMIT`]. Fails on a hang, a panic, a drawing error or a coordinate
/// out of bounds.
fn draws_in_time(
    what: String,
    size: (u32, u32),
    paint: impl FnOnce(Probe<'_>) -> Result<(), String> + Send + 'static,
) {
    let (tx, rx) = mpsc::channel();
    let label = what;
    std::thread::spawn(move || {
        let mut buf = vec![0u8; (size.0 * size.1 * 3) as usize];
        let seen = Rc::new(RefCell::new(Seen::default()));
        let result = paint(Probe::new(&mut buf, size, Rc::clone(&seen)));
        let out = seen.borrow().out_of_bounds.clone();
        // The receiver may have given up; nothing to do then.
        let _ = tx.send(result.map(|()| out));
    });
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(out)) => assert!(
            out.is_empty(),
            "{label}: out of bounds: {:?}",
            &out[..out.len().min(5)]
        ),
        Ok(Err(e)) => panic!("{label}: drawing failed: {e}"),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{label}: still drawing after {TIME_LIMIT:?} (a hang)")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{label}: panicked while drawing"),
    }
}

fn style(k: usize) -> Style {
    Style {
        palette: if k.is_multiple_of(2) { LIGHT } else { DARK },
        scale: if k.is_multiple_of(3) { 2.0 } else { 1.0 },
        ..Style::default()
    }
}

fn iterate(w: f64, loss: f64) -> Iterate {
    Iterate {
        w,
        loss,
        update: None,
    }
}

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

#[test]
fn the_descent_chart_draws_any_view_and_any_point() {
    let mut k = 0;
    for &(x0, x1) in &RANGES {
        for &(y0, y1) in &RANGES {
            k += 1;
            let ball = (EXTREMES[k % EXTREMES.len()], EXTREMES[(k / 3) % EXTREMES.len()]);
            let at_rest = k % 2 == 0;
            let label = format!("descent: view {x0:e}..{x1:e} × {y0:e}..{y1:e}, ball {ball:?}");
            draws_in_time(label, (320, 200), move |probe| {
                let trail: Vec<Iterate> = EXTREMES
                    .iter()
                    .zip(EXTREMES.iter().rev())
                    .map(|(&w, &l)| iterate(w, l))
                    .collect();
                let landscape = Landscape::default();
                let scene = Scene {
                    landscape: &landscape,
                    view: View { x0, x1, y0, y1 },
                    trail: &trail,
                    ball,
                    at_rest,
                    lr: EXTREMES[k % 5 + 3],
                    health: Health::Diverging,
                };
                let area = probe.into_drawing_area();
                descent::draw(&area, &scene, &style(k)).map_err(|e| e.to_string())?;
                Ok(())
            });
        }
    }
}

#[test]
fn the_loss_chart_draws_any_losses() {
    for (k, &v) in EXTREMES.iter().enumerate() {
        for log in [false, true] {
            for len in [0usize, 1, 21, 400] {
                let label = format!("loss chart: {v:e} × {len}, log {log}");
                draws_in_time(label, (300, 180), move |probe| {
                    let series: Vec<loss_chart::Series> = (0..3)
                        .map(|r| loss_chart::Series {
                            losses: (0..len)
                                .map(|t| {
                                    if t % (r + 2) == 0 {
                                        v
                                    } else {
                                        EXTREMES[(t + k) % EXTREMES.len()]
                                    }
                                })
                                .collect(),
                            colour: RUN_COLOURS[r],
                            label: format!("η = {r}"),
                        })
                        .collect();
                    let area = probe.into_drawing_area();
                    loss_chart::draw(&area, &series, log, "t", &style(k)).map_err(|e| e.to_string())
                });
            }
        }
    }
}

#[test]
fn the_loss_chart_draws_finite_losses_up_to_the_largest_f64() {
    // The lab at η = 2 after 400 steps, on the linear axis: the last loss is
    // 1.66e308 and a 5 % pad on it overflows (issue 10's freeze).
    for top in [1.66e308, f64::MAX, 1e308] {
        for bottom in [1.0, -f64::MAX, top] {
            let label = format!("loss chart: finite losses {bottom:e}..{top:e}");
            draws_in_time(label, (300, 180), move |probe| {
                let losses: Vec<f64> = (0..=400)
                    .map(|t| {
                        if t == 400 {
                            top
                        } else {
                            bottom.min(top) / (1.0 + f64::from(t))
                        }
                    })
                    .collect();
                let series = vec![loss_chart::Series {
                    losses,
                    colour: RUN_COLOURS[2],
                    label: "η = 2".to_owned(),
                }];
                loss_chart::draw(&probe.into_drawing_area(), &series, false, "t", &style(0))
                    .map_err(|e| e.to_string())
            });
        }
    }
}

#[test]
fn the_microgpt_chart_draws_any_curve() {
    for (k, &v) in EXTREMES.iter().enumerate() {
        for num_steps in [0usize, 1, 1000, usize::MAX] {
            let label = format!("microgpt chart: {v:e}, {num_steps} steps");
            draws_in_time(label, (300, 180), move |probe| {
                let raw: Vec<f64> = (0..50)
                    .map(|i| {
                        if i % 3 == 0 {
                            v
                        } else {
                            EXTREMES[i % EXTREMES.len()]
                        }
                    })
                    .collect();
                let ema: Vec<f64> = raw.iter().rev().copied().collect();
                let kept = Comparison {
                    label: "Adam, η 0.01".to_owned(),
                    ema: raw.clone(),
                };
                let area = probe.into_drawing_area();
                microgpt::draw(&area, &raw, &ema, Some(&kept), v, num_steps, &style(k))
                    .map_err(|e| e.to_string())
            });
        }
    }
}

#[test]
fn the_loss_widgets_charts_draw_any_prediction() {
    for (k, &v) in EXTREMES.iter().enumerate() {
        let label = format!("mse / cross-entropy: {v:e}");
        draws_in_time(label, (360, 240), move |probe| {
            let mut s = LossModel::default().snapshot();
            for (i, sample) in s.samples.iter_mut().enumerate() {
                sample.prediction = if i % 2 == 0 {
                    v
                } else {
                    EXTREMES[(k + i) % EXTREMES.len()]
                };
            }
            for word in &mut s.words {
                word.p = v;
            }
            s.p_right = v;
            s.ce = -v;
            s.baseline26 = v;
            let area = probe.into_drawing_area();
            loss::draw_mse(&area, &s, &style(k)).map_err(|e| e.to_string())?;
            loss::draw_ce(&area, &s, &style(k)).map_err(|e| e.to_string())?;
            Ok(())
        });
    }
}

#[test]
fn the_backprop_graph_draws_anywhere() {
    for (k, &v) in EXTREMES.iter().enumerate() {
        for size in [(1, 1), (320, 480), (700, 300)] {
            let label = format!("graph: at {v:e}, {size:?}");
            draws_in_time(label, size, move |probe| {
                let mut scene = BackpropModel::default().scene();
                for node in &mut scene.nodes {
                    node.at = (v, EXTREMES[k]);
                    node.value = Some("1.7976931348623157e308".to_owned());
                }
                let area = probe.into_drawing_area();
                graph::draw(&area, &scene, &style(k)).map_err(|e| e.to_string())
            });
        }
    }
}

/// Draws every frame of a model's flight, as the page would while the view
/// still lags the trail, and checks each under the time limit.
fn draws_every_frame(label: &str, scenes: impl Fn(f64) -> Vec<(View, Vec<Iterate>, (f64, f64), bool, f64)>) {
    for now in (0..=30).map(|k| f64::from(k) * 25.0) {
        for (i, (view, trail, ball, at_rest, lr)) in scenes(now).into_iter().enumerate() {
            let label = format!("{label}, panel {i} at {now} ms");
            draws_in_time(label, (281, 211), move |probe| {
                let landscape = Landscape::default();
                let scene = Scene {
                    landscape: &landscape,
                    view,
                    trail: &trail,
                    ball,
                    at_rest,
                    lr,
                    health: Health::Stable,
                };
                descent::draw(&probe.into_drawing_area(), &scene, &style(0))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            });
        }
    }
}

fn owned(scene: &Scene<'_>) -> (View, Vec<Iterate>, (f64, f64), bool, f64) {
    (
        scene.view,
        scene.trail.to_vec(),
        scene.ball,
        scene.at_rest,
        scene.lr,
    )
}

#[test]
fn the_labs_panels_draw_while_their_views_lag_the_trail() {
    // `?widget=lr-compare&steps=25`: 25 steps at once, then the flight.
    let mut lab = crate::widgets::lr_compare::LrCompareModel::default();
    for _ in 0..25 {
        lab.step(0.0);
    }
    draws_every_frame("lab after 25 steps", |now| {
        (0..3)
            .filter_map(|i| lab.panel_scene(i, now).map(|s| owned(&s)))
            .collect()
    });
}

#[test]
fn the_descent_chart_draws_after_a_retrace_and_105_steps() {
    let mut m = crate::widgets::descent::DescentModel::default();
    m.retrace(1.5, 0, 0.0).expect("η = 1.5 is allowed");
    for _ in 0..105 {
        m.step(0.0);
    }
    draws_every_frame("descent after retrace + 105 steps", |now| {
        vec![owned(&m.scene(now))]
    });
}
