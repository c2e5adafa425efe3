import Foundation

/// Compact text for tick labels: as many decimals as the tick step needs and no more, so ticks computed
/// as `3 × 0.1` read "0.3", and scientific notation once numbers get very large or very small.
enum TickLabelFormat {
    /// Labels for equally spaced `values` that are `step` apart.
    ///
    /// Fixed-point with the decimals the step needs (a step of 0.2 gives one decimal, 5 gives none) while
    /// the largest magnitude lies in [1e-3, 1e5); scientific ("2.5e-7", "1e6") outside that band.
    static func linearLabels(_ values: [Double], step: NiceStep) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= 1e5 || largest < 1e-3 {
            return values.map { scientific($0, resolutionExponent: step.exponent) }
        }
        let decimals = max(0, -step.exponent)
        return values.map { fixed($0, decimals: decimals) }
    }

    /// `value` with exactly `decimals` digits after the point, so a column of labels lines up; zero
    /// never gets a sign ("0.0", not "-0.0").
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }

    /// `value` as mantissa and exponent ("1.5e-7"), keeping mantissa digits down to the decimal place
    /// `10^resolutionExponent` and dropping trailing zeros.
    static func scientific(_ value: Double, resolutionExponent: Int) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
        var exponent = Int(floor(log10(abs(value))))
        let decimals = min(max(0, exponent - resolutionExponent), 15)
        var mantissa = String(format: "%.\(decimals)f", value / pow(10, Double(exponent)))
        if let rounded = Double(mantissa), abs(rounded) >= 10 {
            // 9.99 rounded up to "10.0": move the factor of ten into the exponent.
            exponent += 1
            mantissa = String(format: "%.\(max(decimals - 1, 0))f", rounded / 10)
        }
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return "\(mantissa)e\(exponent)"
    }

    /// "10" with the exponent in superscript digits, e.g. "10⁻³".
    static func powerOfTen(_ exponent: Int) -> String {
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
            "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
    }
}
