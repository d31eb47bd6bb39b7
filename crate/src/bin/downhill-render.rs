//! `downhill-render`: a Downhill widget as a PNG or an animated GIF.
//! `cargo run --release --bin downhill-render -- --help`. Native only: on the
//! web the page's PNG and GIF buttons do this.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let args: Vec<String> = std::env::args().skip(1).collect();
        std::process::exit(downhill::export::cli::main_with(&args));
    }
}
