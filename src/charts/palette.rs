//! Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness.

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

pub const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const MUTED: RGBColor = RGBColor(0x5f, 0x63, 0x68);
pub const GRID: RGBColor = RGBColor(0xe3, 0xe5, 0xe8);
/// The "illustrative data" badge: dark red text on a pale background, readable in greyscale.
pub const WARNING: RGBColor = RGBColor(0xA3, 0x1B, 0x1B);
pub const WARNING_BG: RGBColor = RGBColor(0xFD, 0xEC, 0xEC);

/// Colour of the `index`th series (cycling after eight).
pub fn series_color(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}
