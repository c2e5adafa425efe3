/// Gradient clipping applied in place before an optimiser step.
public enum GradientClipping {
    /// Scales `gradient` by `maxNorm / ‖g‖₂` when its Euclidean norm exceeds `maxNorm` (the
    /// direction is kept); returns the norm before clipping. A non-finite norm leaves `gradient`
    /// unchanged and is returned so the caller can skip the step.
    @discardableResult
    public static func clipGlobalNorm(_ gradient: UnsafeMutableBufferPointer<Double>, maxNorm: Double) -> Double {
        var sum = 0.0
        for g in gradient { sum += g * g }
        let norm = sum.squareRoot()
        if norm.isFinite, norm > maxNorm {
            let scale = maxNorm / norm
            for k in gradient.indices { gradient[k] *= scale }
        }
        return norm
    }

    /// Clamps every entry of `gradient` to `[−limit, limit]`.
    public static func clipByValue(_ gradient: UnsafeMutableBufferPointer<Double>, limit: Double) {
        for k in gradient.indices { gradient[k] = Swift.min(Swift.max(gradient[k], -limit), limit) }
    }
}
