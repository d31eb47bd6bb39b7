//! The map: its isolines lie where L equals their level, and it draws any
//! race (including runaway trails) through the checking backend.

use super::*;
use crate::render::probe::{Probe, Seen};
use crate::surface::SURFACES;
use std::cell::RefCell;
use std::rc::Rc;

fn view_of(s: &Surface) -> View {
    let ((x0, x1), (y0, y1)) = s.span();
    View { x0, x1, y0, y1 }
}

#[test]
fn isolines_pass_through_points_at_their_level() {
    for s in SURFACES {
        let view = view_of(&s);
        let levels = levels(&s, &view);
        assert_eq!(levels.len(), LEVELS);
        assert!(levels.windows(2).all(|w| w[0] < w[1]), "{s:?}: rising levels");
        let lines = isolines(&s, &view, &levels);
        let mut checked = 0;
        for (level, runs) in &lines {
            for run in runs {
                for &(x, y) in run.iter().step_by(7) {
                    // Inside the grid, linear interpolation between points a
                    // grid step apart: |L − level| within what L changes over
                    // a step there.
                    if !(view.x0 < x && x < view.x1 && view.y0 < y && y < view.y1) {
                        continue;
                    }
                    let g = s.grad([x, y]);
                    let step = (view.x1 - view.x0).max(view.y1 - view.y0) / (GRID - 1) as f64;
                    let slack = (g[0].abs() + g[1].abs()) * step + 1e-9 * level.abs();
                    let l = s.loss([x, y]);
                    assert!((l - level).abs() <= slack, "{s:?}: L({x}, {y}) = {l} on the {level} isoline (slack {slack})");
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{s:?}: {checked} points checked");
    }
}

#[test]
fn an_isoline_at_a_grid_value_passes_through_that_grid_point() {
    // The crate puts value i at i + 0.5; the map shifts its origin by half a
    // step so grid point (i, j) is at (x0 + i·dx, y0 + j·dy). A level equal
    // to one grid value must pass through exactly that point.
    let s = Surface::Ravine;
    let view = view_of(&s);
    let (dx, dy) = ((view.x1 - view.x0) / (GRID - 1) as f64, (view.y1 - view.y0) / (GRID - 1) as f64);
    let (i, j) = (30, 40);
    let (x, y) = (view.x0 + i as f64 * dx, view.y0 + j as f64 * dy);
    let level = s.loss([x, y]);
    let lines = isolines(&s, &view, &[level]);
    let nearest = lines[0].1.iter().flatten().map(|&(px, py)| (px - x).hypot(py - y)).fold(f64::INFINITY, f64::min);
    assert!(nearest < 1e-9 * (1.0 + x.abs() + y.abs()), "the isoline misses ({x}, {y}) by {nearest}");
}

#[test]
fn the_map_draws_any_race_inside_its_plot() {
    let runaway: Vec<[f64; 2]> = vec![[0.0, 0.0], [1e300, -1e300], [f64::MAX, 3.0], [2.0, 2.0]];
    for s in SURFACES {
        let view = view_of(&s);
        let trail = [s.default_start(), [0.5, 0.5]];
        let scene = MapScene {
            surface: s.clone(),
            view,
            racers: (0..6)
                .map(|i| MapRacer { index: i, trail: if i % 2 == 0 { &trail } else { &runaway }, grad: [1e200, -3.0], step: [0.1, 1e-300], decay: [0.01 * i as f64, 0.0] })
                .collect(),
        };
        let (w, h) = (560u32, 400u32);
        let mut buf = vec![0u8; (w * h * 3) as usize];
        let seen = Rc::new(RefCell::new(Seen::default()));
        {
            let area = Probe::new(&mut buf, (w, h), Rc::clone(&seen)).into_drawing_area();
            let map = draw(&area, &scene, &Style::default()).expect("draws");
            area.present().expect("presents");
            // The click mapping inverts the drawing mapping.
            let (px, py) = map.to_pixel(0.5, 0.5);
            let (x, y) = map.to_data(px, py);
            assert!((x - 0.5).abs() < 1e-9 && (y - 0.5).abs() < 1e-9);
        }
        assert!(seen.borrow().out_of_bounds.is_empty(), "{s:?}: {:?}", seen.borrow().out_of_bounds);
    }
}

#[test]
fn a_zig_zag_trail_stays_inside_the_plot() {
    // SGD bouncing across the ravine (w2 = 0, 2, 0, …) with w1 creeping to 3:
    // nothing of its colour is drawn outside the plot (mitred joins would spike).
    let trail: Vec<[f64; 2]> = (0..60).map(|t| [3.0 - 3.0 * 0.8f64.powi(t), if t % 2 == 0 { 0.0 } else { 2.0 }]).collect();
    let view = view_of(&Surface::Ravine);
    let scene = MapScene { surface: Surface::Ravine, view, racers: vec![MapRacer { index: 0, trail: &trail, grad: [0.0, 0.0], step: [0.0, 0.0], decay: [0.0, 0.0] }] };
    let (w, h) = (640u32, 420u32);
    let mut buf = vec![0u8; (w * h * 3) as usize];
    let seen = Rc::new(RefCell::new(Seen::default()));
    let map = {
        let area = Probe::new(&mut buf, (w, h), Rc::clone(&seen)).into_drawing_area();
        let map = draw(&area, &scene, &Style::default()).expect("draws");
        area.present().expect("presents");
        map
    };
    let c = OPT_COLOURS[0];
    let (top, bottom) = (map.py.0.min(map.py.1) - 3.0, map.py.0.max(map.py.1) + 3.0);
    for y in 0..h {
        for x in 0..w {
            let i = ((y * w + x) * 3) as usize;
            if buf[i..i + 3] == [c.0, c.1, c.2] {
                assert!(f64::from(y) >= top && f64::from(y) <= bottom, "trail colour at ({x}, {y}), outside the plot {top} … {bottom}");
            }
        }
    }
}
