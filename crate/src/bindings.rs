//! The one boundary between the page and the Rust core: every `#[wasm_bindgen]`
//! item lives here. Handles own the state; JavaScript sends small inputs (a
//! timestamp, a slider value, a pixel) and reads one small snapshot back.

use crate::landscape::Landscape;
use crate::regime::bands;
use crate::render::{descent, loss_chart, Style, LIGHT, RUN_COLOURS};
use crate::view::PixelMap;
use crate::widgets::descent::DescentModel;
use crate::widgets::lr_compare::{LrCompareModel, RUNS};
use crate::widgets::lr_scale::LR_SLIDER_MAX;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea as _};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Installs the panic hook once, when the module starts. A panic is logged with
/// its Rust message and announced to the page as a `downhill-panic` event, so
/// the page can replace the widgets with a readable message.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(window) = web_sys::window() {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&info.to_string()));
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("downhill-panic", &init) {
                // Nothing more can be done if even this fails.
                let _ = window.dispatch_event(&event);
            }
        }
    }));
}

/// The next round η above (`up`) or below `lr`, as an arrow key on an η slider
/// moves it: 0.9 → 0.91 or 0.89.
#[wasm_bindgen(js_name = nudgeLr)]
pub fn nudge_lr(lr: f64, up: bool) -> f64 {
    crate::widgets::lr_scale::nudge(lr, up)
}

/// The descent widget: one ball rolling down `L(w) = (w − 3)² + 1`.
#[wasm_bindgen]
pub struct Descent {
    model: DescentModel,
    canvas: HtmlCanvasElement,
    /// The mapping of the last drawn frame, in device pixels.
    map: Option<PixelMap>,
    /// Device pixels per CSS pixel of the last drawn frame.
    dpr: f64,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Descent {
    /// A widget drawing on `canvas`, in the post's 实验二 state (w0 = 0, η = 0.1).
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Descent {
        Descent {
            model: DescentModel::default(),
            canvas,
            map: None,
            dpr: 1.0,
        }
    }

    /// One step now. Readouts change at once; the ball catches up.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.model.step(now_ms)
    }

    /// One step back through the history.
    pub fn back(&mut self, now_ms: f64) -> bool {
        self.model.back(now_ms)
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(now_ms);
    }

    /// Stops playing.
    pub fn pause(&mut self) {
        self.model.pause();
    }

    /// Back to t = 0 from the same start point.
    pub fn reset(&mut self, now_ms: f64) {
        self.model.reset(now_ms);
    }

    /// Sets η exactly (number field, preset); applies from the next step.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, lr: f64) -> Result<(), JsError> {
        self.model.set_lr(lr).map_err(into_js)
    }

    /// Sets η from the log slider, whose value is `log10(η)`.
    #[wasm_bindgen(js_name = setLrSlider)]
    pub fn set_lr_slider(&mut self, pos: f64) -> Result<(), JsError> {
        self.model.set_lr_slider(pos).map_err(into_js)
    }

    /// Moves the start point and resets the run.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_start(w0, now_ms).map_err(into_js)
    }

    /// Places the ball under a pointer at CSS pixel `(x, y)` of the canvas
    /// (relative to its top-left corner) and resets the run there. Returns the new w0.
    #[wasm_bindgen(js_name = placeAt)]
    pub fn place_at(&mut self, x_css: f64, y_css: f64, now_ms: f64) -> Result<f64, JsError> {
        let map = self
            .map
            .ok_or_else(|| JsError::new("The chart has not been drawn yet."))?;
        let (w, _) = map.to_data(x_css * self.dpr, y_css * self.dpr);
        // Clicks in the margins land on the nearest edge of the plot.
        let w = w.clamp(map.view.x0, map.view.x1);
        self.model.set_start(w, now_ms).map_err(into_js)?;
        Ok(w)
    }

    /// Sets the playback speed (clamped to 0.25×–16×); returns the speed in force.
    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.model.set_speed(speed)
    }

    /// With reduced motion the ball jumps instead of flying.
    #[wasm_bindgen(js_name = setReducedMotion)]
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.model.set_reduced_motion(reduced);
    }

    /// Advances the play clock to the rAF timestamp `now_ms`; returns whether the
    /// run (and so the readouts) changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(now_ms)
    }

    /// Whether more frames are needed (playing, or the ball still flying).
    pub fn animating(&self, now_ms: f64) -> bool {
        self.model.animating(now_ms)
    }

    /// Draws the frame for `now_ms`. The page has sized the canvas to its CSS
    /// size times `dpr`, so lines and type are drawn `dpr` times larger.
    pub fn draw(&mut self, now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let style = style_for(dpr);
        let scene = self.model.scene(now_ms);
        self.map = Some(paint(&self.canvas, |area| descent::draw(area, &scene, &style))?);
        self.dpr = style.scale;
        Ok(())
    }

    /// The readouts: numbers, their printed forms and the state.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }

    /// Per-step table rows after the first `shown` ones: `[{t, w, loss, grad}]`.
    #[wasm_bindgen(js_name = rowsAfter)]
    pub fn rows_after(&self, shown: usize) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.rows_after(shown)).map_err(into_js)
    }

    /// The CSS pixel `[x, y]` where data point `(w, loss)` was drawn in the last frame.
    #[wasm_bindgen(js_name = pixelOf)]
    pub fn pixel_of(&self, w: f64, loss: f64) -> Option<Vec<f64>> {
        self.map.map(|m| {
            let (x, y) = m.to_pixel(w, loss);
            vec![x / self.dpr, y / self.dpr]
        })
    }
}

