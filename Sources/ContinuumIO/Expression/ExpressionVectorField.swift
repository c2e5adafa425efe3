import ContinuumODE

/// A vector field `y' = f(t, y; θ)` written as text, compiled once to register-machine bytecode,
/// with exact derivatives from symbolic differentiation.
///
/// The right-hand side is one string of comma-separated expressions, one per state variable, in
/// the order of `variables`. Expressions use numbers (`2`, `0.5`, `1e-3`, `2.5E+4`), the state
/// variables, the time (`t` unless renamed), the parameters, `+ - * / ^` (`^` is right-associative
/// and binds tighter than a sign: `-x^2 = -(x^2)`), parentheses, and the functions `sin cos tan exp
/// log sqrt tanh abs` and the two-argument `pow min max`.
///
/// ```swift
/// let lotkaVolterra = try ExpressionVectorField(
///     rhs: "a*x - b*x*y, -c*y + d*x*y", variables: ["x", "y"],
///     parameterNames: ["a", "b", "c", "d"], parameterValues: [1.5, 1, 3, 1])
/// let problem = try ODEProblem(lotkaVolterra, y0: [1, 1], from: 0, to: 10)
/// let solution = try solve(problem, with: .tsit5)
/// ```
///
/// The text is parsed once into a graph with constants folded and common subexpressions shared,
/// and compiled to a flat register-machine program; the vector-Jacobian product and the Jacobian
/// are compiled the same way from symbolic derivatives of that graph, so they are exact up to
/// rounding. Evaluation allocates nothing and is thread-safe: the programs are immutable and each
/// call works in its own scratch registers (on the stack; for systems too large for 1 KiB of
/// registers, in a buffer owned by the calling thread). Arithmetic is performed as written — no
/// reassociation, only rewrites exact in IEEE arithmetic — so the field computes what a closure
/// with the same expression computes, bit for bit (except that `x^2` is the correctly rounded `x*x`).
public struct ExpressionVectorField: DifferentiableVectorField, Sendable {
    /// The state variables, in the order of the state vector.
    public let variables: [String]
    /// The parameter names, in the order of ``parameters``.
    public let parameterNames: [String]
    /// The name of the time variable.
    public let timeName: String
    /// The current parameter values.
    public private(set) var parameters: [Double]

    /// The compiled right-hand side, vector-Jacobian product (outputs: state then parameter
    /// product) and row-major Jacobian.
    let field: Bytecode, product: Bytecode, stateJacobian: Bytecode

    /// Parses and compiles `rhs`: one expression per variable, comma-separated.
    ///
    /// Throws an ``ExpressionError`` with the column of the problem for malformed text, unknown
    /// names or functions, wrong argument counts and a wrong number of expressions, and one with
    /// column 0 for invalid or clashing names (a variable named like a function or like the time),
    /// a parameter count mismatch or a non-finite parameter value.
    public init(
        rhs: String, variables: [String], parameterNames: [String] = [], parameterValues: [Double] = [],
        timeName: String = "t"
    ) throws(ExpressionError) {
        let symbols = try ExpressionSymbols(variables: variables, parameters: parameterNames, timeName: timeName)
        guard parameterValues.count == parameterNames.count else {
            throw ExpressionError(column: 0, message: "\(counted(parameterNames.count, "parameter name")) "
                + "but \(counted(parameterValues.count, "parameter value"))")
        }
        if let bad = parameterValues.firstIndex(where: { !$0.isFinite }) {
            throw ExpressionError(column: 0, message: "parameter '\(parameterNames[bad])' has the non-finite "
                + "value \(parameterValues[bad])")
        }
        let tokens = try ExpressionLexer.tokenize(rhs)
        var parser = ExpressionParser(tokens: tokens, symbols: symbols)
        let parsed = try parser.parseList()
        guard parsed.count == variables.count else {
            let column = parsed.count > variables.count ? parsed[variables.count].column : tokens.last!.column
            throw ExpressionError(column: column, message: "\(counted(parsed.count, "expression")) for "
                + "\(counted(variables.count, "variable")) (\(variables.joined(separator: ", "))); "
                + "give one expression per variable, separated by ','")
        }
        let roots = parsed.map(\.node)
        var graph = parser.graph
        let (n, m) = (variables.count, parameterNames.count)

        let seeds = (0..<n).map { graph.input(.seed, $0) }
        let (stateProduct, parameterProduct) = graph.adjoints(of: roots, seeds: seeds, stateCount: n, parameterCount: m)
        var rows: [Int32] = []
        for root in roots {
            rows += graph.adjoints(of: [root], seeds: [graph.constant(1)], stateCount: n, parameterCount: m).states
        }

        self.variables = variables
        self.parameterNames = parameterNames
        self.timeName = timeName
        self.parameters = parameterValues
        field = ExpressionCompiler.compile(graph, outputs: roots, stateCount: n, parameterCount: m, seedCount: 0)
        product = ExpressionCompiler.compile(
            graph, outputs: stateProduct + parameterProduct, stateCount: n, parameterCount: m, seedCount: n)
        stateJacobian = ExpressionCompiler.compile(graph, outputs: rows, stateCount: n, parameterCount: m, seedCount: 0)
    }

    /// A copy with other parameter values (in the order of ``parameterNames``; the count must not
    /// change). Nothing is recompiled.
    public func withParameters(_ values: [Double]) -> ExpressionVectorField {
        precondition(values.count == parameters.count, "expected \(parameters.count) parameter values, got \(values.count)")
        var copy = self
        copy.parameters = values
        return copy
    }

    /// Number of state variables.
    public var dimension: Int { variables.count }

    /// Number of parameters.
    public var parameterCount: Int { parameterNames.count }

    /// Writes `f(t, y; θ)` into `dy`.
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        parameters.withUnsafeBufferPointer { p in field.evaluate(t, y, p, seeds: nil, into: dy) }
    }

    /// Writes `vᵀ ∂f/∂y` into `stateProduct` and `vᵀ ∂f/∂θ` into `parameterProduct`, at `(t, y)`.
    public func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        parameters.withUnsafeBufferPointer { p in
            product.evaluate(t, y, p, seeds: v, into: stateProduct, rest: parameterProduct)
        }
    }

    /// Writes the exact Jacobian `∂f/∂y` at `(t, y)`, row-major (`∂fᵢ/∂yⱼ` at `i · dimension + j`).
    public func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) {
        parameters.withUnsafeBufferPointer { p in stateJacobian.evaluate(t, y, p, seeds: nil, into: jacobian) }
    }
}

/// `"1 variable"`, `"2 variables"`.
private func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
