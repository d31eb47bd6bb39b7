use super::*;

fn model() -> Model {
    Model::init(Config::microgpt(27), &mut PyRandom::new(42))
}

#[test]
fn four_thousand_one_hundred_ninety_two_parameters() {
    let m = model();
    assert_eq!(m.config.param_count(), 4192);
    assert_eq!(m.params.len(), 4192);
    let blocks = m.layout.blocks(&m.config);
    let sizes: Vec<(&str, usize)> = blocks.iter().map(|(n, _, s)| (n.as_str(), *s)).collect();
    assert_eq!(
        sizes,
        vec![
            ("wte", 432),
            ("wpe", 256),
            ("lm_head", 432),
            ("layer0.attn_wq", 256),
            ("layer0.attn_wk", 256),
            ("layer0.attn_wv", 256),
            ("layer0.attn_wo", 256),
            ("layer0.mlp_fc1", 1024),
            ("layer0.mlp_fc2", 1024),
        ]
    );
    // Contiguous, in creation order.
    let mut at = 0;
    for (_, start, size) in &blocks {
        assert_eq!(*start, at);
        at += size;
    }
    assert_eq!(at, 4192);
    // The first weight is CPython's first gauss(0, 0.08) after seed(42).
    assert_eq!(m.params[0], -0.011527226366234268);
}

#[test]
fn untrained_loss_is_near_a_uniform_guess() {
    let m = model();
    let mut ws = Workspace::new(&m.config);
    let mut grad = vec![0.0; m.params.len()];
    let loss = m
        .loss_and_grad(&[26, 4, 12, 12, 0, 26], &mut grad, &mut ws)
        .expect("a document");
    assert!((loss - 27f64.ln()).abs() < 0.2, "{loss}");
    assert!(
        m.loss_and_grad(&[26], &mut grad, &mut ws).is_none(),
        "nothing to predict"
    );
}

/// Central finite differences against the backward pass, for a sample of
/// weights from every block.
#[test]
fn every_block_passes_a_finite_difference_check() {
    let mut m = model();
    let mut ws = Workspace::new(&m.config);
    let tokens = [26, 13, 0, 19, 7, 0, 11, 8, 4, 26];
    let mut grad = vec![0.0; m.params.len()];
    m.loss_and_grad(&tokens, &mut grad, &mut ws).expect("a document");
    let mut rng = PyRandom::new(1);
    let h = 1e-5;
    for (name, start, size) in m.layout.blocks(&m.config) {
        let mut checked = 0;
        for _ in 0..40 {
            let i = start + rng.randbelow(size as u32) as usize;
            let keep = m.params[i];
            let mut scratch = vec![0.0; m.params.len()];
            m.params[i] = keep + h;
            let up = m.loss_and_grad(&tokens, &mut scratch, &mut ws).expect("doc");
            m.params[i] = keep - h;
            let down = m.loss_and_grad(&tokens, &mut scratch, &mut ws).expect("doc");
            m.params[i] = keep;
            let numeric = (up - down) / (2.0 * h);
            if numeric == 0.0 && grad[i] == 0.0 {
                continue; // an unused embedding row
            }
            assert!(
                (numeric - grad[i]).abs() <= 1e-6 + 1e-4 * grad[i].abs(),
                "{name}[{}]: numeric {numeric} vs backprop {}",
                i - start,
                grad[i]
            );
            checked += 1;
        }
        assert!(checked > 0, "{name} was checked");
    }
}

#[test]
fn sampling_stops_at_bos_or_the_block_size() {
    let m = model();
    let mut ws = Workspace::new(&m.config);
    let mut rng = PyRandom::new(3);
    for _ in 0..20 {
        let s = m.sample(26, 0.5, &mut rng, &mut ws);
        assert!(s.len() <= m.config.block_size);
        assert!(s.iter().all(|&t| t < 26));
    }
}
