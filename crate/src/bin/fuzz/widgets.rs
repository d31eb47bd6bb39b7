//! Every widget model and the operations the fuzzer drives them with, and
//! every chart of every widget drawn through the checking bitmap backend.

use crate::checks::{check_refusal, check_snapshot, check_text, unquoted};
use crate::inputs::{random_query, random_text, Rng};
use crate::report::report_and_exit;
use downhill::i18n::Lang;
use downhill::render::probe::{Probe, Seen};
use downhill::render::{descent, graph, loss, loss_chart, microgpt, Style, DARK, LIGHT, RUN_COLOURS};
use downhill::widgets::backprop::BackpropModel;
use downhill::widgets::descent::DescentModel;
use downhill::widgets::loss::LossModel;
use downhill::widgets::lr_compare::LrCompareModel;
use downhill::widgets::microgpt::MicrogptModel;
use plotters::prelude::IntoDrawingArea as _;
use std::cell::RefCell;
use std::rc::Rc;

/// A small corpus without the letters of "nan" or "inf", so no made-up name
/// can look like a printed non-finite number.
const CORPUS: &str = "emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\n";

/// Every widget, and the page clock they share.
pub(crate) struct Widgets {
    descent: DescentModel,
    lab: LrCompareModel,
    backprop: BackpropModel,
    loss: LossModel,
    gpt: MicrogptModel,
    race: crate::race::Race,
    pub(crate) now: f64,
}

impl Widgets {
    pub(crate) fn new() -> Widgets {
        let mut gpt = MicrogptModel::default();
        if gpt.load_corpus(CORPUS, "fuzz").is_err() {
            report_and_exit("the fuzz corpus is refused");
        }
        Widgets {
            descent: DescentModel::default(),
            lab: LrCompareModel::default(),
            backprop: BackpropModel::default(),
            loss: LossModel::default(),
            gpt,
            race: crate::race::Race::new(),
            now: 0.0,
        }
    }

    /// A time as the page (or a broken page) would send it.
    fn time(&mut self, rng: &mut Rng) -> f64 {
        match rng.below(40) {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => rng.f64(),
            3 => self.now + 1e7, // a tab that slept
            _ => {
                self.now += rng.unit() * 50.0;
                self.now
            }
        }
    }

