/// The names an expression may use — state variables, the time and parameters — checked for
/// validity and clashes, and resolved to graph inputs.
struct ExpressionSymbols {
    let variables: [String]
    let parameters: [String]
    let timeName: String
    private let inputs: [String: (ExpressionGraph.Operation, Int)]

    /// Checks that every name is a valid identifier, that no two coincide, and that none is a
    /// function name. Errors have column 0: the names are not part of the source.
    init(variables: [String], parameters: [String], timeName: String) throws(ExpressionError) {
        guard !variables.isEmpty else {
            throw ExpressionError(column: 0, message: "at least one state variable is needed")
        }
        var inputs: [String: (ExpressionGraph.Operation, Int)] = [:]
        var roles: [String: String] = [:]
        let named = [(timeName, "time")] + variables.map { ($0, "variable") } + parameters.map { ($0, "parameter") }
        for (name, role) in named {
            guard Self.isIdentifier(name) else {
                throw ExpressionError(column: 0, message: "\(role) name '\(name)' is not a valid name "
                    + "(letters, digits and '_', starting with a letter or '_')")
            }
            if BuiltinFunction(rawValue: name) != nil {
                throw ExpressionError(column: 0, message: "\(role) name '\(name)' clashes with the function \(name)()")
            }
            if let other = roles[name] {
                let what = other == role ? "is used for two \(role)s" : "is used for both the \(other) and a \(role)"
                throw ExpressionError(column: 0, message: "the name '\(name)' \(what)")
            }
            roles[name] = role
        }
        inputs[timeName] = (.time, 0)
        for (i, name) in variables.enumerated() { inputs[name] = (.state, i) }
        for (i, name) in parameters.enumerated() { inputs[name] = (.parameter, i) }
        self.variables = variables
        self.parameters = parameters
        self.timeName = timeName
        self.inputs = inputs
    }

    /// The input a name stands for, if it is known.
    func resolve(_ name: String) -> (ExpressionGraph.Operation, Int)? { inputs[name] }

    /// A short list of the known names for error messages (at most a dozen, then a count).
    var knownNames: String {
        let all = variables + [timeName] + parameters
        let shown = all.prefix(12).joined(separator: ", ")
        return all.count > 12 ? "\(shown), … (\(all.count) names)" : shown
    }

    /// Whether `name` is a letter or `_` followed by letters, ASCII digits and `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, ExpressionLexer.startsIdentifier(first) else { return false }
        return name.allSatisfy(ExpressionLexer.continuesIdentifier)
    }
}
