//! The descent widget (chapter 2, 实验二): one ball rolling down one valley.
//!
//! The run answers at once (a Step click changes `t` and every readout in the
//! same call); the picture follows over [`FLIGHT_MS`] at 1×.

use crate::descent::{Health, Iterate, Run};
use crate::flight::{Flight, FLIGHT_MS};
use crate::input::InputError;
use crate::landscape::Landscape;
use crate::player::{PlayState, Player};
use crate::view::View;
use crate::widgets::lr_scale::lr_from_slider;

mod readouts;
pub use readouts::{Row, Snapshot, Texts};

/// The whole state of the descent widget.
#[derive(Clone, Debug)]
pub struct DescentModel {
    run: Run,
    player: Player,
    flight: Flight,
    /// The view drawn when the current flight started, and the one it heads to.
    view_from: View,
    view_to: View,
    /// Smallest and largest `w` in the history, kept so fitting the view is O(1) a step.
    w_range: (f64, f64),
    reduced_motion: bool,
    /// The view moves to the run's at each step instead of gliding with the
    /// flight (exported GIFs: the axes then change once a step, not every frame).
    view_jumps: bool,
    /// A replay's learning rates: step `t + 1` uses `replay_lrs[t]`, then
    /// `replay_final` (see [`DescentModel::replay`]). Empty for a live run.
    replay_lrs: Vec<f64>,
    replay_final: f64,
}

/// Everything the renderer needs for one frame, borrowed from the model.
#[derive(Clone, Debug)]
pub struct Scene<'a> {
    /// The curve.
    pub landscape: &'a Landscape,
    /// The data rectangle to show.
    pub view: View,
    /// All iterates so far (the last one is where the ball is heading).
    pub trail: &'a [Iterate],
    /// Where the ball is drawn: `(w, height)`.
    pub ball: (f64, f64),
    /// Whether the ball has arrived (tangent and update arrow are shown then).
    pub at_rest: bool,
    /// The learning rate, for the update arrow.
    pub lr: f64,
    /// Whether the run is diverging / diverged, for the badge colour.
    pub health: Health,
}

impl Default for DescentModel {
    fn default() -> Self {
        DescentModel::new(Run::post_default())
    }
}

impl DescentModel {
    /// A widget showing `run`, with the ball at rest on its current iterate.
    pub fn new(run: Run) -> DescentModel {
        let w_range = w_range(run.history());
        let view = View::fit(run.landscape(), [w_range.0, w_range.1]);
        DescentModel {
            flight: Flight::at_rest(run.landscape(), run.w()),
            run,
            player: Player::default(),
            view_from: view,
            view_to: view,
            w_range,
            reduced_motion: false,
            view_jumps: false,
            replay_lrs: Vec::new(),
            replay_final: f64::NAN,
        }
    }

