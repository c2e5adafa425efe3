/// The right-hand side `f(t, y)` of an ordinary differential equation `y' = f(t, y)`.
///
/// Implementations write `f(t, y)` into `dy` in place and must not allocate: solvers call
/// ``evaluate(_:_:_:)`` several times per step. Solvers are generic over the conforming type, so
/// the call is specialised and can inline.
///
/// ```swift
/// struct Exponential: VectorField {
///     var dimension: Int { 1 }
///     func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
///         dy[0] = -y[0]
///     }
/// }
/// ```
public protocol VectorField {
    /// Number of state components `n`.
    var dimension: Int { get }
    /// Writes `f(t, y)` into `dy`; both buffers have ``dimension`` elements.
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>)
}

/// A ``VectorField`` given by a closure.
///
/// ```swift
/// let lorenz = ClosureVectorField(dimension: 3) { t, y, dy in
///     dy[0] = 10 * (y[1] - y[0])
///     dy[1] = y[0] * (28 - y[2]) - y[1]
///     dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
/// }
/// ```
public struct ClosureVectorField: VectorField, Sendable {
    /// The closure's signature: time, state, derivative to fill.
    public typealias Function = @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    public let dimension: Int
    @usableFromInline let function: Function

    /// Wraps `function`, which must write all `dimension` components of its third argument.
    public init(dimension: Int, _ function: @escaping Function) {
        self.dimension = dimension
        self.function = function
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        function(t, y, dy)
    }
}

/// A ``VectorField`` with a parameter vector `p`: `y' = f(t, y; p)`.
///
/// The parameters are stored contiguously and passed to the closure on every call, so a model can
/// be re-solved with new parameters by copying the field with ``withParameters(_:)``.
public struct ParametricVectorField: VectorField, Sendable {
    /// The closure's signature: time, state, parameters, derivative to fill.
    public typealias Function = @Sendable (
        Double, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Void

    public let dimension: Int
    /// The parameter vector `p`.
    public private(set) var parameters: [Double]
    @usableFromInline let function: Function

    /// Wraps `function(t, y, p, dy)` with the parameter values `parameters`.
    public init(dimension: Int, parameters: [Double], _ function: @escaping Function) {
        self.dimension = dimension
        self.parameters = parameters
        self.function = function
    }

    /// A copy of this field with other parameter values (same count).
    public func withParameters(_ newParameters: [Double]) -> ParametricVectorField {
        precondition(newParameters.count == parameters.count, "expected \(parameters.count) parameters")
        var copy = self
        copy.parameters = newParameters
        return copy
    }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        parameters.withUnsafeBufferPointer { p in function(t, y, p, dy) }
    }
}
