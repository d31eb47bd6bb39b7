//! `downhill-render`: a widget as a PNG or an animated GIF, from the command
//! line, with the settings a link carries. See `downhill-render --help`.
//! Reading the arguments is in `args`; this file draws, encodes and writes.

mod args;

pub use args::{parse_args, post_gif_args, Format, Job, POST_GIFS, USAGE};

use super::recording::{Painter, RecordError, Recording};
use super::raster::{Fonts, Raster};
use super::subject::{self, Subject, AT_REST_MS};
use crate::render::{Style, DARK, LIGHT};
use crate::settings::Theme;
use crate::view::PixelMap;
use plotters::prelude::IntoDrawingArea;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the command stopped: refused input (exit 2) or a failure (exit 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The request cannot be done as asked; one line says why.
    Refused(String),
    /// Drawing or encoding failed.
    Failed(String),
}

impl Failure {
    /// The exit status: 2 refused, 1 failed.
    pub fn code(&self) -> i32 {
        match self {
            Failure::Refused(_) => 2,
            Failure::Failed(_) => 1,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Refused(why) => write!(f, "downhill-render: refused: {why}"),
            Failure::Failed(why) => write!(f, "downhill-render: failed: {why}"),
        }
    }
}

fn refuse<T>(why: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Refused(why.into()))
}

/// Draws the job and writes its file: all or nothing (a temporary file
/// beside the target, renamed when complete). Returns the bytes written.
///
/// # Errors
/// [`Failure::Refused`] for a missing font or an unwritable path;
/// [`Failure::Failed`] when drawing or encoding fails.
pub fn run(job: Job) -> Result<usize, Failure> {
    let fonts = Fonts::find(job.lang).map_err(Failure::Refused)?;
    check_writable(&job.output)?;
    let bytes = render(job.clone(), &fonts)?;
    write_whole(&job.output, &bytes)?;
    Ok(bytes.len())
}

/// The file's bytes for `job`.
///
/// # Errors
/// [`Failure::Failed`] when drawing or encoding fails.
pub fn render(job: Job, fonts: &Fonts) -> Result<Vec<u8>, Failure> {
    let style = Style {
        palette: if job.theme == Theme::Dark { DARK } else { LIGHT },
        scale: 1.0,
        lang: job.lang,
    };
    let mut subject = job.subject;
    match job.format {
        Format::Png => {
            subject.advance(job.steps);
            let rgba = picture(&subject, AT_REST_MS, job.size, &style, fonts)?;
            encode_png(&rgba, job.size)
        }
        Format::Gif => {
            let mut painter = RasterPainter { size: job.size, style, fonts };
            let failed = |e: RecordError<Failure>| match e {
                RecordError::Paint(f) => f,
                RecordError::Gif(e) => Failure::Failed(e.to_string()),
            };
            let mut recording = Recording::start(subject, job.steps, job.fps, job.size, &mut painter).map_err(failed)?;
            while !recording.work(&mut painter, 64).map_err(failed)? {}
            recording.finish().map_err(|e| Failure::Failed(e.to_string()))
        }
    }
}

/// Pictures up to this many pixels are drawn at twice their size and
/// averaged down: plotters' bitmap backend does not smooth its lines.
const SUPERSAMPLE_MAX_PIXELS: u64 = 4_000_000;

/// `subject` at `now_ms` as RGBA bytes (opaque), drawn at twice the size (and twice
/// the style's scale) and averaged 2 × 2 when it is not too large.
fn picture(subject: &Subject, now_ms: f64, size: (u32, u32), style: &Style, fonts: &Fonts) -> Result<Vec<u8>, Failure> {
    picture_and_maps(subject, now_ms, size, style, fonts).map(|(rgba, _)| rgba)
}

/// [`picture`], and the pixel ↔ data mapping of each chart with a ball, in
/// the picture's pixels (the tests find the balls through them).
///
/// # Errors
/// [`Failure::Failed`] when drawing fails.
pub fn picture_and_maps(
    subject: &Subject,
    now_ms: f64,
    size: (u32, u32),
    style: &Style,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Vec<PixelMap>), Failure> {
    let k: u32 = if u64::from(size.0) * u64::from(size.1) <= SUPERSAMPLE_MAX_PIXELS { 2 } else { 1 };
    let big = (size.0 * k, size.1 * k);
    let mut rgb = vec![0u8; big.0 as usize * big.1 as usize * 3];
    let maps = {
        let look = Style { scale: style.scale * f64::from(k), ..*style };
        let area = Raster::new(&mut rgb, big, fonts).into_drawing_area();
        let maps = subject::draw(&area, subject, now_ms, &look).map_err(|e| Failure::Failed(format!("drawing failed: {e}")))?;
        area.present().map_err(|e| Failure::Failed(format!("drawing failed: {e}")))?;
        maps
    };
    // A pixel edge at 2x is at x/2 in the picture.
    let k = f64::from(k);
    let maps = maps
        .into_iter()
        .map(|m| PixelMap { px: (m.px.0 / k, m.px.1 / k), py: (m.py.0 / k, m.py.1 / k), view: m.view })
        .collect();
    Ok((to_rgba(&rgb, size, k as u32), maps))
}

