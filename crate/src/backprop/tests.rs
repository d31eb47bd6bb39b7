use super::*;
use proptest::prelude::*;

/// The post's chain: x → [×w1] → h → [×w2] → y → L = (y − target)².
fn post_chain(x: f64, w1: f64, w2: f64, target: f64) -> (Graph, [NodeId; 7]) {
    let mut g = Graph::new();
    let xi = g.input("x", x);
    let w1i = g.param("w1", w1);
    let h = g.mul("h", xi, w1i);
    let w2i = g.param("w2", w2);
    let y = g.mul("y", h, w2i);
    let t = g.input("target", target);
    let l = g.squared_error("L", y, t);
    (g, [xi, w1i, h, w2i, y, t, l])
}

#[test]
fn experiment_four_forward_and_backward() {
    let (mut g, [_, w1, h, w2, y, _, l]) = post_chain(2.0, 0.5, 1.5, 6.0);
    // 前向: h=1.0, y=1.5, Loss=20.25
    assert_eq!((g.value(h), g.value(y), g.value(l)), (1.0, 1.5, 20.25));
    g.backward(l);
    // 反向: ∂L/∂y = -9.0, ∂L/∂w2 = -9.0, ∂L/∂w1 = -27.0
    assert_eq!(g.grad(y), -9.0);
    assert_eq!(g.grad(w2), -9.0);
    assert_eq!(g.grad(w1), -27.0);
    assert_eq!(g.grad(h), -13.5);
    assert_eq!(g.grad(l), 1.0);
    // 更新: w1 = 0.5 − 0.01·(−27) = 0.77, w2 = 1.5 − 0.01·(−9) = 1.59
    let lr = 0.01;
    let (new_w1, new_w2) = (g.value(w1) - lr * g.grad(w1), g.value(w2) - lr * g.grad(w2));
    assert_eq!(format!("{new_w1:.4}"), "0.7700");
    assert_eq!(format!("{new_w2:.4}"), "1.5900");
    g.set(w1, new_w1);
    g.set(w2, new_w2);
    g.forward();
    // 新预测: y=2.4486, 新 Loss=12.6124
    assert_eq!(format!("{:.4}", g.value(y)), "2.4486");
    assert_eq!(format!("{:.4}", g.value(l)), "12.6124");
}

#[test]
fn numeric_gradient_matches_and_restores() {
    let (mut g, [_, w1, _, w2, _, _, l]) = post_chain(2.0, 0.5, 1.5, 6.0);
    g.backward(l);
    let n1 = g.numeric_grad(l, w1, 1e-4);
    let n2 = g.numeric_grad(l, w2, 1e-4);
    assert!((n1 + 27.0).abs() < 1e-6, "{n1}");
    assert!((n2 + 9.0).abs() < 1e-6, "{n2}");
    assert_eq!(g.value(w1), 0.5, "the graph is left as it was");
    assert_eq!(g.value(l), 20.25);
}

#[test]
fn set_refuses_computed_nodes() {
    let (mut g, [_, _, h, ..]) = post_chain(2.0, 0.5, 1.5, 6.0);
    assert!(!g.set(h, 3.0));
    assert!(!g.set(NodeId(99), 3.0));
    assert!(g.value(NodeId(99)).is_nan());
}

/// A ReLU neuron feeding the chain: L = (w2 · relu(w1·x + b) − t)².
fn relu_net(x: f64, w1: f64, b: f64, w2: f64, t: f64) -> (Graph, [NodeId; 4]) {
    let mut g = Graph::new();
    let xi = g.input("x", x);
    let w1i = g.param("w1", w1);
    let z0 = g.mul("z0", xi, w1i);
    let bi = g.param("b", b);
    let z = g.add("z", z0, bi);
    let a = g.relu("a", z);
    let w2i = g.param("w2", w2);
    let y = g.mul("y", a, w2i);
    let ti = g.input("t", t);
    let l = g.squared_error("L", y, ti);
    (g, [w1i, bi, w2i, l])
}

proptest! {
    #[test]
    fn gradients_match_finite_differences(
        x in -3.0..3.0f64, w1 in -2.0..2.0f64, b in -2.0..2.0f64, w2 in -2.0..2.0f64, t in -5.0..5.0f64,
    ) {
        let (mut g, [w1i, bi, w2i, l]) = relu_net(x, w1, b, w2, t);
        // Stay away from the ReLU's kink, where the derivative jumps.
        let z = x * w1 + b;
        prop_assume!(z.abs() > 1e-3);
        g.backward(l);
        for p in [w1i, bi, w2i] {
            let numeric = g.numeric_grad(l, p, 1e-6);
            let analytic = g.grad(p);
            prop_assert!((numeric - analytic).abs() <= 1e-4 * (1.0 + analytic.abs()),
                "param {:?}: numeric {} vs backprop {}", p, numeric, analytic);
        }
    }

    #[test]
    fn never_panics(vals in proptest::collection::vec(proptest::num::f64::ANY, 5)) {
        let (mut g, [_, w1, _, w2, _, _, l]) = post_chain(vals[0], vals[1], vals[2], vals[3]);
        g.backward(l);
        let _ = g.numeric_grad(l, w1, vals[4]);
        let _ = g.numeric_grad(l, w2, vals[4]);
        prop_assert_eq!(g.nodes().len(), 7);
    }
}
