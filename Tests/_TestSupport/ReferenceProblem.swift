import ContinuumODE
import Foundation

/// A reference solution from `shared/reference/*.json` (copied into the test fixtures): states at
/// given times, computed independently at tight tolerance.
public struct ReferenceProblem: Decodable, Sendable {
    public let name: String
    public let dimension: Int
    public let t0: Double
    public let y0: [Double]
    public let params: [String: Double]
    public let times: [Double]
    public let states: [[Double]]
    public let accuracy: Double

    /// Loads `name.json` from `directory`.
    public static func load(_ name: String, from directory: URL) throws -> ReferenceProblem {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).json"))
        return try JSONDecoder().decode(ReferenceProblem.self, from: data)
    }

    /// The right-hand side, written as a user would write it.
    public var field: ClosureVectorField {
        ReferenceFields.field(named: name, parameters: params)!
    }

    /// The reference files' error measure: `max |a − b| / max(|a|, 1e-6 · max|a|)` over every
    /// component at every time, with `a` the reference.
    public func maximumRelativeError(_ computed: [[Double]]) -> Double {
        let scale = states.flatMap { $0 }.map(abs).max() ?? 1
        var worst = 0.0
        for (reference, value) in zip(states, computed) {
            for (a, b) in zip(reference, value) {
                worst = max(worst, abs(a - b) / max(abs(a), 1e-6 * scale))
            }
        }
        return computed.count == states.count ? worst : .infinity
    }

    /// `max |b − a| / max(|a|, floor)` over every component at every reference time, with `a` the
    /// reference: relative, except that values below `floor` are measured absolutely against it
    /// (the stiff bar's "Robertson's y₂ with an absolute floor of 1e-12").
    public func maximumRelativeError(_ computed: [[Double]], floor: Double) -> Double {
        guard computed.count == states.count else { return .infinity }
        var worst = 0.0
        for (expected, value) in zip(states, computed) {
            for (a, b) in zip(expected, value) { worst = max(worst, abs(b - a) / max(abs(a), floor)) }
        }
        return worst
    }
}

/// Right-hand sides of the reference problems.
public enum ReferenceFields {
    public static func field(named name: String, parameters p: [String: Double]) -> ClosureVectorField? {
        switch name {
        case "lorenz":
            let (sigma, rho, beta) = (p["sigma"]!, p["rho"]!, p["beta"]!)
            return ClosureVectorField(dimension: 3) { _, y, dy in
                dy[0] = sigma * (y[1] - y[0])
                dy[1] = y[0] * (rho - y[2]) - y[1]
                dy[2] = y[0] * y[1] - beta * y[2]
            }
        case "vanderpol_mu1", "vanderpol_mu1000":
            let mu = p["mu"]!
            return ClosureVectorField(dimension: 2) { _, y, dy in
                dy[0] = y[1]
                dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
            }
        case "brusselator":
            let (a, b) = (p["a"]!, p["b"]!)
            return ClosureVectorField(dimension: 2) { _, y, dy in
                dy[0] = a + y[0] * y[0] * y[1] - (b + 1) * y[0]
                dy[1] = b * y[0] - y[0] * y[0] * y[1]
            }
        case "lotka_volterra":
            let (a, b, c, d) = (p["a"]!, p["b"]!, p["c"]!, p["d"]!)
            return ClosureVectorField(dimension: 2) { _, y, dy in
                dy[0] = a * y[0] - b * y[0] * y[1]
                dy[1] = -c * y[1] + d * y[0] * y[1]
            }
        case "robertson":
            return ClosureVectorField(dimension: 3) { _, y, dy in
                dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
                dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
                dy[2] = 3e7 * y[1] * y[1]
            }
        case "arenstorf":
            let mu = p["mu"]!
            let nu = 1 - mu
            return ClosureVectorField(dimension: 4) { _, y, dy in
                let d1 = pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5)
                let d2 = pow((y[0] - nu) * (y[0] - nu) + y[1] * y[1], 1.5)
                dy[0] = y[2]
                dy[1] = y[3]
                dy[2] = y[0] + 2 * y[3] - nu * (y[0] + mu) / d1 - mu * (y[0] - nu) / d2
                dy[3] = y[1] - 2 * y[2] - nu * y[1] / d1 - mu * y[1] / d2
            }
        default:
            return nil
        }
    }
}
