//! `downhill-render`'s arguments: a link's settings (as a query or as
//! flags) and the picture's own options, checked into a [`Job`] or refused
//! in one line.

use super::{refuse, Failure};
use crate::export::film::FPS_RANGE;
use crate::export::gif::MAX_SIDE;
use crate::export::subject::Subject;
use crate::i18n::Lang;
use crate::settings::{parse_query, Notice, Problem, Theme};
use std::path::{Path, PathBuf};

/// The help text.
pub const USAGE: &str = "\
downhill-render: a Downhill widget as a PNG or an animated GIF

usage: downhill-render [--query 'widget=lr-compare&steps=20&lang=zh'] [--KEY VALUE ...]
                       [--size WxH] [--format gif|png] [--fps N] [--theme light|dark]
                       [--lang zh|en] -o FILE

  --query Q      the settings of a link (its query string); flags override it
  --KEY VALUE    any key a link takes: widget, landscape, f (or --formula), lr, lr0, lr1, lr2, w0,
                 w0b, w0c, balls, steps, speed
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
            "--formula" => query.push(format!("f={}", encode(&value))),
            "--theme" | "--lang" | "--widget" | "--landscape" | "--f" | "--lr" | "--lr0" | "--lr1" | "--lr2" | "--w0" | "--w0b" | "--w0c" | "--balls" | "--steps" | "--speed" => {
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
        "descent" => &["landscape", "f", "balls", "w0b", "w0c", "lr", "w0", "steps", "speed"],
        "lr-compare" => &["landscape", "f", "lr0", "lr1", "lr2", "w0", "steps", "speed"],
        "backprop" => &["steps", "speed"],
        "optimizers" => &["landscape", "surface", "f", "f2", "view", "opt", "lr", "w1", "w2", "steps", "speed"],
        _ => &[],
    }
}

/// Refuses a key no link knows (a typo such as `stpes=20` would otherwise
/// give a default picture without a word) and a key that does not apply to
/// the widget (`lr0` on descent).
fn check_keys(query: &str, widget: &str) -> Result<(), Failure> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        // One optimizer's own setting (`adamw.weight_decay`), the race's only.
        if widget == "optimizers" && crate::settings::HYPER_KEYS.contains(&key) {
            continue;
        }
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
        Problem::BadFormula { error } => error.message(crate::i18n::Lang::En),
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
