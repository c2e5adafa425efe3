import Continuum
import Foundation

/// `continuum work-precision`: methods compared on one problem over a sweep of tolerances: error
/// against a tight-tolerance reference, median wall time and function evaluations, as a table,
/// CSV and log-log SVG diagrams.
enum WorkPrecisionCommand: Subcommand {
    static let name = "work-precision"
    static let summary = """
        Work-precision diagrams: each method solves a problem over a sweep of tolerances; error against \
        a tight reference, median time and evaluations as a table, CSV and SVG (log-log).
        """
    static let usage = """
        continuum work-precision --problem lorenz|robertson|vanderpol|arenstorf | --rhs EXPRS --vars NAMES --y0 VALUES --t1 T \
        [--t0 T] [--params a=1,...] [--times T,...] [--methods a,b,...] [--rtols R,...] [--atol-ratio Q] \
        [--repeats N] [--reference NAME] [--svg FILE.svg] [--csv FILE.csv]
        """
    static let options = [
        OptionSpec(name: "problem", value: "NAME", help: "a built-in problem: \(WorkPrecisionProblem.all.map(\.name).joined(separator: ", "))"),
        OptionSpec(name: "rhs", value: "EXPRS", help: "or a right-hand side as text (as for `continuum solve`)"),
        OptionSpec(name: "vars", value: "NAMES", help: "state variable names for --rhs (default y0,y1,...)"),
        OptionSpec(name: "params", value: "NAME=VALUE,...", help: "parameters used in --rhs"),
        OptionSpec(name: "y0", value: "VALUES", help: "initial state for --rhs"),
        OptionSpec(name: "t0", value: "T", help: "initial time for --rhs (default 0)"),
        OptionSpec(name: "t1", value: "T", help: "final time for --rhs"),
        OptionSpec(name: "times", value: "T,...", help: "times at which errors are measured (default: 10 equally spaced)"),
        OptionSpec(name: "methods", value: "NAMES", help: "adaptive methods to compare (default depends on the problem)"),
        OptionSpec(name: "rtols", value: "R,...", help: "relative tolerances (default per problem, e.g. 1e-3 … 1e-10)"),
        OptionSpec(name: "atol-ratio", value: "Q", help: "absolute tolerance = Q × relative tolerance (default per problem)"),
        OptionSpec(name: "repeats", value: "N", help: "timed solves per point, median reported (default 5; fewer beyond 2 s)"),
        OptionSpec(name: "reference", value: "NAME", help: "method of the reference solve at rtol 1e-13 (default dop853, radau5 for stiff problems)"),
        OptionSpec(name: "svg", value: "FILE.svg", help: "write error-vs-time and error-vs-evaluations diagrams"),
        OptionSpec(name: "csv", value: "FILE.csv", help: "write every measurement as CSV"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let problem = try WorkPrecisionRequest.problem(arguments)
        let field: ExpressionVectorField
        do {
            field = try ExpressionVectorField(
                rhs: problem.rhs, variables: problem.variables, parameterNames: problem.parameters.map(\.0),
                parameterValues: problem.parameters.map(\.1))
        } catch {
            throw UsageError("--rhs: \(error)")
        }
        let odeProblem: ODEProblem<ExpressionVectorField>
        do {
            odeProblem = try ODEProblem(field, y0: problem.y0, from: problem.t0, to: problem.t1)
        } catch {
            throw UsageError(error.description)
        }
        let methods = try (arguments.names("methods") ?? problem.methods).map(WorkPrecisionRequest.method)
        let rtols = try arguments.numbers("rtols") ?? problem.relativeTolerances
        let ratio = try arguments.number("atol-ratio") ?? problem.atolRatio
        guard rtols.allSatisfy({ $0 > 0 }), ratio >= 0 else { throw UsageError("--rtols must be positive and --atol-ratio not negative") }
        var repeats = 5
        if let text = arguments["repeats"] {
            guard let n = Int(text), n >= 1 else { throw UsageError("--repeats: '\(text)' is not a positive integer") }
            repeats = n
        }
        let referenceName = arguments["reference"] ?? problem.reference.method
        let referenceMethod = try WorkPrecisionRequest.method(referenceName)
        let reference = try WorkPrecision.reference(odeProblem, at: problem.times, with: referenceMethod, tolerance: problem.referenceTolerance)
        if arguments["reference"] == nil, let check = try? WorkPrecision.reference(
            odeProblem, at: problem.times, with: WorkPrecisionRequest.method(problem.reference.check), tolerance: problem.referenceTolerance) {
            let agreement = WorkPrecision.error(check, reference: reference, floor: problem.errorFloor)
            printError("reference: \(referenceName) at rtol \(problem.referenceTolerance.relative), atol \(problem.referenceTolerance.absolute); \(problem.reference.check) agrees to \(String(format: "%.1e", agreement))")
        }
        let points = try WorkPrecision.sweep(
            odeProblem, methods: methods, tolerances: rtols.map { ($0, ratio * $0) }, at: problem.times,
            reference: reference, errorFloor: problem.errorFloor, repeats: repeats)
        print(table(points))
        if let path = arguments["csv"] { try AtomicFile.write(WorkPrecision.csv(points), to: path) }
        if let path = arguments["svg"] { try WorkPrecisionFigure.write(points, problem: problem.name, to: path) }
        return 0
    }

    static func table(_ points: [WorkPrecisionPoint]) -> String {
        let header = ["method", "rtol", "atol", "error", "time (ms)", "nfe", "steps", "status"]
        let body = points.map { p in
            [p.method, String(format: "%.0e", p.relativeTolerance), String(format: "%.0e", p.absoluteTolerance),
             p.error.isFinite ? String(format: "%.2e", p.error) : "-", String(format: "%.3f", p.medianSeconds * 1e3),
             String(p.functionEvaluations), String(p.steps), p.status.rawValue]
        }
        return TextTable.render(header: header, rows: body)
    }
}
