//! The one boundary between the page and the Rust core: every `#[wasm_bindgen]`
//! item lives in this module (one file per widget). Handles own the state;
//! JavaScript sends small inputs (a timestamp, a slider value, a pixel) and
//! reads one small snapshot back.

mod backprop;
mod descent;
mod loss;
mod lr_compare;

pub use backprop::Backprop;
pub use descent::Descent;
pub use loss::Losses;
pub use lr_compare::LrCompare;

use crate::render::{Style, LIGHT};
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

/// The drawing style for a device pixel ratio (bad ratios fall back to 1).
pub(crate) fn style_for(dpr: f64) -> Style {
    let scale = if dpr.is_finite() && dpr > 0.0 { dpr.min(8.0) } else { 1.0 };
    Style { palette: LIGHT, scale }
}

/// Runs `draw` on a canvas and presents it; drawing errors become JS errors.
pub(crate) fn paint<T>(
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

pub(crate) fn into_js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

