import Foundation

/// The exact score, log density and Hessian of a Gaussian mixture diffused by a linear forward SDE.
///
/// If `x₀ ~ Σₖ wₖ N(μₖ, Σₖ)` and `x = α(t) x₀ + s(t) ε`, then `pₜ = Σₖ wₖ N(α μₖ, Cₖ)` with
/// `Cₖ = α²Σₖ + s²I`. With responsibilities `rₖ(x) ∝ wₖ N(x; αμₖ, Cₖ)` and `yₖ = Cₖ⁻¹(x − αμₖ)`:
/// - score `∇ log pₜ = −Σₖ rₖ yₖ`,
/// - Hessian `∇² log pₜ = Σₖ rₖ (yₖ yₖᵀ − Cₖ⁻¹) − ∇log pₜ ∇log pₜᵀ`, so the Laplacian is
///   `Σₖ rₖ (|yₖ|² − tr Cₖ⁻¹) − |∇ log pₜ|²`,
/// - posterior mean (Tweedie) `⟨x₀|x⟩ = Σₖ rₖ (μₖ + α Σₖ yₖ) = (x + s² ∇log pₜ)/α`.
/// Evaluations allocate nothing (small scratch on the stack) and are thread-safe.
public struct MixtureScore: ScoreWithJacobian {
    /// The data distribution at `t = 0`.
    public let mixture: GaussianMixture
    /// The forward SDE that diffuses it.
    public let sde: ForwardSDE
    @usableFromInline let meanValues: [Double]

    /// The exact score of `mixture` under `sde`.
    public init(mixture: GaussianMixture, sde: ForwardSDE) {
        self.mixture = mixture
        self.sde = sde
        meanValues = mixture.means.flatMap { $0 }
    }

    public var dimension: Int { mixture.dimension }

    /// Fills `y` (K×d) with `yₖ`, `r` (K) with the responsibilities and `traceInverse` (K) with
    /// `tr Cₖ⁻¹`; returns `log pₜ(x)`.
    @inlinable
    func components(_ x: UnsafeBufferPointer<Double>, _ t: Double, y: UnsafeMutableBufferPointer<Double>,
                    r: UnsafeMutableBufferPointer<Double>, traceInverse: UnsafeMutableBufferPointer<Double>,
                    work: UnsafeMutableBufferPointer<Double>) -> Double {
        let d = mixture.dimension
        let alpha = sde.meanCoefficient(at: t)
        let s = sde.standardDeviation(at: t)
        let a2 = alpha * alpha, s2 = s * s
        let halfLog2Pi = 0.5 * log(2 * Double.pi)
        var largest = -Double.infinity
        mixture.eigenvalues.withUnsafeBufferPointer { lambda in
            mixture.eigenvectors.withUnsafeBufferPointer { u in
                meanValues.withUnsafeBufferPointer { mu in
                    mixture.logWeights.withUnsafeBufferPointer { logW in
                        for k in 0..<r.count {
                            let uk = k * d * d
                            for i in 0..<d { work[i] = x[i] - alpha * mu[k * d + i] }
                            var quadratic = 0.0, determinant = 1.0, trace = 0.0
                            for j in 0..<d {
                                var z = 0.0
                                for i in 0..<d { z += u[uk + i * d + j] * work[i] }
                                let c = a2 * lambda[k * d + j] + s2
                                let w = z / c
                                work[d + j] = w
                                quadratic += z * w
                                determinant *= c
                                trace += 1 / c
                            }
                            for i in 0..<d {
                                var sum = 0.0
                                for j in 0..<d { sum += u[uk + i * d + j] * work[d + j] }
                                y[k * d + i] = sum
                            }
                            traceInverse[k] = trace
                            let logTerm = logW[k] - 0.5 * (quadratic + log(determinant)) - Double(d) * halfLog2Pi
                            r[k] = logTerm
                            largest = max(largest, logTerm)
                        }
                    }
                }
            }
        }
        var total = 0.0
        for k in 0..<r.count {
            r[k] = exp(r[k] - largest)
            total += r[k]
        }
        for k in 0..<r.count { r[k] /= total }
        return largest + log(total)
    }

