//! The optimizers' map: a surface L(w1, w2) as filled contours with isolines,
//! each optimizer's trail, ball and gradient arrow (AdamW's decay as a second
//! arrow). Generic over plotters' `DrawingBackend`, like every chart.
//!
//! The isolines are the `contour` crate's (marching squares with linear
//! interpolation, d3-contour's algorithm) on a grid of the exact L; the
//! filling is the same grid's cells, each coloured by the band of levels its
//! centre falls in. Levels are spaced geometrically above the lowest loss in
//! view, so a valley a thousand times flatter than its walls still shows
//! rings (Rosenbrock's).

use super::frame::{self, clip_polyline};
use super::{pixel_map, Chart, Style};
use crate::format::tick;
use crate::surface::Surface;
use crate::view::{PixelMap, View};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Grid points across each axis for the isolines (and the cells' size).
pub const GRID: usize = 96;
/// Isolines drawn.
pub const LEVELS: usize = 12;
/// Most iterates of a trail drawn (the newest).
pub const MAX_TRAIL: usize = 400;

/// The six optimizers' colours, Okabe–Ito (SGD, momentum, Nesterov,
/// RMSprop, Adam, AdamW); each also has its own marker shape.
pub const OPT_COLOURS: [RGBColor; 6] = [
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(86, 180, 233),
    RGBColor(204, 121, 167),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
];

/// One optimizer on the map.
#[derive(Clone, Debug)]
pub struct MapRacer<'a> {
    /// 0 … 5, its colour and marker (see [`OPT_COLOURS`]).
    pub index: usize,
    /// Its iterates, the start first.
    pub trail: &'a [[f64; 2]],
    /// ∇L where it is now (drawn as −∇L, scaled to the view).
    pub grad: [f64; 2],
    /// The last step's part from the gradient (what it subtracted).
    pub step: [f64; 2],
    /// The last step's decoupled decay (AdamW; zeros otherwise).
    pub decay: [f64; 2],
}

/// What the map shows.
#[derive(Clone, Debug)]
pub struct MapScene<'a> {
    /// The surface.
    pub surface: Surface,
    /// The rectangle of (w1, w2) shown: x is w1, y is w2.
    pub view: View,
    /// The racers switched on.
    pub racers: Vec<MapRacer<'a>>,
}

/// The isoline levels for `surface` over `view`: [`LEVELS`] values above the
/// lowest sampled loss, at 10⁻³ … 10^(−1/4) of the sampled range, spaced
/// geometrically (the rings crowd the valleys, where the racers are; the top
/// quarter of a high wall has none).
pub fn levels(surface: &Surface, view: &View) -> Vec<f64> {
    levels_of(&grid(surface, view).1)
}

/// [`levels`] from the grid's values.
fn levels_of(values: &[f64]) -> Vec<f64> {
    let (lo, hi) = values.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let span = hi - lo;
    (0..LEVELS).map(|k| lo + span * 10f64.powf(-3.0 + 3.0 * k as f64 / LEVELS as f64)).collect()
}

/// One level's isoline: the level, and its lines as runs of (w1, w2) points.
pub type Isoline = (f64, Vec<Vec<(f64, f64)>>);

/// The isolines of `surface` over `view` at `levels`: per level, its lines
/// as runs of (w1, w2) points.
pub fn isolines(surface: &Surface, view: &View, levels: &[f64]) -> Vec<Isoline> {
    let (step, values) = grid(surface, view);
    isolines_of(view, step, &values, levels)
}

