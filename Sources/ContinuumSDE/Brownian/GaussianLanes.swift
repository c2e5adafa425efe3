import ContinuumNumerics

/// The words of four consecutive keys as the lanes of ``PhiloxLanes``.
@usableFromInline
struct KeyLanes {
    @usableFromInline let words0: PhiloxLanes.Words, words1: PhiloxLanes.Words

    /// The keys `keys[0 ..< 4]` (which must stay valid while the lanes are used).
    @inlinable @inline(__always)
    init(_ keys: UnsafePointer<RandomKey>) {
        let (a, b, c, d) = (keys[0].laneWords, keys[1].laneWords, keys[2].laneWords, keys[3].laneWords)
        words0 = PhiloxLanes.Words(a.0, b.0, c.0, d.0)
        words1 = PhiloxLanes.Words(a.1, b.1, c.1, d.1)
    }
}

extension GaussianSampler {
    /// ``normalPair(key:counter:)`` of `lanes` keys (a multiple of 4) at one counter, bit for bit:
    /// the first normals into `first[p]`, the second into `second[p]` (skipped when `nil`).
    ///
    /// Two passes: the Philox blocks four keys at a time (``PhiloxLanes``), stored as raw bits in
    /// the output, then the ziggurat over the bits in one scalar loop; without vector gathers its
    /// table lookups make a scalar loop cheaper than a vector one. The rare wedge and tail draws
    /// call ``slowPath(u:layer:key:counter:lane:)`` as the scalar sampler does.
    @inlinable
    static func fillNormals(
        counter: UInt64, keys: UnsafePointer<RandomKey>, lanes: Int,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>?
    ) {
        let firstBits = UnsafeMutableRawPointer(first), secondBits = second.map(UnsafeMutableRawPointer.init)
        for p in stride(from: 0, to: lanes, by: 4) {
            let lane = KeyLanes(keys + p)
            let (a, b) = PhiloxLanes.halves(counter: counter, key: lane.words0, lane.words1)
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
