import ContinuumNumerics

extension GaussianSampler {
    /// ``normalPair(key:counter:)`` of a block's keys at one counter, bit for bit:
    /// the first normals into `first[p]`, the second into `second[p]` (skipped when `nil`).
    ///
    /// Two passes: the Philox blocks four keys at a time (``PhiloxLanes``), stored as raw bits in
    /// the output, then the ziggurat over the bits in one scalar loop; without vector gathers its
    /// table lookups make a scalar loop cheaper than a vector one. The rare wedge and tail draws
    /// call ``slowPath(u:layer:key:counter:lane:table:)`` as the scalar sampler does.
    @inlinable
    static func fillNormals(
        counter: UInt64, keys block: BlockKeys, first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>?
    ) {
        let lanes = block.lanes, keys = block.keys, words = block.words
        let firstBits = UnsafeMutableRawPointer(first), secondBits = second.map(UnsafeMutableRawPointer.init)
        for p in stride(from: 0, to: lanes, by: 4) {
            let (a, b) = PhiloxLanes.halves(counter: counter, key: words[p / 2], words[p / 2 + 1])
            firstBits.storeBytes(of: a, toByteOffset: 8 &* p, as: SIMD4<UInt64>.self)
            secondBits?.storeBytes(of: b, toByteOffset: 8 &* p, as: SIMD4<UInt64>.self)
        }
        let table = Self.table
        for p in 0..<lanes {
            let bits = firstBits.load(fromByteOffset: 8 &* p, as: UInt64.self)
            first[p] = normal(bits: bits, key: keys[p], counter: counter, lane: 0, table: table)
        }
        if let second, let secondBits {
            for p in 0..<lanes {
                let bits = secondBits.load(fromByteOffset: 8 &* p, as: UInt64.self)
                second[p] = normal(bits: bits, key: keys[p], counter: counter, lane: 1, table: table)
            }
        }
    }
}
