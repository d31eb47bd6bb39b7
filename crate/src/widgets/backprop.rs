//! The backprop widget (chapter 4, 实验四): the post's chain
//! x → [×w1] → h → [×w2] → y → L = (y − target)², stepped through its phases.
//!
//! The graph computes everything at once; this model decides what the reader
//! has been shown. A value or gradient the current phase has not reached is
//! *pending* (`None`), never 0: learners were confused exactly when a graph
//! showed gradients before the backward pass had run.

use crate::backprop::{Graph, NodeId};
use crate::descent::{check_positive, check_value, Health, Input, InputError, Watch};
use crate::format::{fixed4, short};
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
}

/// One readout: its printed text and its number, or pending.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readout {
    /// The number, `None` while pending.
    pub value: Option<f64>,
    /// As printed: 4 decimals, or `…` while pending.
    pub text: String,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackpropSnapshot {
    /// `ready`, `forward`, `loss`, `backward` or `update`.
    pub phase: &'static str,
    /// 0..=8 within the cycle (the page words each stage).
    pub stage: usize,
    /// The chain rule product being formed at this stage, with numbers.
    pub explain: String,
    /// Completed cycles.
    pub iteration: usize,
    /// `idle`, `running`, `paused` or `diverged`.
    pub state: &'static str,
    /// The loss grew on the last 3 iterations or more.
    pub diverging: bool,
    /// Inputs and parameters (always known).
    pub x: Readout,
    /// The target.
    pub target: Readout,
    /// w1 (the new value once updated).
    pub w1: Readout,
    /// w2 (the new value once updated).
    pub w2: Readout,
    /// w1 before this cycle's update, shown beside the new one.
    pub w1_before: Option<String>,
    /// w2 before this cycle's update.
    pub w2_before: Option<String>,
    /// The learning rate.
    pub lr: f64,
    /// The finite-difference step.
    pub eps: f64,
    /// Playback speed multiplier.
    pub speed: f64,
    /// Computed values, pending until their phase.
    pub h: Readout,
    /// The prediction.
    pub y: Readout,
    /// The loss.
    pub loss: Readout,
    /// ∂L/∂y.
    pub dl_dy: Readout,
    /// ∂L/∂h.
    pub dl_dh: Readout,
    /// ∂L/∂w2.
    pub dl_dw2: Readout,
    /// ∂L/∂w1.
    pub dl_dw1: Readout,
    /// Central finite difference for ∂L/∂w1, shown once backprop has it.
    pub fd_w1: Readout,
    /// Central finite difference for ∂L/∂w2.
    pub fd_w2: Readout,
    /// After the update: the new prediction y.
    pub new_y: Readout,
    /// After the update: the new loss.
    pub new_loss: Readout,
}

/// What kind of box a node is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// Fed from outside: x, the target.
    Input,
    /// Trained: w1, w2.
    Param,
    /// Computed: h, y.
    Op,
    /// The loss.
    Loss,
}

/// A node as drawn: where, and what it shows so far.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    /// Name and formula, e.g. `h = x × w1`.
    pub title: String,
    /// Column (left to right) and row (0 = the main path, 1 = below it).
    pub at: (f64, f64),
    /// The value as printed, or `None` while pending.
    pub value: Option<String>,
    /// `∂L/∂node` as printed, or `None` while pending.
    pub grad: Option<String>,
    /// The gradient's name, e.g. `∂L/∂h`.
    pub grad_name: String,
    /// Box style.
    pub kind: NodeKind,
    /// Whether this stage computes this node's value or gradient.
    pub active: bool,
}

/// An edge as drawn: which nodes, and its local derivative once known.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeView {
    /// Index of the source node in [`GraphScene::nodes`].
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// `∂to/∂from = value` as printed, once the target's value is known.
    pub local: Option<String>,
    /// Whether a value or gradient flows along it at this stage.
    pub active: bool,
}

