//! Settings from the page's URL (`?lr=1.5&steps=20`), so "send me the link where
//! it explodes" works. A hand-edited or hostile query never breaks anything:
//! unknown keys are ignored, bad values are clamped or dropped, and every
//! correction comes back as a [`Notice`] the page shows in words.

use crate::descent::W0_LIMIT;
use crate::player::{SPEED_MAX, SPEED_MIN};
use crate::widgets::optimizers::START_LIMIT;
use serde::Serialize;

/// Widgets that `?widget=` may name.
/// `mse` and `cross-entropy` are the two halves of `loss`, each an embed of its own.
pub const WIDGETS: [&str; 8] = [
    "loss",
    "mse",
    "cross-entropy",
    "descent",
    "lr-compare",
    "backprop",
    "microgpt",
    "optimizers",
];
/// Most steps `?steps=` replays on load.
pub const MAX_STEPS: u32 = 5000;
/// Longest value read; longer ones are refused.
const MAX_VALUE_LEN: usize = 64;
/// Longest piece of a bad value echoed back in a notice.
const ECHO_LEN: usize = 24;

/// The light or dark theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Dark ink on light paper.
    Light,
    /// Light ink on a dark ground.
    Dark,
}

/// Everything a URL can set. `None` means "not given (or refused): use the default".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Show this widget alone (embed mode).
    pub widget: Option<&'static str>,
    /// Interface language: `"zh"` or `"en"`.
    pub lang: Option<&'static str>,
    /// Theme.
    pub theme: Option<Theme>,
    /// η of the descent widget.
    pub lr: Option<f64>,
    /// η of the learning-rate lab's runs 0, 1, 2.
    pub lrs: [Option<f64>; 3],
    /// Start point (of ball A in the descent widget).
    pub w0: Option<f64>,
    /// The descent widget's ball B's start (adds ball B if it is not there).
    pub w0b: Option<f64>,
    /// Ball C's start (adds ball C).
    pub w0c: Option<f64>,
    /// How many balls the descent widget shows (1 to 3), when not the
    /// landscape's default (two on the double well, one elsewhere).
    pub balls: Option<u32>,
    /// Steps to replay on load.
    pub steps: Option<u32>,
    /// Playback speed.
    pub speed: Option<f64>,
    /// Start playing on load.
    pub autoplay: Option<bool>,
    /// An embed without its own title and "About this" (the post around it
    /// says what it is).
    pub compact: Option<bool>,
    /// The landscape of the descent widget and the lab, a preset's name
    /// (see [`crate::landscape::PRESETS`]).
    pub landscape: Option<&'static str>,
    /// A typed landscape `L(w)` (`f=`, percent-encoded), already checked to
    /// parse (see [`crate::landscape::formula`]). It wins over `landscape=`.
    pub f: Option<String>,
    /// The optimizers widget's surface, from `surface=` (what the race
    /// writes) or a `landscape=` that names one (`ravine`, `rosenbrock`,
    /// `himmelblau`, `saddle`; see [`crate::surface::SURFACES`]); the
    /// curves' widgets ignore it.
    pub surface: Option<&'static str>,
    /// The optimizers widget's typed surface `L(w1, w2)` (`f2=`,
    /// percent-encoded), already checked to parse
    /// ([`crate::landscape::formula::Formula::parse_map`]). It wins over
    /// `landscape=` there.
    pub f2: Option<String>,
    /// The optimizers widget's view: `line` or `map`.
    pub view: Option<&'static str>,
    /// The optimizers switched on (`opt=adam,sgd`; `opt=none` for none), in
    /// [`crate::optim::KINDS`] order; `None` leaves the default scene's.
    pub opt: Option<Vec<&'static str>>,
    /// The optimizers' start (w1, w2) (on a line, w = w1).
    pub w1: Option<f64>,
    /// See `w1`.
    pub w2: Option<f64>,
    /// Per-optimizer settings, `adam.beta1=0.8`: optimizer, PyTorch's name,
    /// value (a finite number; the widget checks its range and says so).
    pub hyper: Vec<HyperSetting>,
}

/// One `<optimizer>.<name>=<value>` of a link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HyperSetting {
    /// `sgd`, `momentum`, `nesterov`, `rmsprop`, `adam` or `adamw`.
    pub opt: &'static str,
    /// `lr`, `momentum`, `dampening`, `alpha`, `beta1`, `beta2`, `eps` or
    /// `weight_decay`.
    pub name: &'static str,
    /// The value as given.
    pub value: f64,
}

