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
    /// When set, only the first `controlledComponents` components enter the error norm: a
    /// *seminorm* (Kidger, Chen & Lyons 2021) for augmented systems whose trailing components (such
    /// as accumulated parameter gradients) need not limit the step size. `nil`: all components.
    public var controlledComponents: Int?

    /// Scalar tolerances: `rtol` and `atol`.
    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
        self.absoluteVector = nil
        self.controlledComponents = nil
    }

    /// A relative tolerance and one absolute tolerance per component.
    public init(relative: Double, absolute: [Double]) {
        self.relative = relative
        self.absolute = absolute.min() ?? 0
        self.absoluteVector = absolute
        self.controlledComponents = nil
    }

    /// The number of components of an `n`-vector that the error norm measures.
    @inlinable
    public func controlledCount(of n: Int) -> Int {
        guard let k = controlledComponents else { return n }
        return max(1, min(k, n))
    }

    /// Whether the tolerances are usable: finite, non-negative, not both zero.
    public var isValid: Bool {
        let atols = absoluteVector ?? [absolute]
        return relative.isFinite && relative >= 0 && atols.allSatisfy { $0.isFinite && $0 >= 0 }
            && (relative > 0 || atols.allSatisfy { $0 > 0 })
    }
}
