import ContinuumNumerics
import ContinuumODE
import ContinuumSDE
import ContinuumSensitivity
import Testing

/// The algebraic adjoint of reversible Heun is the exact gradient of the discrete solve: it
/// matches central differences of the same solve on the same Brownian path, and reconstructing
/// the states with the exact inverse step changes the result only by rounding.
@Suite("Reversible Heun adjoint")
struct StochasticReversibleHeunTests {
    static let times = [0.5, 1.0]
    static let options = SDEGradientOptions(stepSize: 1.0 / 40)

    static func problem() throws -> SDEProblem<CoupledDrift, CoupledDiffusion> {
        try SDEProblem(
            drift: CoupledDrift(theta: [1.2, 0.4, 0.9]), diffusion: CoupledDiffusion(sigma: [0.5, 0.3]),
            noise: .diagonal, y0: [0.6, -0.3], from: 0, to: 1)
    }

    static func path(_ seed: UInt64) -> VirtualBrownianTree {
        VirtualBrownianTree(key: RandomKey(seed: seed), dimension: 2, from: 0, to: 1, tolerance: 1e-4)
    }

    static func gradient(
        _ problem: SDEProblem<CoupledDrift, CoupledDiffusion>, seed: UInt64, method: SDESensitivityMethod
    ) throws -> SDEGradientResult {
        var path = path(seed)
        return try sdeGradient(of: SumOfSquaresLoss(), at: times, for: problem, path: &path, method: method, options: options)
    }

    @Test("matches central differences of the same discrete solve to 1e-7", arguments: [UInt64(1), 2, 3])
    func finiteDifferences(seed: UInt64) throws {
        let base = try Self.problem()
        let result = try Self.gradient(base, seed: seed, method: .reversibleHeun)
        let reference = try centralDifferences(at: base.flat, step: 1e-5) { x in
            try Self.gradient(base.with(x), seed: seed, method: .reversibleHeun).loss
        }
        let error = relativeDifference(flatGradient(result), reference)
        #expect(error < 1e-7, "relative difference \(error)")
    }

    @Test("reconstructing the states equals storing them, to rounding; memory is constant")
    func reconstructionEqualsStorage() throws {
        let base = try Self.problem()
        let reconstructed = try Self.gradient(base, seed: 11, method: .reversibleHeun)
        let stored = try Self.gradient(base, seed: 11, method: .reversibleHeunStoringStates)
        #expect(reconstructed.loss == stored.loss)
        let error = relativeDifference(flatGradient(reconstructed), flatGradient(stored))
        #expect(error < 1e-12, "relative difference \(error)")
        #expect(reconstructed.statistics.storedStates == 0)
        #expect(stored.statistics.storedStates == 4 * 41)
        // One drift and one diffusion evaluation per step each way; two products per step plus t0.
        #expect(reconstructed.statistics.backward.driftEvaluations == 40)
        #expect(reconstructed.statistics.vectorJacobianProducts == 2 * 41)
    }

    @Test("a Brownian interval serves the backward sweep as well as the tree")
    func brownianInterval() throws {
        let base = try Self.problem()
        func run(_ method: SDESensitivityMethod) throws -> SDEGradientResult {
            var path = BrownianInterval(key: RandomKey(seed: 8), dimension: 2, from: 0, to: 1, cacheCapacity: 8)
            return try sdeGradient(of: SumOfSquaresLoss(), at: Self.times, for: base, path: &path, method: method, options: Self.options)
        }
        let reconstructed = try run(.reversibleHeun), stored = try run(.reversibleHeunStoringStates)
        #expect(relativeDifference(flatGradient(reconstructed), flatGradient(stored)) < 1e-12)
    }

    @Test("the forward loss is the driver's reversible Heun solve on the same path")
    func forwardMatchesDriver() throws {
        var problem = try Self.problem()
        problem.t1 = 1
        var path = Self.path(5)
        let solution = try solve(problem, with: ReversibleHeun(), path: &path, options: SDESolveOptions(stepSize: 1.0 / 40))
        let result = try Self.gradient(problem, seed: 5, method: .reversibleHeun)
        let final = try #require(solution.finalState)
        let states = Array(result.states[2..<4])
        #expect(relativeDifference(states, final) < 1e-12)
    }

    @Test("the gradient of a moment-matching loss of a batch matches central differences to 1e-7")
    func ensembleFiniteDifferences() throws {
        let base = try Self.problem()
        let paths = (0..<6).map { Self.path(100 + UInt64($0)) }
        let loss = MomentMatchingLoss(mean: [0.5, -0.2, 0.4, 0.1], standardDeviation: [0.3, 0.2, 0.4, 0.3])
        let result = try sdeGradient(ofEnsemble: loss, at: Self.times, for: base, paths: paths, options: Self.options)
        let reference = try centralDifferences(at: base.flat, step: 1e-5) { x in
            try sdeGradient(ofEnsemble: loss, at: Self.times, for: base.with(x), paths: paths, options: Self.options).loss
        }
        let error = relativeDifference(flatGradient(result), reference)
        #expect(error < 1e-7, "relative difference \(error)")
        #expect(result.states.count == 6 * 2 * 2)
    }

    @Test("bad input is a typed error")
    func errors() throws {
        let problem = try Self.problem()
        var path = Self.path(1)
        #expect(throws: SensitivityError.self) {
            try sdeGradient(of: SumOfSquaresLoss(), at: [0.51], for: problem, path: &path, method: .reversibleHeun, options: Self.options)
        }
        var sequential = SequentialBrownianPath(key: RandomKey(seed: 1), dimension: 2)
        #expect(throws: SensitivityError.self) {
            try sdeGradient(of: SumOfSquaresLoss(), at: [1], for: problem, path: &sequential, method: .reversibleHeun, options: Self.options)
        }
    }
}
