//! One optimizer in the race: its settings, its memory, its iterates with
//! their losses, and its health.

use super::{on_by_default, Field};
use crate::descent::{Health, Watch};
use crate::optim::{self, Hyper, Kind, Parts, State};

/// One optimizer in the race.
#[derive(Clone, Debug)]
pub(super) struct Racer {
    pub(super) kind: Kind,
    pub(super) enabled: bool,
    pub(super) hyper: Hyper,
    pub(super) state: State,
    /// Every iterate, the start first.
    pub(super) history: Vec<[f64; 2]>,
    /// L at each iterate (kept, so a frame or a retrace evaluates nothing twice).
    pub(super) losses: Vec<f64>,
    /// ∇L at the newest iterate.
    pub(super) grad: [f64; 2],
    /// What the last step did to each parameter (empty before the first).
    pub(super) parts: Parts,
    pub(super) watch: Watch,
}

impl Racer {
    pub(super) fn new(kind: Kind, lr: f64, field: &Field, start: [f64; 2]) -> Racer {
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
    pub(super) fn health(&self) -> Health {
        match self.watch.health() {
            Health::Diverging if self.losses.last() <= self.losses.first() => Health::Stable,
            h => h,
        }
    }

    pub(super) fn at(&self) -> [f64; 2] {
        self.history[self.history.len() - 1]
    }

    /// One step; false when it was refused (the racer stops, diverged or
    /// out of the domain).
    pub(super) fn step(&mut self, field: &Field) -> bool {
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

    pub(super) fn restart(&mut self, field: &Field, start: [f64; 2]) {
        self.state = State::new(2);
        self.history = vec![start];
        self.losses = vec![field.loss(start)];
        self.grad = field.grad(start);
        self.parts = Parts::default();
        self.watch = Watch::default();
    }
}
