//! The GPT itself, over one flat `f64` parameter vector, with a hand-written
//! backward pass. Every forward sum runs in the order microgpt.py's `Value`
//! sums run (left to right, from 0), and `x ** -0.5` is computed as a power,
//! not a reciprocal square root, so the numbers match the Python run.

use super::ops::{linear, linear_back, linear_back_add, rmsnorm, rmsnorm_back, softmax};
use super::rng::PyRandom;
pub use super::shape::{Config, Layout};

/// Standard deviation of the initial weights.
pub const INIT_STD: f64 = 0.08;

/// Scratch memory for one document: every activation the backward pass needs,
/// per position, allocated once.
#[derive(Clone, Debug)]
pub struct Workspace {
    emb: Vec<f64>,
    s0: Vec<f64>,
    // Per layer, per position.
    x_in: Vec<f64>,
    xn1: Vec<f64>,
    s1: Vec<f64>,
    q: Vec<f64>,
    k: Vec<f64>,
    v: Vec<f64>,
    att: Vec<f64>,
    xattn: Vec<f64>,
    x_mid: Vec<f64>,
    xn2: Vec<f64>,
    s2: Vec<f64>,
    h1: Vec<f64>,
    // Per position.
    x_out: Vec<f64>,
    probs: Vec<f64>,
    // Backward scratch.
    dk: Vec<f64>,
    dv: Vec<f64>,
}

impl Workspace {
    /// Scratch for documents up to `c.block_size` positions.
    pub fn new(c: &Config) -> Workspace {
        let (p, e, l) = (c.block_size, c.n_embd, c.n_layer);
        let z = |n: usize| vec![0.0; n];
        Workspace {
            emb: z(p * e),
            s0: z(p),
            x_in: z(l * p * e),
            xn1: z(l * p * e),
            s1: z(l * p),
            q: z(l * p * e),
            k: z(l * p * e),
            v: z(l * p * e),
            att: z(l * p * c.n_head * p),
            xattn: z(l * p * e),
            x_mid: z(l * p * e),
            xn2: z(l * p * e),
            s2: z(l * p),
            h1: z(l * p * 4 * e),
            x_out: z(p * e),
            probs: z(p * c.vocab_size),
            dk: z(l * p * e),
            dv: z(l * p * e),
        }
    }
}

/// The model: its shape, layout and parameters.
#[derive(Clone, Debug)]
pub struct Model {
    /// Shape.
    pub config: Config,
    /// Offsets of the weight matrices.
    pub layout: Layout,
    /// All weights, flat, in microgpt.py's order.
    pub params: Vec<f64>,
}

impl Model {
    /// Weights drawn from N(0, 0.08) in microgpt.py's order (row by row).
    pub fn init(config: Config, rng: &mut PyRandom) -> Model {
        let layout = Layout::new(&config);
        let params = (0..config.param_count())
            .map(|_| rng.gauss(0.0, INIT_STD))
            .collect();
        Model {
            config,
            layout,
            params,
        }
    }

    /// Mean cross-entropy of predicting `tokens[i + 1]` from `tokens[..=i]`, over
    /// the first `min(block_size, len − 1)` positions; adds its gradient to `grad`.
    /// Returns `None` for a document too short to predict anything.
    pub fn loss_and_grad(&self, tokens: &[usize], grad: &mut [f64], ws: &mut Workspace) -> Option<f64> {
        let n = self.config.block_size.min(tokens.len().checked_sub(1)?);
        if n == 0 || grad.len() != self.params.len() {
            return None;
        }
        let mut sum = 0.0;
        for t in 0..n {
            self.forward(tokens[t], t, ws);
            let p = ws.probs[t * self.config.vocab_size + tokens[t + 1]];
            sum += -p.ln();
        }
        let inv_n = 1.0 / n as f64;
        self.backward(tokens, n, inv_n, grad, ws);
        Some(inv_n * sum)
    }

    /// Generates one name: starts from BOS, samples each next token from
    /// softmax(logits / temperature) with `rng.choices`, stops at BOS or the
    /// block size. Returns the tokens without BOS.
    pub fn sample(&self, bos: usize, temperature: f64, rng: &mut PyRandom, ws: &mut Workspace) -> Vec<usize> {
        let mut out = Vec::new();
        let mut token = bos;
        let inv_t = temperature.powf(-1.0);
        let vocab = self.config.vocab_size;
        let mut logits = vec![0.0; vocab];
        for pos in 0..self.config.block_size {
            self.forward(token, pos, ws);
            let x = &ws.x_out[pos * self.config.n_embd..(pos + 1) * self.config.n_embd];
            linear(&self.params[self.layout.lm_head..], x, &mut logits);
            for l in &mut logits {
                *l *= inv_t;
            }
            let mut probs = vec![0.0; vocab];
            softmax(&logits, &mut probs);
            token = rng.choice_weighted(&probs);
            if token == bos {
                break;
            }
            out.push(token);
        }
        out
    }
}

