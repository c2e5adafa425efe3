import Continuum
import Foundation

/// Nanoseconds per right-hand-side evaluation of the text-compiled field and of the closure, each
/// the median of several timed loops over slightly varying states.
struct EvaluationCost {
    var textNanoseconds: Double
    var closureNanoseconds: Double

    init<T: VectorField, C: VectorField>(text: T, closure: C, y: [Double]) {
        textNanoseconds = Self.nanosecondsPerEvaluation(text, y: y)
        closureNanoseconds = Self.nanosecondsPerEvaluation(closure, y: y)
    }

    static func nanosecondsPerEvaluation<F: VectorField>(_ field: F, y: [Double]) -> Double {
        let n = field.dimension
        let iterations = 200_000
        var state = y
        var derivative = [Double](repeating: 0, count: n)
        var samples: [Double] = []
        for _ in 0..<9 {
            let start = DispatchTime.now().uptimeNanoseconds
            state.withUnsafeMutableBufferPointer { s in
                derivative.withUnsafeMutableBufferPointer { d in
                    for i in 0..<iterations {
                        field.evaluate(Double(i), UnsafeBufferPointer(s), d)
                        // Feed the result back (scaled down) so the work cannot be hoisted.
                        s[0] += 1e-12 * d[n - 1]
                    }
                }
            }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations))
        }
        return median(samples)
    }
}
