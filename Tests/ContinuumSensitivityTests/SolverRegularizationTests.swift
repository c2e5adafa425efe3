import ContinuumModels
import ContinuumODE
@testable import ContinuumSensitivity
import Testing

/// Solver-cost regularisation (Pal et al. 2021): the penalty equals an independent recomputation of
/// `Σ Eⱼ|hⱼ|` and `Σ Sⱼ` from the solve's steps, its discrete-adjoint gradient equals central finite
/// differences on the same (fixed) step grid, and zero weights leave the gradient bit for bit.
@Suite("Solver regularisation")
struct SolverRegularizationTests {
    static let times = [1.0, 2.5, 4.0]
    static let h = 0.05

    /// `(data loss, R_E, R_S)` recomputed stage by stage from the fixed-step solve's states.
    static func independentLoss(_ tableau: ButcherTableau, parameters: [Double], y0: [Double]) throws -> (Double, Double, Double) {
        let field = LotkaVolterra(parameters)
        let problem = try ODEProblem(field, y0: y0, from: 0, to: 4)
        var options = SolverOptions.fixedStep(h)
        options.stopTimes = times
        let solution = try solve(problem, with: ExplicitRungeKutta(tableau), options: options)
        guard case let .embedded(e, _) = tableau.errorEstimator, let probe = tableau.stiffnessProbe else { fatalError() }
        let s = tableau.stageCount, tolerance = options.tolerance
        var dataLoss = 0.0, errorSum = 0.0, stiffnessSum = 0.0
        for j in 0..<(solution.times.count - 1) {
            let t = solution.times[j], step = solution.times[j + 1] - t
            let y = solution.states[j]
            var states = [[Double]](), slopes = [[Double]]()
            for i in 0..<s {
                var yi = y
                for l in 0..<i { for k in 0..<2 { yi[k] += step * tableau.a[i][l] * slopes[l][k] } }
                var dy = [0.0, 0.0]
                yi.withUnsafeBufferPointer { a in dy.withUnsafeMutableBufferPointer { field.evaluate(t + tableau.c[i] * step, a, $0) } }
                states.append(yi)
                slopes.append(dy)
            }
            let y1 = (0..<2).map { k in y[k] + (0..<s).map { step * tableau.b[$0] * slopes[$0][k] }.reduce(0, +) }
            let error = (0..<2).map { k in (0..<s).map { step * e[$0] * slopes[$0][k] }.reduce(0, +) }
            let squares = (0..<2).map { k -> Double in
                let r = error[k] / (tolerance.absolute + tolerance.relative * max(abs(y[k]), abs(y1[k])))
                return r * r
            }
            errorSum += (squares.reduce(0, +) / 2).squareRoot() * abs(step)
            let dk = (0..<2).map { slopes[s - 1][$0] - slopes[probe.stage][$0] }
            let dY = (0..<2).map { states[s - 1][$0] - states[probe.stage][$0] }
            stiffnessSum += abs(step) * (dk.map { $0 * $0 }.reduce(0, +) / dY.map { $0 * $0 }.reduce(0, +)).squareRoot()
            if times.contains(solution.times[j + 1]) { dataLoss += solution.states[j + 1].map { $0 * $0 }.reduce(0, +) }
        }
        return (dataLoss, errorSum, stiffnessSum)
    }

    @Test(arguments: [("tsit5", 1.0, 0.0), ("tsit5", 0.0, 1.0), ("dopri5", 1.0, 0.5)])
    func matchesFiniteDifferencesOnTheSameGrid(name: String, errorWeight: Double, stiffnessWeight: Double) throws {
        let tableau = ButcherTableau.named(name)!
        let weights = SolverRegularization(errorWeight: errorWeight, stiffnessWeight: stiffnessWeight)
        let theta = [1.5, 1.0, 3.0, 1.0], y0 = [1.0, 1.0]
        let problem = try ODEProblem(LotkaVolterra(theta), y0: y0, from: 0, to: 4)
        let regularized = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: ExplicitRungeKutta(tableau),
            options: .fixedStep(Self.h), sensitivity: .discrete(), regularization: weights)
        func total(_ p: [Double], _ y: [Double]) throws -> Double {
            let (data, errorPenalty, stiffnessPenalty) = try Self.independentLoss(tableau, parameters: p, y0: y)
            return data + errorWeight * errorPenalty + stiffnessWeight * stiffnessPenalty
        }
        let (data, errorPenalty, stiffnessPenalty) = try Self.independentLoss(tableau, parameters: theta, y0: y0)
        #expect(errorPenalty > 0 && stiffnessPenalty > 0)
        if errorWeight != 0 { #expect(abs(regularized.errorEstimatePenalty - errorPenalty) <= 1e-10 * errorPenalty) }
        if stiffnessWeight != 0 { #expect(abs(regularized.stiffnessPenalty - stiffnessPenalty) <= 1e-10 * stiffnessPenalty) }
        let expected = data + errorWeight * errorPenalty + stiffnessWeight * stiffnessPenalty
        #expect(abs(regularized.result.loss - expected) <= 1e-10 * expected)
        // Fourth-order central differences: the error estimate is a small difference of slopes, so
        // rounding rules out tiny steps.
        func derivative(_ k: Int, _ f: ([Double], [Double]) throws -> Double) rethrows -> Double {
            let delta = 1e-4
            func at(_ x: Double) throws -> Double {
                var p = theta, y = y0
                if k < 4 { p[k] += x } else { y[k - 4] += x }
                return try f(p, y)
            }
            return (try -at(2 * delta) + 8 * at(delta) - 8 * at(-delta) + at(-2 * delta)) / (12 * delta)
        }
        let differences = try (0..<6).map { k in try derivative(k, total) }
        let adjoint = regularized.result.parameterGradient + regularized.result.initialStateGradient
        let plain = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: ExplicitRungeKutta(tableau), options: .fixedStep(Self.h),
            sensitivity: .discrete())
        let plainAll = plain.parameterGradient + plain.initialStateGradient
        // Compare the penalty's part of the gradient, so the check is not swamped by the data loss.
        let penaltyAdjoint = zip(adjoint, plainAll).map { $0 - $1 }
        let dataDifferences = try (0..<6).map { k in
            try derivative(k) { p, y in try Self.independentLoss(tableau, parameters: p, y0: y).0 }
        }
        let penaltyDifferences = zip(differences, dataDifferences).map { $0 - $1 }
        let error = relativeDifference(penaltyAdjoint, penaltyDifferences)
        #expect(error < 1e-6, "\(name) w=(\(errorWeight), \(stiffnessWeight)): penalty gradient \(penaltyAdjoint) vs \(penaltyDifferences)")
        #expect(relativeDifference(adjoint, differences) < 1e-7)
    }

