import ContinuumNumerics
import Foundation

/// Standard normal numbers as a pure function of `(key, counter)`: Marsaglia and Tsang's ziggurat
/// (512 layers, in Doornik's formulation) on Philox-4×32-10 blocks.
///
/// One block gives two normals: each 64-bit half supplies 9 layer bits and 53 bits of a uniform in
/// (-1, 1). About 99.2 % of draws take the fast path (one comparison, one multiplication); the
/// other wedge and tail draws take further uniforms from counters `(counter, attempt, tag)` that no
/// other draw uses, so the result never depends on evaluation order. The wedge test costs one
/// `exp` (the layers' densities are tabulated). This is several times cheaper than Box-Muller (no
/// logarithm or trigonometry on the fast path).
public enum GaussianSampler {
    @usableFromInline static let layers = 512
    /// The low bits that pick a layer (`layers` is a power of two).
    @usableFromInline static var layerMask: UInt64 { UInt64(layers - 1) }
    /// `r` and `V = r φ(r) + ∫ᵣ^∞ φ` of the 512-layer ziggurat (φ unnormalised), solved so that the
    /// layer recursion closes at `x₅₁₂ = 0` to 1e-14.
    @usableFromInline static let tailStart = 3.8520461503683916
    @usableFromInline static let layerVolume = 2.456766351541353e-3
    @usableFromInline static let retryTag: UInt32 = 0x5A16_0001

    /// Layer abscissae `x₀ > x₁ = r > … > x₅₁₂ = 0` (`x₀ = V / φ(r)` is the base strip's width).
    @usableFromInline static let x: [Double] = {
        var x = [Double](repeating: 0, count: layers + 1)
        var f = exp(-0.5 * tailStart * tailStart)
        x[0] = layerVolume / f
        x[1] = tailStart
        for i in 2..<layers {
            x[i] = (-2 * log(layerVolume / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        return x
    }()

    /// Fast-path thresholds `xᵢ₊₁ / xᵢ`.
    @usableFromInline static let ratio: [Double] = (0..<layers).map { x[$0 + 1] / x[$0] }

    /// Two independent standard normal numbers for `counter` under `key`.
    @inlinable @inline(__always)
    public static func normalPair(key: RandomKey, counter: UInt64) -> (Double, Double) {
        let (a, b) = PhiloxKernel.halves(key: key, index: counter)
        return (normal(bits: a, key: key, counter: counter, lane: 0), normal(bits: b, key: key, counter: counter, lane: 1))
    }

    /// The first of the two normals of ``normalPair(key:counter:)`` (same value, half the work).
    @inlinable @inline(__always)
    public static func firstNormal(key: RandomKey, counter: UInt64) -> Double {
        let (a, _) = PhiloxKernel.halves(key: key, index: counter)
        return normal(bits: a, key: key, counter: counter, lane: 0)
    }

    /// `xᵢ` and `xᵢ₊₁/xᵢ` interleaved (then `x₅₁₂ = 0`), followed by the densities
    /// `exp(−xᵢ²/2)` from ``densityOffset``, in memory that lives as long as the process.
    @usableFromInline nonisolated(unsafe) static let table: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: densityOffset + layers + 1)
        for i in 0..<layers {
            table[2 * i] = x[i]
            table[2 * i + 1] = ratio[i]
        }
        (table[2 * layers], table[2 * layers + 1]) = (x[layers], 0)
        for i in 0...layers { table[densityOffset + i] = exp(-0.5 * x[i] * x[i]) }
        return UnsafePointer(table)
    }()

    /// Where the densities start in ``table``.
    @usableFromInline static var densityOffset: Int { 2 * layers + 2 }

    @inlinable @inline(__always)
    static func normal(bits: UInt64, key: RandomKey, counter: UInt64, lane: UInt32) -> Double {
        normal(bits: bits, key: key, counter: counter, lane: lane, table: Self.table)
    }

    /// The normal of 64 random bits (`lane` 0 or 1 of the block at `counter`): the layer from the
    /// low 9 bits, `u ∈ (−1, 1)` from the top 53; `table` is ``table`` (read once by loops).
    @inlinable @inline(__always)
    static func normal(bits: UInt64, key: RandomKey, counter: UInt64, lane: UInt32, table: UnsafePointer<Double>) -> Double {
        let layer = Int(truncatingIfNeeded: bits & layerMask)
        let u = 2 * ((Double(bits >> 11) + 0.5) * 0x1p-53) - 1
        if abs(u) < table[2 * layer + 1] { return u * table[2 * layer] }
        return slowPath(u: u, layer: layer, key: key, counter: counter, lane: lane, table: table)
    }

    /// The wedge and tail of the ziggurat: rejection sampling with uniforms from retry counters.
    /// Kept out of line: it is rare, and inlined into the vector loops it would crowd them.
    @usableFromInline @inline(never)
    static func slowPath(
        u firstU: Double, layer firstLayer: Int, key: RandomKey, counter: UInt64, lane: UInt32, table: UnsafePointer<Double>
    ) -> Double {
        var u = firstU
        var layer = firstLayer
        var attempt: UInt32 = 0
        while true {
            if abs(u) < table[2 * layer + 1] { return u * table[2 * layer] }
            if layer == 0 {
                // Marsaglia's tail beyond r: exponential proposals accepted with the normal's ratio.
                while true {
                    attempt &+= 1
                    let extra = retry(key: key, counter: counter, attempt: attempt, lane: lane)
                    let tx = log(extra.0) / tailStart
                    let ty = log(extra.1)
                    if -2 * ty >= tx * tx { return u < 0 ? tx - tailStart : tailStart - tx }
                }
            }
            // The wedge between xᵢ₊₁ and xᵢ: accept when a uniform height between the layer's
            // densities falls under the density at the candidate.
            let candidate = u * table[2 * layer]
            let inner = table[densityOffset + layer + 1], outer = table[densityOffset + layer]
            attempt &+= 1
            let extra = retry(key: key, counter: counter, attempt: attempt, lane: lane)
            if inner + extra.0 * (outer - inner) < exp(-0.5 * candidate * candidate) { return candidate }
            u = 2 * extra.1 - 1
            layer = extra.2
        }
    }

    /// Retry `attempt` of the draw at (`counter`, `lane`): two uniforms in (0, 1) and a layer, from
    /// the block at counter words `(counter, attempt · 2 + lane, retryTag)`, which no first draw uses.
    @inline(__always)
    static func retry(key: RandomKey, counter: UInt64, attempt: UInt32, lane: UInt32) -> (Double, Double, Int) {
        let block = PhiloxKernel.block(
            UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32),
            attempt << 1 | lane, retryTag, key: key)
        let first = UInt64(block.1) << 32 | UInt64(block.0), second = UInt64(block.3) << 32 | UInt64(block.2)
        return ((Double(first >> 11) + 0.5) * 0x1p-53, (Double(second >> 11) + 0.5) * 0x1p-53, Int(truncatingIfNeeded: second & layerMask))
    }
}
