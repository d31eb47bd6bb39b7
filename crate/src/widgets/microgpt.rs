//! The microgpt widget (the post's 实验五, for real): train the 4,192-parameter
//! GPT on names, watch the loss fall, read the names it makes up.
//!
//! The page runs training in short slices (`train(n)` a few dozen steps per
//! frame), so the page never freezes; the model keeps every number the page shows.

use crate::format::fixed4;
use crate::input::{check_positive, check_range, Input, InputError};
use crate::microgpt::data::{Corpus, CorpusError};
use crate::microgpt::model::Config;
use crate::microgpt::train::{Optimizer, TrainConfig, Trainer};
use serde::Serialize;

/// Smoothing of the loss curve: `ema ← (1 − α)·ema + α·loss`.
pub const EMA_ALPHA: f64 = 0.05;
/// A few names are shown every this many steps.
pub const PREVIEW_EVERY: usize = 100;
/// Names per preview.
pub const PREVIEW_NAMES: usize = 4;
/// Names sampled at the end (as microgpt.py does).
pub const FINAL_NAMES: usize = 20;
/// Most steps a run may take.
pub const MAX_STEPS: f64 = 20_000.0;
/// AdamW's weight decay.
pub const WEIGHT_DECAY: f64 = 0.01;
/// *Diverging* after the smoothed loss rose this many steps in a row…
pub const DIVERGING_STREAK: usize = 2;
/// …while the step's loss is this many nats worse than a uniform guess
/// (`ln(vocabulary)`): early noise around the guess is not divergence.
pub const DIVERGING_MARGIN: f64 = 1.0;

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started (or reset).
    Idle,
    /// Training.
    Training,
    /// Stopped part-way by the reader.
    Paused,
    /// All steps done, names sampled.
    Done,
    /// Stopped because the next step would have made the loss, a gradient or
    /// a weight non-finite (see [`MicrogptSnapshot::diverged_at`]). No names
    /// are sampled from a broken model; Reset or Train starts over.
    Diverged,
}

/// Names sampled part-way through training.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preview {
    /// After this many steps.
    pub step: usize,
    /// The names.
    pub names: Vec<String>,
}

/// A finished run kept on the chart to compare against.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// e.g. "Adam, η 0.01".
    pub label: String,
    /// Its smoothed loss per step.
    pub ema: Vec<f64>,
}

/// The whole state of the microgpt widget.
#[derive(Clone, Debug)]
pub struct MicrogptModel {
    corpus: Option<(Corpus, String)>,
    config: TrainConfig,
    temperature: f64,
    trainer: Option<Trainer>,
    phase: Phase,
    ema: Vec<f64>,
    previews: Vec<Preview>,
    samples: Vec<String>,
    comparison: Option<Comparison>,
    timing: (f64, usize),
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrogptSnapshot {
    /// `idle`, `training`, `paused` or `done`.
    pub state: Phase,
    /// Steps done.
    pub step: usize,
    /// Steps in the run.
    pub num_steps: usize,
    /// Loss of the last step (`None` before the first).
    pub loss: Option<f64>,
    /// Smoothed loss.
    pub loss_ema: Option<f64>,
    /// Printed forms (4 decimals, `…` before the first step).
    pub loss_text: String,
    /// Smoothed loss printed.
    pub loss_ema_text: String,
    /// Measured milliseconds per training step (`None` until measured).
    pub ms_per_step: Option<f64>,
    /// Number of parameters (4,192 for 26 letters).
    pub params: usize,
    /// `ln(vocabulary)`: the loss of a uniform guess.
    pub baseline: f64,
    /// Vocabulary size (27 for names).
    pub vocab: usize,
    /// The corpus: its name and number of documents.
    pub corpus_name: String,
    /// Documents in the corpus.
    pub corpus_docs: usize,
    /// Settings.
    pub lr: f64,
    /// Optimizer: `adam`, `adamw` or `sgd`.
    pub optimizer: &'static str,
    /// Seed.
    pub seed: u64,
    /// Sampling temperature.
    pub temperature: f64,
    /// Names made up during training.
    pub previews: Vec<Preview>,
    /// The 20 names sampled at the end.
    pub samples: Vec<String>,
    /// The kept run's label, if any.
    pub comparison: Option<String>,
    /// Whether the loss is climbing: the smoothed loss rose on the last
    /// [`DIVERGING_STREAK`] steps and the step's loss is [`DIVERGING_MARGIN`]
    /// nats worse than a uniform guess.
    pub diverging: bool,
    /// The step (from 1) that was refused when the run diverged.
    pub diverged_at: Option<usize>,
}

impl Default for MicrogptModel {
    fn default() -> Self {
        MicrogptModel {
            corpus: None,
            config: TrainConfig::default(),
            temperature: 0.5,
            trainer: None,
            phase: Phase::Idle,
            ema: Vec::new(),
            previews: Vec::new(),
            samples: Vec::new(),
            comparison: None,
            timing: (0.0, 0),
        }
    }
}

impl MicrogptModel {
    /// Uses `text` (one document per line) as the corpus; resets the run.
    pub fn load_corpus(&mut self, text: &str, name: &str) -> Result<(), CorpusError> {
        let corpus = Corpus::parse(text)?;
        self.corpus = Some((corpus, name.chars().take(80).collect()));
        self.reset();
        Ok(())
    }

