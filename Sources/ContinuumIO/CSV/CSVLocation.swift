/// A column of a CSV table: its 1-based position and, when the header has one there, its name.
public struct CSVColumn: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 1-based position of the column (the first column is 1).
    public let index: Int
    /// The header name of the column, or `nil` for a field beyond the header's last column.
    public let name: String?

    /// The column at 1-based `index`, named `name`.
    public init(index: Int, name: String?) {
        self.index = index
        self.name = name
    }

    /// `column 3 'lynx'`, or `column 4` when the column has no name.
    public var description: String {
        name.map { "column \(index) '\($0)'" } ?? "column \(index)"
    }
}

/// Where in a CSV file something was found: the 1-based line of the file (comment lines and the
/// header count, so it is the number an editor shows), the 1-based data row (the first row after
/// the header is row 1; `nil` for the header itself or for a whole-file problem) and the column.
public struct CSVLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the file, or `nil` when the problem is not tied to a line (data built in memory).
    public let line: Int?
    /// 1-based data row (header excluded), or `nil` for the header or the file as a whole.
    public let row: Int?
    /// The column, or `nil` when the problem concerns a whole row or the whole file.
    public let column: CSVColumn?

    /// A location; every part is optional.
    public init(line: Int? = nil, row: Int? = nil, column: CSVColumn? = nil) {
        self.line = line
        self.row = row
        self.column = column
    }

    /// `line 7, row 5, column 3 'lynx'`, leaving out the parts that are `nil`, or `header` for the
    /// header line.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let row { parts.append("row \(row)") } else if line != nil { parts.append("header") }
        if let column { parts.append(column.description) }
        return parts.joined(separator: ", ")
    }
}
