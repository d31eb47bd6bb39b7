//! Gradient descent on a 1-D landscape: `w_新 = w_旧 − 学习率 × 梯度`.
//!
//! A [`Run`] owns the current `w`, the learning rate `lr` (η), the step count `t`
//! and the whole history of iterates. Divergence is a state, not a crash: a run
//! whose loss grew on [`DIVERGING_STREAK`] consecutive steps is *diverging* (and
//! keeps stepping); a step that would leave the finite numbers is refused and the
//! run is *diverged*. No method panics and no stored number is ever NaN or ±∞.

use crate::input::{check_lr, check_w0, InputError};
use crate::landscape::Landscape;
use serde::Serialize;

/// Consecutive loss increases after which a run is reported as diverging.
pub const DIVERGING_STREAK: u32 = 3;
/// Largest learning rate accepted from outside. Far past any stable value, small
/// enough that one step from a sane start stays finite.
pub const LR_MAX: f64 = 1000.0;
/// Largest |w0| accepted from outside.
pub const W0_LIMIT: f64 = 1e9;

/// Where a run stands. Serialised as the page's `data-health` spells it:
/// `stable`, `diverging`, `diverged`, `out-of-domain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// Nothing alarming (yet).
    Stable,
    /// The loss grew on the last [`DIVERGING_STREAK`] or more steps in a row.
    Diverging,
    /// The next step would overflow; the run has stopped.
    Diverged,
    /// The next step would land where the loss is not defined (a typed
    /// `ln(w)` at w < 0: L, L′ or L″ is NaN there); the run has stopped.
    OutOfDomain,
}

impl Health {
    /// Whether the run has stopped for good (diverged or out of the domain).
    pub fn stopped(self) -> bool {
        matches!(self, Health::Diverged | Health::OutOfDomain)
    }
}

/// Watches a sequence of losses for divergence: *diverging* after the loss grew
/// on [`DIVERGING_STREAK`] consecutive steps, *diverged* once a step overflowed.
/// Every trainer in Downhill (descent runs, the backprop chain) uses the same rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Watch {
    rising: u32,
    overflowed: bool,
    outside: bool,
}

impl Watch {
    /// Records a step from loss `before` to loss `after`.
    pub fn observe(&mut self, before: f64, after: f64) {
        self.rising = if after > before {
            self.rising.saturating_add(1)
        } else {
            0
        };
    }

    /// Records that the next step would leave the finite numbers.
    pub fn overflow(&mut self) {
        self.overflowed = true;
    }

    /// Records that the next step would leave the loss's domain.
    pub fn leave_domain(&mut self) {
        self.outside = true;
    }

    /// A watch that has seen `losses` in order (for stepping back).
    pub fn replay(losses: impl IntoIterator<Item = f64>) -> Watch {
        let mut watch = Watch::default();
        let mut previous: Option<f64> = None;
        for loss in losses {
            if let Some(before) = previous {
                watch.observe(before, loss);
            }
            previous = Some(loss);
        }
        watch
    }

    /// Stable, diverging or diverged.
    pub fn health(&self) -> Health {
        if self.overflowed {
            Health::Diverged
        } else if self.outside {
            Health::OutOfDomain
        } else if self.rising >= DIVERGING_STREAK {
            Health::Diverging
        } else {
            Health::Stable
        }
    }
}

/// The update that produced an iterate: `w_t = w_{t−1} − lr · grad`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Update {
    /// `L′(w_{t−1})`, the gradient the step used (the post's 梯度 column).
    pub grad: f64,
    /// The learning rate the step used.
    pub lr: f64,
}

/// One point of the run: `w_t` and `L(w_t)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Iterate {
    /// The parameter value.
    pub w: f64,
    /// Its loss.
    pub loss: f64,
    /// How it was reached; `None` for the start point.
    pub update: Option<Update>,
}

/// A gradient-descent run on one landscape.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    landscape: Landscape,
    lr: f64,
    history: Vec<Iterate>,
    watch: Watch,
}

impl Run {
    /// A run from `w0` with learning rate `lr`, both validated.
    pub fn new(landscape: Landscape, w0: f64, lr: f64) -> Result<Run, InputError> {
        let lr = check_lr(lr)?;
        let w0 = check_start(&landscape, w0, lr)?;
        let mut run = Run {
            landscape,
            lr,
            history: Vec::new(),
            watch: Watch::default(),
        };
        run.restart(w0);
        Ok(run)
    }

    /// The post's 实验二: `L(w) = (w − 3)² + 1`, `w0 = 0`, `lr = 0.1`.
    pub fn post_default() -> Run {
        let mut run = Run {
            landscape: Landscape::default(),
            lr: 0.1,
            history: Vec::new(),
            watch: Watch::default(),
        };
        run.restart(0.0);
        run
    }

