import Testing
@testable import ContinuumPlot

struct SVGTextTests {
    @Test func escapesMarkupCharacters() {
        #expect(XMLEscaping.escape(#"a<b & "c" 'd' >"#) == "a&lt;b &amp; &quot;c&quot; &apos;d&apos; &gt;")
        #expect(XMLEscaping.escape("plain ü → ∞") == "plain ü → ∞")
    }

    @Test func dropsCharactersXMLForbids() {
        #expect(XMLEscaping.escape("a\u{1}b\u{0}c\u{FFFE}") == "abc")
        #expect(XMLEscaping.escape("tab\tline\n") == "tab\tline\n")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(SVGNumber.format(3.14159) == "3.14")
        #expect(SVGNumber.format(2.5) == "2.5")
        #expect(SVGNumber.format(100) == "100")
        #expect(SVGNumber.format(-7.05) == "-7.05")
        #expect(SVGNumber.format(0.0999) == "0.1")
        #expect(SVGNumber.format(-0.001) == "0")
        #expect(SVGNumber.format(0.07) == "0.07")
        #expect(SVGNumber.format(.nan) == "0")
    }

    @Test func colorsRoundTripThroughHex() {
        #expect(Color(hex: "#0072B2") == Color(red: 0, green: 0x72, blue: 0xB2))
        #expect(Color(red: 0, green: 0x72, blue: 0xB2).hexString == "#0072b2")
        #expect(Color(hex: "12345") == nil && Color(hex: "#GGGGGG") == nil)
        #expect(Set(Palette.colorBlindSafe).count == Palette.colorBlindSafe.count)
    }
}
