//! Drawing with plotters, generic over any `DrawingBackend`: the same code paints
//! the browser canvas, a PNG in a native test, or a GIF frame.

pub mod descent;
pub mod graph;
pub mod loss;
pub mod loss_chart;
pub mod microgpt;

use crate::i18n::Lang;
use crate::view::{PixelMap, View};
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::{Color as _, DrawingBackend, IntoFont as _, TRANSPARENT};
use plotters::style::{FontDesc, FontFamily, RGBColor};
use std::ops::Range;

/// Colours of one theme. The ball, tangent and update arrow differ in lightness
/// and shape as well as hue, so colour-blind readers can tell them apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Axis lines, tick labels, captions.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The loss curve.
    pub curve: RGBColor,
    /// The ball.
    pub ball: RGBColor,
    /// Past iterates and the path between them.
    pub trail: RGBColor,
    /// The tangent at the ball.
    pub tangent: RGBColor,
    /// The update arrow `−η·L′(w)`.
    pub update: RGBColor,
    /// The minimum marker.
    pub minimum: RGBColor,
    /// Warnings drawn on the canvas (diverging).
    pub alarm: RGBColor,
    /// Fill of parameter boxes in the graph (the numbers training changes).
    pub param_fill: RGBColor,
    /// Fill of input boxes in the graph.
    pub input_fill: RGBColor,
    /// Fill of the loss box in the graph.
    pub loss_fill: RGBColor,
}

/// The light theme.
pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(38, 50, 56),
    grid: RGBColor(230, 234, 238),
    curve: RGBColor(33, 102, 172),
    ball: RGBColor(230, 97, 1),
    trail: RGBColor(120, 130, 140),
    tangent: RGBColor(94, 60, 153),
    update: RGBColor(0, 128, 96),
    minimum: RGBColor(0, 128, 96),
    alarm: RGBColor(200, 30, 30),
    param_fill: RGBColor(255, 244, 204),
    input_fill: RGBColor(236, 240, 244),
    loss_fill: RGBColor(253, 236, 234),
};

/// The dark theme: the same roles, lighter ink on a dark ground.
pub const DARK: Palette = Palette {
    background: RGBColor(22, 27, 34),
    ink: RGBColor(222, 228, 234),
    grid: RGBColor(48, 56, 66),
    curve: RGBColor(102, 170, 238),
    ball: RGBColor(255, 146, 48),
    trail: RGBColor(150, 160, 172),
    tangent: RGBColor(190, 160, 250),
    update: RGBColor(64, 208, 168),
    minimum: RGBColor(64, 208, 168),
    alarm: RGBColor(255, 120, 120),
    param_fill: RGBColor(74, 62, 20),
    input_fill: RGBColor(44, 52, 62),
    loss_fill: RGBColor(80, 36, 36),
};

/// The three runs of the learning-rate lab (Okabe–Ito blue, bluish green and
/// vermillion: distinct for colour-blind readers, and each run also has its own
/// marker shape). `www/style.css` repeats them as `--run0`…`--run2`.
pub const RUN_COLOURS: [RGBColor; 3] = [RGBColor(0, 114, 178), RGBColor(0, 158, 115), RGBColor(213, 94, 0)];

/// How to draw: colours, a scale for line widths and type (the device pixel
/// ratio, times more for presenter mode), and the language of the labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// The theme's colours.
    pub palette: Palette,
    /// Multiplier for every length in device pixels.
    pub scale: f64,
    /// Language of axis titles and captions.
    pub lang: Lang,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            palette: LIGHT,
            scale: 1.0,
            lang: Lang::En,
        }
    }
}

impl Style {
    /// A length of `css_px` CSS pixels in device pixels.
    pub fn px(&self, css_px: f64) -> f64 {
        css_px * self.scale
    }

    /// An integer device-pixel length, at least 1.
    pub fn px_i(&self, css_px: f64) -> u32 {
        // Round, then keep inside u32: a length is never negative or huge.
        self.px(css_px).round().clamp(1.0, 10_000.0) as u32
    }

    /// The page's sans-serif type at `css_px` CSS pixels. Named by the enum, not
    /// by the string "sans-serif": plotters lower-cases a family given as a
    /// string, which pulls Unicode case tables (~10 KB) into the wasm.
    pub fn sans(&self, css_px: f64) -> FontDesc<'static> {
        (FontFamily::SansSerif, self.px(css_px)).into_font()
    }
}

/// Gives a chart's mesh the shared look: the theme's type for tick labels and
/// axis titles, ink-coloured axes, grid lines in the grid colour, no minor lines.
pub(crate) fn themed<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    style: &Style,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    let pal = &style.palette;
    mesh.label_style(style.sans(13.0).color(&pal.ink))
        .axis_desc_style(style.sans(14.0).color(&pal.ink))
        .axis_style(pal.ink.stroke_width(style.px_i(1.0)))
        .bold_line_style(pal.grid.stroke_width(style.px_i(1.0)))
        .light_line_style(TRANSPARENT)
}

/// A chart over two `f64` axes, as every Downhill chart is.
pub(crate) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// An `f64` axis: plotters' own, except that a label nobody formatted is
/// printed by [`crate::format::tick`]. Every chart formats its labels itself;
/// with plotters' `f64` axis, its default formatter (and the float printing
/// code behind it, ~10 KB of wasm) would ship all the same.
pub(crate) struct Axis(RangedCoordf64);

impl From<Range<f64>> for Axis {
    fn from(range: Range<f64>) -> Self {
        Axis(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }
    fn range(&self) -> Range<f64> {
        self.0.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        crate::format::tick(*value)
    }
}

/// The plotting area's pixel box and the data it shows, for mapping a pointer
/// on the canvas back to data.
pub(crate) fn pixel_map<DB: DrawingBackend>(chart: &Chart<'_, DB>, view: View) -> PixelMap {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    PixelMap {
        px: (f64::from(xs.start), f64::from(xs.end)),
        py: (f64::from(ys.start), f64::from(ys.end)),
        view,
    }
}
