/// Symbolic reverse-mode differentiation on the expression graph.
///
/// For outputs `fᵢ` with seeds `sᵢ`, one sweep over the nodes in reverse topological order
/// accumulates the adjoint `ā = Σ (adjoint of user) · ∂user/∂a` of every node as a new graph node,
/// so the result is `Σᵢ sᵢ ∂fᵢ/∂(input)` for every state and parameter, built from the same
/// simplifying, hash-consing constructors as the right-hand side itself. With symbolic seeds
/// (inputs `.seed`) this is the vector-Jacobian product; with the constant seed 1 on one output it
/// is one row of the Jacobian, whose structural zeros simplify away.
extension ExpressionGraph {
    /// The adjoints of the states (`stateCount` entries) and parameters (`parameterCount`
    /// entries) for `roots` seeded with `seeds`; inputs that the roots do not depend on get the
    /// constant 0. Switches the graph to algebraic simplification, so structural zeros vanish.
    mutating func adjoints(
        of roots: [Int32], seeds: [Int32], stateCount: Int, parameterCount: Int
    ) -> (states: [Int32], parameters: [Int32]) {
        simplification = .algebraic
        let zero = constant(0)
        var states = [Int32](repeating: zero, count: stateCount)
        var parameters = [Int32](repeating: zero, count: parameterCount)
        guard let last = roots.max() else { return (states, parameters) }
        var adjoint = [Int32?](repeating: nil, count: Int(last) + 1)

        func accumulate(_ target: Int32, _ contribution: Int32) {
            guard self[target].operation != .constant else { return }
            if let existing = adjoint[Int(target)] {
                adjoint[Int(target)] = apply(.add, existing, contribution)
            } else {
                adjoint[Int(target)] = contribution
            }
        }

        for (root, seed) in zip(roots, seeds) { accumulate(root, seed) }
        for id in stride(from: last, through: 0, by: -1) {
            guard let bar = adjoint[Int(id)] else { continue }
            let node = self[id]
            let (u, w) = (node.left, node.right)
            switch node.operation {
            case .constant, .time, .seed, .sign, .lessOrEqual:
                break
            case .state:
                states[Int(node.payload)] = bar
            case .parameter:
                parameters[Int(node.payload)] = bar
            case .negate:
                accumulate(u, apply(.negate, bar))
            case .add:
                accumulate(u, bar)
                accumulate(w, bar)
            case .subtract:
                accumulate(u, bar)
                accumulate(w, apply(.negate, bar))
            case .multiply:
                accumulate(u, apply(.multiply, bar, w))
                accumulate(w, apply(.multiply, bar, u))
            case .divide:
                // ∂(u/w)/∂u = 1/w, ∂(u/w)/∂w = −(u/w)/w.
                accumulate(u, apply(.divide, bar, w))
                accumulate(w, apply(.negate, apply(.divide, apply(.multiply, bar, id), w)))
            case .power:
                // ∂(uʷ)/∂u = w·uʷ⁻¹, ∂(uʷ)/∂w = uʷ·log u (only needed when w is not a constant).
                let exponentMinusOne = apply(.subtract, w, constant(1))
                accumulate(u, apply(.multiply, bar, apply(.multiply, w, apply(.power, u, exponentMinusOne))))
                if self[w].operation != .constant {
                    accumulate(w, apply(.multiply, bar, apply(.multiply, id, apply(.log, u))))
                }
            case .sin:
                accumulate(u, apply(.multiply, bar, apply(.cos, u)))
            case .cos:
                accumulate(u, apply(.negate, apply(.multiply, bar, apply(.sin, u))))
            case .tan:
                // tan' = 1 + tan².
                accumulate(u, apply(.multiply, bar, apply(.add, constant(1), apply(.multiply, id, id))))
            case .exp:
                accumulate(u, apply(.multiply, bar, id))
            case .log:
                accumulate(u, apply(.divide, bar, u))
            case .sqrt:
                accumulate(u, apply(.divide, bar, apply(.multiply, constant(2), id)))
            case .tanh:
                // tanh' = 1 − tanh².
                accumulate(u, apply(.multiply, bar, apply(.subtract, constant(1), apply(.multiply, id, id))))
            case .abs:
                accumulate(u, apply(.multiply, bar, apply(.sign, u)))
            case .minimum, .maximum:
                // The derivative follows the argument that is selected: u for min when u ≤ w, for max when w ≤ u.
                let selectsLeft = node.operation == .minimum ? apply(.lessOrEqual, u, w) : apply(.lessOrEqual, w, u)
                accumulate(u, apply(.multiply, bar, selectsLeft))
                accumulate(w, apply(.multiply, bar, apply(.subtract, constant(1), selectsLeft)))
            }
        }
        return (states, parameters)
    }
}
