//! Whole pictures for export (a PNG, a GIF frame): a chart with the readouts
//! a page would show beside it written above it, since an image leaves the
//! page's text behind (WeChat shows only images).

use super::descent;
use super::{Style, RUN_COLOURS};
use crate::view::PixelMap;
use crate::widgets::descent::Scene;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Height of one title line, in CSS pixels.
const LINE: f64 = 17.0;
/// Type size of titles, in CSS pixels.
const TITLE_PX: f64 = 13.0;

/// The descent chart of `scene` under a title line (`title`, e.g. the
/// readouts η, t, w, L). Returns the chart's pixel ↔ data mapping, in the
/// backend's pixels.
pub fn descent<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene<'_>,
    title: &str,
    style: &Style,
) -> Result<PixelMap, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.palette.background)?;
    let band = title_band(area, style, 1);
    let (top, chart) = area.split_vertically(band);
    write(&top, &[title], style, style.palette.ink)?;
    descent::draw(&chart, scene, style)
}

/// The learning-rate lab's panels side by side, each under its own two
/// title lines (`titles[i]`: η and verdict, then w and L), each ball in its
/// run's colour. Returns each panel's mapping, in the backend's pixels.
pub fn lab<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scenes: &[Scene<'_>],
    titles: &[[String; 2]],
    style: &Style,
) -> Result<Vec<PixelMap>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.palette.background)?;
    let n = scenes.len().max(1);
    let band = title_band(area, style, 2);
    let mut maps = Vec::with_capacity(n);
    for (i, (panel, scene)) in area.split_evenly((1, n)).iter().zip(scenes).enumerate() {
        let mut look = *style;
        look.palette.ball = RUN_COLOURS[i % RUN_COLOURS.len()];
        let (top, chart) = panel.split_vertically(band);
        let lines: Vec<&str> = titles.get(i).map(|t| vec![t[0].as_str(), t[1].as_str()]).unwrap_or_default();
        write(&top, &lines, &look, look.palette.ball)?;
        maps.push(descent::draw(&chart, scene, &look)?);
    }
    Ok(maps)
}

/// The height of a band of `lines` title lines, in device pixels: none in
/// a picture too small to keep a chart under it (less than 4 bands high).
pub fn title_band<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, style: &Style, lines: u32) -> u32 {
    let band = title_height(style, lines);
    if area.dim_in_pixel().1 >= 4 * band {
        band
    } else {
        0
    }
}

/// The height of `lines` title lines at `style`, in device pixels.
pub fn title_height(style: &Style, lines: u32) -> u32 {
    style.px_i(LINE * f64::from(lines) + 6.0)
}

/// Writes `lines` centred in `area` (see [`write`]), for the other pictures.
pub(super) fn write_lines<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, lines: &[&str], style: &Style, colour: RGBColor) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    write(area, lines, style, colour)
}

/// Writes `lines` centred in `area`, one per [`LINE`], the first in `colour`
/// and the rest in ink; a line too wide for the area is shrunk to fit.
fn write<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[&str],
    style: &Style,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    if h == 0 {
        return Ok(());
    }
    for (k, line) in lines.iter().enumerate() {
        let mut size = TITLE_PX;
        let room = f64::from(w) - style.px(8.0);
        if let Ok((tw, _)) = area.estimate_text_size(line, &style.sans(size).into_text_style(area)) {
            if f64::from(tw) > room && tw > 0 {
                size = (size * room / f64::from(tw)).max(8.0);
            }
        }
        let ink = if k == 0 { colour } else { style.palette.ink };
        let font = style
            .sans(size)
            .color(&ink)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let y = style.px(3.0 + LINE * (k as f64 + 0.5)) as i32;
        area.draw_text(line, &font, ((w / 2) as i32, y))?;
    }
    Ok(())
}
