import ContinuumODE

/// Why a gradient could not be computed.
public enum SensitivityError: Error, Equatable, CustomStringConvertible {
    /// The problem or the options are unusable (see the wrapped error).
    case invalidProblem(ODEError)
    /// The loss times are empty, not finite, out of order or outside the time span.
    case invalidTimes(String)
    /// The method cannot differentiate this solver or setting.
    case unsupported(String)
    /// The forward solve did not succeed; the gradient of a failed solve would be meaningless.
    case forwardSolveFailed(SolutionStatus, String)
    /// A backward (adjoint) solve did not succeed.
    case backwardSolveFailed(SolutionStatus, String)
    /// The loss or its gradient is not finite.
    case nonFiniteLoss(String)

    public var description: String {
        switch self {
        case let .invalidProblem(error): return error.description
        case let .invalidTimes(reason): return "invalid loss times: \(reason)"
        case let .unsupported(reason): return "unsupported: \(reason)"
        case let .forwardSolveFailed(status, message): return "forward solve failed (\(status)): \(message)"
        case let .backwardSolveFailed(status, message): return "adjoint solve failed (\(status)): \(message)"
        case let .nonFiniteLoss(reason): return "non-finite loss: \(reason)"
        }
    }
}
