//! The files `downhill-render` writes: sizes, frames, delays, and the balls where the maths puts them.

use super::*;

/// 实验二 as the post's GIF: 450 × 315, w₀ = 0 → w₂₀ = 2.9654, looping.
fn check_experiment_two(bytes: &[u8], job: &cli::Job, fonts: &Fonts, ball: RGBColor) {
    let gif = decode(bytes);
    assert_eq!(gif.size, job.size);
    assert!(gif.infinite, "the GIF loops forever");
    // One frame per step at least, plus the flights in between.
    assert!(gif.frames.len() > 2 * job.steps, "{} frames for {} steps", gif.frames.len(), job.steps);
    let total_ms: f64 = gif.frames.iter().map(|(d, _)| f64::from(*d) * 10.0).sum();
    let Subject::Descent(m) = &job.subject else { panic!("descent") };
    let interval = m.interval_ms();
    // t = 0 shown one interval, a step every interval, the last flight, the hold.
    let want = interval * job.steps as f64 + HOLD_MS;
    assert!((total_ms - want).abs() <= interval, "plays {total_ms} ms, {want} ms expected");
    let (last_delay, _) = gif.frames.last().expect("frames");
    assert!(f64::from(*last_delay) * 10.0 >= HOLD_MS, "the last frame is held ~2 s");
    for (d, _) in &gif.frames {
        assert!(*d >= 2, "a delay under 2 cs plays as 10 cs in browsers");
    }
    // The ball at w = 0 in the first frame, at w₂₀ in the last.
    let first_map = &maps_at_rest(job, fonts, 0)[0];
    let l = Landscape::default();
    let (found, _) = find(&gif.frames[0].1, gif.size.0, first_map, ball).expect("the ball in the first frame");
    assert_near(found, first_map.to_pixel(0.0, l.loss(0.0)), "first frame");
    let want = expected_balls(job, fonts)[0];
    let last_map = &maps_at_rest(job, fonts, job.steps)[0];
    let (found, _) = find(&gif.frames.last().expect("frames").1, gif.size.0, last_map, ball).expect("the ball in the last frame");
    assert_near(found, want, "last frame");
    let Subject::Descent(_) = &job.subject else { unreachable!() };
    let w20 = last_map.to_data(found.0, found.1).0;
    assert!((w20 - 2.9654).abs() < 0.05, "the ball reads w = {w20}");
}

/// 实验三: the three balls at step 20 where the post's table puts them.
fn check_experiment_three(bytes: &[u8], job: &cli::Job, fonts: &Fonts) {
    let gif = decode(bytes);
    assert_eq!(gif.size, job.size);
    assert!(gif.infinite);
    assert!(gif.frames.len() > 2 * job.steps);
    let wants = expected_balls(job, fonts);
    let maps = maps_at_rest(job, fonts, job.steps);
    let last = &gif.frames.last().expect("frames").1;
    for (i, (want, map)) in wants.iter().zip(&maps).enumerate() {
        let (found, _) = find(last, gif.size.0, map, RUN_COLOURS[i]).expect("each run's ball");
        assert_near(found, *want, &format!("run {i}"));
    }
    let mut end = job.subject.clone();
    end.advance(job.steps);
    let Subject::Lab(m) = &end else { panic!("the lab") };
    let titles = crate::export::subject::lab_titles(m, job.lang);
    let table = [("2.1297", "1.7575"), ("3.0000", "1.0000"), ("-3145725.0000", "9895604649985.0000")];
    for (title, (w, l)) in titles.iter().zip(table) {
        assert_eq!(title[1], format!("w = {w} · L = {l}"), "the post's table, after 20 steps");
    }
    assert!(titles[0][0].contains("太小") && titles[1][0].contains("刚好") && titles[2][0].contains("太大"), "{titles:?}");
}

#[test]
fn make_post_gifs_writes_the_posts_two_animations_for_its_own_text() {
    let Some(fonts) = fonts(Lang::Zh) else { return };
    let dir = scratch("post");
    assert_eq!(cli::main_with(&["--post-gifs".into(), dir.to_string_lossy().into_owned()]), 0);
    let descent = job(&post_gif_args(0, &dir).join(" "));
    assert_eq!((descent.size, descent.lang, descent.steps), ((450, 315), Lang::Zh, 20));
    let bytes = std::fs::read(dir.join(POST_GIFS[0].0)).expect("gradient_descent.gif");
    check_experiment_two(&bytes, &descent, &fonts, LIGHT.ball);
    let lab = job(&post_gif_args(1, &dir).join(" "));
    assert_eq!((lab.size, lab.steps), ((810, 288), 20));
    let bytes = std::fs::read(dir.join(POST_GIFS[1].0)).expect("learning_rate.gif");
    check_experiment_three(&bytes, &lab, &fonts);
}

