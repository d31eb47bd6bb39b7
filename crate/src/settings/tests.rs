use super::*;
use crate::descent::LR_MAX;
use crate::i18n::Lang;

fn parse(q: &str) -> (Settings, Vec<Notice>) {
    parse_query(q)
}

#[test]
fn good_urls_restore_settings() {
    let (s, n) = parse("?lr=1.5&w0=-2&steps=20&speed=4&autoplay=1&lang=zh&theme=dark&widget=descent");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(s.lr, Some(1.5));
    assert_eq!(s.w0, Some(-2.0));
    assert_eq!(s.steps, Some(20));
    assert_eq!(s.speed, Some(4.0));
    assert_eq!(s.autoplay, Some(true));
    assert_eq!(s.lang, Some("zh"));
    assert_eq!(s.theme, Some(Theme::Dark));
    assert_eq!(s.widget, Some("descent"));
    let (s, _) = parse("lr0=0.1&lr1=0.5&lr2=0.9&widget=lr-compare");
    assert_eq!(s.lrs, [Some(0.1), Some(0.5), Some(0.9)]);
    assert_eq!(parse("").0, Settings::default());
    // The loss widget's halves are embeds of their own; compact drops the title.
    let (s, n) = parse("widget=cross-entropy&compact=1");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.widget, s.compact), (Some("cross-entropy"), Some(true)));
    assert_eq!(parse("widget=mse&compact=0").0.compact, Some(false));
    assert_eq!(parse("compact=maybe").1.len(), 1);
    // A landscape by its preset name; anything else is refused in words.
    for name in crate::landscape::PRESETS {
        let (s, n) = parse(&format!("widget=descent&landscape={name}"));
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.landscape, Some(name));
    }
    let (s, n) = parse("landscape=sinn");
    assert_eq!(s.landscape, None);
    assert_eq!(n[0].problem, Problem::UnknownWord);
    assert!(n[0].message(Lang::Zh).contains("landscape"));
}

/// (query, the key that must get a notice, what the setting ends as)
type Case = (&'static str, Option<&'static str>);

