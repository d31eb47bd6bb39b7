//! What the race runs on: a curve L(w) or a surface L(w1, w2).

use crate::landscape::Landscape;
use crate::surface::Surface;

/// What the race runs on: a curve L(w) (one parameter, the descent widget's
/// landscapes) or a surface L(w1, w2) (two).
#[derive(Clone, Debug)]
pub enum Field {
    /// On a line: w is the racers' only parameter (their `w2` stays 0).
    Line(Landscape),
    /// On a map: (w1, w2).
    Map(Surface),
}

impl Field {
    /// Parameters per racer: 1 on a line, 2 on a map.
    pub fn dims(&self) -> usize {
        match self {
            Field::Line(_) => 1,
            Field::Map(_) => 2,
        }
    }

    /// L at `w` (on a line, at `w[0]`).
    pub fn loss(&self, w: [f64; 2]) -> f64 {
        match self {
            Field::Line(l) => l.loss(w[0]),
            Field::Map(s) => s.loss(w),
        }
    }

    /// ∇L at `w` (on a line, `[L′(w[0]), 0]`).
    pub fn grad(&self, w: [f64; 2]) -> [f64; 2] {
        match self {
            Field::Line(l) => [l.grad(w[0]), 0.0],
            Field::Map(s) => s.grad(w),
        }
    }

    /// Whether L is defined at `w` (only a typed L(w) can be undefined).
    pub fn defined(&self, w: [f64; 2]) -> bool {
        match self {
            Field::Line(l) => l.defined(w[0]),
            Field::Map(s) => s.defined(w),
        }
    }

    /// `line` or `map`, as `data-control="view"` names them.
    pub fn view(&self) -> &'static str {
        match self {
            Field::Line(_) => "line",
            Field::Map(_) => "map",
        }
    }

    /// The name links use: a preset's or surface's, or `formula`.
    pub fn key(&self) -> &'static str {
        match self {
            Field::Line(l) => l.key(),
            Field::Map(s) => s.name(),
        }
    }

    /// The formula as printed.
    pub fn formula(&self) -> String {
        match self {
            Field::Line(l) => l.formula(),
            Field::Map(s) => s.formula(),
        }
    }

    /// Where a race starts by default.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            Field::Line(l) => [l.default_start(), 0.0],
            Field::Map(s) => s.default_start(),
        }
    }
}
