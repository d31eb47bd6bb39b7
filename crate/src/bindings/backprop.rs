//! Binding for the backprop widget.

use super::layers::{Key, Layer};
use super::{input_error, into_js, style_for, Clock};
use crate::i18n;
use crate::render::{graph, loss_chart, RUN_COLOURS};
use crate::widgets::backprop::BackpropModel;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The backprop widget: the post's chain x → [×w1] → h → [×w2] → y → L,
/// stepped through forward, loss, backward and update.
#[wasm_bindgen]
pub struct Backprop {
    /// The page\'s clock, checked once here.
    clock: Clock,
    model: BackpropModel,
    graph: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    /// The graph as last drawn, kept until the stage or the look changes.
    graph_layer: Layer,
    /// The loss chart, kept until a cycle adds a loss.
    chart_layer: Layer,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Backprop {
    /// A widget drawing the graph on `graph` and loss per iteration on `chart`,
    /// with the post's x = 2, w1 = 0.5, w2 = 1.5, target = 6, η = 0.01.
    #[wasm_bindgen(constructor)]
    pub fn new(graph: HtmlCanvasElement, chart: HtmlCanvasElement) -> Backprop {
        Backprop {
            clock: Clock::default(),
            model: BackpropModel::default(),
            graph,
            chart,
            graph_layer: Layer::default(),
            chart_layer: Layer::default(),
        }
    }

    /// The next stage (after the update, the next cycle begins).
    pub fn next(&mut self) -> bool {
        self.model.next()
    }

    /// Starts a GIF of the walk from the start to the current stage, one
    /// picture of the graph per stage, drawn on `canvas` (its size is the
    /// GIF's): see `GifFilm`.
    #[wasm_bindgen(js_name = recordGif)]
    pub fn record_gif(&self, canvas: HtmlCanvasElement) -> Result<super::export::GifFilm, JsError> {
        let (subject, steps) = crate::export::subject::Subject::replay_backprop(&self.model);
        super::export::film(subject, steps, canvas)
    }

    /// One stage back within the current cycle.
    pub fn back(&mut self) -> bool {
        self.model.back()
    }

    /// Runs `cycles` whole cycles at once; returns how many completed.
    pub fn train(&mut self, cycles: usize) -> usize {
        self.model.train(cycles)
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(self.clock.at(now_ms));
    }

    /// Back to the entered values and stage 0.
    pub fn reset(&mut self) {
        self.model.reset();
    }

    /// Sets `x`, `w1`, `w2` or `target` and starts over with them.
    #[wasm_bindgen(js_name = setValue)]
    pub fn set_value(&mut self, name: &str, value: f64) -> Result<(), JsError> {
        self.model.set_value(name, value).map_err(input_error)
    }

    /// Sets η (applies from the next update).
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, lr: f64) -> Result<(), JsError> {
        self.model.set_lr(lr).map_err(input_error)
    }

    /// Sets the finite-difference step ε.
    #[wasm_bindgen(js_name = setEps)]
    pub fn set_eps(&mut self, eps: f64) -> Result<(), JsError> {
        self.model.set_eps(eps).map_err(input_error)
    }

    /// Sets the playback speed; returns the speed in force.
    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.model.set_speed(speed)
    }

    /// Frames resume after a gap: playing goes on from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.model.resume(self.clock.at(now_ms));
    }

    /// Advances the play clock; returns whether the stage changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(self.clock.at(now_ms))
    }

    /// Whether frames are needed.
    pub fn animating(&self, _now_ms: f64) -> bool {
        self.model.animating()
    }

    /// Draws the graph and the loss-per-iteration chart.
    pub fn draw(&mut self, _now_ms: f64, dpr: f64) -> Result<(), JsError> {
        // Both pictures change with a stage, not with a frame: kept between.
        let style = style_for(dpr);
        let scene = self.model.scene();
        let losses = self.model.losses();
        let look = Key::new().style(&style);
        let mut graph_key = look;
        for node in &scene.nodes {
            let shown = [
                &node.title,
                node.value.as_deref().unwrap_or("…"),
                node.grad.as_deref().unwrap_or("…"),
            ];
            graph_key = shown
                .iter()
                .fold(graph_key, |k, s| k.text(s))
                .int(u64::from(node.active));
        }
        for edge in &scene.edges {
            graph_key = graph_key
                .text(edge.local.as_deref().unwrap_or(""))
                .int(u64::from(edge.active));
        }
        self.graph_layer.show(&self.graph, graph_key, &mut |area| {
            graph::draw(area, &scene, &style)
        })?;
        let chart_key = look.nums(losses.iter().copied());
        self.chart_layer.show(&self.chart, chart_key, &mut |area| {
            let series = [loss_chart::Series {
                losses: losses.to_vec(),
                colour: RUN_COLOURS[0],
                marker: 0,
                label: i18n::LOSS_PER_ITERATION.get(style.lang).to_owned(),
            }];
            loss_chart::draw(area, &series, true, i18n::AXIS_ITERATION.get(style.lang), &style)
        })?;
        Ok(())
    }

    /// What the page shows: phase, values (pending as null), gradients, checks.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }
}
