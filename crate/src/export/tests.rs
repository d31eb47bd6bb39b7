//! The exports, checked as a reader would: decode the files, count the
//! frames, find the balls by their colour where the maths puts them.

use super::cli::{self, parse_args, picture_and_maps, post_gif_args, Failure, Format, POST_GIFS};
use super::film::{self, Camera, Reel, HOLD_MS};
use super::gif::{GifWriter, SharedPalette};
use super::raster::Fonts;
use super::subject::{Subject, AT_REST_MS};
use crate::i18n::Lang;
use crate::landscape::Landscape;
use crate::render::{Style, DARK, LIGHT, RUN_COLOURS};
use crate::view::PixelMap;
use plotters::style::RGBColor;
use std::path::{Path, PathBuf};

/// A decoded GIF: size, loop count, and each frame composed over the last.
struct Decoded {
    size: (u32, u32),
    infinite: bool,
    /// `(delay in cs, whole picture RGBA)`.
    frames: Vec<(u16, Vec<u8>)>,
}

fn decode(bytes: &[u8]) -> Decoded {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut d = options.read_info(bytes).expect("a GIF");
    let (w, h) = (u32::from(d.width()), u32::from(d.height()));
    let mut canvas = vec![0u8; w as usize * h as usize * 4];
    let mut frames = Vec::new();
    while let Some(f) = d.read_next_frame().expect("a frame") {
        for y in 0..usize::from(f.height) {
            for x in 0..usize::from(f.width) {
                let s = (y * usize::from(f.width) + x) * 4;
                if f.buffer[s + 3] == 0 {
                    continue;
                }
                let t = ((usize::from(f.top) + y) * w as usize + usize::from(f.left) + x) * 4;
                canvas[t..t + 4].copy_from_slice(&f.buffer[s..s + 4]);
            }
        }
        frames.push((f.delay, canvas.clone()));
    }
    Decoded { size: (w, h), infinite: d.repeat() == gif::Repeat::Infinite, frames }
}

/// The centre of the pixels within 10 (squared distance 100) of `colour`
/// inside `map`'s plot, and how many there are.
fn find(rgba: &[u8], width: u32, map: &PixelMap, colour: RGBColor) -> Option<((f64, f64), usize)> {
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
    let (x0, x1) = (map.px.0.floor() as i64 - 12, map.px.1.ceil() as i64 + 12);
    let (y0, y1) = (map.py.0.floor() as i64 - 12, map.py.1.ceil() as i64 + 12);
    let height = rgba.len() as i64 / 4 / i64::from(width);
    for y in y0.max(0)..y1.min(height) {
        for x in x0.max(0)..x1.min(i64::from(width)) {
            let i = (y as usize * width as usize + x as usize) * 4;
            let d: i32 = [colour.0, colour.1, colour.2]
                .iter()
                .zip(&rgba[i..i + 3])
                .map(|(a, b)| (i32::from(*a) - i32::from(*b)).pow(2))
                .sum();
            if d <= 100 {
                sx += x as f64 + 0.5;
                sy += y as f64 + 0.5;
                n += 1;
            }
        }
    }
    (n > 0).then(|| ((sx / n as f64, sy / n as f64), n))
}

/// The fonts `make test` installs (`scripts/setup.sh fonts`). Without them
/// the picture tests fail, unless `DOWNHILL_NO_FONTS=1` says to skip them.
fn fonts(lang: Lang) -> Option<Fonts> {
    match Fonts::find(lang) {
        Ok(f) => Some(f),
        Err(why) if std::env::var_os("DOWNHILL_NO_FONTS").is_some() => {
            eprintln!("skipped (DOWNHILL_NO_FONTS): {why}");
            None
        }
        Err(why) => panic!("{why} (or set DOWNHILL_NO_FONTS=1 to skip the picture tests)"),
    }
}

fn args(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_owned).collect()
}

fn job(line: &str) -> cli::Job {
    parse_args(&args(line)).expect("accepted").expect("a job")
}

fn style(job: &cli::Job) -> Style {
    Style {
        palette: if job.theme == crate::settings::Theme::Dark { DARK } else { LIGHT },
        scale: 1.0,
        lang: job.lang,
    }
}

