//! `downhill-render`: a widget as a PNG or an animated GIF, from the command
//! line, with the settings a link carries. See `downhill-render --help`.

use super::film::FPS_RANGE;
use super::recording::{Painter, RecordError, Recording};
use super::gif::MAX_SIDE;
use super::raster::{Fonts, Raster};
use super::subject::{self, Subject, AT_REST_MS};
use crate::i18n::Lang;
use crate::render::{Style, DARK, LIGHT};
use crate::settings::{parse_query, Notice, Problem, Theme};
use crate::view::PixelMap;
use plotters::prelude::IntoDrawingArea;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The help text.
pub const USAGE: &str = "\
downhill-render: a Downhill widget as a PNG or an animated GIF

usage: downhill-render [--query 'widget=lr-compare&steps=20&lang=zh'] [--KEY VALUE ...]
                       [--size WxH] [--format gif|png] [--fps N] [--theme light|dark]
                       [--lang zh|en] -o FILE

  --query Q      the settings of a link (its query string); flags override it
  --KEY VALUE    any key a link takes: widget, landscape, lr, lr0, lr1, lr2, w0,
                 steps, speed
  --size WxH     picture size in pixels, each side 1 to 4096 (default: by widget)
  --format F     gif or png (default: from the file name, .gif or .png)
  --fps N        GIF frames per second, 1 to 50 (default 25)
  --theme T      light (default) or dark
  --lang L       en (default) or zh; zh needs a Chinese font (fonts-wqy-microhei)
  -o FILE        where to write; nothing is written if anything fails
  --post-gifs DIR  (alone) the post's two animations, gradient_descent.gif
                 and learning_rate.gif, for its text (`make post-gifs`)

A PNG shows the widget after `steps` steps; a GIF plays the run from t = 0 to
`steps` (default 20) as the page does, then holds the last frame 2 s, looping.
Widgets: descent, lr-compare, backprop (steps = stages) as PNG or GIF; mse,
cross-entropy as PNG. microgpt trains in the page only.
Exit status: 0 written, 2 refused (the reason on one line), 1 failed.";

/// The post's two animations, remade for its own text (light theme, in
/// Chinese): `(file name, arguments)`. Speed 2 plays 20 steps in 7 s, as long
/// as the post's own GIFs.
pub const POST_GIFS: [(&str, &str); 2] = [
    (
        "gradient_descent.gif",
        "--query widget=descent&lr=0.1&w0=0&steps=20&speed=2&lang=zh&theme=light --size 450x315 --fps 20",
    ),
    (
        "learning_rate.gif",
        "--query widget=lr-compare&lr0=0.03&lr1=0.3&lr2=1.5&w0=0&steps=20&speed=2&lang=zh&theme=light --size 810x288 --fps 20",
    ),
];

/// The arguments of post GIF `i` writing into `dir`.
pub fn post_gif_args(i: usize, dir: &Path) -> Vec<String> {
    let (name, args) = POST_GIFS[i % POST_GIFS.len()];
    let mut v: Vec<String> = args.split(' ').map(str::to_owned).collect();
    v.push("-o".into());
    v.push(dir.join(name).to_string_lossy().into_owned());
    v
}

/// PNG or GIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One picture, the state after `steps`.
    Png,
    /// The run from t = 0 to `steps`.
    Gif,
}

/// A checked request.
#[derive(Clone, Debug)]
pub struct Job {
    /// What to draw, at t = 0.
    pub subject: Subject,
    /// Steps to take.
    pub steps: usize,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// PNG or GIF.
    pub format: Format,
    /// GIF frames per second.
    pub fps: f64,
    /// Colours and language.
    pub lang: Lang,
    /// Light or dark.
    pub theme: Theme,
    /// The file to write.
    pub output: PathBuf,
}

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

