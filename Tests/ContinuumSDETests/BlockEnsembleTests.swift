import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
@testable import ContinuumSDE

/// The vectorised ensemble route: block normals equal the scalar sampler's bit for bit, and
/// block-solved paths equal single-path solves whatever the workers and blocks.
@Suite struct BlockEnsembleTests {
    typealias Support = SDETestSupport

    /// 20 000 counters × 12 keys: the block sampler returns `normalPair` of each key bit for bit,
    /// including the ≈ 2.8 % of draws that leave the ziggurat's fast path (wedges and tails).
    @Test func blockNormalsMatchScalarNormals() {
        let lanes = 12, block = BlockKeys(capacity: lanes)
        block.reset(key: RandomKey(seed: 77), paths: 0..<lanes)
        let keys = (0..<lanes).map { RandomKey(seed: 77).split(UInt64($0)) }
        var first = [Double](repeating: 0, count: lanes), second = first
        var beyondTail = 0
        for counter in 0..<20_000 as Range<UInt64> {
            first.withUnsafeMutableBufferPointer { a in
                second.withUnsafeMutableBufferPointer { b in
                    GaussianSampler.fillNormals(counter: counter, keys: block, first: a.baseAddress!, second: b.baseAddress!)
                }
            }
            for lane in 0..<lanes {
                let (x, y) = GaussianSampler.normalPair(key: keys[lane], counter: counter)
                #expect(first[lane].bitPattern == x.bitPattern && second[lane].bitPattern == y.bitPattern)
                if abs(x) > GaussianSampler.tailStart { beyondTail += 1 }
            }
        }
        #expect(beyondTail > 0)
    }

    /// 64 keys × 2 000 counters × 2 = 256 000 block normals: mean within 5 standard errors of 0,
    /// variance of 1 (standard error √(2/N)), kurtosis of 3 (standard error √(24/N)), KS distance
    /// to N(0, 1) below the 99.9 % critical value, and P(|Z| > 3) = 0.0027 within 5σ.
    @Test func blockNormalsAreStandardNormal() {
        let lanes = 64, counters = 2000, block = BlockKeys(capacity: lanes)
        block.reset(key: RandomKey(seed: 1234), paths: 0..<lanes)
        var sample = [Double](repeating: 0, count: 2 * lanes * counters)
        sample.withUnsafeMutableBufferPointer { out in
            for c in 0..<counters {
                let first = out.baseAddress! + 2 * lanes * c
                GaussianSampler.fillNormals(counter: UInt64(c), keys: block, first: first, second: first + lanes)
            }
        }
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let variance = sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        let kurtosis = sample.map { pow($0 - mean, 4) }.reduce(0, +) / n / (variance * variance)
        #expect(abs(mean) < 5 / n.squareRoot(), "mean \(mean)")
        #expect(abs(variance - 1) < 5 * (2 / n).squareRoot(), "variance \(variance)")
        #expect(abs(kurtosis - 3) < 5 * (24 / n).squareRoot(), "kurtosis \(kurtosis)")
        let distance = Support.ksDistanceToNormal(sample)
        #expect(distance < Support.ksCritical(sample.count), "KS distance \(distance)")
        let tail = Double(sample.filter { abs($0) > 3 }.count), expected = 0.0026998 * n
        #expect(abs(tail - expected) < 5 * expected.squareRoot(), "tail count \(tail), expected \(expected)")
    }

