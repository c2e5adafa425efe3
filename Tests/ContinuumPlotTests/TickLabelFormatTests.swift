import Testing
@testable import ContinuumPlot

struct TickLabelFormatTests {
    @Test func fixedPointUsesTheStepsDecimals() {
        #expect(TickLabelFormat.fixed(0.1 + 0.2, decimals: 1) == "0.3")
        #expect(TickLabelFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(TickLabelFormat.fixed(-0.0, decimals: 0) == "0")
        let step = NiceStep(mantissa: 1, exponent: -1)
        let values = (0...3).map { Double($0) * 0.1 }  // 0.30000000000000004 included
        #expect(TickLabelFormat.linearLabels(values, step: step) == ["0.0", "0.1", "0.2", "0.3"])
        #expect(TickLabelFormat.linearLabels([-20, 0, 20], step: NiceStep(mantissa: 2, exponent: 1))
            == ["-20", "0", "20"])
    }

    @Test func scientificForLargeAndSmallMagnitudes() {
        let big = TickLabelFormat.linearLabels([0, 2e6, 4e6], step: NiceStep(mantissa: 2, exponent: 6))
        #expect(big == ["0", "2e6", "4e6"])
        let fine = TickLabelFormat.linearLabels([1.2e6, 1.4e6], step: NiceStep(mantissa: 2, exponent: 5))
        #expect(fine == ["1.2e6", "1.4e6"])
        let small = TickLabelFormat.linearLabels([1e-7, 1.5e-7, 2e-7], step: NiceStep(mantissa: 5, exponent: -8))
        #expect(small == ["1e-7", "1.5e-7", "2e-7"])
        let negative = TickLabelFormat.linearLabels([-2e-4, 0, 2e-4], step: NiceStep(mantissa: 2, exponent: -4))
        #expect(negative == ["-2e-4", "0", "2e-4"])
    }

    @Test func scientificMantissaRoundingCarriesIntoTheExponent() {
        #expect(TickLabelFormat.scientific(9.99999e5, resolutionExponent: 4) == "1e6")
        #expect(TickLabelFormat.scientific(0, resolutionExponent: 0) == "0")
    }

    @Test func powersOfTenUseSuperscripts() {
        #expect(TickLabelFormat.powerOfTen(0) == "10⁰")
        #expect(TickLabelFormat.powerOfTen(-3) == "10⁻³")
        #expect(TickLabelFormat.powerOfTen(12) == "10¹²")
    }
}
