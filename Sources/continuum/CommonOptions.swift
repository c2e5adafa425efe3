import Continuum

/// Options shared by the commands that solve: `--method`, `--rtol`, `--atol`, `--dt`, `--max-steps`.
enum CommonOptions {
    static let solver = [
        OptionSpec(name: "method", value: "NAME", help: "integration method (default tsit5; see `continuum methods`)"),
        OptionSpec(name: "rtol", value: "R", help: "relative tolerance (default 1e-6)"),
        OptionSpec(name: "atol", value: "A", help: "absolute tolerance (default 1e-9)"),
        OptionSpec(name: "dt", value: "H", help: "fixed step size (required by fixed-step methods)"),
        OptionSpec(name: "max-steps", value: "N", help: "maximum number of steps (default 100000)"),
    ]
}

extension MethodRegistry {
    /// The method `--method` names (default tsit5).
    static func method(_ arguments: ParsedArguments) throws(UsageError) -> MethodEntry {
        let methodName = arguments["method"] ?? "tsit5"
        guard let method = named(methodName) else {
            let known = all.map(\.name).joined(separator: ", ")
            throw UsageError("--method: unknown method '\(methodName)' (known: \(known))")
        }
        return method
    }
}

extension SolverOptions {
    /// Tolerances, fixed step and step limit from `--rtol`, `--atol`, `--dt` and `--max-steps`.
    init(_ arguments: ParsedArguments, method: MethodEntry) throws(UsageError) {
        self.init(
            relativeTolerance: try arguments.number("rtol") ?? 1e-6,
            absoluteTolerance: try arguments.number("atol") ?? 1e-9)
        guard tolerance.isValid else { throw UsageError("--rtol/--atol must be non-negative and not both zero") }
        fixedStepSize = try arguments.number("dt")
        if let dt = fixedStepSize, dt <= 0 { throw UsageError("--dt must be positive, got \(dt)") }
        if !method.isAdaptive && fixedStepSize == nil {
            throw UsageError("--method \(method.name) takes fixed steps: give --dt")
        }
        if let text = arguments["max-steps"] {
            guard let n = Int(text), n > 0 else { throw UsageError("--max-steps: '\(text)' is not a positive integer") }
            maximumSteps = n
        }
    }
}
