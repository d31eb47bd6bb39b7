//! Loss per step for several runs on one chart, on a log or linear axis, so an
//! exploding run (10¹³ after 20 steps) and converging ones stay readable together.

use super::frame::{self, clip_polyline};
use super::Style;
use crate::decimal::fixed;
use crate::format::{short, tick};
use crate::i18n;
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The post's horizon, always shown on the step axis.
const MIN_STEPS: usize = 20;
/// Points per series that get a marker; beyond, only the line.
const MAX_MARKERS: usize = 80;

/// One run's line.
#[derive(Clone, Debug)]
pub struct Series {
    /// Its loss at step 0, 1, 2, …
    pub losses: Vec<f64>,
    /// Line and marker colour.
    pub colour: RGBColor,
    /// Marker shape: 0 circle, 1 square, 2 triangle, 3 diamond, 4
    /// down-triangle, 5 cross (the optimizers' map uses the same six).
    pub marker: usize,
    /// Legend text.
    pub label: String,
}

/// Draws loss against step for every series. On a log axis the values plotted
/// are log₁₀ L, labelled as powers of ten; a series with a loss ≤ 0 forces the
/// linear axis (the log of it does not exist).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    log: bool,
    x_desc: &str,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let losses = || series.iter().flat_map(|s| s.losses.iter().copied());
    let log = log && losses().all(|l| l > 0.0);
    let y = |l: f64| if log { l.log10() } else { l };
    let (lo, hi) = losses()
        .map(y)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let (y0, y1) = if !lo.is_finite() || !hi.is_finite() {
        (0.0, 1.0)
    } else if log {
        // Whole decades, at least one.
        (lo.floor(), hi.ceil().max(lo.floor() + 1.0))
    } else {
        let span = (hi - lo).max(1e-9);
        (
            (lo - 0.05 * span).min(if lo >= 0.0 { 0.0 } else { lo }),
            hi + 0.05 * span,
        )
    };
    let steps = series
        .iter()
        .map(|s| s.losses.len().saturating_sub(1))
        .max()
        .unwrap_or(0)
        .max(MIN_STEPS);

    let room = super::Room::of(area.dim_in_pixel(), style);
    let (mut chart, view) = frame::build(
        ChartBuilder::on(area)
            .margin(style.px_i(12.0))
            .x_label_area_size(room.x_area(style, 40.0))
            .y_label_area_size(room.y_area(style, 64.0)),
        View {
            x0: 0.0,
            x1: steps as f64,
            y0,
            y1,
        },
    )?;
    let decades = (view.y1 - view.y0).round().clamp(1.0, 12.0) as usize;
    let y_tick = |v: &f64| if log { power_of_ten(*v) } else { tick(*v) };
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(room.x_ticks(60.0, 4, 11))
        .y_labels(if log {
            decades + 1
        } else {
            room.y_ticks(40.0, 3, 6)
        })
        .x_label_formatter(&|v| fixed(*v, 0))
        .y_label_formatter(&y_tick);
    if room.titles() {
        mesh.x_desc(x_desc)
            .y_desc(if log { i18n::AXIS_LOSS_LOG } else { i18n::AXIS_LOSS }.get(style.lang));
    }
    super::themed(&mut mesh, style).draw()?;

    let r = style.px(3.5) as i32;
    for (k, s) in series.iter().enumerate() {
        let points: Vec<(f64, f64)> = s
            .losses
            .iter()
            .enumerate()
            .map(|(t, &loss)| (t as f64, y(loss)))
            .filter(|p| p.1.is_finite())
            .collect();
        let colour = s.colour;
        for run in clip_polyline(&view, points.iter().copied()) {
            chart.draw_series(LineSeries::new(run, colour.stroke_width(style.px_i(2.0))))?;
        }
        // Every point while there are few; beyond, about a dozen per line,
        // each series offset from the others so lines that coincide (Adam's
        // and AdamW's) still show both shapes.
        let stride = if points.len() <= MAX_MARKERS { 1 } else { points.len() / 12 };
        let offset = if stride == 1 { 0 } else { k * stride / series.len().max(1) };
        let shown = points.iter().skip(offset).step_by(stride).filter(|p| view.contains(p.0, p.1));
        chart.draw_series(shown.map(|&p| EmptyElement::at(p) + marker(s.marker, r, colour)))?;
    }
    // A short chart has no room for a legend over its lines: the runs' colours
    // and marker shapes match their panels' keys (● ■ ▲).
    if room.legend_fits() {
        draw_legend(chart.plotting_area(), series, style)?;
    }
    Ok(())
}

