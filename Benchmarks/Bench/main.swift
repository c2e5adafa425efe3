import Continuum
import Foundation

// continuum-bench: release-mode timings of Continuum's solvers, one JSON line per run, compared
// against peers by Benchmarks/run.sh and Benchmarks/run_stiff.sh. Not a test: correctness lives in
// `swift test`.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("continuum-bench: \(message)\n\(BenchmarkArguments.usage)\n".utf8))
    exit(2)
}

if CommandLine.arguments.dropFirst().first == "sde" {
    do { try SDEBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } catch { fail("\(error)") }
    exit(0)
}

let arguments: BenchmarkArguments
do {
    arguments = try BenchmarkArguments(Array(CommandLine.arguments.dropFirst()))
} catch .usage(let message) {
    fail(message)
}
guard let benchmark = BenchmarkProblems.named(arguments.problem) else {
    fail("unknown problem \(arguments.problem) (known: \(BenchmarkProblems.all.map(\.name).joined(separator: ", ")))")
}

do {
    let report: BenchmarkReport?
    if arguments.rhsFromText {
        let field = try benchmark.textField()
        report = try BenchmarkMethods.run(arguments.method, field: field, benchmark: benchmark, arguments: arguments)
            .map { report in
                var withCost = report
                withCost.evaluationCost = EvaluationCost(text: field, closure: benchmark.closure, y: benchmark.y0)
                return withCost
            }
    } else {
        report = try BenchmarkMethods.run(
            arguments.method, field: benchmark.closure, benchmark: benchmark, arguments: arguments)
    }
    guard let report else {
        fail("unknown method \(arguments.method) (known: \(BenchmarkMethods.names.joined(separator: ", ")))")
    }
    print(report.json)
} catch {
    fail("\(error)")
}
