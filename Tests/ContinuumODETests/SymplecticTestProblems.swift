import ContinuumODE
import Foundation

/// Problems with exact solutions for the symplectic integrators.
enum SymplecticTestProblems {
    static let kepler = SeparableHamiltonian.kepler

    /// The Kepler orbit of eccentricity `e` (semi-major axis 1, period 2π) at time `t`, starting at
    /// pericentre: `(q1, q2, p1, p2)` from Kepler's equation `E − e sin E = t`.
    static func keplerExact(_ t: Double, eccentricity e: Double) -> [Double] {
        var anomaly = t
        for _ in 0..<60 { anomaly -= (anomaly - e * sin(anomaly) - t) / (1 - e * cos(anomaly)) }
        let b = (1 - e * e).squareRoot()
        let d = 1 - e * cos(anomaly)
        return [cos(anomaly) - e, b * sin(anomaly), -sin(anomaly) / d, b * cos(anomaly) / d]
    }

    static let pendulum = SeparableHamiltonian.pendulum
    static let oscillator = SeparableHamiltonian.harmonicOscillator

    /// Max-norm distance between two states.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? .nan
    }
}
