//! The backprop widget (chapter 4, 实验四): the post's chain
//! x → [×w1] → h → [×w2] → y → L = (y − target)², stepped through its phases.
//!
//! The graph computes everything at once; this model decides what the reader
//! has been shown. A value or gradient the current phase has not reached is
//! *pending* (`None`), never 0: learners were confused exactly when a graph
//! showed gradients before the backward pass had run.

use crate::backprop::{Graph, NodeId};
use crate::descent::{Health, Watch};
use crate::input::{check_positive, check_value, Input, InputError};
use crate::player::{PlayState, Player};
use serde::Serialize;

/// Largest |x|, |w1|, |w2|, |target| accepted.
pub const VALUE_LIMIT: f64 = 1e6;
/// Largest finite-difference step accepted.
pub const EPS_MAX: f64 = 1.0;
/// Iterations kept for the loss chart.
const MAX_ITERATIONS: usize = 100_000;

/// The phase of each stage of one cycle, in the order `next` walks them:
/// ready; forward h, y; loss; backward ∂L/∂y, ∂L/∂w2, ∂L/∂h, ∂L/∂w1; update.
const PHASES: [&str; 9] = [
    "ready", "forward", "forward", "loss", "backward", "backward", "backward", "backward", "update",
];
const UPDATE: usize = 8;

/// The post's chain built on the general graph engine.
#[derive(Clone, Copy, Debug)]
struct Chain {
    x: NodeId,
    w1: NodeId,
    h: NodeId,
    w2: NodeId,
    y: NodeId,
    target: NodeId,
    loss: NodeId,
}

/// The values the reader entered (what Reset returns to).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Setup {
    x: f64,
    w1: f64,
    w2: f64,
    target: f64,
}

/// The result of an update: new weights and the new prediction and loss.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Updated {
    /// w1 after the update.
    pub w1: f64,
    /// w2 after the update.
    pub w2: f64,
    /// The new prediction y.
    pub y: f64,
    /// The new loss.
    pub loss: f64,
}

/// The whole state of the backprop widget.
#[derive(Clone, Debug)]
pub struct BackpropModel {
    graph: Graph,
    chain: Chain,
    setup: Setup,
    lr: f64,
    eps: f64,
    stage: usize,
    iteration: usize,
    losses: Vec<f64>,
    watch: Watch,
    player: Player,
    /// η each finished cycle's update used, in order.
    lrs_used: Vec<f64>,
    /// A replay's η per cycle, then its last (see [`BackpropModel::replay`]);
    /// `None` for a live model.
    replay: Option<(Vec<f64>, f64)>,
}

impl Default for BackpropModel {
    /// The post's numbers: x = 2, w1 = 0.5, w2 = 1.5, target = 6, η = 0.01.
    fn default() -> Self {
        let setup = Setup {
            x: 2.0,
            w1: 0.5,
            w2: 1.5,
            target: 6.0,
        };
        let (graph, chain) = build(setup);
        BackpropModel {
            graph,
            chain,
            setup,
            lr: 0.01,
            eps: 1e-4,
            stage: 0,
            iteration: 0,
            losses: Vec::new(),
            watch: Watch::default(),
            player: Player::default(),
            lrs_used: Vec::new(),
            replay: None,
        }
    }
}

impl BackpropModel {
    /// Moves to the next stage; after the update, the next cycle's forward pass
    /// starts with the new weights. Returns whether anything changed (a diverged
    /// chain does not move).
    pub fn next(&mut self) -> bool {
        self.follow_replay();
        if self.watch.health() == Health::Diverged {
            self.player.pause();
            return false;
        }
        if self.stage == UPDATE {
            return self.start_next_cycle();
        }
        if self.stage + 1 == UPDATE && self.updated().is_none() {
            // The update would overflow: stop here, diverged.
            self.watch.overflow();
            self.player.pause();
            return false;
        }
        self.stage += 1;
        if self.stage == 3 {
            // The loss of this iteration is now known: record and watch it.
            let loss = self.graph.value(self.chain.loss);
            if let Some(&before) = self.losses.last() {
                self.watch.observe(before, loss);
            }
            if self.losses.len() < MAX_ITERATIONS {
                self.losses.push(loss);
            }
        }
        true
    }

    /// One stage back within the current cycle (its weights are not undone:
    /// the cycle's first stage is as far back as it goes). Returns whether it moved.
    pub fn back(&mut self) -> bool {
        self.player.pause();
        let first = if self.iteration == 0 { 0 } else { 1 };
        if self.stage <= first {
            return false;
        }
        if self.stage == 3 {
            // Leaving the loss stage un-records this iteration's loss.
            self.losses.pop();
            self.watch = Watch::replay(self.losses.iter().copied());
        }
        self.stage -= 1;
        true
    }

    /// Runs `cycles` whole cycles at once (to the next update stage each time).
    /// Returns how many completed.
    pub fn train(&mut self, cycles: usize) -> usize {
        let mut done = 0;
        for _ in 0..cycles {
            loop {
                if !self.next() {
                    return done;
                }
                if self.stage == UPDATE {
                    break;
                }
            }
            done += 1;
        }
        done
    }

    /// Play, or pause if playing.
    pub fn toggle_play(&mut self, now_ms: f64) {
        if self.player.state() == PlayState::Running {
            self.player.pause();
        } else if self.watch.health() != Health::Diverged {
            self.player.play(now_ms);
        }
    }

    /// Back to the entered values, stage 0, no history.
    pub fn reset(&mut self) {
        let (graph, chain) = build(self.setup);
        self.graph = graph;
        self.chain = chain;
        self.stage = 0;
        self.iteration = 0;
        self.losses.clear();
        self.lrs_used.clear();
        self.watch = Watch::default();
        self.player.stop();
    }

