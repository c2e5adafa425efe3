/// The functions of the expression language and the graph operation each one builds.
enum BuiltinFunction: String, CaseIterable {
    case sin, cos, tan, exp, log, sqrt, tanh, abs, pow, min, max

    /// Number of arguments.
    var arity: Int {
        switch self {
        case .pow, .min, .max: return 2
        default: return 1
        }
    }

    /// The operation computing the function.
    var operation: ExpressionGraph.Operation {
        switch self {
        case .sin: return .sin
        case .cos: return .cos
        case .tan: return .tan
        case .exp: return .exp
        case .log: return .log
        case .sqrt: return .sqrt
        case .tanh: return .tanh
        case .abs: return .abs
        case .pow: return .power
        case .min: return .minimum
        case .max: return .maximum
        }
    }

    /// The names, for error messages.
    static let list = allCases.map(\.rawValue).joined(separator: ", ")
}
