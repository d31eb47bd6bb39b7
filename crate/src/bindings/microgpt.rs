//! Binding for the microgpt widget.

use super::{input_error, into_js, paint, style_for};
use crate::render::microgpt;
use crate::widgets::microgpt::MicrogptModel;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// microgpt, trained in the browser: the page calls `train(n)` in short slices.
#[wasm_bindgen]
pub struct Microgpt {
    model: MicrogptModel,
    canvas: HtmlCanvasElement,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Microgpt {
    /// A widget drawing its loss curve on `canvas` (no corpus yet).
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Microgpt {
        Microgpt {
            model: MicrogptModel::default(),
            canvas,
        }
    }

    /// Uses `text` (one name or word per line) as the corpus; a binary or empty
    /// file is refused with a sentence saying so.
    #[wasm_bindgen(js_name = loadCorpus)]
    pub fn load_corpus(&mut self, text: &str, name: &str) -> Result<(), JsError> {
        self.model
            .load_corpus(text, name)
            .map_err(|e| JsError::new(&e.message(super::lang())))
    }

    /// Train, pause, or resume.
    #[wasm_bindgen(js_name = toggleTrain)]
    pub fn toggle_train(&mut self) {
        self.model.toggle();
    }

    /// Forget the run (corpus and settings stay).
    pub fn reset(&mut self) {
        self.model.reset();
    }

    /// Up to `n` training steps; returns how many ran.
    pub fn train(&mut self, n: usize) -> usize {
        self.model.train(n)
    }

    /// The page measured `ms` for `steps` steps.
    #[wasm_bindgen(js_name = recordTiming)]
    pub fn record_timing(&mut self, ms: f64, steps: usize) {
        self.model.record_timing(ms, steps);
    }

    /// Keep this run's curve on the chart and start over.
    #[wasm_bindgen(js_name = keepForComparison)]
    pub fn keep_for_comparison(&mut self) {
        self.model.keep_for_comparison();
    }

    /// Peak learning rate.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, lr: f64) -> Result<(), JsError> {
        self.model.set_lr(lr).map_err(input_error)
    }

    /// Number of steps.
    #[wasm_bindgen(js_name = setSteps)]
    pub fn set_steps(&mut self, steps: f64) -> Result<(), JsError> {
        self.model.set_steps(steps).map_err(input_error)
    }

    /// Random seed.
    #[wasm_bindgen(js_name = setSeed)]
    pub fn set_seed(&mut self, seed: f64) -> Result<(), JsError> {
        self.model.set_seed(seed).map_err(input_error)
    }

    /// Sampling temperature.
    #[wasm_bindgen(js_name = setTemperature)]
    pub fn set_temperature(&mut self, t: f64) -> Result<(), JsError> {
        self.model.set_temperature(t).map_err(input_error)
    }

    /// `adam`, `adamw` or `sgd`.
    #[wasm_bindgen(js_name = setOptimizer)]
    pub fn set_optimizer(&mut self, kind: &str) -> Result<(), JsError> {
        if self.model.set_optimizer(kind) {
            Ok(())
        } else {
            Err(JsError::new("The optimizer must be Adam, AdamW or SGD."))
        }
    }

    /// Starts a GIF of the loss curves growing from step 0 to now (at most
    /// 80 pictures, 0.1 s each), drawn on `canvas` (its size is the GIF's):
    /// see `GifFilm`.
    #[wasm_bindgen(js_name = recordGif)]
    pub fn record_gif(&self, canvas: HtmlCanvasElement) -> Result<super::export::GifFilm, JsError> {
        let (curves, steps) = crate::export::subject::Curves::of(&self.model);
        super::export::film(crate::export::subject::Subject::Curves(curves), steps, canvas)
    }

    /// Training is driven by the page; nothing happens on the clock.
    pub fn tick(&mut self, _now_ms: f64) -> bool {
        false
    }

    /// Never animating by itself.
    pub fn animating(&self, _now_ms: f64) -> bool {
        false
    }

    /// Nothing plays here.
    pub fn resume(&mut self, _now_ms: f64) {}

    /// Draws the loss curves.
    pub fn draw(&mut self, _now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let style = style_for(dpr);
        let (raw, ema, kept) = self.model.curves();
        let (baseline, steps) = (self.model.baseline(), self.model.num_steps());
        paint(&self.canvas, |area| {
            microgpt::draw(area, raw, ema, kept, baseline, steps, &style)
        })
    }

    /// Step, losses, timing, parameters, names, settings.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }
}
