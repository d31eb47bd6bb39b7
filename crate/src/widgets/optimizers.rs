//! The optimizers race (issue 14): SGD, momentum, Nesterov, RMSprop, Adam and
//! AdamW from one start on one surface, on one clock. The model only: what a
//! page and a picture need, with no web types (the map, its bindings and its
//! page come next).
//!
//! Each racer steps with [`crate::optim::step`] on the surface's exact
//! gradient. Divergence is a state for every optimizer, as in the descent
//! widget: *diverging* while its loss rises three steps in a row, and a step
//! that would make a parameter, the loss or the gradient non-finite is refused
//! and the racer stops, *diverged*; the others go on. No snapshot number is
//! ever NaN or ±∞.

use crate::descent::{Health, Watch};
use crate::format::fixed4;
use crate::input::{check_range, check_value, Input, InputError};
use crate::optim::{self, Hyper, Kind, Parts, State, KINDS};
use crate::player::{PlayState, Player};
use crate::surface::Surface;
use serde::Serialize;

/// The largest η accepted (as the descent widget's).
pub const LR_MAX: f64 = crate::descent::LR_MAX;
/// The largest |w1|, |w2| a start may have.
pub const START_LIMIT: f64 = 1e6;

/// One optimizer in the race.
#[derive(Clone, Debug)]
struct Racer {
    kind: Kind,
    enabled: bool,
    hyper: Hyper,
    state: State,
    /// Every iterate, the start first.
    history: Vec<[f64; 2]>,
    /// What the last step did to each parameter (empty before the first).
    parts: Parts,
    watch: Watch,
}

impl Racer {
    fn new(kind: Kind, lr: f64, start: [f64; 2]) -> Racer {
        Racer { kind, enabled: true, hyper: Hyper::defaults(kind, lr), state: State::new(2), history: vec![start], parts: Parts::default(), watch: Watch::default() }
    }

    fn at(&self) -> [f64; 2] {
        self.history[self.history.len() - 1]
    }

    /// One step; false when it was refused (the racer stops, diverged).
    fn step(&mut self, surface: Surface) -> bool {
        if self.watch.health().stopped() {
            return false;
        }
        let here = self.at();
        let g = surface.grad(here);
        let mut next = here;
        let mut state = self.state.clone();
        let mut parts = Parts::default();
        optim::step(self.kind, &self.hyper, &mut state, &mut next, &g, Some(&mut parts));
        let (loss, grad) = (surface.loss(next), surface.grad(next));
        let finite = [next[0], next[1], loss, grad[0], grad[1]].iter().all(|x| x.is_finite())
            && state.m.iter().chain(&state.v).chain(&state.buffer).all(|x| x.is_finite());
        if !finite {
            self.watch.overflow();
            return false;
        }
        self.watch.observe(surface.loss(here), loss);
        self.state = state;
        self.parts = parts;
        self.history.push(next);
        true
    }

    fn restart(&mut self, start: [f64; 2]) {
        self.state = State::new(2);
        self.history = vec![start];
        self.parts = Parts::default();
        self.watch = Watch::default();
    }
}

/// The whole state of the race.
#[derive(Clone, Debug)]
pub struct OptimizersModel {
    surface: Surface,
    start: [f64; 2],
    racers: Vec<Racer>,
    player: Player,
    /// Steps on the clock since the last reset.
    t: usize,
}

/// One racer's readouts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RacerSnapshot {
    /// `sgd`, `momentum`, `nesterov`, `rmsprop`, `adam` or `adamw`.
    pub name: &'static str,
    /// Whether it races.
    pub enabled: bool,
    /// Its hyperparameters, by PyTorch's names.
    pub hyper: Hyper,
    /// Its steps taken (fewer than the clock's once it stopped).
    pub t: usize,
    /// (w1, w2).
    pub w: [f64; 2],
    /// L(w1, w2).
    pub loss: f64,
    /// ∇L at w.
    pub grad: [f64; 2],
    /// The last step's part per parameter from the gradient (γg for SGD,
    /// γm̂/(√v̂ + ε) for Adam); zeros before the first step.
    pub step: [f64; 2],
    /// The last step's decoupled decay per parameter (AdamW's γλθ; zeros
    /// for the others).
    pub decay: [f64; 2],
    /// `stable`, `diverging` or `diverged`.
    pub health: Health,
    /// The numbers printed with 4 decimals: `w1`, `w2`, `loss`, `g1`, `g2`,
    /// `step1`, `step2`, `decay1`, `decay2`.
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
}

