//! A small reverse-mode automatic differentiation graph (chapter 4, 实验四).
//!
//! Nodes live in an ordered `Vec`, created inputs-first, so the vector is already
//! a topological order: the forward pass walks it left to right, the backward
//! pass right to left. Each operation stores its forward value and its local
//! derivatives side by side, as micrograd does, so the chain rule is one line:
//! `grad[input] += grad[node] × local`.

use serde::Serialize;

/// Index of a node in its [`Graph`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct NodeId(pub usize);

/// What a node computes from its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// A value fed in from outside (x, the target).
    Input,
    /// A parameter the training changes (w1, w2).
    Param,
    /// `a + b`.
    Add,
    /// `a × b`.
    Mul,
    /// `max(0, a)`.
    Relu,
    /// `(a − b)²`: the squared error of a prediction `a` against a target `b`.
    SquaredError,
}

/// One node: its operation, inputs, value and the local derivatives of its
/// value with respect to each input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// Its name on the drawing (`"h"`, `"w1"`, `"L"`).
    pub label: String,
    /// The operation.
    pub op: Op,
    /// Input nodes, in operand order (empty for inputs and parameters).
    pub inputs: Vec<NodeId>,
    /// Forward value.
    pub value: f64,
    /// `∂value/∂inputs[k]`, computed in the forward pass.
    pub local: Vec<f64>,
    /// `∂output/∂value` after a backward pass.
    pub grad: f64,
}

/// A computational graph.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Graph {
    nodes: Vec<Node>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds an input fed from outside.
    pub fn input(&mut self, label: &str, value: f64) -> NodeId {
        self.push(label, Op::Input, vec![], value)
    }

    /// Adds a trainable parameter.
    pub fn param(&mut self, label: &str, value: f64) -> NodeId {
        self.push(label, Op::Param, vec![], value)
    }

    /// Adds `a + b`.
    pub fn add(&mut self, label: &str, a: NodeId, b: NodeId) -> NodeId {
        self.op(label, Op::Add, vec![a, b])
    }

    /// Adds `a × b`.
    pub fn mul(&mut self, label: &str, a: NodeId, b: NodeId) -> NodeId {
        self.op(label, Op::Mul, vec![a, b])
    }

    /// Adds `max(0, a)`.
    pub fn relu(&mut self, label: &str, a: NodeId) -> NodeId {
        self.op(label, Op::Relu, vec![a])
    }

    /// Adds `(a − b)²`.
    pub fn squared_error(&mut self, label: &str, a: NodeId, b: NodeId) -> NodeId {
        self.op(label, Op::SquaredError, vec![a, b])
    }

    /// Sets an input's or parameter's value; call [`Graph::forward`] after.
    /// Returns whether `id` names such a node.
    pub fn set(&mut self, id: NodeId, value: f64) -> bool {
        match self.nodes.get_mut(id.0) {
            Some(node) if matches!(node.op, Op::Input | Op::Param) => {
                node.value = value;
                true
            }
            _ => false,
        }
    }

    /// Recomputes every value and local derivative, left to right.
    pub fn forward(&mut self) {
        for i in 0..self.nodes.len() {
            let operands: Vec<f64> = self.nodes[i]
                .inputs
                .iter()
                .map(|id| self.nodes[id.0].value)
                .collect();
            let op = self.nodes[i].op;
            if let Some((value, local)) = evaluate(op, &operands) {
                let node = &mut self.nodes[i];
                node.value = value;
                node.local = local;
            }
        }
    }

    /// The backward pass from `output`: every node's `grad` becomes
    /// `∂output/∂node`, by the chain rule from right to left.
    pub fn backward(&mut self, output: NodeId) {
        for node in &mut self.nodes {
            node.grad = 0.0;
        }
        if let Some(node) = self.nodes.get_mut(output.0) {
            node.grad = 1.0;
        }
        for i in (0..self.nodes.len()).rev() {
            let grad = self.nodes[i].grad;
            let pairs: Vec<(NodeId, f64)> = self.nodes[i]
                .inputs
                .iter()
                .copied()
                .zip(self.nodes[i].local.iter().copied())
                .collect();
            for (input, local) in pairs {
                // Chain rule: ∂out/∂input += ∂out/∂node × ∂node/∂input.
                self.nodes[input.0].grad += grad * local;
            }
        }
    }

    /// Central finite difference `(out(p+ε) − out(p−ε)) / 2ε` of `output` with
    /// respect to `param`, leaving the graph as it was.
    pub fn numeric_grad(&mut self, output: NodeId, param: NodeId, eps: f64) -> f64 {
        let Some(original) = self.nodes.get(param.0).map(|n| n.value) else {
            return f64::NAN;
        };
        let mut at = |value: f64| {
            self.set(param, value);
            self.forward();
            self.value(output)
        };
        let (up, down) = (at(original + eps), at(original - eps));
        self.set(param, original);
        self.forward();
        (up - down) / (2.0 * eps)
    }

    /// A node's value.
    pub fn value(&self, id: NodeId) -> f64 {
        self.nodes.get(id.0).map_or(f64::NAN, |n| n.value)
    }

    /// A node's gradient from the last backward pass.
    pub fn grad(&self, id: NodeId) -> f64 {
        self.nodes.get(id.0).map_or(f64::NAN, |n| n.grad)
    }

    /// All nodes, in topological order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
}

impl Graph {
    fn push(&mut self, label: &str, op: Op, inputs: Vec<NodeId>, value: f64) -> NodeId {
        self.nodes.push(Node {
            label: label.to_owned(),
            op,
            inputs,
            value,
            local: Vec::new(),
            grad: 0.0,
        });
        NodeId(self.nodes.len() - 1)
    }

    fn op(&mut self, label: &str, op: Op, inputs: Vec<NodeId>) -> NodeId {
        let operands: Vec<f64> = inputs.iter().map(|id| self.value(*id)).collect();
        let (value, local) = evaluate(op, &operands).unwrap_or((f64::NAN, Vec::new()));
        let id = self.push(label, op, inputs, value);
        self.nodes[id.0].local = local;
        id
    }
}

/// Forward value and local derivatives of `op` at `operands`, side by side.
fn evaluate(op: Op, operands: &[f64]) -> Option<(f64, Vec<f64>)> {
    Some(match (op, operands) {
        (Op::Input | Op::Param, _) => return None,
        // d(a+b)/da = 1, d(a+b)/db = 1
        (Op::Add, &[a, b]) => (a + b, vec![1.0, 1.0]),
        // d(ab)/da = b, d(ab)/db = a
        (Op::Mul, &[a, b]) => (a * b, vec![b, a]),
        // d max(0,a)/da = 1 where a > 0, else 0 (0 at the kink, as micrograd)
        (Op::Relu, &[a]) => (a.max(0.0), vec![if a > 0.0 { 1.0 } else { 0.0 }]),
        // d(a−b)²/da = 2(a−b), d(a−b)²/db = −2(a−b)
        (Op::SquaredError, &[a, b]) => ((a - b).powi(2), vec![2.0 * (a - b), -2.0 * (a - b)]),
        _ => return None,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
