//! The exports, checked as a reader would: decode the files, count the
//! frames, find the balls by their colour where the maths puts them. This
//! file holds what the tests share; `pictures` checks the files, `refusals`
//! the command's refusals, `parts` the film, the GIF writer and the replays.

mod parts;
mod pictures;
mod refusals;

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
        Subject::Descent(m) => (vec![m.run().w()], m.run().landscape().clone()),
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

/// An empty directory of its own under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/test-export")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
