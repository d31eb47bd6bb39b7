//! GIFs made in the browser, the drawing half: the widget's run replayed
//! from t = 0 on the film's clock (`export::film`) and drawn, frame by
//! frame, on a detached canvas by the same code as the command line's
//! (`export::subject::draw`). The page reads each picture's pixels and
//! hands them to the encoder module it loads on first use (`gif_encoder.rs`),
//! so nothing of the encoder weighs on the first load.

use super::canvas::WebCanvas;
use super::{lang, style_for};
use crate::export::film::{Camera, Film};
use crate::export::subject::{self, Subject, AT_REST_MS, MAX_GIF_STEPS};
use crate::i18n::Lang;
use crate::render::{picture, Style};
use plotters::prelude::IntoDrawingArea as _;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Frames per second of the page's GIFs.
pub const PAGE_FPS: f64 = 20.0;

/// A run being filmed for a GIF. Each [`next`](GifFilm::next) draws the
/// next picture on the canvas; [`hold_before`](GifFilm::hold_before) and
/// [`hold_after`](GifFilm::hold_after) say how long the previous picture
/// lasts before it and how long it lasts at the end (the final hold).
#[wasm_bindgen]
pub struct GifFilm {
    subject: Subject,
    steps: usize,
    film: Film,
    canvas: HtmlCanvasElement,
    held: Held,
}

/// What one `next` did, in milliseconds.
#[derive(Default)]
struct Held {
    before: f64,
    after: f64,
    shot: bool,
    error: Option<String>,
}

struct Drawer<'a> {
    canvas: &'a HtmlCanvasElement,
    held: &'a mut Held,
}

impl Camera<Subject> for Drawer<'_> {
    type Error = ();
    fn shoot(&mut self, subject: &Subject, now_ms: f64) -> Result<(), ()> {
        self.held.shot = true;
        draw(self.canvas, subject, now_ms).map_err(|e| self.held.error = Some(e))
    }
    fn hold(&mut self, ms: f64) -> Result<(), ()> {
        if self.held.shot {
            self.held.after += ms;
        } else {
            self.held.before += ms;
        }
        Ok(())
    }
}

/// The page's look (theme, language) at one device pixel per CSS pixel and
/// without presenter mode's zoom: a GIF is a file, not the projector's screen.
fn gif_style() -> Style {
    Style { scale: 1.0, ..style_for(1.0) }
}

fn draw(canvas: &HtmlCanvasElement, subject: &Subject, now_ms: f64) -> Result<(), String> {
    let backend = WebCanvas::new(canvas).ok_or("the canvas has no 2D context")?;
    let area = backend.into_drawing_area();
    subject::draw(&area, subject, now_ms, &gif_style()).map_err(|e| format!("drawing failed: {e}"))?;
    area.present().map_err(|e| format!("drawing failed: {e}"))
}

/// A film of `subject` up to `steps` on `canvas` (its size is the GIF's).
///
/// # Errors
/// More than [`MAX_GIF_STEPS`] steps, in the page's language.
pub(crate) fn film(mut subject: Subject, steps: usize, canvas: HtmlCanvasElement) -> Result<GifFilm, JsError> {
    if steps > MAX_GIF_STEPS {
        return Err(JsError::new(&match lang() {
            Lang::En => format!("A GIF holds at most {MAX_GIF_STEPS} steps and this run has {steps}: press Reset and play fewer, or save a PNG."),
            Lang::Zh => format!("GIF 最多容纳 {MAX_GIF_STEPS} 步，当前已走 {steps} 步：请按重置后少走几步，或存为 PNG。"),
        }));
    }
    subject.set_view_jumps(true);
    Ok(GifFilm {
        film: Film::new(&subject, steps, PAGE_FPS),
        subject,
        steps,
        canvas,
        held: Held::default(),
    })
}

#[wasm_bindgen]
impl GifFilm {
    /// Device pixels the titles above the chart take (descent and the race:
    /// 1 line, the lab: 2; 0 for the others): the page adds them to the
    /// chart's height.
    #[wasm_bindgen(js_name = titleBand)]
    pub fn title_band(&self) -> u32 {
        let lines = match self.subject {
            Subject::Descent(_) | Subject::Race(_) => 1,
            Subject::Lab(_) => 2,
            _ => 0,
        };
        if lines == 0 {
            0
        } else {
            picture::title_height(&gif_style(), lines)
        }
    }

    /// Draws the first picture (t = 0), a sample for the GIF's palette.
    #[wasm_bindgen(js_name = drawFirst)]
    pub fn draw_first(&self) -> Result<(), JsError> {
        draw(&self.canvas, &self.subject, 0.0).map_err(|e| JsError::new(&e))
    }

    /// Draws the last picture (after all the steps, at rest), a sample for the palette.
    #[wasm_bindgen(js_name = drawLast)]
    pub fn draw_last(&self) -> Result<(), JsError> {
        let mut end = self.subject.clone();
        end.advance(self.steps);
        draw(&self.canvas, &end, AT_REST_MS).map_err(|e| JsError::new(&e))
    }

    /// Runs the clock to the next picture and draws it on the canvas;
    /// `false` when the film is over (no picture drawn).
    pub fn next(&mut self) -> Result<bool, JsError> {
        self.held = Held::default();
        let mut drawer = Drawer { canvas: &self.canvas, held: &mut self.held };
        let taken = self.film.advance(&mut self.subject, &mut drawer);
        if let Some(e) = self.held.error.take() {
            return Err(JsError::new(&e));
        }
        Ok(matches!(taken, Ok(true)))
    }

    /// Milliseconds the previous picture lasts before the one `next` drew.
    #[wasm_bindgen(js_name = holdBefore)]
    pub fn hold_before(&self) -> f64 {
        self.held.before
    }

    /// Milliseconds the picture `next` drew lasts (beyond the frames that
    /// follow): the final hold, else 0.
    #[wasm_bindgen(js_name = holdAfter)]
    pub fn hold_after(&self) -> f64 {
        self.held.after
    }

    /// How far the film is, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.film.progress()
    }
}
