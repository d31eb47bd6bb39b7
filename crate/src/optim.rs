//! Optimizers as PyTorch's `torch.optim` defines them: SGD (with momentum,
//! dampening and Nesterov), RMSprop, Adam and AdamW. One pure module for the
//! optimizers widget and for microgpt's training.
//!
//! The update rules are the pseudo-code of the PyTorch documentation, pages
//! `torch.optim.SGD`, `torch.optim.RMSprop`, `torch.optim.Adam` and
//! `torch.optim.AdamW` (<https://pytorch.org/docs/stable/optim.html>), with
//! θ the parameters, g the gradient, γ the learning rate `lr`, λ
//! `weight_decay`, μ `momentum`, τ `dampening`, α `alpha`, β₁ β₂ `betas`, ε
//! `eps`, t the step (1 for the first):
//!
//! - **SGD**: g ← g + λθ; if μ ≠ 0 { b ← g on its first use, else μb + (1 − τ)g;
//!   g ← g + μb if Nesterov, else b }; θ ← θ − γg.
//! - **RMSprop** (not centred, no momentum): g ← g + λθ; v ← αv + (1 − α)g²;
//!   θ ← θ − γg / (√v + ε).
//! - **Adam**: g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
//!   m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ); θ ← θ − γm̂ / (√v̂ + ε).
//! - **AdamW**: θ ← θ − γλθ (decoupled: not part of g), then Adam's moments
//!   and step without the g + λθ.
//!
//! √v̂ is computed as `v̂.powf(0.5)`, as microgpt.py writes `v_hat ** 0.5`, so
//! microgpt's run stays the reference's to the last bit; it is √v̂ rounded
//! once where `pow` is correctly rounded.
//!
//! Every parameter is updated on its own (the "step size per parameter" of the
//! post): [`Parts`] gives, per parameter, the step the gradient made and the
//! step the decoupled decay made, so θ_new = θ − grad − decay exactly as
//! computed. Nothing here checks for overflow: callers keep a watch (see
//! [`crate::descent::Watch`]) and refuse a step whose result is not finite.

use serde::Serialize;

/// The six optimizers a reader can race, by the field's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Plain gradient descent, `torch.optim.SGD` with momentum 0.
    Sgd,
    /// Heavy-ball momentum, `torch.optim.SGD(momentum=0.9)`.
    Momentum,
    /// Nesterov momentum, `torch.optim.SGD(momentum=0.9, nesterov=True)`.
    Nesterov,
    /// `torch.optim.RMSprop`.
    RmsProp,
    /// `torch.optim.Adam`, bias-corrected.
    Adam,
    /// `torch.optim.AdamW`: Adam with decoupled weight decay.
    AdamW,
}

/// Every kind, in the order the widget lists them.
pub const KINDS: [Kind; 6] = [Kind::Sgd, Kind::Momentum, Kind::Nesterov, Kind::RmsProp, Kind::Adam, Kind::AdamW];

impl Kind {
    /// The name links and hooks use: `sgd`, `momentum`, `nesterov`, `rmsprop`,
    /// `adam`, `adamw`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sgd => "sgd",
            Kind::Momentum => "momentum",
            Kind::Nesterov => "nesterov",
            Kind::RmsProp => "rmsprop",
            Kind::Adam => "adam",
            Kind::AdamW => "adamw",
        }
    }

    /// The name as the legend prints it (PyTorch's class names, momentum
    /// and Nesterov as `SGD(momentum=…)` and `SGD(nesterov=True)` are
    /// called): `SGD`, `Momentum`, `Nesterov`, `RMSprop`, `Adam`, `AdamW`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Sgd => "SGD",
            Kind::Momentum => "Momentum",
            Kind::Nesterov => "Nesterov",
            Kind::RmsProp => "RMSprop",
            Kind::Adam => "Adam",
            Kind::AdamW => "AdamW",
        }
    }

    /// The hyperparameters it takes, by PyTorch's names (η first), as its
    /// `torch.optim` class does: `sgd` `lr`, `weight_decay`; `momentum` also
    /// `momentum`, `dampening`; `nesterov` `lr`, `momentum`, `weight_decay`
    /// (PyTorch refuses Nesterov with dampening); `rmsprop` `lr`, `alpha`,
    /// `eps`, `weight_decay`; `adam` and `adamw` `lr`, `beta1`, `beta2`,
    /// `eps`, `weight_decay`.
    pub fn takes(self) -> &'static [&'static str] {
        match self {
            Kind::Sgd => &["lr", "weight_decay"],
            Kind::Momentum => &["lr", "momentum", "dampening", "weight_decay"],
            Kind::Nesterov => &["lr", "momentum", "weight_decay"],
            Kind::RmsProp => &["lr", "alpha", "eps", "weight_decay"],
            Kind::Adam | Kind::AdamW => &["lr", "beta1", "beta2", "eps", "weight_decay"],
        }
    }

    /// The kind called `name` (see [`Kind::name`]).
    pub fn named(name: &str) -> Option<Kind> {
        KINDS.into_iter().find(|k| k.name() == name)
    }
}

/// The hyperparameters, by PyTorch's names. Unitless, except `lr`, which
/// has the units of θ per unit of gradient.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Hyper {
    /// γ, `lr`.
    pub lr: f64,
    /// μ, SGD's `momentum` (0 for plain SGD).
    pub momentum: f64,
    /// τ, SGD's `dampening`.
    pub dampening: f64,
    /// α, RMSprop's smoothing constant `alpha`.
    pub alpha: f64,
    /// β₁, Adam's first `betas` entry.
    pub beta1: f64,
    /// β₂, Adam's second `betas` entry.
    pub beta2: f64,
    /// ε, `eps`, added to the denominator (RMSprop, Adam, AdamW).
    pub eps: f64,
    /// λ, `weight_decay`: an L2 term in g for SGD, RMSprop and Adam; the
    /// decoupled θ ← θ − γλθ for AdamW.
    pub weight_decay: f64,
}

