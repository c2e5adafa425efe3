import Foundation

extension TimeSeries {
    /// CSV text with a header `timeName,<columnNames>` and one line per time: the time first, then
    /// the values in the order of `columnNames`, numbers in their shortest round-trip form (reading
    /// the text back gives the same bits), NaN as an empty cell (a missing value). Lines end in LF.
    ///
    /// - Parameter values: row-major, `times.count × columnNames.count`.
    public static func csv(
        times: [Double], values: [Double], columnNames: [String], timeName: String
    ) throws(TimeSeriesError) -> String {
        guard values.count == times.count * columnNames.count else {
            throw TimeSeriesError(.shapeMismatch(
                "\(values.count) values for \(times.count) times and \(columnNames.count) columns (expected \(times.count * columnNames.count))"))
        }
        var lines = [CSVText.record([timeName] + columnNames)]
        lines.reserveCapacity(times.count + 1)
        let d = columnNames.count
        for (row, t) in times.enumerated() {
            let cells = [CSVText.number(t)] + values[row * d..<(row + 1) * d].map(CSVText.number)
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv(times:values:columnNames:timeName:)`` to `path` atomically (``AtomicFile``).
    public static func write(
        times: [Double], values: [Double], columnNames: [String], timeName: String, to path: String
    ) throws(TimeSeriesError) {
        let text = try csv(times: times, values: values, columnNames: columnNames, timeName: timeName)
        do { try AtomicFile.write(text, to: path) } catch {
            throw TimeSeriesError(.unwritableFile(path: path, reason: "\(error.localizedDescription)"))
        }
    }

    /// This series as CSV text (missing values as empty cells).
    public func csv() -> String {
        // The shape is consistent by construction, so this cannot throw.
        (try? Self.csv(times: times, values: values, columnNames: columnNames, timeName: timeName)) ?? ""
    }

    /// Writes this series to `path` atomically.
    public func write(to path: String) throws(TimeSeriesError) {
        try Self.write(times: times, values: values, columnNames: columnNames, timeName: timeName, to: path)
    }
}
