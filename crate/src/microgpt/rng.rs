//! CPython's `random` module, bit for bit: the Mersenne Twister MT19937 with
//! CPython's seeding from an integer, `random()`, `gauss()`, `getrandbits()`,
//! `shuffle()` and `choices()`. microgpt.py draws its data order, its initial
//! weights and its samples from it, so reproducing the Python run exactly starts here.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// `random.Random` as CPython implements it.
#[derive(Clone, Debug)]
pub struct PyRandom {
    mt: [u32; N],
    index: usize,
    /// `gauss()` makes two normals at a time and keeps the second.
    gauss_next: Option<f64>,
}

impl PyRandom {
    /// `random.seed(seed)` for a non-negative integer seed (CPython splits the
    /// integer into 32-bit words and calls `init_by_array`).
    pub fn new(seed: u64) -> PyRandom {
        let mut key = vec![seed as u32];
        // Two words when the seed needs them; CPython drops leading zero words.
        if seed >> 32 != 0 {
            key.push((seed >> 32) as u32);
        }
        let mut r = PyRandom {
            mt: [0; N],
            index: N,
            gauss_next: None,
        };
        r.init_by_array(&key);
        r
    }

    /// The next 32 random bits (`genrand_uint32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        // Tempering.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k` ≤ 32.
    pub fn getrandbits(&mut self, k: u32) -> u32 {
        match k {
            0 => 0,
            1..=32 => self.next_u32() >> (32 - k),
            _ => self.next_u32(),
        }
    }

    /// `_randbelow(n)`: uniform in `0..n` by rejection on `n.bit_length()` bits.
    pub fn randbelow(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        let k = 32 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `shuffle(x)`: Fisher–Yates from the back, as CPython does it.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            // Lengths here are far below 2³²; larger slices are not shuffled past it.
            let j = self.randbelow(u32::try_from(i + 1).unwrap_or(u32::MAX)) as usize;
            x.swap(i, j);
        }
    }

    /// `gauss(mu, sigma)`: Box–Muller, keeping the second value for the next call.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * (2.0 * std::f64::consts::PI);
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `choices(range(len(weights)), weights=weights)[0]`: an index drawn in
    /// proportion to `weights`, by bisecting their running sums.
    pub fn choice_weighted(&mut self, weights: &[f64]) -> usize {
        if weights.is_empty() {
            return 0;
        }
        let mut cum = Vec::with_capacity(weights.len());
        let mut total = 0.0;
        for &w in weights {
            total += w;
            cum.push(total);
        }
        let r = self.random() * (total + 0.0);
        // bisect_right(cum, r, 0, n - 1)
        let hi = weights.len() - 1;
        cum[..hi].partition_point(|&c| c <= r)
    }
}

impl PyRandom {
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] =
                (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
    }

    fn twist(&mut self) {
        for k in 0..N {
            let y = (self.mt[k] & UPPER_MASK) | (self.mt[(k + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            self.mt[k] = self.mt[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors printed once by CPython 3.11.7 (see the README, "microgpt").
    #[test]
    fn random_matches_cpython() {
        let mut r = PyRandom::new(42);
        assert_eq!(r.random(), 0.6394267984578837);
        assert_eq!(r.random(), 0.025010755222666936);
        assert_eq!(r.random(), 0.27502931836911926);
    }

    #[test]
    fn gauss_matches_cpython() {
        let mut r = PyRandom::new(42);
        let want = [
            -0.011527226366234268,
            -0.013832288026521545,
            -0.008905268925412997,
            0.05615869800790905,
            -0.010207062702630967,
        ];
        for w in want {
            assert_eq!(r.gauss(0.0, 0.08), w);
        }
    }

    #[test]
    fn shuffle_matches_cpython() {
        let mut r = PyRandom::new(42);
        let mut x: Vec<u32> = (0..20).collect();
        r.shuffle(&mut x);
        assert_eq!(
            x,
            [19, 5, 14, 4, 9, 13, 15, 18, 6, 12, 17, 10, 1, 11, 2, 16, 7, 8, 0, 3]
        );
    }

    #[test]
    fn choices_match_cpython() {
        let mut r = PyRandom::new(7);
        let weights = [0.1, 0.2, 0.3, 0.25, 0.15];
        let got: Vec<usize> = (0..20).map(|_| r.choice_weighted(&weights)).collect();
        assert_eq!(got, [2, 1, 3, 0, 2, 2, 0, 2, 0, 2, 0, 0, 2, 3, 1, 1, 3, 4, 2, 2]);
    }

    #[test]
    fn large_seeds_and_bits_match_cpython() {
        let mut r = PyRandom::new((1 << 40) + 123);
        assert_eq!(r.random(), 0.9437888222210947);
        assert_eq!(r.getrandbits(7), 0);
        assert_eq!(r.getrandbits(32), 3774724539);
    }
}
