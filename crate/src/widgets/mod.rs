//! Widget models: the whole state of one widget, with no web types.
//!
//! Each model turns small inputs (a click, a slider value, a timestamp) into state
//! changes, and gives back a [`serde::Serialize`] snapshot for the page's readouts
//! and a scene for the renderer. The wasm bindings are a thin shell around them.

pub mod backprop;
pub mod descent;
pub mod loss;
pub mod lr_compare;
pub mod lr_scale;
pub mod microgpt;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod clock_tests;
