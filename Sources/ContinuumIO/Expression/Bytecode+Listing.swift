extension Bytecode: CustomStringConvertible {
    /// An assembly-like listing, one instruction per line (`r7 = (r2 - r1) * 10`), then the
    /// output registers; for tests and debugging.
    var description: String {
        var lines = instructions.map { instruction -> String in
            let (a, b, c) = ("r\(instruction.left)", "r\(instruction.right)", "r\(instruction.third)")
            let k = "\(instruction.constant)"
            let expression: String
            switch instruction.opcode {
            case .negate: expression = "-\(a)"
            case .sin, .cos, .tan, .exp, .log, .sqrt, .tanh, .abs, .sign: expression = "\(instruction.opcode)(\(a))"
            case .addRR: expression = "\(a) + \(b)"
            case .addRC: expression = "\(a) + \(k)"
            case .subtractRR: expression = "\(a) - \(b)"
            case .subtractRC: expression = "\(a) - \(k)"
            case .subtractCR: expression = "\(k) - \(a)"
            case .multiplyRR: expression = "\(a) * \(b)"
            case .multiplyRC: expression = "\(a) * \(k)"
            case .divideRR: expression = "\(a) / \(b)"
            case .divideRC: expression = "\(a) / \(k)"
            case .divideCR: expression = "\(k) / \(a)"
            case .powerRR: expression = "pow(\(a), \(b))"
            case .powerRC: expression = "pow(\(a), \(k))"
            case .powerCR: expression = "pow(\(k), \(a))"
            case .minimumRR: expression = "min(\(a), \(b))"
            case .minimumRC: expression = "min(\(a), \(k))"
            case .minimumCR: expression = "min(\(k), \(a))"
            case .maximumRR: expression = "max(\(a), \(b))"
            case .maximumRC: expression = "max(\(a), \(k))"
            case .maximumCR: expression = "max(\(k), \(a))"
            case .lessOrEqualRR: expression = "\(a) <= \(b)"
            case .lessOrEqualRC: expression = "\(a) <= \(k)"
            case .lessOrEqualCR: expression = "\(k) <= \(a)"
            case .multiplyAddRRR: expression = "\(a) * \(b) + \(c)"
            case .multiplyAddRCR: expression = "\(a) * \(k) + \(b)"
            case .multiplySubtractRRR: expression = "\(a) * \(b) - \(c)"
            case .multiplySubtractRCR: expression = "\(a) * \(k) - \(b)"
            case .subtractProductRRR: expression = "\(c) - \(a) * \(b)"
            case .subtractProductRCR: expression = "\(b) - \(a) * \(k)"
            case .differenceMultiplyRRC: expression = "(\(a) - \(b)) * \(k)"
            case .sumMultiplyRRC: expression = "(\(a) + \(b)) * \(k)"
            }
            return "r\(instruction.destination) = \(expression)"
        }
        var outputs = [String](repeating: "0.0", count: outputCount)
        for copy in copies { outputs[Int(copy.index)] = "r\(copy.register)" }
        for constant in constants { outputs[Int(constant.index)] = "\(constant.value)" }
        lines.append("outputs: " + outputs.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