/// Where the balls of `job`'s subject are at `t = steps`, at rest, in
/// picture pixels: one per chart.
fn expected_balls(job: &cli::Job, fonts: &Fonts) -> Vec<(f64, f64)> {
    let mut end = job.subject.clone();
    end.advance(job.steps);
    let (_, maps) = picture_and_maps(&end, AT_REST_MS, job.size, &style(job), fonts).expect("drawn");
    let (ws, l): (Vec<f64>, Landscape) = match &end {
        Subject::Descent(m) => (vec![m.run().w()], *m.run().landscape()),
        Subject::Lab(m) => (m.snapshot().runs.iter().map(|r| r.w).collect(), m.landscape()),
        _ => (vec![], Landscape::default()),
    };
    maps.iter().zip(ws).map(|(m, w)| m.to_pixel(w, l.loss(w))).collect()
}

fn maps_at_rest(job: &cli::Job, fonts: &Fonts, steps: usize) -> Vec<PixelMap> {
    let mut s = job.subject.clone();
    s.advance(steps);
    picture_and_maps(&s, AT_REST_MS, job.size, &style(job), fonts).expect("drawn").1
}

fn assert_near(found: (f64, f64), want: (f64, f64), what: &str) {
    let d = ((found.0 - want.0).powi(2) + (found.1 - want.1).powi(2)).sqrt();
    assert!(d <= 2.0, "{what}: ball found at {found:?}, the maths puts it at {want:?} ({d:.2} px off)");
}

/// 实验二 as the post's GIF: 450 × 315, w₀ = 0 → w₂₀ = 2.9654, looping.
fn check_experiment_two(bytes: &[u8], job: &cli::Job, fonts: &Fonts, ball: RGBColor) {
    let gif = decode(bytes);
    assert_eq!(gif.size, job.size);
    assert!(gif.infinite, "the GIF loops forever");
    // One frame per step at least, plus the flights in between.
    assert!(gif.frames.len() > 2 * job.steps, "{} frames for {} steps", gif.frames.len(), job.steps);
    let total_ms: f64 = gif.frames.iter().map(|(d, _)| f64::from(*d) * 10.0).sum();
    let Subject::Descent(m) = &job.subject else { panic!("descent") };
    let interval = m.interval_ms();
    // t = 0 shown one interval, a step every interval, the last flight, the hold.
    let want = interval * job.steps as f64 + HOLD_MS;
    assert!((total_ms - want).abs() <= interval, "plays {total_ms} ms, {want} ms expected");
    let (last_delay, _) = gif.frames.last().expect("frames");
    assert!(f64::from(*last_delay) * 10.0 >= HOLD_MS, "the last frame is held ~2 s");
    for (d, _) in &gif.frames {
        assert!(*d >= 2, "a delay under 2 cs plays as 10 cs in browsers");
    }
    // The ball at w = 0 in the first frame, at w₂₀ in the last.
    let first_map = &maps_at_rest(job, fonts, 0)[0];
    let l = Landscape::default();
    let (found, _) = find(&gif.frames[0].1, gif.size.0, first_map, ball).expect("the ball in the first frame");
    assert_near(found, first_map.to_pixel(0.0, l.loss(0.0)), "first frame");
    let want = expected_balls(job, fonts)[0];
    let last_map = &maps_at_rest(job, fonts, job.steps)[0];
    let (found, _) = find(&gif.frames.last().expect("frames").1, gif.size.0, last_map, ball).expect("the ball in the last frame");
    assert_near(found, want, "last frame");
    let Subject::Descent(_) = &job.subject else { unreachable!() };
    let w20 = last_map.to_data(found.0, found.1).0;
    assert!((w20 - 2.9654).abs() < 0.05, "the ball reads w = {w20}");
}

