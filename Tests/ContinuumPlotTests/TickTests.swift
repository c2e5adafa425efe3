import Foundation
import Testing
@testable import ContinuumPlot

struct LinearTickTests {
    static let ranges: [ClosedRange<Double>] = [
        0...1, -19.6...19.8, 0.3...48.3, 1e-7...3e-7, 1234...5678, -0.003...0.004, 0...1e9,
        0.1...0.30000000000000004, -5e-12...(-1e-12), 99.5...100.5,
    ]

    @Test(arguments: ranges, [3, 5, 8, 12])
    func ticksAreNiceAndCoverTheRange(range: ClosedRange<Double>, maxCount: Int) {
        let ticks = Ticks.linear(range, maxCount: maxCount, expandToTicks: true)
        let major = ticks.major
        #expect(major.count >= 2 && major.count <= maxCount, "\(major.count) ticks for \(range)")

        // Equally spaced on a 1-2-5 step.
        let step = major[1] - major[0]
        let mantissa = step / pow(10, floor(log10(step) + 1e-6))
        #expect([1.0, 2.0, 5.0].contains { mantissa.isClose(to: $0, tolerance: 1e-6) }, "step \(step)")
        for (a, b) in zip(major, major.dropFirst()) {
            #expect((b - a).isClose(to: step, tolerance: 1e-6))
        }
        // Ticks are multiples of the step, so zero is a tick whenever it is in range.
        for tick in major {
            let multiple = tick / step
            #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(tick) is not a multiple of \(step)")
        }
        // The first and last ticks enclose the data, and they are the domain.
        let slack = 1e-9 * step
        #expect(major[0] <= range.lowerBound + slack && major[major.count - 1] >= range.upperBound - slack)
        #expect(ticks.domain.lowerBound.isClose(to: major[0]) && ticks.domain.upperBound.isClose(to: major.last!))
        // ...without wasting more than one step on either side.
        #expect(range.lowerBound - major[0] < step + slack && major.last! - range.upperBound < step + slack)

        // Labels read back as the tick values and are distinct and short.
        #expect(ticks.labels.count == major.count)
        #expect(Set(ticks.labels).count == ticks.labels.count, "\(ticks.labels)")
        for (tick, label) in zip(major, ticks.labels) {
            let value = Double(label)
            #expect(value != nil && abs(value! - tick) <= 1e-6 * step, "label \(label) for \(tick)")
            #expect(label.count <= 10, "label \(label) is long")
        }
    }

    @Test func narrowRangeFarFromZeroStillGetsDistinctLabels() {
        let ticks = Ticks.linear(1e15...1.0000001e15, maxCount: 6, expandToTicks: true)
        #expect(ticks.major.count >= 2 && Set(ticks.labels).count == ticks.major.count)
        for (tick, label) in zip(ticks.major, ticks.labels) {
            #expect(Double(label) == tick, "\(label) for \(tick)")
        }
    }

    @Test func unitIntervalGetsTenthsOrFifths() {
        let ticks = Ticks.linear(0...1, maxCount: 6, expandToTicks: true)
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(ticks.major[3] == 0.6)
    }

    @Test func lorenzLikeRanges() {
        #expect(Ticks.linear(0...20, maxCount: 8, expandToTicks: true).major == [0, 5, 10, 15, 20])
        #expect(Ticks.linear(-19.6...19.8, maxCount: 9, expandToTicks: true).major == [-20, -15, -10, -5, 0, 5, 10, 15, 20])
        #expect(Ticks.linear(0.9...47.8, maxCount: 8, expandToTicks: true).major == [0, 10, 20, 30, 40, 50])
    }

    @Test func fixedDomainKeepsTicksInsideAndAtLeastTwo() {
        let ticks = Ticks.linear(0.31...0.39, maxCount: 2, expandToTicks: false)
        #expect(ticks.domain == 0.31...0.39)
        #expect(ticks.major.count >= 2)
        #expect(ticks.major.allSatisfy { (0.31...0.39).contains($0) })
    }