/// The hyperparameter names a link may set per optimizer (PyTorch's).
pub const HYPER_NAMES: [&str; 8] = ["lr", "momentum", "dampening", "alpha", "beta1", "beta2", "eps", "weight_decay"];

impl Settings {
    /// The landscape the settings choose: the typed `f=` if given, else the
    /// preset `landscape=`, else none (the widget's own).
    pub fn chosen_landscape(&self) -> Option<crate::landscape::Landscape> {
        use crate::landscape::Landscape;
        match &self.f {
            Some(text) => Landscape::typed(text).ok(),
            None => self.landscape.and_then(Landscape::preset),
        }
    }
}

/// Reads a query string (with or without the leading `?`). Unknown keys are
/// ignored; for a repeated key the first occurrence counts.
pub fn parse_query(query: &str) -> (Settings, Vec<Notice>) {
    let mut settings = Settings::default();
    let mut notices = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(key) = known_key(&decode(raw_key)).or_else(|| hyper_key(&decode(raw_key))) else {
            continue;
        };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let value = decode(raw_value);
        let value = value.trim();
        let longest = if key == "f" || key == "f2" { crate::landscape::formula::MAX_CHARS } else { MAX_VALUE_LEN };
        if value.chars().count() > longest {
            notices.push(Notice {
                key,
                given: echo(value),
                problem: Problem::TooLong,
            });
            continue;
        }
        let mut note = |problem: Problem| {
            notices.push(Notice {
                key,
                given: echo(value),
                problem,
            })
        };
        match key {
            "widget" => match WIDGETS.iter().find(|w| **w == value) {
                Some(w) => settings.widget = Some(w),
                None => note(Problem::UnknownWord),
            },
            "lang" => match value.to_ascii_lowercase().as_str() {
                "zh" | "zh-cn" | "zh-hans" => settings.lang = Some("zh"),
                "en" => settings.lang = Some("en"),
                _ => note(Problem::UnknownWord),
            },
            "theme" => match value.to_ascii_lowercase().as_str() {
                "light" => settings.theme = Some(Theme::Light),
                "dark" => settings.theme = Some(Theme::Dark),
                _ => note(Problem::UnknownWord),
            },
            "autoplay" | "compact" => {
                let on = match value.to_ascii_lowercase().as_str() {
                    "" | "1" | "true" | "yes" | "on" => Some(true),
                    "0" | "false" | "no" | "off" => Some(false),
                    _ => {
                        note(Problem::UnknownWord);
                        None
                    }
                };
                if key == "autoplay" {
                    settings.autoplay = on;
                } else {
                    settings.compact = on;
                }
            }
            "landscape" => match crate::landscape::PRESETS.iter().find(|p| **p == value) {
                Some(p) => settings.landscape = Some(p),
                None => match crate::surface::Surface::named(value) {
                    Some(surface) => settings.surface = Some(surface.name()),
                    None => note(Problem::UnknownWord),
                },
            },
            // The race's own key for a surface: on the full page it does not
            // take the descent widget's and the lab's `landscape` from them.
            "surface" => match crate::surface::Surface::named(value) {
                Some(surface) => settings.surface = Some(surface.name()),
                None => note(Problem::UnknownWord),
            },
            "view" => match ["line", "map"].into_iter().find(|v| *v == value) {
                Some(v) => settings.view = Some(v),
                None => note(Problem::UnknownWord),
            },
            "opt" if value == "none" => settings.opt = Some(Vec::new()),
            "opt" => {
                // Every name must be an optimizer's; one that is not refuses the list.
                let names: Vec<&str> = value.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
                let kinds: Option<Vec<_>> = names.iter().map(|n| crate::optim::Kind::named(n)).collect();
                match kinds {
                    Some(kinds) if !kinds.is_empty() => {
                        settings.opt = Some(crate::optim::KINDS.into_iter().filter(|k| kinds.contains(k)).map(crate::optim::Kind::name).collect());
                    }
                    _ => note(Problem::UnknownWord),
                }
            }
            "w1" => settings.w1 = number(value, -START_LIMIT, START_LIMIT, &mut note),
            "w2" => settings.w2 = number(value, -START_LIMIT, START_LIMIT, &mut note),
            "f" => match crate::landscape::formula::Formula::parse(value) {
                Ok(_) => settings.f = Some(value.to_owned()),
                Err(error) => note(Problem::BadFormula { error }),
            },
            "f2" => match crate::landscape::formula::Formula::parse_map(value) {
                Ok(_) => settings.f2 = Some(value.to_owned()),
                Err(error) => note(Problem::BadFormula { error }),
            },
            "lr" => settings.lr = learning_rate(value, &mut note),
            "lr0" => settings.lrs[0] = learning_rate(value, &mut note),
            "lr1" => settings.lrs[1] = learning_rate(value, &mut note),
            "lr2" => settings.lrs[2] = learning_rate(value, &mut note),
            "w0" => settings.w0 = number(value, -W0_LIMIT, W0_LIMIT, &mut note),
            "w0b" => settings.w0b = number(value, -W0_LIMIT, W0_LIMIT, &mut note),
            "w0c" => settings.w0c = number(value, -W0_LIMIT, W0_LIMIT, &mut note),
            "balls" => settings.balls = whole(value, 1, crate::widgets::descent::MAX_BALLS as u32, &mut note),
            "speed" => settings.speed = number(value, SPEED_MIN, SPEED_MAX, &mut note),
            "steps" => settings.steps = whole(value, 0, MAX_STEPS, &mut note),
            _ => {
                if let (Some((opt, name)), Some(value)) = (key.split_once('.'), finite(value, &mut note)) {
                    settings.hyper.push(HyperSetting { opt: known(opt, crate::optim::KINDS.map(crate::optim::Kind::name)), name: known(name, HYPER_NAMES), value });
                }
            }
        }
    }
    (settings, notices)
}