/// An RGB picture `k` times `size` (k = 1 or 2) as opaque RGBA of `size`,
/// each pixel the average of its k × k.
fn to_rgba(rgb: &[u8], (w, h): (u32, u32), k: u32) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let mut out = vec![255u8; w * h * 4];
    if k == 1 {
        for (o, i) in out.chunks_exact_mut(4).zip(rgb.chunks_exact(3)) {
            o[..3].copy_from_slice(i);
        }
        return out;
    }
    let stride = w * 2 * 3;
    for (y, row) in out.chunks_exact_mut(w * 4).enumerate() {
        let r0 = &rgb[2 * y * stride..(2 * y + 1) * stride];
        let r1 = &rgb[(2 * y + 1) * stride..(2 * y + 2) * stride];
        for (x, o) in row.chunks_exact_mut(4).enumerate() {
            let i = 6 * x;
            for c in 0..3 {
                let sum = u16::from(r0[i + c]) + u16::from(r0[i + 3 + c]) + u16::from(r1[i + c]) + u16::from(r1[i + 3 + c]);
                o[c] = ((sum + 2) / 4) as u8;
            }
        }
    }
    out
}

struct RasterPainter<'a> {
    size: (u32, u32),
    style: Style,
    fonts: &'a Fonts,
}

impl Painter for RasterPainter<'_> {
    type Error = Failure;
    fn paint(&mut self, subject: &Subject, now_ms: f64) -> Result<Vec<u8>, Failure> {
        picture(subject, now_ms, self.size, &self.style, self.fonts)
    }
}

fn encode_png(rgba: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, Failure> {
    let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let failed = |e: png::EncodingError| Failure::Failed(format!("PNG encoding failed: {e}"));
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&rgb).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// The temporary file a write goes through.
fn temporary(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".{}.part", std::process::id()));
    path.with_file_name(name)
}

/// Refuses a path that cannot be written before any drawing is done.
fn check_writable(path: &Path) -> Result<(), Failure> {
    let cannot = |why: String| Failure::Refused(format!("cannot write {}: {why}", path.display()));
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(cannot("not a file name".into()));
    }
    if path.is_dir() {
        return Err(cannot("it is a directory".into()));
    }
    let probe = temporary(path);
    std::fs::File::create(&probe).map_err(|e| cannot(e.to_string()))?;
    std::fs::remove_file(&probe).map_err(|e| cannot(e.to_string()))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it. (The
/// path was found writable before drawing: a failure now, a full disk, is a
/// failure, not a refusal.)
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let cannot = |e: std::io::Error| Failure::Failed(format!("cannot write {}: {e}", path.display()));
    let part = temporary(path);
    let written = std::fs::File::create(&part)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&part, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(cannot(e));
    }
    Ok(())
}

/// The whole command: parse, draw, write; prints what went wrong on one line.
/// Returns the exit status.
pub fn main_with(args: &[String]) -> i32 {
    if let [flag, dir] = args {
        if flag == "--post-gifs" {
            let dir = Path::new(dir);
            // Stops at the first failure: it says why, and the next would too.
            for i in 0..POST_GIFS.len() {
                let status = main_with(&post_gif_args(i, dir));
                if status != 0 {
                    return status;
                }
            }
            return 0;
        }
    }
    match parse_args(args).and_then(|job| match job {
        None => {
            println!("{USAGE}");
            Ok(None)
        }
        Some(job) => {
            let path = job.output.clone();
            run(job).map(|n| Some((path, n)))
        }
    }) {
        Ok(Some((path, n))) => {
            eprintln!("downhill-render: wrote {} ({n} bytes)", path.display());
            0
        }
        Ok(None) => 0,
        Err(f) => {
            eprintln!("{f}");
            f.code()
        }
    }
}
