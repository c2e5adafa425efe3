import ContinuumODE

/// One measurement of a work-precision study: a method at one tolerance.
public struct WorkPrecisionPoint: Sendable, Equatable {
    /// The method's name.
    public let method: String
    /// The relative tolerance of the solve.
    public let relativeTolerance: Double
    /// The absolute tolerance of the solve.
    public let absoluteTolerance: Double
    /// The error against the reference (see ``WorkPrecision/error(_:reference:floor:)``); infinite
    /// when the solve failed.
    public let error: Double
    /// Median wall time of the repeated solves, in seconds.
    public let medianSeconds: Double
    /// Number of solves the median was taken over.
    public let repeats: Int
    /// Right-hand side evaluations of one solve.
    public let functionEvaluations: Int
    /// Accepted plus rejected steps of one solve.
    public let steps: Int
    /// Jacobian evaluations of one solve.
    public let jacobianEvaluations: Int
    /// How the solve ended.
    public let status: SolutionStatus

    /// The header of ``csvRow``.
    public static let csvHeader = "method,rtol,atol,error,median_seconds,repeats,nfe,steps,jacobians,status"

    /// The point as one CSV line (numbers in shortest round-trip form, failures with an empty error).
    public var csvRow: String {
        let errorText = error.isFinite ? "\(error)" : ""
        return [method, "\(relativeTolerance)", "\(absoluteTolerance)", errorText, "\(medianSeconds)", "\(repeats)",
                "\(functionEvaluations)", "\(steps)", "\(jacobianEvaluations)", status.rawValue].joined(separator: ",")
    }
}
