import Foundation

extension ExpressionGraph.Operation {
    /// The operation on numbers: the single definition used both to fold constants at compile time
    /// and (through the same Foundation functions) by the evaluator, so folding never changes a result.
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .negate: return -a
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return Foundation.pow(a, b)
        case .minimum: return Swift.min(a, b)
        case .maximum: return Swift.max(a, b)
        case .sin: return Foundation.sin(a)
        case .cos: return Foundation.cos(a)
        case .tan: return Foundation.tan(a)
        case .exp: return Foundation.exp(a)
        case .log: return Foundation.log(a)
        case .sqrt: return a.squareRoot()
        case .tanh: return Foundation.tanh(a)
        case .abs: return Swift.abs(a)
        case .sign: return a > 0 ? 1 : (a < 0 ? -1 : (a == 0 ? 0 : a))
        case .lessOrEqual: return a <= b ? 1 : 0
        case .constant, .time, .state, .parameter, .seed:
            preconditionFailure("inputs are not applied")
        }
    }
}

extension ExpressionGraph {
    /// The node for `operation(a, b)` (`b` ignored for unary operations), simplified.
    ///
    /// Always: constants are folded; `x − 0`, `x · 1`, `x · (−1)`, `x / 1`, `x / (−1)`, `x ^ 0`,
    /// `x ^ 1`, `−(−x)`, `a + (−b) → a − b`, `a − (−b) → a + b` and `(−a)(−b) → ab` are rewritten, and
    /// the operands of `+` and `·` are put in a canonical order so `x·y` and `y·x` share a node. These
    /// hold bit for bit in IEEE arithmetic (infinities, NaN and signed zeros included), as does the
    /// absence of any reassociation, so the compiled right-hand side computes exactly what the text
    /// says — except `x ^ 2`, which becomes the correctly rounded `x · x`.
    ///
    /// With ``Simplification/algebraic`` (used for derivatives), also `x + 0`, `0 + x`, `0 − x → −x`,
    /// `x · 0 = 0` and `0 / x = 0`, which ignore signed zeros and infinite or NaN `x`, as symbolic
    /// differentiation must to keep structural zeros out of the Jacobian.
    mutating func apply(_ operation: Operation, _ a: Int32, _ b: Int32 = -1) -> Int32 {
        let algebraic = simplification == .algebraic
        let x = constantValue(a)
        let y = operation.arity == 2 ? constantValue(b) : nil
        if let x, operation.arity == 1 || y != nil {
            return constant(operation.apply(x, y ?? 0))
        }
        switch operation {
        case .negate:
            if self[a].operation == .negate { return self[a].left }
        case .add:
            if algebraic && x == 0 { return b }
            if algebraic && y == 0 { return a }
            if self[b].operation == .negate { return apply(.subtract, a, self[b].left) }
            if self[a].operation == .negate { return apply(.subtract, b, self[a].left) }
            return node(.add, Swift.min(a, b), Swift.max(a, b))
        case .subtract:
            if y?.bitPattern == 0 { return a }  // x − (+0) = x, even for x = −0
            if algebraic && y == 0 { return a }
            if algebraic && x == 0 { return apply(.negate, b) }
            if self[b].operation == .negate { return apply(.add, a, self[b].left) }
        case .multiply:
            if algebraic && (x == 0 || y == 0) { return constant(0) }
            if x == 1 { return b }
            if y == 1 { return a }
            if x == -1 { return apply(.negate, b) }
            if y == -1 { return apply(.negate, a) }
            if self[a].operation == .negate && self[b].operation == .negate {
                return apply(.multiply, self[a].left, self[b].left)
            }
            return node(.multiply, Swift.min(a, b), Swift.max(a, b))
        case .divide:
            if algebraic && x == 0 { return constant(0) }
            if y == 1 { return a }
            if y == -1 { return apply(.negate, a) }
        case .power:
            if y == 0 { return constant(1) }
            if y == 1 { return a }
            if y == 2 { return apply(.multiply, a, a) }
        default:
            break
        }
        return node(operation, a, b)
    }

    private mutating func node(_ operation: Operation, _ a: Int32, _ b: Int32) -> Int32 {
        intern(Node(operation: operation, left: a, right: operation.arity == 2 ? b : -1, payload: 0))
    }
}
