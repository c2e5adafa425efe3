/// An instruction before register allocation: operands are graph nodes (−1: none).
struct PlannedInstruction {
    var opcode: BytecodeOpcode
    var left: Int32
    var right: Int32 = -1
    var third: Int32 = -1
    var constant: Double = 0

    /// The operand nodes read from registers.
    var operands: [Int32] { [left, right, third].filter { $0 >= 0 } }
}

/// Chooses the instruction for each computed node: the operand form (`RR`, `RC`, `CR`) from which
/// operands are constants, and a superinstruction when an operand is a product or difference that
/// nothing else uses.
struct InstructionSelector {
    let graph: ExpressionGraph
    /// Uses of each node by other live nodes plus one per appearance among the outputs.
    let useCount: [Int32]
    /// Nodes whose own instruction is fused: they cannot be absorbed in turn, since the operand
    /// they absorbed has no register.
    private var isFused: [Bool]

    init(graph: ExpressionGraph, useCount: [Int32]) {
        self.graph = graph
        self.useCount = useCount
        isFused = [Bool](repeating: false, count: useCount.count)
    }

    /// The instruction computing node `id`, and the operand node it absorbed (if fused). Nodes
    /// must be selected in increasing order.
    mutating func select(_ id: Int32) -> (PlannedInstruction, absorbed: Int32?) {
        let selection = selectUnrecorded(id)
        if selection.absorbed != nil { isFused[Int(id)] = true }
        return selection
    }

    private func selectUnrecorded(_ id: Int32) -> (PlannedInstruction, absorbed: Int32?) {
        let node = graph[id]
        let (u, w) = (node.left, node.right)
        let operation = node.operation
        guard operation.arity == 2 else {
            return (PlannedInstruction(opcode: Self.unaryOpcode(operation), left: u), nil)
        }
        let (cu, cw) = (graph.constantValue(u), graph.constantValue(w))
        if let fused = fuse(operation, u, w, isConstant: cu != nil || cw != nil, constant: cu ?? cw) { return fused }
        let forms = Self.binaryOpcodes(operation)
        if let cu {
            if let reversed = forms.constantRegister {
                return (PlannedInstruction(opcode: reversed, left: w, constant: cu), nil)
            }
            return (PlannedInstruction(opcode: forms.registerConstant, left: w, constant: cu), nil)  // commutative
        }
        if let cw { return (PlannedInstruction(opcode: forms.registerConstant, left: u, constant: cw), nil) }
        return (PlannedInstruction(opcode: forms.registerRegister, left: u, right: w), nil)
    }

    private func fuse(
        _ operation: ExpressionGraph.Operation, _ u: Int32, _ w: Int32, isConstant: Bool, constant: Double?
    ) -> (PlannedInstruction, absorbed: Int32?)? {
        switch operation {
        case .add where !isConstant:
            for (product, other) in [(u, w), (w, u)] {
                guard let (a, b, k) = factors(of: product) else { continue }
                let instruction = k.map { PlannedInstruction(opcode: .multiplyAddRCR, left: a, right: other, constant: $0) }
                    ?? PlannedInstruction(opcode: .multiplyAddRRR, left: a, right: b, third: other)
                return (instruction, product)
            }
        case .subtract where !isConstant:
            if let (a, b, k) = factors(of: u) {
                let instruction = k.map { PlannedInstruction(opcode: .multiplySubtractRCR, left: a, right: w, constant: $0) }
                    ?? PlannedInstruction(opcode: .multiplySubtractRRR, left: a, right: b, third: w)
                return (instruction, u)
            }
            if let (a, b, k) = factors(of: w) {
                let instruction = k.map { PlannedInstruction(opcode: .subtractProductRCR, left: a, right: u, constant: $0) }
                    ?? PlannedInstruction(opcode: .subtractProductRRR, left: a, right: b, third: u)
                return (instruction, w)
            }
        case .multiply where isConstant:
            let inner = graph.constantValue(u) == nil ? u : w
            let innerNode = graph[inner]
            guard let constant, isSingleUse(inner), innerNode.operation == .add || innerNode.operation == .subtract,
                  graph.constantValue(innerNode.left) == nil, graph.constantValue(innerNode.right) == nil
            else { return nil }
            let opcode: BytecodeOpcode = innerNode.operation == .add ? .sumMultiplyRRC : .differenceMultiplyRRC
            return (PlannedInstruction(opcode: opcode, left: innerNode.left, right: innerNode.right, constant: constant), inner)
        default:
            break
        }
        return nil
    }

    /// `(a, b, nil)` or `(a, _, k)` if `id` is a product `a·b` or `a·k` used only once.
    private func factors(of id: Int32) -> (Int32, Int32, Double?)? {
        let node = graph[id]
        guard node.operation == .multiply, isSingleUse(id) else { return nil }
        if let k = graph.constantValue(node.left) { return (node.right, -1, k) }
        if let k = graph.constantValue(node.right) { return (node.left, -1, k) }
        return (node.left, node.right, nil)
    }

    private func isSingleUse(_ id: Int32) -> Bool {
        useCount[Int(id)] == 1 && !isFused[Int(id)] && !graph[id].operation.isInput
    }

    private static func unaryOpcode(_ operation: ExpressionGraph.Operation) -> BytecodeOpcode {
        switch operation {
        case .negate: return .negate
        case .sin: return .sin
        case .cos: return .cos
        case .tan: return .tan
        case .exp: return .exp
        case .log: return .log
        case .sqrt: return .sqrt
        case .tanh: return .tanh
        case .abs: return .abs
        case .sign: return .sign
        default: preconditionFailure("\(operation) is not a unary operation")
        }
    }

    /// The `RR`, `RC` and `CR` forms of a binary operation (`CR` is `nil` for commutative ones).
    private static func binaryOpcodes(
        _ operation: ExpressionGraph.Operation
    ) -> (registerRegister: BytecodeOpcode, registerConstant: BytecodeOpcode, constantRegister: BytecodeOpcode?) {
        switch operation {
        case .add: return (.addRR, .addRC, nil)
        case .subtract: return (.subtractRR, .subtractRC, .subtractCR)
        case .multiply: return (.multiplyRR, .multiplyRC, nil)
        case .divide: return (.divideRR, .divideRC, .divideCR)
        case .power: return (.powerRR, .powerRC, .powerCR)
        case .minimum: return (.minimumRR, .minimumRC, .minimumCR)
        case .maximum: return (.maximumRR, .maximumRC, .maximumCR)
        case .lessOrEqual: return (.lessOrEqualRR, .lessOrEqualRC, .lessOrEqualCR)
        default: preconditionFailure("\(operation) is not a binary operation")
        }
    }
}
