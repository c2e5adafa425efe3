import ContinuumNumerics
import ContinuumODE
import ContinuumSDE
import ContinuumSensitivity
import Foundation

/// `f = μ y`: the drift of geometric Brownian motion, `θ_f = [μ]`.
struct GBMDrift: DifferentiableVectorField {
    var mu: Double
    var dimension: Int { 1 }
    var parameterCount: Int { 1 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = mu * y[0]
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = v[0] * mu
        parameterProduct[0] = v[0] * y[0]
    }
}

/// `g = σ y`: the diffusion of geometric Brownian motion, `θ_g = [σ]`.
struct GBMDiffusion: DifferentiableDiffusionField {
    var sigma: Double
    var dimension: Int { 1 }
    var parameterCount: Int { 1 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        g[0] = sigma * y[0]
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = v[0] * sigma
        parameterProduct[0] = v[0] * y[0]
    }
}

/// A coupled nonlinear drift `f = (θ₀ y₁ − θ₁ y₀³, −θ₂ y₀ + ½ sin y₁)`.
struct CoupledDrift: DifferentiableVectorField {
    var theta: [Double]
    var dimension: Int { 2 }
    var parameterCount: Int { 3 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = theta[0] * y[1] - theta[1] * y[0] * y[0] * y[0]
        dy[1] = -theta[2] * y[0] + 0.5 * sin(y[1])
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        stateProduct[0] = -3 * theta[1] * y[0] * y[0] * v[0] - theta[2] * v[1]
        stateProduct[1] = theta[0] * v[0] + 0.5 * cos(y[1]) * v[1]
        parameterProduct[0] = v[0] * y[1]
        parameterProduct[1] = -v[0] * y[0] * y[0] * y[0]
        parameterProduct[2] = -v[1] * y[0]
    }
}

/// A state-dependent diagonal diffusion `g = (σ₀ (1 + ½ sin y₀), σ₁ tanh(y₀ + y₁))`.
struct CoupledDiffusion: DifferentiableDiffusionField {
    var sigma: [Double]
    var dimension: Int { 2 }
    var parameterCount: Int { 2 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) {
        g[0] = sigma[0] * (1 + 0.5 * sin(y[0]))
        g[1] = sigma[1] * tanh(y[0] + y[1])
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let th = tanh(y[0] + y[1]), d1 = sigma[1] * (1 - th * th)
        stateProduct[0] = 0.5 * sigma[0] * cos(y[0]) * v[0] + d1 * v[1]
        stateProduct[1] = d1 * v[1]
        parameterProduct[0] = v[0] * (1 + 0.5 * sin(y[0]))
        parameterProduct[1] = v[1] * th
    }
}

/// `[θ_f, θ_g, y₀]` of a problem, flattened, and the problem rebuilt from such a vector.
protocol FlatParameters {
    var flat: [Double] { get }
    func with(_ flat: [Double]) -> Self
}

extension SDEProblem: FlatParameters where Drift == CoupledDrift, Diffusion == CoupledDiffusion {
    var flat: [Double] { drift.theta + diffusion.sigma + y0 }
    func with(_ x: [Double]) -> SDEProblem {
        var p = self
        p.drift.theta = Array(x[0..<3])
        p.diffusion.sigma = Array(x[3..<5])
        p.y0 = Array(x[5..<7])
        return p
    }
}

/// The gradient of `[θ_f, θ_g, y₀]` in one vector.
func flatGradient(_ result: SDEGradientResult) -> [Double] {
    result.parameterGradient + result.initialStateGradient
}

/// Central differences `(L(x + εeⱼ) − L(x − εeⱼ)) / 2ε` of `loss` at `x`.
func centralDifferences(at x: [Double], step: Double, _ loss: ([Double]) throws -> Double) rethrows -> [Double] {
    var gradient: [Double] = []
    for j in x.indices {
        var plus = x, minus = x
        plus[j] += step
        minus[j] -= step
        gradient.append((try loss(plus) - loss(minus)) / (2 * step))
    }
    return gradient
}
