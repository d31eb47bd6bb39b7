//! The computational graph, left to right: boxes for nodes (value above,
//! gradient below, `…` while pending), arrows for edges labelled with their
//! local derivative, and the current stage's nodes and edges highlighted.

use super::Style;
use crate::i18n;
use crate::widgets::backprop::{GraphScene, NodeKind};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Columns and rows of the layout grid.
const COLS: f64 = 4.0;
/// Vertical centres of the two rows, as fractions of the height.
const ROWS: [f64; 2] = [0.3, 0.76];
/// Highlight for the stage's active nodes and edges.
const ACTIVE: RGBColor = RGBColor(230, 97, 1);

/// Draws the graph scene on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &GraphScene,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = &style.palette;
    area.fill(&pal.background)?;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    // Wide canvases lay the graph out left to right; tall ones (phones) top to
    // bottom, with the layout's columns as rows.
    let vertical = h > w * 0.9;
    let (across, down) = if vertical { (2.0, COLS) } else { (COLS, 2.0) };
    let box_w = (w / across * 0.78).min(style.px(190.0));
    let box_h = (h / down * if vertical { 0.62 } else { 0.68 }).min(style.px(96.0));
    // Type that fits its box: a box narrower than 150 CSS px (or shorter than
    // 80) at this style (presenter mode's large type on a 4:3 screen, a
    // squeezed frame) gets proportionally smaller type and lines.
    let fit = (box_w / style.px(150.0))
        .min(box_h / style.px(80.0))
        .clamp(0.55, 1.0);
    let style = &Style {
        scale: style.scale * fit,
        ..*style
    };
    let centre = |at: (f64, f64)| -> (f64, f64) {
        if vertical {
            ((at.1 + 0.5) * w / 2.0, (at.0 + 0.5) * h / COLS)
        } else {
            let row = if at.1 < 0.5 { ROWS[0] } else { ROWS[1] };
            ((at.0 + 0.5) * w / COLS, row * h)
        }
    };
    // Where the line from a box's centre towards `towards` leaves the box.
    let exit = |c: (f64, f64), towards: (f64, f64)| -> (f64, f64) {
        let (dx, dy) = (towards.0 - c.0, towards.1 - c.1);
        let t = (box_w / 2.0 / dx.abs().max(1e-9)).min(box_h / 2.0 / dy.abs().max(1e-9));
        (c.0 + dx * t, c.1 + dy * t)
    };
    let centred = Pos::new(HPos::Center, VPos::Center);

    // Edges first, so the boxes sit on top of them; their labels last, on top of all.
    let mut labels = Vec::new();
    for edge in &scene.edges {
        let (Some(a), Some(b)) = (scene.nodes.get(edge.from), scene.nodes.get(edge.to)) else {
            continue;
        };
        let (ca, cb) = (centre(a.at), centre(b.at));
        let (start, end) = (exit(ca, cb), exit(cb, ca));
        let colour = if edge.active { ACTIVE } else { pal.trail };
        let width = style.px_i(if edge.active { 3.5 } else { 1.5 });
        let p = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
        area.draw(&PathElement::new(
            vec![p(start), p(end)],
            colour.stroke_width(width),
        ))?;
        let (dx, dy) = (end.0 - start.0, end.1 - start.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let head = style.px(10.0);
        let wing = |sign: f64| {
            p((
                end.0 - ux * head - uy * head * 0.5 * sign,
                end.1 - uy * head + ux * head * 0.5 * sign,
            ))
        };
        area.draw(&Polygon::new(
            vec![p(end), wing(1.0), wing(-1.0)],
            colour.filled(),
        ))?;
        if let Some(local) = &edge.local {
            let mid = ((start.0 + end.0) / 2.0, (start.1 + end.1) / 2.0);
            // Between boxes in a row the gap is narrow: write above the boxes.
            // Between boxes in a column: beside the arrow. Diagonals: beside the middle.
            let (at, anchor) = if (ca.1 - cb.1).abs() < 1.0 {
                ((mid.0, ca.1 - box_h / 2.0 - style.px(12.0)), centred)
            } else if (ca.0 - cb.0).abs() < 1.0 {
                ((mid.0 + style.px(8.0), mid.1), Pos::new(HPos::Left, VPos::Center))
            } else {
                (
                    (mid.0 + style.px(6.0), mid.1 + style.px(4.0)),
                    Pos::new(HPos::Left, VPos::Center),
                )
            };
            labels.push((local.clone(), p(at), edge.active, anchor));
        }
    }

    for node in &scene.nodes {
        let (cx, cy) = centre(node.at);
        let (x0, y0) = (
            (cx - box_w / 2.0).round() as i32,
            (cy - box_h / 2.0).round() as i32,
        );
        let (x1, y1) = (
            (cx + box_w / 2.0).round() as i32,
            (cy + box_h / 2.0).round() as i32,
        );
        let fill = match node.kind {
            NodeKind::Param => pal.param_fill,
            NodeKind::Input => pal.input_fill,
            NodeKind::Loss => pal.loss_fill,
            NodeKind::Op => pal.background,
        };
        area.draw(&Rectangle::new([(x0, y0), (x1, y1)], fill.filled()))?;
        let (border, width) = if node.active {
            (ACTIVE, 3.0)
        } else {
            (pal.ink, 1.0)
        };
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            border.stroke_width(style.px_i(width)),
        ))?;
        let line = |k: f64| (cx.round() as i32, (cy - box_h / 2.0 + box_h * k).round() as i32);
        let title = match node.kind {
            NodeKind::Param => format!("{}  {}", node.title, i18n::PARAMETER.get(style.lang)),
            _ => node.title.clone(),
        };
        area.draw(&Text::new(
            title,
            line(0.2),
            style.sans(13.0).color(&pal.ink).pos(centred),
        ))?;
        let value = node.value.clone().unwrap_or_else(|| "…".to_owned());
        area.draw(&Text::new(
            value,
            line(0.5),
            style.sans(16.0).color(&pal.ink).pos(centred),
        ))?;
        if node.kind != NodeKind::Input {
            let grad = format!("{} = {}", node.grad_name, node.grad.as_deref().unwrap_or("…"));
            let colour = if node.grad.is_some() {
                pal.tangent
            } else {
                pal.trail
            };
            area.draw(&Text::new(
                grad,
                line(0.8),
                style.sans(12.0).color(&colour).pos(centred),
            ))?;
        }
    }
    for (text, at, active, anchor) in labels {
        let colour = if active { &ACTIVE } else { &pal.ink };
        area.draw(&Text::new(text, at, style.sans(12.0).color(colour).pos(anchor)))?;
    }
    Ok(())
}
