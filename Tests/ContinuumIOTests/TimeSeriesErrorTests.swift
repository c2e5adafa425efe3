import ContinuumIO
import Foundation
import Testing

/// Every way a CSV file can fail to be a time series gives a typed error naming the line, row and column.
@Suite struct TimeSeriesErrorTests {
    /// The error thrown for `text`, or `nil` if it parsed.
    func error(_ text: String, time: String? = nil, columns: [String]? = nil) -> TimeSeriesError? {
        do { _ = try TimeSeries(csv: text, timeColumn: time, columns: columns); return nil } catch { return error }
    }

    static let header = "# pelts\nyear,hare,lynx\n"
    func column(_ index: Int, _ name: String?) -> CSVColumn { CSVColumn(index: index, name: name) }

    @Test func cellErrorsNameLineRowColumnAndText() {
        let h = Self.header
        let cases: [(text: String, reason: TimeSeriesError.Reason, location: CSVLocation, description: String)] = [
            (h + "1900,30,4\n1901,4x7,6\n1902,70,9.8\n", .notANumber("4x7"),
             CSVLocation(line: 4, row: 2, column: column(2, "hare")),
             "line 4, row 2, column 2 'hare': '4x7' is not a number (missing values are written as an empty cell, NA, NaN, null or ?)"),
            (h + "1900,30,4\n1901,47,inf\n1902,70,9.8\n", .nonFinite("inf"),
             CSVLocation(line: 4, row: 2, column: column(3, "lynx")), "line 4, row 2, column 3 'lynx': 'inf' is not a finite number"),
            (h + "1900,30,4\n1901,47,1e400\n1902,70,9.8\n", .nonFinite("1e400"),
             CSVLocation(line: 4, row: 2, column: column(3, "lynx")), "line 4, row 2, column 3 'lynx': '1e400' is not a finite number"),
            (h + "1900,30,4\nNA,47,6\n1902,70,9.8\n", .missingTime,
             CSVLocation(line: 4, row: 2, column: column(1, "year")), "line 4, row 2, column 1 'year': the time is missing"),
            (h + "1900,30,4\n1901,47,6\n1901,70,9.8\n", .nonIncreasingTime(previous: 1901, time: 1901),
             CSVLocation(line: 5, row: 3, column: column(1, "year")),
             "line 5, row 3, column 1 'year': duplicate time 1901 (the previous row has the same time)"),
            (h + "1900,30,4\n1902,47,6\n1901.5,70,9.8\n", .nonIncreasingTime(previous: 1902, time: 1901.5),
             CSVLocation(line: 5, row: 3, column: column(1, "year")),
             "line 5, row 3, column 1 'year': time 1901.5 is not after the previous row's time 1902; times must increase"),
            (h + "1900,30,4\n1901,47\n1902,70,9.8\n", .malformedCSV(.raggedRow(expected: 3, found: 2)),
             CSVLocation(line: 4, row: 2, column: column(3, "lynx")),
             "line 4, row 2, column 3 'lynx': the row has 2 fields but the header has 3"),
            (h + "1900,30,4\n1901,\"47,6\n1902,70,9.8\n", .malformedCSV(.unterminatedQuote),
             CSVLocation(line: 4, row: 2, column: column(2, "hare")),
             "line 4, row 2, column 2 'hare': the quoted field opened here is never closed"),
        ]
        for item in cases {
            let error = error(item.text)
            #expect(error == TimeSeriesError(item.reason, at: item.location), "\(item.text.debugDescription)")
            #expect(error?.description == item.description)
        }
    }

    @Test func wholeSeriesAndColumnErrors() {
        let h = Self.header
        let rows = "1900,30,4\n1901,47,6\n1902,70,9.8\n"
        #expect(error(h + rows, columns: ["hare", "wolf"])?.description
                == "line 2, header: no column named 'wolf'; the columns are 'year', 'hare', 'lynx'")
        #expect(error(h + rows, time: "time")?.reason == .unknownColumn("time", known: ["year", "hare", "lynx"]))
        #expect(error(h + rows, columns: ["hare", "hare"])?.reason == .repeatedColumn("hare"))
        #expect(error(h + rows, columns: ["year"])?.reason == .repeatedColumn("year"))
        #expect(error("year\n1900\n1901\n1902\n")?.reason == .noValueColumns)
        let short = error(h + "1900,30,4\n1901,47,6\n")
        #expect(short == TimeSeriesError(.tooFewRows(found: 2, minimum: 3)))
        #expect(short?.description == "the series has 2 rows but at least 3 are needed")
        let empty = error(h + "1900,30,\n1901,47,NA\n1902,70,?\n")
        #expect(empty == TimeSeriesError(.noObservations, at: CSVLocation(column: column(3, "lynx"))))
        #expect(empty?.description == "column 3 'lynx': the column has no observed values (every cell is missing)")
        // The error names the column's position in the file, not in the selection.
        #expect(error(h + "1900,30,\n1901,47,NA\n1902,70,?\n", columns: ["lynx", "hare"])?.location.column == column(3, "lynx"))
        #expect(error("t,,x\n0,1,2\n")?.description == "line 1, header, column 2 '': the header name is empty")
        #expect(error("t,x,x\n0,1,2\n")?.reason == .malformedCSV(.duplicateHeaderName(firstIndex: 2)))
    }

    @Test func unreadableFileIsReported() {
        let url = URL(fileURLWithPath: "/nonexistent/continuum/series.csv")
        do {
            _ = try TimeSeries(contentsOf: url)
            Issue.record("expected an error")
        } catch {
            guard case let .unreadableFile(path, _) = error.reason else { Issue.record("\(error)"); return }
            #expect(path == url.path)
            #expect(error.description.hasPrefix("cannot read '/nonexistent/continuum/series.csv'"))
        }
    }
}
