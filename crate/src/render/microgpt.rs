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

    // At most the first, lowest, highest and last point of each device-pixel
    // column: 20,000 steps on a 1,170-pixel-wide phone chart draw as what the
    // pixels can show, not as 20,000 segments a frame.
    let columns = (chart.plotting_area().dim_in_pixel().0 as usize).max(1);
    let points = |v: &[f64]| -> Vec<(f64, f64)> {
        envelope(
            v.iter()
                .enumerate()
                .filter(|(_, l)| l.is_finite())
                .map(|(i, &l)| ((i + 1) as f64, l.min(top))),
            view.x0,
            view.x1,
            columns,
        )
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

/// The points of a line with increasing x that a plot `columns` pixels wide
/// over `x0..x1` can show: per column, the first, the lowest, the highest and
/// the last point, in order. A line through them covers the same pixels as
/// one through all of them.
pub fn envelope(
    points: impl IntoIterator<Item = (f64, f64)>,
    x0: f64,
    x1: f64,
    columns: usize,
) -> Vec<(f64, f64)> {
    let per_column = columns as f64 / (x1 - x0);
    let mut out: Vec<(f64, f64)> = Vec::new();
    // The current column and its first, lowest, highest and last points.
    let mut bucket: Option<(i64, [(f64, f64); 4])> = None;
    let flush = |out: &mut Vec<(f64, f64)>, b: [(f64, f64); 4]| {
        let [first, low, high, last] = b;
        let (a, c) = if low.0 <= high.0 { (low, high) } else { (high, low) };
        for p in [first, a, c, last] {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    };
    for p in points {
        let column = ((p.0 - x0) * per_column).floor() as i64;
        match &mut bucket {
            Some((c, b)) if *c == column => {
                if p.1 < b[1].1 {
                    b[1] = p;
                }
                if p.1 > b[2].1 {
                    b[2] = p;
                }
                b[3] = p;
            }
            _ => {
                if let Some((_, b)) = bucket.take() {
                    flush(&mut out, b);
                }
                bucket = Some((column, [p; 4]));
            }
        }
    }
    if let Some((_, b)) = bucket {
        flush(&mut out, b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::envelope;

    #[test]
    fn the_envelope_keeps_each_columns_extremes_in_order() {
        // 1,000 noisy points over 10 columns: at most 4 a column, and each
        // column's lowest and highest survive.
        let points: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i), f64::from((i * 37) % 101)))
            .collect();
        let kept = envelope(points.iter().copied(), 0.0, 1000.0, 10);
        assert!(kept.len() <= 40, "{}", kept.len());
        assert!(kept.windows(2).all(|w| w[0].0 <= w[1].0), "in order");
        for c in 0..10 {
            let column: Vec<f64> = points[c * 100..(c + 1) * 100].iter().map(|p| p.1).collect();
            let (lo, hi) = column
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
            let in_kept = |y: f64| kept.iter().any(|p| p.1 == y && (p.0 as usize) / 100 == c);
            assert!(in_kept(lo) && in_kept(hi), "column {c}");
        }
        // Fewer points than columns: all of them.
        assert_eq!(envelope([(0.0, 1.0), (5.0, 2.0)], 0.0, 10.0, 100).len(), 2);
    }
}
