//! Random inputs: numbers at the edges of `f64` and where the sliders live,
//! files a reader might drop, query strings a reader might hand-edit.

/// splitmix64: small, fast and reproducible from its seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A value a reader, a hand-edited URL or a broken clock could send.
    pub(crate) fn f64(&mut self) -> f64 {
        const EDGES: [f64; 16] = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            -f64::MAX,
            1e308,
            -1e308,
            f64::MIN_POSITIVE,
            5e-324,
            0.0,
            -0.0,
            1.0,
            -1.0,
            1e154,
            -1.3e154,
            1e-300,
        ];
        match self.below(10) {
            0..=2 => EDGES[self.below(EDGES.len() as u64) as usize],
            3 => f64::from_bits(self.next()),
            4 => (self.unit() - 0.5) * 1e6,
            // Where the sliders and fields live: −5…10, η 0.001…1000.
            5..=7 => -5.0 + self.unit() * 15.0,
            _ => 10f64.powf(-3.0 + self.unit() * 6.0),
        }
    }
}

/// A text file as a reader might drop one: names, junk, control bytes, a BOM.
pub(crate) fn random_text(rng: &mut Rng) -> String {
    const PIECES: [&str; 12] = [
        "emma\n", "ava\n", "\u{feff}", "\u{fffd}", "\0", "测试\n", "\r\n", "  \t", "é", "\u{7}", "x", "\n",
    ];
    (0..rng.below(30))
        .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
        .collect()
}

/// A typed L(w) a reader might try: pieces of the notation glued at random
/// (most do not parse; those that do have poles, domains and overflows).
pub(crate) fn random_formula(rng: &mut Rng) -> String {
    const PIECES: [&str; 32] = [
        "w", "w", "w", "(", "(", ")", ")", "+", "-", "*", "/", "^", "**", "2", "0.5", "1e308", "3", "e", "pi", "exp(", "ln(",
        "sqrt(", "abs(", "sin(", "tanh(", "sigmoid(", "min(w,", "max(", ",", "²", "−", "1/w",
    ];
    (0..1 + rng.below(24))
        .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
        .collect()
}

/// A query string as a reader might hand-edit one.
pub(crate) fn random_query(rng: &mut Rng) -> String {
    const KEYS: [&str; 26] = [
        "widget", "lang", "theme", "landscape", "f", "lr", "lr0", "lr1", "lr2", "w0", "steps", "speed", "autoplay", "bogus", "",
        // The optimizers race's.
        "surface", "view", "opt", "w1", "w2", "f2", "adam.beta1", "adamw.weight_decay", "sgd.beta1", "nesterov.momentum", "rmsprop.eps",
    ];
    const VALUES: [&str; 22] = [
        "NaN",
        "inf",
        "-inf",
        "1e999",
        "-1e999",
        "-0",
        "0",
        "1.5",
        "abc",
        "",
        "1e-320",
        "5000",
        "1e12",
        "descent",
        "zh",
        "2.2250738585072011e-308",
        "rosenbrock",
        "line",
        "sgd,adam",
        "none",
        "w1^2 + ln(w2)",
        "double-well",
    ];
    (0..rng.below(6))
        .map(|_| {
            let key = KEYS[rng.below(KEYS.len() as u64) as usize];
            let value = if rng.below(3) == 0 {
                rng.f64().to_string()
            } else {
                VALUES[rng.below(VALUES.len() as u64) as usize].to_owned()
            };
            format!("{key}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}