impl Model {
    /// One position through the network, reading earlier positions' keys and values.
    fn forward(&self, token: usize, t: usize, ws: &mut Workspace) {
        let c = &self.config;
        let (e, hd, p) = (c.n_embd, c.head_dim(), c.block_size);
        let w = &self.params;
        let lay = &self.layout;
        // x = rmsnorm(wte[token] + wpe[t])
        let emb = &mut ws.emb[t * e..(t + 1) * e];
        for i in 0..e {
            emb[i] = w[lay.wte + token * e + i] + w[lay.wpe + t * e + i];
        }
        let mut x = vec![0.0; e];
        ws.s0[t] = rmsnorm(emb, &mut x);
        let inv_sqrt = (hd as f64).powf(0.5).powf(-1.0);
        for (l, o) in lay.layers.iter().enumerate() {
            let at = |buf: usize| (l * p + t) * buf;
            // Attention block.
            ws.x_in[at(e)..at(e) + e].copy_from_slice(&x);
            let xn1 = &mut ws.xn1[at(e)..at(e) + e];
            ws.s1[l * p + t] = rmsnorm(&x, xn1);
            let xn1 = &ws.xn1[at(e)..at(e) + e];
            linear(&w[o[0]..], xn1, &mut ws.q[at(e)..at(e) + e]);
            linear(&w[o[1]..], xn1, &mut ws.k[at(e)..at(e) + e]);
            linear(&w[o[2]..], xn1, &mut ws.v[at(e)..at(e) + e]);
            let q = &ws.q[at(e)..at(e) + e];
            let xattn = &mut ws.xattn[at(e)..at(e) + e];
            for h in 0..c.n_head {
                let hs = h * hd;
                let att = &mut ws.att[((l * p + t) * c.n_head + h) * p..][..=t];
                let mut logits = vec![0.0; t + 1];
                for (s, lg) in logits.iter_mut().enumerate() {
                    let k = &ws.k[(l * p + s) * e + hs..][..hd];
                    let mut dot = 0.0;
                    for j in 0..hd {
                        dot += q[hs + j] * k[j];
                    }
                    *lg = dot * inv_sqrt;
                }
                softmax(&logits, att);
                for j in 0..hd {
                    let mut acc = 0.0;
                    for (s, a) in att.iter().enumerate() {
                        acc += a * ws.v[(l * p + s) * e + hs + j];
                    }
                    xattn[hs + j] = acc;
                }
            }
            let mut o_out = vec![0.0; e];
            linear(&w[o[3]..], &ws.xattn[at(e)..at(e) + e], &mut o_out);
            let x_mid = &mut ws.x_mid[at(e)..at(e) + e];
            for i in 0..e {
                x_mid[i] = o_out[i] + x[i];
            }
            // MLP block.
            let xn2 = &mut ws.xn2[at(e)..at(e) + e];
            ws.s2[l * p + t] = rmsnorm(&ws.x_mid[at(e)..at(e) + e], xn2);
            let h1 = &mut ws.h1[at(4 * e)..at(4 * e) + 4 * e];
            linear(&w[o[4]..], &ws.xn2[at(e)..at(e) + e], h1);
            let a: Vec<f64> = ws.h1[at(4 * e)..at(4 * e) + 4 * e]
                .iter()
                .map(|&v| v.max(0.0))
                .collect();
            let mut h2 = vec![0.0; e];
            linear(&w[o[5]..], &a, &mut h2);
            let x_mid = &ws.x_mid[at(e)..at(e) + e];
            for i in 0..e {
                x[i] = h2[i] + x_mid[i];
            }
        }
        ws.x_out[t * e..(t + 1) * e].copy_from_slice(&x);
        let mut logits = vec![0.0; c.vocab_size];
        linear(&w[lay.lm_head..], &x, &mut logits);
        softmax(&logits, &mut ws.probs[t * c.vocab_size..(t + 1) * c.vocab_size]);
    }

