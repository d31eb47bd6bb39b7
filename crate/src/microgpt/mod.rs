//! microgpt, for real: Karpathy's 4,192-parameter GPT (one layer, 16-wide, four
//! heads) trained on names, reproduced exactly, fast enough to train in the
//! browser in about a second.

pub mod data;
pub mod model;
pub mod ops;
pub mod reference;
pub mod rng;
pub mod shape;
pub mod train;
