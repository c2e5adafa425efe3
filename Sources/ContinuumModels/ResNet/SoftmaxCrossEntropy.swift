import Foundation

/// The softmax cross-entropy of logits against class labels, averaged over rows:
/// `L = −(1/R) Σ_r log softmax(z_r)[y_r]`, with `∂L/∂z_r = (softmax(z_r) − e_{y_r}) / R`.
/// Computed with the maximum subtracted, so large logits do not overflow.
public enum SoftmaxCrossEntropy {
    /// The loss of `logits` (`rows × classes`) for `labels` (one per row); writes the gradient
    /// (same shape) when given.
    @inlinable
    public static func evaluate(
        logits: UnsafeBufferPointer<Double>, labels: UnsafeBufferPointer<Int>, classes: Int,
        gradient: UnsafeMutableBufferPointer<Double>?
    ) -> Double {
        let rows = labels.count
        precondition(logits.count == rows * classes && (gradient?.count ?? logits.count) == logits.count)
        var total = 0.0
        let inverse = 1 / Double(rows)
        for r in 0..<rows {
            let z = logits.baseAddress! + r * classes
            var largest = -Double.infinity
            for c in 0..<classes { largest = Swift.max(largest, z[c]) }
            var sum = 0.0
            for c in 0..<classes { sum += exp(z[c] - largest) }
            total += largest + log(sum) - z[labels[r]]
            if let gradient {
                for c in 0..<classes {
                    gradient[r * classes + c] = (exp(z[c] - largest) / sum - (c == labels[r] ? 1 : 0)) * inverse
                }
            }
        }
        return total * inverse
    }

    /// The index of the largest logit of each row.
    public static func predictions(logits: [Double], classes: Int) -> [Int] {
        stride(from: 0, to: logits.count, by: classes).map { start in
            (0..<classes).max { logits[start + $0] < logits[start + $1] }!
        }
    }
}
