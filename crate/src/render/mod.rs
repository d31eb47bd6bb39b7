//! Drawing with plotters, generic over any `DrawingBackend`: the same code paints
//! the browser canvas, a PNG in a native test, or a GIF frame.

pub mod descent;
pub mod frame;
pub mod graph;
pub mod loss;
pub mod loss_chart;
pub mod line;
pub mod map;
pub mod microgpt;
pub mod picture;
#[cfg(not(target_arch = "wasm32"))]
pub mod probe;
pub mod race;

pub(crate) use frame::{pixel_map, Chart};

use crate::i18n::Lang;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::{Color as _, DrawingBackend, IntoFont as _, TRANSPARENT};
use plotters::style::{FontDesc, FontFamily, RGBColor};

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

/// How much room a chart has for its axes. A small chart (a lab panel, a
/// phone strip, a frame squeezed to fit) keeps its numbers and drops its axis
/// titles, which would take a third of it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Room {
    /// Width and height in CSS pixels (at the style's scale).
    css: (f64, f64),
}

impl Room {
    /// The room of an area `dim` device pixels large, drawn at `style`.
    pub(crate) fn of(dim: (u32, u32), style: &Style) -> Room {
        let scale = if style.scale > 0.0 { style.scale } else { 1.0 };
        Room {
            css: (f64::from(dim.0) / scale, f64::from(dim.1) / scale),
        }
    }

    /// Below 320 × 170 CSS px a chart is small.
    pub(crate) fn small(&self) -> bool {
        self.css.0 < 320.0 || self.css.1 < 170.0
    }

    /// Below 250 × 120 CSS px (the lab's panels in a blog column, a phone
    /// strip) a chart is tiny: it also leaves out the words it would write
    /// over its own data (the minimum's label, the arrow's name, a legend).
    pub(crate) fn tiny(&self) -> bool {
        self.css.0 < 250.0 || self.css.1 < 120.0
    }

    /// Whether a legend of a few lines fits without hiding much of the plot:
    /// at least 200 CSS px high.
    pub(crate) fn legend_fits(&self) -> bool {
        self.css.1 >= 200.0
    }

    /// Whether to write axis titles.
    pub(crate) fn titles(&self) -> bool {
        !self.small()
    }

    /// The band under the plot for the x numbers (and title), in device pixels.
    pub(crate) fn x_area(&self, style: &Style, full: f64) -> u32 {
        style.px_i(if self.small() { 24.0 } else { full })
    }

    /// The band left of the plot for the y numbers (and title), in device pixels.
    pub(crate) fn y_area(&self, style: &Style, full: f64) -> u32 {
        style.px_i(if self.small() { full - 20.0 } else { full })
    }

    /// About one x tick label per `per` CSS px, within `lo..=hi`.
    pub(crate) fn x_ticks(&self, per: f64, lo: usize, hi: usize) -> usize {
        ((self.css.0 / per) as usize).clamp(lo, hi)
    }

    /// About one y tick label per `per` CSS px, within `lo..=hi`.
    pub(crate) fn y_ticks(&self, per: f64, lo: usize, hi: usize) -> usize {
        ((self.css.1 / per) as usize).clamp(lo, hi)
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
