import ContinuumIO
import ContinuumODE

// Array-in, array-out wrappers around the in-place protocols, finite differences, and a seeded
// random number generator, shared by the expression-language tests.

/// `f(t, y)`.
func value<F: VectorField>(_ field: F, t: Double = 0, _ y: [Double]) -> [Double] {
    var dy = [Double](repeating: .nan, count: field.dimension)
    y.withUnsafeBufferPointer { y in dy.withUnsafeMutableBufferPointer { field.evaluate(t, y, $0) } }
    return dy
}

/// The Jacobian `∂f/∂y` (row-major) from the field's own `jacobian`.
func jacobian<F: DifferentiableVectorField>(_ field: F, t: Double = 0, _ y: [Double]) -> [Double] {
    var matrix = [Double](repeating: .nan, count: field.dimension * field.dimension)
    y.withUnsafeBufferPointer { y in matrix.withUnsafeMutableBufferPointer { field.jacobian(t, y, $0) } }
    return matrix
}

/// `(vᵀ ∂f/∂y, vᵀ ∂f/∂θ)`.
func vectorJacobianProduct<F: DifferentiableVectorField>(
    _ field: F, t: Double = 0, _ y: [Double], _ v: [Double]
) -> (state: [Double], parameters: [Double]) {
    var state = [Double](repeating: .nan, count: field.dimension)
    var parameters = [Double](repeating: .nan, count: field.parameterCount)
    y.withUnsafeBufferPointer { y in
        v.withUnsafeBufferPointer { v in
            state.withUnsafeMutableBufferPointer { s in
                parameters.withUnsafeMutableBufferPointer { p in
                    field.vectorJacobianProduct(t, y, v, stateProduct: s, parameterProduct: p)
                }
            }
        }
    }
    return (state, parameters)
}

/// Central differences `(g(x + h) − g(x − h)) / 2h` of a vector function of a vector, as a
/// row-major matrix `∂gᵢ/∂xⱼ`, with `h` scaled to each coordinate.
func centralDifferences(at x: [Double], outputs: Int, _ g: ([Double]) -> [Double]) -> [Double] {
    var matrix = [Double](repeating: 0, count: outputs * x.count)
    for j in x.indices {
        let h = 1e-6 * Swift.max(1, Swift.abs(x[j]))
        var plus = x, minus = x
        plus[j] += h
        minus[j] -= h
        let (up, down) = (g(plus), g(minus))
        for i in 0..<outputs { matrix[i * x.count + j] = (up[i] - down[i]) / (plus[j] - minus[j]) }
    }
    return matrix
}

/// `∂f/∂y` by central differences.
func finiteDifferenceJacobian<F: VectorField>(_ field: F, t: Double = 0, _ y: [Double]) -> [Double] {
    centralDifferences(at: y, outputs: field.dimension) { value(field, t: t, $0) }
}

/// `∂f/∂θ` (row-major `dimension × parameterCount`) by central differences.
func finiteDifferenceParameterJacobian(_ field: ExpressionVectorField, t: Double = 0, _ y: [Double]) -> [Double] {
    centralDifferences(at: field.parameters, outputs: field.dimension) { value(field.withParameters($0), t: t, y) }
}

/// `vᵀ M` for a row-major `rows × columns` matrix.
func transposedProduct(_ v: [Double], _ matrix: [Double], columns: Int) -> [Double] {
    (0..<columns).map { j in v.indices.reduce(0) { $0 + v[$1] * matrix[$1 * columns + j] } }
}

/// Whether `a` and `b` agree entry by entry to `relative` times the larger magnitude, with an
/// absolute floor of `relative` times `scale` (the size of the quantities involved).
func agree(_ a: [Double], _ b: [Double], relative: Double, scale: Double = 1) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        Swift.abs(x - y) <= relative * Swift.max(Swift.abs(x), Swift.abs(y), scale)
    }
}

/// SplitMix64: a small seeded generator so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
