/// Relative and absolute error tolerances of an adaptive solve.
///
/// The absolute tolerance is a scalar or one value per component; a per-component tolerance is
/// copied into storage that the solver reads without allocation.
public struct Tolerance: Sendable, Equatable {
    /// Relative tolerance `rtol`.
    public var relative: Double
    /// Scalar absolute tolerance `atol` (used when ``absoluteVector`` is `nil`).
    public var absolute: Double
    /// Per-component absolute tolerances, if given.
    public var absoluteVector: [Double]?

    /// Scalar tolerances: `rtol` and `atol`.
    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
        self.absoluteVector = nil
    }

    /// A relative tolerance and one absolute tolerance per component.
    public init(relative: Double, absolute: [Double]) {
        self.relative = relative
        self.absolute = absolute.min() ?? 0
        self.absoluteVector = absolute
    }

    /// Whether the tolerances are usable: finite, non-negative, not both zero.
    public var isValid: Bool {
        let atols = absoluteVector ?? [absolute]
        return relative.isFinite && relative >= 0 && atols.allSatisfy { $0.isFinite && $0 >= 0 }
            && (relative > 0 || atols.allSatisfy { $0 > 0 })
    }
}
