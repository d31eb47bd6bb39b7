//! A native bitmap backend that records what the renderer hands it. Text is
//! recorded, not drawn (native builds carry no font; the browser draws text
//! on the web). Every coordinate is also checked to lie near the canvas —
//! today plotters already pulls each point onto the plotting area before a
//! backend sees it, so this is a guard for the day that changes, not the
//! test of [`super::frame`]'s clamp (`the_axis_mapping_never_overflows` is).
//!
//! Used by the renderer's tests and by `make fuzz`.

use super::frame::MARGIN_PX;
use plotters::backend::BitMapBackend;
use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::cell::RefCell;
use std::rc::Rc;

/// Room beyond the clamp for what is drawn relative to a mapped point (a
/// marker's radius, a label's offset), in device pixels.
const OFFSET_ROOM: i32 = 4_096;

/// The bitmap backend's error type.
pub type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// What a [`Probe`] saw: the texts it was asked to write (with their top-left
/// corner) and every coordinate that was out of bounds.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// `(text, position)` in drawing order.
    pub texts: Vec<(String, BackendCoord)>,
    /// Descriptions of coordinates beyond the canvas plus the margin.
    pub out_of_bounds: Vec<String>,
}

/// A checking, text-recording wrapper around plotters' `BitMapBackend`.
pub struct Probe<'a> {
    inner: BitMapBackend<'a>,
    seen: Rc<RefCell<Seen>>,
}

impl<'a> Probe<'a> {
    /// Draws into `buf` (RGB, `size.0 × size.1 × 3` bytes); what it sees goes to `seen`.
    pub fn new(buf: &'a mut [u8], size: (u32, u32), seen: Rc<RefCell<Seen>>) -> Self {
        Probe {
            inner: BitMapBackend::with_buffer(buf, size),
            seen,
        }
    }

    fn check(&self, what: &str, points: &[BackendCoord]) {
        let (w, h) = self.inner.get_size();
        let reach = MARGIN_PX.saturating_add(OFFSET_ROOM);
        let ok = |v: i32, size: u32| {
            let size = i32::try_from(size).unwrap_or(i32::MAX);
            v >= -reach && v <= size.saturating_add(reach)
        };
        for &(x, y) in points {
            if !(ok(x, w) && ok(y, h)) {
                self.seen
                    .borrow_mut()
                    .out_of_bounds
                    .push(format!("{what} at ({x}, {y}) on a {w}×{h} canvas"));
            }
        }
    }
}

impl DrawingBackend for Probe<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.check("line", &[a, b]);
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.check("rectangle", &[a, b]);
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        self.check("path", &path);
        self.inner.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.check("circle", &[c]);
        self.inner.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        let vert: Vec<BackendCoord> = vert.into_iter().collect();
        self.check("polygon", &vert);
        self.inner.fill_polygon(vert, s)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        _: &T,
        at: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.check("text", &[at]);
        self.seen.borrow_mut().texts.push((text.to_owned(), at));
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<BitmapError>> {
        // Roughly the browser's metrics: 0.6 em per character, 1 em high.
        let em = style.size().max(1.0);
        Ok(((text.chars().count() as f64 * em * 0.6) as u32, em as u32))
    }
}
