//! The wasm boundary, in headless Chromium: construct a handle, step it, read its
//! snapshot, and check that drawing really paints the canvas.
#![cfg(target_arch = "wasm32")]

use downhill::bindings::Descent;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .expect("create canvas")
        .dyn_into()
        .expect("a canvas element");
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

fn field(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).expect("field present")
}

#[wasm_bindgen_test]
fn snapshot_has_the_post_numbers_after_eight_steps() {
    let mut d = Descent::new(canvas(400, 250));
    let s = d.snapshot().expect("snapshot");
    assert_eq!(field(&s, "t").as_f64(), Some(0.0));
    assert_eq!(field(&s, "state").as_string().as_deref(), Some("idle"));
    for i in 0..8 {
        assert!(d.step(i as f64));
    }
    let s = d.snapshot().expect("snapshot");
    let text = field(&s, "text");
    assert_eq!(field(&text, "w").as_string().as_deref(), Some("2.4967"));
    assert_eq!(field(&text, "loss").as_string().as_deref(), Some("1.2533"));
    assert_eq!(field(&s, "t").as_f64(), Some(8.0));
    assert_eq!(field(&s, "diverging").as_bool(), Some(false));
    let rows = js_sys::Array::from(&d.rows_after(6).expect("rows"));
    assert_eq!(rows.length(), 2);
    assert_eq!(
        field(&rows.get(1), "grad").as_string().as_deref(),
        Some("-1.2583")
    );
}

#[wasm_bindgen_test]
fn bad_input_is_a_js_error_with_words() {
    let mut d = Descent::new(canvas(400, 250));
    let err = d.set_lr(f64::NAN).expect_err("NaN is rejected");
    let err: JsValue = err.into();
    let message = field(&err, "message").as_string().expect("a message");
    assert_eq!(message, "The learning rate η must be a number.");
    assert!(d.set_start(f64::INFINITY, 0.0).is_err());
    assert!(d.place_at(10.0, 10.0, 0.0).is_err(), "nothing drawn yet");
}

#[wasm_bindgen_test]
fn times_that_are_not_finite_are_checked_at_the_boundary() {
    // Issue 10: step(NaN) made the view and ball NaN and `animating` true for ever.
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300] {
        let mut d = Descent::new(canvas(400, 250));
        assert!(d.step(bad));
        d.back(bad);
        d.reset(bad);
        d.set_start(2.0, bad).expect("w0 = 2");
        assert!(d.step(bad));
        d.draw(bad, 1.0).expect("draws at the last good time");
        // The flight ends 450 ms after the last good reading (0 here).
        assert!(!d.animating(1_000.0), "{bad}: the ball arrives");
        d.draw(1_000.0, 1.0).expect("draws");
        let xy = d.pixel_of(2.0, 2.0).expect("mapped");
        assert!(xy.iter().all(|v| v.is_finite()), "{bad}: {xy:?}");
        let mut lab = downhill::bindings::LrCompare::new(
            canvas(300, 200),
            canvas(300, 200),
            canvas(300, 200),
            canvas(400, 250),
        );
        lab.step(bad);
        assert!(!lab.animating(1_000.0), "{bad}: the lab's balls arrive");
    }
}

#[wasm_bindgen_test]
fn draw_paints_the_ball_where_its_w_maps() {
    let c = canvas(600, 375);
    let mut d = Descent::new(c.clone());
    d.step(0.0);
    d.draw(1e6, 1.0).expect("draws");
    let xy = d
        .pixel_of(0.6000000000000001, 6.76)
        .expect("mapped after drawing");
    let ctx = context(&c);
    let px = ctx
        .get_image_data(xy[0].round(), xy[1].round(), 1.0, 1.0)
        .expect("pixel")
        .data();
    assert_eq!((px[0], px[1], px[2]), (230, 97, 1), "ball colour at its w");
    // A click on that pixel puts the start point at that w.
    let w = d.place_at(xy[0], xy[1], 1e6).expect("placed");
    assert!((w - 0.6).abs() < 0.02, "w = {w}");
}