#[test]
fn a_dark_english_descent_gif_has_its_ball_where_the_maths_says() {
    let Some(fonts) = fonts(Lang::En) else { return };
    let j = job("--query widget=descent&steps=12&theme=dark&autoplay=1 --lang en --size 400x300 --fps 10 -o x.gif");
    assert_eq!((j.format, j.theme, j.lang), (Format::Gif, crate::settings::Theme::Dark, Lang::En));
    let bytes = cli::render(j.clone(), &fonts).expect("rendered");
    let gif = decode(&bytes);
    // The background is the dark theme's.
    let bg = &gif.frames[0].1[..3];
    assert_eq!(bg, &[DARK.background.0, DARK.background.1, DARK.background.2]);
    let want = expected_balls(&j, &fonts)[0];
    let map = &maps_at_rest(&j, &fonts, 12)[0];
    let (found, _) = find(&gif.frames.last().expect("frames").1, gif.size.0, map, DARK.ball).expect("the ball");
    assert_near(found, want, "dark, step 12");
}

#[test]
fn a_png_shows_the_state_after_steps() {
    let Some(fonts) = fonts(Lang::En) else { return };
    for (line, colours) in [
        ("--widget descent --lr 0.3 --steps 3 --size 500x360 -o a.png", vec![LIGHT.ball]),
        ("--query widget=lr-compare&steps=20 --size 900x320 -o a.png", RUN_COLOURS.to_vec()),
    ] {
        let j = job(line);
        let bytes = cli::render(j.clone(), &fonts).expect("rendered");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).expect("pixels");
        assert_eq!((info.width, info.height), j.size);
        assert_eq!(info.color_type, png::ColorType::Rgb);
        let rgba: Vec<u8> = rgb[..info.buffer_size()].chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
        let maps = maps_at_rest(&j, &fonts, j.steps);
        for ((want, map), colour) in expected_balls(&j, &fonts).iter().zip(&maps).zip(colours) {
            let (found, _) = find(&rgba, info.width, map, colour).expect("the ball");
            assert_near(found, *want, line);
        }
    }
}

#[test]
fn a_backprop_gif_shows_one_picture_per_stage() {
    let Some(fonts) = fonts(Lang::En) else { return };
    let j = job("--widget backprop --steps 10 --speed 2 --size 480x300 -o bp.gif");
    let gif = decode(&cli::render(j, &fonts).expect("rendered"));
    // t = 0 and each of the 10 stages, each for one 350 ms interval, the last held.
    assert_eq!(gif.frames.len(), 11);
    let delays: Vec<u16> = gif.frames.iter().map(|f| f.0).collect();
    assert!(delays[..10].iter().all(|&d| d == 35), "a stage every 350 ms exactly: {delays:?}");
    assert!(delays[10] >= 200, "{delays:?}");
    // Stages change the picture: no two neighbours are the same.
    assert!(gif.frames.windows(2).all(|w| w[0].1 != w[1].1));
}

#[test]
fn a_landscape_from_the_link_is_drawn_and_its_balls_land_in_their_valleys() {
    let Some(fonts) = fonts(Lang::En) else { return };
    // The double well from w0 = 2 ends in its shallower right valley.
    let j = job("--query widget=descent&landscape=double-well&w0=2&lr=0.1&steps=60 --size 600x400 -o x.png");
    let Subject::Descent(m) = &j.subject else { panic!("descent") };
    assert_eq!(*m.run().landscape(), Landscape::DoubleWell);
    let mut end = j.subject.clone();
    end.advance(j.steps);
    let Subject::Descent(e) = &end else { panic!("descent") };
    let right = Landscape::DoubleWell.local_minima()[1].0;
    assert!((e.run().w() - right).abs() < 1e-3, "ends at {}", e.run().w());
    let bytes = cli::render(j.clone(), &fonts).expect("rendered");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("a PNG");
    let mut rgb = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut rgb).expect("pixels");
    let rgba: Vec<u8> = rgb[..info.buffer_size()].chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
    let map = &maps_at_rest(&j, &fonts, j.steps)[0];
    // The view shows both valleys.
    assert!(map.view.x0 <= -2.5 && map.view.x1 >= 2.5, "{:?}", map.view);
    let (found, _) = find(&rgba, info.width, map, LIGHT.ball).expect("the ball");
    assert_near(found, expected_balls(&j, &fonts)[0], "double well");
    // Without w0b the double well's scene has ball B too, a blue square in the
    // deeper left valley (at least its 12 × 12 inside, within 10 px of where
    // the maths puts it).
    let left = Landscape::DoubleWell.local_minima()[0].0;
    let b = e.runs().nth(1).expect("ball B");
    assert!((b.w() - left).abs() < 1e-3, "B ends at {}", b.w());
    let (bx, by) = map.to_pixel(b.w(), b.loss());
    let blue = crate::render::descent::BALL_COLOURS[0];
    let near = (0..rgba.len() / 4)
        .filter(|i| {
            let (x, y) = ((i % info.width as usize) as f64 + 0.5, (i / info.width as usize) as f64 + 0.5);
            let p = &rgba[i * 4..i * 4 + 3];
            (x - bx).abs() <= 10.0 && (y - by).abs() <= 10.0 && p == [blue.0, blue.1, blue.2]
        })
        .count();
    assert!(near >= 144, "ball B's square at ({bx:.1}, {by:.1}): {near} blue pixels");
    // A typed formula from the command line is drawn with its own numbers.
    let typed = job("--widget descent --formula (w-1)^2+1 --steps 4 -o t.png");
    let mut t = typed.subject.clone();
    t.advance(typed.steps);
    let Subject::Descent(tm) = &t else { panic!("descent") };
    assert_eq!(tm.run().landscape().typed_text(), Some("(w-1)^2+1"));
    let w0 = tm.run().w0();
    assert!((tm.run().w() - (1.0 + 0.8f64.powi(4) * (w0 - 1.0))).abs() < 1e-12);
    assert!(cli::render(typed, &fonts).is_ok());
    // The lab takes the landscape too.
    let lab = job("--query widget=lr-compare&landscape=cliff&steps=5 -o lab.gif");
    let Subject::Lab(l) = &lab.subject else { panic!("the lab") };
    assert_eq!(l.landscape(), Landscape::Cliff);
}

