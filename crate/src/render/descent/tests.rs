//! The same drawing code, painted into a bitmap natively: the picture is checked
//! pixel by pixel where the maths says things must be.

use super::*;
use crate::render::LIGHT;
use crate::widgets::descent::DescentModel;
use plotters::backend::BitMapBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::cell::RefCell;
use std::rc::Rc;

const W: u32 = 640;
const H: u32 = 400;

/// A bitmap with the text left out: native builds carry no font (the browser
/// draws the text on the web), and the pixels checked here are not text.
/// What would have been written, and where (its top-left), is kept.
struct Textless<'a>(BitMapBackend<'a>, Rc<RefCell<Vec<(String, BackendCoord)>>>);

type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for Textless<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.0.fill_polygon(vert, s)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        _: &T,
        at: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.1.borrow_mut().push((text.to_owned(), at));
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

type Texts = Vec<(String, BackendCoord)>;

fn paint(model: &DescentModel, now: f64, scale: f64) -> (Vec<u8>, PixelMap) {
    let (buf, map, _) = paint_sized(model, now, scale, (W, H));
    (buf, map)
}

/// Paints a `size` (CSS pixels) chart at `scale`; also returns its texts.
fn paint_sized(model: &DescentModel, now: f64, scale: f64, size: (u32, u32)) -> (Vec<u8>, PixelMap, Texts) {
    let (w, h) = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
    let mut buf = vec![0u8; (w * h * 3) as usize];
    let texts = Rc::new(RefCell::new(Vec::new()));
    let map = {
        let backend = Textless(BitMapBackend::with_buffer(&mut buf, (w, h)), Rc::clone(&texts));
        let area = backend.into_drawing_area();
        let style = Style {
            palette: LIGHT,
            scale,
            ..Style::default()
        };
        let map = draw(&area, &model.scene(now), &style).expect("draws");
        area.present().expect("presents");
        map
    };
    let texts = texts.borrow().clone();
    (buf, map, texts)
}

fn pixel(buf: &[u8], width: u32, (x, y): (f64, f64)) -> RGBColor {
    let i = ((y.round() as u32 * width + x.round() as u32) * 3) as usize;
    RGBColor(buf[i], buf[i + 1], buf[i + 2])
}

#[test]
fn ball_is_drawn_where_its_w_maps() {
    for scale in [1.0, 2.0] {
        let mut m = DescentModel::default();
        for _ in 0..3 {
            m.step(0.0);
        }
        let (buf, map) = paint(&m, 10_000.0, scale);
        let run = m.run();
        let centre = map.to_pixel(run.w(), run.loss());
        assert_eq!(
            pixel(&buf, (W as f64 * scale) as u32, centre),
            LIGHT.ball,
            "scale {scale}"
        );
        // The click mapping inverts the drawing mapping.
        let (w, _) = map.to_data(centre.0, centre.1);
        assert!((w - run.w()).abs() < 1e-9);
    }
}

#[test]
fn curve_passes_through_the_minimum_neighbourhood() {
    let m = DescentModel::default();
    let (buf, map) = paint(&m, 0.0, 1.0);
    // Sample the curve at a few w and find its colour within a couple of pixels.
    for w in [0.5, 1.5, 4.5, 5.5] {
        let (x, y) = map.to_pixel(w, m.run().landscape().loss(w));
        let hit = (-3..=3).any(|dy| pixel(&buf, W, (x, y + dy as f64)) == LIGHT.curve);
        assert!(hit, "curve colour near w={w}");
    }
    // Far above the curve at the minimum is background.
    let (x, y) = map.to_pixel(3.0, 8.0);
    assert_eq!(pixel(&buf, W, (x, y)), LIGHT.background);
}

#[test]
fn diverged_run_still_draws() {
    let mut m = DescentModel::default();
    m.set_lr(2.0).expect("lr");
    while m.step(0.0) {}
    assert_eq!(m.snapshot().state, "diverged");
    let (_, map) = paint(&m, 1e9, 1.0);
    assert!(map.view.x1.is_finite() && map.view.y1.is_finite());
}

#[test]
fn the_minimums_label_keeps_clear_of_the_axis_numbers() {
    let m = DescentModel::default();
    // The descent widget's chart, the same in presenter mode (zoom 1.7), and a
    // lab panel (281×211 CSS px).
    for (size, scale, below) in [
        ((640, 400), 1.0, true),
        ((780, 470), 1.7, true),
        ((281, 211), 1.0, false),
    ] {
        let (_, map, texts) = paint_sized(&m, 0.0, scale, size);
        let (_, (x, y)) = texts
            .iter()
            .find(|(t, _)| t.starts_with("min (3, 1)"))
            .expect("labelled");
        let (mx, my) = map.to_pixel(3.0, 1.0);
        let text_h = 13.0 * scale;
        let axis = map.py.1;
        assert!(f64::from(*x) > mx, "{size:?}: right of the marker");
        assert!(
            f64::from(*y) + text_h <= axis + text_h / 3.0 + 1.0,
            "{size:?}: clear of the axis numbers"
        );
        assert_eq!(
            f64::from(*y) > my,
            below,
            "{size:?}: below the marker when there is room"
        );
    }
}
