//! Binding for the descent widget.

use super::layers::{Key, Layer};
use super::{clean_dpr, input_error, into_js, paint, style_for, Clock};
use crate::render::descent;
use crate::view::PixelMap;
use crate::widgets::descent::DescentModel;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The descent widget: one ball rolling down `L(w) = (w − 3)² + 1`.
#[wasm_bindgen]
pub struct Descent {
    /// The page\'s clock, checked once here.
    clock: Clock,
    model: DescentModel,
    canvas: HtmlCanvasElement,
    /// The mapping of the last drawn frame, in device pixels.
    map: Option<PixelMap>,
    /// Device pixels per CSS pixel of the last drawn frame.
    dpr: f64,
    /// The picture that stays while the ball moves, per size, look and view.
    background: Layer,
}

/// Public methods, exported to JavaScript.
#[wasm_bindgen]
impl Descent {
    /// A widget drawing on `canvas`, in the post's 实验二 state (w0 = 0, η = 0.1).
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Descent {
        Descent {
            clock: Clock::default(),
            model: DescentModel::default(),
            canvas,
            map: None,
            dpr: 1.0,
            background: Layer::default(),
        }
    }

    /// One step now. Readouts change at once; the ball catches up.
    pub fn step(&mut self, now_ms: f64) -> bool {
        self.model.step(self.clock.at(now_ms))
    }

    /// Starts a GIF of the run from t = 0 to now, drawn on `canvas` (its
    /// size is the GIF's): see `GifFilm`.
    #[wasm_bindgen(js_name = recordGif)]
    pub fn record_gif(&self, canvas: HtmlCanvasElement) -> Result<super::export::GifFilm, JsError> {
        let (subject, steps) = crate::export::subject::Subject::replay_descent(&self.model);
        super::export::film(subject, steps, canvas)
    }

    /// One step back through the history.
    pub fn back(&mut self, now_ms: f64) -> bool {
        self.model.back(self.clock.at(now_ms))
    }

