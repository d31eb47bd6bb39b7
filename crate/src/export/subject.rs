//! What an export draws: a widget's model in the state a link describes.

use super::film::Reel;
use crate::descent::Health;
use crate::format::short;
use crate::i18n::Lang;
use crate::settings::{Settings, MAX_STEPS};
use crate::widgets::descent::{DescentModel, Scene};
use crate::widgets::loss::LossModel;
use crate::render::{graph, loss, microgpt, picture, Style};
use crate::view::PixelMap;
use crate::widgets::backprop::BackpropModel;
use crate::widgets::lr_compare::{LrCompareModel, RUNS};
use crate::widgets::microgpt::{Comparison, MicrogptModel};
use crate::widgets::optimizers::OptimizersModel;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};

/// Most steps a GIF plays: at 1× that is almost six minutes of animation.
pub const MAX_GIF_STEPS: usize = 500;

/// A widget to export, in the state its settings describe.
// One subject lives per export: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Subject {
    /// `descent`: one ball, its readouts above the chart.
    Descent(DescentModel),
    /// `lr-compare`: the lab's three panels side by side.
    Lab(LrCompareModel),
    /// `mse`: the squared-error chart.
    Mse(LossModel),
    /// `cross-entropy`: the −ln p chart.
    CrossEntropy(LossModel),
    /// `backprop`: the graph, one stage at a time.
    Backprop(BackpropModel),
    /// `microgpt`: the loss curves of a training run, growing.
    Curves(Curves),
    /// `optimizers`: the race's view and its loss chart side by side.
    Race(OptimizersModel),
}

/// A training run's loss curves, shown growing from step 0: one film step
/// reveals [`Curves::chunk`] training steps.
#[derive(Clone, Debug)]
pub struct Curves {
    /// Loss per training step.
    pub raw: Vec<f64>,
    /// Its moving average.
    pub ema: Vec<f64>,
    /// A run kept for comparison, shown whole.
    pub kept: Option<Comparison>,
    /// The uniform guess's loss, ln(vocabulary).
    pub baseline: f64,
    /// The run's length (the chart's x range).
    pub num_steps: usize,
    /// Training steps shown so far.
    pub shown: usize,
    /// Training steps a film step reveals.
    pub chunk: usize,
}

/// Pictures a growing curve takes at most in a GIF.
pub const CURVE_FRAMES: usize = 80;
/// Milliseconds per picture of a growing curve.
pub const CURVE_FRAME_MS: f64 = 100.0;

impl Curves {
    /// The curves of a run so far, from step 0; returns them and the film
    /// steps that show them whole (at most [`CURVE_FRAMES`]).
    pub fn of(m: &MicrogptModel) -> (Curves, usize) {
        let (raw, ema, kept) = m.curves();
        let chunk = raw.len().div_ceil(CURVE_FRAMES).max(1);
        let curves = Curves {
            raw: raw.to_vec(),
            ema: ema.to_vec(),
            kept: kept.cloned(),
            baseline: m.baseline(),
            num_steps: m.num_steps(),
            shown: 0,
            chunk,
        };
        let steps = raw.len().div_ceil(chunk);
        (curves, steps)
    }
}

