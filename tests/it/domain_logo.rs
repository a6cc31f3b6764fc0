//! The logo check against a corpus of hostile and real files (tests/logos),
//! and against arbitrary bytes: a verdict for everything, never a panic.

use proptest::prelude::*;
use souk::domain::logo::{check_logo, LogoError, MAX_LOGO_BYTES};
use std::path::Path;

/// The verdict's name as `verdicts.tsv` writes it.
fn verdict(result: &Result<(), LogoError>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(LogoError::TooLarge) => "too_large",
        Err(LogoError::NotSvg) => "not_svg",
        Err(LogoError::Malformed(_)) => "malformed",
        Err(LogoError::NoSize) => "no_size",
        Err(LogoError::Doctype) => "doctype",
        Err(LogoError::ProcessingInstruction(_)) => "processing_instruction",
        Err(LogoError::Encoding(_)) => "encoding",
        Err(LogoError::Script) => "script",
        Err(LogoError::EventHandler(_)) => "event_handler",
        Err(LogoError::JavascriptLink) => "javascript_link",
        Err(LogoError::ExternalReference(_)) => "external_reference",
        Err(LogoError::ForeignObject) => "foreign_object",
        Err(LogoError::Element(_)) => "element",
        Err(LogoError::Attribute(_)) => "attribute",
    }
}

#[test]
fn every_file_gets_its_verdict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/logos");
    let table = std::fs::read_to_string(root.join("verdicts.tsv")).unwrap();
    let mut listed = Vec::new();
    let mut wrong = Vec::new();
    for line in table.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (file, expected) = line.split_once('\t').unwrap();
        let result = check_logo(&std::fs::read(root.join(file)).unwrap());
        if verdict(&result) != expected {
            wrong.push(format!("{file}: expected {expected}, got {result:?}"));
        }
        listed.push(file.to_string());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for folder in ["good", "hostile"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let file = format!("{folder}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(listed.contains(&file), "{file} has no verdict in verdicts.tsv");
        }
    }
    let hostile = listed.iter().filter(|f| f.starts_with("hostile/")).count();
    let accepted_real = table.lines().filter(|l| l.starts_with("good/") && l.ends_with("\tok")).count();
    assert!(hostile >= 15 && accepted_real >= 5, "{hostile} hostile, {accepted_real} real logos accepted");
}

#[test]
fn size_is_checked_before_parsing() {
    let mut big = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><!--"#.to_vec();
    big.resize(MAX_LOGO_BYTES - 10, b'x');
    big.extend_from_slice(b"--></svg>");
    assert_eq!(check_logo(&big), Ok(()));
    big.splice(60..60, std::iter::repeat_n(b'x', 20));
    assert_eq!(check_logo(&big), Err(LogoError::TooLarge));
    // Even bytes that are not XML at all are refused for their size first.
    assert_eq!(check_logo(&vec![0xff; MAX_LOGO_BYTES + 1]), Err(LogoError::TooLarge));
}

#[test]
fn reasons_name_what_to_fix() {
    let svg = |inner: &str| format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">{inner}</svg>"#);
    assert_eq!(
        check_logo(svg(r#"<rect width="1" height="1" onmouseover="x()"/>"#).as_bytes()),
        Err(LogoError::EventHandler("onmouseover".into()))
    );
    assert_eq!(
        check_logo(svg(r#"<image href="//cdn.example/a.png"/>"#).as_bytes()),
        Err(LogoError::ExternalReference("//cdn.example/a.png".into()))
    );
    assert_eq!(check_logo(svg("<video/>").as_bytes()), Err(LogoError::Element("video".into())));
    // Internal references and embedded rasters are part of ordinary logos.
    assert_eq!(
        check_logo(
            svg(r##"<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><image href="data:image/png;base64,iVBORw0KGgo="/>"##)
                .as_bytes()
        ),
        Ok(())
    );
    let sized = |attrs: &str| format!(r#"<svg xmlns="http://www.w3.org/2000/svg" {attrs}/>"#);
    assert_eq!(check_logo(sized(r#"width="120px" height="40""#).as_bytes()), Ok(()));
    assert_eq!(check_logo(sized(r#"viewBox="0,0,120,40""#).as_bytes()), Ok(()));
    assert_eq!(check_logo(sized(r#"viewBox="0 0 0 40""#).as_bytes()), Err(LogoError::NoSize));
    assert_eq!(check_logo(sized(r#"width="120""#).as_bytes()), Err(LogoError::NoSize));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_get_a_verdict(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = check_logo(&bytes);
    }

    /// Mutations of a real logo reach the parser's and the checker's corners.
    #[test]
    fn mutated_logos_get_a_verdict(cuts in proptest::collection::vec((0usize..7000, any::<u8>()), 1..8)) {
        let mut bytes = include_bytes!("../logos/good/illustrator-ferris.svg").to_vec();
        for (at, byte) in cuts {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        let _ = check_logo(&bytes);
    }
}
