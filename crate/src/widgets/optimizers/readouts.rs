//! What the race shows: the page's readouts, and what its pictures draw.

use super::{on_by_default, Field, OptimizersModel, Racer};
use crate::descent::Health;
use crate::format::fixed4;
use crate::optim::Hyper;
use serde::Serialize;

/// One racer as the pictures draw it ([`OptimizersModel::pictures`]).
#[derive(Clone, Debug)]
pub struct RacerPicture<'a> {
    /// Its index in [`crate::optim::KINDS`]: colour and marker.
    pub index: usize,
    /// Its iterates, the start first.
    pub trail: &'a [[f64; 2]],
    /// L at each iterate.
    pub losses: &'a [f64],
    /// ∇L at the newest iterate.
    pub grad: [f64; 2],
    /// The last step's gradient part per parameter.
    pub step: [f64; 2],
    /// The last step's decoupled decay per parameter.
    pub decay: [f64; 2],
    /// Whether it has stopped (diverged or out of the domain).
    pub stopped: bool,
}

/// One racer's readouts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RacerSnapshot {
    /// `sgd`, `momentum`, `nesterov`, `rmsprop`, `adam` or `adamw`.
    pub name: &'static str,
    /// Its legend name: `SGD`, `Momentum`, …, `AdamW`.
    pub label: &'static str,
    /// The hyperparameters it takes, by PyTorch's names ([`crate::optim::Kind::takes`]).
    pub takes: &'static [&'static str],
    /// Whether it races.
    pub enabled: bool,
    /// Whether it races in the default scene ([`on_by_default`]).
    pub on_by_default: bool,
    /// Its hyperparameters, by PyTorch's names.
    pub hyper: Hyper,
    /// Whether they are PyTorch's defaults at the shared η (what the
    /// *PyTorch defaults* button puts back).
    pub defaults: bool,
    /// The settings that differ from PyTorch's defaults at the shared η
    /// (what a link must carry), by name.
    pub changed: Vec<(&'static str, f64)>,
    /// Its steps taken (fewer than the clock's once it stopped).
    pub t: usize,
    /// (w1, w2); on a line, (w, 0).
    pub w: [f64; 2],
    /// L(w).
    pub loss: f64,
    /// ∇L at w.
    pub grad: [f64; 2],
    /// The last step's part per parameter from the gradient (γg for SGD,
    /// γm̂/(√v̂ + ε) for Adam); zeros before the first step.
    pub step: [f64; 2],
    /// The last step's decoupled decay per parameter (AdamW's γλθ; zeros
    /// for the others).
    pub decay: [f64; 2],
    /// `stable`, `diverging`, `diverged` or `out-of-domain`.
    pub health: Health,
    /// The numbers printed with 4 decimals: `w1`, `w2`, `loss`, `g1`, `g2`,
    /// `step1`, `step2`, `decay1`, `decay2`, and η as typed (`lr`).
    pub text: RacerTexts,
}

/// A racer's numbers as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[allow(missing_docs)]
pub struct RacerTexts {
    pub w1: String,
    pub w2: String,
    pub loss: String,
    pub g1: String,
    pub g2: String,
    pub step1: String,
    pub step2: String,
    pub decay1: String,
    pub decay2: String,
    pub lr: String,
}

/// The race's readouts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptimizersSnapshot {
    /// Steps on the clock.
    pub t: usize,
    /// `idle`, `running` or `paused`.
    pub state: &'static str,
    /// `line` or `map`.
    pub view: &'static str,
    /// The landscape's name: a surface's (`ravine`, …), a curve's (`bowl`,
    /// …) or `formula`.
    pub landscape: &'static str,
    /// Its formula as printed.
    pub formula: String,
    /// A typed L(w)'s text, as typed.
    pub typed: Option<String>,
    /// The start (w1, w2); on a line (w, 0).
    pub start: [f64; 2],
    /// The start sliders' ends: `[[w1 from, to], [w2 from, to]]` (the map's
    /// extent; on a line the curve's span, or −5 … 10 as the descent
    /// widget's).
    pub start_range: [[f64; 2]; 2],
    /// The shared η.
    pub lr: f64,
    /// The shared η as printed.
    pub lr_text: String,
    /// The shared η's log slider position, `log10(η)` within the slider's ends.
    pub lr_slider: f64,
    /// The playback speed.
    pub speed: f64,
    /// Whether the loss chart's axis is asked to be logarithmic.
    pub log_scale: bool,
    /// Whether it can be: every loss the chart shows ([`OptimizersModel::chart_losses`])
    /// is above 0 (the saddle's and many typed minima are not; the chart is
    /// linear then).
    pub log_possible: bool,
    /// Whether the start is the landscape's default (a link leaves it out).
    pub start_is_default: bool,
    /// Every optimizer, enabled or not, in [`crate::optim::KINDS`] order.
    pub racers: Vec<RacerSnapshot>,
}

