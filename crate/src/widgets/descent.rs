//! The descent widget (chapter 2, 实验二): a ball rolling down one valley,
//! or up to three (A, B, C) on one landscape, one η and one clock.
//!
//! The runs answer at once (a Step click changes `t` and every readout in the
//! same call); the picture follows over [`FLIGHT_MS`] at 1×.

use crate::descent::{Health, Iterate, Run};
use crate::flight::{Flight, FLIGHT_MS};
use crate::input::InputError;
use crate::landscape::Landscape;
use crate::player::{PlayState, Player};
use crate::view::View;
use crate::widgets::lr_scale::lr_from_slider;

mod balls;
mod readouts;
pub use readouts::{heading, BallReadout, BallTexts, Heading, HeadingTexts, Row, Snapshot, Texts};

/// Most balls on one landscape (A, B, C).
pub const MAX_BALLS: usize = 3;

/// The balls' names, as hooks and links spell them (`w0`, `w0b`, `w0c`).
pub const BALL_NAMES: [&str; MAX_BALLS] = ["a", "b", "c"];

/// The balls' letters, as the pictures and messages write them.
pub const BALL_LETTERS: [&str; MAX_BALLS] = ["A", "B", "C"];

/// One ball: its run and where its picture is flying.
#[derive(Clone, Debug)]
struct Ball {
    run: Run,
    flight: Flight,
}

impl Ball {
    fn new(run: Run) -> Ball {
        Ball { flight: Flight::at_rest(run.landscape(), run.w()), run }
    }
}

/// The whole state of the descent widget.
#[derive(Clone, Debug)]
pub struct DescentModel {
    /// Ball A first, then B and C. Never empty; every run has the same
    /// landscape and η.
    balls: Vec<Ball>,
    player: Player,
    /// Whether the next place on the chart adds a ball instead of moving one.
    adding: bool,
    /// The view drawn when the current flight started, and the one it heads to.
    view_from: View,
    view_to: View,
    /// Smallest and largest `w` in the balls' histories, kept so fitting the view is O(1) a step.
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
/// The fields of ball A stand alone (a one-ball scene is what it always was);
/// B and C are in `others`.
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
    /// Balls B and C, when there are (drawn in their own colour and shape).
    pub others: Vec<OtherBall<'a>>,
}

