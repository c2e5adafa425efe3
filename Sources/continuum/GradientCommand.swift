import Continuum
import Foundation

/// `continuum gradient`: the gradient of a loss of a text-defined ODE's solution with respect to its
/// parameters and initial state, by any sensitivity method.
enum GradientCommand: Subcommand {
    static let name = "gradient"
    static let summary = """
        Differentiate L = sum over the loss times and components of y^2 (--loss sumsq) with respect to \
        the parameters and y0, by forward sensitivities or an adjoint. The solve runs from --t0 to the \
        last of --times.
        """
    static let usage = """
        continuum gradient --rhs "a*x-b*x*y, -c*y+d*x*y" --vars x,y --params a=1.5,b=1,c=3,d=1 --y0 1,1 \
        --times 1,2,3 [--t0 0] [--loss sumsq] [--method tsit5] \
        [--sensitivity forward|discrete|backsolve|interpolating|quadrature] [--checkpoints K] [--full-norm] \
        [--rtol 1e-6] [--atol 1e-9] [--dt H] [--format text|json]
        """
    static let options = [
        OptionSpec(name: "rhs", value: "EXPRS", help: "right-hand side, one expression per variable, comma-separated"),
        OptionSpec(name: "vars", value: "NAMES", help: "state variable names (default y0,y1,...)"),
        OptionSpec(name: "params", value: "NAME=VALUE,...", help: "parameters to differentiate"),
        OptionSpec(name: "y0", value: "VALUES", help: "initial state, comma-separated"),
        OptionSpec(name: "t0", value: "T", help: "initial time (default 0)"),
        OptionSpec(name: "times", value: "T,...", help: "loss times, ordered away from --t0"),
        OptionSpec(name: "loss", value: "sumsq", help: "the loss (sumsq: sum of y^2 over times and components)"),
        OptionSpec(name: "sensitivity", value: "METHOD", help: "forward, discrete, backsolve, interpolating or quadrature (default interpolating)"),
        OptionSpec(name: "checkpoints", value: "K", help: "discrete adjoint: keep K states (binomial checkpointing) instead of all"),
        OptionSpec(name: "full-norm", value: nil, help: "backsolve/interpolating: control the error of the parameter gradient too (no seminorm)"),
    ] + CommonOptions.solver + [
        OptionSpec(name: "format", value: "text|json", help: "output format (default text)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        guard let rhs = arguments["rhs"] else { throw UsageError("missing --rhs (the right-hand side)") }
        guard let y0 = try arguments.numbers("y0") else { throw UsageError("missing --y0 (the initial state)") }
        guard let times = try arguments.numbers("times"), !times.isEmpty else {
            throw UsageError("missing --times (the loss times)")
        }
        let t0 = try arguments.number("t0") ?? 0
        let variables = try arguments.names("vars") ?? y0.indices.map { "y\($0)" }
        guard variables.count == y0.count else {
            throw UsageError("--y0 has \(y0.count) values but there are \(variables.count) variables")
        }
        let (parameterNames, parameterValues) = try SolveRequest.parameters(arguments["params"])
        let loss = arguments["loss"] ?? "sumsq"
        guard loss == "sumsq" else { throw UsageError("--loss: unknown loss '\(loss)' (known: sumsq)") }
        let sensitivity = try Self.sensitivity(arguments)
        let method = try MethodRegistry.method(arguments)
        let options = try SolverOptions(arguments, method: method)
        let format = arguments["format"] ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError("--format: unknown format '\(format)' (expected text or json)")
        }
        let field: ExpressionVectorField
        do {
            field = try ExpressionVectorField(
                rhs: rhs, variables: variables, parameterNames: parameterNames, parameterValues: parameterValues)
        } catch {
            throw UsageError("--rhs: \(error)")
        }
        let result: GradientResult
        do {
            let problem = try ODEProblem(field, y0: y0, from: t0, to: times.last!)
            result = try method.gradient(problem, options, times, sensitivity)
        } catch let error as ODEError {
            throw UsageError(error.description)
        } catch let error as SensitivityError {
            switch error {
            case .invalidProblem, .invalidTimes, .unsupported: throw UsageError(error.description)
            default:
                printError("continuum gradient: \(error)")
                return 1
            }
        }
        print(format == "json" ? json(result, parameterNames) : text(result, parameterNames, variables))
        return 0
    }

    static func sensitivity(_ arguments: ParsedArguments) throws(UsageError) -> SensitivityMethod {
        let name = arguments["sensitivity"] ?? "interpolating"
        let seminorm = !arguments.has("full-norm")
        var checkpointing = Checkpointing.all
        if let text = arguments["checkpoints"] {
            guard let k = Int(text), k >= 1 else { throw UsageError("--checkpoints: '\(text)' is not a positive integer") }
            guard name == "discrete" else { throw UsageError("--checkpoints applies to --sensitivity discrete") }
            checkpointing = .binomial(checkpoints: k)
        }
        switch name {
        case "forward": return .forward
        case "discrete": return .discrete(checkpointing: checkpointing)
        case "backsolve": return .backsolve(seminorm: seminorm)
        case "interpolating": return .interpolating(seminorm: seminorm)
        case "quadrature": return .quadrature
        default:
            throw UsageError("--sensitivity: unknown method '\(name)' (known: forward, discrete, backsolve, interpolating, quadrature)")
        }
    }

    static func statistics(_ s: GradientStatistics) -> [(String, String)] {
        [
            ("nfe_forward", JSONText.number(Double(s.forward.functionEvaluations))),
            ("nfe_backward", JSONText.number(Double(s.backward.functionEvaluations))),
            ("steps_forward", JSONText.number(Double(s.forward.acceptedSteps))),
            ("rejected_forward", JSONText.number(Double(s.forward.rejectedSteps))),
            ("steps_backward", JSONText.number(Double(s.backward.acceptedSteps))),
            ("rejected_backward", JSONText.number(Double(s.backward.rejectedSteps))),
            ("vjps", JSONText.number(Double(s.vectorJacobianProducts))),
            ("recomputed_steps", JSONText.number(Double(s.recomputedSteps))),
            ("stored_states", JSONText.number(Double(s.storedStates))),
        ]
    }

    static func json(_ result: GradientResult, _ names: [String]) -> String {
        JSONText.object([
            ("loss", JSONText.number(result.loss)),
            ("gradient", JSONText.object(zip(names, result.parameterGradient.map(JSONText.number)).map { ($0, $1) })),
            ("gradient_y0", JSONText.array(result.initialStateGradient)),
            ("stats", JSONText.object(statistics(result.statistics))),
        ])
    }

    static func text(_ result: GradientResult, _ names: [String], _ variables: [String]) -> String {
        var lines = ["loss \(result.loss)"]
        for (name, value) in zip(names, result.parameterGradient) { lines.append("dL/d\(name) \(value)") }
        for (name, value) in zip(variables, result.initialStateGradient) { lines.append("dL/d\(name)(t0) \(value)") }
        lines.append(statistics(result.statistics).map { "\($0) \($1)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
