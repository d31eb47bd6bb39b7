//! The descent chart: the curve L(w), the minimum, the trail of numbered iterates,
//! the ball, the tangent at the ball and the update arrow `−η·L′(w)`.

use super::frame::{self, clip_polyline};
use super::{pixel_map, Chart, Style};
use crate::format::{short, tick as tick_text};
use crate::i18n;
use crate::view::{PixelMap, View};
use crate::widgets::descent::Scene;
use plotters::coord::Shift;

/// Balls B and C: Okabe–Ito blue and bluish green, told apart from A's
/// orange without colour too (A is a circle, B a square, C a triangle).
pub const BALL_COLOURS: [RGBColor; 2] = [RGBColor(0, 114, 178), RGBColor(0, 158, 115)];

use plotters::prelude::*;

/// Samples of the curve across the view.
const CURVE_SAMPLES: usize = 240;
/// Most past iterates drawn (the newest ones); older ones are off-screen or
/// piled up at the minimum anyway.
const MAX_TRAIL: usize = 400;
/// Most iterate numbers written next to the trail.
const MAX_LABELS: usize = 40;
/// Half-length of the tangent, as a fraction of the view's width.
const TANGENT_HALF: f64 = 0.12;

/// Draws `scene` on `area` and returns the pixel ↔ data mapping of the plot:
/// the [`draw_static`] layer, then the [`draw_moving`] one over it.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene<'_>,
    style: &Style,
) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let map = draw_static(area, scene, style)?;
    draw_moving(area, scene, style)?;
    Ok(map)
}

/// What stays while a run plays, so it can be drawn once and kept (a
/// page caches it per canvas size, look and view): the background, axes,
/// grid, tick labels, the curve L(w) and the minimum. Depends on the scene's
/// landscape and view only. Returns the pixel ↔ data mapping of the plot.
pub fn draw_static<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene<'_>,
    style: &Style,
) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (mut chart, view, room) = chart(area, scene, style)?;
    let x_tick = |v: &f64| tick(*v, view.x1 - view.x0);
    let y_tick = |v: &f64| tick(*v, view.y1 - view.y0);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(room.x_ticks(80.0, 3, 8))
        .y_labels(room.y_ticks(45.0, 2, 6))
        .x_label_formatter(&x_tick)
        .y_label_formatter(&y_tick);
    if room.titles() {
        mesh.x_desc(i18n::AXIS_W.get(style.lang))
            .y_desc(i18n::AXIS_LOSS_W.get(style.lang));
    }
    super::themed(&mut mesh, style).draw()?;

    draw_curve(&mut chart, scene.landscape, &view, style)?;

    // The minimum (w*, L*).
    if let Some((w_star, l_star)) = scene.landscape.minimum() {
        let r = style.px(5.0) as i32;
        let label = format!(
            "{} ({}, {})",
            i18n::MINIMUM.get(style.lang),
            short(w_star),
            short(l_star)
        );
        // Below-right of the marker, unless that would run past the w axis
        // into its numbers (a small chart); then above-right. (The lowest
        // third of a line of text is mostly descender room: it may touch the axis.)
        let text_h = style.px(13.0) as i32;
        let (_, y) = chart.backend_coord(&(w_star, l_star));
        let axis = chart.plotting_area().get_pixel_range().1.end;
        let dy = if y + r + text_h <= axis + text_h / 3 {
            r
        } else {
            -r - text_h
        };
        let marker = EmptyElement::at((w_star, l_star))
            + Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], pal.minimum.filled());
        if room.tiny() {
            chart.draw_series(std::iter::once(marker))?;
        } else {
            chart.draw_series(std::iter::once(
                marker + Text::new(label, (r + 4, dy), style.sans(13.0).color(&pal.minimum)),
            ))?;
        }
    }

    Ok(pixel_map(&chart, view))
}

