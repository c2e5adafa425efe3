/// A recursive-descent parser from tokens to nodes of an ``ExpressionGraph``.
///
/// Grammar (lowest precedence first; `^` is right-associative and binds tighter than a unary sign,
/// so `-x^2 = -(x^2)` and `2^-1 = 2^(-1)`):
///
///     list    := expr (',' expr)* end
///     expr    := term (('+' | '-') term)*
///     term    := unary (('*' | '/') unary)*
///     unary   := ('+' | '-') unary | power
///     power   := primary ('^' unary)?
///     primary := number | name | function '(' expr (',' expr)* ')' | '(' expr ')'
///
/// Names are resolved while parsing, so an unknown name is reported at its column. Nesting is
/// limited to ``maximumDepth`` levels so that no input can exhaust the stack.
struct ExpressionParser {
    /// The deepest nesting of parentheses, calls and signs accepted.
    static let maximumDepth = 64

    private let tokens: [ExpressionToken]
    private let symbols: ExpressionSymbols
    private var position = 0
    private var depth = 0
    private(set) var graph = ExpressionGraph()

    init(tokens: [ExpressionToken], symbols: ExpressionSymbols) {
        self.tokens = tokens
        self.symbols = symbols
    }

    /// Parses the whole comma-separated list; returns the root node and starting column of each expression.
    mutating func parseList() throws(ExpressionError) -> [(node: Int32, column: Int)] {
        var roots: [(node: Int32, column: Int)] = []
        while true {
            if sees(.comma) || sees(.end) {
                throw error("expression \(roots.count + 1) is empty: expected an expression but found \(current.display)")
            }
            let column = current.column
            roots.append((try parseExpression(), column))
            if sees(.end) { return roots }
            guard sees(.comma) else { throw unexpectedAfterExpression() }
            position += 1
        }
    }

    // The recursive functions below keep their frames small (no string work, no token copies):
    // in unoptimised builds every temporary gets its own stack slot, and these frames repeat at
    // every level of nesting. Messages are built in the non-recursive helpers at the end.

    private mutating func parseExpression() throws(ExpressionError) -> Int32 {
        var value = try parseTerm()
        while true {
            if sees(.plus) {
                position += 1
                value = graph.apply(.add, value, try parseTerm())
            } else if sees(.minus) {
                position += 1
                value = graph.apply(.subtract, value, try parseTerm())
            } else {
                return value
            }
        }
    }

    private mutating func parseTerm() throws(ExpressionError) -> Int32 {
        var value = try parseUnary()
        while true {
            if sees(.star) {
                position += 1
                value = graph.apply(.multiply, value, try parseUnary())
            } else if sees(.slash) {
                position += 1
                value = graph.apply(.divide, value, try parseUnary())
            } else {
                return value
            }
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Int32 {
        guard depth < Self.maximumDepth else { throw tooDeep() }
        depth += 1
        defer { depth -= 1 }
        if sees(.minus) {
            position += 1
            return graph.apply(.negate, try parseUnary())
        }
        if sees(.plus) {
            position += 1
            return try parseUnary()
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(ExpressionError) -> Int32 {
        let base = try parsePrimary()
        guard sees(.caret) else { return base }
        position += 1
        return graph.apply(.power, base, try parseUnary())
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Int32 {
        let start = position
        position += 1
        if sees(.leftParenthesis, at: start) {
            let value = try parseExpression()
            guard sees(.rightParenthesis) else { throw unclosed(openedAt: start) }
            position += 1
            return value
        }
        if let function = function(at: start) { return try parseCall(function, nameAt: start) }
        return try leaf(at: start)
    }

    /// Parses `(arguments)` after the function name at token `nameIndex` and checks their number.
    private mutating func parseCall(_ function: BuiltinFunction, nameAt nameIndex: Int) throws(ExpressionError) -> Int32 {
        guard sees(.leftParenthesis) else { throw missingArguments(function) }
        let open = position
        position += 1
        var first: Int32 = -1, second: Int32 = -1, count = 0
        if !sees(.rightParenthesis) {
            while true {
                let argument = try parseExpression()
                if count == 0 { first = argument } else if count == 1 { second = argument }
                count += 1
                if sees(.comma) {
                    position += 1
                } else if sees(.rightParenthesis) {
                    break
                } else {
                    throw unclosedCall(function, openedAt: open, arguments: count)
                }
            }
        }
        position += 1
        guard count == function.arity else { throw wrongArgumentCount(function, count, nameAt: nameIndex) }
        return graph.apply(function.operation, first, second)
    }

    // MARK: - Tokens, leaves and messages (not recursive)

    private var current: ExpressionToken { tokens[position] }

    private func sees(_ kind: ExpressionToken.Kind, at index: Int? = nil) -> Bool { tokens[index ?? position].kind == kind }

    private func error(_ message: String, at column: Int? = nil) -> ExpressionError {
        ExpressionError(column: column ?? current.column, message: message)
    }

    /// The function named by token `index`, if it is an identifier naming one.
    private func function(at index: Int) -> BuiltinFunction? {
        guard case let .identifier(name) = tokens[index].kind else { return nil }
        return BuiltinFunction(rawValue: name)
    }

    /// A number or a name of an input at token `index` (the parser has moved past it).
    private mutating func leaf(at index: Int) throws(ExpressionError) -> Int32 {
        let token = tokens[index]
        switch token.kind {
        case let .number(value):
            return graph.constant(value)
        case let .identifier(name):
            guard let (operation, number) = symbols.resolve(name) else {
                if sees(.leftParenthesis) {
                    throw error("unknown function '\(name)'; functions: \(BuiltinFunction.list)", at: token.column)
                }
                throw error("unknown name '\(name)'; known names: \(symbols.knownNames)", at: token.column)
            }
            if sees(.leftParenthesis) {
                throw error("'\(name)' is not a function (write '\(name)*(...)' to multiply)", at: token.column)
            }
            return graph.input(operation, number)
        default:
            throw error("expected an expression but found \(token.display)", at: token.column)
        }
    }

    private func unexpectedAfterExpression() -> ExpressionError {
        sees(.rightParenthesis) ? error("unexpected ')' without a matching '('")
            : error("expected an operator, ',' or end of input but found \(current.display)")
    }

    private func tooDeep() -> ExpressionError {
        error("expression nested too deeply (more than \(Self.maximumDepth) levels)")
    }

    private func unclosed(openedAt index: Int) -> ExpressionError {
        error("expected ')' to close '(' at column \(tokens[index].column) but found \(current.display)")
    }

    private func missingArguments(_ function: BuiltinFunction) -> ExpressionError {
        error("expected '(' after the function name '\(function.rawValue)' but found \(current.display)")
    }

    private func unclosedCall(_ function: BuiltinFunction, openedAt index: Int, arguments: Int) -> ExpressionError {
        let expected = arguments < function.arity ? "',' or ')'" : "')'"
        return error("expected \(expected) to close '\(function.rawValue)(' at column \(tokens[index].column) "
            + "but found \(current.display)")
    }

    private func wrongArgumentCount(_ function: BuiltinFunction, _ count: Int, nameAt index: Int) -> ExpressionError {
        let plural = function.arity == 1 ? "argument" : "arguments"
        return error("function '\(function.rawValue)' takes \(function.arity) \(plural) but got \(count)",
                     at: tokens[index].column)
    }
}
