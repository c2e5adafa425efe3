/// A CSV table read from text: a header of unique, non-empty names and rows of string fields, all
/// with as many fields as the header, together with the line of the file each field starts on.
///
/// The reader follows RFC 4180 and accepts what spreadsheets and scripts write:
/// - fields separated by commas, records by LF, CRLF or a lone CR;
/// - quoted fields (`"…"`) may hold commas, line breaks and quotes written as `""`;
/// - an optional UTF-8 byte-order mark;
/// - lines starting with `#` and blank lines before the header are comments and are skipped;
/// - blank lines at the end are ignored (a blank line inside the data is an error);
/// - spaces and tabs around a field are dropped; inside quotes they are kept.
///
/// Every error is a ``CSVError`` naming the line, the row and the column.
///
/// ```swift
/// let table = try CSVTable(parsing: "# counts\nyear,hare\n1900,30\n1901,47.2\n")
/// table.header        // ["year", "hare"]
/// table.rows[1][1]    // "47.2"
/// table.line(row: 1, column: 1)   // 4
/// ```
public struct CSVTable: Equatable, Sendable {
    /// The column names, in order.
    public let header: [String]
    /// The data rows (0-based here; error messages number them from 1), each with `header.count`
    /// fields.
    public let rows: [[String]]
    /// The 1-based line of the file that holds the header.
    public let headerLine: Int
    /// The 1-based line on which each field starts, row-major (`rows.count × header.count`).
    private let fieldLines: [Int]

    /// Reads `text` as CSV.
    public init(parsing text: String) throws(CSVError) {
        var reader = CSVReader(text)
        reader.skipPreamble()
        guard let headerRecord = try reader.nextRecord(row: nil, header: nil) else {
            throw CSVError(.missingHeader, at: CSVLocation(line: reader.line))
        }
        let header = headerRecord.fields
        try Self.validate(header: header, line: headerRecord.lines[0])
        var rows: [[String]] = []
        var lines: [Int] = []
        while let record = try reader.nextRecord(row: rows.count + 1, header: header) {
            guard record.fields.count == header.count else {
                throw Self.ragged(record, row: rows.count + 1, header: header)
            }
            rows.append(record.fields)
            lines += record.lines
        }
        self.header = header
        self.rows = rows
        self.headerLine = headerRecord.lines[0]
        self.fieldLines = lines
    }

    /// The 1-based line of the file on which the field at 0-based `row` and `column` starts.
    public func line(row: Int, column: Int) -> Int {
        fieldLines[row * header.count + column]
    }

    /// The location of the field at 0-based `row` and `column`, numbered from 1 as in messages.
    public func location(row: Int, column: Int) -> CSVLocation {
        CSVLocation(line: line(row: row, column: column), row: row + 1,
                    column: CSVColumn(index: column + 1, name: header[column]))
    }

    private static func validate(header: [String], line: Int) throws(CSVError) {
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let column = CSVColumn(index: index + 1, name: name)
            if name.isEmpty {
                throw CSVError(.emptyHeaderName, at: CSVLocation(line: line, column: column))
            }
            if let first = seen[name] {
                throw CSVError(.duplicateHeaderName(firstIndex: first), at: CSVLocation(line: line, column: column))
            }
            seen[name] = index + 1
        }
    }

    private static func ragged(_ record: CSVReader.Record, row: Int, header: [String]) -> CSVError {
        let found = record.fields.count
        let reason = CSVError.Reason.raggedRow(expected: header.count, found: found)
        if found > header.count {
            let column = CSVColumn(index: header.count + 1, name: nil)
            return CSVError(reason, at: CSVLocation(line: record.lines[header.count], row: row, column: column))
        }
        let column = CSVColumn(index: found + 1, name: header[found])
        return CSVError(reason, at: CSVLocation(line: record.lines[found - 1], row: row, column: column))
    }
}