/// What moves while a run plays, drawn over [`draw_static`]'s layer (it
/// paints no background): the trail and its step numbers, the tangent and
/// the update arrow when the ball is at rest, and the ball.
pub fn draw_moving<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene<'_>,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    let (mut chart, view, room) = chart(area, scene, style)?;
    let map = pixel_map(&chart, view);
    for other in &scene.others {
        let colour = BALL_COLOURS[(other.index - 1) % BALL_COLOURS.len()];
        draw_trail(&mut chart, other.trail, colour, false, &view, style, &map)?;
    }
    draw_trail(&mut chart, scene.trail, pal.trail, true, &view, style, &map)?;

    if scene.at_rest {
        draw_tangent_and_update(&mut chart, scene, &view, style, !room.tiny())?;
    }

    // Later balls under earlier ones: A is always on top.
    let named = !scene.others.is_empty();
    for other in scene.others.iter().rev() {
        draw_ball(&mut chart, other.index, other.ball, named, &view, style)?;
    }
    draw_ball(&mut chart, 0, scene.ball, named, &view, style)?;
    Ok(())
}

/// The curve L(w) across `view`, [`CURVE_SAMPLES`] samples, clipped where
/// it leaves the view (a gap where it is not finite). Also the optimizers'
/// line view's.
pub(super) fn draw_curve<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    landscape: &crate::landscape::Landscape,
    view: &View,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let curve = (0..=CURVE_SAMPLES).map(|i| {
        let w = view.x0 + (view.x1 - view.x0) * i as f64 / CURVE_SAMPLES as f64;
        (w, landscape.loss(w))
    });
    for run in clip_polyline(view, curve) {
        chart.draw_series(LineSeries::new(run, style.palette.curve.stroke_width(style.px_i(2.5))))?;
    }
    Ok(())
}

/// Ball `index` (0 is A) at `(w, height)`: A an orange circle, B a blue
/// square, C a green triangle, each with a light rim so it reads on the
/// curve, and its letter above it when there are several.
fn draw_ball<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    index: usize,
    (bw, by): (f64, f64),
    named: bool,
    view: &View,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    let r = style.px(8.0) as i32;
    let rim = pal.background.stroke_width(style.px_i(2.0));
    let at = EmptyElement::at((bw, by.min(view.y1)));
    let letters = crate::widgets::descent::BALL_LETTERS;
    let letter = letters[index.min(letters.len() - 1)];
    let colour = if index == 0 { pal.ball } else { BALL_COLOURS[(index - 1) % BALL_COLOURS.len()] };
    // Up and to the left: the step numbers sit straight above the points.
    let name = Text::new(
        letter,
        (-r - style.px(11.0) as i32, -r - style.px(12.0) as i32),
        style.sans(13.0).color(&colour),
    );
    let label = if named { Some(name) } else { None };
    match index {
        0 => chart.draw_series(std::iter::once(
            at + Circle::new((0, 0), r, colour.filled()) + Circle::new((0, 0), r, rim),
        ))?,
        1 => {
            let s = r * 8 / 9;
            let corners = vec![(-s, -s), (s, -s), (s, s), (-s, s), (-s, -s)];
            chart.draw_series(std::iter::once(
                at + Polygon::new(corners.clone(), colour.filled()) + PathElement::new(corners, rim),
            ))?
        }
        _ => {
            let h = r * 9 / 8;
            let corners = vec![(0, -h), (h, h * 3 / 4), (-h, h * 3 / 4), (0, -h)];
            chart.draw_series(std::iter::once(
                at + Polygon::new(corners.clone(), colour.filled()) + PathElement::new(corners, rim),
            ))?
        }
    };
    if let Some(label) = label {
        chart.draw_series(std::iter::once(EmptyElement::at((bw, by.min(view.y1))) + label))?;
    }
    Ok(())
}

/// The chart both layers draw on: the same margins, axes and mapping.
fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    scene: &Scene<'_>,
    style: &Style,
) -> Result<(Chart<'a, DB>, View, super::Room), DrawingAreaErrorKind<DB::ErrorType>> {
    // About one tick label per 80 CSS pixels, so small panels stay legible.
    let room = super::Room::of(area.dim_in_pixel(), style);
    let (chart, view) = frame::build(
        ChartBuilder::on(area)
            .margin(style.px_i(12.0))
            .x_label_area_size(room.x_area(style, 44.0))
            .y_label_area_size(room.y_area(style, 64.0)),
        scene.view,
    )?;
    Ok((chart, view, room))
}

/// A tick label; a tick that is zero up to rounding (1e137 on an axis that
/// spans 1e154) prints as 0.
fn tick(v: f64, span: f64) -> String {
    if v.abs() <= span.abs() * 1e-9 {
        "0".to_owned()
    } else {
        tick_text(v)
    }
}

