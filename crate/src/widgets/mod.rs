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
pub mod optimizers;

use crate::descent::Health;
use crate::player::PlayState;

/// The state a widget with a run and a clock shows (`data-state`): a run that
/// diverged shows *diverged* whatever the clock says.
pub(crate) fn state_name(health: Health, play: PlayState) -> &'static str {
    match (health, play) {
        (Health::Diverged, _) => "diverged",
        (Health::OutOfDomain, _) => "out-of-domain",
        (_, PlayState::Idle) => "idle",
        (_, PlayState::Running) => "running",
        (_, PlayState::Paused) => "paused",
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod clock_tests;
