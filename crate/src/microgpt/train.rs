//! Training as microgpt.py does it: seed 42, shuffle the documents once, draw
//! the weights, then one document per step, `docs[step % len]`, and an Adam
//! step with the learning rate decayed linearly to 0. AdamW and plain SGD are
//! there to compare against.

use super::data::Corpus;
use super::model::{Config, Model, Workspace};
use super::rng::PyRandom;
use crate::optim;
use serde::Serialize;

/// How the parameters move given their gradient.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Optimizer {
    /// microgpt.py's Adam (β1 0.85, β2 0.99, ε 1e-8), bias-corrected.
    Adam,
    /// Adam with decoupled weight decay: each step also does `w −= lr·λ·w`.
    AdamW {
        /// λ, the weight decay.
        weight_decay: f64,
    },
    /// Plain gradient descent: `w −= lr·g`.
    Sgd,
}

/// Settings of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrainConfig {
    /// Peak learning rate (decayed linearly to 0 over the run).
    pub lr: f64,
    /// Steps in the run.
    pub num_steps: usize,
    /// The seed of CPython's `random`.
    pub seed: u64,
    /// The update rule.
    pub optimizer: Optimizer,
}

impl Default for TrainConfig {
    /// microgpt.py: lr 0.01, 1,000 steps, seed 42, Adam.
    fn default() -> Self {
        TrainConfig {
            lr: 0.01,
            num_steps: 1000,
            seed: 42,
            optimizer: Optimizer::Adam,
        }
    }
}

impl Optimizer {
    /// The rule as `torch.optim` names it, at learning rate `lr`: microgpt.py's
    /// Adam is `torch.optim.Adam(betas=(0.85, 0.99), eps=1e-8)`, AdamW the same
    /// with its weight decay, SGD plain `torch.optim.SGD`. The steps are
    /// [`crate::optim::step`]'s, the optimizers widget's.
    pub fn torch(self, lr: f64) -> (optim::Kind, optim::Hyper) {
        let adam = |kind| optim::Hyper { beta1: BETA1, beta2: BETA2, eps: EPS_ADAM, ..optim::Hyper::defaults(kind, lr) };
        match self {
            Optimizer::Sgd => (optim::Kind::Sgd, optim::Hyper::defaults(optim::Kind::Sgd, lr)),
            Optimizer::Adam => (optim::Kind::Adam, adam(optim::Kind::Adam)),
            Optimizer::AdamW { weight_decay } => (optim::Kind::AdamW, optim::Hyper { weight_decay, ..adam(optim::Kind::AdamW) }),
        }
    }
}

/// Adam's β1.
pub const BETA1: f64 = 0.85;
/// Adam's β2.
pub const BETA2: f64 = 0.99;
/// Adam's ε.
pub const EPS_ADAM: f64 = 1e-8;

/// A training run in progress.
#[derive(Clone, Debug)]
pub struct Trainer {
    corpus: Corpus,
    config: TrainConfig,
    model: Model,
    rng: PyRandom,
    tokens: Vec<Vec<usize>>,
    /// The optimizer's step count and moments.
    opt: optim::State,
    grad: Vec<f64>,
    ws: Workspace,
    step: usize,
    losses: Vec<f64>,
    /// The parameters and Adam's moments before the update in progress, to
    /// restore if it overflows.
    before: [Vec<f64>; 3],
    /// The step that would have made something non-finite, once one did.
    diverged_at: Option<usize>,
}

impl Trainer {
    /// Seeds the RNG, shuffles the documents, draws the weights.
    pub fn new(mut corpus: Corpus, config: TrainConfig) -> Trainer {
        let mut rng = PyRandom::new(config.seed);
        rng.shuffle(&mut corpus.docs);
        let model = Model::init(Config::microgpt(corpus.vocab_size()), &mut rng);
        let tokens = corpus.docs.iter().map(|d| corpus.encode(d)).collect();
        let n = model.params.len();
        Trainer {
            ws: Workspace::new(&model.config),
            corpus,
            config,
            model,
            rng,
            tokens,
            opt: optim::State::new(n),
            grad: vec![0.0; n],
            step: 0,
            losses: Vec::new(),
            before: [vec![0.0; n], vec![0.0; n], vec![0.0; n]],
            diverged_at: None,
        }
    }

