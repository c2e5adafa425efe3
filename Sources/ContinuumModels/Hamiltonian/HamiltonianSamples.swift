import ContinuumODE

/// Training data for a ``HamiltonianNeuralNetwork``: states `(q, p)` and their time derivatives
/// `(q', p')`, one row each (`2n` values per row).
public struct HamiltonianSamples: Sendable {
    public let degreesOfFreedom: Int
    /// States, row-major `count × 2n`.
    public var states: [Double]
    /// Time derivatives, row-major `count × 2n`.
    public var derivatives: [Double]

    /// Samples from rows of states and derivatives of equal shape.
    public init(degreesOfFreedom n: Int, states: [Double], derivatives: [Double]) throws(ODEError) {
        guard n > 0 else { throw .invalidOption(name: "degreesOfFreedom", reason: "must be positive, got \(n)") }
        guard states.count % (2 * n) == 0, !states.isEmpty else {
            throw .dimensionMismatch(expected: 2 * n, actual: states.count, what: "states (a multiple of 2n)")
        }
        guard derivatives.count == states.count else {
            throw .dimensionMismatch(expected: states.count, actual: derivatives.count, what: "derivatives")
        }
        if let bad = (states + derivatives).firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "sample value \(bad)")
        }
        degreesOfFreedom = n
        self.states = states
        self.derivatives = derivatives
    }

    /// Number of samples.
    public var count: Int { states.count / (2 * degreesOfFreedom) }

    /// Trajectories of a known separable system from each initial state, integrated with the
    /// symplectic `method` at step `stepSize` over `duration` and sampled every `saveEvery`
    /// steps; the derivatives are the system's exact vector field `(∂H/∂p, −∂H/∂q)` at the
    /// sampled states.
    public static func trajectories<F: PartitionedVectorField & HamiltonianSystem>(
        of system: F, from initialStates: [(q: [Double], p: [Double])], duration: Double, stepSize: Double,
        saveEvery: Int, method: SplittingMethod = .yoshida4
    ) throws(ODEError) -> HamiltonianSamples {
        let n = system.degreesOfFreedom
        var states = [Double](), derivatives = [Double]()
        var gradient = [Double](repeating: 0, count: 2 * n)
        for start in initialStates {
            let problem = try PartitionedProblem(system, q0: start.q, p0: start.p, from: 0, to: duration)
            let solution = try solve(problem, with: method, options: GeometricOptions(stepSize: stepSize, saveEvery: saveEvery))
                .solution
            for index in 0..<solution.count {
                let y = solution[index]
                y.withUnsafeBufferPointer { y in
                    gradient.withUnsafeMutableBufferPointer { g in
                        system.gradient(
                            UnsafeBufferPointer(rebasing: y[0..<n]), UnsafeBufferPointer(rebasing: y[n...]),
                            UnsafeMutableBufferPointer(rebasing: g[0..<n]), UnsafeMutableBufferPointer(rebasing: g[n...]))
                    }
                }
                states += y
                derivatives += gradient[n...] + gradient[0..<n].map { -$0 }
            }
        }
        return try HamiltonianSamples(degreesOfFreedom: n, states: states, derivatives: derivatives)
    }
}
