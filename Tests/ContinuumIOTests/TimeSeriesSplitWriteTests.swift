import ContinuumIO
import Foundation
import Testing

/// Holdout splits and writing: the last rows held out, and write → read reproducing every bit.
@Suite struct TimeSeriesSplitWriteTests {
    @Test func holdoutTakesTheLastRows() throws {
        let series = try TimeSeries(contentsOf: lynxHareURL)
        let (training, holdout) = try series.split(holdout: 5)
        #expect(training.count == 16 && holdout.count == 5)
        #expect(training.times.last == 1915 && holdout.times == [1916, 1917, 1918, 1919, 1920])
        #expect(training.values + holdout.values == series.values)
        #expect(holdout.columnNames == series.columnNames && holdout.timeName == "year")
        let (whole, none) = try series.split(holdout: 0)
        #expect(whole == series && none.count == 0)
        #expect(try series.split(holdout: 18).training.count == 3)
        #expect(throws: TimeSeriesError(.invalidHoldout(holdout: 19, rows: 21))) { try series.split(holdout: 19) }
        #expect(throws: TimeSeriesError(.invalidHoldout(holdout: -1, rows: 21))) { try series.split(holdout: -1) }
        #expect(TimeSeriesError(.invalidHoldout(holdout: 19, rows: 21)).description
                == "holding out 19 of 21 rows leaves 2 for training; at least 3 are needed")
        // A column observed only in the holdout leaves nothing to fit.
        let late = try TimeSeries(csv: "t,a,b\n0,1,\n1,2,\n2,3,\n3,4,5\n")
        #expect(throws: TimeSeriesError(.noObservations, at: CSVLocation(column: CSVColumn(index: 3, name: "b")))) {
            try late.split(holdout: 1)
        }
    }

    @Test func writeThenReadIsBitExact() throws {
        // Awkward numbers: shortest forms, subnormals, huge and tiny magnitudes, -0, even integers past 2^53.
        let times = [-1e300, -0.0, 0.1, 1.0 / 3, 2, 1e15, 9_007_199_254_740_994, 1e300]
        var values: [Double] = []
        for (i, t) in times.enumerated() {
            values += [t.squareRoot().isNaN ? -t * 0.7 : t.squareRoot(), i == 3 ? .nan : Double.pi * Double(i),
                       [Double.leastNonzeroMagnitude, -2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2][i % 4]]
        }
        let names = ["x, quoted", "say \"y\"", "z"]
        let text = try TimeSeries.csv(times: times, values: values, columnNames: names, timeName: "time (s)")
        #expect(text.hasPrefix("time (s),\"x, quoted\",\"say \"\"y\"\"\",z\n-1e+300,"))
        #expect(text.contains("\n-0,"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("continuum-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("forecast.csv").path
        try TimeSeries.write(times: times, values: values, columnNames: names, timeName: "time (s)", to: path)
        let read = try TimeSeries(contentsOf: URL(fileURLWithPath: path))
        #expect(read.timeName == "time (s)" && read.columnNames == names)
        #expect(read.times.map(\.bitPattern) == times.map(\.bitPattern))
        #expect(read.observed == values.map { !$0.isNaN })
        for (x, y) in zip(values, read.values) { #expect(x.isNaN ? y.isNaN : x.bitPattern == y.bitPattern, "\(x) vs \(y)") }
        // The instance writer matches the static one, and the lynx/hare data survives a round trip.
        let lynxHare = try TimeSeries(contentsOf: lynxHareURL)
        try lynxHare.write(to: path)
        #expect(try TimeSeries(contentsOf: URL(fileURLWithPath: path)) == lynxHare)
        #expect(lynxHare.csv().hasPrefix("year,hare,lynx\n1900,30,4\n1901,47.2,6.1\n"))
    }

    @Test func writingErrorsAreTyped() {
        #expect(throws: TimeSeriesError(.shapeMismatch("3 values for 2 times and 2 columns (expected 4)"))) {
            try TimeSeries.csv(times: [0, 1], values: [1, 2, 3], columnNames: ["a", "b"], timeName: "t")
        }
        do {
            try TimeSeries.write(times: [0], values: [1], columnNames: ["a"], timeName: "t", to: "/nonexistent/dir/out.csv")
            Issue.record("expected an error")
        } catch {
            guard case let .unwritableFile(path, _) = error.reason else { Issue.record("\(error)"); return }
            #expect(path == "/nonexistent/dir/out.csv")
        }
    }
}
