//! The learning-rate lab (chapter 3, 实验三): the same valley, three learning
//! rates, three fates, on one shared clock.
//!
//! Each run is a [`DescentModel`] panel; the lab owns the one play clock and the
//! shared step count. Changing a run's η retraces that run from the start to the
//! current step, so its panel, loss curve and table row always show "t steps at
//! this η", exactly like a row of the post's table.

use crate::decimal::fixed;
use crate::descent::{Health, Iterate, Run};
use crate::format::fixed4;
use crate::input::InputError;
use crate::landscape::Landscape;
use crate::player::{PlayState, Player};
use crate::regime::{classify_with_valley, contraction};
use crate::widgets::descent::{DescentModel, Scene};
use crate::widgets::lr_scale::{lr_from_slider, slider_from_lr};
use serde::Serialize;

/// The post's three learning rates: 太小, 刚好, 太大.
pub const DEFAULT_LRS: [f64; 3] = [0.03, 0.3, 1.5];
/// How many runs the lab compares.
pub const RUNS: usize = 3;

/// The whole state of the learning-rate lab.
#[derive(Clone, Debug)]
pub struct LrCompareModel {
    panels: [DescentModel; RUNS],
    player: Player,
    /// Steps taken on the shared clock since the last reset.
    t: usize,
    log_scale: bool,
}

/// Readouts of one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSnapshot {
    /// η.
    pub lr: f64,
    /// The η slider's position, `log10(η)` clamped to its ends.
    pub lr_slider: f64,
    /// Steps this run has taken (stops growing once diverged).
    pub t: usize,
    /// Current `w`.
    pub w: f64,
    /// `L(w)`.
    pub loss: f64,
    /// Contraction factor `|1 − η·L″|`.
    pub factor: f64,
    /// `small`, `right`, `oscillating` or `big` (the post's 20-step verdict).
    pub class: &'static str,
    /// The verdict in the post's words (太小 / 刚好 / 偏大 / 太大).
    pub class_zh: &'static str,
    /// The verdict in English.
    pub class_en: &'static str,
    /// The loss grew on the last 3 steps or more.
    pub diverging: bool,
    /// The run stopped: its next step would overflow.
    pub diverged: bool,
    /// The run stopped: its next step would leave the loss's domain.
    pub out_of_domain: bool,
    /// The valley the verdict judges: the local minimum ahead of where the
    /// post's 20 steps from w0 at this η end, `w*` (the bowl's is 3).
    pub w_star: Option<f64>,
    /// Its stability threshold `2 / L″(w*)` (the bowl's is 1).
    pub threshold: Option<f64>,
    /// Readouts as printed: `lr`, `w`, `loss` (4 decimals), `factor`.
    pub text: RunTexts,
}

/// One run's readouts as printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunTexts {
    /// η as typed (shortest form).
    pub lr: String,
    /// `w`, 4 decimals.
    pub w: String,
    /// `L(w)`, 4 decimals.
    pub loss: String,
    /// `|1 − η·L″|`, 2 decimals.
    pub factor: String,
}

/// Readouts of the whole lab.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabSnapshot {
    /// Steps on the shared clock.
    pub t: usize,
    /// `idle`, `running` or `paused` (the clock; runs report divergence themselves).
    pub state: &'static str,
    /// Whether the loss chart is on a log scale.
    pub log_scale: bool,
    /// Playback speed multiplier.
    pub speed: f64,
    /// The shared start point.
    pub w0: f64,
    /// One entry per run.
    pub runs: Vec<RunSnapshot>,
    /// The landscape's preset name (`bowl`, `double-well`, …), or `formula`.
    pub landscape: &'static str,
    /// A typed landscape's formula as typed (what `f=` carries).
    pub typed: Option<String>,
    /// Its formula as printed.
    pub formula: String,
}

impl Default for LrCompareModel {
    fn default() -> Self {
        let panel = |lr: f64| {
            let run = Run::new(Landscape::default(), 0.0, lr).unwrap_or_else(|_| Run::post_default());
            DescentModel::new(run)
        };
        LrCompareModel {
            panels: DEFAULT_LRS.map(panel),
            player: Player::default(),
            t: 0,
            log_scale: true,
        }
    }
}

