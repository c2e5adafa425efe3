import Foundation

extension TimeSeries {
    /// Reads a series from CSV text (see ``CSVTable`` for the accepted syntax).
    ///
    /// Cells may be missing (an empty cell or one of ``missingValueMarkers``) except in the time
    /// column; times must increase strictly but may be irregularly spaced. Every error names the
    /// line, the row and the column.
    ///
    /// - Parameters:
    ///   - timeColumn: the name of the time column; by default the first column.
    ///   - columns: the value columns, in the order wanted; by default every other column in file order.
    public init(csv text: String, timeColumn: String? = nil, columns: [String]? = nil) throws(TimeSeriesError) {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch { throw TimeSeriesError(error) }
        let header = table.header
        let timeName = timeColumn ?? header[0]
        let timeIndex = try Self.index(of: timeName, in: table)
        let names = columns ?? header.filter { $0 != timeName }
        guard !names.isEmpty else { throw TimeSeriesError(.noValueColumns, at: CSVLocation(line: table.headerLine)) }
        var indices: [Int] = []
        for name in names {
            let index = try Self.index(of: name, in: table)
            guard index != timeIndex, !indices.contains(index) else {
                throw TimeSeriesError(.repeatedColumn(name), at: CSVLocation(line: table.headerLine))
            }
            indices.append(index)
        }
        guard table.rows.count >= Self.minimumRows else {
            throw TimeSeriesError(.tooFewRows(found: table.rows.count, minimum: Self.minimumRows))
        }

        var times: [Double] = []
        var values: [Double] = []
        var observed: [Bool] = []
        times.reserveCapacity(table.rows.count)
        values.reserveCapacity(table.rows.count * indices.count)
        observed.reserveCapacity(values.capacity)
        for (row, fields) in table.rows.enumerated() {
            let timeLocation = table.location(row: row, column: timeIndex)
            guard let t = try Self.number(fields[timeIndex], at: timeLocation) else {
                throw TimeSeriesError(.missingTime, at: timeLocation)
            }
            times.append(t)
            try Self.checkOrder(times, row: row, at: timeLocation)
            for index in indices {
                let x = try Self.number(fields[index], at: table.location(row: row, column: index))
                values.append(x ?? .nan)
                observed.append(x != nil)
            }
        }
        self.init(unchecked: times, values: values, observed: observed, columnNames: names, timeName: timeName)
        try checkEveryColumnObserved(columnIndices: indices.map { $0 + 1 })
    }

    /// Reads a series from a CSV file; see ``init(csv:timeColumn:columns:)``.
    public init(contentsOf url: URL, timeColumn: String? = nil, columns: [String]? = nil) throws(TimeSeriesError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TimeSeriesError(.unreadableFile(path: url.path, reason: error.localizedDescription))
        }
        try self.init(csv: text, timeColumn: timeColumn, columns: columns)
    }

    /// The 0-based index of the header column `name`.
    private static func index(of name: String, in table: CSVTable) throws(TimeSeriesError) -> Int {
        guard let index = table.header.firstIndex(of: name) else {
            throw TimeSeriesError(.unknownColumn(name, known: table.header), at: CSVLocation(line: table.headerLine))
        }
        return index
    }
}