    @Test func degenerateRangesAreWidened() {
        let three = ResolvedAxis.widenedIfDegenerate(3...3, scale: .linear)
        #expect(three.lowerBound < 3 && three.upperBound > 3)
        #expect(ResolvedAxis.widenedIfDegenerate(0...0, scale: .linear) == -1...1)
        #expect(ResolvedAxis.widenedIfDegenerate(-2...(-2), scale: .linear) == -2.2...(-1.8))
        let tiny = ResolvedAxis.widenedIfDegenerate(1...(1 + 1e-15), scale: .linear)
        #expect(tiny.upperBound - tiny.lowerBound > 0.1)
        #expect(ResolvedAxis.widenedIfDegenerate(0...1, scale: .linear) == 0...1)
    }

    @Test func niceStepSequence() {
        #expect(NiceStep.atLeast(0.3) == NiceStep(mantissa: 5, exponent: -1))
        #expect(NiceStep.atLeast(2) == NiceStep(mantissa: 2, exponent: 0))
        #expect(NiceStep.atLeast(7) == NiceStep(mantissa: 1, exponent: 1))
        #expect(NiceStep(mantissa: 5, exponent: -1).larger == NiceStep(mantissa: 1, exponent: 0))
        #expect(NiceStep(mantissa: 1, exponent: 0).smaller == NiceStep(mantissa: 5, exponent: -1))
        #expect(NiceStep(mantissa: 1, exponent: -1).multiple(3) == 0.3)
    }
}

struct LogarithmicTickTests {
    @Test func decadesWithMinorTicks() {
        let ticks = Ticks.logarithmic(3e-7...0.2, maxCount: 10, expandToTicks: true)
        #expect(ticks.domain == 1e-7...1)
        #expect(ticks.major == [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(ticks.labels == ["10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        // 2×, ..., 9× in each of the seven decades.
        #expect(ticks.minor.count == 7 * 8)
        #expect(ticks.minor.contains { $0.isClose(to: 2e-7) } && ticks.minor.contains { $0.isClose(to: 0.9) })
        #expect(ticks.minor.allSatisfy { ticks.domain.contains($0) })
    }

    @Test(arguments: [3, 4, 6, 9])
    func manyDecadesAreThinned(maxCount: Int) {
        let ticks = Ticks.logarithmic(1e-20...0.5, maxCount: maxCount, expandToTicks: true)
        #expect(ticks.major.count >= 2 && ticks.major.count <= maxCount)
        let exponents = ticks.major.map { log10($0).rounded() }
        let stride = exponents[1] - exponents[0]
        #expect(stride > 1)
        #expect(zip(exponents, exponents.dropFirst()).allSatisfy { $1 - $0 == stride })
        #expect(ticks.major.first! <= 1e-20 && ticks.major.last! >= 0.5)
        // Skipped decades become minor ticks.
        #expect(!ticks.minor.isEmpty)
        #expect(ticks.minor.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 })
    }

    @Test func singleValueShowsItsNeighbourDecades() {
        #expect(Ticks.logarithmic(100...100, maxCount: 8, expandToTicks: true).domain == 10...1000)
        #expect(Ticks.logarithmic(3...3, maxCount: 8, expandToTicks: true).domain == 1...10)
    }

    @Test func fixedNarrowDomainFallsBackToLinearTicks() {
        let ticks = Ticks.logarithmic(2...8, maxCount: 6, expandToTicks: false)
        #expect(ticks.domain == 2...8)
        #expect(ticks.major.count >= 2 && ticks.major.allSatisfy { (2...8).contains($0) })
        #expect(ticks.labels.allSatisfy { Double($0) != nil })
    }

    @Test func fixedDomainKeepsDecadesInside() {
        let ticks = Ticks.logarithmic(0.05...2000, maxCount: 10, expandToTicks: false)
        #expect(ticks.domain == 0.05...2000)
        #expect(ticks.major == [0.1, 1, 10, 100, 1000])
        #expect(ticks.minor.allSatisfy { (0.05...2000).contains($0) })
        #expect(ticks.minor.contains { $0.isClose(to: 0.05) } && ticks.minor.contains { $0.isClose(to: 2000) })
    }
}
