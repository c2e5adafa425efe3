import Foundation

extension Bytecode {
    /// Runs the program on a register file whose inputs are already filled in.
    ///
    /// One pass over a contiguous instruction array with a `switch` per instruction: no allocation,
    /// no reference counting, no dynamic dispatch. Every instruction reads its operands before it
    /// writes its destination, so a destination may reuse an operand's register.
    @inline(__always)
    func run(_ r: UnsafeMutablePointer<Double>) {
        instructions.withUnsafeBufferPointer { code in
            for instruction in code {
                let d = Int(instruction.destination), a = Int(instruction.left), b = Int(instruction.right)
                let k = instruction.constant
                switch instruction.opcode {
                case .negate: r[d] = -r[a]
                case .sin: r[d] = Foundation.sin(r[a])
                case .cos: r[d] = Foundation.cos(r[a])
                case .tan: r[d] = Foundation.tan(r[a])
                case .exp: r[d] = Foundation.exp(r[a])
                case .log: r[d] = Foundation.log(r[a])
                case .sqrt: r[d] = r[a].squareRoot()
                case .tanh: r[d] = Foundation.tanh(r[a])
                case .abs: r[d] = Swift.abs(r[a])
                case .sign: r[d] = ExpressionGraph.Operation.sign.apply(r[a], 0)
                case .addRR: r[d] = r[a] + r[b]
                case .addRC: r[d] = r[a] + k
                case .subtractRR: r[d] = r[a] - r[b]
                case .subtractRC: r[d] = r[a] - k
                case .subtractCR: r[d] = k - r[a]
                case .multiplyRR: r[d] = r[a] * r[b]
                case .multiplyRC: r[d] = r[a] * k
                case .divideRR: r[d] = r[a] / r[b]
                case .divideRC: r[d] = r[a] / k
                case .divideCR: r[d] = k / r[a]
                case .powerRR: r[d] = Foundation.pow(r[a], r[b])
                case .powerRC: r[d] = Foundation.pow(r[a], k)
                case .powerCR: r[d] = Foundation.pow(k, r[a])
                case .minimumRR: r[d] = Swift.min(r[a], r[b])
                case .minimumRC: r[d] = Swift.min(r[a], k)
                case .minimumCR: r[d] = Swift.min(k, r[a])
                case .maximumRR: r[d] = Swift.max(r[a], r[b])
                case .maximumRC: r[d] = Swift.max(r[a], k)
                case .maximumCR: r[d] = Swift.max(k, r[a])
                case .lessOrEqualRR: r[d] = r[a] <= r[b] ? 1 : 0
                case .lessOrEqualRC: r[d] = r[a] <= k ? 1 : 0
                case .lessOrEqualCR: r[d] = k <= r[a] ? 1 : 0
                case .multiplyAddRRR: r[d] = r[a] * r[b] + r[Int(instruction.third)]
                case .multiplyAddRCR: r[d] = r[a] * k + r[b]
                case .multiplySubtractRRR: r[d] = r[a] * r[b] - r[Int(instruction.third)]
                case .multiplySubtractRCR: r[d] = r[a] * k - r[b]
                case .subtractProductRRR: r[d] = r[Int(instruction.third)] - r[a] * r[b]
                case .subtractProductRCR: r[d] = r[b] - r[a] * k
                case .differenceMultiplyRRC: r[d] = (r[a] - r[b]) * k
                case .sumMultiplyRRC: r[d] = (r[a] + r[b]) * k
                }
            }
        }
    }

    /// Fills the register file — `t`, the state, the parameters and the seeds (each must have the
    /// program's count) — runs the program and writes the outputs: output `i` goes to `output[i]`
    /// for `i < output.count`, else to `rest[i − output.count]`.
    ///
    /// Registers live on the stack when they fit in ``RegisterScratch/stackLimit`` (a constant-size
    /// allocation, which the standard library always places on the stack), else in the calling
    /// thread's ``RegisterScratch`` buffer.
    @inline(__always)
    func evaluate(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ parameters: UnsafeBufferPointer<Double>,
        seeds: UnsafeBufferPointer<Double>?,
        into output: UnsafeMutableBufferPointer<Double>, rest: UnsafeMutableBufferPointer<Double>? = nil
    ) {
        if registerCount <= RegisterScratch.stackLimit {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: RegisterScratch.stackLimit) { scratch in
                execute(scratch.baseAddress.unsafelyUnwrapped, t, y, parameters, seeds, output, rest)
            }
        } else {
            executeInThreadScratch(t, y, parameters, seeds, output, rest)
        }
    }

    @inline(never)
    private func executeInThreadScratch(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ parameters: UnsafeBufferPointer<Double>,
        _ seeds: UnsafeBufferPointer<Double>?,
        _ output: UnsafeMutableBufferPointer<Double>, _ rest: UnsafeMutableBufferPointer<Double>?
    ) {
        execute(RegisterScratch.buffer(capacity: registerCount), t, y, parameters, seeds, output, rest)
    }

    @inline(__always)
    private func execute(
        _ r: UnsafeMutablePointer<Double>, _ t: Double, _ y: UnsafeBufferPointer<Double>,
        _ parameters: UnsafeBufferPointer<Double>, _ seeds: UnsafeBufferPointer<Double>?,
        _ output: UnsafeMutableBufferPointer<Double>, _ rest: UnsafeMutableBufferPointer<Double>?
    ) {
        r[0] = t
        for i in 0..<stateCount { r[Bytecode.firstState + i] = y[i] }
        let firstParameter = self.firstParameter
        for i in 0..<parameterCount { r[firstParameter + i] = parameters[i] }
        if let seeds {
            let firstSeed = self.firstSeed
            for i in 0..<seedCount { r[firstSeed + i] = seeds[i] }
        }
        run(r)
        if hasZeroOutputs {
            output.update(repeating: 0)
            rest?.update(repeating: 0)
        }
        let split = output.count
        copies.withUnsafeBufferPointer { copies in
            guard let rest else {
                for copy in copies { output[Int(copy.index)] = r[Int(copy.register)] }
                return
            }
            for copy in copies {
                let (index, value) = (Int(copy.index), r[Int(copy.register)])
                if index < split { output[index] = value } else { rest[index - split] = value }
            }
        }
        constants.withUnsafeBufferPointer { constants in
            for constant in constants {
                let index = Int(constant.index)
                if index < split { output[index] = constant.value } else { rest.unsafelyUnwrapped[index - split] = constant.value }
            }
        }
    }
}
