//! The loss widgets: MSE as squares you can see, cross-entropy as a bar chart
//! beside the curve −ln p.

use super::frame;
use super::{pixel_map, Style};
use crate::decimal::fixed;
use crate::format::{fixed4, tick};
use crate::i18n;
use crate::view::{PixelMap, View};
use crate::widgets::loss::{LossSnapshot, PREDICTION_RANGE};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One colour per sample (Okabe–Ito), so a point, its error and its square match.
pub const SAMPLE_COLOURS: [RGBColor; 4] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
];
/// The right word's bar.
pub const RIGHT_COLOUR: RGBColor = RGBColor(0, 158, 115);
/// The other words' bars.
pub const OTHER_COLOUR: RGBColor = RGBColor(150, 160, 170);

/// Draws predictions (filled dots), targets (rings), errors (segments) and their
/// squares (area = squared error: both axes use the same scale). Returns the
/// mapping for dragging a prediction.
pub fn draw_mse<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &LossSnapshot,
    style: &Style,
) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (margin, left, bottom) = (style.px(12.0), style.px(52.0), style.px(40.0));
    let (w, h) = area.dim_in_pixel();
    let plot_w = (f64::from(w) - left - 2.0 * margin).max(1.0);
    let plot_h = (f64::from(h) - bottom - 2.0 * margin).max(1.0);
    let (y0, y1) = PREDICTION_RANGE;
    // Equal scales: as many w-units across as the height's units allow.
    let span = ((y1 - y0) * plot_w / plot_h).max(4.6);
    let (x0, x1) = (0.3, 0.3 + span);

    let (mut chart, view) = frame::build(
        ChartBuilder::on(area)
            .margin(margin as u32)
            .x_label_area_size(bottom as u32)
            .y_label_area_size(left as u32),
        View { x0, x1, y0, y1 },
    )?;
    super::themed(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .x_desc(i18n::AXIS_SAMPLES.get(style.lang))
            .y_desc(i18n::AXIS_VALUE.get(style.lang))
            .y_labels(7)
            .y_label_formatter(&|v| tick(*v)),
        style,
    )
    .draw()?;

    for (i, sample) in s.samples.iter().enumerate() {
        let colour = SAMPLE_COLOURS[i % 4];
        let x = i as f64 + 1.0;
        let (p, t) = (sample.prediction, sample.target);
        let side = (p - t).abs();
        // The square on the error: one side is the error itself.
        if side > 0.0 {
            let (lo, hi) = (p.min(t), p.max(t));
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x, lo), (x + side, hi)],
                colour.mix(0.22).filled(),
            )))?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x, lo), (x + side, hi)],
                colour.mix(0.7).stroke_width(style.px_i(1.0)),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, t), (x, p)],
                colour.stroke_width(style.px_i(2.5)),
            )))?;
        }
        let r = style.px(7.0) as i32;
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, t)) + Circle::new((0, 0), r, pal.ink.stroke_width(style.px_i(2.0))),
        ))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, p))
                + Circle::new((0, 0), r, colour.filled())
                + Text::new(
                    format!("{}", i + 1),
                    (-r / 2, r + style.px(4.0) as i32),
                    style.sans(12.0).color(&pal.ink),
                ),
        ))?;
    }
    let caption = format!("MSE = {}", fixed4(s.mse));
    chart.draw_series(std::iter::once(Text::new(
        caption,
        (x0 + 0.2, y1 - 0.25),
        style.sans(18.0).color(&pal.ink),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        i18n::MSE_LEGEND.get(style.lang),
        (x0 + 0.2, y1 - 0.75),
        style.sans(12.0).color(&pal.trail),
    )))?;

    Ok(pixel_map(&chart, view))
}

