//! The optimizers' line view: a curve L(w), and each optimizer as a ball on
//! it with its last iterates as dots (a zig-zag across the valley reads as
//! dots on both walls). Generic over plotters' `DrawingBackend`, like every
//! chart; the balls are the map's shapes and colours ([`super::map`]).

use super::frame;
use super::map::{draw_marker, MapRacer, OPT_COLOURS};
use super::{pixel_map, Chart, Style};
use crate::format::tick;
use crate::i18n;
use crate::landscape::Landscape;
use crate::view::{PixelMap, View};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Past iterates drawn per racer, as dots (the newest).
const TRAIL_DOTS: usize = 30;

/// What the line view shows.
#[derive(Clone, Debug)]
pub struct LineScene<'a> {
    /// The curve.
    pub landscape: &'a Landscape,
    /// The (w, L) rectangle shown.
    pub view: View,
    /// The racers switched on; their trails' `w2` is ignored.
    pub racers: Vec<MapRacer<'a>>,
}

impl<'a> LineScene<'a> {
    /// The scene with a view that fits the curve's minimum and every racer's
    /// newest iterates ([`View::fit`]).
    pub fn fit(landscape: &'a Landscape, racers: Vec<MapRacer<'a>>) -> LineScene<'a> {
        let ws = racers.iter().flat_map(|r| r.trail[r.trail.len().saturating_sub(TRAIL_DOTS)..].iter().map(|w| w[0]));
        let view = View::fit(landscape, ws);
        LineScene { landscape, view, racers }
    }
}

/// What stays while the view stays: ground, axes, the curve and its minimum.
pub fn draw_static<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &LineScene<'_>, style: &Style) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (mut chart, view) = chart(area, scene, style)?;
    let label = |v: &f64| tick(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(6).y_labels(5).x_label_formatter(&label).y_label_formatter(&label).x_desc("w").y_desc(i18n::AXIS_LOSS_W.get(style.lang));
    super::themed(&mut mesh, style).draw()?;
    super::descent::draw_curve(&mut chart, scene.landscape, &view, style)?;
    if let Some((w, l)) = scene.landscape.minimum().filter(|&(w, l)| view.contains(w, l)) {
        let r = style.px(5.0) as i32;
        chart.draw_series(std::iter::once(EmptyElement::at((w, l)) + Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], pal.minimum.filled())))?;
    }
    Ok(pixel_map(&chart, view))
}

/// What moves: each racer's newest iterates as dots on the curve, and its
/// ball (the last racer on top).
pub fn draw_moving<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &LineScene<'_>, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (mut chart, view) = chart(area, scene, style)?;
    let at = |w: &[f64; 2]| (w[0], scene.landscape.loss(w[0]));
    let dot = style.px(2.5) as i32;
    for r in &scene.racers {
        let colour = OPT_COLOURS[r.index % OPT_COLOURS.len()];
        let newest = &r.trail[r.trail.len().saturating_sub(TRAIL_DOTS)..];
        let dots = newest.iter().map(at).filter(|p| view.contains(p.0, p.1));
        chart.draw_series(dots.map(|p| EmptyElement::at(p) + Circle::new((0, 0), dot, colour.mix(0.55).filled())))?;
    }
    for r in &scene.racers {
        let Some(last) = r.trail.last() else { continue };
        let p = at(last);
        if view.contains(p.0, p.1) {
            draw_marker(&mut chart, r.index, p, OPT_COLOURS[r.index % OPT_COLOURS.len()], style)?;
        }
    }
    Ok(())
}

fn chart<'a, DB: DrawingBackend>(area: &'a DrawingArea<DB, Shift>, scene: &LineScene<'_>, style: &Style) -> Result<(Chart<'a, DB>, View), DrawingAreaErrorKind<DB::ErrorType>> {
    frame::build(
        ChartBuilder::on(area).margin(style.px_i(10.0)).x_label_area_size(style.px_i(36.0)).y_label_area_size(style.px_i(48.0)),
        scene.view,
    )
}
