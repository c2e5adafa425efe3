/// Series colours and, once the colours run out, dash patterns that keep further series apart.
public enum Palette {
    /// The Okabe–Ito colours, distinguishable under the common forms of colour-vision deficiency,
    /// ordered so that the first few are also far apart for everyone. Its yellow is left out: it
    /// disappears on a white background.
    public static let colorBlindSafe: [Color] = [
        Color(red: 0x00, green: 0x72, blue: 0xB2),  // blue
        Color(red: 0xD5, green: 0x5E, blue: 0x00),  // vermillion
        Color(red: 0x00, green: 0x9E, blue: 0x73),  // bluish green
        Color(red: 0xCC, green: 0x79, blue: 0xA7),  // reddish purple
        Color(red: 0xE6, green: 0x9F, blue: 0x00),  // orange
        Color(red: 0x56, green: 0xB4, blue: 0xE9),  // sky blue
        Color(red: 0x00, green: 0x00, blue: 0x00),  // black
    ]

    /// SVG `stroke-dasharray` values used for the first, second, ... pass through the colours; `nil`
    /// is a solid line.
    static let dashPatterns: [String?] = [nil, "7 3", "2 2.5", "9 3 2 3"]

    /// The colour of the series at `index` (0-based) unless the series sets its own.
    static func color(at index: Int) -> Color {
        colorBlindSafe[index % colorBlindSafe.count]
    }

    /// The dash pattern of the line series at `index`.
    static func dash(at index: Int) -> String? {
        dashPatterns[(index / colorBlindSafe.count) % dashPatterns.count]
    }
}
