import ContinuumModels
import ContinuumODE
import ContinuumSensitivity
import Testing

/// The discrete adjoint is the exact derivative of the discrete solve: it equals central finite
/// differences of the same fixed-step solve, and checkpointing changes memory, not the result.
@Suite("Discrete adjoint")
struct DiscreteAdjointTests {
    static let reference = ReferenceGradient.lotkaVolterra
    static let times = [1.0, 2.5, 4.0]

    static func loss(_ method: ExplicitRungeKutta, h: Double, parameters: [Double], y0: [Double]) throws -> Double {
        let problem = try ODEProblem(LotkaVolterra(parameters), y0: y0, from: 0, to: 4)
        var options = SolverOptions.fixedStep(h)
        options.saveAt = times
        let solution = try solve(problem, with: method, options: options)
        return solution.storage.map { $0 * $0 }.reduce(0, +)
    }

    @Test(arguments: ["euler", "rk4", "dopri5", "dop853"])
    func matchesFiniteDifferencesOfTheSameSolve(name: String) throws {
        let method = ExplicitRungeKutta(ButcherTableau.named(name)!)
        let h = 0.05
        let theta = Self.reference.parameterValues, y0 = Self.reference.y0
        let problem = try ODEProblem(LotkaVolterra(theta), y0: y0, from: 0, to: 4)
        let result = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: method, options: .fixedStep(h),
            sensitivity: .discrete())
        #expect(abs(result.loss - (try Self.loss(method, h: h, parameters: theta, y0: y0))) < 1e-12 * result.loss)
        var differences = [Double]()
        let step = 1e-5
        for k in 0..<6 {
            var plusTheta = theta, minusTheta = theta, plusY = y0, minusY = y0
            if k < 4 {
                plusTheta[k] += step
                minusTheta[k] -= step
            } else {
                plusY[k - 4] += step
                minusY[k - 4] -= step
            }
            let plus = try Self.loss(method, h: h, parameters: plusTheta, y0: plusY)
            let minus = try Self.loss(method, h: h, parameters: minusTheta, y0: minusY)
            differences.append((plus - minus) / (2 * step))
        }
        let adjoint = result.parameterGradient + result.initialStateGradient
        let error = relativeDifference(adjoint, differences)
        #expect(error < 1e-7, "\(name): relative difference \(error)")
    }

    /// Binomial checkpointing gives the store-all gradient (to rounding) while holding at most K states.
    @Test(arguments: [1, 2, 3, 5, 10])
    func binomialCheckpointingMatchesStoreAll(checkpoints: Int) throws {
        let problem = Self.reference.problem()
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        let all = try gradient(
            of: SumOfSquaresLoss(), at: Self.reference.times, for: problem, with: .dopri5, options: options,
            sensitivity: .discrete(checkpointing: .all))
        let binomial = try gradient(
            of: SumOfSquaresLoss(), at: Self.reference.times, for: problem, with: .dopri5, options: options,
            sensitivity: .discrete(checkpointing: .binomial(checkpoints: checkpoints)))
        let steps = all.statistics.backward.acceptedSteps
        #expect(binomial.statistics.backward.acceptedSteps == steps)
        #expect(binomial.statistics.storedStates <= checkpoints)
        #expect(all.statistics.storedStates == steps + 1)
        #expect(binomial.statistics.recomputedSteps >= steps - checkpoints)
        #expect(relativeDifference(binomial.parameterGradient, all.parameterGradient) < 1e-12)
        #expect(relativeDifference(binomial.initialStateGradient, all.initialStateGradient) < 1e-12)
    }

    /// With K checkpoints and N steps, revolve recomputes at most r·N steps where β(K−1, r) ≥ N.
    @Test func recomputationIsBinomial() throws {
        let problem = Self.reference.problem()
        let result = try gradient(
            of: SumOfSquaresLoss(), at: Self.reference.times, for: problem, with: .rk4, options: .fixedStep(0.01),
            sensitivity: .discrete(checkpointing: .binomial(checkpoints: 4)))
        let steps = result.statistics.backward.acceptedSteps
        #expect(steps == 1000)
        // β(3, r) = C(3 + r, 3) ≥ 1000 first holds at r = 16.
        #expect(result.statistics.recomputedSteps <= 16 * steps)
    }
}