    /// `y' = −θy`: every stage slope is `−θ` times its state, so Hairer's estimate is exactly `|h|θ`
    /// per step and `R_S = θ T`, whose derivative in `θ` is `T`.
    @Test func stiffnessOfLinearDecayIsExact() throws {
        let field = IntegralLossTests.Decay(k: 2)
        let problem = try ODEProblem(field, y0: [1], from: 0, to: 3)
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9)
        let plain = try gradient(of: SumOfSquaresLoss(), at: [3], for: problem, with: .dopri5, options: options, sensitivity: .discrete())
        let regularized = try gradient(
            of: SumOfSquaresLoss(), at: [3], for: problem, with: .dopri5, options: options, sensitivity: .discrete(),
            regularization: SolverRegularization(stiffnessWeight: 1))
        #expect(abs(regularized.stiffnessPenalty - 2 * 3) < 1e-12)
        #expect(abs(regularized.result.parameterGradient[0] - plain.parameterGradient[0] - 3) < 1e-10)
        #expect(abs(regularized.result.initialStateGradient[0] - plain.initialStateGradient[0]) < 1e-10)
    }

    /// Zero weights are the unregularised gradient bit for bit, through the public entry and with the
    /// penalty hooks engaged (all stages replayed, zero extra cotangents).
    @Test func zeroWeightsAreBitForBit() throws {
        let problem = try ODEProblem(LotkaVolterra(), y0: [1, 1], from: 0, to: 4)
        let options = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
        let plain = try gradient(of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .tsit5, options: options, sensitivity: .discrete())
        let zero = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .tsit5, options: options, sensitivity: .discrete(),
            regularization: .none)
        let penalty = try SolverHeuristicsPenalty(
            ButcherTableau.tsit5, dimension: 2, weights: SolverRegularization(), tolerance: options.tolerance)
        let hooked = try discreteAdjointGradient(
            of: SumOfSquaresLoss(), at: LossTimes(Self.times, t0: 0, t1: 4, dimension: 2), for: problem, with: .tsit5,
            options: options, checkpointing: .all, penalty: penalty)
        for other in [zero.result, hooked] {
            #expect(other.loss == plain.loss)
            #expect(other.parameterGradient == plain.parameterGradient)
            #expect(other.initialStateGradient == plain.initialStateGradient)
        }
        #expect(hooked.statistics.backward.functionEvaluations > plain.statistics.backward.functionEvaluations)
    }

    @Test func checkpointingDoesNotChangeThePenalty() throws {
        let problem = try ODEProblem(LotkaVolterra(), y0: [1, 1], from: 0, to: 4)
        let options = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
        let weights = SolverRegularization(errorWeight: 0.5, stiffnessWeight: 0.1)
        let all = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .dopri5, options: options,
            sensitivity: .discrete(), regularization: weights)
        let binomial = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .dopri5, options: options,
            sensitivity: .discrete(checkpointing: .binomial(checkpoints: 3)), regularization: weights)
        #expect(abs(binomial.result.loss - all.result.loss) <= 1e-12 * all.result.loss)
        // The sweeps accumulate in different orders: equal to round-off (2e-12 observed), not bit for bit.
        #expect(relativeDifference(binomial.result.parameterGradient, all.result.parameterGradient) < 1e-11)
    }

    @Test func unsupportedCombinationsThrow() throws {
        let problem = try ODEProblem(LotkaVolterra(), y0: [1, 1], from: 0, to: 4)
        let weights = SolverRegularization(errorWeight: 1)
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .rk4, options: .fixedStep(0.1),
                         sensitivity: .discrete(), regularization: weights)
        }
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .tsit5, sensitivity: .interpolating(),
                         regularization: weights)
        }
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: Self.times, for: problem, with: .tsit5, sensitivity: .discrete(),
                         regularization: SolverRegularization(errorWeight: -1))
        }
    }
}