impl OptimizersModel {
    /// What the pictures need of each racer switched on, without building
    /// a snapshot: its index in [`crate::optim::KINDS`] (its colour and marker), its
    /// iterates and losses (the start's first), ∇L where it is, its last
    /// step's parts, and whether it has stopped.
    pub fn pictures(&self) -> Vec<RacerPicture<'_>> {
        let pair = |v: &[f64]| [v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0)];
        self.racers
            .iter()
            .enumerate()
            .filter(|(_, r)| r.enabled)
            .map(|(index, r)| RacerPicture {
                index,
                trail: &r.history,
                losses: &r.losses,
                grad: r.grad,
                step: pair(&r.parts.grad),
                decay: pair(&r.parts.decay),
                stopped: r.watch.health().stopped(),
            })
            .collect()
    }

    /// The loss chart's lines: each racer switched on, by its index in
    /// [`crate::optim::KINDS`], with its losses, the start's first. A racer that stopped
    /// (diverged) does not squash the others into the chart's bottom
    /// decade: its line ends before its first loss beyond a thousand times
    /// the highest of the racers still going (its row says when it diverged).
    pub fn chart_losses(&self) -> Vec<(usize, &[f64])> {
        let on = || self.racers.iter().enumerate().filter(|(_, r)| r.enabled);
        let going = |r: &Racer| !r.watch.health().stopped();
        let ceiling = on().filter(|(_, r)| going(r)).flat_map(|(_, r)| r.losses.iter().copied()).fold(f64::NEG_INFINITY, f64::max);
        on().map(|(i, r)| {
            let mut losses = &r.losses[..];
            if !going(r) && ceiling.is_finite() && ceiling > 0.0 {
                let cut = losses.iter().position(|&l| l > ceiling * 1e3).map_or(losses.len(), |k| k.max(1));
                losses = &losses[..cut];
            }
            (i, losses)
        })
        .collect()
    }

    /// The readouts.
    pub fn snapshot(&self) -> OptimizersSnapshot {
        let racers = self
            .racers
            .iter()
            .map(|r| {
                let w = r.at();
                let (loss, grad) = (r.losses[r.losses.len() - 1], r.grad);
                let pair = |v: &[f64]| [v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0)];
                let (step, decay) = (pair(&r.parts.grad), pair(&r.parts.decay));
                RacerSnapshot {
                    name: r.kind.name(),
                    label: r.kind.label(),
                    takes: r.kind.takes(),
                    enabled: r.enabled,
                    on_by_default: on_by_default(r.kind),
                    hyper: r.hyper,
                    defaults: r.hyper == Hyper::defaults(r.kind, self.lr),
                    changed: {
                        let d = Hyper::defaults(r.kind, self.lr);
                        r.kind.takes().iter().filter_map(|&n| r.hyper.get(n).filter(|v| Some(*v) != d.get(n)).map(|v| (n, v))).collect()
                    },
                    t: r.history.len() - 1,
                    w,
                    loss,
                    grad,
                    step,
                    decay,
                    health: r.health(),
                    text: RacerTexts {
                        w1: fixed4(w[0]),
                        w2: fixed4(w[1]),
                        loss: fixed4(loss),
                        g1: fixed4(grad[0]),
                        g2: fixed4(grad[1]),
                        step1: fixed4(step[0]),
                        step2: fixed4(step[1]),
                        decay1: fixed4(decay[0]),
                        decay2: fixed4(decay[1]),
                        lr: crate::format::short(r.hyper.lr),
                    },
                }
            })
            .collect();
        // The race's state: a stop is not the whole race's unless every racer stopped.
        let health = if self.racers.iter().filter(|r| r.enabled).all(|r| r.watch.health().stopped()) && self.racers.iter().any(|r| r.enabled) {
            self.racers.iter().find(|r| r.enabled).map_or(Health::Stable, |r| r.watch.health())
        } else {
            Health::Stable
        };
        OptimizersSnapshot {
            t: self.clock(),
            state: crate::widgets::state_name(health, self.player.state()),
            view: self.field.view(),
            landscape: self.field.key(),
            formula: self.field.formula(),
            typed: match &self.field {
                Field::Line(l) => l.typed_text().map(str::to_owned),
                Field::Map(s) => s.typed_text().map(str::to_owned),
            },
            start: self.start,
            start_range: match &self.field {
                Field::Map(s) => {
                    let ((a, b), (c, d)) = s.span();
                    [[a, b], [c, d]]
                }
                Field::Line(l) => {
                    let (a, b) = l.span().unwrap_or((-5.0, 10.0));
                    [[a, b], [-1.0, 1.0]]
                }
            },
            lr: self.lr,
            lr_text: crate::format::short(self.lr),
            lr_slider: crate::widgets::lr_scale::slider_from_lr(self.lr),
            speed: self.player.speed(),
            log_scale: self.log_scale,
            log_possible: self.chart_losses().iter().all(|(_, l)| l.iter().all(|&x| x > 0.0)),
            start_is_default: self.start == self.field.default_start(),
            racers,
        }
    }
}