/// 实验三: the three balls at step 20 where the post's table puts them.
fn check_experiment_three(bytes: &[u8], job: &cli::Job, fonts: &Fonts) {
    let gif = decode(bytes);
    assert_eq!(gif.size, job.size);
    assert!(gif.infinite);
    assert!(gif.frames.len() > 2 * job.steps);
    let wants = expected_balls(job, fonts);
    let maps = maps_at_rest(job, fonts, job.steps);
    let last = &gif.frames.last().expect("frames").1;
    for (i, (want, map)) in wants.iter().zip(&maps).enumerate() {
        let (found, _) = find(last, gif.size.0, map, RUN_COLOURS[i]).expect("each run's ball");
        assert_near(found, *want, &format!("run {i}"));
    }
    let mut end = job.subject.clone();
    end.advance(job.steps);
    let Subject::Lab(m) = &end else { panic!("the lab") };
    let titles = super::subject::lab_titles(m, job.lang);
    let table = [("2.1297", "1.7575"), ("3.0000", "1.0000"), ("-3145725.0000", "9895604649985.0000")];
    for (title, (w, l)) in titles.iter().zip(table) {
        assert_eq!(title[1], format!("w = {w} · L = {l}"), "the post's table, after 20 steps");
    }
    assert!(titles[0][0].contains("太小") && titles[1][0].contains("刚好") && titles[2][0].contains("太大"), "{titles:?}");
}

#[test]
fn make_post_gifs_writes_the_posts_two_animations_for_its_own_text() {
    let Some(fonts) = fonts(Lang::Zh) else { return };
    let dir = scratch("post");
    assert_eq!(cli::main_with(&["--post-gifs".into(), dir.to_string_lossy().into_owned()]), 0);
    let descent = job(&post_gif_args(0, &dir).join(" "));
    assert_eq!((descent.size, descent.lang, descent.steps), ((450, 315), Lang::Zh, 20));
    let bytes = std::fs::read(dir.join(POST_GIFS[0].0)).expect("gradient_descent.gif");
    check_experiment_two(&bytes, &descent, &fonts, LIGHT.ball);
    let lab = job(&post_gif_args(1, &dir).join(" "));
    assert_eq!((lab.size, lab.steps), ((810, 288), 20));
    let bytes = std::fs::read(dir.join(POST_GIFS[1].0)).expect("learning_rate.gif");
    check_experiment_three(&bytes, &lab, &fonts);
}

#[test]
fn a_dark_english_descent_gif_has_its_ball_where_the_maths_says() {
    let Some(fonts) = fonts(Lang::En) else { return };
    let j = job("--query widget=descent&steps=12&theme=dark&autoplay=1 --lang en --size 400x300 --fps 10 -o x.gif");
    assert_eq!((j.format, j.theme, j.lang), (Format::Gif, crate::settings::Theme::Dark, Lang::En));
    let bytes = cli::render(j.clone(), &fonts).expect("rendered");
    let gif = decode(&bytes);
    // The background is the dark theme's.
    let bg = &gif.frames[0].1[..3];
    assert_eq!(bg, &[DARK.background.0, DARK.background.1, DARK.background.2]);
    let want = expected_balls(&j, &fonts)[0];
    let map = &maps_at_rest(&j, &fonts, 12)[0];
    let (found, _) = find(&gif.frames.last().expect("frames").1, gif.size.0, map, DARK.ball).expect("the ball");
    assert_near(found, want, "dark, step 12");
}

#[test]
fn a_png_shows_the_state_after_steps() {
    let Some(fonts) = fonts(Lang::En) else { return };
    for (line, colours) in [
        ("--widget descent --lr 0.3 --steps 3 --size 500x360 -o a.png", vec![LIGHT.ball]),
        ("--query widget=lr-compare&steps=20 --size 900x320 -o a.png", RUN_COLOURS.to_vec()),
    ] {
        let j = job(line);
        let bytes = cli::render(j.clone(), &fonts).expect("rendered");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).expect("pixels");
        assert_eq!((info.width, info.height), j.size);
        assert_eq!(info.color_type, png::ColorType::Rgb);
        let rgba: Vec<u8> = rgb[..info.buffer_size()].chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
        let maps = maps_at_rest(&j, &fonts, j.steps);
        for ((want, map), colour) in expected_balls(&j, &fonts).iter().zip(&maps).zip(colours) {
            let (found, _) = find(&rgba, info.width, map, colour).expect("the ball");
            assert_near(found, *want, line);
        }
    }
}

