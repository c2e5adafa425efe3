import ContinuumNeural
import Testing

@Suite("Minibatch sampler")
struct MinibatchSamplerTests {
    /// Each epoch is a permutation covered exactly once by its batches; seeds reproduce epochs;
    /// over 2000 shuffles of 5 items the first position holds each item 400 ± 5σ times (σ = √320).
    @Test func permutationsAreUniformAndReproducible() throws {
        var sampler = try MinibatchSampler(count: 23, batchSize: 5, seed: 8)
        var twin = try MinibatchSampler(count: 23, batchSize: 5, seed: 8)
        sampler.shuffle()
        twin.shuffle()
        #expect(sampler.order == twin.order)
        #expect(sampler.batchCount == 5)
        let covered = (0..<sampler.batchCount).flatMap { sampler.batch($0) }
        #expect(covered.sorted() == Array(0..<23))
        var small = try MinibatchSampler(count: 5, batchSize: 5, seed: 2)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<2000 {
            small.shuffle()
            counts[small.order[0]] += 1
        }
        #expect(counts.allSatisfy { abs(Double($0) - 400) < 5 * 320.0.squareRoot() })
        #expect(throws: NeuralError.self) { try MinibatchSampler(count: 0, batchSize: 1, seed: 0) }
    }
}
