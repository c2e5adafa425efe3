/// An opaque sRGB colour.
public struct Color: Sendable, Hashable {
    /// Red component, 0–255.
    public var red: UInt8
    /// Green component, 0–255.
    public var green: UInt8
    /// Blue component, 0–255.
    public var blue: UInt8

    /// A colour from its 8-bit sRGB components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `"#RRGGBB"` (the `#` is optional); `nil` for anything else.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// The colour as SVG writes it, `#rrggbb`.
    public var hexString: String {
        "#" + [red, green, blue].map { component in
            let text = String(component, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