impl Subject {
    /// The widget `settings.widget` names (`descent` when none), with η,
    /// start point and speed from the settings, at t = 0.
    ///
    /// # Errors
    /// One sentence for a widget that cannot be exported from here.
    pub fn from_settings(settings: &Settings) -> Result<Subject, String> {
        let widget = settings.widget.unwrap_or("descent");
        match widget {
            "descent" => {
                let mut m = DescentModel::default();
                if let Some(l) = settings.chosen_landscape() {
                    m.set_scene(l, 0.0).map_err(|e| e.message(Lang::En))?;
                }
                if let Some(n) = settings.balls {
                    m.set_ball_count(n as usize, 0.0).map_err(|e| e.message(Lang::En))?;
                }
                if let Some(speed) = settings.speed {
                    m.set_speed(speed);
                }
                // In the page's order: η, then the start (checked with that η).
                if let Some(lr) = settings.lr {
                    m.set_lr(lr).map_err(|e| e.message(Lang::En))?;
                }
                for (i, w0) in [settings.w0, settings.w0b, settings.w0c].into_iter().enumerate() {
                    if let Some(w0) = w0 {
                        m.set_or_add(i, w0, 0.0).map_err(|e| e.message(Lang::En))?;
                    }
                }
                Ok(Subject::Descent(m))
            }
            "lr-compare" => {
                let mut m = LrCompareModel::default();
                if let Some(l) = settings.chosen_landscape() {
                    m.set_landscape(l, 0.0).map_err(|e| e.message(Lang::En))?;
                }
                if let Some(speed) = settings.speed {
                    m.set_speed(speed);
                }
                if let Some(w0) = settings.w0 {
                    m.set_start(w0, 0.0).map_err(|e| e.message(Lang::En))?;
                }
                for (i, lr) in settings.lrs.iter().enumerate() {
                    if let Some(lr) = lr {
                        m.set_lr(i, *lr, 0.0).map_err(|e| e.message(Lang::En))?;
                    }
                }
                Ok(Subject::Lab(m))
            }
            "backprop" => {
                let mut m = BackpropModel::default();
                if let Some(speed) = settings.speed {
                    m.set_speed(speed);
                }
                Ok(Subject::Backprop(m))
            }
            "optimizers" => {
                // A picture asked for exactly this: the first refusal stops it.
                let mut m = OptimizersModel::default();
                let steps = Settings { steps: None, ..settings.clone() };
                match m.apply_link(&steps, true).first() {
                    Some(e) => Err(e.message(Lang::En)),
                    None => Ok(Subject::Race(m)),
                }
            }
            "mse" => Ok(Subject::Mse(LossModel::default())),
            "cross-entropy" => Ok(Subject::CrossEntropy(LossModel::default())),
            "loss" => Err("widget=loss is the page's pair of charts: ask for widget=mse or widget=cross-entropy, one picture each".to_owned()),
            other => Err(format!(
                "widget “{other}” trains in the page only: use its PNG and GIF buttons there (the command line draws descent, lr-compare, optimizers, backprop, mse and cross-entropy)"
            )),
        }
    }

    /// Views change once a step instead of gliding with each flight: in a
    /// GIF a gliding view redraws a whole panel every frame, which made the
    /// post's learning_rate.gif five times larger (the balls still fly).
    pub fn set_view_jumps(&mut self, jumps: bool) {
        match self {
            Subject::Descent(m) => m.set_view_jumps(jumps),
            Subject::Lab(m) => m.set_view_jumps(jumps),
            _ => {}
        }
    }

    /// Whether the widget has a run to animate.
    pub fn animates(&self) -> bool {
        !matches!(self, Subject::Mse(_) | Subject::CrossEntropy(_))
    }

    /// Most steps `steps=` may ask for: a GIF plays at most [`MAX_GIF_STEPS`];
    /// a picture may show as many as a link replays; a widget without a run, 0.
    pub fn max_steps(&self, gif: bool) -> usize {
        match (self.animates(), gif) {
            (false, _) => 0,
            (true, true) => MAX_GIF_STEPS,
            (true, false) => MAX_STEPS as usize,
        }
    }

    /// Takes `steps` steps at once (a run that cannot move stops early), the
    /// pictures at rest afterwards.
    pub fn advance(&mut self, steps: usize) {
        for _ in 0..steps {
            let moved = match self {
                Subject::Descent(m) => m.step(0.0),
                Subject::Lab(m) => m.step(0.0),
                Subject::Backprop(m) => m.next(),
                Subject::Curves(c) => Reel::step(c, 0.0),
                Subject::Race(m) => m.step(),
                Subject::Mse(_) | Subject::CrossEntropy(_) => false,
            };
            if !moved {
                break;
            }
        }
    }
}

