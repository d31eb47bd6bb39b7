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

use crate::descent::{Health, Watch};
use crate::format::fixed4;
use crate::input::{check_range, check_value, Input, InputError};
use crate::landscape::Landscape;
use crate::optim::{self, Hyper, Kind, Parts, State, KINDS};
use crate::player::{PlayState, Player};
use crate::surface::Surface;
use serde::Serialize;

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

/// What the race runs on: a curve L(w) (one parameter, the descent widget's
/// landscapes) or a surface L(w1, w2) (two).
#[derive(Clone, Debug)]
pub enum Field {
    /// On a line: w is the racers' only parameter (their `w2` stays 0).
    Line(Landscape),
    /// On a map: (w1, w2).
    Map(Surface),
}

impl Field {
    /// Parameters per racer: 1 on a line, 2 on a map.
    pub fn dims(&self) -> usize {
        match self {
            Field::Line(_) => 1,
            Field::Map(_) => 2,
        }
    }

    /// L at `w` (on a line, at `w[0]`).
    pub fn loss(&self, w: [f64; 2]) -> f64 {
        match self {
            Field::Line(l) => l.loss(w[0]),
            Field::Map(s) => s.loss(w),
        }
    }

    /// ∇L at `w` (on a line, `[L′(w[0]), 0]`).
    pub fn grad(&self, w: [f64; 2]) -> [f64; 2] {
        match self {
            Field::Line(l) => [l.grad(w[0]), 0.0],
            Field::Map(s) => s.grad(w),
        }
    }

    /// Whether L is defined at `w` (only a typed L(w) can be undefined).
    pub fn defined(&self, w: [f64; 2]) -> bool {
        match self {
            Field::Line(l) => l.defined(w[0]),
            Field::Map(s) => s.defined(w),
        }
    }

    /// `line` or `map`, as `data-control="view"` names them.
    pub fn view(&self) -> &'static str {
        match self {
            Field::Line(_) => "line",
            Field::Map(_) => "map",
        }
    }

    /// The name links use: a preset's or surface's, or `formula`.
    pub fn key(&self) -> &'static str {
        match self {
            Field::Line(l) => l.key(),
            Field::Map(s) => s.name(),
        }
    }

    /// The formula as printed.
    pub fn formula(&self) -> String {
        match self {
            Field::Line(l) => l.formula(),
            Field::Map(s) => s.formula(),
        }
    }

    /// Where a race starts by default.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            Field::Line(l) => [l.default_start(), 0.0],
            Field::Map(s) => s.default_start(),
        }
    }
}

/// One optimizer in the race.
#[derive(Clone, Debug)]
struct Racer {
    kind: Kind,
    enabled: bool,
    hyper: Hyper,
    state: State,
    /// Every iterate, the start first.
    history: Vec<[f64; 2]>,
    /// L at each iterate (kept, so a frame or a retrace evaluates nothing twice).
    losses: Vec<f64>,
    /// ∇L at the newest iterate.
    grad: [f64; 2],
    /// What the last step did to each parameter (empty before the first).
    parts: Parts,
    watch: Watch,
}

impl Racer {
    fn new(kind: Kind, lr: f64, field: &Field, start: [f64; 2]) -> Racer {
        let mut r = Racer {
            kind,
            enabled: on_by_default(kind),
            hyper: Hyper::defaults(kind, lr),
            state: State::new(2),
            history: Vec::new(),
            losses: Vec::new(),
            grad: [0.0; 2],
            parts: Parts::default(),
            watch: Watch::default(),
        };
        r.restart(field, start);
        r
    }

    /// Its health as the page shows it. *Diverging* (three rises in a row,
    /// the descent widget's rule) only while the loss is also above where
    /// it started: Adam and momentum climb a little now and then as they
    /// coast through a valley, and that is not divergence.
    fn health(&self) -> Health {
        match self.watch.health() {
            Health::Diverging if self.losses.last() <= self.losses.first() => Health::Stable,
            h => h,
        }
    }

    fn at(&self) -> [f64; 2] {
        self.history[self.history.len() - 1]
    }

