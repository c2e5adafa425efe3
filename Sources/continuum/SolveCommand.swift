import Continuum
import Foundation

/// `continuum solve`: an ODE given as text, solved and printed as CSV or JSON (optionally plotted).
enum SolveCommand: Subcommand {
    static let name = "solve"
    static let summary = """
        Solve y' = f(t, y) with the right-hand side written as text: one expression per state variable, \
        separated by commas, in numbers, the variables, t, parameters, + - * / ^, parentheses and \
        sin cos tan exp log sqrt tanh abs pow min max.
        """
    static let usage = """
        continuum solve --rhs "10*(y-x), x*(28-z)-y, x*y-8/3*z" --vars x,y,z --y0 1,0,0 --t1 20 \
        [--t0 0] [--params a=1,b=2] [--times 0.1,0.2,...] [--method tsit5] [--rtol 1e-6] [--atol 1e-9] \
        [--dt H] [--format csv|json] [--output FILE] [--plot FILE.svg]
        """
    static let options = [
        OptionSpec(name: "rhs", value: "EXPRS", help: "right-hand side, one expression per variable, comma-separated"),
        OptionSpec(name: "vars", value: "NAMES", help: "state variable names (default y0,y1,...)"),
        OptionSpec(name: "params", value: "NAME=VALUE,...", help: "parameters used in the expressions"),
        OptionSpec(name: "y0", value: "VALUES", help: "initial state, comma-separated"),
        OptionSpec(name: "t0", value: "T", help: "initial time (default 0)"),
        OptionSpec(name: "t1", value: "T", help: "final time (may be less than t0)"),
        OptionSpec(name: "times", value: "T,...", help: "save only at these times (default: every step)"),
    ] + CommonOptions.solver + [
        OptionSpec(name: "format", value: "csv|json", help: "output format (default csv)"),
        OptionSpec(name: "output", value: "FILE", help: "write the output to FILE (atomically) instead of stdout"),
        OptionSpec(name: "plot", value: "FILE.svg", help: "also plot every variable against t as SVG"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let request = try SolveRequest(arguments)
        let field: ExpressionVectorField
        do {
            field = try ExpressionVectorField(
                rhs: request.rhs, variables: request.variables, parameterNames: request.parameterNames,
                parameterValues: request.parameterValues)
        } catch {
            throw UsageError("--rhs: \(error)")
        }
        let solution = try solveOrReport(field, request)
        let text = request.format.render(solution, variables: request.variables)
        if let path = request.outputPath {
            try AtomicFile.write(text, to: path)
        } else {
            print(text, terminator: "")
        }
        if let path = request.plotPath {
            try SolutionPlot.write(solution, variables: request.variables, to: path)
        }
        guard solution.status.isSuccess else {
            printError("continuum: solve failed: \(solution.status.rawValue): \(solution.message ?? "")")
            return 1
        }
        return 0
    }
}

/// Solves the request; API misuse the request's validation did not catch becomes a usage error.
func solveOrReport(_ field: ExpressionVectorField, _ request: SolveRequest) throws(UsageError) -> Solution {
    let problem: ODEProblem<ExpressionVectorField>
    do {
        problem = try ODEProblem(field, y0: request.y0, from: request.t0, to: request.t1)
    } catch {
        throw UsageError(error.description)
    }
    do {
        return try request.method.solve(problem, request.options)
    } catch let error as ODEError {
        throw UsageError(error.description)
    } catch {
        throw UsageError("\(error)")
    }
}

/// The validated options of `continuum solve`.
struct SolveRequest {
    let rhs: String
    let variables: [String]
    let parameterNames: [String]
    let parameterValues: [Double]
    let y0: [Double]
    let t0: Double
    let t1: Double
    let method: MethodEntry
    let options: SolverOptions
    let format: SolutionFormat
    let outputPath: String?
    let plotPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard let rhs = arguments["rhs"] else { throw UsageError("missing --rhs (the right-hand side)") }
        guard let y0 = try arguments.numbers("y0") else { throw UsageError("missing --y0 (the initial state)") }
        guard let t1 = try arguments.number("t1") else { throw UsageError("missing --t1 (the final time)") }
        self.rhs = rhs
        self.y0 = y0
        self.t1 = t1
        t0 = try arguments.number("t0") ?? 0
        guard t0 != t1 else { throw UsageError("--t1 equals --t0 (\(t0)): the time span is empty") }
        variables = try arguments.names("vars") ?? y0.indices.map { "y\($0)" }
        guard variables.count == y0.count else {
            throw UsageError("--y0 has \(y0.count) values but there are \(variables.count) variables (\(variables.joined(separator: ",")))")
        }
        (parameterNames, parameterValues) = try Self.parameters(arguments["params"])

        method = try MethodRegistry.method(arguments)
        var options = try SolverOptions(arguments, method: method)
        if let times = try arguments.numbers("times") {
            let direction: Double = t1 > t0 ? 1 : -1
            for t in times where direction * (t - t0) < 0 || direction * (t1 - t) < 0 {
                throw UsageError("--times: \(t) lies outside [\(min(t0, t1)), \(max(t0, t1))]")
            }
            for (a, b) in zip(times, times.dropFirst()) where direction * (b - a) < 0 {
                throw UsageError("--times must be ordered from --t0 towards --t1 (\(a) then \(b))")
            }
            options.saveAt = times
        }
        self.options = options
        let formatName = arguments["format"] ?? "csv"
        guard let format = SolutionFormat(rawValue: formatName) else {
            throw UsageError("--format: unknown format '\(formatName)' (expected csv or json)")
        }
        self.format = format
        outputPath = arguments["output"]
        plotPath = arguments["plot"]
    }

    /// `name=value,name=value` → names and values.
    static func parameters(_ text: String?) throws(UsageError) -> ([String], [Double]) {
        guard let text, !text.isEmpty else { return ([], []) }
        var names: [String] = []
        var values: [Double] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw UsageError("--params: '\(item)' is not of the form name=value")
            }
            guard !names.contains(parts[0]) else { throw UsageError("--params: '\(parts[0])' given twice") }
            names.append(parts[0])
            values.append(try ParsedArguments.parseNumber(parts[1], option: "params"))
        }
        return (names, values)
    }
}
