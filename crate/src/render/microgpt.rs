//! microgpt's training curve: the loss of every step (thin, noisy), its moving
//! average (thick), a kept run to compare against, and the loss of a uniform
//! guess, ln(vocabulary).

use super::frame::{self, clip_polyline};
use super::Style;
use crate::decimal::fixed;
use crate::format::{short, tick};
use crate::i18n;
use crate::view::View;
use crate::widgets::microgpt::Comparison;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The kept run's colour.
const KEPT: RGBColor = RGBColor(150, 160, 172);

/// Draws the curves over `num_steps` steps.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    raw: &[f64],
    ema: &[f64],
    kept: Option<&Comparison>,
    baseline: f64,
    num_steps: usize,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let top = raw
        .iter()
        .chain(kept.map_or(&[][..], |k| &k.ema))
        .copied()
        .filter(|v| v.is_finite())
        .fold(baseline + 0.4, f64::max)
        .min(20.0);
    let room = super::Room::of(area.dim_in_pixel(), style);
    let (mut chart, view) = frame::build(
        ChartBuilder::on(area)
            .margin(style.px_i(12.0))
            .x_label_area_size(room.x_area(style, 40.0))
            .y_label_area_size(room.y_area(style, 52.0)),
        View {
            x0: 0.0,
            x1: num_steps.max(1) as f64,
            y0: 0.0,
            y1: top,
        },
    )?;
    let top = view.y1;
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(6)
        .y_labels(room.y_ticks(40.0, 3, 6))
        .x_label_formatter(&|v| fixed(*v, 0))
        .y_label_formatter(&|v| tick(*v));
    if room.titles() {
        mesh.x_desc(i18n::AXIS_STEP.get(style.lang))
            .y_desc(i18n::AXIS_LOSS.get(style.lang));
    }
    super::themed(&mut mesh, style).draw()?;

    // The uniform guess: every token equally likely.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, baseline), (num_steps as f64, baseline)],
        pal.alarm.mix(0.8).stroke_width(style.px_i(1.5)),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        format!(
            "{} ln {} ≈ {}",
            i18n::UNIFORM_TOKENS.get(style.lang),
            short(baseline.exp().round()),
            fixed(baseline, 2)
        ),
        (num_steps as f64 * 0.02, baseline + top * 0.03),
        style.sans(12.0).color(&pal.alarm),
    )))?;

    let points = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .filter(|(_, l)| l.is_finite())
            .map(|(i, &l)| ((i + 1) as f64, l.min(top)))
            .collect()
    };
    if let Some(k) = kept {
        for run in clip_polyline(&view, points(&k.ema)) {
            chart.draw_series(LineSeries::new(run, KEPT.stroke_width(style.px_i(3.0))))?;
        }
        if let Some(&(x, y)) = points(&k.ema).last() {
            chart.draw_series(std::iter::once(Text::new(
                k.label.clone(),
                (x * 0.7, y + top * 0.06),
                style.sans(12.0).color(&KEPT),
            )))?;
        }
    }
    for run in clip_polyline(&view, points(raw)) {
        chart.draw_series(LineSeries::new(
            run,
            pal.curve.mix(0.35).stroke_width(style.px_i(1.0)),
        ))?;
    }
    for run in clip_polyline(&view, points(ema)) {
        chart.draw_series(LineSeries::new(run, pal.curve.stroke_width(style.px_i(3.0))))?;
    }
    Ok(())
}
