import ContinuumNumerics
import Foundation

/// A Gaussian mixture `p(x) = Σₖ wₖ N(x; μₖ, Σₖ)` in any dimension: the data distribution whose
/// diffused marginals, scores and log densities are known exactly (see ``MixtureScore``).
///
/// Each covariance is stored with its eigendecomposition `Σₖ = Uₖ diag(λₖ) Uₖᵀ`, so the diffused
/// covariance `α²Σₖ + s²I = Uₖ diag(α²λₖ + s²) Uₖᵀ` is inverted and its determinant taken in `O(d²)`.
public struct GaussianMixture: Sendable {
    /// The dimension `d`.
    public let dimension: Int
    /// The weights (normalised to sum 1).
    public let weights: [Double]
    /// The means, one `d`-vector per component.
    public let means: [[Double]]
    /// The covariances, one row-major `d × d` matrix per component.
    public let covariances: [[Double]]
    /// Eigenvalues of each covariance, concatenated (`K × d`).
    @usableFromInline let eigenvalues: [Double]
    /// Eigenvectors of each covariance as columns, concatenated (`K × d × d`, row-major).
    @usableFromInline let eigenvectors: [Double]
    /// `log wₖ`.
    @usableFromInline let logWeights: [Double]

    /// A mixture of `weights.count` components. Weights must be positive (they are normalised);
    /// covariances symmetric positive definite. Throws ``DiffusionError`` otherwise.
    public init(weights: [Double], means: [[Double]], covariances: [[Double]]) throws(DiffusionError) {
        guard !weights.isEmpty else { throw .invalidParameter(name: "mixture", reason: "needs at least one component") }
        guard means.count == weights.count, covariances.count == weights.count else {
            throw .invalidParameter(name: "mixture", reason: "\(weights.count) weights, \(means.count) means, \(covariances.count) covariances")
        }
        guard weights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidParameter(name: "weights", reason: "must be positive and finite, got \(weights)")
        }
        let d = means[0].count
        guard d > 0 else { throw .invalidParameter(name: "means", reason: "dimension must be positive") }
        var values: [Double] = []
        var vectors: [Double] = []
        for k in weights.indices {
            guard means[k].count == d else { throw .dimensionMismatch(expected: d, actual: means[k].count, what: "mean \(k)") }
            guard means[k].allSatisfy(\.isFinite) else { throw .invalidParameter(name: "mean \(k)", reason: "not finite") }
            let sigma = covariances[k]
            guard sigma.count == d * d else {
                throw .dimensionMismatch(expected: d * d, actual: sigma.count, what: "covariance \(k) (entries)")
            }
            guard sigma.allSatisfy(\.isFinite) else { throw .invalidParameter(name: "covariance \(k)", reason: "not finite") }
            for i in 0..<d {
                for j in 0..<i where abs(sigma[i * d + j] - sigma[j * d + i]) > 1e-12 * (abs(sigma[i * d + j]) + 1) {
                    throw .invalidParameter(name: "covariance \(k)", reason: "not symmetric")
                }
            }
            let eigen = SymmetricEigen(sigma, dimension: d)
            guard eigen.values.allSatisfy({ $0 > 0 }) else {
                throw .invalidParameter(name: "covariance \(k)", reason: "not positive definite (eigenvalues \(eigen.values))")
            }
            values += eigen.values
            vectors += eigen.vectors
        }
        let total = weights.reduce(0, +)
        self.dimension = d
        self.weights = weights.map { $0 / total }
        self.means = means
        self.covariances = covariances
        self.eigenvalues = values
        self.eigenvectors = vectors
        self.logWeights = self.weights.map { log($0) }
    }

    /// A mixture of isotropic components `N(μₖ, sₖ² I)`.
    public init(weights: [Double], means: [[Double]], standardDeviations: [Double]) throws(DiffusionError) {
        guard standardDeviations.count == weights.count else {
            throw .invalidParameter(name: "mixture", reason: "\(weights.count) weights, \(standardDeviations.count) deviations")
        }
        let d = means.first?.count ?? 0
        let covariances = standardDeviations.map { s in
            (0..<(d * d)).map { $0 / d == $0 % d ? s * s : 0 }
        }
        try self.init(weights: weights, means: means, covariances: covariances)
    }

    /// The number of components.
    public var componentCount: Int { weights.count }

    /// `n` independent draws from the mixture diffused to time `t` of `sde` (`t = 0`: the data),
    /// `x = α μₖ + Uₖ √(α²λₖ + s²) z`. Draw `i` uses counter block `i` of `key`'s splits, so the
    /// result is the same however it is later split across threads.
    public func samples(_ n: Int, key: RandomKey, at t: Double = 0, of sde: ForwardSDE? = nil) -> SampleSet {
        let d = dimension
        let alpha = sde?.meanCoefficient(at: t) ?? 1
        let s = sde?.standardDeviation(at: t) ?? 0
        var points = [Double](repeating: 0, count: n * d)
        var z = [Double](repeating: 0, count: d)
        for i in 0..<n {
            var stream = RandomStream(key: key.split(UInt64(i)))
            let u = stream.nextUniform()
            var k = 0
            var cumulative = weights[0]
            while k + 1 < weights.count && u > cumulative {
                k += 1
                cumulative += weights[k]
            }
            for j in 0..<d { z[j] = stream.nextNormal() * (alpha * alpha * eigenvalues[k * d + j] + s * s).squareRoot() }
            for r in 0..<d {
                var sum = alpha * means[k][r]
                for c in 0..<d { sum += eigenvectors[k * d * d + r * d + c] * z[c] }
                points[i * d + r] = sum
            }
        }
        return SampleSet(dimension: d, values: points)
    }
}
