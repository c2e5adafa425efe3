/// Misuse of the API that prevents a solve from starting. Failures *during* a solve are not errors:
/// they are reported by ``Solution/status``.
public enum ODEError: Error, Equatable, CustomStringConvertible {
    /// `y0` has a different length from the vector field's dimension.
    case dimensionMismatch(expected: Int, actual: Int, what: String)
    /// A value that must be finite is NaN or infinite.
    case nonFinite(what: String)
    /// The time span is empty (`t0 == t1`).
    case emptyTimeSpan(t0: Double)
    /// An option has an unusable value.
    case invalidOption(name: String, reason: String)
    /// A save-at or stop time lies outside the time span or is out of order.
    case timeOutsideSpan(what: String, time: Double)

    public var description: String {
        switch self {
        case let .dimensionMismatch(expected, actual, what):
            return "\(what) has \(actual) components but the vector field has dimension \(expected)"
        case let .nonFinite(what):
            return "\(what) is not finite (NaN or infinite)"
        case let .emptyTimeSpan(t0):
            return "the time span is empty: t0 == t1 == \(t0)"
        case let .invalidOption(name, reason):
            return "invalid option \(name): \(reason)"
        case let .timeOutsideSpan(what, time):
            return "\(what) \(time) lies outside the time span or is out of order"
        }
    }
}
