/// A ``VectorField`` `f(t, y; θ)` that can differentiate itself: vector-Jacobian products with
/// respect to the state and the parameters (for adjoints), and the dense state Jacobian (for
/// implicit solvers).
///
/// Implementations write into caller-owned buffers and must not allocate. Sources: hand-written
/// layers, the expression language (`ContinuumIO`), `_Differentiation` closures.
public protocol DifferentiableVectorField: VectorField {
    /// Number of parameters `θ`.
    var parameterCount: Int { get }

    /// Writes `vᵀ ∂f/∂y` (length `dimension`) into `stateProduct` and `vᵀ ∂f/∂θ` (length
    /// ``parameterCount``) into `parameterProduct`, both evaluated at `(t, y)`.
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>)

    /// Writes the Jacobian `∂f/∂y` at `(t, y)` into `jacobian`, row-major: entry `(i, j)` =
    /// `∂fᵢ/∂yⱼ` at index `i · dimension + j`.
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>)
}

extension DifferentiableVectorField {
    /// The Jacobian assembled row by row from vector-Jacobian products with unit vectors (`n`
    /// products; scratch space on the stack). Conforming types with a cheaper Jacobian override it.
    public func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) {
        let n = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n + max(parameterCount, 1)) { scratch in
            let unit = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
            let row = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
            let parameters = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)...])
            unit.initialize(repeating: 0)
            for i in 0..<n {
                unit[i] = 1
                vectorJacobianProduct(t, y, UnsafeBufferPointer(unit), stateProduct: row, parameterProduct: parameters)
                for j in 0..<n { jacobian[i * n + j] = row[j] }
                unit[i] = 0
            }
        }
    }
}