    /// Starts (or resumes) training, or pauses it.
    pub fn toggle(&mut self) {
        match self.phase {
            Phase::Training => self.phase = Phase::Paused,
            Phase::Paused => self.phase = Phase::Training,
            Phase::Idle | Phase::Done | Phase::Diverged => {
                if let Some((corpus, _)) = &self.corpus {
                    self.trainer = Some(Trainer::new(corpus.clone(), self.config));
                    self.ema.clear();
                    self.previews.clear();
                    self.samples.clear();
                    self.timing = (0.0, 0);
                    self.phase = Phase::Training;
                }
            }
        }
    }

    /// Back to no run (the corpus and settings stay).
    pub fn reset(&mut self) {
        self.trainer = None;
        self.phase = Phase::Idle;
        self.ema.clear();
        self.previews.clear();
        self.samples.clear();
        self.timing = (0.0, 0);
    }

    /// Up to `n` training steps; returns how many ran (0 unless training).
    pub fn train(&mut self, n: usize) -> usize {
        if self.phase != Phase::Training {
            return 0;
        }
        let Some(trainer) = self.trainer.as_mut() else {
            return 0;
        };
        let mut done = 0;
        while done < n {
            let Some(loss) = trainer.step() else {
                if trainer.diverged_at().is_some() {
                    self.phase = Phase::Diverged;
                    return done;
                }
                break;
            };
            done += 1;
            let ema = self
                .ema
                .last()
                .map_or(loss, |e| (1.0 - EMA_ALPHA) * e + EMA_ALPHA * loss);
            self.ema.push(ema);
            let step = trainer.steps_done();
            if step % PREVIEW_EVERY == 0 && step < self.config.num_steps {
                let names = trainer.preview(PREVIEW_NAMES, self.temperature);
                self.previews.push(Preview { step, names });
            }
        }
        if trainer.steps_done() >= self.config.num_steps {
            self.samples = trainer.sample(FINAL_NAMES, self.temperature);
            self.phase = Phase::Done;
        }
        done
    }

    /// The page measured `ms` for `steps` steps.
    /// A measurement that is not a plausible one (not finite, negative, over
    /// a minute, or for no steps) is ignored, so the average stays finite.
    pub fn record_timing(&mut self, ms: f64, steps: usize) {
        const MAX_MS: f64 = 60_000.0;
        if ms.is_finite() && (0.0..=MAX_MS).contains(&ms) && steps > 0 {
            let total = self.timing.0 + ms;
            if total.is_finite() {
                self.timing = (total, self.timing.1.saturating_add(steps));
            }
        }
    }

    /// Keeps the current run's curve on the chart and starts over.
    pub fn keep_for_comparison(&mut self) {
        if !self.ema.is_empty() {
            self.comparison = Some(Comparison {
                label: self.label(),
                ema: self.ema.clone(),
            });
        }
        self.reset();
    }

    /// Sets the peak learning rate (0 < η ≤ 10); resets the run.
    pub fn set_lr(&mut self, lr: f64) -> Result<(), InputError> {
        self.config.lr = check_positive(lr, Input::LearningRate, 10.0)?;
        self.reset();
        Ok(())
    }

    /// Sets the number of steps (1 to 20,000); resets the run.
    pub fn set_steps(&mut self, steps: f64) -> Result<(), InputError> {
        let n = check_range(steps, Input::Steps, 1.0, MAX_STEPS)?;
        // In 1..=20,000 after the check: the cast is exact.
        self.config.num_steps = n.round() as usize;
        self.reset();
        Ok(())
    }