/// The learning-rate lab: three runs of the same valley on one clock, and
/// their losses on one chart.
#[wasm_bindgen]
pub struct LrCompare {
    model: LrCompareModel,
    panels: [HtmlCanvasElement; RUNS],
    chart: HtmlCanvasElement,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl LrCompare {
    /// A lab drawing its runs on `panel0`…`panel2` and their losses on `chart`,
    /// with the post's η = 0.03, 0.3, 1.5 from w0 = 0.
    #[wasm_bindgen(constructor)]
    pub fn new(
        panel0: HtmlCanvasElement,
        panel1: HtmlCanvasElement,
        panel2: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> LrCompare {
        LrCompare {
            model: LrCompareModel::default(),
            panels: [panel0, panel1, panel2],
            chart,
        }
    }

    /// One step of the shared clock for every run that can still move.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.model.step(now_ms)
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(now_ms);
    }

    /// Every run back to the start.
    pub fn reset(&mut self, now_ms: f64) {
        self.model.reset(now_ms);
    }

    /// Sets run `i`'s η exactly; the run is retraced to the current step.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, i: usize, lr: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_lr(i, lr, now_ms).map_err(into_js)
    }

    /// Sets run `i`'s η from its log slider (value `log10(η)`).
    #[wasm_bindgen(js_name = setLrSlider)]
    pub fn set_lr_slider(&mut self, i: usize, pos: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_lr_slider(i, pos, now_ms).map_err(into_js)
    }

    /// A new shared start point; resets every run.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_start(w0, now_ms).map_err(into_js)
    }

    /// Log (true) or linear loss axis.
    #[wasm_bindgen(js_name = setLogScale)]
    pub fn set_log_scale(&mut self, log: bool) {
        self.model.set_log_scale(log);
    }

    /// Sets the playback speed (clamped); returns the speed in force.
    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.model.set_speed(speed)
    }

    /// With reduced motion the balls jump instead of flying.
    #[wasm_bindgen(js_name = setReducedMotion)]
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.model.set_reduced_motion(reduced);
    }

    /// Advances the shared clock to the rAF timestamp; returns whether anything stepped.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(now_ms)
    }

    /// Whether more frames are needed.
    pub fn animating(&self, now_ms: f64) -> bool {
        self.model.animating(now_ms)
    }

    /// Draws the three panels and the loss chart for `now_ms`.
    pub fn draw(&mut self, now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let base = style_for(dpr);
        for (i, canvas) in self.panels.iter().enumerate() {
            if let Some(scene) = self.model.panel_scene(i, now_ms) {
                let mut style = base;
                style.palette.ball = RUN_COLOURS[i];
                paint(canvas, |area| descent::draw(area, &scene, &style))?;
            }
        }
        let snapshot = self.model.snapshot();
        let histories = self.model.histories();
        let series: Vec<loss_chart::Series<'_>> = (0..RUNS)
            .map(|i| loss_chart::Series {
                history: histories[i],
                colour: RUN_COLOURS[i],
                label: format!("η = {}", snapshot.runs[i].text.lr),
            })
            .collect();
        let log = self.model.log_scale();
        paint(&self.chart, |area| loss_chart::draw(area, &series, log, &base))
    }

    /// The readouts: the clock, and per run η, w, loss, factor and verdict.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }

    /// The stability map for the η sliders: `[{from, to, kind}]` up to the
    /// slider's largest η, derived from the curvature at the minimum.
    pub fn bands() -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&bands(&Landscape::default(), LR_SLIDER_MAX)).map_err(into_js)
    }
}

/// The drawing style for a device pixel ratio (bad ratios fall back to 1).
fn style_for(dpr: f64) -> Style {
    let scale = if dpr.is_finite() && dpr > 0.0 { dpr.min(8.0) } else { 1.0 };
    Style { palette: LIGHT, scale }
}

/// Runs `draw` on a canvas and presents it; drawing errors become JS errors.
fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<T, DrawingAreaErrorKind<<CanvasBackend as plotters::prelude::DrawingBackend>::ErrorType>>,
) -> Result<T, JsError> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsError::new("The canvas has no 2D context."))?;
    let area = backend.into_drawing_area();
    let out = draw(&area).map_err(|e| JsError::new(&format!("Drawing failed: {e}")))?;
    area.present()
        .map_err(|e| JsError::new(&format!("Drawing failed: {e}")))?;
    Ok(out)
}

fn into_js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
