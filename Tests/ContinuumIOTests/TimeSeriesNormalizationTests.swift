import ContinuumIO
import Testing

/// Per-column normalisation: exact moments of the observed values, exact inversion, zero variance.
@Suite struct TimeSeriesNormalizationTests {
    /// Observed mean and population standard deviation of column `j`.
    func moments(_ series: TimeSeries, _ j: Int) -> (mean: Double, std: Double) {
        let xs = (0..<series.count).compactMap { series.value(row: $0, column: j) }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        return (mean, variance.squareRoot())
    }

    @Test func normalizedLynxHareHasMeanZeroStdOneAndUnitTime() throws {
        let series = try TimeSeries(contentsOf: lynxHareURL)
        let normalization = TimeSeriesNormalization(fitting: series)
        let scaled = normalization.normalize(series)
        for j in 0..<2 {
            let (mean, std) = moments(scaled, j)
            #expect(abs(mean) < 1e-15, "column \(j) mean \(mean)")
            #expect(abs(std - 1) < 1e-15, "column \(j) std \(std)")
        }
        #expect(scaled.times.first == 0 && scaled.times.last == 1)
        #expect(abs(scaled.times[10] - 0.5) < 1e-15)
        #expect(normalization.timeOrigin == 1900 && normalization.timeScale == 20)
        // The hare mean of the table is 34.08095238…
        #expect(abs(normalization.means[0] - 715.7 / 21) < 1e-12)
    }

    @Test func roundTripsToRoundingAndSkipsMissingValues() throws {
        let text = "t,a,b,c\n0,1e6,,5\n0.3,1.000001e6,-2,5\n1.7,NA,3.5,5\n2,0.999999e6,7.25,NA\n"
        let series = try TimeSeries(csv: text)
        let normalization = TimeSeriesNormalization(fitting: series, time: .keep)
        #expect(normalization.timeOrigin == 0 && normalization.timeScale == 1)
        #expect(normalization.scales[2] == 1 && normalization.means[2] == 5)   // zero variance: scale 1
        let scaled = normalization.normalize(series)
        #expect(scaled.times == series.times && scaled.observed == series.observed)
        for j in 0..<2 {
            let (mean, std) = moments(scaled, j)
            #expect(abs(mean) < 1e-15 && abs(std - 1) < 1e-15, "column \(j): \(mean) \(std)")
        }
        #expect(scaled.value(row: 0, column: 2) == 0 && scaled.value(row: 0, column: 1) == nil)
        let back = normalization.denormalize(scaled)
        for (x, y) in zip(series.values, back.values) where !x.isNaN {
            #expect(abs(x - y) <= 1e-15 * max(1, abs(x)), "\(x) vs \(y)")
        }
        let unit = TimeSeriesNormalization(fitting: series)
        for t in [-3.0, 0, 0.3, 1.7, 2, 10] { #expect(abs(unit.denormalize(time: unit.normalize(time: t)) - t) <= 1e-15 * max(1, abs(t))) }
    }

    @Test func inPlaceAndArrayFormsAgree() throws {
        let normalization = TimeSeriesNormalization(means: [1, -2], scales: [4, 0], timeOrigin: 3, timeScale: 2)
        #expect(normalization.scales == [4, 1])
        let states = [5.0, 0, -3, 1]
        #expect(normalization.normalize(states: states) == [1, 2, -1, 3])
        var buffer = [5.0, 0]
        buffer.withUnsafeMutableBufferPointer { normalization.normalize(state: $0) }
        #expect(buffer == [1, 2])
        buffer.withUnsafeMutableBufferPointer { normalization.denormalize(state: $0) }
        #expect(buffer == [5, 0])
        #expect(normalization.denormalize(states: [1, 2, -1, 3]) == states)
        #expect(normalization.normalize(time: 7) == 2 && normalization.denormalize(time: 2) == 7)
    }
}