/// Past iterates: the path between them, a dot for each, and their step numbers
/// where there is room (newest first, so the numbers near the ball win).
fn draw_trail<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    trail: &[crate::descent::Iterate],
    colour: RGBColor,
    numbered: bool,
    view: &View,
    style: &Style,
    map: &PixelMap,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    let n = trail.len();
    let first = n.saturating_sub(MAX_TRAIL);
    let points: Vec<(usize, (f64, f64))> = trail[first..]
        .iter()
        .enumerate()
        .map(|(i, it)| (first + i, (it.w, it.loss.min(view.y1))))
        .collect();

    // The zig-zag of the path shows overshoot even when the ball is at rest.
    for run in clip_polyline(view, points.iter().map(|&(_, p)| p)) {
        chart.draw_series(LineSeries::new(
            run,
            colour.mix(0.55).stroke_width(style.px_i(1.0)),
        ))?;
    }
    let dot = style.px(3.5) as i32;
    // The newest iterate is where the ball lands; it gets no dot of its own.
    // Iterates outside the view (it lags a big step for a moment) get no dot
    // and no number: plotters would pile them up on the plot's edge.
    let past = &points[..points.len().saturating_sub(1)];
    let inside = |p: &(f64, f64)| view.contains(p.0, p.1);
    chart.draw_series(
        past.iter()
            .filter(|(_, p)| inside(p))
            .map(|&(_, p)| Circle::new(p, dot, colour.filled())),
    )?;
    if !numbered {
        return Ok(());
    }

    let room = style.px(16.0);
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let mut labels = Vec::new();
    for &(t, (w, l)) in points.iter().rev().filter(|(_, p)| inside(p)) {
        if labels.len() >= MAX_LABELS {
            break;
        }
        let (x, y) = map.to_pixel(w, l);
        let clear = placed
            .iter()
            .all(|&(px, py)| (px - x).abs() > room * 1.4 || (py - y).abs() > room);
        if clear {
            placed.push((x, y));
            labels.push(
                EmptyElement::at((w, l))
                    + Text::new(
                        t.to_string(),
                        (style.px(-4.0) as i32, -(style.px(20.0) as i32)),
                        style.sans(12.0).color(&pal.ink),
                    ),
            );
        }
    }
    chart.draw_series(labels)?;
    Ok(())
}

/// The tangent at the ball and the arrow to where the next step lands.
fn draw_tangent_and_update<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    scene: &Scene<'_>,
    view: &View,
    style: &Style,
    name_the_arrow: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    let (w, l) = scene.ball;
    let slope = scene.landscape.grad(w);
    let half = TANGENT_HALF * (view.x1 - view.x0);
    let a = (w - half, l - slope * half);
    let b = (w + half, l + slope * half);
    if let Some((a, b)) = view.clip(a, b) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![a, b],
            pal.tangent.stroke_width(style.px_i(2.0)),
        )))?;
    }

    // Update arrow: from w to w − η·L′(w), at the ball's height.
    let next = w - scene.lr * slope;
    let visible = (next - w).abs() > 2e-3 * (view.x1 - view.x0);
    if let Some((a, b)) = view.clip((w, l), (next, l)).filter(|_| visible) {
        {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![a, b],
                pal.update.stroke_width(style.px_i(2.5)),
            )))?;
            let head = style.px(9.0) as i32;
            let dir = if next > w { 1 } else { -1 };
            let arrowhead = if view.contains(next, l) {
                vec![(0, 0), (-dir * head, -head / 2), (-dir * head, head / 2)]
            } else {
                // The landing point is off-screen: a double chevron says "further".
                vec![
                    (0, 0),
                    (-dir * head, -head),
                    (-dir * head / 2, 0),
                    (-dir * head, head),
                ]
            };
            chart.draw_series(std::iter::once(
                EmptyElement::at(b) + Polygon::new(arrowhead, pal.update.filled()),
            ))?;
            // Name the arrow once, under its middle (step numbers sit above the points).
            if name_the_arrow {
                let label = style.sans(13.0).color(&pal.update);
                chart.draw_series(std::iter::once(
                    EmptyElement::at(((a.0 + b.0) / 2.0, a.1))
                        + Text::new(
                            "−η·L′(w)",
                            (-(style.px(24.0) as i32), style.px(8.0) as i32),
                            label,
                        ),
                ))?;
            }
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
