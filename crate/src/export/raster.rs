//! Native pictures: plotters' bitmap backend, with labels drawn by `ab_glyph`
//! in a system font found at run time (Downhill ships no font).
//!
//! Fonts, each from a Debian package: DejaVu Sans (`fonts-dejavu-core`) for
//! Latin, Greek and the maths signs; WenQuanYi Micro Hei (`fonts-wqy-microhei`),
//! or else WenQuanYi Zen Hei or Noto Sans CJK, for Chinese. Each character is
//! drawn from the first font that has it, so "学习率 η = 0.1" mixes both.
//! Only these Debian paths are searched (no fontconfig).

use crate::i18n::Lang;
use ab_glyph::{point, Font, FontVec, PxScale};
use plotters::backend::BitMapBackend;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use std::path::Path;

/// Latin fonts, best first: `(path, Debian package)`.
pub const LATIN_FONTS: [(&str, &str); 2] = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "fonts-liberation"),
];
/// Chinese fonts, best first: `(path, Debian package, face in the
/// collection)`. Noto's collection holds Japanese, Korean, Simplified and
/// Traditional Chinese faces in that order: face 2 has the mainland forms.
pub const CJK_FONTS: [(&str, &str, u32); 3] = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "fonts-wqy-zenhei", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk", 2),
];

/// The fonts a picture's labels are drawn with, in the order characters look
/// for a glyph.
pub struct Fonts {
    faces: Vec<FontVec>,
}

impl Fonts {
    /// The fonts for `lang`: a Latin font, and for Chinese a CJK font too.
    /// English also falls back on a CJK font (a Chinese corpus name).
    ///
    /// # Errors
    /// A sentence naming the Debian package to install when a needed font is
    /// missing.
    pub fn find(lang: Lang) -> Result<Fonts, String> {
        Fonts::find_under(lang, Path::new("/"))
    }

    /// [`find`](Fonts::find) with the font paths taken under `root` instead
    /// of `/` (the tests look in an empty directory).
    ///
    /// # Errors
    /// As [`find`](Fonts::find).
    pub fn find_under(lang: Lang, root: &Path) -> Result<Fonts, String> {
        let at = |path: &str| root.join(path.trim_start_matches('/'));
        let latin = LATIN_FONTS.iter().find_map(|(path, _)| read(&at(path), 0));
        let cjk = CJK_FONTS.iter().find_map(|(path, _, face)| read(&at(path), *face));
        if lang == Lang::Zh && cjk.is_none() {
            return Err(format!(
                "no Chinese font found for lang=zh: install the Debian package {} (apt-get install {})",
                CJK_FONTS[0].1, CJK_FONTS[0].1
            ));
        }
        let faces: Vec<FontVec> = latin.into_iter().chain(cjk).collect();
        if faces.is_empty() {
            return Err(format!(
                "no font found for the labels: install the Debian package {} (apt-get install {})",
                LATIN_FONTS[0].1, LATIN_FONTS[0].1
            ));
        }
        Ok(Fonts { faces })
    }

    /// The face that has `c` (the first one when none has).
    fn face_for(&self, c: char) -> &FontVec {
        self.faces
            .iter()
            .find(|f| f.glyph_id(c).0 != 0)
            .unwrap_or(&self.faces[0])
    }

    /// ab_glyph's scale for an em of `size_px` pixels in `face`.
    fn scale(face: &FontVec, size_px: f32) -> PxScale {
        let upem = face.units_per_em().unwrap_or(1000.0).max(1.0);
        PxScale::from(size_px * face.height_unscaled() / upem)
    }

    /// Ascent and descent (negative) of the first face, in pixels for an em of `size_px`.
    fn vertical(&self, size_px: f32) -> (f32, f32) {
        let face = &self.faces[0];
        let upem = face.units_per_em().unwrap_or(1000.0).max(1.0);
        (face.ascent_unscaled() / upem * size_px, face.descent_unscaled() / upem * size_px)
    }