#[test]
fn thirty_hostile_urls_never_break_anything() {
    let cases: [Case; 34] = [
        ("lr=abc", Some("lr")),
        ("lr=1e999", Some("lr")),
        ("lr=-1e999", Some("lr")),
        ("lr=NaN", Some("lr")),
        ("lr=inf", Some("lr")),
        ("lr=0", Some("lr")),
        ("lr=-0.5", Some("lr")),
        ("lr=5000", Some("lr")),
        ("lr=", Some("lr")),
        ("lr=0x10", Some("lr")),
        ("lr=1,5", Some("lr")),
        ("w0=NaN", Some("w0")),
        ("w0=1e300", Some("w0")),
        ("w0=--3", Some("w0")),
        ("steps=-1", Some("steps")),
        ("steps=1e12", Some("steps")),
        ("steps=3.5", Some("steps")),
        ("steps=abc", Some("steps")),
        ("steps=99999999999999999999999", Some("steps")),
        ("speed=0", Some("speed")),
        ("speed=1e9", Some("speed")),
        ("autoplay=maybe", Some("autoplay")),
        ("lang=fr", Some("lang")),
        ("lang=<script>alert(1)</script>", Some("lang")),
        ("theme=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", Some("theme")),
        ("widget=../../etc/passwd", Some("widget")),
        ("widget=%00", Some("widget")),
        ("lr2=%F0%9F%92%A5", Some("lr2")),
        ("lr0=1e-400", Some("lr0")),
        ("foo=bar&__proto__=1&constructor=x", None),
        ("lr=%ZZ", Some("lr")),
        ("%%%%&&&===", None),
        ("lr=0.1&lr=abc", None),
        ("w0=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Some("w0")),
    ];
    for (query, noticed) in cases {
        let (s, notices) = parse(query);
        match noticed {
            Some(key) => assert!(
                notices.iter().any(|n| n.key == key),
                "{query}: expected a notice about {key}, got {notices:?}"
            ),
            None => assert!(notices.is_empty(), "{query}: {notices:?}"),
        }
        for v in [s.lr, s.w0, s.speed, s.lrs[0], s.lrs[1], s.lrs[2]]
            .into_iter()
            .flatten()
        {
            assert!(v.is_finite(), "{query}: {v}");
        }
        if let Some(lr) = s.lr {
            assert!(lr > 0.0 && lr <= LR_MAX, "{query}: lr {lr}");
        }
        assert!(s.steps.is_none_or(|n| n <= MAX_STEPS));
        for n in &notices {
            for lang in [Lang::En, Lang::Zh] {
                let m = n.message(lang);
                assert!(!m.is_empty());
                assert!(m.chars().count() < 120, "short: {m}");
            }
        }
    }
}

#[test]
fn clamps_say_what_they_used() {
    let (s, n) = parse("steps=1e12&speed=100&lr=5000");
    assert_eq!(s.steps, Some(MAX_STEPS));
    assert_eq!(s.speed, Some(SPEED_MAX));
    assert_eq!(s.lr, Some(LR_MAX));
    assert_eq!(n.len(), 3);
    assert_eq!(
        n[0].message(Lang::En),
        "steps=“1e12” is out of range; using 5000."
    );
    assert_eq!(n[1].message(Lang::Zh), "speed=“100” 超出范围，改用 16。");
    let (s, n) = parse("steps=3.5");
    assert_eq!(s.steps, Some(3));
    assert_eq!(n.len(), 1);
}

#[test]
fn first_occurrence_wins_and_decoding_is_safe() {
    let (s, n) = parse("lr=0.1&lr=abc");
    assert_eq!(s.lr, Some(0.1));
    assert!(n.is_empty());
    assert_eq!(decode("a%20b+c%zz%"), "a b c%zz%");
    assert_eq!(decode("%E4%B8%AD"), "中");
    assert_eq!(decode("%FF"), "\u{FFFD}");
    let (_, n) = parse("lang=%3Cb%3Ehi%3C%2Fb%3E");
    assert_eq!(
        n[0].given, "<b>hi</b>",
        "echoed as text; the page never inserts it as HTML"
    );
    let long = "x".repeat(200);
    let (_, n) = parse(&format!("widget={long}"));
    assert_eq!(n[0].problem, Problem::TooLong);
    assert!(n[0].given.chars().count() <= ECHO_LEN + 1);
}

#[test]
fn the_optimizers_keys_restore_a_race_and_refuse_in_words() {
    let (s, n) = parse("widget=optimizers&landscape=rosenbrock&opt=adamw,sgd&lr=0.05&w1=-1.5&w2=2&steps=40&adam.beta1=0.8&adamw.weight_decay=0.1&view=map");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.widget, s.surface, s.landscape, s.view), (Some("optimizers"), Some("rosenbrock"), None, Some("map")));
    assert_eq!(s.opt, Some(vec!["sgd", "adamw"]), "in the widget's order");
    assert_eq!((s.lr, s.w1, s.w2, s.steps), (Some(0.05), Some(-1.5), Some(2.0), Some(40)));
    assert_eq!(
        s.hyper,
        vec![HyperSetting { opt: "adam", name: "beta1", value: 0.8 }, HyperSetting { opt: "adamw", name: "weight_decay", value: 0.1 }]
    );
    // A curve's name is the line's landscape, as for the other widgets.
    assert_eq!(parse("landscape=double-well").0.landscape, Some("double-well"));
    // Refusals: an unknown optimizer refuses the list, a bad view, a hyper
    // value that is not a number; an unknown `x.y` key is ignored like any other.
    let (s, n) = parse("opt=adam,lion&view=globe&adam.eps=abc&adam.gamma=1&w1=1e9");
    assert_eq!((s.opt, s.view, s.hyper.len()), (None, None, 0));
    let keys: Vec<&str> = n.iter().map(|n| n.key).collect();
    assert_eq!(keys, ["opt", "view", "adam.eps", "w1"]);
    assert_eq!(s.w1, Some(START_LIMIT));
    assert!(n[0].message(Lang::Zh).contains("opt"));
}

#[test]
fn a_typed_surface_travels_as_f2_and_a_bad_one_is_refused_at_its_column() {
    let (s, n) = parse("widget=optimizers&f2=w1%5E2%20%2B%2010w2%5E2");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(s.f2.as_deref(), Some("w1^2 + 10w2^2"));
    let (s, n) = parse("f2=w%5E2");
    assert_eq!(s.f2, None);
    assert_eq!(n[0].key, "f2");
    assert!(n[0].message(Lang::En).contains("the variables are w1, w2"), "{}", n[0].message(Lang::En));
}

#[test]
fn the_written_out_hyper_keys_are_every_optimizer_with_every_name() {
    let built: Vec<String> = crate::optim::KINDS.iter().flat_map(|k| HYPER_NAMES.map(|n| format!("{}.{n}", k.name()))).collect();
    assert_eq!(HYPER_KEYS.to_vec(), built);
    // Two optimizers' same setting are two keys, both kept.
    let (s, n) = parse("adam.beta1=0.8&adamw.beta1=0.7");
    assert!(n.is_empty());
    assert_eq!(s.hyper.len(), 2);
}

#[test]
fn the_race_writes_its_surface_under_its_own_key_and_none_switches_all_off() {
    let (s, n) = parse("surface=saddle&landscape=double-well&opt=none");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.surface, s.landscape), (Some("saddle"), Some("double-well")), "the race's surface, the other widgets' curve");
    assert_eq!(s.opt, Some(vec![]));
    assert_eq!(parse("surface=bowl").1[0].key, "surface", "a curve is not a surface");
}
