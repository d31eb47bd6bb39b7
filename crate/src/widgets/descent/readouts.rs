//! What the descent widget shows in words and numbers: the readouts and the
//! per-step table (the picture is [`super::Scene`]).

use super::{DescentModel, BALL_NAMES};
use crate::descent::{Health, Run};
use crate::format::fixed4;
use crate::widgets::lr_scale::slider_from_lr;
use serde::Serialize;

/// The readouts, as the page shows them (`text`) and as full-precision numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Step count `t`.
    pub t: usize,
    /// Current `w`.
    pub w: f64,
    /// `L(w)`.
    pub loss: f64,
    /// `L′(w)`.
    pub grad: f64,
    /// `η · L′(w)`: the next step moves `w` by minus this.
    pub update: f64,
    /// The learning rate η.
    pub lr: f64,
    /// The η slider's position, `log10(η)` clamped to its ends.
    pub lr_slider: f64,
    /// The start point.
    pub w0: f64,
    /// Playback speed multiplier.
    pub speed: f64,
    /// `idle`, `running`, `paused` or `diverged`.
    pub state: &'static str,
    /// Whether the loss has grown on the last 3 steps or more.
    pub diverging: bool,
    /// The landscape's preset name (`bowl`, `double-well`, …), or `formula`.
    pub landscape: &'static str,
    /// A typed landscape's formula as typed (what `f=` carries).
    pub typed: Option<String>,
    /// Its formula as printed.
    pub formula: String,
    /// Ball A's curvature `L″(w)`.
    pub curvature: f64,
    /// The local minimum ball A is heading to (see [`Heading`]).
    pub heading: Option<Heading>,
    /// Every ball, A first (one entry when there is one ball).
    pub balls: Vec<BallReadout>,
    /// Whether the next place on the chart adds a ball.
    pub adding: bool,
    /// How many balls the landscape's default scene has (a link names the
    /// count only when it differs).
    pub default_balls: usize,
    /// The readouts printed with 4 decimals, as the post prints them.
    pub text: Texts,
}

/// The local minimum a ball is heading to and its stability, the post's
/// 1 − η·L″ generalised: near `w*` a step multiplies the distance to it by
/// `1 − η·L″(w*)`, so it converges for η < 2 / L″(w*).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Heading {
    /// `w*`.
    pub w_star: f64,
    /// `L(w*)`.
    pub l_star: f64,
    /// `L″(w*)`.
    pub curvature: f64,
    /// `2 / L″(w*)`; `None` when `L″(w*)` is not positive.
    pub threshold: Option<f64>,
    /// Whether the η in force is below the threshold.
    pub stable: bool,
    /// Whether the ball has settled there (within 1e-4 of `w*`, relative
    /// to |w*| beyond 1).
    pub settled: bool,
    /// When settled in a local minimum that is not the lowest in view: the
    /// lowest loss of the minima found in the landscape's span (`None` otherwise).
    pub lowest: Option<f64>,
    /// Printed: `wStar`, `lStar`, `curvature`, `threshold`, `lowest` (4 decimals).
    pub text: HeadingTexts,
}

/// [`Heading`]'s numbers as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeadingTexts {
    /// `w*`.
    pub w_star: String,
    /// `L(w*)`.
    pub l_star: String,
    /// `L″(w*)`.
    pub curvature: String,
    /// `2 / L″(w*)`, or `—`.
    pub threshold: String,
    /// The lowest loss in view, or empty.
    pub lowest: String,
}

/// One ball's row: ball B's and C's readouts (and A's again).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BallReadout {
    /// `a`, `b` or `c`.
    pub name: &'static str,
    /// Its steps taken (less than the clock's if it stopped).
    pub t: usize,
    /// Current `w`.
    pub w: f64,
    /// `L(w)`.
    pub loss: f64,
    /// `L′(w)`.
    pub grad: f64,
    /// `L″(w)`.
    pub curvature: f64,
    /// Its start.
    pub w0: f64,
    /// `stable`, `diverging`, `diverged` or `out-of-domain`.
    pub health: Health,
    /// The minimum it is heading to.
    pub heading: Option<Heading>,
    /// `w`, `loss`, `grad`, `curvature` printed.
    pub text: BallTexts,
}

/// A ball's numbers as printed (4 decimals).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BallTexts {
    /// `t`.
    pub t: String,
    /// `w`.
    pub w: String,
    /// `L(w)`.
    pub loss: String,
    /// `L′(w)`.
    pub grad: String,
    /// `L″(w)`.
    pub curvature: String,
}

/// Readouts as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Texts {
    /// `t`.
    pub t: String,
    /// `w`.
    pub w: String,
    /// `L(w)`.
    pub loss: String,
    /// `L′(w)`.
    pub grad: String,
    /// `η · L′(w)`.
    pub update: String,
    /// `L″(w)`.
    pub curvature: String,
    /// η, shortest form (as the lab prints it).
    pub lr: String,
}

