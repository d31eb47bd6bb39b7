//! Pictures that leave the page: PNGs and animated GIFs of the widgets, for
//! blogs and for WeChat, where only images work.
//!
//! - [`film`] (pure): a run replayed on a virtual clock, frame by frame;
//! - [`gif`] (pure): RGBA frames to an animated GIF with image-rs's `gif`;
//! - [`recording`]: a film into a GIF, a few pictures at a time;
//! - [`subject`]: a widget in the state a link describes, drawn through the
//!   same `render` code as the page, on any plotters backend;
//! - native only: [`raster`] (plotters' bitmap backend with labels in a
//!   system font) and [`cli`], the `downhill-render` command.

pub mod film;
pub mod gif;
pub mod recording;
pub mod subject;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod raster;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
