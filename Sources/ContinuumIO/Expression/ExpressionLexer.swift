/// One lexical unit of the expression language, with the 1-based column where it starts.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case plus, minus, star, slash, caret
        case leftParenthesis, rightParenthesis, comma
        case end
    }

    let kind: Kind
    let column: Int

    /// How the token is quoted in error messages: `'x'`, `number '2.5'`, `end of input`.
    let display: String
}

/// Splits a right-hand side into tokens.
///
/// Numbers are decimal with an optional fraction and exponent (`2`, `.5`, `1.`, `1e-3`, `2.5E+4`),
/// converted with correct rounding. Identifiers start with a letter or `_` and continue with
/// letters, digits and `_`. Whitespace (including newlines) separates tokens and is otherwise ignored.
enum ExpressionLexer {
    /// The tokens of `source`, ending with `.end`.
    static func tokenize(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        let characters = Array(source)
        var tokens: [ExpressionToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            if isDigit(character) || character == "." {
                let (token, next) = try number(characters, from: index)
                tokens.append(token)
                index = next
                continue
            }
            if startsIdentifier(character) {
                var end = index + 1
                while end < characters.count && continuesIdentifier(characters[end]) { end += 1 }
                let name = String(characters[index..<end])
                tokens.append(ExpressionToken(kind: .identifier(name), column: column, display: "'\(name)'"))
                index = end
                continue
            }
            let kind: ExpressionToken.Kind
            switch character {
            case "+": kind = .plus
            case "-": kind = .minus
            case "*": kind = .star
            case "/": kind = .slash
            case "^": kind = .caret
            case "(": kind = .leftParenthesis
            case ")": kind = .rightParenthesis
            case ",": kind = .comma
            default:
                throw ExpressionError(column: column, message: "unexpected character '\(character)'")
            }
            tokens.append(ExpressionToken(kind: kind, column: column, display: "'\(character)'"))
            index += 1
        }
        tokens.append(ExpressionToken(kind: .end, column: characters.count + 1, display: "end of input"))
        return tokens
    }

    /// Scans the number starting at `start`: digits, optional `.` and digits (at least one digit in
    /// all), optional exponent `e`/`E`, sign, digits. A number running straight into another `.`,
    /// digit or identifier character (`1.2.3`, `2x`) is malformed rather than two tokens.
    private static func number(_ characters: [Character], from start: Int) throws(ExpressionError) -> (ExpressionToken, Int) {
        var index = start
        var mantissaDigits = 0
        while index < characters.count && isDigit(characters[index]) { index += 1; mantissaDigits += 1 }
        if index < characters.count && characters[index] == "." {
            index += 1
            while index < characters.count && isDigit(characters[index]) { index += 1; mantissaDigits += 1 }
        }
        var problem: String? = mantissaDigits == 0 ? "expected digits" : nil
        if problem == nil, index < characters.count, characters[index] == "e" || characters[index] == "E" {
            index += 1
            if index < characters.count && (characters[index] == "+" || characters[index] == "-") { index += 1 }
            var exponentDigits = 0
            while index < characters.count && isDigit(characters[index]) { index += 1; exponentDigits += 1 }
            if exponentDigits == 0 { problem = "expected digits in the exponent" }
        }
        // Swallow the rest of a run like `1.2.3` or `2x` so the message quotes all of it.
        var end = index
        while end < characters.count && (characters[end] == "." || continuesIdentifier(characters[end])) { end += 1 }
        let text = String(characters[start..<end])
        if problem == nil && end > index {
            problem = characters[index] == "." ? "a number has at most one '.'"
                : "a number cannot run into a name (write '*' to multiply)"
        }
        if let problem {
            throw ExpressionError(column: start + 1, message: "malformed number '\(text)': \(problem)")
        }
        guard let value = Double(text), value.isFinite else {
            throw ExpressionError(column: start + 1, message: "malformed number '\(text)': out of the range of Double")
        }
        return (ExpressionToken(kind: .number(value), column: start + 1, display: "number '\(text)'"), end)
    }

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }
    static func startsIdentifier(_ character: Character) -> Bool { character == "_" || character.isLetter }
    static func continuesIdentifier(_ character: Character) -> Bool { startsIdentifier(character) || isDigit(character) }
}