#[test]
fn a_backprop_gif_shows_one_picture_per_stage() {
    let Some(fonts) = fonts(Lang::En) else { return };
    let j = job("--widget backprop --steps 10 --speed 2 --size 480x300 -o bp.gif");
    let gif = decode(&cli::render(j, &fonts).expect("rendered"));
    // t = 0 and each of the 10 stages, each for one 350 ms interval, the last held.
    assert_eq!(gif.frames.len(), 11);
    let delays: Vec<u16> = gif.frames.iter().map(|f| f.0).collect();
    assert!(delays[..10].iter().all(|&d| d == 35), "a stage every 350 ms exactly: {delays:?}");
    assert!(delays[10] >= 200, "{delays:?}");
    // Stages change the picture: no two neighbours are the same.
    assert!(gif.frames.windows(2).all(|w| w[0].1 != w[1].1));
}

#[test]
fn a_landscape_from_the_link_is_drawn_and_its_balls_land_in_their_valleys() {
    let Some(fonts) = fonts(Lang::En) else { return };
    // The double well from w0 = 2 ends in its shallower right valley.
    let j = job("--query widget=descent&landscape=double-well&w0=2&lr=0.1&steps=60 --size 600x400 -o x.png");
    let Subject::Descent(m) = &j.subject else { panic!("descent") };
    assert_eq!(*m.run().landscape(), Landscape::DoubleWell);
    let mut end = j.subject.clone();
    end.advance(j.steps);
    let Subject::Descent(e) = &end else { panic!("descent") };
    let right = Landscape::DoubleWell.local_minima()[1].0;
    assert!((e.run().w() - right).abs() < 1e-3, "ends at {}", e.run().w());
    let bytes = cli::render(j.clone(), &fonts).expect("rendered");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG");
    let mut rgb = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut rgb).expect("pixels");
    let rgba: Vec<u8> = rgb[..info.buffer_size()].chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
    let map = &maps_at_rest(&j, &fonts, j.steps)[0];
    // The view shows both valleys.
    assert!(map.view.x0 <= -2.5 && map.view.x1 >= 2.5, "{:?}", map.view);
    let (found, _) = find(&rgba, info.width, map, LIGHT.ball).expect("the ball");
    assert_near(found, expected_balls(&j, &fonts)[0], "double well");
    // The lab takes the landscape too.
    let lab = job("--query widget=lr-compare&landscape=cliff&steps=5 -o lab.gif");
    let Subject::Lab(l) = &lab.subject else { panic!("the lab") };
    assert_eq!(l.landscape(), Landscape::Cliff);
}

