//! Binding for the learning-rate lab.

use super::layers::{Key, Layer};
use super::{input_error, into_js, paint, style_for, Clock};
use crate::i18n;
use crate::landscape::Landscape;
use crate::regime::bands;
use crate::render::{descent, loss_chart, RUN_COLOURS};
use crate::widgets::lr_compare::{LrCompareModel, RUNS};
use crate::widgets::lr_scale::LR_SLIDER_MAX;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The learning-rate lab: three runs of the same valley on one clock, and
/// their losses on one chart.
#[wasm_bindgen]
pub struct LrCompare {
    /// The page\'s clock, checked once here.
    clock: Clock,
    model: LrCompareModel,
    panels: [HtmlCanvasElement; RUNS],
    chart: HtmlCanvasElement,
    /// Each panel's axes and curve, kept while its view stays.
    backgrounds: [Layer; RUNS],
    /// The loss chart, kept until a step, η, the scale or the look changes.
    losses: Layer,
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
            clock: Clock::default(),
            model: LrCompareModel::default(),
            panels: [panel0, panel1, panel2],
            chart,
            backgrounds: Default::default(),
            losses: Layer::default(),
        }
    }

    /// One step of the shared clock for every run that can still move.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.model.step(self.clock.at(now_ms))
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(self.clock.at(now_ms));
    }

    /// Every run back to the start.
    pub fn reset(&mut self, now_ms: f64) {
        self.model.reset(self.clock.at(now_ms));
    }

    /// Sets run `i`'s η exactly; the run is retraced to the current step.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, i: usize, lr: f64, now_ms: f64) -> Result<(), JsError> {
        self.model
            .set_lr(i, lr, self.clock.at(now_ms))
            .map_err(input_error)
    }

    /// Sets run `i`'s η from its log slider (value `log10(η)`).
    #[wasm_bindgen(js_name = setLrSlider)]
    pub fn set_lr_slider(&mut self, i: usize, pos: f64, now_ms: f64) -> Result<(), JsError> {
        self.model
            .set_lr_slider(i, pos, self.clock.at(now_ms))
            .map_err(input_error)
    }

    /// A new shared start point; resets every run.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model
            .set_start(w0, self.clock.at(now_ms))
            .map_err(input_error)
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

    /// Starts a GIF of the three runs from t = 0 to now, side by side on
    /// `canvas` (its size is the GIF's), each panel titled with its η,
    /// verdict, w and L: see `GifFilm`.
    #[wasm_bindgen(js_name = recordGif)]
    pub fn record_gif(&self, canvas: HtmlCanvasElement) -> Result<super::export::GifFilm, JsError> {
        let (subject, steps) = crate::export::subject::Subject::replay_lab(&self.model);
        super::export::film(subject, steps, canvas)
    }

    /// Switches all three runs to the preset landscape `name`; they start over.
    #[wasm_bindgen(js_name = setLandscape)]
    pub fn set_landscape(&mut self, name: &str, now_ms: f64) -> Result<(), JsError> {
        let landscape = super::preset(name)?;
        self.model.set_landscape(landscape, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Switches all three runs to the typed landscape `L(w) = text`; a
    /// formula that does not parse is refused in words and nothing changes.
    #[wasm_bindgen(js_name = setFormula)]
    pub fn set_formula(&mut self, text: &str, now_ms: f64) -> Result<(), JsError> {
        let landscape = super::typed(text)?;
        self.model.set_landscape(landscape, self.clock.at(now_ms)).map_err(input_error)
    }

    /// The stability map for run `i`'s slider: of the minimum that run is
    /// heading to (`runs[i].wStar`), as `bands` gives the bowl's.
    #[wasm_bindgen(js_name = runBands)]
    pub fn run_bands(&self, i: usize) -> Result<JsValue, JsError> {
        let snapshot = self.model.snapshot();
        let w_star = snapshot
            .runs
            .get(i)
            .ok_or_else(|| JsError::new("There is no such run."))?
            .w_star;
        let landscape = self.model.landscape();
        let map = match w_star {
            Some(w) => crate::regime::bands_at(&landscape, w, LR_SLIDER_MAX),
            None => Vec::new(),
        };
        serde_wasm_bindgen::to_value(&map).map_err(into_js)
    }

    /// One step back on the shared clock.
    pub fn back(&mut self, now_ms: f64) -> bool {
        self.model.back(self.clock.at(now_ms))
    }

    /// Frames resume after a gap: playing goes on from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.model.resume(self.clock.at(now_ms));
    }

    /// Advances the shared clock to the rAF timestamp; returns whether anything stepped.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(self.clock.at(now_ms))
    }

    /// Whether more frames are needed.
    pub fn animating(&self, now_ms: f64) -> bool {
        self.model.animating(self.clock.at(now_ms))
    }

    /// Draws the three panels and the loss chart for `now_ms`.
    pub fn draw(&mut self, now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let base = style_for(dpr);
        for (i, canvas) in self.panels.iter().enumerate() {
            if let Some(scene) = self.model.panel_scene(i, self.clock.at(now_ms)) {
                let mut style = base;
                style.palette.ball = RUN_COLOURS[i];
                // Axes and curve kept while the panel's view stays.
                let v = scene.view;
                let key = Key::new()
                    .style(&style)
                    .landscape(scene.landscape)
                    .nums([v.x0, v.x1, v.y0, v.y1]);
                self.backgrounds[i].show(canvas, key, &mut |area| {
                    descent::draw_static(area, &scene, &style).map(|_| ())
                })?;
                paint(canvas, |area| descent::draw_moving(area, &scene, &style))?;
            }
        }
        // The loss chart changes with a step, not with a frame of flight.
        let histories = self.model.histories();
        let (lrs, log) = (self.model.lrs(), self.model.log_scale());
        let mut key = Key::new().style(&base).int(u64::from(log)).nums(lrs);
        for history in histories {
            key = key.nums(history.iter().map(|it| it.loss));
        }
        self.losses.show(&self.chart, key, &mut |area| {
            let series: Vec<loss_chart::Series> = histories
                .iter()
                .zip(lrs)
                .zip(RUN_COLOURS)
                .enumerate()
                .map(|(marker, ((history, lr), colour))| loss_chart::Series {
                    losses: history.iter().map(|it| it.loss).collect(),
                    colour,
                    marker,
                    label: format!("η = {}", crate::format::short(lr)),
                })
                .collect();
            loss_chart::draw(area, &series, log, i18n::AXIS_STEP.get(base.lang), &base)
        })?;
        Ok(())
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
