//! `downhill-render`: a Downhill widget as a PNG or an animated GIF.
//! `cargo run --release --bin downhill-render -- --help`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(downhill::export::cli::main_with(&args));
}
