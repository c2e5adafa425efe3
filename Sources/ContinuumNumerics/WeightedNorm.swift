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
        meanSquare(error, a, b, count: count, tolerance: tolerance).squareRoot()
    }

    /// `(1/n) Σ (eᵢ / (atolᵢ + rtol · max(|aᵢ|, |bᵢ|)))²`: the square of ``rms(_:_:_:count:tolerance:)``.
    ///
    /// Step-size control works with this square: the accept test `‖e‖ ≤ 1` is `‖e‖² ≤ 1`, and the
    /// controller needs only `log ‖e‖ = ½ log ‖e‖²`, so no square root sits on the chain from a
    /// step's error to the next step's size (a square root there was 4 % of a Lorenz solve).
    @inlinable
    public static func meanSquare(
        _ error: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        count: Int, tolerance: Tolerance
    ) -> Double {
        // A product with `1/n`, which does not wait for the sum: a division here also sat on the
        // critical path.
        let meanWeight = 1 / Double(tolerance.controlledCount(of: count))
        return sumOfSquares(error, a, b, count: count, tolerance: tolerance) * meanWeight
    }

    /// `1 / (atol + rtol · max(|a|, |b|))`: the weight of one component of an error vector.
    @inlinable @inline(__always)
    public static func weight(absolute atol: Double, relative rtol: Double, _ a: Double, _ b: Double) -> Double {
        1 / (atol + rtol * max(abs(a), abs(b)))
    }

    /// `Σ (eᵢ / (atolᵢ + rtol · max(|aᵢ|, |bᵢ|)))²`: the unnormalised square of ``rms(_:_:_:count:tolerance:)``.
    ///
    /// Each `eᵢ` is multiplied by the reciprocal of its scale (within an ulp of the quotient): the
    /// reciprocals depend only on the states, so they are computed while `e` is still being formed,
    /// and no division waits for the error.
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
                let r = error[i] * weight(absolute: atolVector[i], relative: rtol, a[i], b[i])
                sum += r * r
            }
        } else {
            let atol = tolerance.absolute
            for i in 0..<count {
                let r = error[i] * weight(absolute: atol, relative: rtol, a[i], b[i])
                sum += r * r
            }
        }
        return sum
    }
}
