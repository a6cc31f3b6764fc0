//! A partner's SVG logo, checked when it is chosen (in the browser) and again
//! when it is saved (on the server). Logos are only ever shown through `<img>`,
//! where scripts never run; this check is the second wall, and it names the
//! reason so a partner can fix the file. What editors export (Inkscape, Figma,
//! Illustrator, Affinity) passes: their metadata namespaces are allowed, and
//! the bare DOCTYPE some of them write is ignored.

use serde::{Deserialize, Serialize};

/// Larger files are refused before they are parsed.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces of editors' bookkeeping: never rendered, so never harmful.
const EDITOR_NAMESPACES: [&str; 10] = [
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
];

/// An SVG logo as a `data:` URL, to show through `<img>` where no server
/// serves it (the partner's live preview, the offline preview). Percent-encoded
/// as `encodeURIComponent` does.
pub fn data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml;charset=utf-8,");
    for byte in svg.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[rustfmt::skip]
const ELEMENTS: &[&str] = &[
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "a", "switch", "path", "rect",
    "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "image", "marker",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "filter", "feBlend",
    "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
];

/// Geometry, presentation and structure attributes; nothing that loads or runs.
#[rustfmt::skip]
const ATTRIBUTES: &[&str] = &[
    "id", "class", "style", "version", "baseProfile", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx",
    "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "viewBox", "preserveAspectRatio",
    "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "display", "visibility", "overflow", "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits",
    "maskContentUnits", "mask-type", "filter", "filterUnits", "primitiveUnits", "in", "in2", "result", "mode",
    "operator", "k1", "k2", "k3", "k4", "stdDeviation", "dx", "dy", "values", "type", "tableValues", "slope",
    "intercept", "amplitude", "exponent", "offset", "flood-color", "flood-opacity", "color-interpolation-filters",
    "radius", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "href",
    "patternUnits", "patternContentUnits", "patternTransform", "markerWidth", "markerHeight", "markerUnits",
    "refX", "refY", "orient", "marker-start", "marker-mid", "marker-end", "font-family", "font-size",
    "font-weight", "font-style", "font-variant", "font-stretch", "letter-spacing", "word-spacing", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "text-decoration", "writing-mode", "direction",
    "lengthAdjust", "textLength", "startOffset", "method", "spacing", "shape-rendering", "text-rendering",
    "image-rendering", "color-rendering", "color-interpolation", "isolation", "mix-blend-mode", "paint-order",
    "vector-effect", "enable-background", "data-name", "xml:space", "xml:lang", "lang", "role", "aria-label",
    "aria-hidden", "focusable",
];

/// Why a logo is refused. Each names what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum LogoError {
    #[error("the file is larger than 256 KiB")]
    TooLarge,
    #[error("not an SVG file")]
    NotSvg,
    #[error("not well-formed XML (line {0})")]
    Malformed(u32),
    #[error("neither a viewBox nor a width and height")]
    NoSize,
    #[error("a DOCTYPE with declarations of its own, or an entity")]
    Doctype,
    #[error("a processing instruction: {0}")]
    ProcessingInstruction(String),
    #[error("not encoded in UTF-8: {0}")]
    Encoding(String),
    #[error("a script")]
    Script,
    #[error("an event handler attribute: {0}")]
    EventHandler(String),
    #[error("a javascript: link")]
    JavascriptLink,
    #[error("a reference to an outside resource: {0}")]
    ExternalReference(String),
    #[error("a foreignObject element")]
    ForeignObject,
    #[error("an element that is not allowed: {0}")]
    Element(String),
    #[error("an attribute that is not allowed: {0}")]
    Attribute(String),
}

/// Accepts a logo or says why not.
pub fn check_logo(bytes: &[u8]) -> Result<(), LogoError> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge);
    }
    let text = utf8(bytes)?;
    let text = without_bare_doctype(text)?;
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let document = roxmltree::Document::parse_with_options(&text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected | roxmltree::Error::EntityReferenceLoop(_) => LogoError::Doctype,
        _ if !text.trim_start().starts_with('<') => LogoError::NotSvg,
        other => LogoError::Malformed(other.pos().row),
    })?;
    if let Some(pi) = document.root().descendants().find_map(|node| node.pi()) {
        return Err(LogoError::ProcessingInstruction(shorten(pi.target)));
    }
    let root = document.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(LogoError::NotSvg);
    }
    for node in root.descendants().filter(roxmltree::Node::is_element) {
        check_element(node)?;
    }
    if !has_size(root) {
        return Err(LogoError::NoSize);
    }
    Ok(())
}

fn check_element(node: roxmltree::Node) -> Result<(), LogoError> {
    let name = node.tag_name().name();
    let editor = match node.tag_name().namespace() {
        _ if name.eq_ignore_ascii_case("script") => return Err(LogoError::Script),
        _ if name.eq_ignore_ascii_case("foreignObject") => return Err(LogoError::ForeignObject),
        Some(SVG_NS) if ELEMENTS.contains(&name) => false,
        Some(ns) if EDITOR_NAMESPACES.contains(&ns) => true,
        _ => return Err(LogoError::Element(name.to_string())),
    };
    for attribute in node.attributes() {
        check_attribute(attribute, editor)?;
    }
    if name == "style" {
        let css: String = node.descendants().filter_map(|n| n.text()).collect();
        check_css(&css)?;
    }
    Ok(())
}

