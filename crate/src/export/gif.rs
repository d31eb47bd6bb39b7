//! Animated GIFs from RGBA frames, encoded with image-rs's `gif` crate.
//!
//! What makes the files small: a frame that repeats the last picture is not
//! written again, its time is added to the last one's delay; a new frame is
//! cropped to the rectangle that changed, and inside it the pixels that did
//! not change are transparent (long runs of one index, which LZW packs well).
//!
//! Palettes: given sample pictures (the first and last frames), one
//! [`SharedPalette`] for the whole GIF: the samples' most frequent colours
//! exactly (background, curve, ink), the rest by NeuQuant (image-rs's
//! `color_quant`, which the `gif` crate uses too), one index kept for
//! "unchanged". Without samples each frame gets its own palette: exact when
//! the changed rectangle has at most 256 colours, else NeuQuant's, then
//! without the transparent trick (a quantised colour could land on the
//! transparent index).

use color_quant::NeuQuant;
use gif::{DisposalMethod, Encoder, Frame, Repeat};
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// Largest side, in pixels (the CLI's limit; GIF itself allows 65,535).
pub const MAX_SIDE: u32 = 4096;
/// NeuQuant's speed when a frame needs it: 1 is best and slowest, 30 fastest.
const QUANT_SPEED: i32 = 10;

/// Colours of a [`SharedPalette`] taken exactly from the samples, most frequent first.
const EXACT_COLOURS: usize = 96;
/// Colours NeuQuant adds for the rest (blends at the edges of lines and type).
const QUANT_COLOURS: usize = 255 - EXACT_COLOURS;

/// One palette for every frame of a GIF, from sample pictures.
pub struct SharedPalette {
    /// RGB triples; at most 255 (index 255 means "unchanged").
    rgb: Vec<u8>,
    exact: HashMap<[u8; 3], u8>,
    quant: Option<NeuQuant>,
    /// Colours already looked up in `quant`.
    cache: HashMap<[u8; 3], u8>,
}

impl SharedPalette {
    /// The index that marks "as in the previous frame".
    pub const UNCHANGED: u8 = 255;

    /// A palette for pictures like `samples` (RGBA, any sizes).
    pub fn from_samples(samples: &[&[u8]]) -> SharedPalette {
        let mut counts: HashMap<[u8; 3], u64> = HashMap::new();
        for px in samples.iter().flat_map(|s| s.chunks_exact(4)) {
            *counts.entry([px[0], px[1], px[2]]).or_default() += 1;
        }
        let mut by_count: Vec<([u8; 3], u64)> = counts.into_iter().collect();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let all_exact = by_count.len() <= 255;
        let n_exact = if all_exact { by_count.len() } else { EXACT_COLOURS };
        let mut rgb = Vec::with_capacity(255 * 3);
        let mut exact = HashMap::new();
        for (i, (c, _)) in by_count.iter().take(n_exact).enumerate() {
            rgb.extend_from_slice(c);
            exact.insert(*c, i as u8);
        }
        let quant = (!all_exact).then(|| {
            // Trained on the colours the exact part leaves out, each once per
            // pixel it covers (up to a cap, so a large blend area cannot crowd out the rest).
            let mut rest = Vec::new();
            for (c, n) in &by_count[n_exact..] {
                for _ in 0..(*n).min(64) {
                    rest.extend_from_slice(&[c[0], c[1], c[2], 255]);
                }
            }
            let nq = NeuQuant::new(QUANT_SPEED, QUANT_COLOURS, &rest);
            rgb.extend(nq.color_map_rgb());
            nq
        });
        SharedPalette { rgb, exact, quant, cache: HashMap::new() }
    }

    /// The palette index for a colour.
    fn index(&mut self, c: [u8; 3]) -> u8 {
        if let Some(&i) = self.exact.get(&c) {
            return i;
        }
        if let Some(&i) = self.cache.get(&c) {
            return i;
        }
        let offset = self.exact.len();
        let i = match &self.quant {
            Some(nq) => (offset + nq.index_of(&[c[0], c[1], c[2], 255])).min(254) as u8,
            None => nearest(&self.rgb, c),
        };
        self.cache.insert(c, i);
        i
    }

    /// The colour table: the colours, then one for "unchanged".
    fn table(&self) -> Vec<u8> {
        let mut t = self.rgb.clone();
        t.extend_from_slice(&[0, 0, 0]);
        t.resize(256 * 3, 0);
        t
    }
}

/// The index of the colour in `rgb` (triples) closest to `c`.
fn nearest(rgb: &[u8], c: [u8; 3]) -> u8 {
    let d = |p: &[u8]| -> i32 { (0..3).map(|k| (i32::from(p[k]) - i32::from(c[k])).pow(2)).sum() };
    rgb.chunks_exact(3)
        .enumerate()
        .min_by_key(|(_, p)| d(p))
        .map_or(0, |(i, _)| i.min(254) as u8)
}

