//! Pictures kept between frames. While a run plays, most of a chart does not
//! change — background, axes, grid, tick labels, the curve — and drawing it
//! again every frame is most of a frame's work on a phone (issue 15). A
//! [`Layer`] keeps such a picture in an offscreen canvas of the same size,
//! redraws it only when what it shows changes (its [`Key`]: the canvas size,
//! the look, the view, or the data it draws), and copies it onto the visible
//! canvas each frame; what moves is then drawn over it. Copying a canvas of
//! the same size at (0, 0) moves pixels unchanged, so the picture is the
//! same, pixel for pixel, as drawing everything each frame.

use super::canvas::{CanvasError, WebCanvas};
use crate::landscape::Landscape;
use crate::render::Style;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind};
use wasm_bindgen::{JsCast as _, JsError};
use web_sys::HtmlCanvasElement;

/// What a kept picture was drawn from, folded into 64 bits (FNV-1a over the
/// numbers' bits). Two different pictures sharing a key would need a 64-bit
/// collision; one number keeps the layer code small (one shape, not one per
/// kind of key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key(u64);

impl Key {
    /// The key of nothing yet.
    pub(crate) fn new() -> Key {
        Key(0xcbf2_9ce4_8422_2325)
    }

    /// Folds in a whole number.
    pub(crate) fn int(self, n: u64) -> Key {
        let mut h = self.0;
        for byte in n.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        Key(h)
    }

    /// Folds in a number, by its bits.
    pub(crate) fn num(self, x: f64) -> Key {
        self.int(x.to_bits())
    }

    /// Folds in numbers and how many there were.
    pub(crate) fn nums(self, xs: impl IntoIterator<Item = f64>) -> Key {
        let mut key = self;
        let mut n = 0;
        for x in xs {
            key = key.num(x);
            n += 1;
        }
        key.int(n)
    }

    /// Folds in a text, byte by byte.
    pub(crate) fn text(self, s: &str) -> Key {
        let mut h = self.0;
        for byte in s.bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        Key(h).int(s.len() as u64)
    }

    /// Folds in a landscape. The match is exhaustive on purpose: a new kind
    /// of landscape does not compile until it says what makes it differ, so a
    /// kept curve is never shown for another landscape.
    pub(crate) fn landscape(self, landscape: &Landscape) -> Key {
        match *landscape {
            Landscape::Typed(_) => self.int(6).text(landscape.typed_text().unwrap_or("")),
            Landscape::Quadratic { center, floor } => self.int(1).num(center).num(floor),
            Landscape::DoubleWell => self.int(2),
            Landscape::Bumpy => self.int(3),
            Landscape::PostGif => self.int(4),
            Landscape::Cliff => self.int(5),
        }
    }

    /// Folds in a look: colours, scale and language.
    pub(crate) fn style(self, style: &Style) -> Key {
        let p = &style.palette;
        let colours = [
            p.background,
            p.ink,
            p.grid,
            p.curve,
            p.ball,
            p.trail,
            p.tangent,
            p.update,
            p.minimum,
            p.alarm,
            p.param_fill,
            p.input_fill,
            p.loss_fill,
        ];
        let mut key = self.num(style.scale).int(style.lang as u64);
        for c in colours {
            key = key.int(u64::from(c.0) << 16 | u64::from(c.1) << 8 | u64::from(c.2));
        }
        key
    }
}

/// One kept picture and the key it was drawn for.
#[derive(Default)]
pub(crate) struct Layer {
    cache: Option<HtmlCanvasElement>,
    key: Option<(Key, u32, u32)>,
}

/// Drawing on a canvas, as the renderer does it.
pub(crate) type Draw<'a> =
    &'a mut dyn FnMut(&DrawingArea<WebCanvas, Shift>) -> Result<(), DrawingAreaErrorKind<CanvasError>>;

impl Layer {
    /// Shows the layer for `key` on `canvas`: if the key (or the canvas's
    /// size) changed since the last frame, `draw` paints the kept picture
    /// anew (and `true` is returned); then the picture is copied onto
    /// `canvas`, covering it.
    pub(crate) fn show(
        &mut self,
        canvas: &HtmlCanvasElement,
        key: Key,
        draw: Draw<'_>,
    ) -> Result<bool, JsError> {
        let cache = match self.cache.take() {
            Some(cache) => cache,
            None => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                .ok_or_else(|| JsError::new("No offscreen canvas could be made."))?,
        };
        let size = (canvas.width(), canvas.height());
        let stale = self.key != Some((key, size.0, size.1));
        if stale {
            if (cache.width(), cache.height()) != size {
                cache.set_width(size.0);
                cache.set_height(size.1);
            }
            super::paint(&cache, |area| draw(area))?;
            self.key = Some((key, size.0, size.1));
        }
        WebCanvas::new(canvas)
            .ok_or_else(|| JsError::new("The canvas has no 2D context."))?
            .copy_from(&cache)
            .map_err(|_| JsError::new("The kept picture could not be copied."))?;
        self.cache = Some(cache);
        Ok(stale)
    }
}
