/// Makes arbitrary text safe inside XML character data and attribute values.
enum XMLEscaping {
    /// `text` with `& < > " '` replaced by entities and characters XML 1.0 forbids (control characters
    /// other than tab, newline and carriage return, U+FFFE, U+FFFF) dropped, so labels taken from user
    /// data can never make the document malformed.
    static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