/// Draws the next-word probabilities as bars (left) and the curve −ln p with the
/// right word's point on it (right). Returns the bar chart's mapping, so a drag
/// on the right word's bar sets its probability.
pub fn draw_ce<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &LossSnapshot,
    style: &Style,
) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (w, _) = area.dim_in_pixel();
    let (bars_area, curve_area) = area.split_horizontally(f64::from(w) * 0.52);
    let n = s.words.len() as f64;

    let (mut bars, bars_view) = frame::build(
        ChartBuilder::on(&bars_area)
            .margin(style.px_i(12.0))
            .x_label_area_size(style.px_i(40.0))
            .y_label_area_size(style.px_i(48.0)),
        View {
            x0: -0.5,
            x1: n - 0.5,
            y0: 0.0,
            y1: 1.0,
        },
    )?;
    let words: Vec<&str> = s.words.iter().map(|w| w.word).collect();
    super::themed(
        bars.configure_mesh()
            .disable_x_mesh()
            .x_labels(words.len())
            .x_label_formatter(&|v| {
                let i = v.round();
                if (v - i).abs() < 1e-6 && i >= 0.0 {
                    words.get(i as usize).map_or(String::new(), |w| (*w).to_owned())
                } else {
                    String::new()
                }
            })
            .y_desc(i18n::AXIS_PROBABILITY.get(style.lang))
            .y_labels(6)
            .y_label_formatter(&|v| fixed(*v, 1)),
        style,
    )
    .draw()?;
    for (i, word) in s.words.iter().enumerate() {
        let x = i as f64;
        let colour = if word.right { RIGHT_COLOUR } else { OTHER_COLOUR };
        bars.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.35, 0.0), (x + 0.35, word.p)],
            colour.filled(),
        )))?;
        bars.draw_series(std::iter::once(Text::new(
            format!("{}%", fixed(word.p * 100.0, 0)),
            (x - 0.3, (word.p + 0.08).min(0.97)),
            style.sans(12.0).color(&pal.ink),
        )))?;
    }
    let map = pixel_map(&bars, bars_view);
    // The curve −ln p, with the uniform guess and the perfect prediction marked.
    let y_top = 7.0;
    let (mut curve, _) = frame::build(
        ChartBuilder::on(&curve_area)
            .margin(style.px_i(12.0))
            .x_label_area_size(style.px_i(40.0))
            .y_label_area_size(style.px_i(40.0)),
        View {
            x0: 0.0,
            x1: 1.0,
            y0: 0.0,
            y1: y_top,
        },
    )?;
    super::themed(
        curve
            .configure_mesh()
            .x_desc("p(好)")
            .y_desc(i18n::AXIS_CE.get(style.lang))
            .x_labels(6)
            .y_labels(8)
            .x_label_formatter(&|v| fixed(*v, 1))
            .y_label_formatter(&|v| fixed(*v, 0)),
        style,
    )
    .draw()?;
    let samples = (1..=400).map(|k| {
        let p = k as f64 / 400.0;
        (p, (-p.ln()).min(y_top))
    });
    curve.draw_series(LineSeries::new(samples, pal.curve.stroke_width(style.px_i(2.5))))?;
    curve.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, s.baseline26), (1.0, s.baseline26)],
        pal.alarm.mix(0.8).stroke_width(style.px_i(1.5)),
    )))?;
    curve.draw_series(std::iter::once(Text::new(
        format!(
            "{} {}",
            i18n::UNIFORM_GUESS.get(style.lang),
            fixed(s.baseline26, 2)
        ),
        // Right-aligned at the plot's right edge, so it never runs off the canvas.
        (1.0, s.baseline26 + 0.15),
        style
            .sans(12.0)
            .color(&pal.alarm)
            .pos(Pos::new(HPos::Right, VPos::Bottom)),
    )))?;
    curve.draw_series(std::iter::once(Text::new(
        i18n::PERFECT.get(style.lang),
        (0.6, 0.9),
        style.sans(12.0).color(&pal.minimum),
    )))?;
    let r = style.px(7.0) as i32;
    curve.draw_series(std::iter::once(
        EmptyElement::at((s.p_right, s.ce.min(y_top)))
            + Circle::new((0, 0), r, RIGHT_COLOUR.filled())
            + Circle::new((0, 0), r, pal.background.stroke_width(style.px_i(2.0))),
    ))?;
    Ok(map)
}
