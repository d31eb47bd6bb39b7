//! The browser canvas as a plotters backend, measuring text with the canvas's
//! own `measureText`. plotters' web font code measures text by inserting a
//! `<span style="…">` into the page for every label: a forced layout each time,
//! and an inline style that a strict Content-Security-Policy refuses. This
//! wrapper keeps everything else of `plotters-canvas` as it is.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What drawing on a canvas can fail with.
pub type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// `plotters-canvas` with text measured on the canvas itself.
pub struct WebCanvas {
    inner: CanvasBackend,
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
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(WebCanvas { inner, context })
    }
}

type Result<T> = std::result::Result<T, DrawingErrorKind<CanvasError>>;

impl DrawingBackend for WebCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<()> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<()> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<()> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<()> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<()> {
        self.inner.draw_rect(a, b, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<()> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<()> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<()> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<()> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        // The same font string plotters-canvas draws with.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        // Clamped into u32: a width is never negative, and never near 4e9 pixels.
        Ok((
            width.ceil().clamp(0.0, 1e6) as u32,
            style.size().ceil().clamp(0.0, 1e6) as u32,
        ))
    }
}
