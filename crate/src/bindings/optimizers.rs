//! Binding for the optimizers race: its picture (the map or the line), its
//! loss chart, and the readouts of six optimizers on one clock.

use super::layers::{Key, Layer};
use super::{clean_dpr, input_error, into_js, paint, style_for, Clock};
use crate::i18n;
use crate::optim::Kind;
use crate::render::race;
use crate::surface::Surface;
use crate::view::PixelMap;
use crate::widgets::lr_scale;
use crate::widgets::optimizers::{Field, OptimizersModel};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The race: SGD, momentum, Nesterov, RMSprop, Adam and AdamW on one clock,
/// drawn on a map of L(w1, w2) or on a curve L(w).
#[wasm_bindgen]
pub struct Optimizers {
    clock: Clock,
    model: OptimizersModel,
    picture: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    /// The map's bands and isolines (or the line's axes and curve), kept
    /// while the surface, the view and the look stay.
    ground: Layer,
    /// The loss chart, kept until a step or a setting changes it.
    losses: Layer,
    /// The picture's pixel ↔ data mapping in the last frame, and its ratio.
    map: Option<PixelMap>,
    dpr: f64,
    /// What the last frame showed (the race's version, the look, the
    /// canvases' sizes): the same again draws nothing, since the race moves
    /// only by whole steps.
    shown: Option<Key>,
}

