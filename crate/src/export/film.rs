//! A run replayed on a virtual clock, frame by frame: what an exported GIF
//! shows. The page's own clock drives the same models, so the exported
//! animation is the page's: one step every `700 ms / speed`, the ball flying
//! its eased arc for `450 ms / speed` after each step, the last frame held.
//!
//! Pure: no drawing here. A [`Camera`] is told when to take a picture and how
//! long each picture lasts; the GIF writer and the tests are cameras.

use crate::widgets::descent::DescentModel;
use crate::widgets::lr_compare::LrCompareModel;

/// How long the last frame is held, in milliseconds (the reader sees where
/// the run ended before the loop starts again).
pub const HOLD_MS: f64 = 2_000.0;
/// Frame rates a film may use: browsers show GIF delays under 20 ms as 100 ms,
/// so 50 frames per second is the most a GIF can truly play.
pub const FPS_RANGE: (f64, f64) = (1.0, 50.0);

/// The shortest time between steps a film keeps: 20 ms, the shortest GIF
/// delay browsers play as written.
const MIN_INTERVAL_MS: f64 = 20.0;

/// A model that can be filmed: it steps when told, and says when its picture
/// has stopped moving.
pub trait Reel {
    /// Steps taken so far.
    fn t(&self) -> usize;
    /// One step at `now_ms`; `false` when the run cannot move (diverged).
    fn step(&mut self, now_ms: f64) -> bool;
    /// Whether the picture at `now_ms` is the one it will stay (no flight
    /// under way).
    fn settled(&self, now_ms: f64) -> bool;
    /// Milliseconds between steps at the model's speed.
    fn interval_ms(&self) -> f64;
}

/// What a film is shown to.
pub trait Camera<R> {
    /// The error a picture can fail with.
    type Error;
    /// Take the picture of `reel` at `now_ms`; it lasts until the next one.
    fn shoot(&mut self, reel: &R, now_ms: f64) -> Result<(), Self::Error>;
    /// The current picture lasts `ms` longer.
    fn hold(&mut self, ms: f64) -> Result<(), Self::Error>;
}

/// Plays `reel` from where it is up to `steps` steps (or until it cannot
/// move), one frame every `1000 / fps` ms, and shows every frame whose
/// picture differs from the last to `camera`; a frame that would repeat the
/// last picture is held instead of taken again. The first step comes one step
/// interval after t = 0, so the start is seen; the last picture is held
/// [`HOLD_MS`]. `fps` is clamped to [`FPS_RANGE`] (a non-finite one is the
/// lowest). Returns the number of pictures taken.
pub fn roll<R: Reel, C: Camera<R>>(reel: &mut R, steps: usize, fps: f64, camera: &mut C) -> Result<usize, C::Error> {
    let mut film = Film::new(reel, steps, fps);
    let mut shots = 0;
    while film.advance(reel, camera)? {
        shots += 1;
    }
    Ok(shots)
}

/// [`roll`] one picture at a time, so a page can show progress between them.
#[derive(Clone, Debug)]
pub struct Film {
    steps: usize,
    frame_ms: f64,
    interval: f64,
    now: f64,
    next_step: f64,
    started: bool,
    moving: bool,
    stuck: bool,
    ended: bool,
}

impl Film {
    /// A film of `reel` (at t = 0) up to `steps` steps at `fps` frames per second.
    pub fn new<R: Reel>(reel: &R, steps: usize, fps: f64) -> Film {
        let fps = if fps.is_finite() { fps.clamp(FPS_RANGE.0, FPS_RANGE.1) } else { FPS_RANGE.0 };
        let frame_ms = 1000.0 / fps;
        let interval = reel.interval_ms().max(MIN_INTERVAL_MS);
        Film {
            steps,
            frame_ms,
            interval,
            now: 0.0,
            next_step: interval,
            started: false,
            moving: false,
            stuck: false,
            ended: false,
        }
    }

    /// Runs the clock to the next picture and takes it (holding the pictures
    /// in between); at the end holds the last one [`HOLD_MS`]. Returns
    /// whether a picture was taken (`false`: the film is over).
    pub fn advance<R: Reel, C: Camera<R>>(&mut self, reel: &mut R, camera: &mut C) -> Result<bool, C::Error> {
        if self.ended {
            return Ok(false);
        }
        if !self.started {
            self.started = true;
            camera.shoot(reel, self.now)?;
            return Ok(true);
        }
        loop {
            // The next frame, or a step due before it: a step is filmed at
            // its own time, so steps keep their exact rhythm.
            let mut next = self.now + self.frame_ms;
            if !self.stuck && reel.t() < self.steps && self.next_step < next {
                next = self.next_step.max(self.now);
            }
            camera.hold(next - self.now)?;
            self.now = next;
            let mut stepped = false;
            while !self.stuck && reel.t() < self.steps && self.now >= self.next_step {
                if reel.step(self.next_step) {
                    stepped = true;
                } else {
                    self.stuck = true;
                }
                self.next_step += self.interval;
            }
            let settled = reel.settled(self.now);
            // The frame after a flight lands is taken too: it shows the ball at rest.
            let shoot = stepped || !settled || self.moving;
            self.moving = !settled;
            let done = (self.stuck || reel.t() >= self.steps) && settled;
            if shoot {
                camera.shoot(reel, self.now)?;
            }
            if done {
                camera.hold(HOLD_MS)?;
                self.ended = true;
            }
            if shoot {
                return Ok(true);
            }
            if done {
                return Ok(false);
            }
        }
    }

    /// How far the film is, 0 to 1, by its clock against the time the run
    /// needs (an estimate: a run that stops early ends sooner).
    pub fn progress(&self) -> f64 {
        if self.ended {
            return 1.0;
        }
        let total = self.interval * (self.steps as f64 + 1.0);
        (self.now / total).clamp(0.0, 0.99)
    }
}

impl Reel for DescentModel {
    fn t(&self) -> usize {
        self.run().t()
    }
    fn step(&mut self, now_ms: f64) -> bool {
        DescentModel::step(self, now_ms)
    }
    fn settled(&self, now_ms: f64) -> bool {
        self.scene(now_ms).at_rest
    }
    fn interval_ms(&self) -> f64 {
        DescentModel::interval_ms(self)
    }
}

impl Reel for LrCompareModel {
    fn t(&self) -> usize {
        LrCompareModel::t(self)
    }
    fn step(&mut self, now_ms: f64) -> bool {
        LrCompareModel::step(self, now_ms)
    }
    fn settled(&self, now_ms: f64) -> bool {
        (0..crate::widgets::lr_compare::RUNS).all(|i| self.panel_scene(i, now_ms).is_none_or(|s| s.at_rest))
    }
    fn interval_ms(&self) -> f64 {
        LrCompareModel::interval_ms(self)
    }
}
