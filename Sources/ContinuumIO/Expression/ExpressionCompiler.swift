/// Compiles chosen nodes of an ``ExpressionGraph`` into ``Bytecode``.
///
/// Only nodes the outputs depend on are compiled, each once (the graph is already free of common
/// subexpressions), in index order, which is a topological order. Instructions are chosen by
/// ``InstructionSelector``; temporaries get registers from a free list as soon as their last
/// reader has run, so the register file stays about as small as the widest part of the expression.
enum ExpressionCompiler {
    /// Bytecode computing `roots` (output `i` is node `roots[i]`) from `t`, `stateCount` states,
    /// `parameterCount` parameters and `seedCount` seeds.
    static func compile(
        _ graph: ExpressionGraph, outputs roots: [Int32], stateCount: Int, parameterCount: Int, seedCount: Int
    ) -> Bytecode {
        let useCount = uses(in: graph, from: roots)
        let plan = select(in: graph, useCount: useCount)

        // Registers: inputs have fixed ones, temporaries are recycled after their last reader.
        let firstParameter = 1 + stateCount
        let firstSeed = firstParameter + parameterCount
        let firstTemporary = Int32(firstSeed + seedCount)
        var register = [Int32](repeating: -1, count: useCount.count)
        for id in useCount.indices where useCount[id] > 0 {
            let node = graph[Int32(id)]
            let number = Int32(truncatingIfNeeded: node.payload)  // the input's index (meaningless for other nodes)
            switch node.operation {
            case .time: register[id] = 0
            case .state: register[id] = Int32(Bytecode.firstState) + number
            case .parameter: register[id] = Int32(firstParameter) + number
            case .seed: register[id] = Int32(firstSeed) + number
            default: break
            }
        }
        var lastUse = [Int](repeating: -1, count: useCount.count)
        for (position, step) in plan.enumerated() {
            for operand in step.instruction.operands { lastUse[Int(operand)] = position }
        }
        for root in roots { lastUse[Int(root)] = .max }

        var free: [Int32] = []
        var next = firstTemporary
        var instructions: [BytecodeInstruction] = []
        instructions.reserveCapacity(plan.count)
        for (position, step) in plan.enumerated() {
            let planned = step.instruction
            func resolve(_ operand: Int32) -> Int32 { operand >= 0 ? register[Int(operand)] : 0 }
            var released: [Int32] = []
            for operand in planned.operands where lastUse[Int(operand)] == position {
                let dying = register[Int(operand)]
                if dying >= firstTemporary && !released.contains(dying) { released.append(dying) }
            }
            free += released
            let destination = free.popLast() ?? next
            if destination == next { next += 1 }
            instructions.append(BytecodeInstruction(
                opcode: planned.opcode, destination: destination, left: resolve(planned.left),
                right: resolve(planned.right), third: resolve(planned.third), constant: planned.constant))
            register[Int(step.node)] = destination
        }

        var copies: [Bytecode.OutputCopy] = []
        var constants: [Bytecode.OutputConstant] = []
        var hasZeroOutputs = false
        for (index, root) in roots.enumerated() {
            if let value = graph.constantValue(root) {
                if value.bitPattern == 0 {
                    hasZeroOutputs = true
                } else {
                    constants.append(.init(index: Int32(index), value: value))
                }
            } else {
                copies.append(.init(index: Int32(index), register: register[Int(root)]))
            }
        }
        return Bytecode(
            instructions: instructions, copies: copies, constants: constants, outputCount: roots.count,
            hasZeroOutputs: hasZeroOutputs, registerCount: Int(next),
            stateCount: stateCount, parameterCount: parameterCount, seedCount: seedCount)
    }

    /// How often each node is read by the nodes the roots depend on, plus once per appearance
    /// among the roots; 0 for nodes not needed.
    private static func uses(in graph: ExpressionGraph, from roots: [Int32]) -> [Int32] {
        var useCount = [Int32](repeating: 0, count: Int(roots.max() ?? -1) + 1)
        for root in roots { useCount[Int(root)] += 1 }
        for id in stride(from: useCount.count - 1, through: 0, by: -1) where useCount[id] > 0 {
            let node = graph[Int32(id)]
            for operand in [node.left, node.right].prefix(node.operation.arity) { useCount[Int(operand)] += 1 }
        }
        return useCount
    }

    /// One planned instruction per needed computed node, in order, without the nodes fused into another.
    private static func select(
        in graph: ExpressionGraph, useCount: [Int32]
    ) -> [(node: Int32, instruction: PlannedInstruction)] {
        var selector = InstructionSelector(graph: graph, useCount: useCount)
        var plan: [(node: Int32, instruction: PlannedInstruction)] = []
        var absorbed = [Bool](repeating: false, count: useCount.count)
        for id in useCount.indices where useCount[id] > 0 && graph[Int32(id)].operation.arity > 0 {
            let (instruction, fused) = selector.select(Int32(id))
            plan.append((Int32(id), instruction))
            if let fused { absorbed[Int(fused)] = true }
        }
        return plan.filter { !absorbed[Int($0.node)] }
    }
}
