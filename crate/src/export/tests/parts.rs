//! The parts under the pictures: the film's clock, the GIF writer, the replays.

use super::*;

/// A film in which every step is a picture, and every hold is counted.
#[derive(Default)]
struct Log {
    shots: Vec<(usize, f64)>,
    held: f64,
}

impl Camera<Subject> for Log {
    type Error = ();
    fn shoot(&mut self, reel: &Subject, now: f64) -> Result<(), ()> {
        self.shots.push((reel.t(), now));
        Ok(())
    }
    fn hold(&mut self, ms: f64) -> Result<(), ()> {
        self.held += ms;
        Ok(())
    }
}

#[test]
fn a_film_shows_every_step_its_flights_and_holds_the_end() {
    let (settings, _) = crate::settings::parse_query("widget=descent&lr=0.1&speed=2");
    let mut subject = Subject::from_settings(&settings).expect("descent");
    let mut log = Log::default();
    let shots = film::roll(&mut subject, 5, 25.0, &mut log).expect("rolled");
    assert_eq!(shots, log.shots.len());
    assert_eq!(subject.t(), 5);
    for t in 0..=5 {
        assert!(log.shots.iter().any(|s| s.0 == t), "step {t} is seen");
    }
    // Flights are filmed: several pictures per step, none repeated while at rest.
    assert!(log.shots.len() >= 5 * 4, "{} pictures", log.shots.len());
    // 5 steps at 350 ms, the first after one interval, then the hold.
    assert!((log.held - (5.0 * 350.0 + 2000.0)).abs() <= 350.0, "{}", log.held);
    // A diverging run stops when it cannot move and the film still ends.
    let (settings, _) = crate::settings::parse_query("widget=descent&lr=50");
    let mut subject = Subject::from_settings(&settings).expect("descent");
    let mut log = Log::default();
    film::roll(&mut subject, 500, 50.0, &mut log).expect("rolled");
    assert!(subject.t() < 500, "diverged before 500 steps");
}

#[test]
fn the_gif_writer_merges_repeats_crops_changes_and_keeps_delays_on_the_grid() {
    let (w, h) = (8u32, 6u32);
    let plain = vec![200u8; (w * h * 4) as usize];
    let mut dot = plain.clone();
    let i = ((2 * w + 3) * 4) as usize;
    dot[i..i + 3].copy_from_slice(&[10, 20, 30]);
    for palette in [None, Some(SharedPalette::from_samples(&[&plain, &dot]))] {
        let mut g = GifWriter::new(Vec::new(), w, h, palette).expect("writer");
        g.push(&plain).expect("frame");
        g.hold(33.3);
        g.push(&plain).expect("a repeat");
        g.hold(33.3);
        g.push(&dot).expect("frame");
        g.hold(33.4);
        g.push(&plain).expect("frame");
        g.hold(2000.0);
        let gif = decode(&g.finish().expect("finished"));
        let delays: Vec<u16> = gif.frames.iter().map(|f| f.0).collect();
        assert_eq!(delays, vec![7, 3, 200], "repeats merged, rounding not accumulated");
        assert_eq!(&gif.frames[1].1[i..i + 3], &[10, 20, 30]);
        assert_eq!(&gif.frames[2].1[i..i + 3], &[200, 200, 200]);
    }
    // A frame shorter than the 2 cs minimum is stretched, and the next one
    // gives the time back: the steps keep their rhythm.
    let mut g = GifWriter::new(Vec::new(), w, h, None).expect("writer");
    for (i, ms) in [340.0, 5.0, 345.0, 350.0].into_iter().enumerate() {
        g.push(if i % 2 == 0 { &plain } else { &dot }).expect("frame");
        g.hold(ms);
    }
    let delays: Vec<u16> = decode(&g.finish().expect("finished")).frames.iter().map(|f| f.0).collect();
    assert_eq!(delays, vec![34, 2, 33, 35], "ends at 1040 ms as the clock does");
    assert!(GifWriter::new(Vec::new(), 0, 5, None).is_err());
    assert!(GifWriter::new(Vec::new(), 5, 4097, None).is_err());
    let mut g = GifWriter::new(Vec::new(), 2, 2, None).expect("writer");
    assert!(g.push(&[0; 15]).is_err(), "a frame of the wrong length is refused");
}

#[test]
fn a_replay_retraces_a_run_whose_eta_changed_part_way() {
    use crate::widgets::backprop::BackpropModel;
    use crate::widgets::descent::DescentModel;
    let mut m = DescentModel::default();
    for _ in 0..3 {
        m.step(0.0);
    }
    m.set_lr(0.5).expect("η");
    for _ in 0..4 {
        m.step(0.0);
    }
    m.set_lr(0.02).expect("η"); // in force now, not used yet
    let (mut s, steps) = Subject::replay_descent(&m);
    assert_eq!(steps, 7);
    s.advance(steps);
    let Subject::Descent(r) = &s else { panic!("descent") };
    assert_eq!(r.run().history(), m.run().history(), "every iterate, with its η");
    assert_eq!(r.run().lr(), 0.02);

    let mut b = BackpropModel::default();
    b.train(2);
    b.set_lr(0.05).expect("η");
    b.train(1);
    b.next();
    b.next();
    let (mut s, stages) = Subject::replay_backprop(&b);
    assert_eq!(stages, 3 * 8 + 2);
    s.advance(stages);
    let Subject::Backprop(r) = &s else { panic!("backprop") };
    assert_eq!(r.snapshot(), b.snapshot(), "the same values, gradients and losses");
}
