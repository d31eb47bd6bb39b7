//! What the descent widget shows in words and numbers: the readouts and the
//! per-step table (the picture is [`super::Scene`]).

use super::DescentModel;
use crate::descent::Health;
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
    /// The readouts printed with 4 decimals, as the post prints them.
    pub text: Texts,
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
        let t = self.run.t();
        let (w, loss, grad, update) = (self.run.w(), self.run.loss(), self.run.grad(), self.run.update());
        let state = crate::widgets::state_name(self.run.health(), self.player.state());
        Snapshot {
            t,
            w,
            loss,
            grad,
            update,
            lr: self.run.lr(),
            lr_slider: slider_from_lr(self.run.lr()),
            w0: self.run.w0(),
            speed: self.player.speed(),
            state,
            diverging: self.run.health() == Health::Diverging,
            landscape: self.run.landscape().key(),
            typed: self.run.landscape().typed_text().map(str::to_owned),
            formula: self.run.landscape().formula(),
            text: Texts {
                t: t.to_string(),
                w: fixed4(w),
                loss: fixed4(loss),
                grad: fixed4(grad),
                update: fixed4(update),
            },
        }
    }

    /// Table rows for the steps after the first `shown` (step numbers start at 1),
    /// so the page appends only what is new.
    pub fn rows_after(&self, shown: usize) -> Vec<Row> {
        let history = self.run.history();
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