/// What can go wrong while writing a GIF.
#[derive(Debug)]
pub enum GifError {
    /// A side is 0 or above [`MAX_SIDE`].
    Size(u32, u32),
    /// A frame's byte count is not `width × height × 4`.
    FrameLength { expected: usize, got: usize },
    /// The encoder or the output failed.
    Encoding(String),
}

impl std::fmt::Display for GifError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GifError::Size(w, h) => write!(f, "a GIF of {w} × {h} px cannot be made (each side 1 to {MAX_SIDE})"),
            GifError::FrameLength { expected, got } => write!(f, "a frame has {got} bytes, {expected} expected"),
            GifError::Encoding(e) => write!(f, "GIF encoding failed: {e}"),
        }
    }
}

impl std::error::Error for GifError {}

impl From<gif::EncodingError> for GifError {
    fn from(e: gif::EncodingError) -> Self {
        GifError::Encoding(e.to_string())
    }
}

/// A GIF being written: [`push`](GifWriter::push) a picture, then
/// [`hold`](GifWriter::hold) it for as long as it shows. Loops forever.
pub struct GifWriter<W: Write> {
    encoder: Encoder<W>,
    width: u16,
    height: u16,
    /// The picture on screen after the last pushed frame (RGBA).
    shown: Vec<u8>,
    /// The last frame, not yet written: its delay still grows.
    pending: Option<Frame<'static>>,
    /// The pending frame's start on the film's clock, and how long it has
    /// been held so far (ms).
    start_ms: f64,
    held_ms: f64,
    /// Where the frames written so far end, in centiseconds.
    written_cs: f64,
    /// The one palette, when the GIF has one.
    palette: Option<SharedPalette>,
}

impl<W: Write> GifWriter<W> {
    /// A GIF of `width × height` pixels writing to `out`.
    ///
    /// # Errors
    /// [`GifError::Size`] for a side of 0 or above [`MAX_SIDE`]; the header
    /// cannot be written.
    pub fn new(out: W, width: u32, height: u32, palette: Option<SharedPalette>) -> Result<Self, GifError> {
        let side = |v: u32| u16::try_from(v).ok().filter(|&v| v > 0 && u32::from(v) <= MAX_SIDE);
        let (Some(w), Some(h)) = (side(width), side(height)) else {
            return Err(GifError::Size(width, height));
        };
        let table = palette.as_ref().map(SharedPalette::table).unwrap_or_default();
        let mut encoder = Encoder::new(out, w, h, &table)?;
        encoder.set_repeat(Repeat::Infinite)?;
        Ok(GifWriter {
            encoder,
            width: w,
            height: h,
            shown: Vec::new(),
            pending: None,
            start_ms: 0.0,
            held_ms: 0.0,
            written_cs: 0.0,
            palette,
        })
    }

    /// The next picture, `width × height × 4` bytes of RGBA (alpha is
    /// ignored: every pixel is opaque). A picture equal to the one shown
    /// adds nothing; hold it instead.
    ///
    /// # Errors
    /// [`GifError::FrameLength`]; the previous frame cannot be written.
    pub fn push(&mut self, rgba: &[u8]) -> Result<(), GifError> {
        let expected = usize::from(self.width) * usize::from(self.height) * 4;
        if rgba.len() != expected {
            return Err(GifError::FrameLength { expected, got: rgba.len() });
        }
        if self.shown.is_empty() {
            self.shown = rgba.to_vec();
            self.pending = Some(self.whole(rgba));
            return Ok(());
        }
        let Some((x0, y0, x1, y1)) = changed(&self.shown, rgba, self.width.into()) else {
            return Ok(());
        };
        let frame = self.patch(rgba, (x0, y0, x1, y1));
        self.shown.copy_from_slice(rgba);
        self.flush()?;
        self.pending = Some(frame);
        Ok(())
    }

    /// The current picture shows `ms` milliseconds longer (ignored before the
    /// first picture, or when not finite and positive).
    pub fn hold(&mut self, ms: f64) {
        if ms.is_finite() && ms > 0.0 && self.pending.is_some() {
            self.held_ms += ms;
        }
    }

    /// Writes the last frame and the trailer; returns the output.
    ///
    /// # Errors
    /// Writing fails.
    pub fn finish(mut self) -> Result<W, GifError> {
        self.flush()?;
        self.encoder.into_inner().map_err(|e| GifError::Encoding(e.to_string()))
    }

    /// Writes the pending frame with its delay: from where the written
    /// frames end to the frame's true end on the film's clock, in whole
    /// centiseconds, so neither rounding nor a frame stretched to the 2 cs
    /// minimum shifts the frames after it: the next one absorbs the excess.
    fn flush(&mut self) -> Result<(), GifError> {
        let Some(mut frame) = self.pending.take() else {
            return Ok(());
        };
        let end = self.start_ms + self.held_ms;
        // At least 2 cs: browsers play shorter delays as 10 cs.
        let delay = ((end / 10.0).round() - self.written_cs).clamp(2.0, f64::from(u16::MAX));
        frame.delay = delay as u16;
        self.encoder.write_frame(&frame)?;
        self.written_cs += delay;
        self.start_ms = end;
        self.held_ms = 0.0;
        Ok(())
    }