    /// One step; false when it was refused (the racer stops, diverged or
    /// out of the domain).
    fn step(&mut self, field: &Field) -> bool {
        if self.watch.health().stopped() {
            return false;
        }
        let n = field.dims();
        let here = self.at();
        let g = self.grad;
        let mut next = here;
        let mut state = self.state.clone();
        let mut parts = Parts::default();
        optim::step(self.kind, &self.hyper, &mut state, &mut next[..n], &g[..n], Some(&mut parts));
        if next.iter().all(|x| x.is_finite()) && !field.defined(next) {
            self.watch.leave_domain();
            return false;
        }
        let (loss, grad) = (field.loss(next), field.grad(next));
        let finite = [next[0], next[1], loss, grad[0], grad[1]].iter().all(|x| x.is_finite())
            && state.m.iter().chain(&state.v).chain(&state.buffer).all(|x| x.is_finite());
        if !finite {
            self.watch.overflow();
            return false;
        }
        self.watch.observe(self.losses[self.losses.len() - 1], loss);
        self.state = state;
        self.parts = parts;
        self.history.push(next);
        self.losses.push(loss);
        self.grad = grad;
        true
    }

    fn restart(&mut self, field: &Field, start: [f64; 2]) {
        self.state = State::new(2);
        self.history = vec![start];
        self.losses = vec![field.loss(start)];
        self.grad = field.grad(start);
        self.parts = Parts::default();
        self.watch = Watch::default();
    }
}

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

/// One racer as the pictures draw it ([`OptimizersModel::pictures`]).
#[derive(Clone, Debug)]
pub struct RacerPicture<'a> {
    /// Its index in [`KINDS`]: colour and marker.
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
    /// The hyperparameters it takes, by PyTorch's names ([`Kind::takes`]).
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

    /// The race a link describes (already read by
    /// [`crate::settings::parse_query`]), set in this order: speed, view,
    /// landscape (`f2`, a surface, or — when `curves` — a curve from `f` or
    /// `landscape`), η, each optimizer's settings, which are on, the start,
    /// then `steps` steps. `curves` is whether a curve is the race's (in its
    /// own embed, or with `view=line`; on the full page `f` and a curve's
    /// `landscape` are the other widgets'). Every part is tried: the
    /// refusals come back in order, and the rest of the link still applies.
    /// The page and `downhill-render` both set a race from a link here.
    pub fn apply_link(&mut self, settings: &crate::settings::Settings, curves: bool) -> Vec<InputError> {
        let mut refused = Vec::new();
        let mut check = |r: Result<(), InputError>| {
            if let Err(e) = r {
                refused.push(e);
            }
        };
        if let Some(speed) = settings.speed {
            self.set_speed(speed);
        }
        if let Some(view) = settings.view {
            check(self.set_view(view));
        }
        // `f2`, then (when curves are the race's) `f`, then a surface, then a
        // curve's name: a typed formula wins over a name, as everywhere.
        let typed_curve = settings.f.as_ref().filter(|_| curves).and_then(|_| settings.chosen_landscape());
        if let Some(surface) = settings.f2.as_deref().and_then(|t| Surface::typed(t).ok()) {
            check(self.set_surface(surface));
        } else if let Some(curve) = typed_curve {
            check(self.set_landscape(curve));
        } else if let Some(surface) = settings.surface.and_then(Surface::named) {
            check(self.set_surface(surface));
        } else if let Some(curve) = settings.chosen_landscape().filter(|_| curves) {
            check(self.set_landscape(curve));
        }
        if let Some(lr) = settings.lr {
            check(self.set_lr(lr));
        }
        for h in &settings.hyper {
            if let Some(kind) = Kind::named(h.opt) {
                check(self.set_hyper(kind, h.name, h.value));
            }
        }
        if let Some(on) = &settings.opt {
            for kind in KINDS {
                self.set_enabled(kind, on.contains(&kind.name()));
            }
        }
        if settings.w1.is_some() || settings.w2.is_some() {
            let start = self.start;
            check(self.set_start(settings.w1.unwrap_or(start[0]), settings.w2.unwrap_or(start[1])));
        }
        for _ in 0..settings.steps.unwrap_or(0) {
            if !self.step() {
                break;
            }
        }
        refused
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

    /// What the pictures need of each racer switched on, without building
    /// a snapshot: its index in [`KINDS`] (its colour and marker), its
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
    /// [`KINDS`], with its losses, the start's first. A racer that stopped
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

    /// What the race runs on.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// Whether the loss chart is on a log axis.
    pub fn log_scale(&self) -> bool {
        self.log_scale
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
            state: super::state_name(health, self.player.state()),
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

/// Whether `kind` races in the default scene: all but Nesterov, which at the
/// post's η = 0.1 with PyTorch's μ = 0.9 diverges on the ravine's steep w2
/// (its look-ahead is stable only for η·L″ < 2(1 + μ)/(1 + 2μ) ≈ 1.36, and
/// η·L″ = 2 there): one click shows it, but a first look should show the
/// post's point, SGD against Adam, not an explosion.
pub fn on_by_default(kind: Kind) -> bool {
    kind != Kind::Nesterov
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
