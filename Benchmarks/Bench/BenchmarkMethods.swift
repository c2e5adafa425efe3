import Continuum

/// Runs the benchmark with the method called `name`, whatever its family.
enum BenchmarkMethods {
    static let names = ExplicitRungeKutta.all.map(\.name) + RosenbrockMethod.all.map(\.name)
        + ESDIRKMethod.all.map(\.name) + ["radau5", "bdf", "ndf", "auto"]

    static func run<F: VectorField>(
        _ name: String, field: F, benchmark: BenchmarkProblem, arguments: BenchmarkArguments
    ) throws -> BenchmarkReport? {
        if let method = ExplicitRungeKutta.named(name) {
            return try measure(field, benchmark, method: method, arguments: arguments)
        }
        if let method = RosenbrockMethod.named(name) {
            return try measure(field, benchmark, method: method, arguments: arguments)
        }
        if let method = ESDIRKMethod.named(name) {
            return try measure(field, benchmark, method: method, arguments: arguments)
        }
        switch name {
        case "bdf": return try measure(field, benchmark, method: .bdf, arguments: arguments)
        case "ndf": return try measure(field, benchmark, method: .ndf, arguments: arguments)
        case "radau5": return try measure(field, benchmark, method: .radau5, arguments: arguments)
        case "auto": return try measure(field, benchmark, method: .autoTsit5Rodas5P, arguments: arguments)
        default: return nil
        }
    }
}
