//! What Karpathy's microgpt.py prints for seed 42 on the makemore names.txt
//! (32,033 names), 1,000 steps, measured with microgpt.py itself: the losses of
//! steps 1–20 and 1000, and the 20 names sampled at temperature 0.5.

/// Losses of steps 1–20, as printed (`{:.4f}`).
pub const FIRST_LOSSES: [&str; 20] = [
    "3.3660", "3.4243", "3.1778", "3.0664", "3.2209", "2.9452", "3.2894", "3.3245", "2.8990", "3.2229",
    "2.7964", "2.9345", "3.0544", "3.0905", "3.0651", "2.7337", "2.8839", "2.8977", "2.7073", "2.7453",
];

/// Loss of step 1000.
pub const LAST_LOSS: &str = "2.6497";

/// The 20 samples after training.
pub const SAMPLES: [&str; 20] = [
    "kamon", "ann", "karai", "jaire", "vialan", "karia", "yeran", "anna", "areli", "kaina", "konna",
    "keylen", "liole", "alerin", "earan", "lenne", "kana", "lara", "alela", "anton",
];
