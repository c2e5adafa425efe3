/// Short, locale-independent text for coordinates: at most two decimals (a hundredth of a pixel is far
/// below what any screen shows), no trailing zeros, no "-0".
enum SVGNumber {
    static func format(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        // Coordinates are clipped to the figure before they get here; this guard only keeps a bug
        // elsewhere from trapping in the integer conversion below.
        guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "0" }
        if hundredths == 0 { return "0" }
        let magnitude = Int64(abs(hundredths))
        let whole = magnitude / 100, fraction = magnitude % 100
        var text = hundredths < 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            text += fraction < 10 ? ".0\(fraction)" : ".\(fraction % 10 == 0 ? fraction / 10 : fraction)"
        }
        return text
    }
}
