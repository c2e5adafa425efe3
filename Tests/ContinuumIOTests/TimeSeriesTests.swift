import ContinuumIO
import Foundation
import Testing

/// The bundled lynx/hare data as a URL (the package root is three levels above this file).
let lynxHareURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data/lynx_hare.csv")

/// Reading time series: the bundled data, column selection, missing values, irregular times.
@Suite struct TimeSeriesTests {
    @Test func bundledLynxHareSeriesParses() throws {
        let series = try TimeSeries(contentsOf: lynxHareURL)
        #expect(series.timeName == "year")
        #expect(series.columnNames == ["hare", "lynx"])
        #expect(series.count == 21 && series.dimension == 2)
        #expect(series.times == (1900...1920).map(Double.init))
        #expect(series.observed.allSatisfy { $0 })
        #expect(series.value(row: 0, column: 0) == 30.0 && series.value(row: 0, column: 1) == 4.0)
        #expect(series.value(row: 3, column: 0) == 77.4 && series.value(row: 4, column: 1) == 59.4)
        #expect(series.value(row: 20, column: 0) == 24.7 && series.value(row: 20, column: 1) == 8.6)
        #expect(series.values.count == 42 && series.values[2 * 13 + 1] == 19.5)
    }

    @Test func columnsAreSelectedByName() throws {
        let lynxFirst = try TimeSeries(contentsOf: lynxHareURL, columns: ["lynx", "hare"])
        #expect(lynxFirst.columnNames == ["lynx", "hare"])
        #expect(lynxFirst.value(row: 0, column: 0) == 4.0 && lynxFirst.value(row: 0, column: 1) == 30.0)
        let text = "x,t,y\n1,0,5\n2,0.5,6\n3,2,7\n"
        let series = try TimeSeries(csv: text, timeColumn: "t", columns: ["y"])
        #expect(series.timeName == "t" && series.columnNames == ["y"])
        #expect(series.times == [0, 0.5, 2])   // irregular spacing is fine
        #expect(series.values == [5, 6, 7])
        let allOthers = try TimeSeries(csv: text, timeColumn: "t")
        #expect(allOthers.columnNames == ["x", "y"] && allOthers.values == [1, 5, 2, 6, 3, 7])
    }

    @Test func missingCellsAreMasked() throws {
        let text = "t,a,b\n0,1,\n1,NA,2\n2,nan,NULL\n3,?,\"\"\n4,4, n/a \n"
            .replacingOccurrences(of: " n/a ", with: " NaN ")
        let series = try TimeSeries(csv: text)
        #expect(series.observed == [true, false, false, true, false, false, false, false, true, false])
        #expect(series.observedCounts == [2, 1])
        #expect(series.value(row: 0, column: 0) == 1 && series.value(row: 1, column: 1) == 2)
        #expect(series.value(row: 4, column: 0) == 4 && series.value(row: 0, column: 1) == nil)
        #expect(zip(series.values, series.observed).allSatisfy { $1 != $0.isNaN })
        // Equality compares observed values only (missing ones are NaN).
        #expect(series == (try TimeSeries(csv: text)))
        #expect(series != (try TimeSeries(csv: text.replacingOccurrences(of: "4,4,", with: "4,5,"))))
        for marker in ["", "?", "NA", "na", "NaN", "nan", "NAN", "null", "Null", "NULL"] {
            #expect(TimeSeries.isMissing(marker), "\(marker)")
        }
        for text in ["0", "N", "none", "-", "nil"] { #expect(!TimeSeries.isMissing(text), "\(text)") }
    }

    @Test func quotedCRLFAndCommentedInputReadsLikePlainInput() throws {
        let plain = try TimeSeries(csv: "t,x\n0,1.5\n1,2.5\n2,-3e-2\n")
        let fancy = try TimeSeries(csv: "\u{FEFF}# units: s, m\r\n\"t\",\"x\"\r\n\"0\", 1.5\r\n1,\"2.5\"\r\n 2 ,-3e-2\r\n\r\n")
        #expect(fancy == plain)
    }

    @Test func arraysAreCheckedLikeFiles() throws {
        let series = try TimeSeries(times: [0, 1, 3], values: [1, .nan, 3, 4, 5, .nan], columnNames: ["a", "b"])
        #expect(series.observed == [true, false, true, true, true, false])
        let masked = try TimeSeries(times: [0, 1, 3], values: [1, 7, 3, .infinity, 5, 6], columnNames: ["a", "b"],
                                    observed: [true, false, true, false, true, true])
        #expect(masked.value(row: 0, column: 1) == nil && masked.values[3].isNaN)
        #expect(throws: TimeSeriesError(.nonIncreasingTime(previous: 1, time: 1),
                                        at: CSVLocation(row: 3, column: CSVColumn(index: 1, name: "t")))) {
            try TimeSeries(times: [0, 1, 1], values: [1, 2, 3], columnNames: ["a"])
        }
        #expect(throws: TimeSeriesError(.shapeMismatch("5 values for 3 times and 2 columns (expected 6)"))) {
            try TimeSeries(times: [0, 1, 2], values: [1, 2, 3, 4, 5], columnNames: ["a", "b"])
        }
        #expect(throws: TimeSeriesError(.repeatedColumn("t"))) {
            try TimeSeries(times: [0, 1, 2], values: [1, 2, 3], columnNames: ["t"])
        }
        #expect(throws: TimeSeriesError(.noObservations, at: CSVLocation(column: CSVColumn(index: 3, name: "b")))) {
            try TimeSeries(times: [0, 1, 2], values: [1, .nan, 2, .nan, 3, .nan], columnNames: ["a", "b"])
        }
    }
}