    /// Sets x, w1, w2 or the target (by hook name) and resets to the new problem.
    pub fn set_value(&mut self, name: &str, value: f64) -> Result<(), InputError> {
        let mut setup = self.setup;
        match name {
            "x" => setup.x = check_value(value, Input::X, VALUE_LIMIT)?,
            "w1" => setup.w1 = check_value(value, Input::W1, VALUE_LIMIT)?,
            "w2" => setup.w2 = check_value(value, Input::W2, VALUE_LIMIT)?,
            "target" => setup.target = check_value(value, Input::Target, VALUE_LIMIT)?,
            _ => return Ok(()),
        }
        self.setup = setup;
        self.reset();
        Ok(())
    }

    /// Sets η; it applies from the next update, without a reset.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        self.lr = crate::input::check_lr(lr)?;
        Ok(())
    }

    /// Sets the finite-difference step ε.
    pub fn set_eps(&mut self, eps: f64) -> Result<(), InputError> {
        self.eps = check_positive(eps, Input::Epsilon, EPS_MAX)?;
        Ok(())
    }

    /// Sets the playback speed; returns the speed in force.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.player.set_speed(speed)
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
            self.next();
        }
        self.status() != before
    }

    /// Frames resume after a gap: the clock continues from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.player.resync(now_ms);
    }

    /// Whether frames are needed.
    pub fn animating(&self) -> bool {
        self.player.state() == PlayState::Running
    }

    /// Loss per iteration so far.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// The stage within the cycle, 0..=8.
    pub fn stage(&self) -> usize {
        self.stage
    }

    /// Stages walked from the start to here: `next` this many times from a
    /// fresh model with the same inputs arrives here (a cycle after the first
    /// starts at stage 1, so each full cycle is 8 stages).
    pub fn position(&self) -> usize {
        self.iteration * UPDATE + self.stage
    }

    /// The same inputs, ε and speed, back at the start, set to update each
    /// cycle with the η that cycle used here: walking it [`position`]
    /// stages retraces this walk exactly, even if η was changed part-way.
    ///
    /// [`position`]: BackpropModel::position
    pub fn replay(&self) -> BackpropModel {
        let mut fresh = self.clone();
        fresh.reset();
        fresh.replay = Some((self.lrs_used.clone(), self.lr));
        fresh.follow_replay();
        fresh
    }

    /// In a replay, the η of the cycle under way.
    fn follow_replay(&mut self) {
        if let Some((lrs, last)) = &self.replay {
            self.lr = lrs.get(self.iteration).copied().unwrap_or(*last);
        }
    }

    /// Milliseconds between stages when playing, at the current speed.
    pub fn interval_ms(&self) -> f64 {
        self.player.interval_ms()
    }
}

impl BackpropModel {
    /// What a frame of the clock can change, as the snapshot shows it: the
    /// stage, the cycle, the losses recorded, the state and the badge.
    fn status(&self) -> (usize, usize, usize, &'static str, bool) {
        let health = self.watch.health();
        (
            self.stage,
            self.iteration,
            self.losses.len(),
            super::state_name(health, self.player.state()),
            health == Health::Diverging,
        )
    }

    /// The weights, prediction and loss after this cycle's update, or `None`
    /// if any of them would not be finite.
    fn updated(&self) -> Option<Updated> {
        let c = self.chain;
        let w1 = self.graph.value(c.w1) - self.lr * self.graph.grad(c.w1);
        let w2 = self.graph.value(c.w2) - self.lr * self.graph.grad(c.w2);
        let mut after = self.graph.clone();
        after.set(c.w1, w1);
        after.set(c.w2, w2);
        after.forward();
        let u = Updated {
            w1,
            w2,
            y: after.value(c.y),
            loss: after.value(c.loss),
        };
        let finite = [u.w1, u.w2, u.y, u.loss].iter().all(|v| v.is_finite());
        // The next cycle's gradients must be printable too.
        after.backward(c.loss);
        let grads = [after.grad(c.w1), after.grad(c.w2), after.grad(c.y)];
        (finite && grads.iter().all(|v| v.is_finite())).then_some(u)
    }

    fn start_next_cycle(&mut self) -> bool {
        let Some(u) = self.updated() else {
            self.watch.overflow();
            self.player.pause();
            return false;
        };
        self.lrs_used.push(self.lr);
        self.graph.set(self.chain.w1, u.w1);
        self.graph.set(self.chain.w2, u.w2);
        self.graph.forward();
        self.graph.backward(self.chain.loss);
        self.iteration += 1;
        self.stage = 1;
        true
    }

    fn finite_difference(&self, param: NodeId) -> f64 {
        let mut probe = self.graph.clone();
        let v = probe.numeric_grad(self.chain.loss, param, self.eps);
        if v.is_finite() {
            v
        } else {
            f64::NAN
        }
    }

}

/// Builds the post's chain with the general engine and runs both passes.
fn build(s: Setup) -> (Graph, Chain) {
    let mut g = Graph::new();
    let x = g.input("x", s.x);
    let w1 = g.param("w1", s.w1);
    let h = g.mul("h", x, w1);
    let w2 = g.param("w2", s.w2);
    let y = g.mul("y", h, w2);
    let target = g.input("target", s.target);
    let loss = g.squared_error("L", y, target);
    g.backward(loss);
    (
        g,
        Chain {
            x,
            w1,
            h,
            w2,
            y,
            target,
            loss,
        },
    )
}

mod scene;
mod snapshot;
pub use scene::{EdgeView, GraphScene, NodeKind, NodeView};
pub use snapshot::{BackpropSnapshot, Readout};

#[cfg(test)]
mod tests;
