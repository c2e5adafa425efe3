import Foundation

/// Building blocks for writing CSV text (RFC 4180) that ``CSVTable`` reads back exactly.
public enum CSVText {
    /// `text` as a field: quoted (inner quotes doubled) when it holds a comma, a quote, a line
    /// break, leading or trailing spaces or tabs, or starts with `#` (which would read as a
    /// comment on the first line); as is otherwise.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.first == "\t" || text.last == " " || text.last == "\t"
            || text.first == "#"
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields, without the line break.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// `x` in its shortest round-trip form (as ``JSONText/number(_:)``, integers without a
    /// fraction), with `-0` kept; NaN becomes an empty cell (a missing value) and infinities
    /// `inf` and `-inf`.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0, x.sign == .minus { return "-0" }
        return JSONText.number(x)
    }
}
