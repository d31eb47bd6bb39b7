//! The few vector operations of the GPT, forward and backward, each summing in
//! the order microgpt.py's `Value` graph sums (left to right, from 0) so the
//! numbers match the Python run.

/// RMSNorm's ε.
const RMS_EPS: f64 = 1e-5;

/// `y = W x` for a row-major `W` starting at `w[0]`, each row summed from 0 in order.
pub fn linear(w: &[f64], x: &[f64], y: &mut [f64]) {
    let nin = x.len();
    for (o, yo) in y.iter_mut().enumerate() {
        let row = &w[o * nin..(o + 1) * nin];
        let mut acc = 0.0;
        for i in 0..nin {
            acc += row[i] * x[i];
        }
        *yo = acc;
    }
}

/// Backward of `y = W x` (W at `offset`): adds `dy ⊗ x` to W's gradient and
/// writes `dx = Wᵀ dy`.
pub fn linear_back(w: &[f64], grad: &mut [f64], offset: usize, dy: &[f64], x: &[f64], dx: &mut [f64]) {
    dx.iter_mut().for_each(|v| *v = 0.0);
    linear_back_add(w, grad, offset, dy, x, dx);
}

/// As [`linear_back`], adding `Wᵀ dy` to `dx`.
pub fn linear_back_add(w: &[f64], grad: &mut [f64], offset: usize, dy: &[f64], x: &[f64], dx: &mut [f64]) {
    let nin = x.len();
    for (o, &d) in dy.iter().enumerate() {
        let row = offset + o * nin;
        for i in 0..nin {
            grad[row + i] += d * x[i];
            dx[i] += w[row + i] * d;
        }
    }
}

/// `y = x · (mean(x²) + ε)^-½`; returns the scale.
pub fn rmsnorm(x: &[f64], y: &mut [f64]) -> f64 {
    let mut ss = 0.0;
    for v in x {
        ss += v * v;
    }
    let ms = ss * (x.len() as f64).powf(-1.0);
    let scale = (ms + RMS_EPS).powf(-0.5);
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi = xi * scale;
    }
    scale
}

/// Backward of [`rmsnorm`]: adds `dx` for `dy`, given the input and its scale.
pub fn rmsnorm_back(x: &[f64], scale: f64, dy: &[f64], dx: &mut [f64]) {
    let n = x.len() as f64;
    let dot: f64 = dy.iter().zip(x).map(|(d, v)| d * v).sum();
    // d scale / d x_i = −scale³ x_i / n
    let k = -scale * scale * scale * dot / n;
    for i in 0..x.len() {
        dx[i] += scale * dy[i] + k * x[i];
    }
}

/// `softmax(z)` as microgpt.py writes it: subtract the max, exponentiate, sum
/// from 0, multiply by the sum's power −1.
pub fn softmax(z: &[f64], out: &mut [f64]) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut total = 0.0;
    for (o, &v) in out.iter_mut().zip(z) {
        *o = (v - max).exp();
        total += *o;
    }
    let inv = total.powf(-1.0);
    for o in out.iter_mut() {
        *o *= inv;
    }
}
