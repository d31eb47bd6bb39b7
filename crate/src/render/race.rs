//! The optimizers race as pictures: its view (the map or the line) and its
//! loss chart, from the model, for the page's canvases, a PNG, a GIF frame
//! and the fuzzer alike (one place builds the scenes).

use super::line::{self, LineScene};
use super::loss_chart::{self, Series};
use super::map::{self, MapRacer, MapScene, OPT_COLOURS};
use super::Style;
use crate::i18n::{self, Lang};
use crate::optim::KINDS;
use crate::view::{PixelMap, View};
use crate::widgets::optimizers::{Field, OptimizersModel};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The race's view: a map of L(w1, w2) or a curve L(w).
#[derive(Clone, Debug)]
pub enum RaceScene<'a> {
    /// The map, over the surface's span.
    Map(MapScene<'a>),
    /// The line, its view fitted to the racers.
    Line(LineScene<'a>),
}

/// The view of `m` as it stands: every optimizer switched on, with its
/// trail, its gradient and AdamW's decay.
pub fn scene(m: &OptimizersModel) -> RaceScene<'_> {
    let racers: Vec<MapRacer<'_>> = m.pictures().into_iter().map(|r| MapRacer { index: r.index, trail: r.trail, grad: r.grad, step: r.step, decay: r.decay }).collect();
    match m.field() {
        Field::Map(surface) => {
            let ((x0, x1), (y0, y1)) = surface.span();
            RaceScene::Map(MapScene { surface: surface.clone(), view: View { x0, x1, y0, y1 }, racers })
        }
        Field::Line(l) => RaceScene::Line(LineScene::fit(l, racers)),
    }
}

impl RaceScene<'_> {
    /// The part that stays while the view stays; returns the pixel ↔ data mapping.
    pub fn draw_static<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            RaceScene::Map(s) => map::draw_static(area, s, style),
            RaceScene::Line(s) => line::draw_static(area, s, style),
        }
    }

    /// What moves: trails, arrows, balls.
    pub fn draw_moving<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            RaceScene::Map(s) => map::draw_moving(area, s, style),
            RaceScene::Line(s) => line::draw_moving(area, s, style),
        }
    }

    /// The view shown.
    pub fn view(&self) -> View {
        match self {
            RaceScene::Map(s) => s.view,
            RaceScene::Line(s) => s.view,
        }
    }
}

/// Each optimizer switched on, its loss per step, for the loss chart (as
/// [`OptimizersModel::chart_losses`] cuts a diverged line).
pub fn loss_series(m: &OptimizersModel) -> Vec<Series> {
    m.chart_losses()
        .into_iter()
        .map(|(i, losses)| Series { losses: losses.to_vec(), colour: OPT_COLOURS[i], marker: i, label: KINDS[i].label().to_owned() })
        .collect()
}

/// Draws the loss chart of `m`.
pub fn draw_losses<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, m: &OptimizersModel, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    loss_chart::draw(area, &loss_series(m), m.log_scale(), i18n::AXIS_STEP.get(style.lang), style)
}

/// The title line of an exported race: η, t and the landscape's formula
/// (a typed one in “quotes”: the reader's words, as typed).
pub fn title(m: &OptimizersModel, lang: Lang) -> String {
    let s = m.snapshot();
    let formula = match &s.typed {
        Some(text) if s.view == "map" => format!("L = “{text}”"),
        Some(text) => format!("L(w) = “{text}”"),
        None => s.formula,
    };
    match lang {
        Lang::En => format!("η = {} · t = {} · {formula}", s.lr_text, s.t),
        Lang::Zh => format!("学习率 η = {} · 第 {} 步 · {formula}", s.lr_text, s.t),
    }
}

/// The whole race for a PNG or a GIF frame: the title above, the view on
/// the left (three fifths) and the loss chart on the right. Returns the
/// view's mapping, in the backend's pixels.
pub fn picture<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, m: &OptimizersModel, style: &Style) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.palette.background)?;
    let band = super::picture::title_band(area, style, 1);
    let (top, body) = area.split_vertically(band);
    super::picture::write_lines(&top, &[&title(m, style.lang)], style, style.palette.ink)?;
    let w = body.dim_in_pixel().0;
    let (left, right) = body.split_horizontally(w * 3 / 5);
    let scene = scene(m);
    let mapping = scene.draw_static(&left, style)?;
    scene.draw_moving(&left, style)?;
    draw_losses(&right, m, style)?;
    Ok(mapping)
}