/// Reads the arguments (without the program name) into a checked [`Job`].
/// `Ok(None)` asks for the help text.
///
/// # Errors
/// [`Failure::Refused`] naming the first bad argument and why.
pub fn parse_args(args: &[String]) -> Result<Option<Job>, Failure> {
    let mut query: Vec<String> = Vec::new();
    let mut from_query = String::new();
    let (mut size, mut format, mut fps, mut output) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        if !flag.starts_with('-') {
            return refuse(format!("unexpected argument “{arg}” (see --help)"));
        }
        let Some(value) = inline.or_else(|| it.next().cloned()) else {
            return refuse(format!("{flag} needs a value"));
        };
        match flag {
            "--query" => from_query = value.trim_start_matches('?').to_owned(),
            "--size" => size = Some(parse_size(&value)?),
            "--format" => {
                format = Some(match value.as_str() {
                    "gif" => Format::Gif,
                    "png" => Format::Png,
                    _ => return refuse(format!("--format “{value}”: gif or png")),
                })
            }
            "--fps" => {
                let f: f64 = value.parse().unwrap_or(f64::NAN);
                if !(f >= FPS_RANGE.0 && f <= FPS_RANGE.1) {
                    return refuse(format!("--fps “{value}”: a number from 1 to 50 (a GIF cannot play faster)"));
                }
                fps = Some(f);
            }
            "-o" | "--output" => output = Some(PathBuf::from(value)),
            "--theme" | "--lang" | "--widget" | "--landscape" | "--lr" | "--lr0" | "--lr1" | "--lr2" | "--w0" | "--steps" | "--speed" => {
                query.push(format!("{}={}", &flag[2..], encode(&value)));
            }
            _ => return refuse(format!("unknown option {flag} (see --help)")),
        }
    }
    let Some(output) = output else {
        return refuse("no output file: give -o FILE");
    };
    // Flags first: for a repeated key the first one counts.
    if !from_query.is_empty() {
        query.push(from_query);
    }
    let query = query.join("&");
    let (settings, notices) = parse_query(&query);
    if let Some(n) = notices.first() {
        return refuse(notice_line(n));
    }
    check_keys(&query, settings.widget.unwrap_or("descent"))?;
    let by_name = match output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("gif") => Some(Format::Gif),
        Some("png") => Some(Format::Png),
        _ => None,
    };
    let format = match (format, by_name) {
        (Some(f), Some(n)) if f != n => {
            return refuse(format!("--format and the file name {} disagree: name it .gif or .png to match", output.display()))
        }
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => return refuse(format!("{}: name it .png or .gif, or give --format", output.display())),
    };
    let subject = Subject::from_settings(&settings).map_err(Failure::Refused)?;
    let gif = format == Format::Gif;
    if gif && !subject.animates() {
        return refuse(format!(
            "{} has no run to animate: use --format png",
            settings.widget.unwrap_or("this widget")
        ));
    }
    let limit = subject.max_steps(gif);
    let steps = match settings.steps {
        Some(s) if s as usize > limit => {
            let what = if gif { "a GIF plays" } else { "this widget takes" };
            return refuse(format!("steps={s}: {what} at most {limit} steps"));
        }
        Some(s) => s as usize,
        None if gif => 20,
        None => 0,
    };
    let size = size.unwrap_or(match subject {
        Subject::Lab(_) => (900, 320),
        _ => (640, 420),
    });
    Ok(Some(Job {
        subject,
        steps,
        size,
        format,
        fps: fps.unwrap_or(25.0),
        lang: Lang::from_code(settings.lang.unwrap_or("en")),
        theme: settings.theme.unwrap_or(Theme::Light),
        output,
    }))
}

/// Keys of a link that change `widget`'s picture (besides `widget`, `lang`
/// and `theme`); `autoplay` and `compact` change no picture and are let by.
fn keys_for(widget: &str) -> &'static [&'static str] {
    match widget {
        "descent" => &["landscape", "lr", "w0", "steps", "speed"],
        "lr-compare" => &["landscape", "lr0", "lr1", "lr2", "w0", "steps", "speed"],
        "backprop" => &["steps", "speed"],
        _ => &[],
    }
}

/// Refuses a key no link knows (a typo such as `stpes=20` would otherwise
/// give a default picture without a word) and a key that does not apply to
/// the widget (`lr0` on descent).
fn check_keys(query: &str, widget: &str) -> Result<(), Failure> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        if !crate::settings::KEYS.contains(&key) {
            return refuse(format!("unknown key “{key}” (a link takes {})", crate::settings::KEYS.join(", ")));
        }
        let always = ["widget", "lang", "theme", "autoplay", "compact"];
        if !always.contains(&key) && !keys_for(widget).contains(&key) {
            let takes = keys_for(widget);
            let what = if takes.is_empty() { "nothing else".to_owned() } else { takes.join(", ") };
            return refuse(format!("{key} does not apply to {widget} (it takes {what})"));
        }
    }
    Ok(())
}

/// `WxH` with each side in 1..=[`MAX_SIDE`].
fn parse_size(value: &str) -> Result<(u32, u32), Failure> {
    let side = |s: &str| s.trim().parse::<u32>().ok().filter(|v| (1..=MAX_SIDE).contains(v));
    match value.split_once(['x', 'X', '×']) {
        Some((w, h)) => match (side(w), side(h)) {
            (Some(w), Some(h)) => Ok((w, h)),
            _ => refuse(format!("--size “{value}”: each side must be a whole number from 1 to {MAX_SIDE} px")),
        },
        None => refuse(format!("--size “{value}”: write it as WIDTHxHEIGHT, e.g. 810x288")),
    }
}

/// A settings correction as a refusal (the page would carry on with a
/// default; a command asked for exactly this should not).
fn notice_line(n: &Notice) -> String {
    let why = match &n.problem {
        Problem::NotANumber => "not a number".to_owned(),
        Problem::Clamped { used } => format!("out of range (the page would use {})", crate::format::short(*used)),
        Problem::Refused => "must be greater than 0".to_owned(),
        Problem::UnknownWord if n.key == "widget" => {
            format!("not a widget Downhill knows ({})", crate::settings::WIDGETS.join(", "))
        }
        Problem::UnknownWord => "not a value Downhill knows".to_owned(),
        Problem::TooLong => "too long".to_owned(),
    };
    format!("{}=“{}”: {why}", n.key, n.given)
}

/// Percent-encodes what a query value cannot hold as is.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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
