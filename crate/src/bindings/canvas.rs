//! The browser canvas as a plotters `DrawingBackend`: every chart and scene
//! of the renderer paints the page through this, and a bitmap in the native
//! tests through plotters' own bitmap backend.
//!
//! Downhill started on `plotters-canvas` and outgrew it twice. Its text
//! measuring inserts a `<span style="…">` into the page for every label (a
//! forced layout each time, and an inline style a strict Content-Security-
//! Policy refuses); here text is measured with the canvas's `measureText`.
//! And it writes colours and font sizes with Rust's float `Display`, which
//! alone ships ~8 KB (gzip) of float-printing code to every reader; here
//! alphas and sizes go through [`crate::decimal::fixed`], which the readouts
//! use anyway.

use crate::decimal::fixed;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use std::fmt;
use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas call that threw, with what it said.
#[derive(Debug)]
pub struct CanvasError(String);

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<CanvasError>>;

fn thrown(e: JsValue) -> DrawingErrorKind<CanvasError> {
    let what = e.as_string().unwrap_or_else(|| "a canvas call failed".to_owned());
    DrawingErrorKind::DrawingError(CanvasError(what))
}

/// A canvas and its 2D context.
pub struct WebCanvas {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl WebCanvas {
    /// Wraps `canvas`; `None` if it has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<WebCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(WebCanvas {
            canvas: canvas.clone(),
            context,
        })
    }

    /// Copies all of `from` (a canvas of the same size) onto this canvas at
    /// (0, 0), pixels unchanged.
    pub(crate) fn copy_from(&self, from: &HtmlCanvasElement) -> std::result::Result<(), JsValue> {
        self.context.draw_image_with_html_canvas_element(from, 0.0, 0.0)
    }

    fn stroke_with(&self, style: &impl BackendStyle) {
        self.context.set_stroke_style_str(&css_colour(style.color()));
        self.context.set_line_width(f64::from(style.stroke_width()));
    }

    fn fill_with(&self, colour: BackendColor) {
        self.context.set_fill_style_str(&css_colour(colour));
    }

    /// Traces a path through `points`; `close` joins the last to the first.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>, close: bool) {
        self.context.begin_path();
        let mut points = points.into_iter();
        if let Some((x, y)) = points.next() {
            self.context.move_to(f64::from(x), f64::from(y));
            for (x, y) in points {
                self.context.line_to(f64::from(x), f64::from(y));
            }
            if close {
                self.context.close_path();
            }
        }
    }
}

/// `rgba(r,g,b,a)`, the alpha to 3 decimals.
fn css_colour(colour: BackendColor) -> String {
    let (r, g, b) = colour.rgb;
    format!("rgba({r},{g},{b},{})", fixed(colour.alpha.clamp(0.0, 1.0), 3))
}

/// Nothing to draw in a fully transparent colour.
fn invisible(colour: BackendColor) -> bool {
    colour.alpha <= 0.0
}

/// The end points of a line, moved half a pixel when it is horizontal or
/// vertical, so a 1-pixel line covers one row of pixels instead of blurring
/// over two.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let nudge = |a: i32, b: i32| {
        if a == b {
            (f64::from(a) - 0.5, f64::from(b) - 0.5)
        } else {
            (f64::from(a), f64::from(b))
        }
    };
    let (x0, x1) = nudge(from.0, to.0);
    let (y0, y1) = nudge(from.1, to.1);
    ((x0, y0), (x1, y1))
}

impl DrawingBackend for WebCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }
    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }
    fn present(&mut self) -> Result {
        Ok(())
    }
    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Result {
        if !invisible(colour) {
            self.fill_with(colour);
            self.context.fill_rect(f64::from(x), f64::from(y), 1.0, 1.0);
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        let (a, b) = crisp(from, to);
        self.stroke_with(style);
        self.context.begin_path();
        self.context.move_to(a.0, a.1);
        self.context.line_to(b.0, b.1);
        self.context.stroke();
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (w, h) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        if fill {
            self.fill_with(style.color());
            self.context.fill_rect(x, y, w, h);
        } else {
            self.stroke_with(style);
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        self.stroke_with(style);
        self.trace(path, false);
        self.context.stroke();
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        self.fill_with(style.color());
        self.trace(vertices, true);
        self.context.fill();
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        self.context.begin_path();
        self.context
            .arc(
                f64::from(x),
                f64::from(y),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(thrown)?;
        if fill {
            self.fill_with(style.color());
            self.context.fill();
        } else {
            self.stroke_with(style);
            self.context.stroke();
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, (x, y): BackendCoord) -> Result {
        if invisible(style.color()) {
            return Ok(());
        }
        let quarter_turns = match style.transform() {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 1,
            FontTransform::Rotate180 => 2,
            FontTransform::Rotate270 => 3,
        };
        let (x, y) = (f64::from(x), f64::from(y));
        let at = if quarter_turns == 0 {
            (x, y)
        } else {
            self.context.save();
            self.context.translate(x, y).map_err(thrown)?;
            self.context
                .rotate(f64::from(quarter_turns) * std::f64::consts::FRAC_PI_2)
                .map_err(thrown)?;
            (0.0, 0.0)
        };
        self.context.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.context.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "center",
            HPos::Right => "end",
        });
        self.fill_with(style.color());
        self.context.set_font(&css_font(style));
        let drawn = self.context.fill_text(text, at.0, at.1).map_err(thrown);
        if quarter_turns != 0 {
            self.context.restore();
        }
        drawn
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        self.context.set_font(&css_font(style));
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        // Clamped into u32: a width is never negative, and never near 4e9 pixels.
        Ok((
            width.ceil().clamp(0.0, 1e6) as u32,
            style.size().ceil().clamp(0.0, 1e6) as u32,
        ))
    }
}

/// The CSS font of a text style, e.g. `normal 13.0px sans-serif`.
fn css_font(style: &impl BackendTextStyle) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        fixed(style.size().clamp(0.0, 1e4), 1),
        style.family().as_str()
    )
}