/// [`isolines`] from the grid (`step` apart, [`GRID`] × [`GRID`] `values`).
fn isolines_of(view: &View, step: (f64, f64), values: &[f64], levels: &[f64]) -> Vec<Isoline> {
    // Grid point (i, j) sits at (x0 + i·dx, y0 + j·dy); the crate puts value i at i + 0.5.
    let builder = contour::ContourBuilder::new(GRID, GRID, true)
        .x_origin(view.x0 - 0.5 * step.0)
        .y_origin(view.y0 - 0.5 * step.1)
        .x_step(step.0)
        .y_step(step.1);
    match builder.lines(values, levels) {
        Ok(lines) => lines
            .iter()
            .map(|line| {
                let runs = line.geometry().0.iter().map(|ls| ls.0.iter().map(|c| (c.x, c.y)).collect()).collect();
                (line.threshold(), runs)
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The surface sampled on [`GRID`] × [`GRID`] points over `view`, row by
/// row from `y0`; and the spacing `(dx, dy)`. Non-finite losses are kept as
/// the largest finite number (a wall, not a hole).
fn grid(surface: &Surface, view: &View) -> ((f64, f64), Vec<f64>) {
    let (dx, dy) = ((view.x1 - view.x0) / (GRID - 1) as f64, (view.y1 - view.y0) / (GRID - 1) as f64);
    let mut values = Vec::with_capacity(GRID * GRID);
    for j in 0..GRID {
        for i in 0..GRID {
            let l = surface.loss([view.x0 + i as f64 * dx, view.y0 + j as f64 * dy]);
            values.push(if l.is_finite() { l } else { f64::MAX });
        }
    }
    ((dx, dy), values)
}

/// The band colour for loss `l`: a neutral grey, lighter in the valleys
/// (the ground's colour at the lowest band), so the six optimizers' colours
/// read on every band, on both themes.
fn band_colour(l: f64, levels: &[f64], style: &Style) -> RGBColor {
    let k = levels.iter().filter(|&&t| l >= t).count();
    let f = k as f64 / levels.len().max(1) as f64;
    let (a, b) = if style.palette.background.0 > 128 {
        ((252.0, 252.0, 250.0), (178.0, 182.0, 186.0))
    } else {
        ((26.0, 31.0, 38.0), (84.0, 92.0, 102.0))
    };
    let mix = |p: f64, q: f64| (p + (q - p) * f).round().clamp(0.0, 255.0) as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Draws `scene` on `area`; returns the pixel ↔ data mapping (for a drag
/// that places the start).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &MapScene<'_>, style: &Style) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let map = draw_static(area, scene, style)?;
    draw_moving(area, scene, style)?;
    Ok(map)
}

/// The part that stays while the race plays: ground, filled bands, isolines,
/// axes and the minima.
pub fn draw_static<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &MapScene<'_>, style: &Style) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (mut chart, view) = chart(area, scene, style)?;
    // One grid for the levels and the isolines.
    let (step, values) = grid(&scene.surface, &view);
    let levels = levels_of(&values);
    // The filled bands: one cell per grid point, coloured by its band.
    let (dx, dy) = ((view.x1 - view.x0) / GRID as f64, (view.y1 - view.y0) / GRID as f64);
    let mut cells = Vec::with_capacity(GRID * GRID);
    for j in 0..GRID {
        for i in 0..GRID {
            let (x, y) = (view.x0 + i as f64 * dx, view.y0 + j as f64 * dy);
            let l = scene.surface.loss([x + dx / 2.0, y + dy / 2.0]);
            cells.push(Rectangle::new([(x, y), (x + dx, y + dy)], band_colour(l, &levels, style).filled()));
        }
    }
    chart.draw_series(cells)?;
    let x_tick = |v: &f64| tick(*v);
    let mut mesh = chart.configure_mesh();
    mesh.disable_mesh().x_labels(6).y_labels(6).x_label_formatter(&x_tick).y_label_formatter(&x_tick).x_desc("w1").y_desc("w2");
    super::themed(&mut mesh, style).draw()?;
    for (_, runs) in isolines_of(&view, step, &values, &levels) {
        for run in runs {
            for part in clip_polyline(&view, run) {
                chart.draw_series(LineSeries::new(part, pal.ink.mix(0.35).stroke_width(style.px_i(1.0))))?;
            }
        }
    }
    let r = style.px(5.0) as i32;
    let minima = scene.surface.minima().into_iter().filter(|m| view.contains(m[0], m[1]));
    chart.draw_series(minima.map(|m| EmptyElement::at((m[0], m[1])) + Polygon::new(vec![(0, -r), (r, 0), (0, r), (-r, 0)], pal.minimum.filled())))?;
    Ok(pixel_map(&chart, view))
}

/// What moves: each racer's trail, gradient arrow (−∇L, scaled so the
/// longest is a fifth of the view; AdamW's decay as a second, thinner and
/// lighter arrow, as long against the gradient's arrow as its part of the
/// step is against the gradient's part) and its ball, in its colour and shape.
pub fn draw_moving<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scene: &MapScene<'_>, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (mut chart, view) = chart(area, scene, style)?;
    let longest = scene.racers.iter().map(|r| r.grad[0].hypot(r.grad[1])).filter(|g| g.is_finite()).fold(0.0, f64::max);
    let reach = 0.2 * (view.x1 - view.x0).min(view.y1 - view.y0);
    for r in &scene.racers {
        let colour = OPT_COLOURS[r.index % OPT_COLOURS.len()];
        // The newest MAX_TRAIL iterates, as polylines broken at every sharp
        // turn: plotters joins a thick polyline with mitres, and a zig-zag's
        // near-reversals (SGD bouncing across the ravine) would spike them
        // across the picture; a turn of at most 120° has a mitre of at most
        // twice the line's width. (One path per run: a smooth trail is one
        // stroke, and only a zig-zag is stroked segment by segment.)
        let first = r.trail.len().saturating_sub(MAX_TRAIL);
        let points = r.trail[first..].iter().map(|p| (p[0], p[1]));
        let width = style.px_i(2.0);
        for part in clip_polyline(&view, points) {
            for run in gentle_runs(&chart, &part) {
                chart.draw_series(std::iter::once(PathElement::new(run, colour.stroke_width(width))))?;
            }
        }
        let Some(&[x, y]) = r.trail.last() else { continue };
        if longest > 0.0 {
            // reach · (g / longest): no reach / longest to overflow for a tiny gradient.
            let (u, v) = (r.grad[0] / longest, r.grad[1] / longest);
            arrow(&mut chart, &view, (x, y), (x - reach * u, y - reach * v), colour, style.px_i(2.0))?;
            // AdamW's decay beside it, at the length it has against the
            // gradient's part of the same step (at most the arrow's reach).
            let (d, s) = (r.decay[0].hypot(r.decay[1]), r.step[0].hypot(r.step[1]));
            if d > 0.0 && d.is_finite() {
                let grad_len = reach * u.hypot(v);
                let len = if s > 0.0 && s.is_finite() { (grad_len * d / s).min(reach) } else { reach };
                let (du, dv) = (r.decay[0] / d, r.decay[1] / d);
                arrow(&mut chart, &view, (x, y), (x - len * du, y - len * dv), colour.mix(0.6), style.px_i(1.0))?;
            }
        }
        if view.contains(x, y) {
            draw_marker(&mut chart, r.index, (x, y), colour, style)?;
        }
    }
    Ok(())
}

/// `points` cut into runs that turn by at most 120° at each inner point, in
/// pixels (a run's ends are shared with its neighbours, so the line stays
/// whole).
fn gentle_runs<DB: DrawingBackend>(chart: &Chart<'_, DB>, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let px: Vec<(f64, f64)> = points.iter().map(|p| {
        let (x, y) = chart.backend_coord(p);
        (f64::from(x), f64::from(y))
    }).collect();
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (i, &p) in points.iter().enumerate() {
        run.push(p);
        if i > 0 && i + 1 < points.len() {
            let (a, b, c) = (px[i - 1], px[i], px[i + 1]);
            let (u, v) = ((b.0 - a.0, b.1 - a.1), (c.0 - b.0, c.1 - b.1));
            let (nu, nv) = (u.0.hypot(u.1), v.0.hypot(v.1));
            // cos of the turn below −0.5: sharper than 120°.
            if nu > 0.0 && nv > 0.0 && (u.0 * v.0 + u.1 * v.1) < -0.5 * nu * nv {
                runs.push(std::mem::replace(&mut run, vec![p]));
            }
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs
}

/// A line from `a` to `b`, clipped to the view, with a head at `b` when `b` is inside.
fn arrow<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, view: &View, a: (f64, f64), b: (f64, f64), colour: impl Into<ShapeStyle> + Copy, width: u32) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style: ShapeStyle = colour.into();
    if let Some((p, q)) = view.clip(a, b) {
        chart.draw_series(std::iter::once(PathElement::new(vec![p, q], style.stroke_width(width))))?;
        if q == b {
            chart.draw_series(std::iter::once(EmptyElement::at(b) + Circle::new((0, 0), width as i32 + 1, style.filled())))?;
        }
    }
    Ok(())
}

/// Racer `index`'s marker at `(x, y)`: circle, square, triangle, diamond,
/// down-triangle, cross, each with a rim of the ground's colour.
pub(super) fn draw_marker<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, index: usize, (x, y): (f64, f64), colour: RGBColor, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = style.px(7.0) as i32;
    let rim = style.palette.background.stroke_width(style.px_i(1.5));
    let at = EmptyElement::at((x, y));
    let shape = |corners: Vec<(i32, i32)>| {
        let mut closed = corners.clone();
        closed.push(corners[0]);
        EmptyElement::at((x, y)) + Polygon::new(corners, colour.filled()) + PathElement::new(closed, rim)
    };
    match index % 6 {
        0 => chart.draw_series(std::iter::once(at + Circle::new((0, 0), r, colour.filled()) + Circle::new((0, 0), r, rim)))?,
        1 => chart.draw_series(std::iter::once(shape(vec![(-r, -r), (r, -r), (r, r), (-r, r)])))?,
        2 => chart.draw_series(std::iter::once(shape(vec![(0, -r), (r, r), (-r, r)])))?,
        3 => chart.draw_series(std::iter::once(shape(vec![(0, -r), (r, 0), (0, r), (-r, 0)])))?,
        4 => chart.draw_series(std::iter::once(shape(vec![(-r, -r), (r, -r), (0, r)])))?,
        _ => {
            let w = style.px_i(3.5);
            chart.draw_series(std::iter::once(
                at + PathElement::new(vec![(-r, -r), (r, r)], colour.stroke_width(w)) + PathElement::new(vec![(-r, r), (r, -r)], colour.stroke_width(w)),
            ))?
        }
    };
    Ok(())
}

fn chart<'a, DB: DrawingBackend>(area: &'a DrawingArea<DB, Shift>, scene: &MapScene<'_>, style: &Style) -> Result<(Chart<'a, DB>, View), DrawingAreaErrorKind<DB::ErrorType>> {
    frame::build(
        ChartBuilder::on(area).margin(style.px_i(10.0)).x_label_area_size(style.px_i(36.0)).y_label_area_size(style.px_i(44.0)),
        scene.view,
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