    /// One training step on `docs[step % len]`; returns its loss, or `None` when
    /// the run is complete or has diverged ([`Trainer::diverged_at`]).
    ///
    /// A step whose loss or gradient is not finite, or whose update would make
    /// a parameter or one of Adam's moments non-finite (g² overflows beyond
    /// |g| ≈ 1.3e154), is refused: the parameters and moments stay as they
    /// were, no loss is recorded, and the run stops there, diverged. So nothing
    /// non-finite is ever kept (Adam at η = 0.5 blows up within a few steps;
    /// SGD at η = 1 reaches a NaN).
    pub fn step(&mut self) -> Option<f64> {
        if self.step >= self.config.num_steps || self.diverged_at.is_some() {
            return None;
        }
        let doc = &self.tokens[self.step % self.tokens.len()];
        self.grad.iter_mut().for_each(|g| *g = 0.0);
        // A one-character-free document ([BOS, BOS]) still predicts BOS: n ≥ 1.
        let loss = self.model.loss_and_grad(doc, &mut self.grad, &mut self.ws)?;
        if !(loss.is_finite() && self.grad.iter().all(|g| g.is_finite())) {
            self.diverged_at = Some(self.step + 1);
            return None;
        }
        self.before[0].copy_from_slice(&self.model.params);
        self.before[1].copy_from_slice(&self.opt.m);
        self.before[2].copy_from_slice(&self.opt.v);
        self.update();
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        if !(finite(&self.model.params) && finite(&self.opt.m) && finite(&self.opt.v)) {
            self.model.params.copy_from_slice(&self.before[0]);
            self.opt.m.copy_from_slice(&self.before[1]);
            self.opt.v.copy_from_slice(&self.before[2]);
            self.opt.t -= 1;
            self.diverged_at = Some(self.step + 1);
            return None;
        }
        self.step += 1;
        self.losses.push(loss);
        Some(loss)
    }

    /// The step (counted from 1) that was refused because it would have made a
    /// loss, a gradient or a parameter non-finite; `None` while the run is sound.
    pub fn diverged_at(&self) -> Option<usize> {
        self.diverged_at
    }

    /// `n` names at `temperature`, drawn with the run's RNG where it stands.
    pub fn sample(&mut self, n: usize, temperature: f64) -> Vec<String> {
        let bos = self.corpus.bos();
        (0..n)
            .map(|_| {
                let tokens = self.model.sample(bos, temperature, &mut self.rng, &mut self.ws);
                self.corpus.decode(&tokens)
            })
            .collect()
    }

    /// `n` names at `temperature` for a look during training, from a copy of
    /// the RNG: the run itself (and its final samples) is not disturbed.
    pub fn preview(&self, n: usize, temperature: f64) -> Vec<String> {
        let mut rng = self.rng.clone();
        let mut ws = Workspace::new(&self.model.config);
        let bos = self.corpus.bos();
        (0..n)
            .map(|_| {
                self.corpus
                    .decode(&self.model.sample(bos, temperature, &mut rng, &mut ws))
            })
            .collect()
    }

    /// Steps taken.
    pub fn steps_done(&self) -> usize {
        self.step
    }

    /// Loss of every step so far.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }
}

impl Trainer {
    /// One optimizer step with the learning rate decayed linearly to 0
    /// (microgpt.py's `lr_t = lr · (1 − step/num_steps)`).
    fn update(&mut self) {
        let c = &self.config;
        let lr_t = c.lr * (1.0 - self.step as f64 / c.num_steps as f64);
        let (kind, hyper) = c.optimizer.torch(lr_t);
        optim::step(kind, &hyper, &mut self.opt, &mut self.model.params, &self.grad, None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