impl Reel for Subject {
    fn t(&self) -> usize {
        match self {
            Subject::Descent(m) => Reel::t(m),
            Subject::Lab(m) => Reel::t(m),
            Subject::Backprop(m) => m.position(),
            Subject::Curves(c) => Reel::t(c),
            Subject::Race(m) => m.t(),
            Subject::Mse(_) | Subject::CrossEntropy(_) => 0,
        }
    }
    fn step(&mut self, now_ms: f64) -> bool {
        match self {
            Subject::Descent(m) => Reel::step(m, now_ms),
            Subject::Lab(m) => Reel::step(m, now_ms),
            Subject::Backprop(m) => m.next(),
            Subject::Curves(c) => Reel::step(c, now_ms),
            Subject::Race(m) => m.step(),
            Subject::Mse(_) | Subject::CrossEntropy(_) => false,
        }
    }
    fn settled(&self, now_ms: f64) -> bool {
        match self {
            Subject::Descent(m) => m.settled(now_ms),
            Subject::Lab(m) => m.settled(now_ms),
            Subject::Backprop(_) | Subject::Curves(_) | Subject::Race(_) | Subject::Mse(_) | Subject::CrossEntropy(_) => true,
        }
    }
    fn interval_ms(&self) -> f64 {
        match self {
            Subject::Descent(m) => m.interval_ms(),
            Subject::Lab(m) => Reel::interval_ms(m),
            Subject::Backprop(m) => m.interval_ms(),
            Subject::Curves(_) => CURVE_FRAME_MS,
            Subject::Race(m) => m.interval_ms(),
            Subject::Mse(_) | Subject::CrossEntropy(_) => 1.0,
        }
    }
}

/// The title line above an exported descent chart: η, t, w and L as the
/// page's readouts print them (4 decimals, as the post).
pub fn descent_title(m: &DescentModel, lang: Lang) -> String {
    let s = m.snapshot();
    let lr = short(s.lr);
    // The widget's state (diverged once every ball has stopped), else A's badge.
    let health = match m.state() {
        "diverged" => Health::Diverged,
        "out-of-domain" => Health::OutOfDomain,
        _ if m.run().health() == Health::Diverging => Health::Diverging,
        _ => Health::Stable,
    };
    let state = match (health, lang) {
        (Health::Diverged, Lang::En) => " · diverged",
        (Health::Diverged, Lang::Zh) => " · 已发散",
        (Health::OutOfDomain, Lang::En) => " · left the domain",
        (Health::OutOfDomain, Lang::Zh) => " · 超出定义域",
        (Health::Diverging, Lang::En) => " · diverging",
        (Health::Diverging, Lang::Zh) => " · 正在发散",
        _ => "",
    };
    if s.balls.len() > 1 {
        // Several balls: each one's w and L, by its letter.
        let each: Vec<String> = s
            .balls
            .iter()
            .zip(crate::widgets::descent::BALL_LETTERS)
            .map(|(b, letter)| format!("{letter} w = {} L = {}", b.text.w, b.text.loss))
            .collect();
        return match lang {
            Lang::En => format!("η = {lr} · t = {} · {}{state}", s.text.t, each.join(" · ")),
            Lang::Zh => format!("学习率 η = {lr} · 第 {} 步 · {}{state}", s.text.t, each.join(" · ")),
        };
    }
    match lang {
        Lang::En => format!("η = {lr} · t = {} · w = {} · L(w) = {}{state}", s.text.t, s.text.w, s.text.loss),
        Lang::Zh => format!("学习率 η = {lr} · 第 {} 步 · w = {} · L(w) = {}{state}", s.text.t, s.text.w, s.text.loss),
    }
}

/// The two title lines of each lab panel: η and the verdict, then w and L.
pub fn lab_titles(m: &LrCompareModel, lang: Lang) -> Vec<[String; 2]> {
    m.snapshot()
        .runs
        .iter()
        .map(|r| {
            let verdict = match lang {
                Lang::En => r.class_en,
                Lang::Zh => r.class_zh,
            };
            [
                format!("η = {} · {verdict}", r.text.lr),
                format!("w = {} · L = {}", r.text.w, r.text.loss),
            ]
        })
        .collect()
}