    /// Width and height of `text` at an em of `size_px`, in pixels.
    pub fn measure(&self, text: &str, size_px: f32) -> (f32, f32) {
        let width = text
            .chars()
            .map(|c| {
                let face = self.face_for(c);
                let upem = face.units_per_em().unwrap_or(1000.0).max(1.0);
                face.h_advance_unscaled(face.glyph_id(c)) / upem * size_px
            })
            .sum();
        let (ascent, descent) = self.vertical(size_px);
        (width, ascent - descent)
    }

    /// Coverage (0–1) of `text` in a box of [`measure`](Fonts::measure)'s
    /// size, rounded up: `(width, height, coverage row by row)`.
    fn coverage(&self, text: &str, size_px: f32) -> (usize, usize, Vec<f32>) {
        let (w, h) = self.measure(text, size_px);
        let (w, h) = (w.ceil().max(1.0) as usize + 1, h.ceil().max(1.0) as usize + 1);
        let mut cov = vec![0.0f32; w * h];
        let (ascent, _) = self.vertical(size_px);
        let mut x = 0.0f32;
        for c in text.chars() {
            let face = self.face_for(c);
            let id = face.glyph_id(c);
            let glyph = id.with_scale_and_position(Self::scale(face, size_px), point(x, ascent));
            if let Some(outline) = face.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, v| {
                    let px = b.min.x as i64 + i64::from(gx);
                    let py = b.min.y as i64 + i64::from(gy);
                    if px >= 0 && py >= 0 && (px as usize) < w && (py as usize) < h {
                        let cell = &mut cov[py as usize * w + px as usize];
                        *cell = cell.max(v.min(1.0));
                    }
                });
            }
            let upem = face.units_per_em().unwrap_or(1000.0).max(1.0);
            x += face.h_advance_unscaled(id) / upem * size_px;
        }
        (w, h, cov)
    }
}

fn read(path: &Path, face: u32) -> Option<FontVec> {
    let bytes = std::fs::read(path).ok()?;
    FontVec::try_from_vec_and_index(bytes, face).ok()
}

/// The bitmap backend's error type.
pub type RasterError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// plotters' `BitMapBackend` drawing into an RGB buffer, with text drawn in
/// [`Fonts`].
pub struct Raster<'a> {
    inner: BitMapBackend<'a>,
    fonts: &'a Fonts,
}

impl<'a> Raster<'a> {
    /// Draws into `rgb` (`size.0 × size.1 × 3` bytes).
    pub fn new(rgb: &'a mut [u8], size: (u32, u32), fonts: &'a Fonts) -> Self {
        Raster {
            inner: BitMapBackend::with_buffer(rgb, size),
            fonts,
        }
    }
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = RasterError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<RasterError>> {
        self.inner.fill_polygon(vert, s)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<RasterError>> {
        let colour = style.color();
        let size = style.size() as f32;
        if colour.alpha <= 0.0 || size.is_nan() || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let (w, h, cov) = self.fonts.coverage(text, size.min(1_000.0));
        let (wi, hi) = (w as i32, h as i32);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -wi,
            HPos::Center => -wi / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -hi / 2,
            VPos::Bottom => -hi,
        };
        let turn = style.transform();
        let (cw, ch) = self.inner.get_size();
        for (i, &v) in cov.iter().enumerate() {
            if v <= 0.0 {
                continue;
            }
            let (x, y) = turn.transform((i % w) as i32 + dx, (i / w) as i32 + dy);
            let (x, y) = (pos.0.saturating_add(x), pos.1.saturating_add(y));
            if x >= 0 && y >= 0 && (x as u32) < cw && (y as u32) < ch {
                let c = BackendColor {
                    alpha: colour.alpha * f64::from(v),
                    rgb: colour.rgb,
                };
                self.inner.draw_pixel((x, y), c)?;
            }
        }
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<RasterError>> {
        let size = (style.size() as f32).clamp(0.0, 1_000.0);
        let (w, h) = self.fonts.measure(text, size);
        Ok((w.ceil() as u32, h.ceil() as u32))
    }
}
