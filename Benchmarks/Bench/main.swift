import Continuum
import Foundation

// continuum-bench: release-mode timings of Continuum's solvers, one JSON line per run, compared
// against peers by Benchmarks/run.sh. Not a test: correctness lives in `swift test`.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("continuum-bench: \(message)\n\(BenchmarkArguments.usage)\n".utf8))
    exit(2)
}

let arguments: BenchmarkArguments
do {
    arguments = try BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
} catch .usage(let message) {
    fail(message)
}
guard let method = ExplicitRungeKutta.named(arguments.method) else { fail("unknown method \(arguments.method)") }
guard let benchmark = BenchmarkProblems.named(arguments.problem) else { fail("unknown problem \(arguments.problem)") }

do {
    if arguments.rhsFromText {
        let field = try benchmark.textField()
        var report = try measure(field, benchmark, method: method, arguments: arguments)
        report.evaluationCost = EvaluationCost(text: field, closure: benchmark.closure, y: benchmark.y0)
        print(report.json)
    } else {
        print(try measure(benchmark.closure, benchmark, method: method, arguments: arguments).json)
    }
} catch {
    fail("\(error)")
}
