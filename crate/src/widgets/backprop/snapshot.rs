//! What the backprop widget shows: every readout as printed, pending (`…`,
//! no value) until the phase that computes it.

use super::{BackpropModel, PHASES, UPDATE};
use crate::descent::Health;
use crate::backprop::NodeId;
use crate::format::{fixed4, short};
use serde::Serialize;

/// One readout: its printed text and its number, or pending.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readout {
    /// The number, `None` while pending.
    pub value: Option<f64>,
    /// As printed: 4 decimals, or `…` while pending.
    pub text: String,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackpropSnapshot {
    /// `ready`, `forward`, `loss`, `backward` or `update`.
    pub phase: &'static str,
    /// 0..=8 within the cycle (the page words each stage).
    pub stage: usize,
    /// The chain rule product being formed at this stage, with numbers.
    pub explain: String,
    /// Completed cycles.
    pub iteration: usize,
    /// `idle`, `running`, `paused` or `diverged`.
    pub state: &'static str,
    /// The loss grew on the last 3 iterations or more.
    pub diverging: bool,
    /// Inputs and parameters (always known).
    pub x: Readout,
    /// The target.
    pub target: Readout,
    /// w1 (the new value once updated).
    pub w1: Readout,
    /// w2 (the new value once updated).
    pub w2: Readout,
    /// w1 before this cycle's update, shown beside the new one.
    pub w1_before: Option<String>,
    /// w2 before this cycle's update.
    pub w2_before: Option<String>,
    /// The learning rate.
    pub lr: f64,
    /// The finite-difference step.
    pub eps: f64,
    /// Playback speed multiplier.
    pub speed: f64,
    /// Computed values, pending until their phase.
    pub h: Readout,
    /// The prediction.
    pub y: Readout,
    /// The loss.
    pub loss: Readout,
    /// ∂L/∂y.
    pub dl_dy: Readout,
    /// ∂L/∂h.
    pub dl_dh: Readout,
    /// ∂L/∂w2.
    pub dl_dw2: Readout,
    /// ∂L/∂w1.
    pub dl_dw1: Readout,
    /// Central finite difference for ∂L/∂w1, shown once backprop has it.
    pub fd_w1: Readout,
    /// Central finite difference for ∂L/∂w2.
    pub fd_w2: Readout,
    /// After the update: the new prediction y.
    pub new_y: Readout,
    /// After the update: the new loss.
    pub new_loss: Readout,
}

impl BackpropModel {
    /// What the page shows.
    pub fn snapshot(&self) -> BackpropSnapshot {
        let g = &self.graph;
        let c = self.chain;
        let s = self.stage;
        let shown = |from: usize, v: f64| readout((s >= from).then_some(v));
        let updated = if s == UPDATE { self.updated() } else { None };
        let (fd_w1, fd_w2) = (self.finite_difference(c.w1), self.finite_difference(c.w2));
        let state = crate::widgets::state_name(self.watch.health(), self.player.state());
        BackpropSnapshot {
            phase: PHASES[s],
            stage: s,
            explain: self.explain(),
            iteration: self.iteration,
            state,
            diverging: self.watch.health() == Health::Diverging,
            x: readout(Some(g.value(c.x))),
            target: readout(Some(g.value(c.target))),
            w1: readout(Some(updated.map_or(g.value(c.w1), |u| u.w1))),
            w2: readout(Some(updated.map_or(g.value(c.w2), |u| u.w2))),
            w1_before: updated.map(|_| fixed4(g.value(c.w1))),
            w2_before: updated.map(|_| fixed4(g.value(c.w2))),
            lr: self.lr,
            eps: self.eps,
            speed: self.player.speed(),
            h: shown(1, g.value(c.h)),
            y: shown(2, g.value(c.y)),
            loss: shown(3, g.value(c.loss)),
            dl_dy: shown(4, g.grad(c.y)),
            dl_dw2: shown(5, g.grad(c.w2)),
            dl_dh: shown(6, g.grad(c.h)),
            dl_dw1: shown(7, g.grad(c.w1)),
            fd_w2: readout((s >= 5).then_some(fd_w2)),
            fd_w1: readout((s >= 7).then_some(fd_w1)),
            new_y: readout(updated.map(|u| u.y)),
            new_loss: readout(updated.map(|u| u.loss)),
        }
    }
}

fn readout(value: Option<f64>) -> Readout {
    match value {
        Some(v) if v.is_finite() => Readout {
            value: Some(v),
            text: fixed4(v),
        },
        // Pending, or (defensively) not a printable number.
        _ => Readout {
            value: None,
            text: "…".to_owned(),
        },
    }
}

impl BackpropModel {
    /// The chain-rule product being formed at this stage, with the numbers.
    fn explain(&self) -> String {
        let g = &self.graph;
        let c = self.chain;
        let n = |id: NodeId| short(g.value(id));
        let d = |id: NodeId| short(g.grad(id));
        match self.stage {
            1 => format!("h = x × w1 = {} × {} = {}", n(c.x), n(c.w1), n(c.h)),
            2 => format!("y = h × w2 = {} × {} = {}", n(c.h), n(c.w2), n(c.y)),
            3 => format!(
                "L = (y − target)² = ({} − {})² = {}",
                n(c.y),
                n(c.target),
                n(c.loss)
            ),
            4 => format!(
                "∂L/∂y = 2(y − target) = 2 × ({} − {}) = {}",
                n(c.y),
                n(c.target),
                d(c.y)
            ),
            5 => format!("∂L/∂w2 = ∂L/∂y × h = {} × {} = {}", d(c.y), n(c.h), d(c.w2)),
            6 => format!("∂L/∂h = ∂L/∂y × w2 = {} × {} = {}", d(c.y), n(c.w2), d(c.h)),
            7 => format!(
                "∂L/∂w1 = ∂L/∂y × w2 × x = {} × {} × {} = {}",
                d(c.y),
                n(c.w2),
                n(c.x),
                d(c.w1)
            ),
            UPDATE => match self.updated() {
                Some(u) => format!(
                    "w1 = {} − {} × ({}) = {};  w2 = {} − {} × ({}) = {}",
                    n(c.w1),
                    short(self.lr),
                    d(c.w1),
                    fixed4(u.w1),
                    n(c.w2),
                    short(self.lr),
                    d(c.w2),
                    fixed4(u.w2)
                ),
                // The update would overflow; the page's diverged badge says so.
                None => String::new(),
            },
            _ => String::new(),
        }
    }
}