impl LrCompareModel {
    /// What a frame of the clock can change: the shared step, the play state,
    /// and each run's step and health.
    fn status(&self) -> (usize, PlayState, [(usize, Health); RUNS]) {
        let run = |i: usize| (self.panels[i].run().t(), self.panels[i].run().health());
        (self.t, self.player.state(), [run(0), run(1), run(2)])
    }

    /// One step of the shared clock: every run that can still move steps.
    /// Returns whether any run moved; when none can, the clock stops.
    pub fn step(&mut self, now_ms: f64) -> bool {
        let mut moved = false;
        for panel in &mut self.panels {
            moved |= panel.step(now_ms);
        }
        if moved {
            self.t += 1;
        } else {
            self.player.pause();
        }
        moved
    }

    /// One step back on the shared clock: every run that got that far drops
    /// its newest iterate. Returns whether anything changed.
    pub fn back(&mut self, now_ms: f64) -> bool {
        if self.t == 0 {
            return false;
        }
        self.player.pause();
        self.t -= 1;
        let t = self.t;
        for panel in &mut self.panels {
            if panel.run().t() > t {
                panel.back(now_ms);
            }
        }
        true
    }

    /// Frames resume after a gap: the clock continues from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.player.resync(now_ms);
    }

    /// Play, or pause if playing.
    pub fn toggle_play(&mut self, now_ms: f64) {
        if self.player.state() == PlayState::Running {
            self.player.pause();
        } else {
            self.player.play(now_ms);
        }
    }

    /// Every run back to the start; the clock to 0. (A run's η is checked at
    /// the start whenever it changes, so no run refuses to go back.)
    pub fn reset(&mut self, now_ms: f64) {
        for panel in &mut self.panels {
            // Cannot fail: see above; a refusal would leave that run where it is.
            let _ = panel.reset(now_ms);
        }
        self.t = 0;
        self.player.stop();
    }

    /// A new shared start point: resets every run.
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), InputError> {
        // Every run must accept it before any moves: the lab stays whole.
        for panel in &self.panels {
            crate::descent::check_start(panel.run().landscape(), w0, panel.run().lr())?;
        }
        for panel in &mut self.panels {
            panel.set_start(w0, now_ms)?;
        }
        self.t = 0;
        self.player.stop();
        Ok(())
    }

    /// Sets run `i`'s η exactly and retraces it to the current step.
    pub fn set_lr(&mut self, i: usize, lr: f64, now_ms: f64) -> Result<(), InputError> {
        let t = self.t;
        match self.panels.get_mut(i) {
            Some(panel) => panel.retrace(lr, t, now_ms),
            None => Ok(()),
        }
    }

    /// Sets run `i`'s η from its log slider (value `log10(η)`).
    pub fn set_lr_slider(&mut self, i: usize, pos: f64, now_ms: f64) -> Result<(), InputError> {
        self.set_lr(i, lr_from_slider(pos).unwrap_or(f64::NAN), now_ms)
    }

    /// Log or linear loss axis.
    pub fn set_log_scale(&mut self, log: bool) {
        self.log_scale = log;
    }

    /// Sets the playback speed (clamped); returns the speed in force.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        for panel in &mut self.panels {
            panel.set_speed(speed);
        }
        self.player.set_speed(speed)
    }

    /// With reduced motion the balls jump instead of flying.
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        for panel in &mut self.panels {
            panel.set_reduced_motion(reduced);
        }
    }

    /// A new landscape for all three runs: each starts over at its default
    /// start point with its own η; the clock goes back to 0.
    ///
    /// # Errors
    /// A run's refusal of the default start (a typed L defined nowhere near
    /// it, or too steep there for that run's η): then no run changes.
    pub fn set_landscape(&mut self, landscape: crate::landscape::Landscape, now_ms: f64) -> Result<(), InputError> {
        let mut panels = self.panels.clone();
        for panel in &mut panels {
            panel.set_landscape(landscape.clone(), now_ms)?;
        }
        self.panels = panels;
        self.t = 0;
        self.player.stop();
        Ok(())
    }

    /// Views change at once at each step (see `DescentModel::set_view_jumps`).
    pub fn set_view_jumps(&mut self, jumps: bool) {
        for panel in &mut self.panels {
            panel.set_view_jumps(jumps);
        }
    }

    /// Advances the play clock to `now_ms`, stepping if a step is due.
    /// Returns whether the snapshot changed, whatever changed it: a step, or
    /// a state reached inside the frame (a refused step pauses the clock and
    /// the run shows *diverged*). The page syncs the DOM exactly then. (What a
    /// frame can change is compared, not the whole snapshot: a property test
    /// checks the two agree.)
    pub fn tick(&mut self, now_ms: f64) -> bool {
        if self.player.state() != PlayState::Running {
            return false;
        }
        let before = self.status();
        for _ in 0..self.player.tick(now_ms) {
            self.step(now_ms);
        }
        self.status() != before
    }

    /// Whether more frames are needed.
    pub fn animating(&self, now_ms: f64) -> bool {
        self.player.state() == PlayState::Running || self.panels.iter().any(|p| p.animating(now_ms))
    }

    /// The readouts.
    pub fn snapshot(&self) -> LabSnapshot {
        let w0 = self.panels[0].run().w0();
        LabSnapshot {
            t: self.t,
            state: match self.player.state() {
                PlayState::Idle => "idle",
                PlayState::Running => "running",
                PlayState::Paused => "paused",
            },
            log_scale: self.log_scale,
            speed: self.player.speed(),
            w0,
            runs: self.panels.iter().map(|p| run_snapshot(p.run())).collect(),
            landscape: self.panels[0].run().landscape().key(),
            typed: self.panels[0].run().landscape().typed_text().map(str::to_owned),
            formula: self.panels[0].run().landscape().formula(),
        }
    }

    /// The frame of panel `i` at `now_ms`.
    pub fn panel_scene(&self, i: usize, now_ms: f64) -> Option<Scene<'_>> {
        self.panels.get(i).map(|p| p.scene(now_ms))
    }

    /// Every run's iterates, for the loss-per-step chart.
    pub fn histories(&self) -> [&[Iterate]; RUNS] {
        [0, 1, 2].map(|i| self.panels[i].run().history())
    }

    /// The landscape the runs share.
    pub fn landscape(&self) -> crate::landscape::Landscape {
        self.panels[0].run().landscape().clone()
    }

    /// Every run's η.
    pub fn lrs(&self) -> [f64; RUNS] {
        [0, 1, 2].map(|i| self.panels[i].run().lr())
    }

    /// Steps on the shared clock.
    pub fn t(&self) -> usize {
        self.t
    }

    /// Milliseconds between automatic steps at the current speed.
    pub fn interval_ms(&self) -> f64 {
        self.player.interval_ms()
    }

    /// Whether the loss chart is on a log scale.
    pub fn log_scale(&self) -> bool {
        self.log_scale
    }
}

fn run_snapshot(run: &Run) -> RunSnapshot {
    let landscape = run.landscape();
    // The verdict and the stability marks judge the same valley: the one
    // ahead of where the post's 20 steps end.
    let (regime, valley) = classify_with_valley(landscape, run.w0(), run.lr());
    let factor = contraction(landscape, run.w(), run.lr());
    RunSnapshot {
        lr: run.lr(),
        lr_slider: slider_from_lr(run.lr()),
        t: run.t(),
        w: run.w(),
        loss: run.loss(),
        factor,
        class: regime.key(),
        class_zh: regime.zh(),
        class_en: regime.en(),
        diverging: run.health() == Health::Diverging,
        diverged: run.health() == Health::Diverged,
        out_of_domain: run.health() == Health::OutOfDomain,
        w_star: valley.map(|v| v.0),
        threshold: valley.and_then(|v| crate::regime::threshold(landscape, v.0)),
        text: RunTexts {
            lr: crate::format::short(run.lr()),
            w: fixed4(run.w()),
            loss: fixed4(run.loss()),
            factor: fixed(factor, 2),
        },
    }
}

#[cfg(test)]
mod tests;