    /// Play if paused or idle, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self, now_ms: f64) {
        self.model.toggle_play(self.clock.at(now_ms));
    }

    /// Stops playing.
    pub fn pause(&mut self) {
        self.model.pause();
    }

    /// Back to t = 0 from the same start point; refused (in words) when the
    /// η in force would overflow there.
    pub fn reset(&mut self, now_ms: f64) -> Result<(), JsError> {
        self.model.reset(self.clock.at(now_ms)).map_err(input_error)
    }

    /// Switches to the preset landscape `name` (`bowl`, `double-well`,
    /// `bumpy`, `post-gif`, `cliff`); the run starts over at its default start.
    #[wasm_bindgen(js_name = setLandscape)]
    pub fn set_landscape(&mut self, name: &str, now_ms: f64) -> Result<(), JsError> {
        let landscape = super::preset(name)?;
        self.model.set_scene(landscape, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Switches to the typed landscape `L(w) = text`; the run starts over at
    /// its default start. A formula that does not parse is refused in words
    /// (naming the column) and the landscape stays.
    #[wasm_bindgen(js_name = setFormula)]
    pub fn set_formula(&mut self, text: &str, now_ms: f64) -> Result<(), JsError> {
        let landscape = super::typed(text)?;
        self.model.set_scene(landscape, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Moves ball `i`'s start (0 is A, 1 is B, 2 is C); every ball starts over.
    #[wasm_bindgen(js_name = setStartOf)]
    pub fn set_start_of(&mut self, i: usize, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_start_of(i, w0, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Where a new ball goes when nothing says where (the keyboard's + Ball).
    #[wasm_bindgen(js_name = nextStart)]
    pub fn next_start(&self) -> f64 {
        self.model.next_start()
    }

    /// Adds ball B or C at `w0`; every ball starts over. Returns its index.
    #[wasm_bindgen(js_name = addBall)]
    pub fn add_ball(&mut self, w0: f64, now_ms: f64) -> Result<usize, JsError> {
        self.model.add_ball(w0, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Ball `i`'s start, adding the ball if it is the next one (a link's `w0b`).
    #[wasm_bindgen(js_name = setOrAdd)]
    pub fn set_or_add(&mut self, i: usize, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model.set_or_add(i, w0, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Exactly `n` balls (1 to 3), as a link's `balls=` says.
    #[wasm_bindgen(js_name = setBallCount)]
    pub fn set_ball_count(&mut self, n: usize, now_ms: f64) -> Result<(), JsError> {
        self.model.set_ball_count(n, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Takes ball `i` (1 or 2) off the landscape.
    #[wasm_bindgen(js_name = removeBall)]
    pub fn remove_ball(&mut self, i: usize, now_ms: f64) -> Result<(), JsError> {
        self.model.remove_ball(i, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Arms "add a ball": the next place on the chart adds one (or disarms it).
    #[wasm_bindgen(js_name = setAdding)]
    pub fn set_adding(&mut self, adding: bool) {
        self.model.set_adding(adding);
    }

    /// Sets η exactly (number field, preset); applies from the next step.
    #[wasm_bindgen(js_name = setLr)]
    pub fn set_lr(&mut self, lr: f64) -> Result<(), JsError> {
        self.model.set_lr(lr).map_err(input_error)
    }

    /// Sets η from the log slider, whose value is `log10(η)`.
    #[wasm_bindgen(js_name = setLrSlider)]
    pub fn set_lr_slider(&mut self, pos: f64) -> Result<(), JsError> {
        self.model.set_lr_slider(pos).map_err(input_error)
    }

    /// Moves the start point and resets the run.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, w0: f64, now_ms: f64) -> Result<(), JsError> {
        self.model
            .set_start(w0, self.clock.at(now_ms))
            .map_err(input_error)
    }

    /// Places a ball under a pointer at CSS pixel `(x, y)` of the canvas
    /// (relative to its top-left corner): a new ball when "add a ball" is
    /// armed, else the nearest one moves there; the race starts over.
    /// Returns the ball's index, for [`Descent::drag_to`].
    pub fn grab(&mut self, x_css: f64, y_css: f64, now_ms: f64) -> Result<usize, JsError> {
        let w = self.w_under(x_css, y_css)?;
        self.model.place(w, self.clock.at(now_ms)).map_err(input_error)
    }

    /// Moves ball `i` under the pointer during a drag.
    #[wasm_bindgen(js_name = dragTo)]
    pub fn drag_to(&mut self, i: usize, x_css: f64, y_css: f64, now_ms: f64) -> Result<(), JsError> {
        let w = self.w_under(x_css, y_css)?;
        self.model.set_start_of(i, w, self.clock.at(now_ms)).map_err(input_error)
    }

    /// As [`Descent::grab`], returning the new start point instead.
    #[wasm_bindgen(js_name = placeAt)]
    pub fn place_at(&mut self, x_css: f64, y_css: f64, now_ms: f64) -> Result<f64, JsError> {
        let w = self.w_under(x_css, y_css)?;
        self.model.place(w, self.clock.at(now_ms)).map_err(input_error)?;
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

    /// Frames resume after a gap (hidden tab, scrolled away): playing goes on
    /// from `now_ms` instead of catching up.
    pub fn resume(&mut self, now_ms: f64) {
        self.model.resume(self.clock.at(now_ms));
    }

    /// Advances the play clock to the rAF timestamp `now_ms`; returns whether the
    /// run (and so the readouts) changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.model.tick(self.clock.at(now_ms))
    }

    /// Whether more frames are needed (playing, or the ball still flying).
    pub fn animating(&self, now_ms: f64) -> bool {
        self.model.animating(self.clock.at(now_ms))
    }

    /// Draws the frame for `now_ms`. The page has sized the canvas to its CSS
    /// size times `dpr`, so lines and type are drawn `dpr` times larger.
    pub fn draw(&mut self, now_ms: f64, dpr: f64) -> Result<(), JsError> {
        let style = style_for(dpr);
        let scene = self.model.scene(self.clock.at(now_ms));
        // Axes, grid and curve are kept while the view stays; the trail and the
        // ball are drawn over them every frame.
        let v = scene.view;
        let key = Key::new()
            .style(&style)
            .landscape(scene.landscape)
            .nums([v.x0, v.x1, v.y0, v.y1]);
        let mut map = None;
        self.background.show(&self.canvas, key, &mut |area| {
            map = Some(descent::draw_static(area, &scene, &style)?);
            Ok(())
        })?;
        if map.is_some() {
            self.map = map;
        }
        paint(&self.canvas, |area| descent::draw_moving(area, &scene, &style))?;
        self.dpr = clean_dpr(dpr);
        Ok(())
    }

    /// The `w` under CSS pixel `(x, y)` of the last frame, on the plot's
    /// nearest edge for a point in the margins.
    fn w_under(&self, x_css: f64, y_css: f64) -> Result<f64, JsError> {
        let map = self
            .map
            .ok_or_else(|| JsError::new("The chart has not been drawn yet."))?;
        let (w, _) = map.to_data(x_css * self.dpr, y_css * self.dpr);
        // (max/min, not clamp: clamp panics on crossed bounds, and its message
        // alone would ship Rust's float printer.)
        Ok(w.max(map.view.x0).min(map.view.x1))
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
