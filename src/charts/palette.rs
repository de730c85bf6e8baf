//! Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness,
//! and the dark scheme's counterpart of every colour a chart uses.

use plotters::style::RGBColor;

/// In the order series take them; yellow is last because it is faint on white.
pub const SERIES: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const MUTED: RGBColor = RGBColor(0x5f, 0x63, 0x68);
pub const GRID: RGBColor = RGBColor(0xe3, 0xe5, 0xe8);
/// The shading of positions without data.
pub const GAP: RGBColor = RGBColor(0xF1, 0xF3, 0xF4);
/// The "illustrative data" badge: dark red text on a pale background, readable in greyscale.
pub const WARNING: RGBColor = RGBColor(0xA3, 0x1B, 0x1B);
pub const WARNING_BG: RGBColor = RGBColor(0xFD, 0xEC, 0xEC);

/// Each colour of the light scheme with the colour that replaces it when the reader's system
/// asks for a dark scheme: the background darkens, text lightens, black becomes near-white.
/// The other Okabe–Ito hues stand out from the dark background as they are (3:1 or more,
/// WCAG's contrast for graphics), so a series keeps its colour in both schemes.
pub const DARK: [(RGBColor, RGBColor); 8] = [
    (BACKGROUND, RGBColor(0x17, 0x19, 0x1c)),
    (TEXT, RGBColor(0xE8, 0xEA, 0xED)),
    (MUTED, RGBColor(0xB0, 0xB4, 0xBA)),
    (GRID, RGBColor(0x3a, 0x3e, 0x44)),
    (GAP, RGBColor(0x26, 0x29, 0x2e)),
    (WARNING, RGBColor(0xFF, 0xB4, 0xAB)),
    (WARNING_BG, RGBColor(0x4a, 0x1c, 0x1c)),
    (SERIES[6], RGBColor(0xF2, 0xF2, 0xF2)),
];

/// The colour `color` is drawn in under the dark scheme.
pub fn in_dark(color: RGBColor) -> RGBColor {
    DARK.iter().find(|(light, _)| *light == color).map_or(color, |(_, dark)| *dark)
}

/// `#RRGGBB`, as plotters writes colours.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    fn luminance(c: RGBColor) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Colour of the `index`th series (cycling after eight).
pub fn series_color(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_in_both_schemes() {
        for color in [TEXT, MUTED] {
            assert!(contrast(color, BACKGROUND) >= 4.5, "{}", hex(color));
            assert!(contrast(in_dark(color), in_dark(BACKGROUND)) >= 4.5, "{} in dark", hex(in_dark(color)));
        }
        assert!(contrast(WARNING, WARNING_BG) >= 4.5);
        assert!(contrast(in_dark(WARNING), in_dark(WARNING_BG)) >= 4.5);
    }

    #[test]
    fn series_stand_out_from_the_dark_background_as_from_the_light_one() {
        let dark_background = in_dark(BACKGROUND);
        for color in SERIES.iter().filter(|c| contrast(**c, BACKGROUND) >= 3.0) {
            let dark = in_dark(*color);
            assert!(contrast(dark, dark_background) >= 3.0, "{} on the dark background", hex(dark));
        }
        let distinct: std::collections::BTreeSet<String> = SERIES.iter().map(|c| hex(in_dark(*c))).collect();
        assert_eq!(distinct.len(), SERIES.len(), "series stay distinguishable in the dark scheme");
    }
}
