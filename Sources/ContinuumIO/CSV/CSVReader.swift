/// The byte-level scanner behind ``CSVTable``: splits UTF-8 text into records of fields and keeps
/// count of lines. All delimiters are ASCII, so scanning bytes never splits a multi-byte character.
struct CSVReader {
    /// One record: its fields and the 1-based line on which each field starts.
    struct Record {
        var fields: [String]
        var lines: [Int]
    }

    private let bytes: [UInt8]
    private var position = 0
    /// The 1-based line of the next byte to read.
    private(set) var line = 1

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), hash = UInt8(ascii: "#")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Skips comment lines (`#…`) and blank lines before the header.
    mutating func skipPreamble() {
        while position < bytes.count {
            let start = position
            skipBlanks()
            if position < bytes.count, bytes[position] == Self.hash {
                while position < bytes.count, !isLineBreak(bytes[position]) { position += 1 }
            } else if position < bytes.count, !isLineBreak(bytes[position]) {
                position = start
                return
            }
            consumeLineBreak()
        }
    }

    /// The next record, or `nil` at the end of the text (trailing blank lines included).
    /// `row` (1-based, `nil` for the header) and `header` only label errors.
    mutating func nextRecord(row: Int?, header: [String]?) throws(CSVError) -> Record? {
        guard position < bytes.count else { return nil }
        let recordLine = line
        var record = Record(fields: [], lines: [])
        var quotedAny = false
        while true {
            let column = CSVColumn(index: record.fields.count + 1,
                                   name: header.flatMap { record.fields.count < $0.count ? $0[record.fields.count] : nil })
            let here = CSVLocation(line: line, row: row, column: column)
            record.lines.append(line)
            skipBlanks()
            if position < bytes.count, bytes[position] == Self.quote {
                quotedAny = true
                record.fields.append(try quotedField(at: here))
            } else {
                record.fields.append(try unquotedField(at: here))
            }
            if position < bytes.count, bytes[position] == Self.comma {
                position += 1
                continue
            }
            consumeLineBreak()
            break
        }
        if !quotedAny, record.fields == [""] {
            if restIsBlank() { return nil }
            throw CSVError(.blankLine, at: CSVLocation(line: recordLine, row: row))
        }
        return record
    }

    private mutating func quotedField(at location: CSVLocation) throws(CSVError) -> String {
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw CSVError(.unterminatedQuote, at: location) }
            let byte = bytes[position]
            position += 1
            if byte == Self.quote {
                guard position < bytes.count, bytes[position] == Self.quote else { break }
                position += 1
            } else if byte == Self.lf || (byte == Self.cr && (position == bytes.count || bytes[position] != Self.lf)) {
                line += 1
            }
            text.append(byte)
        }
        skipBlanks()
        if position < bytes.count, bytes[position] != Self.comma, !isLineBreak(bytes[position]) {
            var end = position
            while end < bytes.count, bytes[end] != Self.comma, !isLineBreak(bytes[end]) { end += 1 }
            let after = String(decoding: bytes[position..<end], as: UTF8.self)
            throw CSVError(.textAfterClosingQuote(after),
                           at: CSVLocation(line: line, row: location.row, column: location.column))
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func unquotedField(at location: CSVLocation) throws(CSVError) -> String {
        let start = position
        var end = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma || isLineBreak(byte) { break }
            if byte == Self.quote { throw CSVError(.quoteInUnquotedField, at: location) }
            position += 1
            if byte != Self.space, byte != Self.tab { end = position }
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func isLineBreak(_ byte: UInt8) -> Bool { byte == Self.lf || byte == Self.cr }

    private mutating func skipBlanks() {
        while position < bytes.count, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
    }

    /// Consumes one LF, CRLF or CR, if there is one, and counts the line.
    private mutating func consumeLineBreak() {
        guard position < bytes.count else { return }
        switch bytes[position] {
        case Self.cr:
            position += 1
            if position < bytes.count, bytes[position] == Self.lf { position += 1 }
        case Self.lf:
            position += 1
        default:
            return
        }
        line += 1
    }

    /// Whether only spaces, tabs and line breaks remain.
    private func restIsBlank() -> Bool {
        bytes[position...].allSatisfy { $0 == Self.space || $0 == Self.tab || isLineBreak($0) }
    }
}
