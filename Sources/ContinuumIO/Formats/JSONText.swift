/// Building blocks for writing JSON text by hand, precisely: numbers in their shortest round-trip
/// form (non-finite numbers become `null`, which JSON requires), strings escaped.
public enum JSONText {
    /// `x` as a JSON number, or `null` when it is NaN or infinite.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A JSON array of numbers.
    public static func array(_ values: some Sequence<Double>) -> String {
        "[" + values.map(number).joined(separator: ",") + "]"
    }

    /// `s` as a quoted, escaped JSON string.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON object from already-encoded values, keys in the given order.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
