//! The optimizers race: SGD, momentum, Nesterov, RMSprop, Adam and AdamW
//! from one start, on one clock, on a curve L(w) (the line view) or a
//! surface L(w1, w2) (the map view). The model only: what a page and a
//! picture need, with no web types (`bindings/optimizers.rs` draws it with
//! `render/map.rs`).
//!
//! Each racer steps with [`crate::optim::step`] on the exact gradient. Divergence is a state for every optimizer, as in the descent
//! widget: *diverging* while its loss rises three steps in a row, and a step
//! that would make a parameter, the loss or the gradient non-finite is refused
//! and the racer stops, *diverged*; the others go on. No snapshot number is
//! ever NaN or ±∞.

use crate::input::{check_range, check_value, Input, InputError};
use crate::landscape::Landscape;
use crate::optim::{Hyper, Kind, KINDS};
use crate::player::{PlayState, Player};
use crate::surface::Surface;

/// The largest η accepted (as the descent widget's).
pub const LR_MAX: f64 = crate::descent::LR_MAX;
/// The largest |w1|, |w2| a start may have.
pub const START_LIMIT: f64 = 1e6;
/// Most steps on the race's clock; the race pauses there. The same as a
/// link's `steps` ([`crate::settings::MAX_STEPS`]), so every race a link
/// can describe is one it can replay.
pub const MAX_T: usize = crate::settings::MAX_STEPS as usize;
/// The race's playback speed until the reader picks one: a step every
/// [`crate::player::STEP_MS`] / 8 = 87.5 ms, about 11 a second, since a race
/// runs to hundreds of steps where the descent widget's run takes twenty.
pub const DEFAULT_SPEED: f64 = 8.0;

