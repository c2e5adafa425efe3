import ContinuumODE
import Foundation

/// Problems with exact solutions for the symplectic integrators.
enum SymplecticTestProblems {
    /// Kepler problem `H = |p|²/2 − 1/|q|`.
    static let kepler = SeparableHamiltonian.particle(
        degreesOfFreedom: 2,
        potentialGradient: { q, dV in
            let r2 = q[0] * q[0] + q[1] * q[1]
            let r3 = r2 * r2.squareRoot()
            dV[0] = q[0] / r3
            dV[1] = q[1] / r3
        },
        potential: { q in -1 / (q[0] * q[0] + q[1] * q[1]).squareRoot() })

    /// The Kepler orbit of eccentricity `e` (semi-major axis 1, period 2π) at time `t`, starting at
    /// pericentre: `(q1, q2, p1, p2)` from Kepler's equation `E − e sin E = t`.
    static func keplerExact(_ t: Double, eccentricity e: Double) -> [Double] {
        var anomaly = t
        for _ in 0..<60 { anomaly -= (anomaly - e * sin(anomaly) - t) / (1 - e * cos(anomaly)) }
        let b = (1 - e * e).squareRoot()
        let d = 1 - e * cos(anomaly)
        return [cos(anomaly) - e, b * sin(anomaly), -sin(anomaly) / d, b * cos(anomaly) / d]
    }

    /// Pendulum `H = p²/2 − cos q`.
    static let pendulum = SeparableHamiltonian.particle(
        degreesOfFreedom: 1, potentialGradient: { q, dV in dV[0] = sin(q[0]) }, potential: { q in -cos(q[0]) })

    /// Harmonic oscillator `H = (p² + q²)/2`, exact solution a rotation.
    static let oscillator = SeparableHamiltonian.particle(
        degreesOfFreedom: 1, potentialGradient: { q, dV in dV[0] = q[0] }, potential: { q in q[0] * q[0] / 2 })

    /// Max-norm distance between two states.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? .nan
    }
}