/// Ball B or C in a [`Scene`].
#[derive(Clone, Debug)]
pub struct OtherBall<'a> {
    /// 1 for B, 2 for C.
    pub index: usize,
    /// Its iterates so far.
    pub trail: &'a [Iterate],
    /// Where it is drawn: `(w, height)`.
    pub ball: (f64, f64),
    /// Whether it has arrived.
    pub at_rest: bool,
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
            balls: vec![Ball::new(run)],
            player: Player::default(),
            adding: false,
            view_from: view,
            view_to: view,
            w_range,
            reduced_motion: false,
            view_jumps: false,
            replay_lrs: Vec::new(),
            replay_final: f64::NAN,
        }
    }

    /// One step now for every ball still going; returns whether any moved.
    /// The readouts change at once.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.follow_replay();
        let mut moved = false;
        for ball in &mut self.balls {
            if ball.run.step() {
                moved = true;
                let w = ball.run.w();
                self.w_range = (self.w_range.0.min(w), self.w_range.1.max(w));
            }
        }
        self.follow_replay();
        if moved {
            self.follow(now_ms);
        } else {
            // Every ball stopped: nothing more to play.
            self.player.pause();
        }
        moved
    }

    /// One step back through the history (the balls that took the last
    /// step take it back); returns whether anything changed.
    pub fn back(&mut self, now_ms: f64) -> bool {
        self.player.pause();
        let t = self.t();
        let mut moved = false;
        for ball in self.balls.iter_mut().filter(|b| b.run.t() == t) {
            moved |= ball.run.back();
        }
        // The view stays as wide as it was: stepping back does not zoom.
        if moved {
            self.w_range = self.histories_range();
            self.follow(now_ms);
        }
        moved
    }

    /// The clock's step count: the most steps any ball has taken.
    pub fn t(&self) -> usize {
        self.balls.iter().map(|b| b.run.t()).max().unwrap_or(0)
    }

    /// The runs, ball A first.
    pub fn runs(&self) -> impl Iterator<Item = &Run> {
        self.balls.iter().map(|b| &b.run)
    }

    /// Whether every ball has stopped (diverged or out of the domain).
    pub fn all_stopped(&self) -> bool {
        self.balls.iter().all(|b| b.run.health().stopped())
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
        if !self.all_stopped() {
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
        let starts: Vec<f64> = self.runs().map(Run::w0).collect();
        for &w0 in &starts {
            crate::descent::check_start(self.run().landscape(), w0, self.run().lr())?;
        }
        self.restart(&starts, now_ms, true);
        Ok(())
    }

    /// A new start point for ball A (slider, click or drag on the canvas):
    /// see [`DescentModel::set_start_of`].
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), InputError> {
        self.set_start_of(0, w0, now_ms)
    }

    /// A new start point for ball `i` (0 is A): every ball goes back to its
    /// start, so the race starts over on one clock. The view stays put while
    /// the new start is inside it, so a drag on the canvas does not move the
    /// axes under the pointer.
    ///
    /// # Errors
    /// [`InputError::NoSuchBall`] for a ball that is not there; the start's
    /// own refusals ([`crate::descent::check_start`]). Nothing changes then.
    pub fn set_start_of(&mut self, i: usize, w0: f64, now_ms: f64) -> Result<(), InputError> {
        if i >= self.balls.len() {
            return Err(InputError::NoSuchBall { index: i });
        }
        let w0 = crate::descent::check_start(self.run().landscape(), w0, self.run().lr())?;
        let mut starts: Vec<f64> = self.runs().map(Run::w0).collect();
        starts[i] = w0;
        let shown = self.shown_view(now_ms);
        self.restart(&starts, now_ms, !(shown.x0 <= w0 && w0 <= shown.x1));
        Ok(())
    }

    /// A new landscape: one ball, starting over at the landscape's default
    /// start with the same η; the view fits the new curve. (The lab's panels
    /// take this; the descent widget takes [`DescentModel::set_scene`].)
    ///
    /// # Errors
    /// The default start's refusal ([`crate::descent::check_start`]: a typed
    /// L defined nowhere in its search range, or too steep there for this
    /// η); nothing changes then.
    pub fn set_landscape(&mut self, landscape: Landscape, now_ms: f64) -> Result<(), InputError> {
        let w0 = landscape.default_start();
        let run = Run::new(landscape, w0, self.run().lr())?;
        let speed = self.player.speed();
        let (reduced, jumps) = (self.reduced_motion, self.view_jumps);
        *self = DescentModel::new(run);
        self.player.set_speed(speed);
        self.reduced_motion = reduced;
        self.view_jumps = jumps;
        let _ = now_ms;
        Ok(())
    }

    /// A new landscape with its default scene: the balls at the landscape's
    /// [`default_starts`](Landscape::default_starts) (two on the double
    /// well, one elsewhere), the same η.
    ///
    /// # Errors
    /// As [`DescentModel::set_landscape`].
    pub fn set_scene(&mut self, landscape: Landscape, now_ms: f64) -> Result<(), InputError> {
        let starts = landscape.default_starts();
        self.set_landscape(landscape, now_ms)?;
        for &w0 in starts.iter().skip(1) {
            // A default start is on the curve; only an η too big for it is refused.
            let _ = self.add_ball(w0, now_ms);
        }
        Ok(())
    }

    /// A new η from the number field or a preset, for every ball; applies
    /// from the next step.
    ///
    /// # Errors
    /// As [`Run::set_lr`], for any ball; then no ball's η changes.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        for ball in &self.balls {
            ball.run.check_lr(lr)?;
        }
        for ball in &mut self.balls {
            ball.run.set_lr(lr)?;
        }
        Ok(())
    }

    /// Runs again from the start with η for up to `t` steps (fewer if it
    /// diverges), as if η had been set from the beginning. The learning-rate lab
    /// uses this so dragging η reshapes the whole trajectory at once.
    /// (Ball A only: the lab's panels hold one ball each.)
    pub fn retrace(&mut self, lr: f64, t: usize, now_ms: f64) -> Result<(), InputError> {
        // Checked at the start before anything changes: a refused η leaves the run as it was.
        let w0 = self.run().w0();
        crate::descent::check_start(self.run().landscape(), w0, crate::input::check_lr(lr)?)?;
        self.balls.truncate(1);
        let run = &mut self.balls[0].run;
        run.reset(w0)?;
        run.set_lr(lr)?;
        self.w_range = (w0, w0);
        for _ in 0..t {
            if !run.step() {
                break;
            }
            let w = run.w();
            self.w_range = (self.w_range.0.min(w), self.w_range.1.max(w));
        }
        self.refit(now_ms);
        self.fly(now_ms);
        Ok(())
    }

    /// A new η from the log slider (its value is `log10(η)`).
    pub fn set_lr_slider(&mut self, pos: f64) -> Result<(), InputError> {
        self.set_lr(lr_from_slider(pos).unwrap_or(f64::NAN))
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
        self.player.state() == PlayState::Running || self.balls.iter().any(|b| !b.flight.done(now_ms))
    }

    /// The frame to draw at `now_ms`.
    pub fn scene(&self, now_ms: f64) -> Scene<'_> {
        let a = &self.balls[0];
        let landscape = a.run.landscape();
        Scene {
            landscape,
            view: self.shown_view(now_ms),
            trail: a.run.history(),
            ball: a.flight.position(landscape, now_ms),
            at_rest: a.flight.done(now_ms),
            lr: a.run.lr(),
            health: a.run.health(),
            others: self
                .balls
                .iter()
                .enumerate()
                .skip(1)
                .map(|(index, b)| OtherBall {
                    index,
                    trail: b.run.history(),
                    ball: b.flight.position(landscape, now_ms),
                    at_rest: b.flight.done(now_ms),
                })
                .collect(),
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
        // The ball that went furthest took every step's η.
        let longest = self.runs().max_by_key(|r| r.t()).unwrap_or(run);
        let lrs: Vec<f64> = longest.history().iter().skip(1).filter_map(|it| it.update.map(|u| u.lr)).collect();
        let first = lrs.first().copied().unwrap_or(run.lr());
        let mut fresh = match Run::new(run.landscape().clone(), run.w0(), first) {
            Ok(r) => DescentModel::new(r),
            // This run's own start and η were accepted once; they are again.
            Err(_) => {
                let mut same = self.clone();
                same.balls.truncate(1);
                same
            }
        };
        for other in self.runs().skip(1) {
            if let Ok(r) = Run::new(run.landscape().clone(), other.w0(), first) {
                fresh.balls.push(Ball::new(r));
            }
        }
        fresh.w_range = fresh.histories_range();
        fresh.refit(0.0);
        fresh.view_from = fresh.view_to;
        fresh.player.set_speed(self.player.speed());
        fresh.replay_lrs = lrs;
        fresh.replay_final = run.lr();
        fresh.follow_replay();
        fresh
    }

    /// Ball A's run (the lab's panels and the exports read this one).
    pub fn run(&self) -> &Run {
        &self.balls[0].run
    }
}