#[wasm_bindgen_test]
fn lr_compare_steps_three_runs_on_one_clock() {
    use downhill::bindings::LrCompare;
    let mut lab = LrCompare::new(
        canvas(300, 225),
        canvas(300, 225),
        canvas(300, 225),
        canvas(600, 300),
    );
    for i in 0..20 {
        assert!(lab.step(i as f64));
    }
    lab.draw(1e6, 1.0).expect("draws four canvases");
    let s = lab.snapshot().expect("snapshot");
    let runs = js_sys::Array::from(&field(&s, "runs"));
    assert_eq!(runs.length(), 3);
    let text = |i: u32, k: &str| field(&field(&runs.get(i), "text"), k).as_string();
    assert_eq!(text(2, "w").as_deref(), Some("-3145725.0000"));
    assert_eq!(text(2, "loss").as_deref(), Some("9895604649985.0000"));
    assert_eq!(field(&runs.get(0), "class").as_string().as_deref(), Some("small"));
    assert!(lab.set_lr(1, -1.0, 0.0).is_err());
    let bands = js_sys::Array::from(&LrCompare::bands().expect("bands"));
    assert_eq!(bands.length(), 5);
}

#[wasm_bindgen_test]
fn backprop_cycle_through_the_boundary() {
    use downhill::bindings::Backprop;
    let mut bp = Backprop::new(canvas(640, 260), canvas(640, 320));
    let s = bp.snapshot().expect("snapshot");
    // Pending readouts cross the boundary as a missing value, never as 0.
    assert!(field(&field(&s, "dlDw1"), "value").is_undefined());
    for _ in 0..8 {
        assert!(bp.next());
    }
    bp.draw(0.0, 1.0).expect("draws graph and chart");
    let s = bp.snapshot().expect("snapshot");
    assert_eq!(field(&field(&s, "dlDw1"), "value").as_f64(), Some(-27.0));
    assert_eq!(
        field(&field(&s, "newLoss"), "text").as_string().as_deref(),
        Some("12.6124")
    );
    assert!(bp.set_value("w1", f64::NAN).is_err());
}

#[wasm_bindgen_test]
fn the_optimizers_race_through_the_boundary() {
    use downhill::bindings::Optimizers;
    let mut o = Optimizers::new(canvas(480, 360), canvas(320, 360));
    assert!(o.start_at(10.0, 10.0).is_err(), "nothing drawn yet");
    for _ in 0..3 {
        assert!(o.step());
    }
    o.draw(f64::NAN, 1.0).expect("draws the map and the loss chart");
    let s = o.snapshot().expect("snapshot");
    assert_eq!(field(&s, "t").as_f64(), Some(3.0));
    let racers = js_sys::Array::from(&field(&s, "racers"));
    assert_eq!(racers.length(), 6);
    // SGD on the ravine from (0, 0) at η = 0.1: w2 = 2, 0, 2.
    let sgd = racers.get(0);
    assert_eq!(field(&sgd, "name").as_string().as_deref(), Some("sgd"));
    let w = js_sys::Array::from(&field(&sgd, "w"));
    assert_eq!(w.get(1).as_f64(), Some(2.0));
    // Refusals cross as errors with words; nothing changes.
    let e = o.set_hyper("adam", "beta1", 1.0).expect_err("β₁ = 1 is out");
    let message = js_sys::Error::from(JsValue::from(e)).message();
    assert!(String::from(message).contains("1"), "a sentence");
    assert!(o.set_hyper("lion", "lr", 0.1).is_err());
    assert!(o.set_view("globe").is_err());
    assert!(o.set_lr(f64::INFINITY).is_err());
    assert!(o.set_formula("w^2").is_err(), "w is not a map's variable");
    // A click on the drawn map places the start inside the plot.
    o.start_at(200.0, 150.0).expect("a start");
    let s = o.snapshot().expect("snapshot");
    assert_eq!(field(&s, "t").as_f64(), Some(0.0));
    let start = js_sys::Array::from(&field(&s, "start"));
    assert!(start.get(0).as_f64().is_some_and(|x| (-1.0..=5.0).contains(&x)));
}