/// The text of a file in UTF-8, its byte order mark dropped. An XML
/// declaration naming another encoding, a UTF-16 file and bytes that are not
/// UTF-8 are refused: a browser could read the file otherwise than this check.
fn utf8(bytes: &[u8]) -> Result<&str, LogoError> {
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(LogoError::Encoding("UTF-16".into()));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(_) if bytes.trim_ascii_start().starts_with(b"<") => return Err(LogoError::Encoding("not UTF-8".into())),
        Err(_) => return Err(LogoError::NotSvg),
    };
    if let Some(declaration) = text.strip_prefix("<?xml").and_then(|rest| rest.split_once("?>")).map(|(d, _)| d) {
        let encoding = declaration.split_once("encoding").and_then(|(_, rest)| {
            let rest = rest.trim_start().strip_prefix('=')?.trim_start();
            let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            rest[1..].split(quote).next()
        });
        if let Some(encoding) = encoding.filter(|e| !e.eq_ignore_ascii_case("utf-8")) {
            return Err(LogoError::Encoding(shorten(encoding)));
        }
    }
    Ok(text)
}

/// A DOCTYPE that only names the SVG DTD, as Illustrator and Affinity write
/// it, is blanked out (browsers never load that DTD): what is left is checked.
/// One with an internal subset, where entities live, is refused.
fn without_bare_doctype(text: &str) -> Result<std::borrow::Cow<'_, str>, LogoError> {
    let Some(start) = text.find("<!DOCTYPE") else { return Ok(text.into()) };
    let mut quote = None;
    for (at, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => return Err(LogoError::Doctype),
            (None, '>') => {
                let end = start + at + 1;
                // Spaces keep every line where it was, for the line numbers of later problems.
                let blank: String = text[start..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
                return Ok(format!("{}{blank}{}", &text[..start], &text[end..]).into());
            }
            _ => {}
        }
    }
    Err(LogoError::Doctype)
}

/// An editor's own element (`sodipodi:namedview`) keeps its settings in
/// attributes of its own; they are never rendered, but still never run code.
fn check_attribute(attribute: roxmltree::Attribute, editor: bool) -> Result<(), LogoError> {
    let name = attribute.name();
    let value = attribute.value();
    if name.len() > 2 && name.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("on")) {
        return Err(LogoError::EventHandler(name.to_string()));
    }
    if compact(value).contains("javascript:") {
        return Err(LogoError::JavascriptLink);
    }
    match attribute.namespace() {
        None if editor => Ok(()),
        None if name == "href" => check_href(value),
        Some(XLINK_NS) if name == "href" => check_href(value),
        Some(XLINK_NS) if matches!(name, "title" | "type" | "show" | "actuate") => Ok(()),
        Some(XML_NS) => Ok(()),
        Some(ns) if EDITOR_NAMESPACES.contains(&ns) => Ok(()),
        None if ATTRIBUTES.contains(&name) || name.starts_with("data-") || name.starts_with("aria-") => {
            check_css(value)
        }
        _ => Err(LogoError::Attribute(name.to_string())),
    }
}

/// Links may point inside the file, or embed a raster image.
fn check_href(value: &str) -> Result<(), LogoError> {
    let value = value.trim();
    let raster = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"];
    if value.starts_with('#') || raster.iter().any(|prefix| compact(value).starts_with(prefix)) {
        Ok(())
    } else {
        Err(LogoError::ExternalReference(shorten(value)))
    }
}

/// Style sheets and presentation attributes may only use `url(#…)`, and
/// nothing that loads: imports, fonts, image sets. They are read as a browser
/// reads them: escapes (`u\72l(`) decoded, comments dropped.
fn check_css(css: &str) -> Result<(), LogoError> {
    let compacted = compact(&without_comments(&unescape_css(css)));
    for loader in ["@import", "@font-face", "image-set(", "src("] {
        if compacted.contains(loader) {
            return Err(LogoError::ExternalReference(loader.trim_end_matches('(').to_string()));
        }
    }
    if compacted.contains("expression(") {
        return Err(LogoError::Script);
    }
    let mut rest = compacted.as_str();
    while let Some(at) = rest.find("url(") {
        let target = rest[at + 4..].trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            let end = target.find([')', '"', '\'']).unwrap_or(target.len());
            return Err(LogoError::ExternalReference(shorten(&target[..end])));
        }
        rest = &rest[at + 4..];
    }
    Ok(())
}

/// CSS with its escapes decoded: `\72` and `\000072 ` are `r`, `\:` is `:`.
fn unescape_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            hex.extend(chars.next());
        }
        if hex.is_empty() {
            // An escaped newline continues the line; any other character stands for itself.
            if let Some(next) = chars.next().filter(|n| *n != '\n') {
                out.push(next);
            }
        } else {
            out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
            if chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
        }
    }
    out
}

/// CSS without its `/* … */` comments, which may sit inside what a browser reads as one word.
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// Lower case without whitespace or control characters, the way browsers
/// read `java\tscript:` and `JaVaScRiPt:`.
fn compact(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).flat_map(char::to_lowercase).collect()
}

fn shorten(value: &str) -> String {
    value.chars().take(80).collect()
}

/// A `viewBox` with a positive width and height, or both `width` and `height`
/// as positive lengths (not percentages, which have nothing to be relative to).
fn has_size(root: roxmltree::Node) -> bool {
    let view_box = root.attribute("viewBox").is_some_and(|v| {
        let numbers: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        numbers.len() == 4 && numbers[2] > 0.0 && numbers[3] > 0.0
    });
    let length = |name| {
        root.attribute(name).is_some_and(|v: &str| {
            let number = v.trim().trim_end_matches(|c: char| c.is_ascii_alphabetic());
            !v.contains('%') && number.parse::<f64>().is_ok_and(|n| n > 0.0)
        })
    };
    view_box || (length("width") && length("height"))
}
