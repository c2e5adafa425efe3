import Continuum
import Foundation

// continuum-bench: release-mode timings of Continuum's solvers, one JSON line per run, compared
// against peers by Benchmarks/run.sh and Benchmarks/run_stiff.sh. Not a test: correctness lives in
// `swift test`.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("continuum-bench: \(message)\n\(BenchmarkArguments.usage)\n".utf8))
    exit(2)
}

// Modes that print their own report return nil.
let modes: [String: ([String]) throws -> String?] = [
    "gradient": GradientBenchmark.run, "gradient-memory": GradientBenchmark.memory,
    "kepler-symplectic": SymplecticBenchmark.run,
    "spiral": SpiralBenchmark.run,
    "spiral-regularized": SpiralRegularizationBenchmark.run,
    "reversible-memory": ReversibleBenchmark.run,
    "resnet": ResNetBenchmark.run,
    "sde-gradient": SDEGradientBenchmark.run,
    "neural-sde": NeuralSDEBenchmark.run,
    "diffusion-likelihood": DiffusionBenchmark.likelihood,
    "diffusion-bars": DiffusionBenchmark.bars,
    "diffusion-learned": DiffusionLearnedBenchmark.run,
    "sde": { arguments in
        try SDEBenchmark.run(arguments)
        return nil
    },
]
if let mode = CommandLine.arguments.dropFirst().first, let run = modes[mode] {
    do {
        if let report = try run(Array(CommandLine.arguments.dropFirst(2))) { print(report) }
        exit(0)
    } catch {
        fail("\(error)")
    }
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
    } else if arguments.structField {
        guard benchmark.name == "lorenz" else { fail("--struct-field: only the lorenz problem has a struct field") }
        report = try BenchmarkMethods.run(arguments.method, field: LorenzField(), benchmark: benchmark, arguments: arguments)
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