#[wasm_bindgen_test]
fn losses_through_the_boundary() {
    use downhill::bindings::Losses;
    let mut l = Losses::new(canvas(480, 360), canvas(480, 360));
    assert!(l.drag_mse(10.0, 10.0).is_err(), "nothing drawn yet");
    l.draw(0.0, 1.0).expect("draws");
    let s = l.snapshot().expect("snapshot");
    assert_eq!(field(&s, "mseText").as_string().as_deref(), Some("0.1300"));
    l.set_prediction(0, 3.0).expect("in range");
    let s = l.snapshot().expect("snapshot");
    assert_eq!(field(&s, "mseText").as_string().as_deref(), Some("0.0675"));
    assert!(l.set_p_right(0.0).is_err());
    assert_eq!(l.mse_plot().map(|p| p.len()), Some(8));
}

#[wasm_bindgen_test]
fn microgpt_trains_through_the_boundary() {
    use downhill::bindings::Microgpt;
    let mut g = Microgpt::new(canvas(600, 300));
    let err: JsValue = g
        .load_corpus("\0\0bin", "x.bin")
        .expect_err("binary refused")
        .into();
    assert!(field(&err, "message")
        .as_string()
        .expect("message")
        .contains("binary"));
    g.load_corpus("emma\nolivia\nava\nmia\n", "tiny").expect("text");
    g.set_steps(120.0).expect("valid");
    assert!(g.set_optimizer("lion").is_err());
    g.toggle_train();
    let mut total = 0;
    loop {
        let n = g.train(50);
        if n == 0 {
            break;
        }
        total += n;
    }
    assert_eq!(total, 120);
    g.draw(0.0, 1.0).expect("draws");
    let s = g.snapshot().expect("snapshot");
    assert_eq!(field(&s, "state").as_string().as_deref(), Some("done"));
    assert_eq!(js_sys::Array::from(&field(&s, "samples")).length(), 20);
}

/// One picture with every primitive the renderer uses: a chart with mesh,
/// labels and a rotated axis title, a line series, filled and outlined
/// circles and rectangles, a polygon, a path, translucent colours and text at
/// each anchor.
fn picture<DB: plotters::prelude::DrawingBackend>(backend: DB) {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let area = backend.into_drawing_area();
    area.fill(&WHITE).expect("fill");
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(-1.0..7.0, 0.0..12.0)
        .expect("chart");
    chart
        .configure_mesh()
        .x_desc("w")
        .y_desc("loss L(w)")
        .x_label_formatter(&|v| format!("{}", *v as i32))
        .y_label_formatter(&|v| format!("{}", *v as i32))
        .label_style((FontFamily::SansSerif, 12))
        .draw()
        .expect("mesh");
    let curve = (0..=80)
        .map(|i| -1.0 + 8.0 * f64::from(i) / 80.0)
        .map(|w| (w, (w - 3.0) * (w - 3.0) + 1.0));
    chart
        .draw_series(LineSeries::new(curve, BLUE.stroke_width(3)))
        .expect("line");
    chart
        .draw_series([Circle::new((0.6, 6.76), 8, RGBColor(230, 97, 1).filled())])
        .expect("ball");
    chart
        .draw_series([Circle::new((3.0, 1.0), 12, GREEN.stroke_width(2))])
        .expect("ring");
    chart
        .draw_series([Rectangle::new([(4.0, 8.0), (5.5, 10.0)], RED.mix(0.4).filled())])
        .expect("translucent rect");
    chart
        .draw_series([Rectangle::new([(1.0, 8.0), (2.5, 10.0)], BLACK.stroke_width(1))])
        .expect("rect");
    chart
        .draw_series([Polygon::new(
            vec![(5.0, 2.0), (6.0, 2.0), (5.5, 4.0)],
            MAGENTA.filled(),
        )])
        .expect("polygon");
    chart
        .draw_series([PathElement::new(
            vec![(-0.5, 11.0), (0.5, 9.0), (1.5, 11.0)],
            CYAN.stroke_width(2),
        )])
        .expect("path");
    for (i, (h, v)) in [
        (HPos::Left, VPos::Top),
        (HPos::Center, VPos::Center),
        (HPos::Right, VPos::Bottom),
    ]
    .into_iter()
    .enumerate()
    {
        let style = TextStyle::from((FontFamily::SansSerif, 14).into_font())
            .color(&BLACK)
            .pos(Pos::new(h, v));
        area.draw_text("Downhill", &style, (150 + 120 * i as i32, 60))
            .expect("text");
    }
    area.draw_pixel((5, 5), &RED).expect("pixel");
}

