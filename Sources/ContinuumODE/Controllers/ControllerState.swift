import Foundation

/// The running state of a step-size controller during one solve: the controller's constants
/// resolved against the method's defaults, and the error history.
///
/// Package-visible so that solvers outside the driver (the batched discrete adjoint) take exactly
/// the driver's steps.
@usableFromInline
package struct ControllerState {
    @usableFromInline enum Kind { case pi, pid }
    @usableFromInline let kind: Kind
    @usableFromInline let order: Double
    @usableFromInline let safety: Double
    @usableFromInline let minFactor: Double
    @usableFromInline let maxFactor: Double
    @usableFromInline let beta: (Double, Double, Double)
    @usableFromInline let acceptSafety: Double
    /// Error norms of the last two accepted steps (the PID controller's history).
    @usableFromInline var previous: (Double, Double) = (1, 1)
    /// The log of the last accepted error norm, kept (in single precision) by the PI controller so
    /// that a step costs one `log` and one `exp`.
    @usableFromInline var previousLog: Float = 0
    /// `log(1e-4)`: Hairer's floor on the previous error norm.
    @usableFromInline static var logFloor: Float { -9.210340371976182 }
    @usableFromInline var rejectedLast = false

    @usableFromInline
    package init(_ controller: StepSizeController, order: Int, defaults: ControllerDefaults) {
        self.order = Double(order)
        switch controller {
        case .pi(let c):
            kind = .pi
            safety = c.safety ?? defaults.safety
            minFactor = c.minFactor ?? defaults.minFactor
            maxFactor = c.maxFactor ?? defaults.maxFactor
            beta = (c.beta ?? defaults.beta, 0, 0)
            acceptSafety = 1
            previousLog = ControllerState.logFloor
        case .pid(let c):
            kind = .pid
            safety = c.safety
            minFactor = c.minFactor
            maxFactor = c.maxFactor
            beta = (c.beta1, c.beta2, c.beta3)
            acceptSafety = c.acceptSafety
        }
    }

    /// The factor for the next step after a step whose error norm has the square `squaredError`
    /// (accepted when `≤ 1`), and updates the history. Call exactly once per attempted step.
    @inlinable @inline(__always)
    package mutating func nextFactor(squaredError: Double) -> Double {
        guard squaredError.isFinite else {
            rejectedLast = true
            return minFactor
        }
        let accepted = squaredError <= 1
        var factor: Double
        switch kind {
        case .pi:
            // Hairer's fac = safety · errₙ₋₁^β / errₙ^(1/k − 0.75β), in logarithms: one log and
            // one exp per step instead of two pow calls (pow was 15 % of a Lorenz solve), and
            // log err = ½ log err², so no square root either. The whole chain runs in single
            // precision, converted once at each end: the factor lies on every step's critical
            // path, and its relative error of ~1e-7 is far below what step-size control notices.
            let beta = Float(self.beta.0)
            let exponent = Float(1 / order) - 0.75 * beta
            let logError = 0.5 * log(Float(squaredError))
            if accepted {
                let raw = Float(safety) * exp(beta * previousLog - exponent * logError)
                factor = Double(min(Float(maxFactor), max(Float(minFactor), raw)))
                previousLog = max(logError, ControllerState.logFloor)
            } else {
                factor = Double(max(Float(minFactor), Float(safety) * exp(-exponent * logError)))
            }
        case .pid:
            let e0 = max(squaredError.squareRoot(), 1e-10)
            let k = order
            var raw = safety * pow(e0, -beta.0 / k)
            if beta.1 != 0 { raw *= pow(previous.0, -beta.1 / k) }
            if beta.2 != 0 { raw *= pow(previous.1, -beta.2 / k) }
            factor = 1 + atan(raw - 1)
            factor = min(maxFactor, max(minFactor, factor))
            if accepted {
                if factor >= 1 && factor <= acceptSafety { factor = 1 }
                previous = (e0, previous.0)
            }
        }
        if accepted {
            if rejectedLast { factor = min(factor, 1) }
            rejectedLast = false
        } else {
            factor = min(factor, 1)
            rejectedLast = true
        }
        return factor
    }
}