impl DescentModel {
    /// What a frame of the clock can change, as the snapshot shows it: the
    /// step, the state and the badge.
    fn status(&self) -> (usize, &'static str, bool, [Option<Health>; MAX_BALLS]) {
        let health = self.run().health();
        let mut each = [None; MAX_BALLS];
        for (slot, ball) in each.iter_mut().zip(&self.balls) {
            *slot = Some(ball.run.health());
        }
        (self.t(), self.state(), health == Health::Diverging, each)
    }

    /// The widget's state: `diverged` / `out-of-domain` once every ball has
    /// stopped (ball A's reason), else the clock's.
    pub(crate) fn state(&self) -> &'static str {
        let health = if self.all_stopped() { self.run().health() } else { Health::Stable };
        super::state_name(health, self.player.state())
    }

    /// In a replay, sets the η the next step takes (or, past the recorded
    /// steps, the one the replayed run ended with).
    fn follow_replay(&mut self) {
        if self.replay_final.is_nan() {
            return;
        }
        let lr = self.replay_lrs.get(self.t()).copied().unwrap_or(self.replay_final);
        // Each of these η was accepted by this same check before.
        for ball in &mut self.balls {
            let _ = ball.run.set_lr(lr);
        }
    }

    /// Every ball back to t = 0 at `starts` (one per ball, each checked).
    fn restart(&mut self, starts: &[f64], now_ms: f64, refit: bool) {
        for (ball, &w0) in self.balls.iter_mut().zip(starts) {
            // `check_start` already passed; `reset` cannot fail here.
            let _ = ball.run.reset(w0);
        }
        self.w_range = self.histories_range();
        self.player.stop();
        if refit {
            self.refit(now_ms);
        }
        self.fly(now_ms);
    }

    /// Smallest and largest `w` in every ball's history.
    fn histories_range(&self) -> (f64, f64) {
        self.runs().map(|r| w_range(r.history())).fold((f64::INFINITY, f64::NEG_INFINITY), |a, b| (a.0.min(b.0), a.1.max(b.1)))
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
        View::fit(self.run().landscape(), [self.w_range.0, self.w_range.1])
    }

    /// Sends each ball from where it is drawn now to its run's current iterate.
    fn fly(&mut self, now_ms: f64) {
        let ms = self.flight_ms();
        for ball in &mut self.balls {
            let to = ball.run.w();
            ball.flight = ball.flight.retarget(ball.run.landscape(), to, now_ms, ms);
        }
    }

    /// The view drawn at `now_ms` (timed by ball A's flight: all fly together).
    fn shown_view(&self, now_ms: f64) -> View {
        if self.view_jumps {
            return self.view_to;
        }
        self.view_from.lerp(&self.view_to, self.balls[0].flight.progress(now_ms))
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