fn context(c: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    c.get_context("2d")
        .expect("context call")
        .expect("2d context")
        .dyn_into()
        .expect("a 2d context")
}

fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx = context(c);
    let (w, h) = (f64::from(c.width()), f64::from(c.height()));
    ctx.get_image_data(0.0, 0.0, w, h).expect("pixels").data().0
}

/// The page's canvas backend paints what plotters-canvas, the reference
/// backend, paints: the same picture on two canvases, compared pixel by pixel.
/// Today they match exactly; the test allows 0.1 % of the painted pixels to
/// differ, since text is measured differently (ours with `measureText`,
/// plotters-canvas through a DOM element). A wrong colour, alpha, size,
/// half-pixel offset or rotation changes thousands.
#[wasm_bindgen_test]
fn own_canvas_backend_paints_like_plotters_canvas() {
    use downhill::bindings::canvas::WebCanvas;
    let (ours, reference) = (canvas(600, 400), canvas(600, 400));
    picture(WebCanvas::new(&ours).expect("2d context"));
    picture(plotters_canvas::CanvasBackend::with_canvas_object(reference.clone()).expect("2d context"));
    let (a, b) = (pixels(&ours), pixels(&reference));
    assert_eq!(a.len(), b.len());
    let differing = a
        .chunks(4)
        .zip(b.chunks(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 16))
        .count();
    let painted = b.chunks(4).filter(|p| p[..3] != [255, 255, 255]).count();
    assert!(
        painted > 10_000,
        "the reference painted the picture ({painted} px)"
    );
    assert!(
        differing * 1000 < painted,
        "{differing} of {painted} painted pixels differ"
    );
}

/// Issue 15: the kept layer (axes, grid, curve) plus what moves, drawn over
/// it, is the picture a full redraw paints — pixel for pixel, at rest, in
/// flight, and after the view refits.
#[wasm_bindgen_test]
fn kept_layers_paint_what_a_full_redraw_paints() {
    use downhill::bindings::canvas::WebCanvas;
    use downhill::render::{descent as chart, Style};
    use downhill::widgets::descent::DescentModel;
    use plotters::prelude::IntoDrawingArea as _;

    let shown = canvas(600, 375);
    let mut handle = Descent::new(shown.clone());
    let mut model = DescentModel::default();
    handle.set_lr(1.5).expect("η = 1.5");
    model.set_lr(1.5).expect("η = 1.5");
    let mut compared = 0;
    for (step_at, frames) in [
        (0.0, [0.0, 200.0, 1_000.0]),
        (2_000.0, [2_100.0, 2_300.0, 5_000.0]),
        (6_000.0, [6_050.0, 6_400.0, 9_000.0]),
    ] {
        handle.step(step_at);
        model.step(step_at);
        for now in frames {
            handle.draw(now, 1.0).expect("layered draw");
            let reference = canvas(600, 375);
            let area = WebCanvas::new(&reference).expect("2d").into_drawing_area();
            chart::draw(&area, &model.scene(now), &Style::default()).expect("full draw");
            let (a, b) = (pixels(&shown), pixels(&reference));
            let differ = a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p != q).count();
            assert_eq!(differ, 0, "{differ} pixels differ at {now} ms");
            compared += 1;
        }
    }
    assert_eq!(compared, 9);
}
