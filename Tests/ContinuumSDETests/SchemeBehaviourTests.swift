import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
import _TestSupport
@testable import ContinuumSDE

/// Weak order, reversibility, determinism, adaptivity on a fixed path, and API misuse.
@Suite struct SchemeBehaviourTests {
    typealias Support = SDETestSupport

    /// Euler-Maruyama's weak error |E[Y_h(T)] − E[X(T)]| on GBM, where E[X(T)] = e^{μT} and the bias
    /// is e^{μT} − (1 + μh)^{T/h} ≈ (μ²T/2) e^{μT} h. Variance reduction: the estimate is the mean
    /// of Y_h − X(T) with X(T) exact on the same path, whose spread is the strong error (O(√h)), so
    /// with 4 000 paths the Monte Carlo error (≤ 0.01) stays below the smallest bias (0.06).
    @Test func eulerMaruyamaHasWeakOrderOne() throws {
        let problem = try Support.gbm()
        let key = RandomKey(seed: 31), paths = 4000, tolerance = 1.0 / 64
        let exact = (0..<paths).map {
            Support.gbmExact(Support.terminalW(key: key, path: $0, tolerance: tolerance, area: false), .ito)
        }
        let steps = [1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32]
        var errors: [Double] = []
        for h in steps {
            let result = try solveEnsemble(
                problem, with: .eulerMaruyama, paths: paths, key: key, brownian: .tree(tolerance: tolerance),
                options: SDESolveOptions(stepSize: h))
            let bias = zip(result.finalStates, exact).map { $0 - $1 }.reduce(0, +) / Double(paths)
            errors.append(abs(bias))
        }
        let order = observedOrder(stepSizes: steps, errors: errors)
        #expect(abs(order - 1) <= 0.3, "weak errors \(errors), observed order \(order)")
    }

    /// Forward with reversible Heun, then backward with its inverse step on the same increments:
    /// every forward state is reconstructed to 1e-12.
    @Test func reversibleHeunBackwardStepReconstructsForwardStates() throws {
        let problem = try SDEProblem(
            y0: [0.3, -0.7], from: 0, to: 1, noise: .general(brownianDimension: 2),
            drift: { t, y, dy in
                dy[0] = sin(y[1]) - 0.5 * y[0]
                dy[1] = cos(t) * y[0] - y[1] * y[1] * 0.1
            },
            diffusion: { _, y, g in
                g[0] = 0.3 * cos(y[0]); g[1] = 0.1
                g[2] = 0.2 * y[1]; g[3] = 0.25 * sin(y[0])
            })
        let scheme = ReversibleHeun()
        let workspace = SDEWorkspace(dimension: 2, noise: problem.noise, states: 4, diffusions: 2)
        var statistics = SDEStatistics()
        var tree = VirtualBrownianTree(key: RandomKey(seed: 4), dimension: 2, from: 0, to: 1, tolerance: 1e-6)
        let h = 1.0 / 200
        var states: [[Double]] = [problem.y0]
        var y = problem.y0, y1 = y, dw = [0.0, 0.0]
        let zero = [0.0, 0.0]
        y.withUnsafeBufferPointer { scheme.start(problem, t: 0, y: $0, workspace: workspace, statistics: &statistics) }
        for k in 0..<200 {
            let t = Double(k) * h
            dw.withUnsafeMutableBufferPointer { tree.increment(from: t, to: t + h, into: $0) }
            dw.withUnsafeBufferPointer { d in
                zero.withUnsafeBufferPointer { a in
                    y.withUnsafeBufferPointer { yb in
                        y1.withUnsafeMutableBufferPointer { out in
                            _ = scheme.step(problem, t: t, y: yb, increment: StochasticIncrement(h: h, dw: d, area: a),
                                            into: out, workspace: workspace, statistics: &statistics, tolerance: nil)
                        }
                    }
                }
            }
            y = y1
            states.append(y)
        }
        var worst = 0.0
        for k in stride(from: 199, through: 0, by: -1) {
            let t = Double(k + 1) * h
            dw.withUnsafeMutableBufferPointer { tree.increment(from: t - h, to: t, into: $0) }
            dw.withUnsafeBufferPointer { d in
                zero.withUnsafeBufferPointer { a in
                    y.withUnsafeBufferPointer { yb in
                        y1.withUnsafeMutableBufferPointer { out in
                            scheme.stepBackward(problem, t: t, y: yb, increment: StochasticIncrement(h: h, dw: d, area: a),
                                                into: out, workspace: workspace, statistics: &statistics)
                        }
                    }
                }
            }
            y = y1
            worst = max(worst, zip(y, states[k]).map { abs($0 - $1) }.max()!)
        }
        #expect(worst < 1e-12, "largest reconstruction error \(worst)")
    }

    /// The same ensemble with 1, 2 and 5 workers gives bit-identical states, means and variances.
    @Test(arguments: [BrownianSource.sequential, .tree(tolerance: 1e-3)])
    func ensembleIsIdenticalForAnyWorkerCount(source: BrownianSource) throws {
        let problem = try Support.gbm()
        let runs = try [1, 2, 5].map { workers in
            try solveEnsemble(problem, with: .eulerMaruyama, paths: 101, key: RandomKey(seed: 12), brownian: source,
                              options: SDESolveOptions(stepSize: 0.01), workers: workers)
        }
        for run in runs.dropFirst() {
            #expect(run.finalStates == runs[0].finalStates)
            #expect(run.mean == runs[0].mean && run.variance == runs[0].variance)
            #expect(run.statistics == runs[0].statistics)
        }
        #expect(runs[0].statistics.acceptedSteps == 101 * 100)
    }

