//! A link's settings applied to the race: the one reader for the page and
//! `downhill-render`.

use super::OptimizersModel;
use crate::input::InputError;
use crate::optim::{Kind, KINDS};
use crate::surface::Surface;

impl OptimizersModel {
    /// The race a link describes (already read by
    /// [`crate::settings::parse_query`]), set in this order: speed, view,
    /// landscape (`f2`, a surface, or — when `curves` — a curve from `f` or
    /// `landscape`), η, each optimizer's settings, which are on, the start,
    /// then `steps` steps. `curves` is whether a curve is the race's (in its
    /// own embed, or with `view=line`; on the full page `f` and a curve's
    /// `landscape` are the other widgets'). Every part is tried: the
    /// refusals come back in order, and the rest of the link still applies.
    /// The page and `downhill-render` both set a race from a link here.
    pub fn apply_link(&mut self, settings: &crate::settings::Settings, curves: bool) -> Vec<InputError> {
        let mut refused = Vec::new();
        let mut check = |r: Result<(), InputError>| {
            if let Err(e) = r {
                refused.push(e);
            }
        };
        if let Some(speed) = settings.speed {
            self.set_speed(speed);
        }
        if let Some(view) = settings.view {
            check(self.set_view(view));
        }
        // `f2`, then (when curves are the race's) `f`, then a surface, then a
        // curve's name: a typed formula wins over a name, as everywhere.
        let typed_curve = settings.f.as_ref().filter(|_| curves).and_then(|_| settings.chosen_landscape());
        if let Some(surface) = settings.f2.as_deref().and_then(|t| Surface::typed(t).ok()) {
            check(self.set_surface(surface));
        } else if let Some(curve) = typed_curve {
            check(self.set_landscape(curve));
        } else if let Some(surface) = settings.surface.and_then(Surface::named) {
            check(self.set_surface(surface));
        } else if let Some(curve) = settings.chosen_landscape().filter(|_| curves) {
            check(self.set_landscape(curve));
        }
        if let Some(lr) = settings.lr {
            check(self.set_lr(lr));
        }
        for h in &settings.hyper {
            if let Some(kind) = Kind::named(h.opt) {
                check(self.set_hyper(kind, h.name, h.value));
            }
        }
        if let Some(on) = &settings.opt {
            for kind in KINDS {
                self.set_enabled(kind, on.contains(&kind.name()));
            }
        }
        if settings.w1.is_some() || settings.w2.is_some() {
            let start = self.start;
            check(self.set_start(settings.w1.unwrap_or(start[0]), settings.w2.unwrap_or(start[1])));
        }
        for _ in 0..settings.steps.unwrap_or(0) {
            if !self.step() {
                break;
            }
        }
        refused
    }
}
