import Continuum
import Foundation

/// The inputs shared by `continuum sample` and `continuum likelihood`: the data distribution (a
/// mixture written as text, or points smoothed into one), the forward SDE, 2-D point files.
enum DiffusionInputs {
    static let mixtureHelp = """
        Mixture SPEC: components separated by `|` (or `;`), each `weight:mx,my:sxx,sxy,syy` (mean and \
        covariance) or `weight:mx,my:sd` (isotropic, standard deviation sd). Weights are normalised. \
        Quote it in the shell, e.g. --mixture "0.3:-2,0:0.5,0.2,0.4|0.5:2,1:0.3,-0.1,0.6|0.2:0,-2.5:0.8,0,0.2".
        """
    static let dataHelp = """
        --data FILE.csv (header `x,y`) takes the data distribution as the Gaussian kernel density estimate \
        of the points (Scott's bandwidth n^(-1/6) times each coordinate's standard deviation, at most 2000 \
        points, the first ones): a mixture with one component per point, so its score is again exact.
        """
    static let sdeHelp = "vp (beta 0.1..20, T = 1), ve (sigma 0.01..10, T = 1), subvp (beta 0.1..20, T = 1), ou (the notes' sigma(t) = 1 - e^-t, T = 6)"

    /// The mixture from `--mixture` or `--data` (exactly one of them).
    static func distribution(_ arguments: ParsedArguments) throws -> GaussianMixture {
        switch (arguments["mixture"], arguments["data"]) {
        case let (spec?, nil): return try mixture(spec)
        case let (nil, path?): return try kernelDensity(try points(path, option: "data"))
        case (nil, nil): throw UsageError("give the data distribution with --mixture SPEC or --data FILE.csv")
        default: throw UsageError("--mixture and --data are exclusive")
        }
    }

    /// Parses a mixture SPEC (see ``mixtureHelp``).
    static func mixture(_ spec: String) throws -> GaussianMixture {
        var weights: [Double] = [], means: [[Double]] = [], covariances: [[Double]] = []
        let components = spec.split(whereSeparator: { $0 == "|" || $0 == ";" })
        guard !components.isEmpty else { throw UsageError("--mixture: empty specification") }
        for (k, component) in components.enumerated() {
            let parts = component.split(separator: ":", omittingEmptySubsequences: false)
            let numbers = try parts.map { part throws -> [Double] in
                try part.split(separator: ",", omittingEmptySubsequences: false).map { text throws -> Double in
                    try ParsedArguments.parseNumber(String(text), option: "mixture")
                }
            }
            guard numbers.count == 3, numbers[0].count == 1, numbers[1].count == 2, [1, 3].contains(numbers[2].count) else {
                throw UsageError("--mixture: component \(k + 1) '\(component)' is not weight:mx,my:sxx,sxy,syy or weight:mx,my:sd")
            }
            weights.append(numbers[0][0])
            means.append(numbers[1])
            let c = numbers[2]
            if c.count == 1 {
                guard c[0] > 0 else { throw UsageError("--mixture: component \(k + 1) has sd \(c[0]) <= 0") }
                covariances.append([c[0] * c[0], 0, 0, c[0] * c[0]])
            } else {
                covariances.append([c[0], c[1], c[1], c[2]])
            }
        }
        do { return try GaussianMixture(weights: weights, means: means, covariances: covariances) } catch {
            throw UsageError("--mixture: \(error)")
        }
    }

    /// The Gaussian KDE of `points` as a mixture.
    static func kernelDensity(_ points: SampleSet) throws -> GaussianMixture {
        let n = min(points.count, 2000)
        guard n >= 2 else { throw UsageError("--data: need at least 2 points, got \(n)") }
        let factor = pow(Double(n), -1.0 / 6.0)
        var deviations: [Double] = []
        for j in 0..<2 {
            let values = (0..<n).map { points.values[2 * $0 + j] }
            let mean = values.reduce(0, +) / Double(n)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            guard variance > 0 else { throw UsageError("--data: column \(j == 0 ? "x" : "y") is constant") }
            deviations.append(factor * variance.squareRoot())
        }
        let covariance = [deviations[0] * deviations[0], 0, 0, deviations[1] * deviations[1]]
        return try GaussianMixture(weights: [Double](repeating: 1, count: n), means: (0..<n).map { Array(points[$0]) },
                                   covariances: [[Double]](repeating: covariance, count: n))
    }

    /// The forward SDE named by `--sde` (default vp).
    static func sde(_ arguments: ParsedArguments) throws -> ForwardSDE {
        switch arguments["sde"] ?? "vp" {
        case "vp": return .variancePreserving
        case "ve": return .varianceExploding
        case "subvp": return .subVariancePreserving
        case "ou": return .ornsteinUhlenbeck
        case let other: throw UsageError("--sde: unknown SDE '\(other)' (vp, ve, subvp, ou)")
        }
    }

    /// The explicit Runge-Kutta method named by `--method` (default dopri5).
    static func method(_ arguments: ParsedArguments) throws -> ExplicitRungeKutta {
        let name = arguments["method"] ?? "dopri5"
        guard let method = ExplicitRungeKutta.named(name) else {
            throw UsageError("--method: unknown explicit Runge-Kutta method '\(name)' (\(ExplicitRungeKutta.all.map(\.name).joined(separator: ", ")))")
        }
        return method
    }

    /// A positive integer option.
    static func count(_ arguments: ParsedArguments, _ name: String, default value: Int) throws -> Int {
        guard let text = arguments[name] else { return value }
        guard let n = Int(text), n > 0 else { throw UsageError("--\(name): '\(text)' is not a positive integer") }
        return n
    }

    /// `--seed` (default 0).
    static func seed(_ arguments: ParsedArguments) throws -> UInt64 {
        guard let text = arguments["seed"] else { return 0 }
        guard let s = UInt64(text) else { throw UsageError("--seed: '\(text)' is not a non-negative integer") }
        return s
    }

    /// 2-D points from a CSV file with header exactly `x,y`.
    static func points(_ path: String, option: String) throws -> SampleSet {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw UsageError("--\(option): cannot read \(path)")
        }
        let table = try CSVTable(parsing: text)
        guard table.header == ["x", "y"] else {
            throw UsageError("--\(option): \(path) must have the header x,y (found \(table.header.joined(separator: ",")))")
        }
        var values: [Double] = []
        for (r, row) in table.rows.enumerated() {
            for (c, field) in row.enumerated() {
                guard let value = Double(field), value.isFinite else {
                    throw UsageError("--\(option): \(path) line \(table.line(row: r, column: c)): '\(field)' is not a finite number")
                }
                values.append(value)
            }
        }
        guard !values.isEmpty else { throw UsageError("--\(option): \(path) has no points") }
        return SampleSet(dimension: 2, values: values)
    }
}