/// The race's readouts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptimizersSnapshot {
    /// Steps on the clock.
    pub t: usize,
    /// `idle`, `running` or `paused`.
    pub state: &'static str,
    /// The surface's name and formula.
    pub surface: &'static str,
    /// Its formula as printed.
    pub formula: &'static str,
    /// The start (w1, w2).
    pub start: [f64; 2],
    /// Every optimizer, enabled or not, in [`KINDS`] order.
    pub racers: Vec<RacerSnapshot>,
}

impl Default for OptimizersModel {
    /// The default scene: the ravine from (0, 0) at the post's η = 0.1 for
    /// all six, where plain SGD bounces across the steep w2 for ever
    /// (1 − 0.1·20 = −1) while Adam and AdamW settle.
    fn default() -> Self {
        OptimizersModel::new(Surface::Ravine, 0.1)
    }
}

impl OptimizersModel {
    /// Every optimizer on `surface` from its default start, all at `lr`.
    pub fn new(surface: Surface, lr: f64) -> OptimizersModel {
        let start = surface.default_start();
        OptimizersModel { surface, start, racers: KINDS.iter().map(|&k| Racer::new(k, lr, start)).collect(), player: Player::default(), t: 0 }
    }

    /// One step for every racer that is on and still going; returns whether
    /// any moved.
    pub fn step(&mut self) -> bool {
        let mut moved = false;
        for r in self.racers.iter_mut().filter(|r| r.enabled) {
            moved |= r.step(self.surface);
        }
        if moved {
            self.t += 1;
        } else {
            self.player.pause();
        }
        moved
    }

    /// Play on the clock from `now_ms`, or pause if playing.
    pub fn toggle_play(&mut self, now_ms: f64) {
        if self.player.state() == PlayState::Running {
            self.player.pause();
        } else {
            self.player.play(now_ms);
        }
    }

