import ContinuumNumerics

/// Computes the derivatives an implicit method needs: the state Jacobian `J = ∂f/∂y` and, for
/// non-autonomous problems, `∂f/∂t`.
///
/// The Jacobian is exact when the field is a ``DifferentiableVectorField`` (decided once per solve
/// by ``prepare(for:)``), and otherwise forward finite differences with the increments of Hairer's
/// RADAU5 and RODAS, `δⱼ = sqrt(uround · max(10⁻⁵, |yⱼ|))`: column `j` is
/// `(f(t, y + δⱼ eⱼ) − f(t, y)) / δⱼ`, which costs `n` evaluations of `f`. All storage is the
/// caller's, so evaluating allocates nothing.
///
/// Counts one ``SolverStatistics/jacobianEvaluations`` per Jacobian and every evaluation of `f`
/// it makes in ``SolverStatistics/functionEvaluations``.
public struct JacobianEvaluator {
    /// Where the Jacobian comes from.
    public enum Source: Sendable, Equatable {
        /// The field's own ``DifferentiableVectorField/jacobian(_:_:_:)``.
        case exact
        /// Forward differences of `f`.
        case finiteDifferences
    }

    /// The source chosen by ``prepare(for:)``; `nil` before.
    public private(set) var source: Source?
    /// The field as a differentiable one, when it is.
    @usableFromInline var differentiable: (any DifferentiableVectorField)?
    /// The unit roundoff in the increments.
    @usableFromInline let unitRoundoff: Double

    /// An evaluator that has not chosen its source yet.
    public init(unitRoundoff: Double = Double.ulpOfOne) {
        self.unitRoundoff = unitRoundoff
    }

    /// Chooses the source for `field`: exact if it is a ``DifferentiableVectorField``. Only the first
    /// call decides; later calls (a solve restarting at a stop time) keep the decision.
    public mutating func prepare<F: VectorField>(for field: F) {
        guard source == nil else { return }
        if let exact = field as? any DifferentiableVectorField {
            differentiable = exact
            source = .exact
        } else {
            source = .finiteDifferences
        }
    }

    /// Writes `∂f/∂y` at `(t, y)` into `jacobian` (`n × n`, row-major: `∂fᵢ/∂yⱼ` at `i · n + j`).
    ///
    /// - Parameters:
    ///   - y: the state; finite differences perturb one component at a time and restore it exactly.
    ///   - f0: `f(t, y)`, already evaluated.
    ///   - scratch: `n` values of workspace for `f(t, y + δⱼ eⱼ)`.
    @inlinable
    public func stateJacobian<F: VectorField>(
        _ field: F, t: Double, y: UnsafeMutablePointer<Double>, f0: UnsafePointer<Double>,
        into jacobian: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        statistics: inout SolverStatistics
    ) {
        let n = field.dimension
        statistics.jacobianEvaluations += 1
        if let differentiable {
            differentiable.jacobian(t, UnsafeBufferPointer(start: y, count: n), UnsafeMutableBufferPointer(start: jacobian, count: n * n))
            return
        }
        let state = UnsafeBufferPointer(start: UnsafePointer(y), count: n)
        let shifted = UnsafeMutableBufferPointer(start: scratch, count: n)
        for j in 0..<n {
            let saved = y[j]
            let delta = (unitRoundoff * max(1e-5, abs(saved))).squareRoot()
            y[j] = saved + delta
            // The increment actually applied, which differs from delta by rounding.
            let step = y[j] - saved
            field.evaluate(t, state, shifted)
            y[j] = saved
            let inverse = 1 / step
            for i in 0..<n { jacobian[i * n + j] = (scratch[i] - f0[i]) * inverse }
        }
        statistics.functionEvaluations += n
    }

    /// Writes `∂f/∂t` at `(t, y)` into `derivative` by a forward difference with Hairer's increment
    /// `δ = sqrt(uround · max(10⁻⁵, |t|))` (one evaluation of `f`).
    @inlinable
    public func timeDerivative<F: VectorField>(
        _ field: F, t: Double, y: UnsafePointer<Double>, f0: UnsafePointer<Double>,
        into derivative: UnsafeMutablePointer<Double>, statistics: inout SolverStatistics
    ) {
        let n = field.dimension
        let delta = (unitRoundoff * max(1e-5, abs(t))).squareRoot()
        let shifted = t + delta
        field.evaluate(shifted, UnsafeBufferPointer(start: y, count: n), UnsafeMutableBufferPointer(start: derivative, count: n))
        statistics.functionEvaluations += 1
        let inverse = 1 / (shifted - t)
        for i in 0..<n { derivative[i] = (derivative[i] - f0[i]) * inverse }
    }
}
