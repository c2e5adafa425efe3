import ContinuumNumerics
import Foundation

/// Computes the derivatives an implicit method needs: the state Jacobian `J = ∂f/∂y` and, for
/// non-autonomous problems, `∂f/∂t`.
///
/// The Jacobian is exact when the field is a ``DifferentiableVectorField`` (decided once per solve
/// by ``prepare(for:)``), and otherwise a finite difference (``Differencing``):
///
/// - ``Differencing/forward``, the default: `δⱼ = sqrt(uround) · max(10⁻⁵, |yⱼ|)`; column `j` is
///   `(f(t, y + δⱼ eⱼ) − f(t, y)) / δⱼ`, which costs `n` evaluations of `f` and is accurate to about
///   `sqrt(uround)` relative. Enough for methods that only use `J` in a Newton iteration (Radau,
///   BDF), where it affects convergence, not accuracy. RADAU5's `sqrt(uround · max(10⁻⁵, |yⱼ|))`
///   is not used: for tiny components it is far larger than the component itself (5e-11 against
///   Robertson's y₂ ≈ 1e-13), which spoils the Jacobian of a nearly singular system — Newton then
///   contracts slowly and Robertson's y₁(1e11) came out 1.5 % wrong.
/// - ``Differencing/central``: `δⱼ = uround^(1/3) · max(10⁻⁵, |yⱼ|)` and
///   `(f(t, y + δⱼ eⱼ) − f(t, y − δⱼ eⱼ)) / (2δⱼ)`: `2n` evaluations, accurate to about
///   `uround^(2/3)`, and exact for quadratic right-hand sides. Rosenbrock methods need it: their
///   order conditions assume the exact Jacobian, and the error of a forward difference enters
///   every step's solution (on Robertson's problem at rtol = 1e-8 Rodas5P takes 30 times as many
///   steps with forward differences as with the exact Jacobian, and still loses accuracy).
///
/// `∂f/∂t` is differenced the same way in `t`, with `|t|` in place of `|yⱼ|`. All storage is the
/// caller's, so evaluating allocates nothing. Counts one ``SolverStatistics/jacobianEvaluations``
/// per Jacobian and every evaluation of `f` it makes in ``SolverStatistics/functionEvaluations``.
public struct JacobianEvaluator {
    /// Where the Jacobian comes from.
    public enum Source: Sendable, Equatable {
        /// The field's own ``DifferentiableVectorField/jacobian(_:_:_:)``.
        case exact
        /// Finite differences of `f`.
        case finiteDifferences
    }

    /// The finite-difference scheme used when the field has no exact Jacobian.
    public enum Differencing: Sendable, Equatable {
        /// One-sided differences: `n` evaluations of `f` per Jacobian.
        case forward
        /// Central differences: `2n` evaluations of `f` per Jacobian, about `uround^(2/3)` accurate.
        case central
    }

    /// The source chosen by ``prepare(for:)``; `nil` before.
    public private(set) var source: Source?
    /// The field as a differentiable one, when it is.
    @usableFromInline var differentiable: (any DifferentiableVectorField)?
    /// The finite-difference scheme.
    public let differencing: Differencing
    /// The unit roundoff in the increments.
    @usableFromInline let unitRoundoff: Double
    /// `uround^(1/3)`, the relative increment of central differences.
    @usableFromInline let cubeRootRoundoff: Double
    /// `uround^(1/2)`, the relative increment of forward differences.
    @usableFromInline let squareRootRoundoff: Double

    /// An evaluator that has not chosen its source yet.
    public init(differencing: Differencing = .forward, unitRoundoff: Double = Double.ulpOfOne) {
        self.differencing = differencing
        self.unitRoundoff = unitRoundoff
        cubeRootRoundoff = cbrt(unitRoundoff)
        squareRootRoundoff = unitRoundoff.squareRoot()
    }

    /// The increment for a variable of size `x`.
    @inlinable
    func increment(_ x: Double) -> Double {
        let size = max(1e-5, abs(x))
        return differencing == .forward ? squareRootRoundoff * size : cubeRootRoundoff * size
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
    ///   - f0: `f(t, y)`, already evaluated (unused by central differences).
    ///   - scratch: `n` values of workspace for the perturbed evaluations.
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
        let central = differencing == .central
        for j in 0..<n {
            let saved = y[j]
            let delta = increment(saved)
            let upper = saved + delta
            y[j] = upper
            field.evaluate(t, state, shifted)
            if central {
                for i in 0..<n { jacobian[i * n + j] = scratch[i] }
                let lower = saved - delta
                y[j] = lower
                field.evaluate(t, state, shifted)
                // Divide by the increment actually applied, which differs from 2δ by rounding.
                let inverse = 1 / (upper - lower)
                for i in 0..<n { jacobian[i * n + j] = (jacobian[i * n + j] - scratch[i]) * inverse }
            } else {
                let inverse = 1 / (upper - saved)
                for i in 0..<n { jacobian[i * n + j] = (scratch[i] - f0[i]) * inverse }
            }
            y[j] = saved
        }
        statistics.functionEvaluations += central ? 2 * n : n
    }

    /// Writes `∂f/∂t` at `(t, y)` into `derivative` by a difference in `t` with the increment of
    /// ``differencing`` for `|t|` (one evaluation of `f` forward, two central).
    ///
    /// - Parameter scratch: `n` values of workspace (central differences only).
    @inlinable
    public func timeDerivative<F: VectorField>(
        _ field: F, t: Double, y: UnsafePointer<Double>, f0: UnsafePointer<Double>,
        into derivative: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>? = nil,
        statistics: inout SolverStatistics
    ) {
        let n = field.dimension
        let state = UnsafeBufferPointer(start: y, count: n)
        let delta = increment(t)
        let upper = t + delta
        field.evaluate(upper, state, UnsafeMutableBufferPointer(start: derivative, count: n))
        if differencing == .central, let scratch {
            let lower = t - delta
            field.evaluate(lower, state, UnsafeMutableBufferPointer(start: scratch, count: n))
            statistics.functionEvaluations += 2
            let inverse = 1 / (upper - lower)
            for i in 0..<n { derivative[i] = (derivative[i] - scratch[i]) * inverse }
        } else {
            statistics.functionEvaluations += 1
            let inverse = 1 / (upper - t)
            for i in 0..<n { derivative[i] = (derivative[i] - f0[i]) * inverse }
        }
    }
}