    /// Runs `body` with scratch buffers `(y, r, traceInverse, work)` on the stack.
    @inlinable
    func withScratch<R>(_ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>,
                                 UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let d = mixture.dimension, k = mixture.componentCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: k * (d + 2) + 2 * d) { buffer in
            let base = buffer.baseAddress!
            return body(UnsafeMutableBufferPointer(start: base, count: k * d),
                        UnsafeMutableBufferPointer(start: base + k * d, count: k),
                        UnsafeMutableBufferPointer(start: base + k * (d + 1), count: k),
                        UnsafeMutableBufferPointer(start: base + k * (d + 2), count: 2 * d))
        }
    }

    /// `−Σₖ rₖ yₖ` into `score`.
    @inlinable
    func combine(_ y: UnsafeMutableBufferPointer<Double>, _ r: UnsafeMutableBufferPointer<Double>,
                 into score: UnsafeMutableBufferPointer<Double>) {
        let d = mixture.dimension
        for i in 0..<d { score[i] = 0 }
        for k in 0..<r.count {
            for i in 0..<d { score[i] -= r[k] * y[k * d + i] }
        }
    }

    @inlinable
    public func score(_ x: UnsafeBufferPointer<Double>, at t: Double, into score: UnsafeMutableBufferPointer<Double>) {
        withScratch { y, r, trace, work in
            _ = components(x, t, y: y, r: r, traceInverse: trace, work: work)
            combine(y, r, into: score)
        }
    }

    /// The exact `log pₜ(x)`.
    @inlinable
    public func logDensity(_ x: UnsafeBufferPointer<Double>, at t: Double) -> Double {
        withScratch { y, r, trace, work in components(x, t, y: y, r: r, traceInverse: trace, work: work) }
    }

    /// The exact `log pₜ(x)` of a point given as an array.
    public func logDensity(_ x: [Double], at t: Double) -> Double {
        x.withUnsafeBufferPointer { logDensity($0, at: t) }
    }

    @inlinable
    public func scoreAndLaplacian(_ x: UnsafeBufferPointer<Double>, at t: Double,
                                  into score: UnsafeMutableBufferPointer<Double>) -> Double {
        let d = mixture.dimension
        return withScratch { y, r, trace, work in
            _ = components(x, t, y: y, r: r, traceInverse: trace, work: work)
            combine(y, r, into: score)
            var laplacian = 0.0
            for k in 0..<r.count {
                var norm = 0.0
                for i in 0..<d { norm += y[k * d + i] * y[k * d + i] }
                laplacian += r[k] * (norm - trace[k])
            }
            for i in 0..<d { laplacian -= score[i] * score[i] }
            return laplacian
        }
    }

    public func scoreAndJacobianProducts(_ x: UnsafeBufferPointer<Double>, at t: Double, probes: UnsafeBufferPointer<Double>,
                                         score: UnsafeMutableBufferPointer<Double>,
                                         products: UnsafeMutableBufferPointer<Double>) {
        let d = mixture.dimension
        let alpha = sde.meanCoefficient(at: t), s = sde.standardDeviation(at: t)
        withScratch { y, r, trace, work in
            _ = components(x, t, y: y, r: r, traceInverse: trace, work: work)
            combine(y, r, into: score)
            mixture.eigenvalues.withUnsafeBufferPointer { lambda in
                mixture.eigenvectors.withUnsafeBufferPointer { u in
                    for p in 0..<(probes.count / d) {
                        let v = probes.baseAddress! + p * d
                        var sv = 0.0
                        for i in 0..<d { sv += score[i] * v[i]; products[p * d + i] = 0 }
                        for k in 0..<r.count {
                            // −Cₖ⁻¹v + yₖ(yₖ·v), weighted by rₖ.
                            var yv = 0.0
                            for i in 0..<d { yv += y[k * d + i] * v[i] }
                            for j in 0..<d {
                                var z = 0.0
                                for i in 0..<d { z += u[k * d * d + i * d + j] * v[i] }
                                work[j] = z / (alpha * alpha * lambda[k * d + j] + s * s)
                            }
                            for i in 0..<d {
                                var cv = 0.0
                                for j in 0..<d { cv += u[k * d * d + i * d + j] * work[j] }
                                products[p * d + i] += r[k] * (y[k * d + i] * yv - cv)
                            }
                        }
                        for i in 0..<d { products[p * d + i] -= score[i] * sv }
                    }
                }
            }
        }
    }

    /// The posterior mean `⟨x₀|x⟩ₜ = Σₖ rₖ (μₖ + α Σₖ yₖ)`, the notes' form of the score
    /// (`∇ log pₜ = (α⟨x₀|x⟩ − x)/s²`).
    public func posteriorMean(_ x: [Double], at t: Double) -> [Double] {
        let d = mixture.dimension
        let alpha = sde.meanCoefficient(at: t)
        var result = [Double](repeating: 0, count: d)
        x.withUnsafeBufferPointer { x in
            withScratch { y, r, trace, work in
                _ = components(x, t, y: y, r: r, traceInverse: trace, work: work)
                for k in 0..<r.count {
                    let sigma = mixture.covariances[k]
                    for i in 0..<d {
                        var sy = 0.0
                        for j in 0..<d { sy += sigma[i * d + j] * y[k * d + j] }
                        result[i] += r[k] * (mixture.means[k][i] + alpha * sy)
                    }
                }
            }
        }
        return result
    }
}