    /// Sets the seed (0 to 2³² − 1); resets the run.
    pub fn set_seed(&mut self, seed: f64) -> Result<(), InputError> {
        let s = check_range(seed, Input::Seed, 0.0, f64::from(u32::MAX))?;
        self.config.seed = s.round() as u64;
        self.reset();
        Ok(())
    }

    /// Sets the sampling temperature (0.05 to 2); applies to the next names.
    pub fn set_temperature(&mut self, t: f64) -> Result<(), InputError> {
        self.temperature = check_range(t, Input::Temperature, 0.05, 2.0)?;
        Ok(())
    }

    /// `adam`, `adamw` or `sgd`; resets the run. Returns whether it was one of those.
    pub fn set_optimizer(&mut self, kind: &str) -> bool {
        self.config.optimizer = match kind {
            "adam" => Optimizer::Adam,
            "adamw" => Optimizer::AdamW {
                weight_decay: WEIGHT_DECAY,
            },
            "sgd" => Optimizer::Sgd,
            _ => return false,
        };
        self.reset();
        true
    }

    /// The smoothed loss per step of this run and of the kept one, for the chart.
    pub fn curves(&self) -> (&[f64], &[f64], Option<&Comparison>) {
        let raw = self.trainer.as_ref().map_or(&[][..], |t| t.losses());
        (raw, &self.ema, self.comparison.as_ref())
    }

    /// What the page shows.
    pub fn snapshot(&self) -> MicrogptSnapshot {
        let vocab = self.vocab();
        let loss = self.trainer.as_ref().and_then(|t| t.losses().last().copied());
        let loss_ema = self.ema.last().copied();
        let text = |v: Option<f64>| v.map_or_else(|| "…".to_owned(), fixed4);
        MicrogptSnapshot {
            state: self.phase,
            step: self.trainer.as_ref().map_or(0, Trainer::steps_done),
            num_steps: self.config.num_steps,
            loss,
            loss_ema,
            loss_text: text(loss),
            loss_ema_text: text(loss_ema),
            ms_per_step: (self.timing.1 > 0).then(|| self.timing.0 / self.timing.1 as f64),
            params: Config::microgpt(vocab).param_count(),
            baseline: self.baseline(),
            vocab,
            corpus_name: self.corpus.as_ref().map_or_else(String::new, |(_, n)| n.clone()),
            corpus_docs: self.corpus.as_ref().map_or(0, |(c, _)| c.docs.len()),
            lr: self.config.lr,
            optimizer: match self.config.optimizer {
                Optimizer::Adam => "adam",
                Optimizer::AdamW { .. } => "adamw",
                Optimizer::Sgd => "sgd",
            },
            seed: self.config.seed,
            temperature: self.temperature,
            previews: self.previews.clone(),
            samples: self.samples.clone(),
            comparison: self.comparison.as_ref().map(|c| c.label.clone()),
            diverging: self.phase != Phase::Diverged && self.diverging(),
            diverged_at: self.trainer.as_ref().and_then(Trainer::diverged_at),
        }
    }

    /// The loss of a uniform guess, `ln(vocabulary)` (ln 27 for names).
    pub fn baseline(&self) -> f64 {
        (self.vocab() as f64).ln()
    }

    /// Steps in the run.
    pub fn num_steps(&self) -> usize {
        self.config.num_steps
    }
}

impl MicrogptModel {
    /// Vocabulary size of the corpus (27 for names, before one is loaded too).
    fn vocab(&self) -> usize {
        self.corpus.as_ref().map_or(27, |(c, _)| c.vocab_size())
    }

    /// See [`MicrogptSnapshot::diverging`].
    fn diverging(&self) -> bool {
        let Some(losses) = self.trainer.as_ref().map(Trainer::losses) else {
            return false;
        };
        let worse = losses
            .last()
            .is_some_and(|&l| l > self.baseline() + DIVERGING_MARGIN);
        let n = self.ema.len();
        let rising = n > DIVERGING_STREAK
            && self.ema[n - DIVERGING_STREAK - 1..]
                .windows(2)
                .all(|w| w[1] > w[0]);
        worse && rising
    }

    fn label(&self) -> String {
        let name = match self.config.optimizer {
            Optimizer::Adam => "Adam",
            Optimizer::AdamW { .. } => "AdamW",
            Optimizer::Sgd => "SGD",
        };
        format!("{name}, η {}", crate::format::short(self.config.lr))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