    fn whole(&mut self, rgba: &[u8]) -> Frame<'static> {
        if let Some(p) = self.palette.as_mut() {
            let indices: Vec<u8> = rgba.chunks_exact(4).map(|px| p.index([px[0], px[1], px[2]])).collect();
            return Frame {
                width: self.width,
                height: self.height,
                buffer: indices.into(),
                dispose: DisposalMethod::Keep,
                ..Frame::default()
            };
        }
        let mut pixels = rgba.to_vec();
        opaque(&mut pixels);
        let mut frame = Frame::from_rgba_speed(self.width, self.height, &mut pixels, QUANT_SPEED);
        frame.dispose = DisposalMethod::Keep;
        frame
    }

    /// The changed rectangle `x0..x1 × y0..y1` of `rgba` as a frame over the
    /// one shown.
    fn patch(&mut self, rgba: &[u8], (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Frame<'static> {
        let stride = usize::from(self.width) * 4;
        let (w, h) = (x1 - x0, y1 - y0);
        // Sides fit in u16: they are at most the GIF's own.
        let (fw, fh) = (w as u16, h as u16);
        if let Some(p) = self.palette.as_mut() {
            let mut indices = Vec::with_capacity(w * h);
            for y in y0..y1 {
                let row = &rgba[y * stride + x0 * 4..y * stride + x1 * 4];
                let old = &self.shown[y * stride + x0 * 4..y * stride + x1 * 4];
                for (px, was) in row.chunks_exact(4).zip(old.chunks_exact(4)) {
                    indices.push(if px[..3] == was[..3] {
                        SharedPalette::UNCHANGED
                    } else {
                        p.index([px[0], px[1], px[2]])
                    });
                }
            }
            return Frame {
                width: fw,
                height: fh,
                left: x0 as u16,
                top: y0 as u16,
                buffer: indices.into(),
                transparent: Some(SharedPalette::UNCHANGED),
                dispose: DisposalMethod::Keep,
                ..Frame::default()
            };
        }
        let mut pixels = Vec::with_capacity(w * h * 4);
        for y in y0..y1 {
            pixels.extend_from_slice(&rgba[y * stride + x0 * 4..y * stride + x1 * 4]);
        }
        let mut with_holes = pixels.clone();
        for (y, row) in with_holes.chunks_exact_mut(w * 4).enumerate() {
            let old = &self.shown[(y0 + y) * stride + x0 * 4..(y0 + y) * stride + x1 * 4];
            for (px, was) in row.chunks_exact_mut(4).zip(old.chunks_exact(4)) {
                if px[..3] == was[..3] {
                    px.copy_from_slice(&[0, 0, 0, 0]);
                } else {
                    px[3] = 255;
                }
            }
        }
        let mut frame = if colours_at_most(&with_holes, 256) {
            Frame::from_rgba_speed(fw, fh, &mut with_holes, QUANT_SPEED)
        } else {
            opaque(&mut pixels);
            Frame::from_rgba_speed(fw, fh, &mut pixels, QUANT_SPEED)
        };
        frame.left = x0 as u16;
        frame.top = y0 as u16;
        frame.dispose = DisposalMethod::Keep;
        frame
    }
}

/// Every pixel opaque (the encoder treats alpha 0 as transparent).
fn opaque(rgba: &mut [u8]) {
    for px in rgba.chunks_exact_mut(4) {
        px[3] = 255;
    }
}

/// Whether `rgba` has at most `n` distinct colours.
fn colours_at_most(rgba: &[u8], n: usize) -> bool {
    let mut seen = HashSet::new();
    for px in rgba.chunks_exact(4) {
        if seen.insert([px[0], px[1], px[2], px[3]]) && seen.len() > n {
            return false;
        }
    }
    true
}

/// The bounding box `(x0, y0, x1, y1)` (ends exclusive) of the pixels whose
/// colour differs between `a` and `b` (RGBA rows `width` pixels long), or
/// `None` when none does.
pub fn changed(a: &[u8], b: &[u8], width: usize) -> Option<(usize, usize, usize, usize)> {
    let stride = width * 4;
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (y, (ra, rb)) in a.chunks_exact(stride).zip(b.chunks_exact(stride)).enumerate() {
        if ra == rb {
            continue;
        }
        let differs = |x: &usize| ra[x * 4..x * 4 + 3] != rb[x * 4..x * 4 + 3];
        let (Some(first), Some(last)) = ((0..width).find(differs), (0..width).rev().find(differs)) else {
            continue;
        };
        x0 = x0.min(first);
        x1 = x1.max(last + 1);
        y0 = y0.min(y);
        y1 = y + 1;
    }
    (x1 > 0).then_some((x0, y0, x1, y1))
}
