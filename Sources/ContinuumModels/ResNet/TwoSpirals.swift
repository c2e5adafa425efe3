import ContinuumNumerics
import Foundation

/// The two-spirals classification problem: two interleaved Archimedean spirals in the plane,
/// class 1 the point reflection of class 0, with Gaussian jitter; drawn from a seed.
///
/// A point of class 0 is `r (cos φ, sin φ)` with `φ = 2π · turns · √u` for `u ~ U(0, 1)` (so points
/// are even along the arc), `r = φ / (2π · turns)` in `(0, 1]`, plus `N(0, noise²)` per coordinate.
public struct TwoSpirals: Sendable {
    /// `count × 2` coordinates, row-major.
    public let inputs: [Double]
    /// The class of each point, 0 or 1.
    public let labels: [Int]

    /// `samplesPerClass` points of each class (interleaved), from `seed`.
    public init(samplesPerClass: Int, turns: Double = 1.5, noise: Double = 0.02, seed: UInt64) {
        var stream = RandomStream(seed: seed)
        var inputs: [Double] = []
        var labels: [Int] = []
        inputs.reserveCapacity(4 * samplesPerClass)
        for _ in 0..<samplesPerClass {
            let phi = 2 * Double.pi * turns * stream.nextUniform().squareRoot()
            let r = phi / (2 * Double.pi * turns)
            for label in 0..<2 {
                let sign = label == 0 ? 1.0 : -1.0
                inputs.append(sign * r * cos(phi) + noise * stream.nextNormal())
                inputs.append(sign * r * sin(phi) + noise * stream.nextNormal())
                labels.append(label)
            }
        }
        self.inputs = inputs
        self.labels = labels
    }

    /// Number of points.
    public var count: Int { labels.count }

    /// Independent training and test sets from one seed (streams split from it).
    public static func trainAndTest(
        trainPerClass: Int, testPerClass: Int, seed: UInt64
    ) -> (train: TwoSpirals, test: TwoSpirals) {
        let key = RandomKey(seed: seed)
        func childSeed(_ i: UInt64) -> UInt64 {
            let bits = key.split(i).bits
            return UInt64(bits[1]) << 32 | UInt64(bits[0])
        }
        return (
            TwoSpirals(samplesPerClass: trainPerClass, seed: childSeed(0)),
            TwoSpirals(samplesPerClass: testPerClass, seed: childSeed(1))
        )
    }
}
