/// The abstract syntax of expressions, stored as a hash-consed DAG.
///
/// Every node is added through ``ExpressionGraph``'s constructors, which fold constants, apply a
/// few algebraic identities and return the existing node for an expression already present, so a
/// common subexpression — in the right-hand side or in its derivatives — is a single node,
/// computed once. A node's operands always have smaller indices, so index order is a topological
/// order: derivative sweeps and code generation are loops, not recursion.
struct ExpressionGraph {
    /// What a node computes.
    enum Operation: UInt8, Hashable {
        /// A literal; `payload` holds its bit pattern.
        case constant
        /// The time `t`.
        case time
        /// State component `payload`.
        case state
        /// Parameter `payload`.
        case parameter
        /// Extra input `payload` of a derived program (the cotangent `v` of a vector-Jacobian product).
        case seed
        case negate, add, subtract, multiply, divide, power, minimum, maximum
        case sin, cos, tan, exp, log, sqrt, tanh, abs
        /// `sign(a)`: −1, 0 or 1 (the derivative of `abs`).
        case sign
        /// `a ≤ b ? 1 : 0` (the derivatives of `min` and `max`).
        case lessOrEqual

        /// Number of operands.
        var arity: Int {
            switch self {
            case .constant, .time, .state, .parameter, .seed: return 0
            case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum, .lessOrEqual: return 2
            default: return 1
            }
        }

        /// Whether the node is an input of a program (read from the register file, not computed).
        var isInput: Bool { self == .time || self == .state || self == .parameter || self == .seed }
    }

    /// One node: an operation, up to two operand indices, and a payload (constant bits or input index).
    struct Node: Hashable {
        let operation: Operation
        let left: Int32
        let right: Int32
        let payload: UInt64

        /// The constant's value (only for `.constant`).
        var value: Double { Double(bitPattern: payload) }
    }

    /// Which rewrites ``apply(_:_:_:)`` may make.
    enum Simplification {
        /// Only rewrites exact in IEEE arithmetic: for the right-hand side as written.
        case exact
        /// Also `x · 0 = 0` and the like: for derivatives.
        case algebraic
    }

    /// The rewrites new nodes get; set to `.algebraic` before differentiating.
    var simplification = Simplification.exact

    /// The nodes; operands precede their users.
    private(set) var nodes: [Node] = []
    private var index: [Node: Int32] = [:]

    /// Number of nodes.
    var count: Int { nodes.count }

    subscript(id: Int32) -> Node { nodes[Int(id)] }

    /// The constant value of node `id`, or `nil` if it is not a constant.
    func constantValue(_ id: Int32) -> Double? {
        let node = nodes[Int(id)]
        return node.operation == .constant ? node.value : nil
    }

    /// Adds `node`, or returns the identical node already present.
    mutating func intern(_ node: Node) -> Int32 {
        if let existing = index[node] { return existing }
        let id = Int32(nodes.count)
        nodes.append(node)
        index[node] = id
        return id
    }

    /// A literal.
    mutating func constant(_ value: Double) -> Int32 {
        intern(Node(operation: .constant, left: -1, right: -1, payload: value.bitPattern))
    }

    /// An input: `.time`, `.state`, `.parameter` or `.seed` with its index.
    mutating func input(_ operation: Operation, _ number: Int = 0) -> Int32 {
        precondition(operation.isInput)
        return intern(Node(operation: operation, left: -1, right: -1, payload: UInt64(number)))
    }
}
