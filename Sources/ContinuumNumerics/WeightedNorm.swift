/// Error norms used by step-size control.
///
/// Solvers measure a local error vector `e` against the mixed tolerance
/// `scᵢ = atolᵢ + rtol · max(|y₀ᵢ|, |y₁ᵢ|)` in the root-mean-square norm
/// `‖e‖ = sqrt((1/n) Σ (eᵢ/scᵢ)²)` (Hairer, Nørsett & Wanner, *Solving ODEs I*, II.4). A step is
/// accepted when the norm is at most one.
public enum WeightedNorm {
    /// `sqrt((1/n) Σ (eᵢ / (atolᵢ + rtol · max(|aᵢ|, |bᵢ|)))²)`.
    ///
    /// - Parameters:
    ///   - error: the error vector `e` (length `count`).
    ///   - a: the state at the start of the step.
    ///   - b: the state at the end of the step (may equal `a`).
    ///   - tolerance: relative and absolute tolerances.
    @inlinable
    public static func rms(
        _ error: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        count: Int, tolerance: Tolerance
    ) -> Double {
        let sum = sumOfSquares(error, a, b, count: count, tolerance: tolerance)
        return (sum / Double(tolerance.controlledCount(of: count))).squareRoot()
    }

    /// `Σ (eᵢ / (atolᵢ + rtol · max(|aᵢ|, |bᵢ|)))²`: the unnormalised square of ``rms(_:_:_:count:tolerance:)``.
    @inlinable
    public static func sumOfSquares(
        _ error: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        count: Int, tolerance: Tolerance
    ) -> Double {
        var sum = 0.0
        let count = tolerance.controlledCount(of: count)
        let rtol = tolerance.relative
        if let atolVector = tolerance.absoluteVector {
            for i in 0..<count {
                let scale = atolVector[i] + rtol * max(abs(a[i]), abs(b[i]))
                let r = error[i] / scale
                sum += r * r
            }
        } else {
            let atol = tolerance.absolute
            for i in 0..<count {
                let scale = atol + rtol * max(abs(a[i]), abs(b[i]))
                let r = error[i] / scale
                sum += r * r
            }
        }
        return sum
    }
}
