import ContinuumNumerics
import Foundation
import Testing
@testable import ContinuumSDE

/// The Brownian paths: distribution of increments and areas, independence, and same answers in any order.
@Suite struct BrownianPathTests {
    typealias Support = SDETestSupport

    /// The unrolled scalar Philox is the generator of ContinuumNumerics, bit for bit.
    @Test func philoxKernelMatchesPhilox() {
        var stream = RandomStream(seed: 17)
        for _ in 0..<1000 {
            let key = RandomKey(seed: UInt64(stream.nextUniform() * 0x1p53))
            let words = (0..<4).map { _ in UInt32(stream.nextUniform() * 0x1p32) }
            let reference = Philox.block(counter: SIMD4(words[0], words[1], words[2], words[3]), key: key.bits)
            let kernel = PhiloxKernel.block(words[0], words[1], words[2], words[3], key: key)
            #expect([kernel.0, kernel.1, kernel.2, kernel.3] == [reference[0], reference[1], reference[2], reference[3]])
        }
    }

    @Test func zigguratNormalsAreStandardNormal() {
        let key = RandomKey(seed: 11)
        var sample: [Double] = []
        for c in 0..<20_000 {
            let (a, b) = GaussianSampler.normalPair(key: key, counter: UInt64(c))
            sample += [a, b]
        }
        let distance = Support.ksDistanceToNormal(sample)
        #expect(distance < Support.ksCritical(sample.count), "KS distance \(distance)")
        // Tails come from the slow path: P(|Z| > 3) = 0.0027, 40000 draws → 108 ± 10.4 (4σ band).
        let tail = sample.filter { abs($0) > 3 }.count
        #expect(abs(Double(tail) - 108) < 42, "tail count \(tail)")
        let fourth = sample.map { $0 * $0 * $0 * $0 }.reduce(0, +) / Double(sample.count)
        #expect(abs(fourth - 3) < 0.2, "fourth moment \(fourth)")
    }

    /// Increments over disjoint intervals (dyadic and not) of 3000 independent trees: each
    /// normalised increment passes KS against N(0, 1) at 99.9 %, and the correlations of disjoint
    /// increments are below 4/√N (≈ 4σ).
    @Test(arguments: [false, true])
    func treeIncrementsAreIndependentGaussians(area: Bool) {
        let intervals: [(Double, Double)] = [(0, 0.25), (0.25, 0.5), (0.5, 0.8125), (0.8125, 1), (0.1, 0.3)]
        let paths = 3000
        var samples = [[Double]](repeating: [], count: intervals.count)
        let key = RandomKey(seed: 2024)
        var dw = [0.0]
        for i in 0..<paths {
            var tree = VirtualBrownianTree(
                key: key.split(UInt64(i)), dimension: 1, from: 0, to: 1, tolerance: 1e-6, spaceTimeArea: area)
            for (k, (s, t)) in intervals.enumerated() {
                dw.withUnsafeMutableBufferPointer { tree.increment(from: s, to: t, into: $0) }
                samples[k].append(dw[0] / (t - s).squareRoot())
            }
        }
        for (k, sample) in samples.enumerated() {
            let distance = Support.ksDistanceToNormal(sample)
            #expect(distance < Support.ksCritical(paths), "interval \(intervals[k]): KS \(distance)")
        }
        for a in 0..<4 {
            for b in (a + 1)..<4 {
                let rho = Support.correlation(samples[a], samples[b])
                #expect(abs(rho) < 4 / Double(paths).squareRoot(), "intervals \(a), \(b): correlation \(rho)")
            }
        }
    }

    /// The space-time area over [s, t] is N(0, h/12) and independent of the increment.
    @Test func treeAreasHaveTheirLaw() {
        let paths = 3000
        var areas: [Double] = [], increments: [Double] = []
        var dw = [0.0], area = [0.0]
        for i in 0..<paths {
            var tree = VirtualBrownianTree(
                key: RandomKey(seed: 5).split(UInt64(i)), dimension: 1, from: 0, to: 2, tolerance: 1e-4, spaceTimeArea: true)
            dw.withUnsafeMutableBufferPointer { d in
                area.withUnsafeMutableBufferPointer { a in tree.increment(from: 0.5, to: 1.5, into: d, area: a) }
            }
            areas.append(area[0] * 12.0.squareRoot())
            increments.append(dw[0])
        }
        let distance = Support.ksDistanceToNormal(areas)
        #expect(distance < Support.ksCritical(paths), "KS of 12^½ H: \(distance)")
        #expect(abs(Support.correlation(areas, increments)) < 4 / Double(paths).squareRoot())
    }

    /// Queries in a shuffled order, and interleaved with unrelated queries, return the same bits.
    @Test(arguments: [false, true])
    func treeQueriesAreBitIdenticalInAnyOrder(area: Bool) {
        let key = RandomKey(seed: 99)
        let grid = (0...200).map { 0.3 + 1.7 * Double($0) / 200 }
        func makeTree() -> VirtualBrownianTree {
            VirtualBrownianTree(key: key, dimension: 3, from: 0.3, to: 2, tolerance: 1e-7, spaceTimeArea: area)
        }
        var forward = makeTree()
        let reference = grid.map { forward.value(at: $0) }
        var generator = RandomStream(seed: 3)
        var order = Array(grid.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.nextUniform() * Double(i + 1)))
        }
        var shuffled = makeTree()
        for i in order {
            _ = shuffled.value(at: 0.3 + 1.7 * generator.nextUniform())
            let value = shuffled.value(at: grid[i])
            #expect(value.w == reference[i].w && value.integral == reference[i].integral, "t = \(grid[i])")
        }
        // Increments: forward sweep versus backward sweep.
        var a = makeTree(), b = makeTree()
        var dwA = [Double](repeating: 0, count: 3), dwB = dwA
        for k in stride(from: grid.count - 2, through: 0, by: -1) {
            dwB.withUnsafeMutableBufferPointer { b.increment(from: grid[k], to: grid[k + 1], into: $0) }
            dwA.withUnsafeMutableBufferPointer { a.increment(from: grid[k], to: grid[k + 1], into: $0) }
            _ = a.value(at: grid[(k * 37) % grid.count])
            #expect(dwA == dwB)
        }
    }

    @Test func sequentialIncrementsAreGaussianWithTheRightVariance() {
        var path = SequentialBrownianPath(key: RandomKey(seed: 8), dimension: 2)
        var dw = [0.0, 0.0]
        var sample: [Double] = []
        for _ in 0..<5000 {
            dw.withUnsafeMutableBufferPointer { path.increment(from: 0, to: 0.01, into: $0) }
            sample += dw.map { $0 / 0.1 }
        }
        let distance = Support.ksDistanceToNormal(sample)
        #expect(distance < Support.ksCritical(sample.count), "KS \(distance)")
    }
}
