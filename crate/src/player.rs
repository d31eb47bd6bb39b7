//! The play clock: idle / running / paused, a speed, and when the next step is due.
//!
//! Time always comes from outside (the page's `requestAnimationFrame` timestamp,
//! in milliseconds); `std::time::Instant` panics on `wasm32-unknown-unknown`.

use serde::Serialize;

/// Time between two automatic steps at 1× speed, in milliseconds.
pub const STEP_MS: f64 = 700.0;
/// Slowest and fastest playback speeds.
pub const SPEED_MIN: f64 = 0.25;
/// Fastest playback speed.
pub const SPEED_MAX: f64 = 16.0;
/// Most steps one frame may take when frames come late, so a stalled tab does
/// not come back with a burst.
const MAX_STEPS_PER_TICK: u32 = 2;

/// Whether the clock is stepping on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlayState {
    /// Never played since the last reset.
    Idle,
    /// Stepping on its own.
    Running,
    /// Stopped by the reader (or by the run) after playing.
    Paused,
}

/// The play clock of a widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    state: PlayState,
    speed: f64,
    next_step_ms: f64,
}

impl Default for Player {
    fn default() -> Self {
        Player {
            state: PlayState::Idle,
            speed: 1.0,
            next_step_ms: 0.0,
        }
    }
}

impl Player {
    /// Starts playing; the first step is due at once (on the next finite
    /// time, if `now_ms` is not one).
    pub fn play(&mut self, now_ms: f64) {
        self.state = PlayState::Running;
        self.next_step_ms = if now_ms.is_finite() {
            now_ms
        } else {
            f64::NEG_INFINITY
        };
    }

    /// Stops playing (a no-op unless running).
    pub fn pause(&mut self) {
        if self.state == PlayState::Running {
            self.state = PlayState::Paused;
        }
    }

    /// After frames stopped (hidden tab, widget scrolled away): the next step
    /// is one interval from `now_ms`, so playing resumes where it was instead
    /// of catching up.
    pub fn resync(&mut self, now_ms: f64) {
        if self.state == PlayState::Running && now_ms.is_finite() {
            self.next_step_ms = now_ms + self.interval_ms();
        }
    }

    /// Back to idle, as after a reset.
    pub fn stop(&mut self) {
        self.state = PlayState::Idle;
    }

    /// Sets the speed multiplier, clamped to [`SPEED_MIN`]..=[`SPEED_MAX`];
    /// a non-finite value keeps the old speed. Returns the speed in force.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        if speed.is_finite() {
            self.speed = speed.clamp(SPEED_MIN, SPEED_MAX);
        }
        self.speed
    }

    /// How many steps are due at `now_ms` (0 unless running). Frames that come
    /// late catch up by at most a couple of steps, then the clock resynchronises.
    pub fn tick(&mut self, now_ms: f64) -> u32 {
        if self.state != PlayState::Running || !now_ms.is_finite() {
            return 0;
        }
        let interval = self.interval_ms();
        if !self.next_step_ms.is_finite() || self.next_step_ms - now_ms > interval {
            // Started at a time that was not one, or the clock jumped back:
            // the next step is due now, not at a time that will not come.
            self.next_step_ms = now_ms;
        }
        let mut due = 0;
        while now_ms >= self.next_step_ms && due < MAX_STEPS_PER_TICK {
            due += 1;
            self.next_step_ms += interval;
        }
        if now_ms >= self.next_step_ms {
            self.next_step_ms = now_ms + interval;
        }
        due
    }

    /// Time between automatic steps at the current speed, in milliseconds.
    pub fn interval_ms(&self) -> f64 {
        STEP_MS / self.speed
    }

    /// Idle, running or paused.
    pub fn state(&self) -> PlayState {
        self.state
    }

    /// The speed multiplier (1 = normal).
    pub fn speed(&self) -> f64 {
        self.speed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_on_schedule() {
        let mut p = Player::default();
        assert_eq!(p.tick(0.0), 0, "idle never steps");
        p.play(1000.0);
        assert_eq!(p.state(), PlayState::Running);
        assert_eq!(p.tick(1000.0), 1, "first step at once");
        assert_eq!(p.tick(1000.0 + STEP_MS - 1.0), 0);
        assert_eq!(p.tick(1000.0 + STEP_MS), 1);
        p.set_speed(2.0);
        assert_eq!(p.tick(1000.0 + STEP_MS * 2.0), 1);
        assert_eq!(p.tick(1000.0 + STEP_MS * 2.0 + STEP_MS / 2.0), 1);
        p.pause();
        assert_eq!(p.state(), PlayState::Paused);
        assert_eq!(p.tick(1e9), 0);
    }

    #[test]
    fn late_frames_do_not_burst() {
        let mut p = Player::default();
        p.play(0.0);
        assert_eq!(p.tick(STEP_MS * 50.0), MAX_STEPS_PER_TICK);
        assert_eq!(p.tick(STEP_MS * 50.0 + 1.0), 0, "resynchronised");
        assert_eq!(p.tick(STEP_MS * 51.0 + 1.0), 1);
    }

    #[test]
    fn resync_after_a_pause_in_frames() {
        let mut p = Player::default();
        p.play(0.0);
        assert_eq!(p.tick(0.0), 1);
        p.resync(1e6);
        assert_eq!(p.tick(1e6 + 1.0), 0, "no catch-up burst");
        assert_eq!(p.tick(1e6 + STEP_MS), 1);
    }

    #[test]
    fn speed_is_clamped() {
        let mut p = Player::default();
        assert_eq!(p.set_speed(100.0), SPEED_MAX);
        assert_eq!(p.set_speed(0.0), SPEED_MIN);
        assert_eq!(p.set_speed(f64::NAN), SPEED_MIN);
        assert_eq!(p.tick(f64::NAN), 0);
    }
}
