/// Misuse of the diffusion-model API: a distribution, schedule or option that cannot be used.
public enum DiffusionError: Error, Equatable, CustomStringConvertible {
    /// A parameter has an unusable value; `reason` says what is expected.
    case invalidParameter(name: String, reason: String)
    /// Two things that must have the same dimension do not.
    case dimensionMismatch(expected: Int, actual: Int, what: String)
    /// A mixture specification could not be read.
    case invalidSpecification(String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        case let .dimensionMismatch(expected, actual, what):
            return "\(what) has dimension \(actual), expected \(expected)"
        case let .invalidSpecification(reason): return "invalid mixture specification: \(reason)"
        }
    }
}
