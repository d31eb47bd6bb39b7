//! Pictures kept between frames. While a run plays, most of a chart does not
//! change — background, axes, grid, tick labels, the curve — and drawing it
//! again every frame is most of a frame's work on a phone (issue 15). A
//! [`Layer`] keeps such a picture in an offscreen canvas of the same size,
//! redraws it only when what it shows changes (its key: the canvas size, the
//! look, the view, or the data it draws), and copies it onto the visible
//! canvas each frame; what moves is then drawn over it. Copying a canvas of
//! the same size at (0, 0) moves pixels unchanged, so the picture is the
//! same, pixel for pixel, as drawing everything each frame.

use super::canvas::{CanvasError, WebCanvas};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind};
use wasm_bindgen::{JsCast as _, JsError};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// One kept picture and the key it was drawn for.
pub(crate) struct Layer<K> {
    cache: Option<HtmlCanvasElement>,
    key: Option<K>,
}

impl<K> Default for Layer<K> {
    fn default() -> Self {
        Layer {
            cache: None,
            key: None,
        }
    }
}

impl<K: PartialEq> Layer<K> {
    /// Shows the layer for `key` on `canvas`: if the key (or the canvas's
    /// size) changed since the last frame, `draw` paints the kept picture
    /// anew and its result is returned; then the picture is copied onto
    /// `canvas`, covering it.
    pub(crate) fn show<T>(
        &mut self,
        canvas: &HtmlCanvasElement,
        key: K,
        draw: impl FnOnce(&DrawingArea<WebCanvas, Shift>) -> Result<T, DrawingAreaErrorKind<CanvasError>>,
    ) -> Result<Option<T>, JsError> {
        let cache = match self.cache.take() {
            Some(cache) => cache,
            None => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                .ok_or_else(|| JsError::new("No offscreen canvas could be made."))?,
        };
        let (width, height) = (canvas.width(), canvas.height());
        let stale = self.key.as_ref() != Some(&key) || cache.width() != width || cache.height() != height;
        let drawn = if stale {
            if cache.width() != width || cache.height() != height {
                cache.set_width(width);
                cache.set_height(height);
            }
            let out = super::paint(&cache, draw)?;
            self.key = Some(key);
            Some(out)
        } else {
            None
        };
        context(canvas)?
            .draw_image_with_html_canvas_element(&cache, 0.0, 0.0)
            .map_err(|_| JsError::new("The kept picture could not be copied."))?;
        self.cache = Some(cache);
        Ok(drawn)
    }
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("The canvas has no 2D context."))
}