    /// Ensemble members (advanced in lockstep groups) equal the same paths solved one at a time.
    @Test func ensembleMembersEqualIndividualSolves() throws {
        let problem = try Support.gbm()
        let key = RandomKey(seed: 21), options = SDESolveOptions(stepSize: 0.03)
        let sequential = try solveEnsemble(problem, with: .sriw1, paths: 19, key: key, options: options, workers: 2)
        let tree = try solveEnsemble(problem, with: EulerHeun(), paths: 19, key: key, brownian: .tree(tolerance: 1e-3),
                                     options: options, workers: 3)
        for i in 0..<19 {
            var path = SequentialBrownianPath(key: key.split(UInt64(i)), dimension: 1)
            let alone = try solve(problem, with: .sriw1, path: &path, options: options)
            #expect(alone.finalState! == [sequential.finalStates[i]])
            var treePath = VirtualBrownianTree(key: key.split(UInt64(i)), dimension: 1, from: 0, to: 1, tolerance: 1e-3)
            let treeAlone = try solve(problem, with: EulerHeun(), path: &treePath, options: options)
            #expect(treeAlone.finalState! == [tree.finalStates[i]])
        }
        #expect(sequential.statistics.acceptedSteps == 19 * 34)
    }

    /// Adaptive SRIW1 on a tree: rejections re-query the same path, so the result tracks the exact
    /// solution on that path (tight tolerance → small error), and the error shrinks with the tolerance.
    @Test func adaptiveSRIStaysOnTheSamePath() throws {
        let problem = try Support.gbm()
        var meanErrors: [Double] = []
        var rejected = 0
        for tolerance in [1e-2, 1e-4] {
            var total = 0.0
            for i in 0..<50 {
                var tree = VirtualBrownianTree(
                    key: RandomKey(seed: 8).split(UInt64(i)), dimension: 1, from: 0, to: 1, tolerance: 1e-9,
                    spaceTimeArea: true)
                let exact = Support.gbmExact(tree.value(at: 1).w[0], .ito)
                let solution = try solve(
                    problem, with: .sriw1, path: &tree,
                    options: SDESolveOptions(stepSize: 0.1, tolerance: SDETolerance(relative: tolerance, absolute: tolerance)))
                #expect(solution.status == .success)
                total += abs(solution.finalState![0] - exact) / exact
                rejected += solution.statistics.rejectedSteps
            }
            meanErrors.append(total / 50)
        }
        #expect(rejected > 0)
        #expect(meanErrors[1] < 2e-3, "mean relative errors \(meanErrors)")
        #expect(meanErrors[1] < meanErrors[0] / 5, "mean relative errors \(meanErrors)")
    }

    @Test func misuseThrowsTypedErrors() throws {
        #expect(throws: SDEError.nonFinite(what: "y0[0]")) {
            try SDEProblem(y0: [.nan], from: 0, to: 1, drift: { _, _, _ in }, diffusion: { _, _, _ in })
        }
        #expect(throws: SDEError.emptyTimeSpan(t0: 2)) {
            try SDEProblem(y0: [1], from: 2, to: 2, drift: { _, _, _ in }, diffusion: { _, _, _ in })
        }
        let gbm = try Support.gbm()
        var sequential = SequentialBrownianPath(key: RandomKey(seed: 1), dimension: 1)
        #expect(throws: SDEError.self) {
            try solve(gbm, with: .sriw1, path: &sequential, options: SDESolveOptions(stepSize: 0.1, tolerance: SDETolerance()))
        }
        var tree = VirtualBrownianTree(key: RandomKey(seed: 1), dimension: 1, from: 0, to: 1, tolerance: 1e-3)
        #expect(throws: SDEError.self) { try solve(gbm, with: .sra1, path: &tree, options: SDESolveOptions(stepSize: 0.1)) }
        #expect(throws: SDEError.self) { try solve(gbm, with: .sriw1, path: &tree, options: SDESolveOptions(stepSize: 0.1)) }
        #expect(throws: SDEError.self) { try solve(gbm, with: .eulerMaruyama, path: &tree, options: SDESolveOptions(stepSize: -1)) }
        var wrong = SequentialBrownianPath(key: RandomKey(seed: 1), dimension: 2)
        #expect(throws: SDEError.self) { try solve(gbm, with: .eulerMaruyama, path: &wrong, options: SDESolveOptions(stepSize: 0.1)) }
        let noDerivative = try SDEProblem(y0: [1], from: 0, to: 1, drift: { _, _, dy in dy[0] = 0 }, diffusion: { _, y, g in g[0] = y[0] })
        #expect(throws: SDEError.self) { try solve(noDerivative, with: Milstein(), path: &tree, options: SDESolveOptions(stepSize: 0.1)) }
    }

    /// A backward span takes negative steps and ends exactly at t1.
    @Test func backwardSpanEndsAtT1() throws {
        let problem = try SDEProblem(y0: [1], from: 1, to: 0, drift: { _, y, dy in dy[0] = -y[0] }, diffusion: { _, _, g in g[0] = 0.1 })
        var tree = VirtualBrownianTree(key: RandomKey(seed: 2), dimension: 1, from: 0, to: 1, tolerance: 1e-4)
        let solution = try solve(problem, with: .eulerMaruyama, path: &tree, options: SDESolveOptions(stepSize: 0.01, saveEveryStep: true))
        #expect(solution.times.last == 0)
        #expect(solution.count == 101)
    }
}