#[test]
fn pictures_of_any_allowed_size_draw() {
    let Some(fonts) = fonts(Lang::En) else { return };
    for size in ["1x1", "4096x1", "1x4096", "3x7", "40x30"] {
        for widget in ["descent", "lr-compare", "backprop", "mse", "cross-entropy"] {
            let steps = if matches!(widget, "mse" | "cross-entropy") { "" } else { " --steps 3" };
            let j = job(&format!("--widget {widget}{steps} --size {size} -o x.png"));
            let bytes = cli::render(j, &fonts).unwrap_or_else(|e| panic!("{widget} at {size}: {e}"));
            assert!(bytes.starts_with(b"\x89PNG"), "{widget} at {size}");
        }
    }
}

#[test]
fn the_race_leaves_as_a_png_and_a_gif_with_each_optimizer_where_its_maths_is() {
    let Some(fonts) = fonts(Lang::En) else { return };
    let png_rgba = |j: &cli::Job| {
        let bytes = cli::render(j.clone(), &fonts).expect("rendered");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).expect("pixels");
        (info.width, rgb[..info.buffer_size()].chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect::<Vec<u8>>())
    };
    let sgd = crate::render::map::OPT_COLOURS[0];
    // On a line, the post's bowl at η = 0.1: SGD's ball at w = 1.464 (实验二's
    // third step), L = (1.464 − 3)² + 1, exactly where the chart maps it.
    let j = job("--query widget=optimizers&view=line&opt=sgd&steps=3 --size 800x400 -o race.png");
    let (width, rgba) = png_rgba(&j);
    let map = maps_at_rest(&j, &fonts, j.steps)[0];
    let want = map.to_pixel(1.464, (1.464f64 - 3.0).powi(2) + 1.0);
    let (found, n) = find(&rgba, width, &map, sgd).expect("SGD's ball");
    assert!(n > 40, "a ball ({n} px)");
    assert_near(found, want, "SGD on the line after 3 steps");
    // On the map, SGD alone from (0, 0): after 3 steps at (1.464, 2).
    let j = job("--query widget=optimizers&opt=sgd&steps=3 --size 800x400 -o race.png");
    let (width, rgba) = png_rgba(&j);
    let map = maps_at_rest(&j, &fonts, j.steps)[0];
    let want = map.to_pixel(1.464, 2.0);
    let near = PixelMap { px: (want.0 - 4.0, want.0 + 4.0), py: (want.1 - 4.0, want.1 + 4.0), ..map };
    let (_, n) = find(&rgba, width, &near, sgd).expect("SGD's ball on the map");
    assert!(n >= 40, "the ball fills the 8 × 8 px around (1.464, 2) ({n} px)");
    // A GIF: t = 0 and each of 6 steps, one picture each, the last held.
    let g = decode(&cli::render(job("--query widget=optimizers&steps=6 --size 640x320 -o race.gif"), &fonts).expect("rendered"));
    assert_eq!(g.frames.len(), 7);
    assert!(g.frames.windows(2).all(|w| w[0].1 != w[1].1), "every step moves the picture");
}
