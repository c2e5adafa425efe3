import Foundation

/// The stability numbers of one method, as `continuum stability` reports them.
public struct StabilitySummary: Sendable {
    /// The method's name.
    public let name: String
    /// The stable interval of the real axis containing 0.
    public let realInterval: StabilityInterval
    /// The stable interval of the imaginary axis containing 0.
    public let imaginaryInterval: StabilityInterval
    /// Whether the closed left half-plane lies in the region.
    public let isAStable: Bool
    /// Whether the method is A-stable with amplification 0 at infinity.
    public let isLStable: Bool
    /// The A(α) angle in degrees (90 for A-stable methods).
    public let sectorAngleDegrees: Double
    /// `lim |R(z)|` as `|z| → ∞` (infinite for explicit methods).
    public let amplificationAtInfinity: Double
    /// Area of the region inside ``areaBox``, once measured (``measuringArea(on:)``).
    public private(set) var area: Double?
    /// The rectangle `real × imaginary` the area was measured in.
    public private(set) var areaBox: (real: ClosedRange<Double>, imaginary: ClosedRange<Double>)?

    /// Computes the intervals, A- and L-stability, A(α) and `R(∞)` of `method`.
    public init(_ method: some LinearStability) {
        name = method.name
        realInterval = StabilityAnalysis.realInterval(method)
        imaginaryInterval = StabilityAnalysis.imaginaryInterval(method)
        isAStable = StabilityAnalysis.isAStable(method)
        amplificationAtInfinity = method.amplificationAtInfinity
        isLStable = isAStable && amplificationAtInfinity < 1e-9
        sectorAngleDegrees = isAStable ? 90 : method.sectorAngle() * 180 / Double.pi
    }

    /// This summary with the area of the region measured on `grid` (the method's amplification
    /// sampled by ``StabilityGrid/amplification(_:real:imaginary:columns:rows:)``).
    public func measuringArea(on grid: StabilityGrid) -> StabilitySummary {
        var copy = self
        copy.area = grid.area()
        copy.areaBox = (grid.x[0]...grid.x[grid.x.count - 1], grid.y[0]...grid.y[grid.y.count - 1])
        return copy
    }
}