/// The computational graph at the current stage, for the renderer.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphScene {
    /// Nodes in the graph's order.
    pub nodes: Vec<NodeView>,
    /// Edges, input to output.
    pub edges: Vec<EdgeView>,
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
        }
    }
}

impl BackpropModel {
    /// Moves to the next stage; after the update, the next cycle's forward pass
    /// starts with the new weights. Returns whether anything changed (a diverged
    /// chain does not move).
    pub fn next(&mut self) -> bool {
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
        self.lr = crate::descent::check_lr(lr)?;
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

    /// Advances the play clock; returns whether the stage changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        let mut changed = false;
        for _ in 0..self.player.tick(now_ms) {
            changed |= self.next();
        }
        changed
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

    /// The graph (values are all computed; use [`BackpropModel::snapshot`] for
    /// what the reader may see).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// What the page shows.
    pub fn snapshot(&self) -> BackpropSnapshot {
        let g = &self.graph;
        let c = self.chain;
        let s = self.stage;
        let shown = |from: usize, v: f64| readout((s >= from).then_some(v));
        let updated = if s == UPDATE { self.updated() } else { None };
        let (fd_w1, fd_w2) = (self.finite_difference(c.w1), self.finite_difference(c.w2));
        let state = match (self.watch.health(), self.player.state()) {
            (Health::Diverged, _) => "diverged",
            (_, PlayState::Idle) => "idle",
            (_, PlayState::Running) => "running",
            (_, PlayState::Paused) => "paused",
        };
        BackpropSnapshot {
            phase: PHASES[s],
            stage: s,
            explain: self.explain(),
            iteration: self.iteration,
            state,
            diverging: self.watch.health() == Health::Diverging,
            x: readout(Some(g.value(c.x))),
            target: readout(Some(g.value(c.target))),
            w1: readout(Some(updated.map_or(g.value(c.w1), |u| u.w1))),
            w2: readout(Some(updated.map_or(g.value(c.w2), |u| u.w2))),
            w1_before: updated.map(|_| fixed4(g.value(c.w1))),
            w2_before: updated.map(|_| fixed4(g.value(c.w2))),
            lr: self.lr,
            eps: self.eps,
            speed: self.player.speed(),
            h: shown(1, g.value(c.h)),
            y: shown(2, g.value(c.y)),
            loss: shown(3, g.value(c.loss)),
            dl_dy: shown(4, g.grad(c.y)),
            dl_dw2: shown(5, g.grad(c.w2)),
            dl_dh: shown(6, g.grad(c.h)),
            dl_dw1: shown(7, g.grad(c.w1)),
            fd_w2: readout((s >= 5).then_some(fd_w2)),
            fd_w1: readout((s >= 7).then_some(fd_w1)),
            new_y: readout(updated.map(|u| u.y)),
            new_loss: readout(updated.map(|u| u.loss)),
        }
    }
}

impl BackpropModel {
    /// The graph as the reader has seen it so far.
    pub fn scene(&self) -> GraphScene {
        let g = &self.graph;
        let s = self.stage;
        let updated = if s == UPDATE { self.updated() } else { None };
        // Per node: title, position, kind, the stage its value appears, the stage its gradient appears.
        let layout: [(&str, (f64, f64), NodeKind, usize, usize); 7] = [
            ("x", (0.0, 0.0), NodeKind::Input, 0, usize::MAX),
            ("w1", (0.0, 1.0), NodeKind::Param, 0, 7),
            ("h = x × w1", (1.0, 0.0), NodeKind::Op, 1, 6),
            ("w2", (1.0, 1.0), NodeKind::Param, 0, 5),
            ("y = h × w2", (2.0, 0.0), NodeKind::Op, 2, 4),
            ("target", (2.0, 1.0), NodeKind::Input, 0, usize::MAX),
            ("L = (y − target)²", (3.0, 0.0), NodeKind::Loss, 3, 3),
        ];
        let nodes = g
            .nodes()
            .iter()
            .zip(layout)
            .map(|(node, (title, at, kind, value_from, grad_from))| {
                let new_value = match (kind, updated) {
                    (NodeKind::Param, Some(u)) => Some(if node.label == "w1" { u.w1 } else { u.w2 }),
                    _ => None,
                };
                let value = match new_value {
                    Some(v) => Some(format!("{} → {}", fixed4(node.value), fixed4(v))),
                    None => (s >= value_from).then(|| fixed4(node.value)),
                };
                // The loss's own gradient ∂L/∂L = 1 is where the backward pass starts.
                let grad_stage = if kind == NodeKind::Loss { 4 } else { grad_from };
                NodeView {
                    title: title.to_owned(),
                    at,
                    value,
                    grad: (s >= grad_stage).then(|| fixed4(node.grad)),
                    grad_name: format!("∂L/∂{}", node.label),
                    kind,
                    active: (s == value_from && s > 0) || s == grad_stage || (new_value.is_some()),
                }
            })
            .collect();
        let edges = g
            .nodes()
            .iter()
            .enumerate()
            .flat_map(|(to, node)| {
                node.inputs.iter().zip(&node.local).map(move |(from, local)| (from.0, to, *local))
            })
            .map(|(from, to, local)| {
                let value_from = layout[to].3;
                // A gradient flows into `from` through this edge at the stage that reveals ∂L/∂from.
                let backward = layout[from].4 == s && s >= 4;
                EdgeView {
                    from,
                    to,
                    local: (s >= value_from).then(|| {
                        format!("∂{}/∂{} = {}", g.nodes()[to].label, g.nodes()[from].label, short(local))
                    }),
                    active: s == value_from || backward,
                }
            })
            .collect();
        GraphScene { nodes, edges }
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

    /// The chain-rule product being formed at this stage, with the numbers.
    fn explain(&self) -> String {
        let g = &self.graph;
        let c = self.chain;
        let n = |id: NodeId| short(g.value(id));
        let d = |id: NodeId| short(g.grad(id));
        match self.stage {
            1 => format!("h = x × w1 = {} × {} = {}", n(c.x), n(c.w1), n(c.h)),
            2 => format!("y = h × w2 = {} × {} = {}", n(c.h), n(c.w2), n(c.y)),
            3 => format!("L = (y − target)² = ({} − {})² = {}", n(c.y), n(c.target), n(c.loss)),
            4 => format!("∂L/∂y = 2(y − target) = 2 × ({} − {}) = {}", n(c.y), n(c.target), d(c.y)),
            5 => format!("∂L/∂w2 = ∂L/∂y × h = {} × {} = {}", d(c.y), n(c.h), d(c.w2)),
            6 => format!("∂L/∂h = ∂L/∂y × w2 = {} × {} = {}", d(c.y), n(c.w2), d(c.h)),
            7 => format!(
                "∂L/∂w1 = ∂L/∂y × w2 × x = {} × {} × {} = {}",
                d(c.y),
                n(c.w2),
                n(c.x),
                d(c.w1)
            ),
            UPDATE => match self.updated() {
                Some(u) => format!(
                    "w1 = {} − {} × ({}) = {};  w2 = {} − {} × ({}) = {}",
                    n(c.w1),
                    short(self.lr),
                    d(c.w1),
                    fixed4(u.w1),
                    n(c.w2),
                    short(self.lr),
                    d(c.w2),
                    fixed4(u.w2)
                ),
                // The update would overflow; the page's diverged badge says so.
                None => String::new(),
            },
            _ => String::new(),
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

fn readout(value: Option<f64>) -> Readout {
    match value {
        Some(v) if v.is_finite() => Readout {
            value: Some(v),
            text: fixed4(v),
        },
        // Pending, or (defensively) not a printable number.
        _ => Readout {
            value: None,
            text: "…".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests;
