import ContinuumNumerics
import Foundation
import Testing
@testable import ContinuumSDE

/// The Brownian interval: Gaussian independent increments, additivity, and the same answer for an
/// interval queried again after any other queries and cache evictions.
@Suite struct BrownianIntervalTests {
    typealias Support = SDETestSupport

    /// 3 000 paths, each swept forward in 50 steps: the normalised increments of steps 0, 17 and 49
    /// pass KS against N(0, 1) at 99.9 %, and are uncorrelated (|ρ| < 4/√N).
    @Test func forwardSweepIncrementsAreIndependentGaussians() {
        let paths = 3000
        var samples = [[Double]](repeating: [], count: 3)
        var dw = [0.0]
        for i in 0..<paths {
            var path = BrownianInterval(key: RandomKey(seed: 41).split(UInt64(i)), dimension: 1, from: 0, to: 2, cacheCapacity: 8)
            for k in 0..<50 {
                let (s, t) = (0.04 * Double(k), 0.04 * Double(k + 1))
                dw.withUnsafeMutableBufferPointer { path.increment(from: s, to: t, into: $0) }
                if let slot = [0: 0, 17: 1, 49: 2][k] { samples[slot].append(dw[0] / 0.2) }
            }
        }
        for sample in samples {
            #expect(Support.ksDistanceToNormal(sample) < Support.ksCritical(paths))
        }
        #expect(abs(Support.correlation(samples[0], samples[1])) < 4 / Double(paths).squareRoot())
        #expect(abs(Support.correlation(samples[1], samples[2])) < 4 / Double(paths).squareRoot())
    }

    /// Forward sweep, then a backward sweep over the same steps with a cache of 4 entries (so
    /// nearly every value is evicted and recomputed): bit-identical increments; and the increment
    /// over the whole span equals the sum of the steps.
    @Test func requeriedIntervalsAreBitIdenticalAfterEviction() {
        var path = BrownianInterval(key: RandomKey(seed: 5), dimension: 2, from: 0, to: 1, cacheCapacity: 4)
        let times = (0...300).map { Double($0) / 300 }
        var dw = [0.0, 0.0]
        var forward: [[Double]] = []
        for k in 0..<300 {
            dw.withUnsafeMutableBufferPointer { path.increment(from: times[k], to: times[k + 1], into: $0) }
            forward.append(dw)
        }
        for k in stride(from: 299, through: 0, by: -1) {
            dw.withUnsafeMutableBufferPointer { path.increment(from: times[k], to: times[k + 1], into: $0) }
            #expect(dw == forward[k], "step \(k)")
        }
        dw.withUnsafeMutableBufferPointer { path.increment(from: 0, to: 1, into: $0) }
        for j in 0..<2 {
            let sum = forward.map { $0[j] }.reduce(0, +)
            #expect(abs(dw[j] - sum) < 1e-12)
        }
        // Reversed arguments give the negated increment.
        var reversed = [0.0, 0.0]
        reversed.withUnsafeMutableBufferPointer { path.increment(from: times[7], to: times[3], into: $0) }
        dw.withUnsafeMutableBufferPointer { path.increment(from: times[3], to: times[7], into: $0) }
        #expect(reversed == dw.map { -$0 })
        #expect(path.nodeCount < 4 * 301)
    }

    /// Euler-Maruyama runs on it like on any path (fixed steps).
    @Test func drivesASolve() throws {
        let problem = try SDETestSupport.gbm()
        var path = BrownianInterval(key: RandomKey(seed: 3), dimension: 1, from: 0, to: 1)
        let solution = try solve(problem, with: .eulerMaruyama, path: &path, options: SDESolveOptions(stepSize: 0.01))
        #expect(solution.status == .success && solution.statistics.acceptedSteps == 100)
    }
}