    /// One random operation on one widget; returns its description.
    pub(crate) fn operate(&mut self, rng: &mut Rng) -> String {
        let now = self.time(rng);
        let x = rng.f64();
        let n = rng.below(8) as usize;
        match rng.below(100) {
            // The descent widget.
            0..=3 => {
                self.descent.step(now);
                format!("descent.step({now})")
            }
            4 => {
                self.descent.back(now);
                format!("descent.back({now})")
            }
            5..=6 => {
                self.descent.toggle_play(now);
                format!("descent.toggle_play({now})")
            }
            7 => {
                check_refusal("descent.reset", self.descent.reset(now));
                format!("descent.reset({now})")
            }
            8..=9 => {
                check_refusal("descent.set_lr", self.descent.set_lr(x));
                format!("descent.set_lr({x})")
            }
            10 => {
                // One of the balls' operations, on any ball index (some not there).
                match n {
                    0 => check_refusal("descent.set_start", self.descent.set_start(x, now)),
                    1 => check_refusal("descent.add_ball", self.descent.add_ball(x, now).map(|_| ())),
                    2 => check_refusal("descent.remove_ball", self.descent.remove_ball(n % 4, now)),
                    3 => check_refusal("descent.set_start_of", self.descent.set_start_of(rng.below(4) as usize, x, now)),
                    4 => check_refusal("descent.place", self.descent.place(x, now).map(|_| ())),
                    5 => check_refusal("descent.set_ball_count", self.descent.set_ball_count(rng.below(5) as usize, now)),
                    6 => check_refusal("descent.set_or_add", self.descent.set_or_add(rng.below(4) as usize, x, now)),
                    _ => self.descent.set_adding(rng.below(2) == 0),
                }
                format!("descent balls op {n} ({x}, {now})")
            }
            11 => {
                check_refusal("descent.set_lr_slider", self.descent.set_lr_slider(x));
                format!("descent.set_lr_slider({x})")
            }
            12 => {
                let t = rng.below(600) as usize;
                check_refusal("descent.retrace", self.descent.retrace(x, t, now));
                format!("descent.retrace({x}, {t}, {now})")
            }
            13 => {
                self.descent.set_speed(x);
                self.descent.set_reduced_motion(rng.below(2) == 0);
                self.descent.resume(now);
                // Now and then another landscape (every preset, with its overflows far out).
                let presets = downhill::landscape::PRESETS;
                // One time in four: the index falls inside the list.
                let name = presets.get(rng.below(presets.len() as u64 * 4) as usize).copied();
                if let Some(l) = name.and_then(downhill::landscape::Landscape::preset) {
                    check_refusal("descent.set_scene", self.descent.set_scene(l.clone(), now));
                    check_refusal("lab.set_landscape", self.lab.set_landscape(l, now));
                } else if rng.below(4) == 0 {
                    // A typed formula, when it parses.
                    let text = super::inputs::random_formula(rng);
                    if let Ok(l) = downhill::landscape::Landscape::typed(&text) {
                        check_refusal("descent.set_scene", self.descent.set_scene(l.clone(), now));
                        check_refusal("lab.set_landscape", self.lab.set_landscape(l, now));
                    }
                }
                format!("descent.set_speed({x}) + reduced motion + resume({now}) + landscape {name:?}")
            }
            14..=21 => {
                let before = self.descent.snapshot();
                let said = self.descent.tick(now);
                if said != (self.descent.snapshot() != before) {
                    report_and_exit(&format!("descent.tick({now}) said {said}, wrongly"));
                }
                let _ = self.descent.animating(now);
                format!("descent.tick({now})")
            }
            // The learning-rate lab.
            22..=25 => {
                self.lab.step(now);
                format!("lab.step({now})")
            }
            26 => {
                self.lab.back(now);
                format!("lab.back({now})")
            }
            27..=28 => {
                self.lab.toggle_play(now);
                format!("lab.toggle_play({now})")
            }
            29 => {
                self.lab.reset(now);
                format!("lab.reset({now})")
            }
            30..=32 => {
                let i = n % 4; // 3 is out of range on purpose
                check_refusal("lab.set_lr", self.lab.set_lr(i, x, now));
                format!("lab.set_lr({i}, {x}, {now})")
            }
            33 => {
                let i = n % 4;
                check_refusal("lab.set_lr_slider", self.lab.set_lr_slider(i, x, now));
                format!("lab.set_lr_slider({i}, {x}, {now})")
            }
            34 => {
                check_refusal("lab.set_start", self.lab.set_start(x, now));
                format!("lab.set_start({x}, {now})")
            }
            35 => {
                self.lab.set_log_scale(rng.below(2) == 0);
                self.lab.set_speed(x);
                self.lab.set_reduced_motion(rng.below(2) == 0);
                self.lab.resume(now);
                format!("lab.set_log_scale/speed({x})/reduced motion/resume({now})")
            }
            36..=43 => {
                let before = self.lab.snapshot();
                let said = self.lab.tick(now);
                if said != (self.lab.snapshot() != before) {
                    report_and_exit(&format!("lab.tick({now}) said {said}, wrongly"));
                }
                format!("lab.tick({now})")
            }
            // Backprop.
            44..=47 => {
                self.backprop.next();
                "backprop.next()".to_owned()
            }
            48 => {
                self.backprop.back();
                "backprop.back()".to_owned()
            }
            49 => {
                self.backprop.train(n * 10);
                format!("backprop.train({})", n * 10)
            }
            50 => {
                self.backprop.toggle_play(now);
                format!("backprop.toggle_play({now})")
            }
            51 => {
                self.backprop.reset();
                "backprop.reset()".to_owned()
            }
            52..=53 => {
                let name = ["x", "w1", "w2", "target", "bogus"][n % 5];
                check_refusal("backprop.set_value", self.backprop.set_value(name, x));
                format!("backprop.set_value({name}, {x})")
            }
            54 => {
                check_refusal("backprop.set_lr", self.backprop.set_lr(x));
                format!("backprop.set_lr({x})")
            }
            55 => {
                check_refusal("backprop.set_eps", self.backprop.set_eps(x));
                self.backprop.set_speed(rng.f64());
                self.backprop.resume(now);
                format!("backprop.set_eps({x}) + speed + resume({now})")
            }
            56..=61 => {
                let before = self.backprop.snapshot();
                let said = self.backprop.tick(now);
                if said != (self.backprop.snapshot() != before) {
                    report_and_exit(&format!("backprop.tick({now}) said {said}, wrongly"));
                }
                format!("backprop.tick({now})")
            }
            // The loss widgets.
            62..=65 => {
                let i = n % 5;
                check_refusal("loss.set_prediction", self.loss.set_prediction(i, x));
                format!("loss.set_prediction({i}, {x})")
            }
            66..=67 => {
                self.loss.drag_prediction(n % 5, x);
                format!("loss.drag_prediction({}, {x})", n % 5)
            }
            68..=69 => {
                check_refusal("loss.set_p_right", self.loss.set_p_right(x));
                self.loss.drag_p_right(rng.f64());
                format!("loss.set_p_right({x}) + drag")
            }
            // microgpt, in small slices (a step is the costly operation here).
            70..=77 => {
                let steps = n * 3;
                self.gpt.train(steps);
                format!("gpt.train({steps})")
            }
            78 => {
                self.gpt.toggle();
                "gpt.toggle()".to_owned()
            }
            79 => {
                self.gpt.reset();
                "gpt.reset()".to_owned()
            }
            80 => {
                self.gpt.keep_for_comparison();
                "gpt.keep_for_comparison()".to_owned()
            }
            81 => {
                check_refusal("gpt.set_lr", self.gpt.set_lr(x));
                format!("gpt.set_lr({x})")
            }
            82 => {
                // Short runs, so they finish and sample.
                let steps = (x.abs() % 300.0).floor();
                check_refusal(
                    "gpt.set_steps",
                    self.gpt.set_steps(if n == 0 { x } else { steps }),
                );
                format!("gpt.set_steps({x} → {steps})")
            }
            83 => {
                check_refusal("gpt.set_seed", self.gpt.set_seed(x));
                check_refusal("gpt.set_temperature", self.gpt.set_temperature(rng.f64()));
                format!("gpt.set_seed({x}) + temperature")
            }
            84 => {
                let kind = ["adam", "adamw", "sgd", "lion"][n % 4];
                self.gpt.set_optimizer(kind);
                self.gpt.record_timing(x, n);
                format!("gpt.set_optimizer({kind}) + record_timing({x}, {n})")
            }
            85 => {
                let text = random_text(rng);
                check_refusal("gpt.load_corpus", self.gpt.load_corpus(&text, "fuzz.txt"));
                format!("gpt.load_corpus({text:?})")
            }
            86 => {
                check_refusal("gpt.load_corpus", self.gpt.load_corpus(CORPUS, "fuzz"));
                "gpt.load_corpus(CORPUS)".to_owned()
            }
            // The optimizers race.
            87..=94 => self.race.operate(rng, now, x, n),
            // A hand-edited URL.
            _ => {
                let query = random_query(rng);
                let (_, notices) = downhill::settings::parse_query(&query);
                for notice in &notices {
                    // A notice quotes what the reader typed (“-0”, “NaN”): that is theirs.
                    check_text("settings notice", &unquoted(&notice.message(Lang::En)));
                    check_text("settings notice", &unquoted(&notice.message(Lang::Zh)));
                }
                format!("parse_query({query:?})")
            }
        }
    }

