//! `make fuzz`: drives every widget model natively with random operations and
//! extreme `f64` inputs (NaN, ±∞, ±f64::MAX, ±1e308, subnormals, −0, times
//! that jump or are not finite), and checks after every operation that
//!
//! - nothing panics (a panic prints the last operations and fails);
//! - nothing hangs (a watchdog fails the run when one operation or one
//!   drawing takes longer than [`HANG_LIMIT`]);
//! - every number in every snapshot is finite or pending (`None`);
//! - no text a reader sees (snapshot strings, error messages in both
//!   languages, URL notices) holds `NaN`, `inf` or a negative zero;
//! - a clocked widget's `tick` says true exactly when its snapshot changed;
//!
//! and every [`RENDER_EVERY`] operations draws every chart of every widget
//! into a bitmap, where every coordinate must stay near the canvas.
//!
//! `cargo run --release --bin fuzz -- [OPERATIONS] [SEED]`
//! (defaults 1,000,000 and 1). Prints a summary; exits 1 on the first fault.

// Native only: it draws into bitmaps and reads no browser. (`cargo test
// --target wasm32-unknown-unknown` compiles every binary, so the wasm build
// gets an empty one.)
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use downhill::i18n::Lang;
    use downhill::render::probe::{Probe, Seen};
    use downhill::render::{descent, graph, loss, loss_chart, microgpt, Style, DARK, LIGHT, RUN_COLOURS};
    use downhill::widgets::backprop::BackpropModel;
    use downhill::widgets::descent::DescentModel;
    use downhill::widgets::loss::LossModel;
    use downhill::widgets::lr_compare::LrCompareModel;
    use downhill::widgets::microgpt::MicrogptModel;
    use plotters::prelude::IntoDrawingArea as _;
    use serde::Serialize;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// Operations between two drawings of every chart.
    const RENDER_EVERY: u64 = 250;
    /// Longest any one operation or drawing may take before the run counts as hung.
    const HANG_LIMIT: Duration = Duration::from_secs(10);
    /// Operations remembered for the report when something fails.
    const REMEMBERED: usize = 40;
    /// A small corpus without the letters of "nan" or "inf", so no made-up name
    /// can look like a printed non-finite number.
    const CORPUS: &str = "emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\n";

    /// The last operations, for the report (the panic hook reads them too).
    static LOG: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

    fn remember(op: String) {
        if let Ok(mut log) = LOG.lock() {
            if log.len() == REMEMBERED {
                log.pop_front();
            }
            log.push_back(op);
        }
    }

    fn report_and_exit(fault: &str) -> ! {
        eprintln!("FAULT: {fault}");
        if let Ok(log) = LOG.lock() {
            eprintln!("last operations, oldest first:");
            for op in log.iter() {
                eprintln!("  {op}");
            }
        }
        std::process::exit(1);
    }

    /// splitmix64: small, fast and reproducible from its seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }

        /// A value a reader, a hand-edited URL or a broken clock could send.
        fn f64(&mut self) -> f64 {
            const EDGES: [f64; 16] = [
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::MAX,
                -f64::MAX,
                1e308,
                -1e308,
                f64::MIN_POSITIVE,
                5e-324,
                0.0,
                -0.0,
                1.0,
                -1.0,
                1e154,
                -1.3e154,
                1e-300,
            ];
            match self.below(10) {
                0..=2 => EDGES[self.below(EDGES.len() as u64) as usize],
                3 => f64::from_bits(self.next()),
                4 => (self.unit() - 0.5) * 1e6,
                // Where the sliders and fields live: −5…10, η 0.001…1000.
                5..=7 => -5.0 + self.unit() * 15.0,
                _ => 10f64.powf(-3.0 + self.unit() * 6.0),
            }
        }
    }

    /// Walks a serialised snapshot: every float finite, every text clean.
    fn check_snapshot<T: Serialize>(what: &str, snapshot: &T) {
        let value = match ciborium::Value::serialized(snapshot) {
            Ok(v) => v,
            Err(e) => report_and_exit(&format!("{what}: the snapshot does not serialise: {e}")),
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                ciborium::Value::Float(x) if !x.is_finite() => {
                    report_and_exit(&format!("{what}: a snapshot number is {x}"))
                }
                ciborium::Value::Text(text) => check_text(what, &text),
                ciborium::Value::Array(items) => stack.extend(items),
                ciborium::Value::Map(entries) => stack.extend(entries.into_iter().flat_map(|(k, v)| [k, v])),
                ciborium::Value::Tag(_, inner) => stack.push(*inner),
                _ => {}
            }
        }
    }

    /// Fails on text that shows a non-finite number or a negative zero.
    fn check_text(what: &str, text: &str) {
        let words = text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '−'));
        for word in words {
            let bare = word.trim_start_matches(['-', '−']);
            let non_finite =
                matches!(bare, "NaN" | "nan" | "inf" | "infinity" | "Infinity") || word.contains('∞');
            let negative_zero = word.len() > bare.len()
                && !bare.is_empty()
                && bare.trim_end_matches('.').bytes().all(|b| b == b'0' || b == b'.');
            if non_finite || negative_zero {
                report_and_exit(&format!("{what}: the text {text:?} shows {word:?}"));
            }
        }
    }

    /// `text` without its “quoted” parts.
    fn unquoted(text: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '“' => quoted = true,
                '”' => quoted = false,
                _ if !quoted => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// An input error's message, in both languages, must read clean too.
    fn check_refusal<E: Messages>(what: &str, result: Result<(), E>) {
        if let Err(e) = result {
            check_text(what, &e.message(Lang::En));
            check_text(what, &e.message(Lang::Zh));
        }
    }

    trait Messages {
        fn message(&self, lang: Lang) -> String;
    }

    impl Messages for downhill::input::InputError {
        fn message(&self, lang: Lang) -> String {
            downhill::input::InputError::message(self, lang)
        }
    }

    impl Messages for downhill::microgpt::data::CorpusError {
        fn message(&self, lang: Lang) -> String {
            downhill::microgpt::data::CorpusError::message(self, lang)
        }
    }

    /// Every widget, and the page clock they share.
    struct Widgets {
        descent: DescentModel,
        lab: LrCompareModel,
        backprop: BackpropModel,
        loss: LossModel,
        gpt: MicrogptModel,
        now: f64,
    }

    impl Widgets {
        fn new() -> Widgets {
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
        fn operate(&mut self, rng: &mut Rng) -> String {
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
                    self.descent.reset(now);
                    format!("descent.reset({now})")
                }
                8..=9 => {
                    check_refusal("descent.set_lr", self.descent.set_lr(x));
                    format!("descent.set_lr({x})")
                }
                10 => {
                    check_refusal("descent.set_start", self.descent.set_start(x, now));
                    format!("descent.set_start({x}, {now})")
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
                    format!("descent.set_speed({x}) + reduced motion + resume({now})")
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

        fn check(&self) {
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
        }

        /// Every chart of every widget, as the page draws them.
        fn draw(&self, rng: &mut Rng) -> Result<(), String> {
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
                .map(|(h, colour)| loss_chart::Series {
                    losses: h.iter().map(|it| it.loss).collect(),
                    colour,
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
            Ok(())
        }
    }

    type Area<'a> = plotters::prelude::DrawingArea<Probe<'a>, plotters::coord::Shift>;

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
        for (text, _) in &seen.texts {
            check_text(what, text);
        }
        Ok(())
    }

    /// A text file as a reader might drop one: names, junk, control bytes, a BOM.
    fn random_text(rng: &mut Rng) -> String {
        const PIECES: [&str; 12] = [
            "emma\n", "ava\n", "\u{feff}", "\u{fffd}", "\0", "测试\n", "\r\n", "  \t", "é", "\u{7}", "x",
            "\n",
        ];
        (0..rng.below(30))
            .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
            .collect()
    }

    /// A query string as a reader might hand-edit one.
    fn random_query(rng: &mut Rng) -> String {
        const KEYS: [&str; 13] = [
            "widget", "lang", "theme", "lr", "lr0", "lr1", "lr2", "w0", "steps", "speed", "autoplay",
            "bogus", "",
        ];
        const VALUES: [&str; 16] = [
            "NaN",
            "inf",
            "-inf",
            "1e999",
            "-1e999",
            "-0",
            "0",
            "1.5",
            "abc",
            "",
            "1e-320",
            "5000",
            "1e12",
            "descent",
            "zh",
            "2.2250738585072011e-308",
        ];
        (0..rng.below(6))
            .map(|_| {
                let key = KEYS[rng.below(KEYS.len() as u64) as usize];
                let value = if rng.below(3) == 0 {
                    rng.f64().to_string()
                } else {
                    VALUES[rng.below(VALUES.len() as u64) as usize].to_owned()
                };
                format!("{key}={value}")
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    pub fn main() {
        let mut args = std::env::args().skip(1);
        let operations: u64 = args
            .next()
            .and_then(|a| a.replace('_', "").parse().ok())
            .unwrap_or(1_000_000);
        let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);

        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            default_hook(info);
            report_and_exit("a panic");
        }));

        // The watchdog: the main loop bumps `progress` after every operation and
        // every drawing; if it stands still for HANG_LIMIT, the run is hung.
        let progress = Arc::new(AtomicU64::new(0));
        {
            let progress = Arc::clone(&progress);
            std::thread::spawn(move || {
                let mut last = u64::MAX;
                loop {
                    std::thread::sleep(HANG_LIMIT);
                    let now = progress.load(Ordering::Relaxed);
                    if now == last {
                        report_and_exit(&format!("no progress for {HANG_LIMIT:?}: a hang"));
                    }
                    last = now;
                }
            });
        }

        let started = Instant::now();
        let mut rng = Rng(seed);
        let mut w = Widgets::new();
        let mut drawings = 0u64;
        for k in 1..=operations {
            let op = w.operate(&mut rng);
            remember(op);
            w.check();
            progress.fetch_add(1, Ordering::Relaxed);
            if k % RENDER_EVERY == 0 {
                remember(format!("draw every chart after operation {k}"));
                if let Err(fault) = w.draw(&mut rng) {
                    report_and_exit(&fault);
                }
                drawings += 1;
                progress.fetch_add(1, Ordering::Relaxed);
            }
            // A fresh set of widgets now and then, so states early in a run are
            // visited again, not only the long-diverged ones.
            if k % 20_000 == 0 {
                w = Widgets::new();
            }
            if k % 100_000 == 0 {
                eprintln!(
                    "{k} operations, {drawings} drawings, {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
        }
        println!(
            "fuzz: {operations} operations (seed {seed}), every chart drawn {drawings} times, in {:.1} s: no panic, no hang, every snapshot finite or pending, no NaN, inf or -0 in any text",
            started.elapsed().as_secs_f64()
        );
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
