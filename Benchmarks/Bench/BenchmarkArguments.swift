/// The benchmark's command line: `continuum-bench PROBLEM [--method M] [--rtol R] [--atol A]
/// [--repeat N] [--rhs-from-text] [--struct-field]`.
struct BenchmarkArguments {
    var problem = "lorenz"
    var method = "dopri5"
    var relativeTolerance = 1e-8
    var absoluteTolerance = 1e-8
    var repeats = 50
    /// Use the right-hand side compiled from its text form instead of a Swift closure.
    var rhsFromText = false
    /// Use the right-hand side as a `VectorField` struct (Lorenz only), which the solver is
    /// specialised for and inlines, instead of a closure it calls indirectly.
    var structField = false

    static let usage =
        "usage: continuum-bench lorenz|robertson|vanderpol [--method NAME] [--rtol R] [--atol A] [--repeat N] [--rhs-from-text] [--struct-field]"

    init(_ arguments: [String]) throws(BenchmarkError) {
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("--") {
            problem = first
            rest = rest.dropFirst()
        }
        while let flag = rest.popFirst() {
            if flag == "--rhs-from-text" {
                rhsFromText = true
                continue
            }
            if flag == "--struct-field" {
                structField = true
                continue
            }
            guard let value = rest.popFirst() else { throw .usage("\(flag) needs a value") }
            switch flag {
            case "--method": method = value
            case "--rtol": relativeTolerance = try Self.number(value, flag)
            case "--atol": absoluteTolerance = try Self.number(value, flag)
            case "--repeat":
                guard let n = Int(value), n > 0 else { throw .usage("--repeat needs a positive integer, got \(value)") }
                repeats = n
            default: throw .usage("unknown option \(flag)")
            }
        }
    }

    private static func number(_ text: String, _ flag: String) throws(BenchmarkError) -> Double {
        guard let x = Double(text), x.isFinite, x > 0 else { throw .usage("\(flag) needs a positive number, got \(text)") }
        return x
    }
}

enum BenchmarkError: Error {
    case usage(String)
}

/// The `--name value` options of a benchmark mode as a dictionary. With `defaults`, only those
/// names are accepted and unspecified ones keep their default.
func benchmarkOptions(
    _ arguments: [String], mode: String, defaults: [String: String]? = nil
) throws(BenchmarkError) -> [String: String] {
    var options = defaults ?? [:]
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        let name = String(flag.dropFirst(2))
        guard flag.hasPrefix("--"), let value = rest.popFirst(), defaults == nil || options[name] != nil else {
            throw .usage("\(mode): bad option \(flag) (options take a value\(defaults.map { ": " + $0.keys.sorted().map { "--" + $0 }.joined(separator: ", ") } ?? ""))")
        }
        options[name] = value
    }
    return options
}
