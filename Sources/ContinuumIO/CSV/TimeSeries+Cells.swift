extension TimeSeries {
    /// The cell texts read as missing values: an empty cell, `?`, and `NA`, `NaN` and `null` in
    /// any letter case (`na`, `NAN`, `Null`, …). Compare after lowercasing.
    public static let missingValueMarkers: Set<String> = ["", "?", "na", "nan", "null"]

    /// Whether the cell `text` (already trimmed) is a missing-value marker.
    public static func isMissing(_ text: String) -> Bool {
        text.count <= 4 && missingValueMarkers.contains(text.lowercased())
    }

    /// The number in the cell `text`, `nil` when it is a missing-value marker.
    static func number(_ text: String, at location: CSVLocation) throws(TimeSeriesError) -> Double? {
        if isMissing(text) { return nil }
        guard let x = Double(text) else { throw TimeSeriesError(.notANumber(text), at: location) }
        guard x.isFinite else { throw TimeSeriesError(.nonFinite(text), at: location) }
        return x
    }
}