/// An optimizer by its PyTorch-style name, or an error naming them.
fn kind(name: &str) -> Result<Kind, JsError> {
    Kind::named(name).ok_or_else(|| {
        let names = crate::optim::KINDS.map(Kind::name).join(", ");
        JsError::new(&match super::lang() {
            i18n::Lang::En => format!("There is no optimizer called “{name}”: choose one of {names}."),
            i18n::Lang::Zh => format!("没有名为“{name}”的优化器：请从 {names} 中选择。"),
        })
    })
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Optimizers {
    /// A race drawn on `picture` (the map or the line) and `chart` (loss
    /// per step), in its default scene: the ravine from (0, 0) at η = 0.1.
    #[wasm_bindgen(constructor)]
    pub fn new(picture: HtmlCanvasElement, chart: HtmlCanvasElement) -> Optimizers {
        Optimizers { clock: Clock::default(), model: OptimizersModel::default(), picture, chart, ground: Layer::default(), losses: Layer::default(), map: None, dpr: 1.0, shown: None }
    }

    /// One step for every optimizer that is on and still going.
    pub fn step(&mut self) -> bool {
        self.model.step()
    }

    /// Sets the race a link describes (`query`, the page's own query
    /// string; its notices are the page's to show) and plays it if it says
    /// `autoplay`. Every part is tried; the refusals come back as one error
    /// in words, in the page's language.
    #[wasm_bindgen(js_name = applyLink)]
    pub fn apply_link(&mut self, query: &str, now_ms: f64) -> Result<(), JsError> {
        let (settings, _) = crate::settings::parse_query(query);
        let curves = settings.view == Some("line") || settings.widget == Some("optimizers");
        let refused = self.model.apply_link(&settings, curves);
        if settings.autoplay == Some(true) {
            self.model.toggle_play(self.clock.at(now_ms));
        }
        if refused.is_empty() {
            return Ok(());
        }
        let lang = super::lang();
        Err(JsError::new(&refused.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join(" ")))
    }

    /// One step back on the clock; false at step 0.
    pub fn back(&mut self) -> bool {
        self.model.back()
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(self.clock.at(now_ms));
    }

    /// Every optimizer back to the start, the clock to 0.
    pub fn reset(&mut self) {
        self.model.reset();
    }

    /// Sets the playback speed (clamped); returns the speed in force.
    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.model.set_speed(speed)
    }

    /// Log (true) or linear loss axis.
    #[wasm_bindgen(js_name = setLogScale)]
    pub fn set_log_scale(&mut self, log: bool) {
        self.model.set_log_scale(log);
    }

    /// One η for every optimizer; the race is retraced to the clock's step.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, lr: f64) -> Result<(), JsError> {
        self.model.set_lr(lr).map_err(input_error)
    }

    /// The shared η from its log slider (value `log10(η)`).
    #[wasm_bindgen(js_name = setLrSlider)]
    pub fn set_lr_slider(&mut self, pos: f64) -> Result<(), JsError> {
        match lr_scale::lr_from_slider(pos) {
            Some(lr) => self.set_lr(lr),
            None => self.set_lr(f64::NAN),
        }
    }

    /// Optimizer `opt`'s hyperparameter `name` (PyTorch's: `lr`, `momentum`,
    /// `dampening`, `alpha`, `beta1`, `beta2`, `eps`, `weight_decay`).
    #[wasm_bindgen(js_name = setHyper)]
    pub fn set_hyper(&mut self, opt: &str, name: &str, value: f64) -> Result<(), JsError> {
        self.model.set_hyper(kind(opt)?, name, value).map_err(input_error)
    }

    /// Optimizer `opt`'s hyperparameters back to PyTorch's defaults.
    #[wasm_bindgen(js_name = resetHyper)]
    pub fn reset_hyper(&mut self, opt: &str) -> Result<(), JsError> {
        self.model.reset_hyper(kind(opt)?);
        Ok(())
    }

    /// Switches optimizer `opt` on or off.
    #[wasm_bindgen(js_name = setEnabled)]
    pub fn set_enabled(&mut self, opt: &str, on: bool) -> Result<(), JsError> {
        self.model.set_enabled(kind(opt)?, on);
        Ok(())
    }

    /// A new start (w1, w2) (on a line, w = w1); the race starts over.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w1: f64, w2: f64) -> Result<(), JsError> {
        self.model.set_start(w1, w2).map_err(input_error)
    }

    /// A new start under CSS pixel `(x, y)` of the last frame (a click or a
    /// drag on the picture), kept inside the plot.
    #[wasm_bindgen(js_name = startAt)]
    pub fn start_at(&mut self, x_css: f64, y_css: f64) -> Result<(), JsError> {
        let map = self.map.ok_or_else(|| {
            JsError::new(match super::lang() {
                i18n::Lang::En => "The picture has not been drawn yet.",
                i18n::Lang::Zh => "图还没有画出来。",
            })
        })?;
        let (x, y) = map.to_data(x_css * self.dpr, y_css * self.dpr);
        let v = map.view;
        // (max/min, not clamp: clamp panics on crossed bounds.)
        self.set_start(x.max(v.x0).min(v.x1), y.max(v.y0).min(v.y1))
    }

    /// `line` or `map`: the landscape last shown in that view; the race
    /// starts over.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, view: &str) -> Result<(), JsError> {
        self.model.set_view(view).map_err(|_| {
            JsError::new(&match super::lang() {
                i18n::Lang::En => format!("There is no view called “{view}”: choose line or map."),
                i18n::Lang::Zh => format!("没有名为“{view}”的视图：请选择 line 或 map。"),
            })
        })
    }

    /// A surface (`ravine`, `rosenbrock`, `himmelblau`, `saddle`: the map)
    /// or a curve (`bowl`, `double-well`, …: the line) by name.
    #[wasm_bindgen(js_name = setLandscape)]
    pub fn set_landscape(&mut self, name: &str) -> Result<(), JsError> {
        if let Some(surface) = Surface::named(name) {
            return self.model.set_surface(surface).map_err(input_error);
        }
        if name == "formula-map" {
            // Your own L(w1, w2): starting from the surface shown, as printed.
            let text = self.model.field().formula();
            let text = if self.model.field().view() == "map" { text } else { crate::surface::Surface::Ravine.formula() };
            return self.set_surface_formula(&text);
        }
        match crate::landscape::Landscape::preset(name) {
            Some(curve) => self.model.set_landscape(curve).map_err(input_error),
            None => {
                let names: Vec<&str> = crate::surface::SURFACES.iter().map(Surface::name).chain(crate::landscape::PRESETS).collect();
                Err(super::unknown_landscape(name, &names))
            }
        }
    }

    /// A typed formula: on the map `L(w1, w2) = text` (variables `w1`,
    /// `w2`), on the line `L(w) = text`. A formula that does not parse is
    /// refused in words (with its column) and nothing changes.
    #[wasm_bindgen(js_name = setFormula)]
    pub fn set_formula(&mut self, text: &str) -> Result<(), JsError> {
        if self.model.field().view() == "map" {
            return self.set_surface_formula(text);
        }
        let landscape = super::typed(text)?;
        self.model.set_landscape(landscape).map_err(input_error)
    }

    /// The typed surface `L(w1, w2) = text` on the map, whatever the view.
    #[wasm_bindgen(js_name = setSurfaceFormula)]
    pub fn set_surface_formula(&mut self, text: &str) -> Result<(), JsError> {
        let surface = Surface::typed(text).map_err(|e| JsError::new(&e.message(super::lang())))?;
        self.model.set_surface(surface).map_err(input_error)
    }

    /// The typed curve `L(w) = text` on the line, whatever the view.
    #[wasm_bindgen(js_name = setCurveFormula)]
    pub fn set_curve_formula(&mut self, text: &str) -> Result<(), JsError> {
        let landscape = super::typed(text)?;
        self.model.set_landscape(landscape).map_err(input_error)
    }

    /// Advances the clock to the rAF timestamp; returns whether anything changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(self.clock.at(now_ms))
    }

    /// Whether more frames are needed.
    pub fn animating(&self, _now_ms: f64) -> bool {
        self.model.animating()
    }

    /// Frames resume after a gap: playing goes on from `now_ms`.
    pub fn resume(&mut self, now_ms: f64) {
        self.model.resume(self.clock.at(now_ms));
    }

    /// Draws the picture and the loss chart (nothing when the race has not
    /// moved and neither the look nor a canvas's size changed).
    pub fn draw(&mut self, _now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let style = style_for(dpr);
        let m = &self.model;
        let sizes = [&self.picture, &self.chart].map(|c| u64::from(c.width()) << 32 | u64::from(c.height()));
        let frame = Key::new().style(&style).int(m.version()).int(sizes[0]).int(sizes[1]);
        if self.shown == Some(frame) {
            return Ok(());
        }
        let scene = race::scene(m);
        // The map's bands and isolines (or the line's axes and curve) are
        // kept while the landscape, the view and the look stay.
        let v = scene.view();
        let ground = match m.field() {
            Field::Map(surface) => Key::new().int(1).text(&surface.formula()),
            Field::Line(landscape) => Key::new().int(2).landscape(landscape),
        };
        let key = ground.style(&style).nums([v.x0, v.x1, v.y0, v.y1]);
        let mut map = None;
        self.ground.show(&self.picture, key, &mut |area| {
            map = Some(scene.draw_static(area, &style)?);
            Ok(())
        })?;
        paint(&self.picture, |area| scene.draw_moving(area, &style))?;
        self.map = map.or(self.map.filter(|p| p.view == v));
        self.dpr = clean_dpr(dpr);
        self.losses.show(&self.chart, Key::new().style(&style).int(m.version()), &mut |area| race::draw_losses(area, m, &style))?;
        self.shown = Some(frame);
        Ok(())
    }

    /// Starts a GIF of the race from t = 0 to now on `canvas` (its size is
    /// the GIF's): the view and the loss chart side by side under a title
    /// with η, t and the landscape. See `GifFilm`.
    #[wasm_bindgen(js_name = recordGif)]
    pub fn record_gif(&self, canvas: HtmlCanvasElement) -> Result<super::export::GifFilm, JsError> {
        let (subject, steps) = crate::export::subject::Subject::replay_race(&self.model);
        super::export::film(subject, steps, canvas)
    }

    /// The readouts: the clock, the view and landscape, and per optimizer
    /// its settings, t, w, L, ∇L, its step per parameter and its health.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.model.snapshot()).map_err(into_js)
    }
}
