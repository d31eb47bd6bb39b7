//! The optimizers race under random operations: every setter with extreme
//! values (η, each optimizer's settings by name, starts, views, landscapes,
//! typed curves and surfaces), the clock, and both of its pictures and its
//! loss chart drawn through the checking backend.

use crate::checks::{check_refusal, check_snapshot};
use crate::inputs::{random_formula, random_query, Rng};
use downhill::optim::{Kind, KINDS};
use downhill::render::{race, Style};
use downhill::surface::{Surface, SURFACES};
use downhill::widgets::optimizers::OptimizersModel;

/// Every name a setting may be asked by, including ones no optimizer takes.
const NAMES: [&str; 10] = ["lr", "momentum", "dampening", "alpha", "beta1", "beta2", "eps", "weight_decay", "gamma", ""];

/// Paints one named picture through the checking backend (`widgets::paint`).
pub(crate) type Painter<'p> = dyn FnMut(&str, &mut dyn FnMut(&crate::widgets::Area<'_>) -> Result<(), String>) -> Result<(), String> + 'p;

pub(crate) struct Race {
    model: OptimizersModel,
}

impl Race {
    pub(crate) fn new() -> Race {
        Race { model: OptimizersModel::default() }
    }

    /// One random operation; returns its description.
    pub(crate) fn operate(&mut self, rng: &mut Rng, now: f64, x: f64, n: usize) -> String {
        let kind = KINDS[n % KINDS.len()];
        match rng.below(17) {
            0..=4 => {
                self.model.step();
                "race.step()".to_owned()
            }
            5 => {
                self.model.toggle_play(now);
                self.model.tick(now);
                format!("race.toggle_play + tick({now})")
            }
            6 => {
                self.model.back();
                "race.back()".to_owned()
            }
            7 => {
                check_refusal("race.set_lr", self.model.set_lr(x));
                format!("race.set_lr({x})")
            }
            8 => {
                let name = NAMES[rng.below(NAMES.len() as u64) as usize];
                check_refusal("race.set_hyper", self.model.set_hyper(kind, name, x));
                format!("race.set_hyper({}, {name}, {x})", kind.name())
            }
            9 => {
                self.model.set_enabled(kind, rng.below(3) != 0);
                self.model.reset_hyper(Kind::Adam);
                format!("race.set_enabled({})", kind.name())
            }
            10 => {
                let y = rng.f64();
                check_refusal("race.set_start", self.model.set_start(x, y));
                format!("race.set_start({x}, {y})")
            }
            11 => {
                let view = ["line", "map", "globe"][n % 3];
                check_refusal("race.set_view", self.model.set_view(view));
                format!("race.set_view({view})")
            }
            12 => {
                let surface = SURFACES[n % SURFACES.len()].clone();
                check_refusal("race.set_surface", self.model.set_surface(surface));
                format!("race.set_surface({n})")
            }
            13 => {
                let preset = downhill::landscape::PRESETS[n % downhill::landscape::PRESETS.len()];
                if let Some(l) = downhill::landscape::Landscape::preset(preset) {
                    check_refusal("race.set_landscape", self.model.set_landscape(l));
                }
                format!("race.set_landscape({preset})")
            }
            14 => {
                // A typed surface: the curve notation with w1 and w2 in place of w.
                let text = random_formula(rng).replace('w', if n.is_multiple_of(2) { "w1" } else { "w2" });
                if let Ok(s) = Surface::typed(&text) {
                    check_refusal("race.set_surface(typed)", self.model.set_surface(s));
                }
                format!("race.set_surface(typed {text:?})")
            }
            16 => {
                // A hand-edited link, as the page and downhill-render read it.
                let query = random_query(rng);
                let (settings, _) = downhill::settings::parse_query(&query);
                for refusal in self.model.apply_link(&settings, n.is_multiple_of(2)) {
                    check_refusal("race.apply_link", Err(refusal));
                }
                format!("race.apply_link({query:?})")
            }
            _ => {
                let text = random_formula(rng);
                if let Ok(l) = downhill::landscape::Landscape::typed(&text) {
                    check_refusal("race.set_landscape(typed)", self.model.set_landscape(l));
                }
                format!("race.set_landscape(typed {text:?})")
            }
        }
    }

    pub(crate) fn check(&self) {
        let mut s = self.model.snapshot();
        // A typed formula is shown as the reader typed it (`f2=-0` reads
        // "L = -0"): their words, like a notice's quote, not a number of ours.
        if s.typed.is_some() {
            s.formula.clear();
            s.typed = None;
        }
        check_snapshot("race", &s);
    }

    /// The race's view (map or line) and its loss chart, titled, as a PNG
    /// or a GIF frame draws them (the page's canvases draw the same parts).
    pub(crate) fn draw(&self, style: &Style, paint: &mut Painter<'_>) -> Result<(), String> {
        paint("race picture", &mut |area| race::picture(area, &self.model, style).map(|_| ()).map_err(|x| x.to_string()))
    }
}