#[test]
fn bad_input_is_refused_in_one_line_with_status_2_and_nothing_written() {
    let dir = scratch("refused");
    let out = dir.join("x.gif").to_string_lossy().into_owned();
    let cases: Vec<(String, &str)> = vec![
        (format!("--query widget=nope -o {out}"), "widget"),
        (format!("--widget descent --size 0x300 -o {out}"), "size"),
        (format!("--widget descent --size 4097x300 -o {out}"), "size"),
        (format!("--widget descent --size 300 -o {out}"), "size"),
        (format!("--widget descent --steps 501 --format gif -o {out}"), "steps"),
        (format!("--widget descent --steps 5001 --format png -o {out}"), "steps"),
        (format!("--widget descent --lr abc -o {out}"), "lr"),
        (format!("--widget mse --format gif -o {out}"), "animate"),
        (format!("--widget microgpt -o {out}"), "page"),
        (format!("--widget descent --fps 0 -o {out}"), "fps"),
        (format!("--widget descent --fps 60 -o {out}"), "fps"),
        ("--widget descent".to_owned(), "-o"),
        ("--widget descent -o /nonexistent-dir/x.gif".to_owned(), "cannot write"),
        (format!("--widget descent --format png -o {}", dir.to_string_lossy()), "directory"),
        (format!("--bogus 1 -o {out}"), "unknown option"),
        (format!("--query widget=descent&stpes=20 -o {out}"), "unknown key"),
        (format!("--widget descent --lr0 0.5 -o {out}"), "does not apply"),
        (format!("--widget mse --steps 3 -o {out}"), "does not apply"),
        (format!("--widget descent --format gif -o {}", dir.join("x.png").display()), "disagree"),
        (format!("--widget descent -o {}", dir.join("x.jpg").display()), ".png or .gif"),
        (format!("--widget loss -o {out}"), "mse"),
        (format!("--widget descent --landscape sinn -o {out}"), "landscape"),
        (format!("--widget backprop --landscape bumpy -o {out}"), "does not apply"),
    ];
    for (line, about) in cases {
        let args = args(&line);
        let failure = parse_args(&args).and_then(|j| match j {
            Some(j) => cli::run(j).map(|_| ()),
            None => Ok(()),
        });
        let Err(f) = failure else { panic!("{line}: accepted") };
        let text = f.to_string();
        assert!(matches!(f, Failure::Refused(_)) && f.code() == 2, "{line}: {text}");
        assert!(!text.contains('\n') && text.contains(about), "{line}: “{text}” should say {about}");
        assert_eq!(cli::main_with(&args), 2, "{line}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir).expect("dir").collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
}

#[test]
fn zh_needs_a_chinese_font_and_names_the_package() {
    let empty = scratch("no-fonts");
    let Err(why) = Fonts::find_under(Lang::Zh, &empty) else { panic!("a font in an empty directory") };
    assert!(why.contains("apt-get install fonts-wqy-microhei") && !why.contains('\n'), "{why}");
    let Err(why) = Fonts::find_under(Lang::En, &empty) else { panic!("a font in an empty directory") };
    assert!(why.contains("fonts-dejavu-core"), "{why}");
    // Where the packages are installed, both languages find their fonts.
    if Path::new(super::raster::CJK_FONTS[0].0).exists() {
        assert!(Fonts::find(Lang::Zh).is_ok() && Fonts::find(Lang::En).is_ok());
    }
}

/// A film in which every step is a picture, and every hold is counted.
#[derive(Default)]
struct Log {
    shots: Vec<(usize, f64)>,
    held: f64,
}

impl Camera<Subject> for Log {
    type Error = ();
    fn shoot(&mut self, reel: &Subject, now: f64) -> Result<(), ()> {
        self.shots.push((reel.t(), now));
        Ok(())
    }
    fn hold(&mut self, ms: f64) -> Result<(), ()> {
        self.held += ms;
        Ok(())
    }
}

#[test]
fn a_film_shows_every_step_its_flights_and_holds_the_end() {
    let (settings, _) = crate::settings::parse_query("widget=descent&lr=0.1&speed=2");
    let mut subject = Subject::from_settings(&settings).expect("descent");
    let mut log = Log::default();
    let shots = film::roll(&mut subject, 5, 25.0, &mut log).expect("rolled");
    assert_eq!(shots, log.shots.len());
    assert_eq!(subject.t(), 5);
    for t in 0..=5 {
        assert!(log.shots.iter().any(|s| s.0 == t), "step {t} is seen");
    }
    // Flights are filmed: several pictures per step, none repeated while at rest.
    assert!(log.shots.len() >= 5 * 4, "{} pictures", log.shots.len());
    // 5 steps at 350 ms, the first after one interval, then the hold.
    assert!((log.held - (5.0 * 350.0 + 2000.0)).abs() <= 350.0, "{}", log.held);
    // A diverging run stops when it cannot move and the film still ends.
    let (settings, _) = crate::settings::parse_query("widget=descent&lr=50");
    let mut subject = Subject::from_settings(&settings).expect("descent");
    let mut log = Log::default();
    film::roll(&mut subject, 500, 50.0, &mut log).expect("rolled");
    assert!(subject.t() < 500, "diverged before 500 steps");
}

#[test]
fn the_gif_writer_merges_repeats_crops_changes_and_keeps_delays_on_the_grid() {
    let (w, h) = (8u32, 6u32);
    let plain = vec![200u8; (w * h * 4) as usize];
    let mut dot = plain.clone();
    let i = ((2 * w + 3) * 4) as usize;
    dot[i..i + 3].copy_from_slice(&[10, 20, 30]);
    for palette in [None, Some(SharedPalette::from_samples(&[&plain, &dot]))] {
        let mut g = GifWriter::new(Vec::new(), w, h, palette).expect("writer");
        g.push(&plain).expect("frame");
        g.hold(33.3);
        g.push(&plain).expect("a repeat");
        g.hold(33.3);
        g.push(&dot).expect("frame");
        g.hold(33.4);
        g.push(&plain).expect("frame");
        g.hold(2000.0);
        let gif = decode(&g.finish().expect("finished"));
        let delays: Vec<u16> = gif.frames.iter().map(|f| f.0).collect();
        assert_eq!(delays, vec![7, 3, 200], "repeats merged, rounding not accumulated");
        assert_eq!(&gif.frames[1].1[i..i + 3], &[10, 20, 30]);
        assert_eq!(&gif.frames[2].1[i..i + 3], &[200, 200, 200]);
    }
    // A frame shorter than the 2 cs minimum is stretched, and the next one
    // gives the time back: the steps keep their rhythm.
    let mut g = GifWriter::new(Vec::new(), w, h, None).expect("writer");
    for (i, ms) in [340.0, 5.0, 345.0, 350.0].into_iter().enumerate() {
        g.push(if i % 2 == 0 { &plain } else { &dot }).expect("frame");
        g.hold(ms);
    }
    let delays: Vec<u16> = decode(&g.finish().expect("finished")).frames.iter().map(|f| f.0).collect();
    assert_eq!(delays, vec![34, 2, 33, 35], "ends at 1040 ms as the clock does");
    assert!(GifWriter::new(Vec::new(), 0, 5, None).is_err());
    assert!(GifWriter::new(Vec::new(), 5, 4097, None).is_err());
    let mut g = GifWriter::new(Vec::new(), 2, 2, None).expect("writer");
    assert!(g.push(&[0; 15]).is_err(), "a frame of the wrong length is refused");
}

/// An empty directory of its own under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/test-export")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn a_replay_retraces_a_run_whose_eta_changed_part_way() {
    use crate::widgets::backprop::BackpropModel;
    use crate::widgets::descent::DescentModel;
    let mut m = DescentModel::default();
    for _ in 0..3 {
        m.step(0.0);
    }
    m.set_lr(0.5).expect("η");
    for _ in 0..4 {
        m.step(0.0);
    }
    m.set_lr(0.02).expect("η"); // in force now, not used yet
    let (mut s, steps) = Subject::replay_descent(&m);
    assert_eq!(steps, 7);
    s.advance(steps);
    let Subject::Descent(r) = &s else { panic!("descent") };
    assert_eq!(r.run().history(), m.run().history(), "every iterate, with its η");
    assert_eq!(r.run().lr(), 0.02);

    let mut b = BackpropModel::default();
    b.train(2);
    b.set_lr(0.05).expect("η");
    b.train(1);
    b.next();
    b.next();
    let (mut s, stages) = Subject::replay_backprop(&b);
    assert_eq!(stages, 3 * 8 + 2);
    s.advance(stages);
    let Subject::Backprop(r) = &s else { panic!("backprop") };
    assert_eq!(r.snapshot(), b.snapshot(), "the same values, gradients and losses");
}

#[test]
fn pictures_of_any_allowed_size_draw() {
    let Some(fonts) = fonts(Lang::En) else { return };
    for size in ["1x1", "4096x1", "1x4096", "3x7", "40x30"] {
        for widget in ["descent", "lr-compare", "backprop", "mse", "cross-entropy"] {
            let steps = if matches!(widget, "mse" | "cross-entropy") { "" } else { " --steps 3" };
            let j = job(&format!("--widget {widget}{steps} --size {size} -o x.png"));
            let bytes = cli::render(j, &fonts).unwrap_or_else(|e| panic!("{widget} at {size}: {e}"));
            assert!(bytes.starts_with(b"\x89PNG"), "{widget} at {size}");
        }
    }
}
