//! Binding for the loss widgets (MSE and cross-entropy).

use super::{clean_dpr, input_error, into_js, paint, style_for};
use crate::render::loss;
use crate::view::PixelMap;
use crate::widgets::loss::LossModel;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The loss widgets: 实验一's MSE and 「今天天气真__」's cross-entropy.
#[wasm_bindgen]
pub struct Losses {
    model: LossModel,
    mse: HtmlCanvasElement,
    ce: HtmlCanvasElement,
    /// Mappings of the last frame (MSE plot, CE bars), in device pixels.
    maps: Option<(PixelMap, PixelMap)>,
    dpr: f64,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Losses {
    /// Widgets drawing MSE on `mse` and cross-entropy on `ce`.
    #[wasm_bindgen(constructor)]
    pub fn new(mse: HtmlCanvasElement, ce: HtmlCanvasElement) -> Losses {
        Losses {
            model: LossModel::default(),
            mse,
            ce,
            maps: None,
            dpr: 1.0,
        }
    }

    /// Sets prediction `i` (0–3) exactly.
    #[wasm_bindgen(js_name = setPrediction)]
    pub fn set_prediction(&mut self, i: usize, value: f64) -> Result<(), JsError> {
        self.model.set_prediction(i, value).map_err(input_error)
    }

    /// A pointer at CSS pixel `(x, y)` of the MSE canvas drags the nearest
    /// prediction there (snapping onto its target when close). Returns its index.
    #[wasm_bindgen(js_name = dragMse)]
    pub fn drag_mse(&mut self, x_css: f64, y_css: f64) -> Result<usize, JsError> {
        let (map, _) = self
            .maps
            .ok_or_else(|| JsError::new("The chart has not been drawn yet."))?;
        let (x, y) = map.to_data(x_css * self.dpr, y_css * self.dpr);
        let i = LossModel::nearest_sample(x);
        self.model.drag_prediction(i, y);
        Ok(i)
    }

    /// Sets the probability of the right word (好).
    #[wasm_bindgen(js_name = setPRight)]
    pub fn set_p_right(&mut self, p: f64) -> Result<(), JsError> {
        self.model.set_p_right(p).map_err(input_error)
    }

    /// A pointer at CSS pixel `(x, y)` of the cross-entropy canvas sets the
    /// right word's probability to the bar height there.
    #[wasm_bindgen(js_name = dragCe)]
    pub fn drag_ce(&mut self, x_css: f64, y_css: f64) -> Result<(), JsError> {
        let (_, map) = self
            .maps
            .ok_or_else(|| JsError::new("The chart has not been drawn yet."))?;
        let (_, p) = map.to_data(x_css * self.dpr, y_css * self.dpr);
        self.model.drag_p_right(p);
        Ok(())
    }

    /// Nothing plays here.
    pub fn resume(&mut self, _now_ms: f64) {}

    /// Nothing animates here; the page redraws after each input.
    pub fn tick(&mut self, _now_ms: f64) -> bool {
        false
    }

    /// Never animating.
    pub fn animating(&self, _now_ms: f64) -> bool {
        false
    }

    /// Draws both widgets.
    pub fn draw(&mut self, _now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let style = style_for(dpr);
        let s = self.model.snapshot();
        let mse_map = paint(&self.mse, |area| loss::draw_mse(area, &s, &style))?;
        let ce_map = paint(&self.ce, |area| loss::draw_ce(area, &s, &style))?;
        self.maps = Some((mse_map, ce_map));
        self.dpr = clean_dpr(dpr);
        Ok(())
    }

    /// The CSS-pixel box of the MSE plot and the data it shows:
    /// `[left, right, top, bottom, x0, x1, y0, y1]` (for scripting and tests).
    #[wasm_bindgen(js_name = msePlot)]
    pub fn mse_plot(&self) -> Option<Vec<f64>> {
        self.maps.map(|(m, _)| {
            let d = self.dpr;
            vec![
                m.px.0 / d,
                m.px.1 / d,
                m.py.0 / d,
                m.py.1 / d,
                m.view.x0,
                m.view.x1,
                m.view.y0,
                m.view.y1,
            ]
        })
    }

    /// Errors, squares, MSE, word probabilities and cross-entropy.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }
}