    /// Takes one step `w ← w − lr · L′(w)`. Returns whether the run moved: a
    /// diverged run, or a step that would leave the finite numbers, does not.
    pub fn step(&mut self) -> bool {
        if self.health().stopped() {
            return false;
        }
        let here = self.current();
        let grad = self.landscape.grad(here.w);
        let w = here.w - self.lr * grad;
        let loss = self.landscape.loss(w);
        // Everything the page prints about the new point must be finite too
        // (the curvature as well: the lab prints |1 − η·L″(w)|).
        let next_grad = self.landscape.grad(w);
        let next_update = self.lr * next_grad;
        let next_curvature = self.landscape.curvature(w);
        let next_bend = self.lr * next_curvature;
        let next = [w, loss, next_grad, next_update, next_curvature, next_bend];
        if !next.iter().all(|x| x.is_finite()) {
            // A finite w where the formula is not defined (ln of a negative
            // number); anything else ran past the finite numbers.
            if w.is_finite() && !self.landscape.defined(w) {
                self.watch.leave_domain();
            } else {
                self.watch.overflow();
            }
            return false;
        }
        self.watch.observe(here.loss, loss);
        self.history.push(Iterate {
            w,
            loss,
            update: Some(Update { grad, lr: self.lr }),
        });
        true
    }

    /// Starts again from `w0` (validated), keeping the learning rate.
    ///
    /// # Errors
    /// As [`check_w0`], and [`InputError::OffTheCurve`] where the landscape's
    /// loss, slope or curvature at `w0` is too large to compute.
    pub fn reset(&mut self, w0: f64) -> Result<(), InputError> {
        let w0 = check_start(&self.landscape, w0, self.lr)?;
        self.restart(w0);
        Ok(())
    }

    /// Changes η; it applies from the next step and does not reset the run.
    ///
    /// # Errors
    /// As [`check_lr`], and [`InputError::TooSteep`] when η·L′ or η·L″ at
    /// the current point would not be a number (the readouts print both).
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        self.lr = self.check_lr(lr)?;
        Ok(())
    }

    /// The η [`Run::set_lr`] would take, or its refusal; nothing changes.
    ///
    /// # Errors
    /// As [`Run::set_lr`].
    pub fn check_lr(&self, lr: f64) -> Result<f64, InputError> {
        let lr = check_lr(lr)?;
        if !steady(&self.landscape, self.current().w, lr) {
            return Err(InputError::TooSteep { value: lr });
        }
        Ok(lr)
    }

    /// Drops the newest iterate (stepping back through history). Returns whether
    /// anything was dropped; the start point always stays.
    pub fn back(&mut self) -> bool {
        if self.history.len() <= 1 {
            return false;
        }
        self.history.pop();
        self.recount();
        true
    }

    /// The current iterate `w_t`.
    pub fn current(&self) -> Iterate {
        // The history always holds the start point; see `restart` and `back`.
        self.history[self.history.len() - 1]
    }

    /// The step count `t` (0 at the start point).
    pub fn t(&self) -> usize {
        self.history.len() - 1
    }

    /// Current `w`.
    pub fn w(&self) -> f64 {
        self.current().w
    }

    /// Current loss `L(w)`.
    pub fn loss(&self) -> f64 {
        self.current().loss
    }

    /// Gradient at the current point, `L′(w)`.
    pub fn grad(&self) -> f64 {
        self.landscape.grad(self.w())
    }

    /// The next step's update `η · L′(w)` (the ball moves by minus this).
    pub fn update(&self) -> f64 {
        self.lr * self.grad()
    }

    /// The learning rate η.
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// Where the run started.
    pub fn w0(&self) -> f64 {
        self.history[0].w
    }

    /// Stable, diverging or diverged.
    pub fn health(&self) -> Health {
        self.watch.health()
    }

    /// The landscape being descended.
    pub fn landscape(&self) -> &Landscape {
        &self.landscape
    }

    /// All iterates, start point first.
    pub fn history(&self) -> &[Iterate] {
        &self.history
    }
}

impl Run {
    fn restart(&mut self, w0: f64) {
        // (w0 passed check_start.)
        self.history.clear();
        self.history.push(Iterate {
            w: w0,
            loss: self.landscape.loss(w0),
            update: None,
        });
        self.watch = Watch::default();
    }

    /// Recomputes the divergence watch from the history (after `back`).
    fn recount(&mut self) {
        self.watch = Watch::replay(self.history.iter().map(|it| it.loss));
    }
}

/// Closed form for the quadratic valley: `w_n = c + (1 − 2η)ⁿ (w0 − c)`.
pub fn quadratic_closed_form(center: f64, w0: f64, lr: f64, n: i32) -> f64 {
    center + (1.0 - 2.0 * lr).powi(n) * (w0 - center)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

/// A start point: [`check_w0`], and the landscape's loss, slope and
/// curvature at it, and η times each, all finite (on the cliff's wall L″
/// overflows left of w ≈ −235.3, whatever η).
///
/// # Errors
/// As [`check_w0`]; [`InputError::Undefined`] where a typed L is not defined;
/// [`InputError::OffTheCurve`] where it overflows.
pub fn check_start(landscape: &Landscape, w0: f64, lr: f64) -> Result<f64, InputError> {
    let w0 = check_w0(w0)?;
    if !landscape.defined(w0) {
        return Err(InputError::Undefined { value: w0 });
    }
    if landscape.loss(w0).is_finite() && steady(landscape, w0, lr) {
        Ok(w0)
    } else {
        Err(InputError::OffTheCurve { value: w0 })
    }
}

/// Whether at `w` the slope, the curvature, η·L′ and η·L″ are all numbers.
fn steady(landscape: &Landscape, w: f64, lr: f64) -> bool {
    let (grad, curvature) = (landscape.grad(w), landscape.curvature(w));
    [grad, curvature, lr * grad, lr * curvature].iter().all(|x| x.is_finite())
}