    /// One step now; returns whether the run moved. The readouts change at once.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.follow_replay();
        let moved = self.run.step();
        self.follow_replay();
        if moved {
            let w = self.run.w();
            self.w_range = (self.w_range.0.min(w), self.w_range.1.max(w));
            self.follow(now_ms);
        } else {
            // Diverged: nothing more to play.
            self.player.pause();
        }
        moved
    }

    /// One step back through the history; returns whether anything changed.
    pub fn back(&mut self, now_ms: f64) -> bool {
        self.player.pause();
        let moved = self.run.back();
        // The view stays as wide as it was: stepping back does not zoom.
        if moved {
            self.w_range = w_range(self.run.history());
            self.follow(now_ms);
        }
        moved
    }

    /// Play, or pause if playing.
    pub fn toggle_play(&mut self, now_ms: f64) {
        if self.player.state() == PlayState::Running {
            self.player.pause();
        } else {
            self.play(now_ms);
        }
    }

    /// Starts stepping on the clock (a diverged run stays put).
    pub fn play(&mut self, now_ms: f64) {
        if !self.run.health().stopped() {
            self.player.play(now_ms);
        }
    }

    /// Frames resume after a gap: the clock continues from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.player.resync(now_ms);
    }

    /// Stops stepping on the clock.
    pub fn pause(&mut self) {
        self.player.pause();
    }

    /// Back to `t = 0` from the same start.
    ///
    /// # Errors
    /// [`InputError::OffTheCurve`] when the η in force would overflow at
    /// the start (η was raised after the run left it); nothing changes.
    pub fn reset(&mut self, now_ms: f64) -> Result<(), InputError> {
        let w0 = self.run.w0();
        crate::descent::check_start(self.run.landscape(), w0, self.run.lr())?;
        self.restart(w0, now_ms, true);
        Ok(())
    }

    /// A new start point (slider, click or drag on the canvas): resets the run.
    /// The view stays put while the new start is inside it, so a drag on the
    /// canvas does not move the axes under the pointer.
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), InputError> {
        crate::descent::check_start(self.run.landscape(), w0, self.run.lr())?;
        let shown = self.shown_view(now_ms);
        self.restart(w0, now_ms, !(shown.x0 <= w0 && w0 <= shown.x1));
        Ok(())
    }

    /// A new landscape: the run starts over at its default start point with
    /// the same η, and the view fits the new curve.
    pub fn set_landscape(&mut self, landscape: Landscape, now_ms: f64) {
        let w0 = landscape.default_start();
        if let Ok(run) = Run::new(landscape, w0, self.run.lr()) {
            let speed = self.player.speed();
            let (reduced, jumps) = (self.reduced_motion, self.view_jumps);
            *self = DescentModel::new(run);
            self.player.set_speed(speed);
            self.reduced_motion = reduced;
            self.view_jumps = jumps;
            let _ = now_ms;
        }
    }

    /// A new η from the number field or a preset; applies from the next step.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        self.run.set_lr(lr)
    }

    /// Runs again from the start with η for up to `t` steps (fewer if it
    /// diverges), as if η had been set from the beginning. The learning-rate lab
    /// uses this so dragging η reshapes the whole trajectory at once.
    pub fn retrace(&mut self, lr: f64, t: usize, now_ms: f64) -> Result<(), InputError> {
        // Checked at the start before anything changes: a refused η leaves the run as it was.
        let w0 = self.run.w0();
        crate::descent::check_start(self.run.landscape(), w0, crate::input::check_lr(lr)?)?;
        self.run.reset(w0)?;
        self.run.set_lr(lr)?;
        self.w_range = (w0, w0);
        for _ in 0..t {
            if !self.run.step() {
                break;
            }
            let w = self.run.w();
            self.w_range = (self.w_range.0.min(w), self.w_range.1.max(w));
        }
        self.refit(now_ms);
        self.fly(now_ms);
        Ok(())
    }

    /// A new η from the log slider (its value is `log10(η)`).
    pub fn set_lr_slider(&mut self, pos: f64) -> Result<(), InputError> {
        self.run.set_lr(lr_from_slider(pos).unwrap_or(f64::NAN))
    }

    /// Sets the playback speed (clamped); returns the speed in force.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.player.set_speed(speed)
    }

    /// When set, the view changes at once at each step while the ball still
    /// flies (an exported GIF then redraws its axes once a step).
    pub fn set_view_jumps(&mut self, jumps: bool) {
        self.view_jumps = jumps;
    }

    /// With reduced motion the ball jumps instead of flying.
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.reduced_motion = reduced;
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

    /// Whether frames are still needed: playing, or the picture still catching up.
    pub fn animating(&self, now_ms: f64) -> bool {
        self.player.state() == PlayState::Running || !self.flight.done(now_ms)
    }

    /// The frame to draw at `now_ms`.
    pub fn scene(&self, now_ms: f64) -> Scene<'_> {
        let landscape = self.run.landscape();
        Scene {
            landscape,
            view: self.shown_view(now_ms),
            trail: self.run.history(),
            ball: self.flight.position(landscape, now_ms),
            at_rest: self.flight.done(now_ms),
            lr: self.run.lr(),
            health: self.run.health(),
        }
    }

    /// Milliseconds between automatic steps at the current speed.
    pub fn interval_ms(&self) -> f64 {
        self.player.interval_ms()
    }

    /// The run this model shows, back at t = 0 (same landscape, start, speed),
    /// set to take each step with the η that step took here, so stepping it
    /// `run().t()` times retraces this run exactly even if η was changed
    /// part-way; after those steps η is the one in force here. The picture
    /// starts from the view the run starts with.
    pub fn replay(&self) -> DescentModel {
        let run = self.run();
        let lrs: Vec<f64> = run.history().iter().skip(1).filter_map(|it| it.update.map(|u| u.lr)).collect();
        let first = lrs.first().copied().unwrap_or(run.lr());
        let mut fresh = match Run::new(run.landscape().clone(), run.w0(), first) {
            Ok(r) => DescentModel::new(r),
            // This run's own start and η were accepted once; they are again.
            Err(_) => self.clone(),
        };
        fresh.player.set_speed(self.player.speed());
        fresh.replay_lrs = lrs;
        fresh.replay_final = run.lr();
        fresh.follow_replay();
        fresh
    }

    /// The run being shown.
    pub fn run(&self) -> &Run {
        &self.run
    }
}

