//! Downhill: how AI learns by gradient descent, as widgets a reader can play with.
//!
//! The crate is layered so that the maths can be tested natively:
//! - pure core (no wasm, web or plotters imports): [`landscape`], [`descent`],
//!   [`player`], [`flight`], [`view`], [`format`] and the widget models in [`widgets`];
//! - [`render`]: plotters drawing, generic over any `DrawingBackend`;
//! - `bindings` (wasm32 only): the one module that carries `#[wasm_bindgen]`.

pub mod backprop;
pub mod decimal;
pub mod descent;
pub mod export;
pub mod flight;
pub mod format;
pub mod i18n;
pub mod input;
pub mod landscape;
pub mod loss;
pub mod microgpt;
pub mod optim;
pub mod player;
pub mod regime;
pub mod render;
pub mod settings;
pub mod surface;
pub mod view;
pub mod widgets;

#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod bindings;
