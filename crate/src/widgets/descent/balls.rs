//! Balls B and C: adding, placing, counting and removing them, and where a
//! new one goes when nothing says where. Every ball shares the landscape, η
//! and clock of ball A (see [`DescentModel`]).

use super::{Ball, DescentModel, MAX_BALLS};
use crate::descent::Run;
use crate::input::InputError;

impl DescentModel {
    /// Adds a ball (B, then C) starting at `w0` with the same η; every ball
    /// goes back to its start. Returns its index.
    ///
    /// # Errors
    /// [`InputError::TooManyBalls`] past [`MAX_BALLS`]; the start's own refusals.
    pub fn add_ball(&mut self, w0: f64, now_ms: f64) -> Result<usize, InputError> {
        if self.balls.len() >= MAX_BALLS {
            return Err(InputError::TooManyBalls { limit: MAX_BALLS });
        }
        let run = Run::new(self.run().landscape().clone(), w0, self.run().lr())?;
        self.balls.push(Ball::new(run));
        self.adding = false;
        let starts: Vec<f64> = self.runs().map(Run::w0).collect();
        self.restart(&starts, now_ms, true);
        Ok(self.balls.len() - 1)
    }

    /// Ball `i`'s start set to `w0`, adding it if it is the next ball (a
    /// link's `w0b` on a landscape that shows one ball).
    ///
    /// # Errors
    /// As [`DescentModel::set_start_of`] and [`DescentModel::add_ball`].
    pub fn set_or_add(&mut self, i: usize, w0: f64, now_ms: f64) -> Result<(), InputError> {
        if i == self.balls.len() {
            self.add_ball(w0, now_ms).map(|_| ())
        } else {
            self.set_start_of(i, w0, now_ms)
        }
    }

    /// Exactly `n` balls (1 to [`MAX_BALLS`]): the last ones go, or new ones
    /// come at [`DescentModel::next_start`]. Every ball starts over when one
    /// is added.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for `n` of 0 or above [`MAX_BALLS`]; a new
    /// ball whose start the η in force cannot take.
    pub fn set_ball_count(&mut self, n: usize, now_ms: f64) -> Result<(), InputError> {
        if n == 0 || n > MAX_BALLS {
            return Err(InputError::OutOfRange {
                input: crate::input::Input::Balls,
                value: n as f64,
                min: 1.0,
                max: MAX_BALLS as f64,
            });
        }
        while self.balls.len() > n {
            self.remove_ball(self.balls.len() - 1, now_ms)?;
        }
        while self.balls.len() < n {
            self.add_ball(self.next_start(), now_ms)?;
        }
        Ok(())
    }

    /// How many balls there are.
    pub fn ball_count(&self) -> usize {
        self.balls.len()
    }

    /// Takes ball `i` (B or C) off the landscape; the others go on as they are.
    ///
    /// # Errors
    /// [`InputError::NoSuchBall`] for ball A (there is always one) or a ball
    /// that is not there.
    pub fn remove_ball(&mut self, i: usize, now_ms: f64) -> Result<(), InputError> {
        if i == 0 || i >= self.balls.len() {
            return Err(InputError::NoSuchBall { index: i });
        }
        self.balls.remove(i);
        self.w_range = self.histories_range();
        self.refit(now_ms);
        Ok(())
    }

    /// Arms (or disarms) "add a ball": the next place on the chart adds one.
    pub fn set_adding(&mut self, adding: bool) {
        self.adding = adding && self.balls.len() < MAX_BALLS;
    }

    /// Whether the next place on the chart adds a ball.
    pub fn adding(&self) -> bool {
        self.adding
    }

    /// A place on the chart at `w` (a click, or the start of a drag): adds a
    /// ball there when "add a ball" is armed, else moves the ball nearest
    /// to `w`. Returns the ball's index, for the rest of a drag.
    ///
    /// # Errors
    /// As [`DescentModel::add_ball`] and [`DescentModel::set_start_of`].
    pub fn place(&mut self, w: f64, now_ms: f64) -> Result<usize, InputError> {
        if self.adding {
            return self.add_ball(w, now_ms);
        }
        let nearest = self
            .balls
            .iter()
            .enumerate()
            .map(|(i, b)| (i, (b.flight.position(b.run.landscape(), now_ms).0 - w).abs()))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(0, |(i, _)| i);
        self.set_start_of(nearest, w, now_ms)?;
        Ok(nearest)
    }

    /// Where a new ball goes when nothing says where: the landscape's next
    /// default start, else across the valley from ball A's start (mirrored
    /// through the minimum A is heading to), else one unit right of it;
    /// kept within −5 … 10, the start sliders' range.
    pub fn next_start(&self) -> f64 {
        let i = self.balls.len();
        let landscape = self.run().landscape();
        if let Some(&w) = landscape.default_starts().get(i) {
            return w;
        }
        let w0 = self.run().w0();
        let across = landscape.minimum_ahead(w0).map(|m| 2.0 * m.0 - w0);
        let w = match across {
            Some(a) if (a - w0).abs() > 0.5 => a,
            _ => w0 + 1.0,
        };
        w.max(-5.0).min(10.0)
    }
}
