import Continuum
import Foundation

/// The validated options of `continuum sde`, and the solve, output and plot they ask for.
struct SDERequest {
    let drift: ExpressionVectorField
    let diffusion: ExpressionDiffusion
    let variables: [String]
    let y0: [Double]
    let t0: Double, t1: Double, dt: Double
    let paths: Int
    let method: String
    let interpretation: SDEInterpretation
    let seed: UInt64
    let brownian: BrownianSource
    let json: Bool
    let plotPath: String?

    static let methods = ["em", "milstein", "heun", "sri", "sra", "reversible-heun"]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let driftText = arguments["drift"] else { throw UsageError("missing --drift (the drift f)") }
        guard let diffusionText = arguments["diffusion"] else { throw UsageError("missing --diffusion (the diffusion g)") }
        guard let y0 = try arguments.numbers("y0") else { throw UsageError("missing --y0 (the initial state)") }
        guard let t1 = try arguments.number("t1") else { throw UsageError("missing --t1 (the final time)") }
        guard let dt = try arguments.number("dt") else { throw UsageError("missing --dt (the step size)") }
        self.y0 = y0
        self.t1 = t1
        t0 = try arguments.number("t0") ?? 0
        guard t1 > t0 else { throw UsageError("--t1 (\(t1)) must be greater than --t0 (\(t0))") }
        guard dt > 0 else { throw UsageError("--dt must be positive, got \(dt)") }
        self.dt = dt
        variables = try arguments.names("vars") ?? y0.indices.map { "y\($0)" }
        guard variables.count == y0.count else {
            throw UsageError("--y0 has \(y0.count) values but there are \(variables.count) variables (\(variables.joined(separator: ",")))")
        }
        let (names, values) = try SolveRequest.parameters(arguments["params"])
        do {
            drift = try ExpressionVectorField(rhs: driftText, variables: variables, parameterNames: names, parameterValues: values)
        } catch {
            throw UsageError("--drift: \(error)")
        }
        do {
            diffusion = ExpressionDiffusion(try ExpressionVectorField(
                rhs: diffusionText, variables: variables, parameterNames: names, parameterValues: values))
        } catch {
            throw UsageError("--diffusion: \(error)")
        }
        if let text = arguments["paths"] {
            guard let n = Int(text), n > 0 else { throw UsageError("--paths: '\(text)' is not a positive integer") }
            paths = n
        } else {
            paths = 1000
        }
        method = arguments["method"] ?? "em"
        guard Self.methods.contains(method) else {
            throw UsageError("--method: unknown method '\(method)' (known: \(Self.methods.joined(separator: ", ")))")
        }
        let own: SDEInterpretation = ["heun", "reversible-heun"].contains(method) ? .stratonovich : .ito
        if let text = arguments["interpretation"] {
            guard let chosen = SDEInterpretation(rawValue: text) else {
                throw UsageError("--interpretation: '\(text)' is not ito or stratonovich")
            }
            interpretation = chosen
        } else {
            interpretation = own
        }
        if interpretation != own && !["milstein", "sra"].contains(method) {
            throw UsageError("--method \(method) solves \(own.rawValue) SDEs; use milstein for both, or --interpretation \(own.rawValue)")
        }
        if let text = arguments["seed"] {
            guard let s = UInt64(text) else { throw UsageError("--seed: '\(text)' is not a non-negative integer") }
            seed = s
        } else {
            seed = 0
        }
        switch arguments["brownian"] ?? "sequential" {
        case "sequential": brownian = .sequential
        case "tree": brownian = .tree(tolerance: dt / 16)
        case let other: throw UsageError("--brownian: '\(other)' is not sequential or tree")
        }
        switch arguments["format"] ?? "text" {
        case "text": json = false
        case "json": json = true
        case let other: throw UsageError("--format: unknown format '\(other)' (expected text or json)")
        }
        plotPath = arguments["plot"]
    }

    /// Solves the ensemble; problems a method cannot solve become usage errors.
    func solve() throws(UsageError) -> EnsembleResult {
        do {
            let problem = try SDEProblem(
                drift: drift, diffusion: diffusion, noise: .diagonal, isAdditive: diffusion.isStateIndependent(at: y0),
                y0: y0, from: t0, to: t1)
            let keep = plotPath == nil ? 0 : min(paths, 20)
            func run<S: SDEScheme>(_ scheme: S) throws(SDEError) -> EnsembleResult {
                try solveEnsemble(problem, with: scheme, paths: paths, key: RandomKey(seed: seed), brownian: brownian,
                                  options: SDESolveOptions(stepSize: dt), keepingPaths: keep)
            }
            switch method {
            case "em": return try run(EulerMaruyama())
            case "milstein": return try run(Milstein(interpretation))
            case "heun": return try run(EulerHeun())
            case "sri": return try run(StochasticRungeKuttaSRI(.sriw1))
            case "sra": return try run(StochasticRungeKuttaSRA(.sra1))
            default: return try run(ReversibleHeun())
            }
        } catch {
            throw UsageError(error.description)
        }
    }

    func render(_ result: EnsembleResult) -> String {
        let s = result.statistics
        if json {
            return JSONText.object([
                ("mean", JSONText.array(result.mean)), ("variance", JSONText.array(result.variance)),
                ("paths", String(result.paths)), ("variables", "[" + variables.map(JSONText.string).joined(separator: ",") + "]"),
                ("method", JSONText.string(method)), ("interpretation", JSONText.string(interpretation.rawValue)),
                ("stats", JSONText.object([
                    ("accepted_steps", String(s.acceptedSteps)), ("rejected_steps", String(s.rejectedSteps)),
                    ("drift_evaluations", String(s.driftEvaluations)),
                    ("diffusion_evaluations", String(s.diffusionEvaluations)), ("failed_paths", String(result.failures)),
                ])),
            ]) + "\n"
        }
        var lines = ["# continuum sde: \(method) (\(interpretation.rawValue)), \(result.paths) paths, t0 = \(t0), t1 = \(t1), dt = \(dt), seed = \(seed)",
                     "variable,mean,variance"]
        for (index, name) in variables.enumerated() {
            lines.append("\(name),\(result.mean[index]),\(result.variance[index])")
        }
        lines.append("# accepted steps \(s.acceptedSteps), rejected steps \(s.rejectedSteps), drift evaluations "
            + "\(s.driftEvaluations), diffusion evaluations \(s.diffusionEvaluations), failed paths \(result.failures)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Up to 20 sample paths of every variable against t, one colour per variable.
    func plot(_ result: EnsembleResult, to path: String) throws(UsageError) {
        var plot = LinePlot(title: "\(result.keptPaths.count) sample paths (\(method))", xLabel: "t", yLabel: "state")
        for (pathIndex, solution) in result.keptPaths.enumerated() {
            for (index, name) in variables.enumerated() {
                let values = (0..<solution.count).map { solution.storage[$0 * solution.dimension + index] }
                plot.addLine(x: solution.times, y: values, label: pathIndex == 0 ? name : nil,
                             color: Self.palette[index % Self.palette.count])
            }
        }
        do {
            try plot.write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("--plot: \(error)")
        }
    }

    static let palette = ["1f77b4", "d62728", "2ca02c", "9467bd", "ff7f0e", "8c564b"].compactMap { Color(hex: $0) }
}

/// A diagonal-noise diffusion written as text: `gᵢ` is expression `i`; Milstein's `L¹g` comes from
/// the exact symbolic Jacobian (`gᵢ ∂gᵢ/∂yᵢ`).
struct ExpressionDiffusion: DiffusionField, Sendable {
    let field: ExpressionVectorField

    init(_ field: ExpressionVectorField) { self.field = field }

    var dimension: Int { field.dimension }

    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        field.evaluate(t, y, g)
    }

    func derivativeAlongDiffusion(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
        _ out: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        let n = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { jacobian in
            field.jacobian(t, y, jacobian)
            for i in 0..<n { out[i] = g[i] * jacobian[i * n + i] }
        }
        return true
    }

    /// Whether the exact Jacobian vanishes at `y0` and at two other fixed points (a state-dependent
    /// expression has a nonzero symbolic derivative, which these generic points would reveal).
    func isStateIndependent(at y0: [Double]) -> Bool {
        let n = dimension
        var jacobian = [Double](repeating: 0, count: n * n)
        for shift in [0.0, 0.731, -1.379] {
            let y = y0.enumerated().map { $0.element + shift * Double($0.offset + 1) }
            y.withUnsafeBufferPointer { yb in
                jacobian.withUnsafeMutableBufferPointer { field.jacobian(0.37, yb, $0) }
            }
            if jacobian.contains(where: { $0 != 0 }) { return false }
        }
        return true
    }
}
