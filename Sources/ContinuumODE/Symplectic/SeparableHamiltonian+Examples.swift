import Foundation

extension SeparableHamiltonian {
    /// The Kepler problem `H = |p|²/2 − 1/|q|` in the plane (unit mass and gravitational parameter).
    public static let kepler = particle(
        degreesOfFreedom: 2,
        potentialGradient: { q, dV in
            let r2 = q[0] * q[0] + q[1] * q[1]
            let r3 = r2 * r2.squareRoot()
            dV[0] = q[0] / r3
            dV[1] = q[1] / r3
        },
        potential: { q in -1 / (q[0] * q[0] + q[1] * q[1]).squareRoot() })

    /// The pericentre state `(q, p)` of the Kepler orbit with eccentricity `e` (`0 ≤ e < 1`),
    /// semi-major axis 1 and period 2π: `q = (1 − e, 0)`, `p = (0, √((1 + e)/(1 − e)))`.
    public static func keplerPericentre(eccentricity e: Double) -> (q: [Double], p: [Double]) {
        ([1 - e, 0], [0, ((1 + e) / (1 - e)).squareRoot()])
    }

    /// The pendulum `H = p²/2 − cos q`.
    public static let pendulum = particle(
        degreesOfFreedom: 1, potentialGradient: { q, dV in dV[0] = sin(q[0]) }, potential: { q in -cos(q[0]) })

    /// The harmonic oscillator `H = (p² + q²)/2`.
    public static let harmonicOscillator = particle(
        degreesOfFreedom: 1, potentialGradient: { q, dV in dV[0] = q[0] }, potential: { q in q[0] * q[0] / 2 })

    /// The Hénon-Heiles system `H = |p|²/2 + (x² + y²)/2 + x²y − y³/3`.
    public static let henonHeiles = particle(
        degreesOfFreedom: 2,
        potentialGradient: { q, dV in
            let (x, y) = (q[0], q[1])
            dV[0] = x + 2 * x * y
            dV[1] = y + x * x - y * y
        },
        potential: { q in
            let (x, y) = (q[0], q[1])
            return (x * x + y * y) / 2 + x * x * y - y * y * y / 3
        })
}