    /// Advances the clock to `now_ms`; returns whether anything stepped.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        if self.player.state() != PlayState::Running {
            return false;
        }
        let mut changed = false;
        for _ in 0..self.player.tick(now_ms) {
            changed |= self.step();
        }
        changed
    }

    /// Every racer back to the start, the clock to 0.
    pub fn reset(&mut self) {
        let start = self.start;
        for r in &mut self.racers {
            r.restart(start);
        }
        self.t = 0;
        self.player.stop();
    }

    /// A new start (a drag on the map, or the sliders): the race starts over.
    ///
    /// # Errors
    /// A coordinate that is not a finite number of size at most [`START_LIMIT`].
    pub fn set_start(&mut self, w1: f64, w2: f64) -> Result<(), InputError> {
        let w1 = check_value(w1, Input::W1, START_LIMIT)?;
        let w2 = check_value(w2, Input::W2, START_LIMIT)?;
        self.start = [w1, w2];
        self.reset();
        Ok(())
    }

    /// Another surface: its default start, the race starts over.
    pub fn set_surface(&mut self, surface: Surface) {
        self.surface = surface;
        self.start = surface.default_start();
        self.reset();
    }

    /// One η for every racer (the default: the same η behaving differently).
    ///
    /// # Errors
    /// As [`crate::input::check_lr`]; nothing changes then.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        let lr = crate::input::check_lr(lr)?;
        for r in &mut self.racers {
            r.hyper.lr = lr;
        }
        Ok(())
    }

    /// One hyperparameter of one optimizer, by PyTorch's name; applies from
    /// the next step. Each takes its own: `sgd` `lr`, `weight_decay`;
    /// `momentum` also `momentum`, `dampening`; `nesterov` `lr`, `momentum`
    /// (above 0: PyTorch refuses Nesterov without it, or with dampening),
    /// `weight_decay`; `rmsprop` `lr`, `alpha`, `eps`, `weight_decay`; `adam`
    /// and `adamw` `lr`, `beta1`, `beta2`, `eps`, `weight_decay`.
    ///
    /// # Errors
    /// A name that optimizer does not take ([`InputError::NoSuchSetting`]);
    /// a value outside its range: η in (0, 1000], momentum, dampening, α,
    /// β₁, β₂ in [0, 1) (Nesterov's momentum in (0, 1)), ε in (0, 1], λ in
    /// [0, 1]. Nothing changes then.
    pub fn set_hyper(&mut self, kind: Kind, name: &str, value: f64) -> Result<(), InputError> {
        let below_one = |input| {
            check_range(value, input, 0.0, 1.0)?;
            if value < 1.0 {
                Ok(value)
            } else {
                Err(InputError::BelowOne { input, value })
            }
        };
        let takes: &[&str] = match kind {
            Kind::Sgd => &["lr", "weight_decay"],
            Kind::Momentum => &["lr", "momentum", "dampening", "weight_decay"],
            Kind::Nesterov => &["lr", "momentum", "weight_decay"],
            Kind::RmsProp => &["lr", "alpha", "eps", "weight_decay"],
            Kind::Adam | Kind::AdamW => &["lr", "beta1", "beta2", "eps", "weight_decay"],
        };
        if !takes.contains(&name) {
            return Err(InputError::NoSuchSetting);
        }
        let r = self.racers.iter_mut().find(|r| r.kind == kind).ok_or(InputError::NoSuchSetting)?;
        let h = &mut r.hyper;
        match name {
            "lr" => h.lr = crate::input::check_lr(value)?,
            "momentum" if kind == Kind::Nesterov => {
                if below_one(Input::Momentum)? == 0.0 {
                    return Err(InputError::NotPositive { input: Input::Momentum, value });
                }
                h.momentum = value;
            }
            "momentum" => h.momentum = below_one(Input::Momentum)?,
            "dampening" => h.dampening = below_one(Input::Dampening)?,
            "alpha" => h.alpha = below_one(Input::Alpha)?,
            "beta1" => h.beta1 = below_one(Input::Beta1)?,
            "beta2" => h.beta2 = below_one(Input::Beta2)?,
            "eps" => h.eps = crate::input::check_positive(value, Input::Eps, 1.0)?,
            _ => h.weight_decay = check_range(value, Input::WeightDecay, 0.0, 1.0)?,
        }
        Ok(())
    }

    /// An optimizer's hyperparameters back to PyTorch's defaults (at the η
    /// it has).
    pub fn reset_hyper(&mut self, kind: Kind) {
        if let Some(r) = self.racers.iter_mut().find(|r| r.kind == kind) {
            r.hyper = Hyper::defaults(kind, r.hyper.lr);
        }
    }

    /// Switches an optimizer on or off; the race starts over so every racer
    /// shown has run the same steps.
    pub fn set_enabled(&mut self, kind: Kind, enabled: bool) {
        if let Some(r) = self.racers.iter_mut().find(|r| r.kind == kind) {
            r.enabled = enabled;
        }
        self.reset();
    }

    /// The iterates of `kind` so far, the start first (for the map's trails).
    pub fn trail(&self, kind: Kind) -> &[[f64; 2]] {
        self.racers.iter().find(|r| r.kind == kind).map_or(&[], |r| &r.history)
    }

    /// The surface raced on.
    pub fn surface(&self) -> Surface {
        self.surface
    }

    /// The readouts.
    pub fn snapshot(&self) -> OptimizersSnapshot {
        let racers = self
            .racers
            .iter()
            .map(|r| {
                let w = r.at();
                let (loss, grad) = (self.surface.loss(w), self.surface.grad(w));
                let pair = |v: &[f64]| [v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0)];
                let (step, decay) = (pair(&r.parts.grad), pair(&r.parts.decay));
                RacerSnapshot {
                    name: r.kind.name(),
                    enabled: r.enabled,
                    hyper: r.hyper,
                    t: r.history.len() - 1,
                    w,
                    loss,
                    grad,
                    step,
                    decay,
                    health: r.watch.health(),
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
                    },
                }
            })
            .collect();
        OptimizersSnapshot {
            t: self.t,
            state: super::state_name(Health::Stable, self.player.state()),
            surface: self.surface.name(),
            formula: self.surface.formula(),
            start: self.start,
            racers,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
