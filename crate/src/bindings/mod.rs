//! The one boundary between the page and the Rust core: every `#[wasm_bindgen]`
//! item lives in this module (one file per widget). Handles own the state;
//! JavaScript sends small inputs (a timestamp, a slider value, a pixel) and
//! reads one small snapshot back.

mod backprop;
pub mod canvas;
mod descent;
mod export;
mod layers;
mod loss;
mod lr_compare;
mod microgpt;
mod optimizers;

pub use backprop::Backprop;
pub use descent::Descent;
pub use loss::Losses;
pub use lr_compare::LrCompare;
pub use microgpt::Microgpt;
pub use optimizers::Optimizers;

use crate::i18n::Lang;
use crate::input::InputError;
use crate::render::{Style, DARK, LIGHT};
use canvas::WebCanvas;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea as _};
use std::cell::Cell;
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

/// How every widget looks: language, theme and presenter zoom, shared by all
/// handles (the page has one look at a time).
#[derive(Clone, Copy, Debug)]
struct Look {
    lang: Lang,
    dark: bool,
    zoom: f64,
}

thread_local! {
    static LOOK: Cell<Look> = const { Cell::new(Look { lang: Lang::En, dark: false, zoom: 1.0 }) };
}

/// Sets the look of every widget: `lang` `"zh"` or `"en"`, `theme` `"dark"` or
/// `"light"`, and `zoom` for presenter mode (lines and type `zoom` times
/// thicker; clamped to 1–3). Error messages follow the language too.
#[wasm_bindgen(js_name = setLook)]
pub fn set_look(lang: &str, theme: &str, zoom: f64) {
    let zoom = if zoom.is_finite() {
        zoom.clamp(1.0, 3.0)
    } else {
        1.0
    };
    LOOK.with(|look| {
        look.set(Look {
            lang: Lang::from_code(lang),
            dark: theme == "dark",
            zoom,
        })
    });
}

/// Reads the page's query string into settings and notices:
/// `{settings: {widget, lang, theme, lr, lrs, w0, steps, speed, autoplay},
/// notices: [{key, en, zh}]}`. Missing or refused values are absent.
#[wasm_bindgen(js_name = parseSettings)]
pub fn parse_settings(query: &str) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Said {
        key: &'static str,
        en: String,
        zh: String,
    }
    #[derive(serde::Serialize)]
    struct Parsed {
        settings: crate::settings::Settings,
        notices: Vec<Said>,
    }
    let (settings, notices) = crate::settings::parse_query(query);
    let notices = notices
        .iter()
        .map(|n| Said {
            key: n.key,
            en: n.message(Lang::En),
            zh: n.message(Lang::Zh),
        })
        .collect();
    serde_wasm_bindgen::to_value(&Parsed { settings, notices }).map_err(into_js)
}

/// Largest timestamp taken from the page, in milliseconds (about 31,000
/// years of `performance.now()`); anything beyond is not a clock reading.
const MAX_TIME_MS: f64 = 1e15;

/// The page's clock as a handle sees it. Every timestamp that crosses the
/// boundary (a `requestAnimationFrame` time, a `performance.now()`) passes
/// through [`Clock::at`] once: a NaN, an infinity or an absurd size is
/// replaced by the last good reading, so no model ever sees one (a NaN start
/// time used to poison the ball's flight for good).
#[derive(Debug, Default)]
pub(crate) struct Clock {
    last_ms: Cell<f64>,
}

impl Clock {
    /// `now_ms` if it is a plausible reading, else the last one that was.
    pub(crate) fn at(&self, now_ms: f64) -> f64 {
        if now_ms.is_finite() && now_ms.abs() <= MAX_TIME_MS {
            self.last_ms.set(now_ms);
        }
        self.last_ms.get()
    }
}

/// A device pixel ratio from the page, sanitised (bad ratios fall back to 1).
pub(crate) fn clean_dpr(dpr: f64) -> f64 {
    if dpr.is_finite() && dpr > 0.0 {
        dpr.min(8.0)
    } else {
        1.0
    }
}

/// The drawing style for a device pixel ratio, in the current look.
pub(crate) fn style_for(dpr: f64) -> Style {
    let look = LOOK.with(Cell::get);
    let dpr = clean_dpr(dpr);
    Style {
        palette: if look.dark { DARK } else { LIGHT },
        scale: dpr * look.zoom,
        lang: look.lang,
    }
}

/// The current language.
pub(crate) fn lang() -> Lang {
    LOOK.with(Cell::get).lang
}

/// A rejected input as a JS `Error` whose message is in the page's language.
pub(crate) fn input_error(e: InputError) -> JsError {
    JsError::new(&e.message(lang()))
}

/// Runs `draw` on a canvas and presents it; drawing errors become JS errors.
pub(crate) fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<WebCanvas, Shift>) -> Result<T, DrawingAreaErrorKind<canvas::CanvasError>>,
) -> Result<T, JsError> {
    let backend = WebCanvas::new(canvas).ok_or_else(|| JsError::new("The canvas has no 2D context."))?;
    let area = backend.into_drawing_area();
    let out = draw(&area).map_err(|e| JsError::new(&format!("Drawing failed: {e}")))?;
    area.present()
        .map_err(|e| JsError::new(&format!("Drawing failed: {e}")))?;
    Ok(out)
}

/// The landscape `L(w) = text`, or its error (with the column) in words.
pub(crate) fn typed(text: &str) -> Result<crate::landscape::Landscape, JsError> {
    crate::landscape::Landscape::typed(text).map_err(|e| JsError::new(&e.message(lang())))
}

/// The preset landscape called `name`, or an error naming the presets in
/// the page's language.
pub(crate) fn preset(name: &str) -> Result<crate::landscape::Landscape, JsError> {
    crate::landscape::Landscape::preset(name).ok_or_else(|| unknown_landscape(name, &crate::landscape::PRESETS))
}

/// "There is no landscape called …: choose one of `names`", in the page's language.
pub(crate) fn unknown_landscape(name: &str, names: &[&str]) -> JsError {
    let names = names.join(", ");
    JsError::new(&match lang() {
        Lang::En => format!("There is no landscape called “{name}”: choose one of {names}."),
        Lang::Zh => format!("没有名为“{name}”的地形：请从 {names} 中选择。"),
    })
}

pub(crate) fn into_js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
