/// Misuse of the SDE API that prevents a solve from starting. Failures *during* a solve (a state
/// that becomes NaN, too many steps) are reported by ``SDESolution/status`` instead.
public enum SDEError: Error, Equatable, CustomStringConvertible {
    /// A vector has the wrong length.
    case dimensionMismatch(expected: Int, actual: Int, what: String)
    /// A value that must be finite is NaN or infinite.
    case nonFinite(what: String)
    /// The time span is empty (`t0 == t1`).
    case emptyTimeSpan(t0: Double)
    /// An option has an unusable value.
    case invalidOption(name: String, reason: String)
    /// The scheme cannot solve this problem (noise structure, missing derivative, ...).
    case unsupported(scheme: String, reason: String)
    /// The Brownian path cannot serve the solve (wrong span, or not queryable in any order).
    case incompatiblePath(reason: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(expected, actual, what):
            return "\(what) has \(actual) components but \(expected) were expected"
        case let .nonFinite(what):
            return "\(what) is not finite (NaN or infinite)"
        case let .emptyTimeSpan(t0):
            return "the time span is empty: t0 == t1 == \(t0)"
        case let .invalidOption(name, reason):
            return "invalid option \(name): \(reason)"
        case let .unsupported(scheme, reason):
            return "\(scheme) cannot solve this problem: \(reason)"
        case let .incompatiblePath(reason):
            return "the Brownian path cannot be used: \(reason)"
        }
    }
}
