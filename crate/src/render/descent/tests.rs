//! The same drawing code, painted into a bitmap natively: the picture is checked
//! pixel by pixel where the maths says things must be.

use super::*;
use crate::render::probe::{Probe, Seen};
use crate::render::LIGHT;
use crate::widgets::descent::DescentModel;
use plotters_backend::BackendCoord;
use std::cell::RefCell;
use std::rc::Rc;

const W: u32 = 640;
const H: u32 = 400;

type Texts = Vec<(String, BackendCoord)>;

fn paint(model: &DescentModel, now: f64, scale: f64) -> (Vec<u8>, PixelMap) {
    let (buf, map, _) = paint_sized(model, now, scale, (W, H));
    (buf, map)
}

/// Paints a `size` (CSS pixels) chart at `scale`; also returns its texts.
fn paint_sized(model: &DescentModel, now: f64, scale: f64, size: (u32, u32)) -> (Vec<u8>, PixelMap, Texts) {
    let (w, h) = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
    let mut buf = vec![0u8; (w * h * 3) as usize];
    let seen = Rc::new(RefCell::new(Seen::default()));
    let map = {
        let backend = Probe::new(&mut buf, (w, h), Rc::clone(&seen));
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
    let seen = seen.borrow().clone();
    assert!(seen.out_of_bounds.is_empty(), "{:?}", seen.out_of_bounds);
    (buf, map, seen.texts)
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

#[test]
fn a_typed_formula_is_drawn_with_a_gap_where_it_is_not_defined() {
    // √w + (w − 1)²: defined for w ≥ 0 only; its view reaches left of 0 around its minimum.
    let mut m = DescentModel::default();
    m.set_landscape(crate::landscape::Landscape::typed("sqrt(w) + (w - 1)^2").expect("parses"), 0.0).expect("a landscape");
    let (buf, map) = paint(&m, 10_000.0, 1.0);
    assert!(map.view.x0 < -0.5, "the view reaches left of the domain: {:?}", map.view);
    let curve_in_column = |w: f64| {
        let (x, _) = map.to_pixel(w, 0.0);
        let (top, bottom) = (map.py.0.min(map.py.1), map.py.0.max(map.py.1));
        (top.ceil() as i64..bottom.floor() as i64).any(|y| pixel(&buf, W, (x, y as f64)) == LIGHT.curve)
    };
    // No curve left of w = 0 (a gap, not a line to the axis); the curve right of it.
    let left = map.view.x0 + (0.0 - map.view.x0) * 0.5;
    assert!(!curve_in_column(left), "nothing drawn at w = {left}");
    assert!(curve_in_column(0.5) && curve_in_column(1.5));
}

#[test]
fn several_balls_each_in_its_colour_and_place() {
    let mut m = DescentModel::default();
    m.set_scene(crate::landscape::Landscape::DoubleWell, 0.0).expect("a landscape");
    m.add_ball(0.5, 0.0).expect("ball C");
    for _ in 0..3 {
        m.step(0.0);
    }
    let (buf, map) = paint(&m, 10_000.0, 1.0);
    let colours = [LIGHT.ball, BALL_COLOURS[0], BALL_COLOURS[1]];
    for (run, colour) in m.runs().zip(colours) {
        let centre = map.to_pixel(run.w(), run.loss());
        // The centre of a circle, a square and a triangle (its centroid is
        // a little below the point: look a few pixels around).
        let hit = (-3..=3).any(|dy| pixel(&buf, W, (centre.0, centre.1 + dy as f64)) == colour);
        assert!(hit, "{colour:?} at w = {}", run.w());
    }
}
