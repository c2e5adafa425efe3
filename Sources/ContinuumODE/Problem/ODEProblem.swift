/// An initial value problem `y' = f(t, y)`, `y(t0) = y0`, integrated from `t0` to `t1`.
///
/// The time span may run in either direction (`t1 < t0` integrates backwards). Construction
/// validates the problem, so a problem that exists can be solved.
///
/// ```swift
/// let problem = try ODEProblem(y0: [1, 0, 0], from: 0, to: 20) { t, y, dy in
///     dy[0] = 10 * (y[1] - y[0])
///     dy[1] = y[0] * (28 - y[2]) - y[1]
///     dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
/// }
/// ```
public struct ODEProblem<Field: VectorField> {
    /// The right-hand side.
    public var field: Field
    /// The initial state.
    public var y0: [Double]
    /// Initial time.
    public var t0: Double
    /// Final time.
    public var t1: Double

    /// Creates a problem, checking that `y0` matches the field and that the span is finite and non-empty.
    public init(_ field: Field, y0: [Double], from t0: Double, to t1: Double) throws(ODEError) {
        guard y0.count == field.dimension else {
            throw .dimensionMismatch(expected: field.dimension, actual: y0.count, what: "y0")
        }
        if let bad = y0.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "y0[\(bad)]") }
        guard t0.isFinite else { throw .nonFinite(what: "t0") }
        guard t1.isFinite else { throw .nonFinite(what: "t1") }
        guard t0 != t1 else { throw .emptyTimeSpan(t0: t0) }
        self.field = field
        self.y0 = y0
        self.t0 = t0
        self.t1 = t1
    }

    /// The direction of integration: `+1` forwards, `-1` backwards.
    public var direction: Double { t1 > t0 ? 1 : -1 }
}

extension ODEProblem where Field == ClosureVectorField {
    /// A problem whose right-hand side is a closure writing `f(t, y)` into its third argument.
    public init(
        y0: [Double], from t0: Double, to t1: Double,
        _ function: @escaping ClosureVectorField.Function
    ) throws(ODEError) {
        try self.init(ClosureVectorField(dimension: y0.count, function), y0: y0, from: t0, to: t1)
    }
}

extension ODEProblem where Field == ParametricVectorField {
    /// A problem with parameters: the closure receives `(t, y, p, dy)`.
    public init(
        y0: [Double], parameters: [Double], from t0: Double, to t1: Double,
        _ function: @escaping ParametricVectorField.Function
    ) throws(ODEError) {
        if let bad = parameters.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "parameter \(bad)")
        }
        let field = ParametricVectorField(dimension: y0.count, parameters: parameters, function)
        try self.init(field, y0: y0, from: t0, to: t1)
    }
}
