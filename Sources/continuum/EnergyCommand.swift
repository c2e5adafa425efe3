import Continuum
import Foundation

/// `continuum energy`: the energy error of several methods on one Hamiltonian over time.
///
/// Every Hamiltonian, built-in or given with `--hamiltonian`, is compiled by the expression
/// language as the first component of a field over `(q, p)`, so its gradient is symbolic. It is
/// classified as separable or not by ``HamiltonianSystem/appearsSeparable(near:_:samples:radius:)``;
/// explicit splittings run only on separable ones. Non-symplectic methods come from the method
/// registry and run through the ODE driver at the same fixed step (adaptive ones with adaptivity
/// off), so every method takes the same steps.
enum EnergyCommand: Subcommand {
    static let name = "energy"
    static let summary = "Energy error over time of symplectic and other methods on a Hamiltonian (built-in or as text)."
    static let usage = """
        continuum energy (--problem kepler|pendulum|henon-heiles | --hamiltonian "p^2/2 - cos(q)") \
        [--q0 Q] [--p0 P] [--methods verlet,yoshida4,rk4,dopri5] [--t1 100] [--dt 0.01] \
        [--svg drift.svg] [--format table|json]
        """
    static let options = [
        OptionSpec(name: "problem", value: "NAME", help: "kepler (e = 0.6), pendulum or henon-heiles"),
        OptionSpec(name: "hamiltonian", value: "EXPR", help: "H in q, p (one degree of freedom) or q1…qn, p1…pn"),
        OptionSpec(name: "q0", value: "VALUES", help: "initial coordinates (required with --hamiltonian)"),
        OptionSpec(name: "p0", value: "VALUES", help: "initial momenta (required with --hamiltonian)"),
        OptionSpec(name: "methods", value: "NAMES", help: "methods to compare (default: verlet,yoshida4,rk4,dopri5; gauss4,gauss6,rk4 for non-separable H)"),
        OptionSpec(name: "t1", value: "T", help: "final time (default 100; the start is 0)"),
        OptionSpec(name: "dt", value: "H", help: "fixed step for every method, adaptive ones with their step control off (default 0.01)"),
        OptionSpec(name: "svg", value: "FILE.svg", help: "plot |H − H0| against t, log scale, one line per method"),
        OptionSpec(name: "format", value: "table|json", help: "output format (default table)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    /// Built-in problems: the Hamiltonian as text and the initial state.
    static let problems: [String: (hamiltonian: String, q0: [Double], p0: [Double])] = [
        "kepler": ("(p1^2 + p2^2)/2 - 1/sqrt(q1^2 + q2^2)", [0.4, 0], [0, 2]),
        "pendulum": ("p^2/2 - cos(q)", [1], [0]),
        "henon-heiles": ("(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3", [0, 0.1], [0.4, 0]),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let (text, q0, p0) = try hamiltonianAndState(arguments)
        let hamiltonian = try compile(text, degreesOfFreedom: q0.count)
        let t1 = try arguments.number("t1") ?? 100
        let dt = try arguments.number("dt") ?? 0.01
        guard t1 > 0 else { throw UsageError("--t1 must be positive (the start is 0), got \(t1)") }
        guard dt > 0, dt <= t1 else { throw UsageError("--dt must be positive and at most --t1, got \(dt)") }
        let problem: PartitionedProblem<ScalarFieldHamiltonian<ExpressionVectorField>>
        do {
            problem = try PartitionedProblem(hamiltonian, q0: q0, p0: p0, from: 0, to: t1)
        } catch {
            throw UsageError(error.description)
        }
        let separable = hamiltonian.appearsSeparable(near: q0, p0)
        let names = try arguments.names("methods")
            ?? (separable ? ["verlet", "yoshida4", "rk4", "dopri5"] : ["gauss4", "gauss6", "rk4"])
        var drifts: [(family: String, drift: EnergyDrift)] = []
        for name in names {
            if let method = SplittingMethod.named(name) {
                guard separable else {
                    printError("continuum energy: skipping \(name): H is not separable (∂H/∂q depends on p or ∂H/∂p on q), so explicit splittings do not apply; use gauss4, gauss6 or midpoint-implicit")
                    continue
                }
                drifts.append(("symplectic splitting", try measure { () throws(ODEError) in
                    try EnergyDrift.measure(problem, method: method, stepSize: dt) }))
            } else if let method = CollocationMethod.named(name) {
                drifts.append(("implicit symplectic", try measure { () throws(ODEError) in
                    try EnergyDrift.measure(problem, method: method, stepSize: dt) }))
            } else if let entry = MethodRegistry.named(name), let solver = odeSolver(named: entry.name) {
                drifts.append((entry.family, try measure { () throws(ODEError) in
                    try EnergyDrift.measure(problem, solver: solver, stepSize: dt) }))
            } else {
                let known = (SplittingMethod.all.map(\.name) + CollocationMethod.all.map(\.name)
                    + MethodRegistry.all.map(\.name).filter { odeSolver(named: $0) != nil }).joined(separator: ", ")
                throw UsageError("--methods: unknown method '\(name)' (known: \(known))")
            }
        }
        guard !drifts.isEmpty else { throw UsageError("--methods: none of the methods applies to this Hamiltonian") }
        switch arguments["format"] ?? "table" {
        case "table": print(table(drifts, hamiltonian: text, separable: separable))
        case "json": print(json(drifts))
        case let other: throw UsageError("--format: unknown format '\(other)' (expected table or json)")
        }
        if let path = arguments["svg"] { try plot(drifts.map(\.drift), hamiltonian: text, to: path) }
        let failed = drifts.filter { !$0.drift.status.isSuccess }
        for (_, drift) in failed { printError("continuum energy: \(drift.method) stopped early: \(drift.status.rawValue)") }
        return failed.isEmpty ? 0 : 1
    }

    /// The Hamiltonian text and initial state from `--problem` or `--hamiltonian` with `--q0 --p0`.
    static func hamiltonianAndState(_ arguments: ParsedArguments) throws(UsageError) -> (String, [Double], [Double]) {
        switch (arguments["problem"], arguments["hamiltonian"]) {
        case let (name?, nil):
            guard let problem = problems[name] else {
                throw UsageError("--problem: unknown problem '\(name)' (known: \(problems.keys.sorted().joined(separator: ", ")))")
            }
            let q0 = try arguments.numbers("q0") ?? problem.q0
            let p0 = try arguments.numbers("p0") ?? problem.p0
            guard q0.count == problem.q0.count, p0.count == problem.p0.count else {
                throw UsageError("--q0 and --p0 need \(problem.q0.count) values each for \(name)")
            }
            return (problem.hamiltonian, q0, p0)
        case let (nil, text?):
            guard let q0 = try arguments.numbers("q0"), let p0 = try arguments.numbers("p0") else {
                throw UsageError("--hamiltonian needs --q0 and --p0 (the initial state)")
            }
            guard q0.count == p0.count else { throw UsageError("--q0 has \(q0.count) values but --p0 has \(p0.count)") }
            return (text, q0, p0)
        case (nil, nil): throw UsageError("give --problem or --hamiltonian")
        default: throw UsageError("give either --problem or --hamiltonian, not both")
        }
    }

    /// `H` compiled as the field `(H, 0, …, 0)` over `q, p` (one degree of freedom; `q1, p1` also
    /// accepted) or `q1…qn, p1…pn`.
    static func compile(_ text: String, degreesOfFreedom n: Int) throws(UsageError) -> ScalarFieldHamiltonian<ExpressionVectorField> {
        let rhs = ([text] + Array(repeating: "0", count: 2 * n - 1)).joined(separator: ", ")
        let numbered = (1...n).map { "q\($0)" } + (1...n).map { "p\($0)" }
        var firstError: ExpressionError?
        for variables in n == 1 ? [["q", "p"], numbered] : [numbered] {
            do {
                return ScalarFieldHamiltonian(try ExpressionVectorField(rhs: rhs, variables: variables))
            } catch {
                firstError = firstError ?? error
            }
        }
        throw UsageError("--hamiltonian: \(firstError!) (coordinates are \(n == 1 ? "q, p or q1, p1" : "q1…q\(n), p1…p\(n)"))")
    }

    /// The ODE solver value behind a registry name, for fields other than text right-hand sides.
    static func odeSolver(named name: String) -> (any ODESolver)? {
        if name == MethodRegistry.automatic.name { return AutoSwitching.autoTsit5Rodas5P }
        let solvers: [any ODESolver] = ExplicitRungeKutta.all + RosenbrockMethod.all + ESDIRKMethod.all
            + [RadauIIA5.radau5, BDFMethod.bdf, BDFMethod.ndf]
        return solvers.first { $0.name == name }
    }

    static func measure(_ body: () throws(ODEError) -> EnergyDrift) throws(UsageError) -> EnergyDrift {
        do {
            return try body()
        } catch {
            throw UsageError(error.description)
        }
    }

    static func table(_ drifts: [(family: String, drift: EnergyDrift)], hamiltonian: String, separable: Bool) -> String {
        let header = ["method", "family", "steps", "max |ΔH|", "first tenth", "last tenth", "last/first"]
        let format = { (x: Double) in String(format: "%.3e", x) }
        let rows = drifts.map { family, drift in
            let s = drift.summary
            return [s.method, family, String(s.steps), format(s.maxError), format(s.maxErrorFirstTenth),
                    format(s.maxErrorLastTenth), String(format: "%.2f", s.growth)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let lines = ([header] + rows).map { cells in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return (["H = \(hamiltonian)   (\(separable ? "separable" : "not separable"))", ""] + lines).joined(separator: "\n")
    }

    static func json(_ drifts: [(family: String, drift: EnergyDrift)]) -> String {
        let rows = drifts.map { family, drift in
            let s = drift.summary
            return JSONText.object([
                ("name", JSONText.string(s.method)), ("family", JSONText.string(family)),
                ("max_energy_error", JSONText.number(s.maxError)),
                ("max_error_first_tenth", JSONText.number(s.maxErrorFirstTenth)),
                ("max_error_last_tenth", JSONText.number(s.maxErrorLastTenth)),
                ("steps", String(s.steps)), ("status", JSONText.string(drift.status.rawValue)),
            ])
        }
        return JSONText.object([("methods", "[" + rows.joined(separator: ",") + "]")])
    }

    /// `|H − H0|` against `t` on a log scale; long series are thinned to the largest error in each
    /// of 2000 buckets (so peaks survive) and zero errors, which a log axis cannot show, are dropped.
    static func plot(_ drifts: [EnergyDrift], hamiltonian: String, to path: String) throws(UsageError) {
        var plot = LinePlot(title: "Energy error, H = \(hamiltonian)", xLabel: "t", yLabel: "|H − H₀|")
        plot.yScale = .logarithmic
        for drift in drifts {
            let bucket = max(1, drift.times.count / 2000)
            var (x, y) = ([Double](), [Double]())
            for start in stride(from: 0, to: drift.times.count, by: bucket) {
                let range = start..<min(start + bucket, drift.times.count)
                guard let k = range.max(by: { drift.errors[$0] < drift.errors[$1] }),
                      drift.errors[k] > 0, drift.errors[k].isFinite else { continue }
                x.append(drift.times[k])
                y.append(drift.errors[k])
            }
            if !x.isEmpty { plot.addLine(x: x, y: y, label: drift.method) }
        }
        do {
            try plot.write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("--svg: \(error)")
        }
    }
}
