import ContinuumNumerics
import Foundation

/// Hairer's HINIT (Hairer, Nørsett & Wanner, *Solving ODEs I*, II.4): a first step size from the
/// sizes of `y₀`, `f(t₀, y₀)` and an estimate of the second derivative, such that the local error
/// of a method of order `order` is about the tolerance.
///
/// Uses `workspace.state` and `workspace.derivative`; overwrites the two scratch vectors.
@inlinable
func initialStepSize<F: VectorField, W: ODEWorkspace>(
    _ field: F, t0: Double, direction: Double, order: Int, tolerance: Tolerance, maximum: Double,
    workspace w: W, statistics: inout SolverStatistics
) -> Double {
    let n = w.dimension
    let y0 = w.state
    let f0 = w.derivative
    let y1 = w.scratch
    let f1 = w.scratch2
    let dnf = WeightedNorm.rms(f0, y0, y0, count: n, tolerance: tolerance)
    let dny = WeightedNorm.rms(y0, y0, y0, count: n, tolerance: tolerance)
    var h = (dnf <= 1e-5 || dny <= 1e-5) ? 1e-6 : 0.01 * dny / dnf
    h = min(h, maximum)
    for i in 0..<n { y1[i] = y0[i] + direction * h * f0[i] }
    field.evaluate(t0 + direction * h, UnsafeBufferPointer(start: y1, count: n), UnsafeMutableBufferPointer(start: f1, count: n))
    statistics.functionEvaluations += 1
    for i in 0..<n { f1[i] -= f0[i] }
    let der2 = WeightedNorm.rms(f1, y0, y0, count: n, tolerance: tolerance) / h
    let der12 = max(abs(der2), dnf)
    let h1 = der12 <= 1e-15 ? max(1e-6, h * 1e-3) : pow(0.01 / der12, 1 / Double(order))
    let result = min(100 * h, h1, maximum)
    return result.isFinite && result > 0 ? result : min(1e-6, maximum)
}
