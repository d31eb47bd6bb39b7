//! Every chart of every widget, drawn with ranges and points at the edges of
//! `f64` (±1e308, ±f64::MAX, NaN, ±∞, zero width, a view far from the data),
//! each under a time limit: a hang fails the test instead of stalling the
//! suite. `cargo test` builds with overflow checks, so an `i32` overflow in a
//! mapping panics here, and a panic fails the test.

use super::*;

use super::tests::{EXTREMES, RANGES};
use crate::descent::{Health, Iterate};
use crate::landscape::Landscape;
use crate::render::probe::{Probe, Seen};
use crate::render::{descent, graph, loss, loss_chart, microgpt, Style, DARK, LIGHT, RUN_COLOURS};
use crate::widgets::backprop::BackpropModel;
use crate::widgets::descent::{OtherBall, Scene};
use crate::widgets::loss::LossModel;
use crate::widgets::microgpt::Comparison;
use plotters::prelude::IntoDrawingArea as _;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

/// Longest one drawing may take (a normal one takes milliseconds, even unoptimised).
const TIME_LIMIT: Duration = Duration::from_secs(20);

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
                    // Balls B and C at the other extremes, on the same trail.
                    others: vec![
                        OtherBall { index: 1, trail: &trail, ball: (ball.1, ball.0), at_rest: !at_rest },
                        OtherBall { index: 2, trail: &trail[trail.len() / 2..], ball: (-ball.0, -ball.1), at_rest },
                    ],
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
                            marker: r,
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
                    marker: 0,
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
                    others: Vec::new(),
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