/// The lab's panel scenes at `now_ms`.
pub fn lab_scenes(m: &LrCompareModel, now_ms: f64) -> Vec<Scene<'_>> {
    (0..RUNS).filter_map(|i| m.panel_scene(i, now_ms)).collect()
}

/// A time long after every flight has landed: the picture at rest.
pub const AT_REST_MS: f64 = 1e9;

/// Draws `subject` as it shows at `now_ms` (a PNG uses [`AT_REST_MS`]) on
/// `area`, with the titles an image needs. Returns the mapping of each chart
/// with a ball (one for descent, three for the lab, none otherwise), in the
/// backend's pixels.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    subject: &Subject,
    now_ms: f64,
    style: &Style,
) -> Result<Vec<PixelMap>, DrawingAreaErrorKind<DB::ErrorType>> {
    match subject {
        Subject::Descent(m) => {
            let map = picture::descent(area, &m.scene(now_ms), &descent_title(m, style.lang), style)?;
            Ok(vec![map])
        }
        Subject::Lab(m) => picture::lab(area, &lab_scenes(m, now_ms), &lab_titles(m, style.lang), style),
        Subject::Mse(m) => loss::draw_mse(area, &m.snapshot(), style).map(|_| Vec::new()),
        Subject::CrossEntropy(m) => loss::draw_ce(area, &m.snapshot(), style).map(|_| Vec::new()),
        Subject::Backprop(m) => graph::draw(area, &m.scene(), style).map(|()| Vec::new()),
        Subject::Race(m) => crate::render::race::picture(area, m, style).map(|map| vec![map]),
        Subject::Curves(c) => {
            let n = c.shown.min(c.raw.len());
            let m = c.shown.min(c.ema.len());
            microgpt::draw(area, &c.raw[..n], &c.ema[..m], c.kept.as_ref(), c.baseline, c.num_steps, style)?;
            Ok(Vec::new())
        }
    }
}

impl Subject {
    /// The run `m` shows, replayed from t = 0 with each step's own η
    /// ([`DescentModel::replay`]), and the steps it has taken: what the
    /// page's GIF button films.
    pub fn replay_descent(m: &DescentModel) -> (Subject, usize) {
        (Subject::Descent(m.replay()), m.run().t())
    }

    /// The backprop walk replayed from the start (same inputs, η, ε, speed),
    /// and the stages to walk.
    pub fn replay_backprop(m: &BackpropModel) -> (Subject, usize) {
        (Subject::Backprop(m.replay()), m.position())
    }

    /// The race replayed from t = 0 (same landscape, start, switches,
    /// settings and speed), and the steps on its clock.
    pub fn replay_race(m: &OptimizersModel) -> (Subject, usize) {
        (Subject::Race(m.replay()), m.t())
    }

    /// The lab's three runs replayed from t = 0 (same start, η and speed),
    /// and the steps on its clock.
    pub fn replay_lab(m: &LrCompareModel) -> (Subject, usize) {
        let s = m.snapshot();
        let mut fresh = LrCompareModel::default();
        fresh.set_speed(s.speed);
        // Values the live lab accepted are accepted again.
        let _ = fresh.set_start(s.w0, 0.0);
        for (i, r) in s.runs.iter().enumerate() {
            let _ = fresh.set_lr(i, r.lr, 0.0);
        }
        (Subject::Lab(fresh), s.t)
    }
}

impl Reel for Curves {
    fn t(&self) -> usize {
        self.shown.div_ceil(self.chunk.max(1))
    }
    fn step(&mut self, _now_ms: f64) -> bool {
        if self.shown >= self.raw.len() {
            return false;
        }
        self.shown = (self.shown + self.chunk.max(1)).min(self.raw.len());
        true
    }
    fn settled(&self, _now_ms: f64) -> bool {
        true
    }
    fn interval_ms(&self) -> f64 {
        CURVE_FRAME_MS
    }
}
