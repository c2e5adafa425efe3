/// How a solve ended. Failures are values, not errors: the solution holds everything computed up to
/// the failure, and ``Solution/message`` says what happened and when.
public enum SolutionStatus: String, Sendable, Equatable, CaseIterable {
    /// Reached the end of the time span.
    case success
    /// A terminal event fired; the solution ends at the event time.
    case terminatedByEvent
    /// The maximum number of steps was taken before reaching the end.
    case maxStepsReached
    /// The step size fell below what the floating-point time can resolve, or below the minimum step.
    case stepSizeUnderflow
    /// The state or its derivative became NaN or infinite.
    case nonFiniteState
    /// Hairer's stiffness test fired repeatedly: an explicit method is the wrong tool here.
    case stiffnessDetected
    /// An implicit method's Newton iteration kept diverging as the step size shrank.
    case newtonDivergence
    /// An implicit method's iteration matrix was singular and stayed singular as the step shrank.
    case singularMatrix

    /// Whether the solve reached its intended end (the final time or a terminal event).
    public var isSuccess: Bool { self == .success || self == .terminatedByEvent }
}
