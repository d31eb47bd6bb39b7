//! The model's shape, and where each weight matrix sits in the flat vector.

/// The shape of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Transformer layers.
    pub n_layer: usize,
    /// Width of the residual stream.
    pub n_embd: usize,
    /// Attention heads.
    pub n_head: usize,
    /// Longest context.
    pub block_size: usize,
    /// Tokens: the characters plus BOS.
    pub vocab_size: usize,
}

impl Config {
    /// microgpt's shape for a vocabulary of `vocab_size` (27 for names).
    pub fn microgpt(vocab_size: usize) -> Config {
        Config {
            n_layer: 1,
            n_embd: 16,
            n_head: 4,
            block_size: 16,
            vocab_size,
        }
    }

    /// Width of one head.
    pub fn head_dim(&self) -> usize {
        self.n_embd / self.n_head.max(1)
    }

    /// Number of parameters (4,192 for microgpt on names).
    pub fn param_count(&self) -> usize {
        let e = self.n_embd;
        2 * self.vocab_size * e + self.block_size * e + self.n_layer * (4 * e * e + 8 * e * e)
    }
}

/// Where each weight matrix starts in the flat vector (row-major, rows = outputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Token embeddings, vocab × n_embd.
    pub wte: usize,
    /// Position embeddings, block_size × n_embd.
    pub wpe: usize,
    /// Output head, vocab × n_embd.
    pub lm_head: usize,
    /// Per layer: wq, wk, wv, wo (n_embd²), fc1 (4·n_embd × n_embd), fc2 (n_embd × 4·n_embd).
    pub layers: Vec<[usize; 6]>,
}

impl Layout {
    /// The layout microgpt.py creates, in its order: wte, wpe, lm_head, then per
    /// layer wq, wk, wv, wo, fc1, fc2.
    pub fn new(c: &Config) -> Layout {
        let e = c.n_embd;
        let wte = 0;
        let wpe = wte + c.vocab_size * e;
        let lm_head = wpe + c.block_size * e;
        let mut at = lm_head + c.vocab_size * e;
        let layers = (0..c.n_layer)
            .map(|_| {
                let blocks = [e * e, e * e, e * e, e * e, 4 * e * e, 4 * e * e];
                let mut offsets = [0; 6];
                for (o, size) in offsets.iter_mut().zip(blocks) {
                    *o = at;
                    at += size;
                }
                offsets
            })
            .collect();
        Layout {
            wte,
            wpe,
            lm_head,
            layers,
        }
    }

    /// Named blocks `(name, start, len)`, in creation order.
    pub fn blocks(&self, c: &Config) -> Vec<(String, usize, usize)> {
        let e = c.n_embd;
        let mut out = vec![
            ("wte".to_owned(), self.wte, c.vocab_size * e),
            ("wpe".to_owned(), self.wpe, c.block_size * e),
            ("lm_head".to_owned(), self.lm_head, c.vocab_size * e),
        ];
        for (l, o) in self.layers.iter().enumerate() {
            let names = ["attn_wq", "attn_wk", "attn_wv", "attn_wo", "mlp_fc1", "mlp_fc2"];
            let sizes = [e * e, e * e, e * e, e * e, 4 * e * e, 4 * e * e];
            for k in 0..6 {
                out.push((format!("layer{l}.{}", names[k]), o[k], sizes[k]));
            }
        }
        out
    }
}
