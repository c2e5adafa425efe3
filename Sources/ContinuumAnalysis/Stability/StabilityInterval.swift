/// An interval `[lower, upper]` of a line through the origin of the stability plane, in the line's
/// coordinate (`x` on the real axis, `y` on the imaginary axis); either end may be infinite.
public struct StabilityInterval: Sendable, Equatable, CustomStringConvertible {
    /// The lower end (`-.infinity` when the region extends without bound).
    public var lower: Double
    /// The upper end (`.infinity` when the region extends without bound).
    public var upper: Double

    /// `[lower, upper]`.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The length `upper − lower` (infinite for an unbounded interval).
    public var length: Double { upper - lower }

    public var description: String { "[\(lower), \(upper)]" }
}
