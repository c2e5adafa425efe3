/// A constant antisymmetric matrix `A` that rotates the probability flow:
/// `v = f − ½g²(I + A)∇log pₜ` has the same marginals as the probability-flow ODE, because the added
/// term `−½g² A ∇log p` times `p` is `−½g² A ∇p`, whose divergence `−½g² Σᵢⱼ Aᵢⱼ ∂ᵢ∂ⱼ p` vanishes
/// (a divergence-free "curl" current in the Fokker-Planck equation).
public struct Gauge: Sendable, Equatable {
    /// The dimension.
    public let dimension: Int
    /// Row-major `d × d` entries, with `Aᵀ = −A`.
    public let matrix: [Double]

    /// A gauge from a row-major antisymmetric matrix; throws if it is not antisymmetric or finite.
    public init(dimension: Int, matrix: [Double]) throws(DiffusionError) {
        guard dimension > 0, matrix.count == dimension * dimension else {
            throw .dimensionMismatch(expected: dimension * dimension, actual: matrix.count, what: "gauge matrix (entries)")
        }
        guard matrix.allSatisfy(\.isFinite) else { throw .invalidParameter(name: "gauge", reason: "not finite") }
        for i in 0..<dimension {
            for j in 0...i where matrix[i * dimension + j] != -matrix[j * dimension + i] {
                throw .invalidParameter(name: "gauge", reason: "A[\(i)][\(j)] != -A[\(j)][\(i)]: not antisymmetric")
            }
        }
        self.dimension = dimension
        self.matrix = matrix
    }

    /// The planar rotation generator `a [[0, 1], [−1, 0]]`.
    public static func planar(_ a: Double) throws(DiffusionError) -> Gauge {
        try Gauge(dimension: 2, matrix: [0, a, -a, 0])
    }

    /// `out = v + A v`.
    @inlinable
    func applyIdentityPlus(_ v: UnsafeMutableBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        matrix.withUnsafeBufferPointer { a in
            for i in 0..<d {
                var sum = v[i]
                for j in 0..<d { sum += a[i * d + j] * v[j] }
                out[i] = sum
            }
        }
    }
}
