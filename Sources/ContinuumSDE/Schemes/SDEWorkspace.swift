/// Preallocated buffers for one solve: `states` vectors of length `n` and `diffusions` buffers of
/// the diffusion's size, plus the step's increments. Created once per solve; steps allocate nothing.
public final class SDEWorkspace {
    public let dimension: Int, brownianDimension: Int, diffusionCount: Int
    @usableFromInline let stateStorage: UnsafeMutableBufferPointer<Double>
    @usableFromInline let diffusionStorage: UnsafeMutableBufferPointer<Double>
    /// `ΔW` and `H` of the current step.
    public let dw: UnsafeMutableBufferPointer<Double>, area: UnsafeMutableBufferPointer<Double>
    /// Three scratch vectors of one entry per Brownian component (iterated-integral factors).
    public let brownianScratch: UnsafeMutableBufferPointer<Double>

    public init(dimension n: Int, noise: NoiseKind, states: Int, diffusions: Int) {
        dimension = n
        brownianDimension = noise.brownianDimension(stateDimension: n)
        diffusionCount = noise.diffusionCount(stateDimension: n)
        stateStorage = .allocate(capacity: max(states * n, 1))
        stateStorage.initialize(repeating: 0)
        diffusionStorage = .allocate(capacity: max(diffusions * diffusionCount, 1))
        diffusionStorage.initialize(repeating: 0)
        dw = .allocate(capacity: brownianDimension)
        dw.initialize(repeating: 0)
        area = .allocate(capacity: brownianDimension)
        area.initialize(repeating: 0)
        brownianScratch = .allocate(capacity: 3 * brownianDimension)
        brownianScratch.initialize(repeating: 0)
    }

    /// State buffer `i`.
    @inlinable
    public func state(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: stateStorage.baseAddress! + i * dimension, count: dimension)
    }

    /// Diffusion buffer `i`.
    @inlinable
    public func diffusion(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: diffusionStorage.baseAddress! + i * diffusionCount, count: diffusionCount)
    }

    deinit {
        stateStorage.deallocate()
        diffusionStorage.deallocate()
        dw.deallocate()
        area.deallocate()
        brownianScratch.deallocate()
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The same memory, read-only.
    @inlinable var readOnly: UnsafeBufferPointer<Double> { UnsafeBufferPointer(self) }
}

/// `δ|E₁| + |E₂|` scaled by `atol + rtol · max(|y|, |y₁|)`, root-mean-square over components.
@inlinable
func scaledErrorNorm(
    drift e1: UnsafeMutableBufferPointer<Double>, diffusion e2: UnsafeMutableBufferPointer<Double>,
    y: UnsafeBufferPointer<Double>, y1: UnsafeMutableBufferPointer<Double>, tolerance: SDETolerance
) -> Double {
    var sum = 0.0
    for i in 0..<y.count {
        let scale = tolerance.absolute + tolerance.relative * max(abs(y[i]), abs(y1[i]))
        let e = (tolerance.driftWeight * abs(e1[i]) + abs(e2[i])) / scale
        sum += e * e
    }
    return (sum / Double(max(y.count, 1))).squareRoot()
}
