//! The GIF encoder the page loads only when a reader first asks for a GIF:
//! a wasm module of its own (the `gif-encoder` binary target, built by Trunk
//! next to the page's), so the encoder (`export::gif`, image-rs's `gif` and
//! `color_quant`) adds nothing to the first load. The page draws the frames
//! (`GifFilm` in the main module) and hands their pixels here.

#[cfg(target_arch = "wasm32")]
mod encoder {
    use downhill::export::gif::{GifWriter, SharedPalette};
    use wasm_bindgen::prelude::*;

    /// An animated GIF being written: `push` a picture's RGBA pixels, `hold`
    /// it for its time, `finish` for the file's bytes.
    #[wasm_bindgen]
    pub struct GifEncoder {
        writer: GifWriter<Vec<u8>>,
    }

    #[wasm_bindgen]
    impl GifEncoder {
        /// A `width × height` GIF whose one palette comes from the sample
        /// pictures `first` and `last` (RGBA).
        #[wasm_bindgen(constructor)]
        pub fn new(width: u32, height: u32, first: &[u8], last: &[u8]) -> Result<GifEncoder, JsError> {
            let palette = SharedPalette::from_samples(&[first, last]);
            let writer = GifWriter::new(Vec::new(), width, height, Some(palette)).map_err(|e| JsError::new(&e.to_string()))?;
            Ok(GifEncoder { writer })
        }

        /// The next picture (RGBA, `width × height × 4` bytes).
        pub fn push(&mut self, rgba: &[u8]) -> Result<(), JsError> {
            self.writer.push(rgba).map_err(|e| JsError::new(&e.to_string()))
        }

        /// The current picture shows `ms` milliseconds longer.
        pub fn hold(&mut self, ms: f64) {
            self.writer.hold(ms);
        }

        /// The GIF's bytes.
        pub fn finish(self) -> Result<Vec<u8>, JsError> {
            self.writer.finish().map_err(|e| JsError::new(&e.to_string()))
        }
    }
}

fn main() {}