/// Every key a link may carry.
/// (Besides these, `<optimizer>.<name>`: `adam.beta1`, `sgd.lr`, … for
/// every optimizer and [`HYPER_NAMES`].)
pub const KEYS: [&str; 23] = [
    "widget", "lang", "theme", "landscape", "surface", "f", "f2", "lr", "lr0", "lr1", "lr2", "w0", "w0b", "w0c", "balls", "steps", "speed", "autoplay", "compact", "view", "opt", "w1", "w2",
];

/// The key as one of ours, or `None` (ignored).
fn known_key(key: &str) -> Option<&'static str> {
    KEYS.iter().copied().find(|k| *k == key)
}

/// Every `<optimizer>.<name>` key: each optimizer (in [`crate::optim::KINDS`]
/// order) with each of [`HYPER_NAMES`]. Written out, not built at run time
/// (a lazily built table costs the page a `Once`). A test checks it.
pub const HYPER_KEYS: [&str; 48] = [
    "sgd.lr", "sgd.momentum", "sgd.dampening", "sgd.alpha", "sgd.beta1", "sgd.beta2", "sgd.eps",
    "sgd.weight_decay", "momentum.lr", "momentum.momentum", "momentum.dampening", "momentum.alpha",
    "momentum.beta1", "momentum.beta2", "momentum.eps", "momentum.weight_decay", "nesterov.lr",
    "nesterov.momentum", "nesterov.dampening", "nesterov.alpha", "nesterov.beta1", "nesterov.beta2",
    "nesterov.eps", "nesterov.weight_decay", "rmsprop.lr", "rmsprop.momentum", "rmsprop.dampening",
    "rmsprop.alpha", "rmsprop.beta1", "rmsprop.beta2", "rmsprop.eps", "rmsprop.weight_decay", "adam.lr",
    "adam.momentum", "adam.dampening", "adam.alpha", "adam.beta1", "adam.beta2", "adam.eps",
    "adam.weight_decay", "adamw.lr", "adamw.momentum", "adamw.dampening", "adamw.alpha", "adamw.beta1",
    "adamw.beta2", "adamw.eps", "adamw.weight_decay",
];

/// `adam.beta1` as one of ours (any optimizer, any of [`HYPER_NAMES`]: the
/// widget says which it does not take), or `None` (ignored).
fn hyper_key(key: &str) -> Option<&'static str> {
    HYPER_KEYS.into_iter().find(|k| *k == key)
}

/// `word` as the one of `words` it equals (it is one: checked by the key).
fn known<const N: usize>(word: &str, words: [&'static str; N]) -> &'static str {
    words.into_iter().find(|w| *w == word).unwrap_or("")
}

mod notice;
mod read;

pub use notice::{Notice, Problem};
use read::{decode, echo, finite, learning_rate, number, whole};

#[cfg(test)]
mod tests;