/// The legend, top left of the plot: marker, line and label per series. Text
/// is measured through the backend (plotters' own legend measures it with the
/// page's DOM, which a strict Content-Security-Policy forbids).
fn draw_legend<DB: DrawingBackend, X: plotters::coord::CoordTranslate>(
    area: &DrawingArea<DB, X>,
    series: &[Series],
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if series.is_empty() {
        return Ok(());
    }
    let pal = &style.palette;
    let font = style.sans(13.0).color(&pal.ink);
    let (line_h, pad, key_w) = (style.px(20.0) as i32, style.px(8.0) as i32, style.px(34.0) as i32);
    let mut width = 0;
    for s in series {
        width = width.max(area.estimate_text_size(&s.label, &font)?.0 as i32);
    }
    let (x0, y0) = (pad * 2, pad * 2);
    let height = line_h * series.len() as i32 + pad;
    let backdrop = [(x0, y0), (x0 + key_w + width + pad * 2, y0 + height)];
    // In pixels from the plot's top-left corner.
    let area = area.strip_coord_spec();
    area.draw(&Rectangle::new(backdrop, pal.background.mix(0.88).filled()))?;
    area.draw(&Rectangle::new(backdrop, pal.grid.stroke_width(1)))?;
    let r = style.px(3.5) as i32;
    for (k, s) in series.iter().enumerate() {
        let y = y0 + pad / 2 + line_h * k as i32 + line_h / 2;
        let x = x0 + pad;
        area.draw(&PathElement::new(
            vec![(x, y), (x + key_w - pad, y)],
            s.colour.stroke_width(style.px_i(2.0)),
        ))?;
        area.draw(&(EmptyElement::at((x + (key_w - pad) / 2, y)) + marker(s.marker, r, s.colour)))?;
        let anchored = font.clone().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        area.draw(&Text::new(s.label.clone(), (x + key_w, y), anchored))?;
    }
    Ok(())
}

/// Circle, square, triangle, diamond, down-triangle or cross: each run
/// keeps its shape, not only its colour.
fn marker<DB: DrawingBackend>(k: usize, r: i32, colour: RGBColor) -> DynElement<'static, DB, (i32, i32)> {
    let style = colour.filled();
    match k % 6 {
        0 => Circle::new((0, 0), r, style).into_dyn(),
        1 => Rectangle::new([(-r, -r), (r, r)], style).into_dyn(),
        2 => Polygon::new(vec![(0, -r - 1), (r + 1, r), (-r - 1, r)], style).into_dyn(),
        3 => Polygon::new(vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)], style).into_dyn(),
        4 => Polygon::new(vec![(-r - 1, -r), (r + 1, -r), (0, r + 1)], style).into_dyn(),
        _ => {
            // An × : a plus of arms r/3 wide, turned by 45°.
            let (r, a) = (f64::from(r) + 1.0, f64::from(r) / 3.0);
            let plus = [(-a, -r), (a, -r), (a, -a), (r, -a), (r, a), (a, a), (a, r), (-a, r), (-a, a), (-r, a), (-r, -a), (-a, -a)];
            let turned = plus.iter().map(|&(x, y)| (((x - y) * std::f64::consts::FRAC_1_SQRT_2).round() as i32, ((x + y) * std::f64::consts::FRAC_1_SQRT_2).round() as i32));
            Polygon::new(turned.collect::<Vec<_>>(), style).into_dyn()
        }
    }
}

/// A tick on the log axis: `1`, `10`, `1000`, `1e13`; non-integer ticks stay blank.
fn power_of_ten(e: f64) -> String {
    if (e - e.round()).abs() > 1e-9 {
        return String::new();
    }
    let e = e.round() as i32;
    if (-3..=4).contains(&e) {
        short(10f64.powi(e))
    } else {
        format!("1e{e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ticks() {
        assert_eq!(power_of_ten(0.0), "1");
        assert_eq!(power_of_ten(3.0), "1000");
        assert_eq!(power_of_ten(13.0), "1e13");
        assert_eq!(power_of_ten(-2.0), "0.01");
        assert_eq!(power_of_ten(0.5), "");
    }
}
