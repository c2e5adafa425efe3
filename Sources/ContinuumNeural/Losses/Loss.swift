/// A pointwise regression loss averaged over the entries of a prediction, with its gradient.
///
/// With residuals `rₖ = predictionₖ − targetₖ` and mask weights `mₖ` (all 1 without a mask),
/// the loss is `L = Σ mₖ ℓ(rₖ) / Σ mₖ` and `∂L/∂predictionₖ = mₖ ℓ′(rₖ) / Σ mₖ`. Entries with
/// `mₖ = 0` are skipped outright, so missing targets may be NaN; if every entry is masked the loss
/// and gradient are 0.
///
/// | case | `ℓ(r)` | `ℓ′(r)` |
/// |---|---|---|
/// | `meanSquaredError` | `r²` | `2r` |
/// | `meanAbsoluteError` | `|r|` | `sign r` (0 at 0) |
/// | `huber(delta: δ)` | `r²/2` if `|r| ≤ δ`, else `δ(|r| − δ/2)` | `r` clamped to `[−δ, δ]` |
///
/// These match PyTorch's `MSELoss`, `L1Loss` and `HuberLoss` with `reduction="mean"`.
public enum Loss: Sendable, Hashable {
    case meanSquaredError
    case meanAbsoluteError
    case huber(delta: Double)

    /// `ℓ(r)` and `ℓ′(r)`.
    @inlinable
    public func pointwise(_ r: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .meanSquaredError:
            return (r * r, 2 * r)
        case .meanAbsoluteError:
            return (r.magnitude, r > 0 ? 1 : (r < 0 ? -1 : 0))
        case .huber(let delta):
            if r.magnitude <= delta { return (0.5 * r * r, r) }
            return (delta * (r.magnitude - 0.5 * delta), r > 0 ? delta : -delta)
        }
    }

    /// The loss of `prediction` against `target` (same length), optionally weighted by `mask`;
    /// writes `∂L/∂prediction` into `gradient` (overwriting it) when given.
    @inlinable
    public func evaluate(
        prediction: UnsafeBufferPointer<Double>, target: UnsafeBufferPointer<Double>,
        mask: UnsafeBufferPointer<Double>? = nil, gradient: UnsafeMutableBufferPointer<Double>? = nil
    ) -> Double {
        let n = prediction.count
        precondition(target.count == n, "prediction and target lengths differ")
        precondition(mask == nil || mask!.count == n, "the mask must have one entry per prediction")
        precondition(gradient == nil || gradient!.count == n, "the gradient must have one entry per prediction")
        var total = 0.0
        var weight = 0.0
        for k in 0..<n {
            let m = mask?[k] ?? 1
            if m == 0 { continue }
            let (value, _) = pointwise(prediction[k] - target[k])
            total += m * value
            weight += m
        }
        guard weight > 0 else {
            gradient?.update(repeating: 0)
            return 0
        }
        if let gradient {
            let scale = 1 / weight
            for k in 0..<n {
                let m = mask?[k] ?? 1
                gradient[k] = m == 0 ? 0 : m * scale * pointwise(prediction[k] - target[k]).derivative
            }
        }
        return total / weight
    }

    /// Array convenience for ``evaluate(prediction:target:mask:gradient:)``: the loss and its gradient.
    public func valueAndGradient(
        prediction: [Double], target: [Double], mask: [Double]? = nil
    ) -> (value: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: prediction.count)
        let value = prediction.withUnsafeBufferPointer { p in
            target.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    if let mask {
                        return mask.withUnsafeBufferPointer {
                            evaluate(prediction: p, target: t, mask: $0, gradient: g)
                        }
                    }
                    return evaluate(prediction: p, target: t, gradient: g)
                }
            }
        }
        return (value, gradient)
    }
}
