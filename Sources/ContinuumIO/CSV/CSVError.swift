/// A syntax or shape error in CSV text, with where it was found.
///
/// ```swift
/// do {
///     _ = try CSVTable(parsing: "t,x\n0,1\n1,2,3\n")
/// } catch {
///     print(error)   // line 3, row 2, column 3: the row has 3 fields but the header has 2
/// }
/// ```
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Equatable, Sendable {
        /// The text has no header line (it is empty or holds only comments and blank lines).
        case missingHeader
        /// A header name is empty (or only spaces).
        case emptyHeaderName
        /// A header name repeats the name of an earlier column (1-based `firstIndex`).
        case duplicateHeaderName(firstIndex: Int)
        /// A row has a different number of fields from the header. The location names the first
        /// missing column (too few fields) or the first extra field (too many).
        case raggedRow(expected: Int, found: Int)
        /// A quoted field is not closed before the end of the text; the location is where it opened.
        case unterminatedQuote
        /// Something other than a comma or the end of the line follows a closing quote.
        case textAfterClosingQuote(String)
        /// A quote appears inside a field that does not start with one (RFC 4180 forbids it;
        /// quote the whole field and double the inner quote).
        case quoteInUnquotedField
        /// An empty line inside the data (blank lines are allowed only at the end and among the
        /// leading comment lines).
        case blankLine
    }

    /// What is wrong.
    public let reason: Reason
    /// Where it was found.
    public let location: CSVLocation

    /// An error for `reason` at `location`.
    public init(_ reason: Reason, at location: CSVLocation) {
        self.reason = reason
        self.location = location
    }

    /// 1-based line in the file.
    public var line: Int? { location.line }
    /// 1-based data row, or `nil` for the header.
    public var row: Int? { location.row }
    /// The column, when the error concerns one.
    public var column: CSVColumn? { location.column }

    /// What went wrong, without the location.
    public var message: String {
        switch reason {
        case .missingHeader:
            return "no header line: the text is empty or holds only comments"
        case .emptyHeaderName:
            return "the header name is empty"
        case let .duplicateHeaderName(firstIndex):
            return "the header name '\(column?.name ?? "")' is already used by column \(firstIndex)"
        case let .raggedRow(expected, found):
            return "the row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected)"
        case .unterminatedQuote:
            return "the quoted field opened here is never closed"
        case let .textAfterClosingQuote(text):
            return "unexpected '\(text)' after a closing quote (expected ',' or the end of the line)"
        case .quoteInUnquotedField:
            return "a quote inside an unquoted field (quote the whole field and write \"\" for a quote)"
        case .blankLine:
            return "blank line inside the data"
        }
    }

    /// `"<location>: <message>"`.
    public var description: String {
        let place = location.description
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