    /// Euler-Maruyama ensembles (diagonal, scalar and general noise) on the vectorised route: every
    /// final state equals the single-path solve of the same index, for 1, 2 and 3 workers (so for
    /// different blocks), and the counters are those of the single-path solves.
    @Test(arguments: [NoiseKind.diagonal, .scalar, .general(brownianDimension: 3)])
    func blockMembersEqualSingleSolves(noise: NoiseKind) throws {
        let problem = try SDEProblem(
            y0: [1, 0.5], from: 0, to: 1, noise: noise,
            drift: { _, y, dy in dy[0] = 0.5 * y[0] - y[1]; dy[1] = sin(y[0]) },
            diffusion: { _, y, g in for k in 0..<g.count { g[k] = 0.2 * Double(k + 1) * y[k % 2] } })
        let key = RandomKey(seed: 5), options = SDESolveOptions(stepSize: 0.03), paths = 301
        let runs = try [1, 2, 3].map { workers in
            try solveEnsemble(problem, with: .eulerMaruyama, paths: paths, key: key, options: options, workers: workers)
        }
        for run in runs.dropFirst() { #expect(run.finalStates == runs[0].finalStates) }
        var statistics = SDEStatistics()
        for i in [0, 1, 4, 5, 150, 255, 256, 299, 300] {
            var path = SequentialBrownianPath(key: key.split(UInt64(i)), dimension: problem.brownianDimension)
            let alone = try solve(problem, with: .eulerMaruyama, path: &path, options: options)
            #expect(alone.finalState! == Array(runs[0].finalStates[(2 * i)..<(2 * i + 2)]), "path \(i)")
            statistics = alone.statistics
        }
        #expect(runs[0].statistics.acceptedSteps == paths * statistics.acceptedSteps)
        #expect(runs[0].statistics.driftEvaluations == paths * statistics.driftEvaluations)
    }

    /// A path that blows up is reported as failed with the single-path solve's non-finite state,
    /// and kept paths are saved at every step, while the others take the vectorised route.
    @Test func failuresAndKeptPathsMatchSingleSolves() throws {
        let problem = try SDEProblem(
            y0: [1], from: 0, to: 1, drift: { _, y, dy in dy[0] = y[0] * y[0] * 40 }, diffusion: { _, y, g in g[0] = 3 * y[0] })
        let key = RandomKey(seed: 9), options = SDESolveOptions(stepSize: 0.01)
        let result = try solveEnsemble(problem, with: .eulerMaruyama, paths: 40, key: key, options: options, keepingPaths: 2)
        #expect(result.failures > 0)
        #expect(result.keptPaths.count == 2 && result.keptPaths[0].count > 2)
        for i in 0..<40 {
            var path = SequentialBrownianPath(key: key.split(UInt64(i)), dimension: 1)
            let alone = try solve(problem, with: .eulerMaruyama, path: &path, options: options)
            #expect(alone.finalState![0].bitPattern == result.finalStates[i].bitPattern)
        }
    }

    /// The block tree queried in a random order (jumping across the domain, revisiting times)
    /// returns, in every lane, the bits of that lane's own ``VirtualBrownianTree``.
    @Test func treeBlockMatchesSingleTreesInAnyOrder() {
        let key = RandomKey(seed: 61), m = 2, paths = 5..<12
        let block = VirtualBrownianTreeBlock(dimension: m, capacity: 8, from: 0.5, to: 2, tolerance: 1e-5)
        block.reset(key: key, paths: paths)
        var trees = paths.map {
            VirtualBrownianTree(key: key.split(UInt64($0)), dimension: m, from: 0.5, to: 2, tolerance: 1e-5)
        }
        var generator = RandomStream(seed: 8)
        var dw = [Double](repeating: 0, count: block.lanes * m), single = [0.0, 0.0]
        var s = 0.5
        for step in 0..<300 {
            let t = step % 7 == 0 ? s : 0.5 + 1.5 * generator.nextUniform()
            let (values, scale) = block.increments(from: s, to: t)
            for k in dw.indices { dw[k] = scale * values[k] }
            for (lane, _) in paths.enumerated() {
                single.withUnsafeMutableBufferPointer { trees[lane].increment(from: s, to: t, into: $0) }
                #expect(single.map(\.bitPattern) == dw[(lane * m)..<(lane * m + m)].map(\.bitPattern), "lane \(lane), step \(step)")
            }
            s = step % 5 == 0 ? 0.5 + 1.5 * generator.nextUniform() : t
        }
    }

    /// Euler-Maruyama on the tree through the block route: members equal single-path solves on
    /// their own trees, for any worker count.
    @Test func treeEnsembleMembersEqualSingleSolves() throws {
        let problem = try Support.gbm()
        let key = RandomKey(seed: 23), options = SDESolveOptions(stepSize: 0.007), paths = 263
        let runs = try [1, 2, 3].map { workers in
            try solveEnsemble(problem, with: .eulerMaruyama, paths: paths, key: key, brownian: .tree(tolerance: 1e-4),
                              options: options, workers: workers)
        }
        for run in runs.dropFirst() { #expect(run.finalStates == runs[0].finalStates) }
        for i in [0, 3, 4, 100, 131, 132, 262] {
            var tree = VirtualBrownianTree(key: key.split(UInt64(i)), dimension: 1, from: 0, to: 1, tolerance: 1e-4)
            let alone = try solve(problem, with: .eulerMaruyama, path: &tree, options: options)
            #expect(alone.finalState![0].bitPattern == runs[0].finalStates[i].bitPattern, "path \(i)")
        }
    }

    /// A backward span (negative steps, last step cut) with fewer paths than one vector of lanes,
    /// on both Brownian sources: every member equals its single-path solve.
    @Test(arguments: [BrownianSource.sequential, .tree(tolerance: 1e-3)])
    func backwardSpanWithFewPathsMatchesSingleSolves(source: BrownianSource) throws {
        let problem = try SDEProblem(
            y0: [0.7], from: 1, to: 0.05, drift: { _, y, dy in dy[0] = -y[0] }, diffusion: { _, y, g in g[0] = 0.4 * y[0] })
        let key = RandomKey(seed: 3), options = SDESolveOptions(stepSize: 0.04)
        let result = try solveEnsemble(problem, with: .eulerMaruyama, paths: 3, key: key, brownian: source, options: options)
        for i in 0..<3 {
            let alone: SDESolution
            if case let .tree(tolerance) = source {
                var tree = VirtualBrownianTree(key: key.split(UInt64(i)), dimension: 1, from: 1, to: 0.05, tolerance: tolerance)
                alone = try solve(problem, with: .eulerMaruyama, path: &tree, options: options)
            } else {
                var path = SequentialBrownianPath(key: key.split(UInt64(i)), dimension: 1)
                alone = try solve(problem, with: .eulerMaruyama, path: &path, options: options)
            }
            #expect(alone.finalState![0].bitPattern == result.finalStates[i].bitPattern, "path \(i)")
        }
        #expect(result.statistics.acceptedSteps == 3 * 24)
    }
}