    pub(crate) fn check(&self) {
        check_snapshot("descent", &self.descent.snapshot());
        check_snapshot(
            "descent rows",
            &self
                .descent
                .rows_after(self.descent.snapshot().t.saturating_sub(3)),
        );
        check_snapshot("lab", &self.lab.snapshot());
        check_snapshot("backprop", &self.backprop.snapshot());
        check_snapshot("loss", &self.loss.snapshot());
        check_snapshot("microgpt", &self.gpt.snapshot());
        self.race.check();
    }

    /// Every chart of every widget, as the page draws them.
    pub(crate) fn draw(&self, rng: &mut Rng) -> Result<(), String> {
        let now = self.now + rng.unit() * 500.0;
        let style = Style {
            palette: if rng.below(2) == 0 { LIGHT } else { DARK },
            scale: [1.0, 2.0, 3.0][rng.below(3) as usize],
            lang: if rng.below(2) == 0 { Lang::En } else { Lang::Zh },
        };
        let size = [(320, 200), (640, 400), (120, 90)][rng.below(3) as usize];
        let e = |e: &dyn std::fmt::Display| e.to_string();
        paint("descent", size, |area| {
            descent::draw(area, &self.descent.scene(now), &style)
                .map(|_| ())
                .map_err(|x| e(&x))
        })?;
        for i in 0..3 {
            if let Some(scene) = self.lab.panel_scene(i, now) {
                paint("lab panel", size, |area| {
                    descent::draw(area, &scene, &style).map(|_| ()).map_err(|x| e(&x))
                })?;
            }
        }
        let series: Vec<loss_chart::Series> = self
            .lab
            .histories()
            .iter()
            .zip(RUN_COLOURS)
            .enumerate()
            .map(|(marker, (h, colour))| loss_chart::Series {
                losses: h.iter().map(|it| it.loss).collect(),
                colour,
                marker,
                label: "η".to_owned(),
            })
            .collect();
        let log = self.lab.log_scale();
        paint("lab loss chart", size, |area| {
            loss_chart::draw(area, &series, log, "t", &style).map_err(|x| e(&x))
        })?;
        paint("backprop graph", size, |area| {
            graph::draw(area, &self.backprop.scene(), &style).map_err(|x| e(&x))
        })?;
        let bp = vec![loss_chart::Series {
            losses: self.backprop.losses().to_vec(),
            colour: RUN_COLOURS[0],
            marker: 0,
            label: "L".to_owned(),
        }];
        paint("backprop loss chart", size, |area| {
            loss_chart::draw(area, &bp, true, "i", &style).map_err(|x| e(&x))
        })?;
        let s = self.loss.snapshot();
        paint("mse", size, |area| {
            loss::draw_mse(area, &s, &style).map(|_| ()).map_err(|x| e(&x))
        })?;
        paint("cross-entropy", size, |area| {
            loss::draw_ce(area, &s, &style).map(|_| ()).map_err(|x| e(&x))
        })?;
        let (raw, ema, kept) = self.gpt.curves();
        let baseline = self.gpt.baseline();
        let steps = self.gpt.num_steps();
        paint("microgpt chart", size, |area| {
            microgpt::draw(area, raw, ema, kept, baseline, steps, &style).map_err(|x| e(&x))
        })?;
        self.race.draw(&style, &mut |what, draw| paint(what, size, |area| draw(area)))
    }
}

pub(crate) type Area<'a> = plotters::prelude::DrawingArea<Probe<'a>, plotters::coord::Shift>;

/// Draws into a fresh bitmap through the checking backend.
fn paint(
    what: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<(), String> {
    let mut buf = vec![0u8; (size.0 * size.1 * 3) as usize];
    let seen = Rc::new(RefCell::new(Seen::default()));
    {
        let area = Probe::new(&mut buf, size, Rc::clone(&seen)).into_drawing_area();
        draw(&area).map_err(|e| format!("{what}: {e}"))?;
        area.present().map_err(|e| format!("{what}: {e}"))?;
    }
    let seen = seen.borrow();
    if let Some(first) = seen.out_of_bounds.first() {
        return Err(format!("{what}: {first}"));
    }
    // (A “quoted” part is the reader's own words: a typed formula in a title.)
    for (text, _) in &seen.texts {
        check_text(what, &unquoted(text));
    }
    Ok(())
}
