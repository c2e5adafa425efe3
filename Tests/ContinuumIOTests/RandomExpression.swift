import Foundation

/// A random expression tree with its own direct evaluator: the reference the compiled bytecode is
/// checked against in the fuzz tests.
indirect enum RandomExpression {
    case variable(Int)  // 0: x, 1: y, 2: t, 3: p (a parameter)
    case number(String)
    case negate(RandomExpression)
    case binary(Character, RandomExpression, RandomExpression)
    case call(String, [RandomExpression])

    static let names = ["x", "y", "t", "p"]
    static let literals = ["0", "1", "2", "3", "0.5", "1.5", "1e-3", "2.5E+1", ".75", "7."]
    static let unary = ["sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "abs"]
    static let binaryFunctions = ["pow", "min", "max"]

    /// A random tree of at most `depth` levels.
    static func random<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> RandomExpression {
        if depth == 0 || Int.random(in: 0..<4, using: &generator) == 0 {
            return Int.random(in: 0..<3, using: &generator) == 0
                ? .number(literals.randomElement(using: &generator)!)
                : .variable(Int.random(in: 0..<names.count, using: &generator))
        }
        let next = depth - 1
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return .negate(random(depth: next, using: &generator))
        case 1, 2: return .call(unary.randomElement(using: &generator)!, [random(depth: next, using: &generator)])
        case 3: return .call(binaryFunctions.randomElement(using: &generator)!,
                             [random(depth: next, using: &generator), random(depth: next, using: &generator)])
        default:
            return .binary("+-*/^".randomElement(using: &generator)!,
                           random(depth: next, using: &generator), random(depth: next, using: &generator))
        }
    }

    /// The text, fully parenthesised, with random spacing.
    func render<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let space = Bool.random(using: &generator) ? " " : ""
        switch self {
        case let .variable(i): return Self.names[i]
        case let .number(text): return text
        case let .negate(a): return "-(\(a.render(using: &generator)))"
        case let .binary(op, a, b):
            return "(\(a.render(using: &generator)))\(space)\(op)\(space)(\(b.render(using: &generator)))"
        case let .call(name, arguments):
            return "\(name)(" + arguments.map { $0.render(using: &generator) }.joined(separator: ",\(space)") + ")"
        }
    }

    /// Whether the tree contains no variables (the compiler folds such subtrees).
    var isConstant: Bool {
        switch self {
        case .variable: return false
        case .number: return true
        case let .negate(a): return a.isConstant
        case let .binary(_, a, b): return a.isConstant && b.isConstant
        case let .call(_, arguments): return arguments.allSatisfy(\.isConstant)
        }
    }

    /// The value at `(x, y, t, p)`, with the language's semantics. The only rewrite the compiler
    /// makes that can change a finite result's bits is `a ^ 2 → a · a`, so it is mirrored here.
    func value(_ inputs: [Double]) -> Double {
        switch self {
        case let .variable(i): return inputs[i]
        case let .number(text): return Double(text)!
        case let .negate(a): return -a.value(inputs)
        case let .binary(op, a, b):
            let (u, w) = (a.value(inputs), b.value(inputs))
            switch op {
            case "+": return u + w
            case "-": return u - w
            case "*": return u * w
            case "/": return u / w
            default: return b.isConstant && w == 2 ? u * u : pow(u, w)
            }
        case let .call(name, arguments):
            let u = arguments[0].value(inputs)
            switch name {
            case "sin": return sin(u)
            case "cos": return cos(u)
            case "tan": return tan(u)
            case "exp": return exp(u)
            case "log": return log(u)
            case "sqrt": return sqrt(u)
            case "tanh": return tanh(u)
            case "abs": return abs(u)
            default:
                let w = arguments[1].value(inputs)
                switch name {
                case "pow": return arguments[1].isConstant && w == 2 ? u * u : pow(u, w)
                case "min": return Swift.min(u, w)
                default: return Swift.max(u, w)
                }
            }
        }
    }
}
