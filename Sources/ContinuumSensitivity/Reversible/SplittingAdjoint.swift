/// How ``gradient(of:at:for:with:stepSize:adjoint:)`` gets the states its reverse sweep needs.
///
/// Both are the exact derivative of the same discrete solve and agree to rounding.
public enum SplittingAdjoint: Sendable, Equatable {
    /// Keep only the current state and recover the earlier ones by undoing the steps (the
    /// integrator run backwards): memory independent of the number of steps.
    case reversible
    /// The discrete adjoint over the stored trajectory: every step's start state is kept, and
    /// each step is replayed from it before it is reversed. Memory grows with the steps.
    case storingAll
}