    /// The backward pass of the mean loss over `n` positions, positions last to
    /// first, so a key's or value's gradient is complete (all later queries have
    /// added to it) when its own position is reached.
    fn backward(&self, tokens: &[usize], n: usize, inv_n: f64, grad: &mut [f64], ws: &mut Workspace) {
        let c = &self.config;
        let (e, hd, p, vocab) = (c.n_embd, c.head_dim(), c.block_size, c.vocab_size);
        let w = &self.params;
        let lay = &self.layout;
        let inv_sqrt = (hd as f64).powf(0.5).powf(-1.0);
        ws.dk.iter_mut().for_each(|v| *v = 0.0);
        ws.dv.iter_mut().for_each(|v| *v = 0.0);
        let mut dlogits = vec![0.0; vocab];
        let mut dx = vec![0.0; e];
        for t in (0..n).rev() {
            // d(mean of −ln p)/dlogits = (p − onehot(target)) / n
            for (i, d) in dlogits.iter_mut().enumerate() {
                let y = if i == tokens[t + 1] { 1.0 } else { 0.0 };
                *d = (ws.probs[t * vocab + i] - y) * inv_n;
            }
            let x_out = &ws.x_out[t * e..(t + 1) * e];
            linear_back(w, grad, lay.lm_head, &dlogits, x_out, &mut dx);
            for (l, o) in lay.layers.iter().enumerate().rev() {
                let at = |buf: usize| (l * p + t) * buf;
                // x = h2 + x_mid
                let dh2 = dx.clone();
                let mut dx_mid = dx.clone();
                let h1 = &ws.h1[at(4 * e)..at(4 * e) + 4 * e];
                let a: Vec<f64> = h1.iter().map(|&v| v.max(0.0)).collect();
                let mut da = vec![0.0; 4 * e];
                linear_back(w, grad, o[5], &dh2, &a, &mut da);
                // ReLU: the gradient passes where the input was positive.
                for (d, &v) in da.iter_mut().zip(h1) {
                    if v <= 0.0 {
                        *d = 0.0;
                    }
                }
                let mut dxn2 = vec![0.0; e];
                linear_back(w, grad, o[4], &da, &ws.xn2[at(e)..at(e) + e], &mut dxn2);
                rmsnorm_back(&ws.x_mid[at(e)..at(e) + e], ws.s2[l * p + t], &dxn2, &mut dx_mid);
                // x_mid = wo·xattn + x_in
                let mut dxattn = vec![0.0; e];
                linear_back(w, grad, o[3], &dx_mid, &ws.xattn[at(e)..at(e) + e], &mut dxattn);
                let mut dx_in = dx_mid;
                let mut dq = vec![0.0; e];
                let q = &ws.q[at(e)..at(e) + e];
                for h in 0..c.n_head {
                    let hs = h * hd;
                    let att = &ws.att[((l * p + t) * c.n_head + h) * p..][..=t];
                    let mut datt = vec![0.0; t + 1];
                    for (s, da_s) in datt.iter_mut().enumerate() {
                        let v = &ws.v[(l * p + s) * e + hs..][..hd];
                        let mut acc = 0.0;
                        for j in 0..hd {
                            acc += dxattn[hs + j] * v[j];
                            ws.dv[(l * p + s) * e + hs + j] += att[s] * dxattn[hs + j];
                        }
                        *da_s = acc;
                    }
                    // Softmax: dlogit_s = a_s (da_s − Σ_r a_r da_r).
                    let dot: f64 = att.iter().zip(&datt).map(|(a, d)| a * d).sum();
                    for s in 0..=t {
                        let dl = att[s] * (datt[s] - dot) * inv_sqrt;
                        let k = &ws.k[(l * p + s) * e + hs..][..hd];
                        for j in 0..hd {
                            dq[hs + j] += dl * k[j];
                            ws.dk[(l * p + s) * e + hs + j] += dl * q[hs + j];
                        }
                    }
                }
                let xn1 = &ws.xn1[at(e)..at(e) + e];
                let mut dxn1 = vec![0.0; e];
                linear_back(w, grad, o[0], &dq, xn1, &mut dxn1);
                let dk_t = ws.dk[at(e)..at(e) + e].to_vec();
                let dv_t = ws.dv[at(e)..at(e) + e].to_vec();
                linear_back_add(w, grad, o[1], &dk_t, xn1, &mut dxn1);
                linear_back_add(w, grad, o[2], &dv_t, xn1, &mut dxn1);
                rmsnorm_back(&ws.x_in[at(e)..at(e) + e], ws.s1[l * p + t], &dxn1, &mut dx_in);
                dx = dx_in;
            }
            // x = rmsnorm(wte[token] + wpe[t])
            let mut demb = vec![0.0; e];
            rmsnorm_back(&ws.emb[t * e..(t + 1) * e], ws.s0[t], &dx, &mut demb);
            let token = tokens[t];
            for i in 0..e {
                grad[lay.wte + token * e + i] += demb[i];
                grad[lay.wpe + t * e + i] += demb[i];
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
