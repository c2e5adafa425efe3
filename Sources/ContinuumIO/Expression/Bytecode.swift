/// The compiled form of a set of expressions: a flat list of register-machine instructions.
///
/// All values live in one register file of `Double`s laid out as
/// `[t, y₀ … yₙ₋₁, θ₀ … θₘ₋₁, s₀ … sₖ₋₁, temporaries…]` (`s` are the seeds of a derived program,
/// e.g. the cotangent `v`). Each instruction reads one or two registers or an immediate constant
/// and writes one register; constants never occupy registers. After the last instruction the
/// outputs are copied out of their registers; outputs that are constants are written straight
/// from the program, and outputs that are zero (most entries of a sparse Jacobian) by clearing
/// the output buffers first.
final class Bytecode: Sendable {
    /// The instructions, run in order.
    let instructions: [BytecodeInstruction]
    /// Outputs read from registers.
    let copies: [OutputCopy]
    /// Outputs that are nonzero constants.
    let constants: [OutputConstant]
    /// Number of outputs.
    let outputCount: Int
    /// Whether some outputs are zero, so the output buffers are cleared before the rest are written.
    let hasZeroOutputs: Bool
    /// Size of the register file (inputs and temporaries).
    let registerCount: Int
    /// Number of state components, parameters and seeds (the inputs after `t`).
    let stateCount: Int, parameterCount: Int, seedCount: Int

    init(
        instructions: [BytecodeInstruction], copies: [OutputCopy], constants: [OutputConstant], outputCount: Int,
        hasZeroOutputs: Bool, registerCount: Int, stateCount: Int, parameterCount: Int, seedCount: Int
    ) {
        self.instructions = instructions
        self.copies = copies
        self.constants = constants
        self.outputCount = outputCount
        self.hasZeroOutputs = hasZeroOutputs
        self.registerCount = registerCount
        self.stateCount = stateCount
        self.parameterCount = parameterCount
        self.seedCount = seedCount
    }

    /// Output `index` is register `register` at the end of the program.
    struct OutputCopy: Sendable {
        var index: Int32
        var register: Int32
    }

    /// Output `index` is the constant `value`.
    struct OutputConstant: Sendable {
        var index: Int32
        var value: Double
    }

    /// Register of the first state component.
    static let firstState = 1
    /// Register of the first parameter.
    var firstParameter: Int { 1 + stateCount }
    /// Register of the first seed.
    var firstSeed: Int { 1 + stateCount + parameterCount }
}

/// One instruction: `destination ← opcode(left, right | constant)`.
///
/// Operand suffixes name where operands come from: `RR` two registers, `RC` a register and the
/// immediate `constant` (in that order), `CR` the constant and then a register. Commutative
/// operations have no `CR` form. Superinstructions fuse two operations whose intermediate result
/// has no other use (`multiplySubtractRRR`: `left · right − third`); they round exactly as the two
/// separate operations would (no fused multiply-add).
struct BytecodeInstruction: Sendable {
    var opcode: BytecodeOpcode
    var destination: Int32
    var left: Int32
    var right: Int32
    var third: Int32 = 0
    var constant: Double = 0
}

/// The operations of the register machine.
enum BytecodeOpcode: UInt8, Sendable {
    case negate, sin, cos, tan, exp, log, sqrt, tanh, abs, sign
    case addRR, addRC
    case subtractRR, subtractRC, subtractCR
    case multiplyRR, multiplyRC
    case divideRR, divideRC, divideCR
    case powerRR, powerRC, powerCR
    case minimumRR, minimumRC, minimumCR
    case maximumRR, maximumRC, maximumCR
    case lessOrEqualRR, lessOrEqualRC, lessOrEqualCR
    // Superinstructions: two operations, two roundings, one dispatch.
    /// `left · right + third`
    case multiplyAddRRR
    /// `left · constant + right`
    case multiplyAddRCR
    /// `left · right − third`
    case multiplySubtractRRR
    /// `left · constant − right`
    case multiplySubtractRCR
    /// `third − left · right`
    case subtractProductRRR
    /// `right − left · constant`
    case subtractProductRCR
    /// `(left − right) · constant`
    case differenceMultiplyRRC
    /// `(left + right) · constant`
    case sumMultiplyRRC
}
