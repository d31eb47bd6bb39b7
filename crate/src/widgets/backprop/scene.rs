//! The backprop widget's graph as the reader has seen it so far: boxes with
//! values and gradients (pending until their stage), edges with their local
//! derivatives, and what the current stage is computing highlighted.

use super::{BackpropModel, UPDATE};
use crate::format::{fixed4, short};

/// What kind of box a node is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// Fed from outside: x, the target.
    Input,
    /// Trained: w1, w2.
    Param,
    /// Computed: h, y.
    Op,
    /// The loss.
    Loss,
}

/// A node as drawn: where, and what it shows so far.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    /// Name and formula, e.g. `h = x × w1`.
    pub title: String,
    /// Column (left to right) and row (0 = the main path, 1 = below it).
    pub at: (f64, f64),
    /// The value as printed, or `None` while pending.
    pub value: Option<String>,
    /// `∂L/∂node` as printed, or `None` while pending.
    pub grad: Option<String>,
    /// The gradient's name, e.g. `∂L/∂h`.
    pub grad_name: String,
    /// Box style.
    pub kind: NodeKind,
    /// Whether this stage computes this node's value or gradient.
    pub active: bool,
}

/// An edge as drawn: which nodes, and its local derivative once known.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeView {
    /// Index of the source node in [`GraphScene::nodes`].
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// `∂to/∂from = value` as printed, once the target's value is known.
    pub local: Option<String>,
    /// Whether a value or gradient flows along it at this stage.
    pub active: bool,
}

/// The computational graph at the current stage, for the renderer.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphScene {
    /// Nodes in the graph's order.
    pub nodes: Vec<NodeView>,
    /// Edges, input to output.
    pub edges: Vec<EdgeView>,
}

impl BackpropModel {
    /// The graph as the reader has seen it so far.
    pub fn scene(&self) -> GraphScene {
        let g = &self.graph;
        let s = self.stage;
        let updated = if s == UPDATE { self.updated() } else { None };
        // Per node: title, position, kind, the stage its value appears, the stage its gradient appears.
        let layout: [(&str, (f64, f64), NodeKind, usize, usize); 7] = [
            ("x", (0.0, 0.0), NodeKind::Input, 0, usize::MAX),
            ("w1", (0.0, 1.0), NodeKind::Param, 0, 7),
            ("h = x × w1", (1.0, 0.0), NodeKind::Op, 1, 6),
            ("w2", (1.0, 1.0), NodeKind::Param, 0, 5),
            ("y = h × w2", (2.0, 0.0), NodeKind::Op, 2, 4),
            ("target", (2.0, 1.0), NodeKind::Input, 0, usize::MAX),
            ("L = (y − target)²", (3.0, 0.0), NodeKind::Loss, 3, 3),
        ];
        let nodes = g
            .nodes()
            .iter()
            .zip(layout)
            .map(|(node, (title, at, kind, value_from, grad_from))| {
                let new_value = match (kind, updated) {
                    (NodeKind::Param, Some(u)) => Some(if node.label == "w1" { u.w1 } else { u.w2 }),
                    _ => None,
                };
                let value = match new_value {
                    Some(v) => Some(format!("{} → {}", fixed4(node.value), fixed4(v))),
                    None => (s >= value_from).then(|| fixed4(node.value)),
                };
                // The loss's own gradient ∂L/∂L = 1 is where the backward pass starts.
                let grad_stage = if kind == NodeKind::Loss { 4 } else { grad_from };
                NodeView {
                    title: title.to_owned(),
                    at,
                    value,
                    grad: (s >= grad_stage).then(|| fixed4(node.grad)),
                    grad_name: format!("∂L/∂{}", node.label),
                    kind,
                    active: (s == value_from && s > 0) || s == grad_stage || (new_value.is_some()),
                }
            })
            .collect();
        let edges = g
            .nodes()
            .iter()
            .enumerate()
            .flat_map(|(to, node)| {
                node.inputs
                    .iter()
                    .zip(&node.local)
                    .map(move |(from, local)| (from.0, to, *local))
            })
            .map(|(from, to, local)| {
                let value_from = layout[to].3;
                // A gradient flows into `from` through this edge at the stage that reveals ∂L/∂from.
                let backward = layout[from].4 == s && s >= 4;
                EdgeView {
                    from,
                    to,
                    local: (s >= value_from).then(|| {
                        format!(
                            "∂{}/∂{} = {}",
                            g.nodes()[to].label,
                            g.nodes()[from].label,
                            short(local)
                        )
                    }),
                    active: s == value_from || backward,
                }
            })
            .collect();
        GraphScene { nodes, edges }
    }
}
