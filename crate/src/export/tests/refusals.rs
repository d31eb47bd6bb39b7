//! What the command refuses: one line, exit status 2, nothing written.

use super::*;

#[test]
fn bad_input_is_refused_in_one_line_with_status_2_and_nothing_written() {
    let dir = scratch("refused");
    let out = dir.join("x.gif").to_string_lossy().into_owned();
    let cases: Vec<(String, &str)> = vec![
        (format!("--query widget=nope -o {out}"), "widget"),
        (format!("--widget descent --size 0x300 -o {out}"), "size"),
        (format!("--widget descent --size 4097x300 -o {out}"), "size"),
        (format!("--widget descent --size 300 -o {out}"), "size"),
        (format!("--widget descent --steps 501 --format gif -o {out}"), "steps"),
        (format!("--widget descent --steps 5001 --format png -o {out}"), "steps"),
        (format!("--widget descent --lr abc -o {out}"), "lr"),
        (format!("--widget mse --format gif -o {out}"), "animate"),
        (format!("--widget microgpt -o {out}"), "page"),
        (format!("--widget descent --fps 0 -o {out}"), "fps"),
        (format!("--widget descent --fps 60 -o {out}"), "fps"),
        ("--widget descent".to_owned(), "-o"),
        ("--widget descent -o /nonexistent-dir/x.gif".to_owned(), "cannot write"),
        (format!("--widget descent --format png -o {}", dir.to_string_lossy()), "directory"),
        (format!("--bogus 1 -o {out}"), "unknown option"),
        (format!("--query widget=descent&stpes=20 -o {out}"), "unknown key"),
        (format!("--widget descent --lr0 0.5 -o {out}"), "does not apply"),
        (format!("--widget mse --steps 3 -o {out}"), "does not apply"),
        (format!("--widget descent --format gif -o {}", dir.join("x.png").display()), "disagree"),
        (format!("--widget descent -o {}", dir.join("x.jpg").display()), ".png or .gif"),
        (format!("--widget loss -o {out}"), "mse"),
        (format!("--widget descent --landscape sinn -o {out}"), "landscape"),
        (format!("--widget backprop --landscape bumpy -o {out}"), "does not apply"),
    ];
    for (line, about) in cases {
        let args = args(&line);
        let failure = parse_args(&args).and_then(|j| match j {
            Some(j) => cli::run(j).map(|_| ()),
            None => Ok(()),
        });
        let Err(f) = failure else { panic!("{line}: accepted") };
        let text = f.to_string();
        assert!(matches!(f, Failure::Refused(_)) && f.code() == 2, "{line}: {text}");
        assert!(!text.contains('\n') && text.contains(about), "{line}: “{text}” should say {about}");
        assert_eq!(cli::main_with(&args), 2, "{line}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir).expect("dir").collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
}

#[test]
fn zh_needs_a_chinese_font_and_names_the_package() {
    let empty = scratch("no-fonts");
    let Err(why) = Fonts::find_under(Lang::Zh, &empty) else { panic!("a font in an empty directory") };
    assert!(why.contains("apt-get install fonts-wqy-microhei") && !why.contains('\n'), "{why}");
    let Err(why) = Fonts::find_under(Lang::En, &empty) else { panic!("a font in an empty directory") };
    assert!(why.contains("fonts-dejavu-core"), "{why}");
    // Where the packages are installed, both languages find their fonts.
    if Path::new(crate::export::raster::CJK_FONTS[0].0).exists() {
        assert!(Fonts::find(Lang::Zh).is_ok() && Fonts::find(Lang::En).is_ok());
    }
}
