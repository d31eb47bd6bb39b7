//! A GIF of a widget's run, made a few pictures at a time through a
//! [`Painter`]: what `downhill-render` uses. The page runs the same
//! [`Film`] (`bindings/export.rs`) but draws in its main module and encodes
//! in a second one, so it drives the two halves itself; both films come
//! from [`Subject`] and [`Film`], and both writers are [`GifWriter`] with a
//! [`SharedPalette`] from the first and last pictures.

use super::film::{Camera, Film};
use super::gif::{GifError, GifWriter, SharedPalette};
use super::subject::{Subject, AT_REST_MS};

/// Draws a subject at a time as RGBA pixels of the recording's size.
pub trait Painter {
    /// Why a picture could not be drawn.
    type Error;
    /// `subject` as it shows at `now_ms`: `width × height × 4` bytes.
    fn paint(&mut self, subject: &Subject, now_ms: f64) -> Result<Vec<u8>, Self::Error>;
}

/// Why a recording stopped.
#[derive(Debug)]
pub enum RecordError<E> {
    /// The painter failed.
    Paint(E),
    /// The GIF could not be written.
    Gif(GifError),
}

impl<E: std::fmt::Display> std::fmt::Display for RecordError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::Paint(e) => write!(f, "drawing failed: {e}"),
            RecordError::Gif(e) => e.fmt(f),
        }
    }
}

/// A GIF being recorded.
pub struct Recording {
    subject: Subject,
    film: Film,
    writer: GifWriter<Vec<u8>>,
}

struct Shooter<'a, P> {
    painter: &'a mut P,
    writer: &'a mut GifWriter<Vec<u8>>,
}

impl<P: Painter> Camera<Subject> for Shooter<'_, P> {
    type Error = RecordError<P::Error>;
    fn shoot(&mut self, subject: &Subject, now_ms: f64) -> Result<(), Self::Error> {
        let rgba = self.painter.paint(subject, now_ms).map_err(RecordError::Paint)?;
        self.writer.push(&rgba).map_err(RecordError::Gif)
    }
    fn hold(&mut self, ms: f64) -> Result<(), Self::Error> {
        self.writer.hold(ms);
        Ok(())
    }
}

impl Recording {
    /// Starts recording `subject` (at t = 0) up to `steps` steps at `fps`,
    /// `size` pixels large, its views changing once a step
    /// ([`Subject::set_view_jumps`]). The palette comes from the first picture and the
    /// last one (the subject after `steps`, at rest), drawn here.
    ///
    /// # Errors
    /// A size the GIF cannot have, or the painter failing.
    pub fn start<P: Painter>(
        mut subject: Subject,
        steps: usize,
        fps: f64,
        size: (u32, u32),
        painter: &mut P,
    ) -> Result<Recording, RecordError<P::Error>> {
        subject.set_view_jumps(true);
        let first = painter.paint(&subject, 0.0).map_err(RecordError::Paint)?;
        let mut end = subject.clone();
        end.advance(steps);
        let last = painter.paint(&end, AT_REST_MS).map_err(RecordError::Paint)?;
        let palette = SharedPalette::from_samples(&[&first, &last]);
        let writer = GifWriter::new(Vec::new(), size.0, size.1, Some(palette)).map_err(RecordError::Gif)?;
        Ok(Recording {
            film: Film::new(&subject, steps, fps),
            subject,
            writer,
        })
    }

    /// Takes up to `pictures` more pictures; returns whether the film is over.
    ///
    /// # Errors
    /// The painter or the writer failing.
    pub fn work<P: Painter>(&mut self, painter: &mut P, pictures: usize) -> Result<bool, RecordError<P::Error>> {
        let mut shooter = Shooter { painter, writer: &mut self.writer };
        for _ in 0..pictures {
            if !self.film.advance(&mut self.subject, &mut shooter)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The finished GIF's bytes.
    ///
    /// # Errors
    /// The last frame cannot be written.
    pub fn finish(self) -> Result<Vec<u8>, GifError> {
        self.writer.finish()
    }
}