impl Hyper {
    /// PyTorch's defaults for `kind` at learning rate `lr`: SGD's momentum 0
    /// (0.9 for the momentum and Nesterov entries), dampening 0; RMSprop's
    /// alpha 0.99, eps 1e-8; Adam's betas (0.9, 0.999), eps 1e-8, weight
    /// decay 0; AdamW's the same with weight decay 0.01.
    pub fn defaults(kind: Kind, lr: f64) -> Hyper {
        let base = Hyper { lr, momentum: 0.0, dampening: 0.0, alpha: 0.99, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.0 };
        match kind {
            Kind::Sgd | Kind::RmsProp | Kind::Adam => base,
            Kind::Momentum | Kind::Nesterov => Hyper { momentum: 0.9, ..base },
            Kind::AdamW => Hyper { weight_decay: 0.01, ..base },
        }
    }

    /// The hyperparameter called `name` (PyTorch's: `lr`, `momentum`,
    /// `dampening`, `alpha`, `beta1`, `beta2`, `eps`, `weight_decay`).
    pub fn get(&self, name: &str) -> Option<f64> {
        Some(match name {
            "lr" => self.lr,
            "momentum" => self.momentum,
            "dampening" => self.dampening,
            "alpha" => self.alpha,
            "beta1" => self.beta1,
            "beta2" => self.beta2,
            "eps" => self.eps,
            "weight_decay" => self.weight_decay,
            _ => return None,
        })
    }
}

/// An optimizer's memory between steps, one entry per parameter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// Steps taken (t of the last step; 0 before the first).
    pub t: u64,
    /// SGD's momentum buffer b.
    pub buffer: Vec<f64>,
    /// Whether the buffer holds a step yet: PyTorch starts it as b = g on
    /// the first step that uses momentum, whenever that is.
    pub buffered: bool,
    /// Adam's first moment m.
    pub m: Vec<f64>,
    /// Adam's second moment v, or RMSprop's square average.
    pub v: Vec<f64>,
}

impl State {
    /// A fresh state for `n` parameters.
    pub fn new(n: usize) -> State {
        State { t: 0, buffer: vec![0.0; n], buffered: false, m: vec![0.0; n], v: vec![0.0; n] }
    }
}

/// What one step did to each parameter: θ_new = θ − `grad` − `decay`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parts {
    /// The step the gradient made, per parameter: γg for SGD, γm̂/(√v̂ + ε)
    /// for Adam and AdamW, …
    pub grad: Vec<f64>,
    /// AdamW's decoupled decay γλθ per parameter (zero for the others).
    pub decay: Vec<f64>,
}

/// One step of `kind` with `hyper` on `params`, given their gradient `grad`
/// (same length; `state` sized for them by [`State::new`]). When `parts` is
/// given it receives, per parameter, the step the gradient made and the step
/// the decay made.
pub fn step(kind: Kind, hyper: &Hyper, state: &mut State, params: &mut [f64], grad: &[f64], mut parts: Option<&mut Parts>) {
    state.t += 1;
    let t = state.t;
    if let Some(p) = parts.as_deref_mut() {
        p.grad.clear();
        p.decay.clear();
    }
    let h = hyper;
    let n = params.len().min(grad.len());
    for i in 0..n {
        let theta = params[i];
        let (by_grad, by_decay) = match kind {
            Kind::Sgd | Kind::Momentum | Kind::Nesterov => {
                let mut g = grad[i] + h.weight_decay * theta;
                if h.momentum != 0.0 {
                    let b = if state.buffered { h.momentum * state.buffer[i] + (1.0 - h.dampening) * g } else { g };
                    state.buffer[i] = b;
                    g = if kind == Kind::Nesterov { g + h.momentum * b } else { b };
                }
                (h.lr * g, 0.0)
            }
            Kind::RmsProp => {
                let g = grad[i] + h.weight_decay * theta;
                state.v[i] = h.alpha * state.v[i] + (1.0 - h.alpha) * (g * g);
                (h.lr * g / (state.v[i].powf(0.5) + h.eps), 0.0)
            }
            Kind::Adam | Kind::AdamW => {
                let (g, decay) = if kind == Kind::AdamW {
                    (grad[i], h.lr * h.weight_decay * theta)
                } else {
                    (grad[i] + h.weight_decay * theta, 0.0)
                };
                state.m[i] = h.beta1 * state.m[i] + (1.0 - h.beta1) * g;
                state.v[i] = h.beta2 * state.v[i] + (1.0 - h.beta2) * (g * g);
                let m_hat = state.m[i] / (1.0 - h.beta1.powf(t as f64));
                let v_hat = state.v[i] / (1.0 - h.beta2.powf(t as f64));
                (h.lr * m_hat / (v_hat.powf(0.5) + h.eps), decay)
            }
        };
        // AdamW's order: the decay first, then the Adam step.
        params[i] = (theta - by_decay) - by_grad;
        if let Some(p) = parts.as_deref_mut() {
            p.grad.push(by_grad);
            p.decay.push(by_decay);
        }
    }
    if matches!(kind, Kind::Sgd | Kind::Momentum | Kind::Nesterov) && h.momentum != 0.0 {
        state.buffered = true;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