/// One row of the per-step table: the post's `第t步: w=…, Loss=…, 梯度=…`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Step number (≥ 1).
    pub t: usize,
    /// `w_t`.
    pub w: String,
    /// `L(w_t)`.
    pub loss: String,
    /// The gradient the step used, `L′(w_{t−1})`.
    pub grad: String,
}

impl DescentModel {
    /// The readouts.
    pub fn snapshot(&self) -> Snapshot {
        let run = self.run();
        let t = self.t();
        let (w, loss, grad, update) = (run.w(), run.loss(), run.grad(), run.update());
        let curvature = run.landscape().curvature(w);
        let balls: Vec<BallReadout> = self.runs().zip(BALL_NAMES).map(|(r, name)| ball_readout(r, name)).collect();
        Snapshot {
            t,
            w,
            loss,
            grad,
            update,
            lr: run.lr(),
            lr_slider: slider_from_lr(run.lr()),
            w0: run.w0(),
            speed: self.player.speed(),
            state: self.state(),
            diverging: run.health() == Health::Diverging,
            landscape: run.landscape().key(),
            typed: run.landscape().typed_text().map(str::to_owned),
            formula: run.landscape().formula(),
            curvature,
            heading: balls[0].heading.clone(),
            adding: self.adding(),
            default_balls: run.landscape().default_starts().len(),
            text: Texts {
                t: t.to_string(),
                w: fixed4(w),
                loss: fixed4(loss),
                grad: fixed4(grad),
                update: fixed4(update),
                curvature: fixed4(curvature),
                lr: crate::format::short(run.lr()),
            },
            balls,
        }
    }

    /// Table rows for the steps after the first `shown` (step numbers start at 1),
    /// so the page appends only what is new.
    pub fn rows_after(&self, shown: usize) -> Vec<Row> {
        let history = self.run().history();
        (shown.saturating_add(1)..history.len())
            .map(|t| {
                let it = history[t];
                Row {
                    t,
                    w: fixed4(it.w),
                    loss: fixed4(it.loss),
                    grad: fixed4(it.update.map_or(f64::NAN, |u| u.grad)),
                }
            })
            .collect()
    }
}

/// A ball's readouts.
fn ball_readout(run: &Run, name: &'static str) -> BallReadout {
    let landscape = run.landscape();
    let (w, loss, grad) = (run.w(), run.loss(), run.grad());
    let curvature = landscape.curvature(w);
    BallReadout {
        name,
        t: run.t(),
        w,
        loss,
        grad,
        curvature,
        w0: run.w0(),
        health: run.health(),
        heading: heading(run),
        text: BallTexts {
            t: run.t().to_string(),
            w: fixed4(w),
            loss: fixed4(loss),
            grad: fixed4(grad),
            curvature: fixed4(curvature),
        },
    }
}

/// How close to `w*` a ball must be to count as settled there: within
/// 1e-4 of it, relative to |w*| beyond 1.
const SETTLED: f64 = 1e-4;

/// The minimum `run` is heading to ([`Landscape::minimum_ahead`]), its
/// threshold, and whether the run is stuck there while a lower one is in
/// view (the lowest of the minima found in the landscape's span). `None`
/// when there is no minimum ahead, or its L or L″ is not a number (a cusp
/// like `sqrt(w^2)` at 0).
///
/// [`Landscape::minimum_ahead`]: crate::landscape::Landscape::minimum_ahead
pub fn heading(run: &Run) -> Option<Heading> {
    let landscape = run.landscape();
    let (w_star, l_star) = landscape.minimum_ahead(run.w())?;
    let curvature = landscape.curvature(w_star);
    if !(curvature.is_finite() && l_star.is_finite()) {
        return None;
    }
    let threshold = crate::regime::threshold(landscape, w_star);
    let settled = (run.w() - w_star).abs() <= SETTLED * w_star.abs().max(1.0);
    // "In view": the lowest of the landscape's own minima (its span's).
    let lowest = landscape
        .minimum()
        .map(|(_, l)| l)
        .filter(|&l| settled && l < l_star - 1e-9 * l_star.abs().max(1.0));
    Some(Heading {
        w_star,
        l_star,
        curvature,
        threshold,
        stable: threshold.is_some_and(|t| run.lr() < t),
        settled,
        lowest,
        text: HeadingTexts {
            w_star: fixed4(w_star),
            l_star: fixed4(l_star),
            curvature: fixed4(curvature),
            threshold: threshold.map_or_else(|| "—".to_owned(), fixed4),
            lowest: lowest.map(fixed4).unwrap_or_default(),
        },
    })
}