impl DescentModel {
    /// What a frame of the clock can change, as the snapshot shows it: the
    /// step, the state and the badge.
    fn status(&self) -> (usize, &'static str, bool) {
        let health = self.run.health();
        (
            self.run.t(),
            super::state_name(health, self.player.state()),
            health == Health::Diverging,
        )
    }

    /// In a replay, sets the η the next step takes (or, past the recorded
    /// steps, the one the replayed run ended with).
    fn follow_replay(&mut self) {
        if self.replay_final.is_nan() {
            return;
        }
        let lr = self.replay_lrs.get(self.run.t()).copied().unwrap_or(self.replay_final);
        // Each of these η was accepted by this same check before.
        let _ = self.run.set_lr(lr);
    }

    fn restart(&mut self, w0: f64, now_ms: f64, refit: bool) {
        // `check_w0` already passed; `reset` cannot fail here.
        if self.run.reset(w0).is_ok() {
            self.w_range = (w0, w0);
            self.player.stop();
            if refit {
                self.refit(now_ms);
            }
            self.fly(now_ms);
        }
    }

    /// Points the view and the ball's flight at the run's current iterate. The
    /// view only grows while a run goes on, so the axes never zoom under a
    /// converging ball; a diverging one is followed outwards.
    fn follow(&mut self, now_ms: f64) {
        // The view's animation is timed by the flight: move it before retargeting.
        self.view_from = self.shown_view(now_ms);
        self.view_to = self.view_to.union(&self.fitted());
        self.fly(now_ms);
    }

    /// Starts moving the view from the one drawn now to the one that fits the run.
    fn refit(&mut self, now_ms: f64) {
        self.view_from = self.shown_view(now_ms);
        self.view_to = self.fitted();
    }

    fn fitted(&self) -> View {
        View::fit(self.run.landscape(), [self.w_range.0, self.w_range.1])
    }

    /// Sends the ball from where it is drawn now to the run's current iterate.
    fn fly(&mut self, now_ms: f64) {
        let landscape = self.run.landscape().clone();
        self.flight = self
            .flight
            .retarget(&landscape, self.run.w(), now_ms, self.flight_ms());
    }

    /// The view drawn at `now_ms`.
    fn shown_view(&self, now_ms: f64) -> View {
        if self.view_jumps {
            return self.view_to;
        }
        self.view_from.lerp(&self.view_to, self.flight.progress(now_ms))
    }

    fn flight_ms(&self) -> f64 {
        if self.reduced_motion {
            0.0
        } else {
            FLIGHT_MS / self.player.speed()
        }
    }
}

/// Smallest and largest `w` in a history.
fn w_range(history: &[Iterate]) -> (f64, f64) {
    history
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), it| {
            (lo.min(it.w), hi.max(it.w))
        })
}

#[cfg(test)]
mod tests;
