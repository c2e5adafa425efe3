import ContinuumModels
import Foundation

/// The 2-D mixture of three Gaussians the diffusion tests use, and an independent evaluation of
/// its density from the 2 × 2 formulas.
enum DiffusionFixtures {
    static let weights = [0.3, 0.5, 0.2]
    static let means: [[Double]] = [[-2, 0], [2, 1], [0, -2.5]]
    static let covariances: [[Double]] = [[0.5, 0.2, 0.2, 0.4], [0.3, -0.1, -0.1, 0.6], [0.8, 0, 0, 0.2]]
    static let mixture = try! GaussianMixture(weights: weights, means: means, covariances: covariances)
    static let sdes: [(String, ForwardSDE)] = [
        ("vp", .variancePreserving), ("ve", .varianceExploding), ("subvp", .subVariancePreserving),
        ("ou", .ornsteinUhlenbeck),
    ]

    /// `log Σ wₖ N(x; μₖ, Σₖ)` by the explicit 2 × 2 inverse and determinant.
    static func analyticLogDensity(_ x: [Double]) -> Double {
        var total = 0.0
        for k in 0..<3 {
            let c = covariances[k]
            let det = c[0] * c[3] - c[1] * c[2]
            let dx = x[0] - means[k][0], dy = x[1] - means[k][1]
            let q = (c[3] * dx * dx - 2 * c[1] * dx * dy + c[0] * dy * dy) / det
            total += weights[k] * exp(-0.5 * q) / (2 * Double.pi * det.squareRoot())
        }
        return log(total)
    }
}
