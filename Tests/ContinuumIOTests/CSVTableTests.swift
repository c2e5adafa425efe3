import ContinuumIO
import Testing

/// The CSV reader: RFC 4180 quoting, line endings, comments, BOM, and located errors.
@Suite struct CSVTableTests {
    /// The error thrown for `text`, or `nil` if it parsed.
    func error(_ text: String) -> CSVError? {
        do { _ = try CSVTable(parsing: text); return nil } catch { return error }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "name,note,x\n\"Smith, J.\",\"said \"\"hi\"\"\",1\n\"two\nlines\",\"\",2\nplain, spaced ,3\n"
        let table = try CSVTable(parsing: text)
        #expect(table.header == ["name", "note", "x"])
        #expect(table.rows == [["Smith, J.", "said \"hi\"", "1"], ["two\nlines", "", "2"], ["plain", "spaced", "3"]])
        // Row 2 starts on line 3 and its quoted line break moves the next fields to line 4.
        #expect(table.line(row: 1, column: 0) == 3)
        #expect(table.line(row: 1, column: 1) == 4)
        #expect(table.line(row: 2, column: 0) == 5)
        #expect(table.location(row: 1, column: 2) == CSVLocation(line: 4, row: 2, column: CSVColumn(index: 3, name: "x")))
    }

    @Test func lineEndingsBOMCommentsAndTrailingBlankLinesAgree() throws {
        let lf = "# comment\n\n# another\nt,x\n0,1\n1,\"a\nb\"\n"
        let crlf = "\u{FEFF}# comment\r\n\r\n# another\r\nt,x\r\n0,1\r\n1,\"a\r\nb\"\r\n\r\n  \r\n"
        let cr = "# comment\r\rt\u{2C}x\r0,1\r1,\"a\rb\""
        let a = try CSVTable(parsing: lf), b = try CSVTable(parsing: crlf), c = try CSVTable(parsing: cr)
        #expect(a.header == ["t", "x"] && b.header == a.header && c.header == a.header)
        #expect(a.rows == [["0", "1"], ["1", "a\nb"]])
        #expect(b.rows == [["0", "1"], ["1", "a\r\nb"]])
        #expect(c.rows == [["0", "1"], ["1", "a\rb"]])
        #expect(a.headerLine == 4 && b.headerLine == 4 && c.headerLine == 3)
        #expect(a.line(row: 1, column: 0) == 6 && b.line(row: 1, column: 0) == 6)
    }

    @Test func errorsNameLineRowAndColumn() {
        let cases: [(text: String, reason: CSVError.Reason, location: CSVLocation, description: String)] = [
            ("# only a comment\n\n", .missingHeader, CSVLocation(line: 3), "line 3, header: no header line: the text is empty or holds only comments"),
            ("t,,x\n", .emptyHeaderName, CSVLocation(line: 1, column: CSVColumn(index: 2, name: "")),
             "line 1, header, column 2 '': the header name is empty"),
            ("#c\nt,x,y,x\n", .duplicateHeaderName(firstIndex: 2), CSVLocation(line: 2, column: CSVColumn(index: 4, name: "x")),
             "line 2, header, column 4 'x': the header name 'x' is already used by column 2"),
            ("t,x,y\n0,1,2\n1,2\n", .raggedRow(expected: 3, found: 2),
             CSVLocation(line: 3, row: 2, column: CSVColumn(index: 3, name: "y")),
             "line 3, row 2, column 3 'y': the row has 2 fields but the header has 3"),
            ("t,x\r\n0,1\r\n1,2,3\r\n", .raggedRow(expected: 2, found: 3),
             CSVLocation(line: 3, row: 2, column: CSVColumn(index: 3, name: nil)),
             "line 3, row 2, column 3: the row has 3 fields but the header has 2"),
            ("t,x\n0,1\n1,\"open\n2,3\n", .unterminatedQuote, CSVLocation(line: 3, row: 2, column: CSVColumn(index: 2, name: "x")),
             "line 3, row 2, column 2 'x': the quoted field opened here is never closed"),
            ("t,x\n0,\"1\"2\n", .textAfterClosingQuote("2"), CSVLocation(line: 2, row: 1, column: CSVColumn(index: 2, name: "x")),
             "line 2, row 1, column 2 'x': unexpected '2' after a closing quote (expected ',' or the end of the line)"),
            ("t,x\n0,1\"\n", .quoteInUnquotedField, CSVLocation(line: 2, row: 1, column: CSVColumn(index: 2, name: "x")),
             "line 2, row 1, column 2 'x': a quote inside an unquoted field (quote the whole field and write \"\" for a quote)"),
            ("t,x\n0,1\n\n1,2\n", .blankLine, CSVLocation(line: 3, row: 2), "line 3, row 2: blank line inside the data"),
        ]
        for item in cases {
            let error = error(item.text)
            #expect(error == CSVError(item.reason, at: item.location), "\(item.text.debugDescription)")
            #expect(error?.description == item.description)
        }
    }

    @Test func writtenFieldsReadBack() throws {
        let names = ["plain", "a,b", "say \"x\"", "two\nlines", " padded ", "#hash", "ünï"]
        let text = CSVText.record(names) + "\n" + CSVText.record(names.map { $0 + "1" }) + "\n"
        let table = try CSVTable(parsing: text)
        #expect(table.header == names)
        #expect(table.rows == [names.map { $0 + "1" }])
    }
}