/// The whole state of the race.
#[derive(Clone, Debug)]
pub struct OptimizersModel {
    field: Field,
    /// The curve the line view shows when the reader switches to it.
    line: Landscape,
    /// The surface the map view shows when the reader switches to it.
    surface: Surface,
    start: [f64; 2],
    /// The η every racer takes when the shared slider moves.
    lr: f64,
    racers: Vec<Racer>,
    player: Player,
    /// Steps on the clock since the last reset.
    t: usize,
    /// Loss chart on a log axis (the default, as the lab's).
    log_scale: bool,
    /// Counts every change a picture shows (a step, a reset, a retrace, the
    /// axis), so a page redraws only when it moved.
    version: u64,
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
        let field = Field::Map(surface.clone());
        let start = field.default_start();
        let mut player = Player::default();
        player.set_speed(DEFAULT_SPEED);
        let racers = KINDS.iter().map(|&k| Racer::new(k, lr, &field, start)).collect();
        OptimizersModel {
            field,
            line: Landscape::default(),
            surface,
            start,
            lr,
            racers,
            player,
            t: 0,
            log_scale: true,
            version: 0,
        }
    }

    /// One step for every racer that is on and still going; returns whether
    /// any moved. The clock stops at [`MAX_T`].
    pub fn step(&mut self) -> bool {
        let mut moved = false;
        if self.t < MAX_T {
            for r in self.racers.iter_mut().filter(|r| r.enabled) {
                moved |= r.step(&self.field);
            }
        }
        if moved {
            self.t += 1;
            self.version += 1;
        } else {
            self.player.pause();
        }
        moved
    }

    /// One step back on the clock (every racer retraced to it); false at 0.
    pub fn back(&mut self) -> bool {
        self.t = self.clock();
        if self.t == 0 {
            return false;
        }
        self.t -= 1;
        self.player.pause();
        self.retrace();
        true
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
        // A race that stopped by itself pauses: its state changed too.
        changed || self.player.state() != PlayState::Running
    }

    /// Whether frames are still needed (the clock is running).
    pub fn animating(&self) -> bool {
        self.player.state() == PlayState::Running
    }

    /// Frames resume after a gap: playing goes on from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.player.resync(now_ms);
    }

    /// Sets the playback speed (clamped); returns the speed in force.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.player.set_speed(speed)
    }

    /// Log (true) or linear loss axis.
    pub fn set_log_scale(&mut self, log: bool) {
        self.log_scale = log;
        self.version += 1;
    }

    /// Steps on the clock, as shown.
    pub fn t(&self) -> usize {
        self.clock()
    }

    /// Time between automatic steps at the current speed, in milliseconds.
    pub fn interval_ms(&self) -> f64 {
        self.player.interval_ms()
    }

    /// The same race from t = 0: the same landscape, start, switches,
    /// settings and speed (what a GIF films).
    pub fn replay(&self) -> OptimizersModel {
        let mut m = self.clone();
        m.reset();
        m
    }

    /// A number that changes whenever what the pictures show changes.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Every racer back to the start, the clock to 0.
    pub fn reset(&mut self) {
        let start = self.start;
        for r in &mut self.racers {
            r.restart(&self.field, start);
        }
        self.t = 0;
        self.player.stop();
        self.version += 1;
    }

    /// Every racer run again from the start to the clock's step, after a
    /// setting changed (the trails show the new setting at once, as the
    /// lab's runs do when η moves).
    fn retrace(&mut self) {
        self.version += 1;
        let (start, t) = (self.start, self.t);
        for r in &mut self.racers {
            r.restart(&self.field, start);
            if r.enabled {
                for _ in 0..t {
                    if !r.step(&self.field) {
                        break;
                    }
                }
            }
        }
    }

    /// The clock as shown: the steps the race took, at most the clock's
    /// target `t`; fewer while every racer switched on stopped sooner (a
    /// setting that makes them all diverge early). The target stays, so a
    /// setting that lets them run again retraces them to it.
    fn clock(&self) -> usize {
        let furthest = self.racers.iter().filter(|r| r.enabled).map(|r| r.history.len() - 1).max();
        furthest.map_or(self.t, |f| f.min(self.t))
    }

    /// A new start (a drag on the map or the line, or the sliders): the race
    /// starts over. On a line `w2` is ignored.
    ///
    /// # Errors
    /// On the map, a coordinate that is not a finite number of size at most
    /// [`START_LIMIT`], or a point where L is not defined or L or ∇L is not
    /// finite ([`InputError::OffTheMap`]); on a line, as the descent widget
    /// refuses a start ([`crate::descent::check_start`]). Nothing changes then.
    pub fn set_start(&mut self, w1: f64, w2: f64) -> Result<(), InputError> {
        self.start = self.checked_start(w1, w2)?;
        self.reset();
        Ok(())
    }

    /// A start where L, ∇L (and on a line L″) are defined and finite, so
    /// the snapshot's numbers are; η plays no part (a step that overflows
    /// is the race's to show, as *diverged*).
    fn checked_start(&self, w1: f64, w2: f64) -> Result<[f64; 2], InputError> {
        match &self.field {
            Field::Line(l) => Ok([crate::descent::check_start(l, w1, 0.0)?, 0.0]),
            Field::Map(s) => {
                let w = [check_value(w1, Input::W1, START_LIMIT)?, check_value(w2, Input::W2, START_LIMIT)?];
                let g = s.grad(w);
                if s.defined(w) && [s.loss(w), g[0], g[1]].iter().all(|x| x.is_finite()) {
                    Ok(w)
                } else {
                    Err(InputError::OffTheMap { w1: w[0], w2: w[1], defined: s.defined(w) })
                }
            }
        }
    }

    /// Another surface: the map view, its default start, the race starts over.
    ///
    /// # Errors
    /// A typed surface defined nowhere in its span
    /// ([`InputError::NowhereOnTheMap`]); nothing changes then.
    pub fn set_surface(&mut self, surface: Surface) -> Result<(), InputError> {
        let start = surface.default_start();
        let g = surface.grad(start);
        if !surface.defined(start) || ![surface.loss(start), g[0], g[1]].iter().all(|x| x.is_finite()) {
            return Err(InputError::NowhereOnTheMap);
        }
        self.surface = surface.clone();
        self.switch(Field::Map(surface));
        Ok(())
    }

    /// Another curve L(w): the line view, its default start, the race
    /// starts over.
    ///
    /// # Errors
    /// A typed L that is not defined ([`InputError::Undefined`]) or not
    /// finite ([`InputError::OffTheCurve`]) where a ball would start;
    /// nothing changes then.
    pub fn set_landscape(&mut self, landscape: Landscape) -> Result<(), InputError> {
        // Where L, L′ and L″ are numbers at the start (a typed `1e308pi` is ∞ everywhere).
        crate::descent::check_start(&landscape, landscape.default_start(), 0.0)?;
        self.line = landscape.clone();
        self.switch(Field::Line(landscape));
        Ok(())
    }

    /// `line` or `map`: the curve or surface last shown in that view. Any
    /// other name is refused ([`InputError::NoSuchSetting`]).
    pub fn set_view(&mut self, view: &str) -> Result<(), InputError> {
        match view {
            _ if view == self.field.view() => {}
            "line" => self.switch(Field::Line(self.line.clone())),
            "map" => self.switch(Field::Map(self.surface.clone())),
            _ => return Err(InputError::NoSuchSetting),
        }
        Ok(())
    }

    fn switch(&mut self, field: Field) {
        self.start = field.default_start();
        self.field = field;
        self.reset();
    }

    /// One η for every racer (the default: the same η behaving
    /// differently); the race is retraced to the clock's step.
    ///
    /// # Errors
    /// As [`crate::input::check_lr`]; nothing changes then.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        let lr = crate::input::check_lr(lr)?;
        self.lr = lr;
        for r in &mut self.racers {
            r.hyper.lr = lr;
        }
        self.retrace();
        Ok(())
    }

    /// One hyperparameter of one optimizer, by PyTorch's name; the race is
    /// retraced to the clock's step with it. Each takes its own: `sgd` `lr`,
    /// `weight_decay`; `momentum` also `momentum`, `dampening`; `nesterov`
    /// `lr`, `momentum` (above 0: PyTorch refuses Nesterov without it, or
    /// with dampening), `weight_decay`; `rmsprop` `lr`, `alpha`, `eps`,
    /// `weight_decay`; `adam` and `adamw` `lr`, `beta1`, `beta2`, `eps`,
    /// `weight_decay`.
    ///
    /// # Errors
    /// A name that optimizer does not take ([`InputError::NotTaken`]);
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
        if !kind.takes().contains(&name) {
            return Err(InputError::NotTaken { optimizer: kind });
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
        self.retrace();
        Ok(())
    }

    /// An optimizer's hyperparameters back to PyTorch's defaults, at the
    /// shared η; the race is retraced.
    pub fn reset_hyper(&mut self, kind: Kind) {
        if let Some(r) = self.racers.iter_mut().find(|r| r.kind == kind) {
            r.hyper = Hyper::defaults(kind, self.lr);
        }
        self.retrace();
    }

    /// Switches an optimizer on or off; it joins at the clock's step (its
    /// run retraced), so every racer shown has run the same steps.
    pub fn set_enabled(&mut self, kind: Kind, enabled: bool) {
        if let Some(r) = self.racers.iter_mut().find(|r| r.kind == kind) {
            r.enabled = enabled;
        }
        self.retrace();
    }

    /// The iterates of `kind` so far, the start first (for the trails).
    pub fn trail(&self, kind: Kind) -> &[[f64; 2]] {
        self.racers.iter().find(|r| r.kind == kind).map_or(&[], |r| &r.history)
    }

    /// What the race runs on.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// Whether the loss chart is on a log axis.
    pub fn log_scale(&self) -> bool {
        self.log_scale
    }

}

/// Whether `kind` races in the default scene: all but Nesterov, which at the
/// post's η = 0.1 with PyTorch's μ = 0.9 diverges on the ravine's steep w2
/// (its look-ahead is stable only for η·L″ < 2(1 + μ)/(1 + 2μ) ≈ 1.36, and
/// η·L″ = 2 there): one click shows it, but a first look should show the
/// post's point, SGD against Adam, not an explosion.
pub fn on_by_default(kind: Kind) -> bool {
    kind != Kind::Nesterov
}

mod field;
mod link;
mod racer;
mod readouts;

pub use field::Field;
pub use readouts::{OptimizersSnapshot, RacerPicture, RacerSnapshot, RacerTexts};
use racer::Racer;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
