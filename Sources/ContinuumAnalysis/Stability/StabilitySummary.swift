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
    /// Area of the region inside ``areaBox`` (grid estimate).
    public let area: Double
    /// The rectangle `real × imaginary` the area was measured in.
    public let areaBox: (real: ClosedRange<Double>, imaginary: ClosedRange<Double>)

    /// Computes every number for `method`; the area within `real × imaginary` on a
    /// `resolution × resolution` grid.
    public init(
        _ method: some LinearStability, real: ClosedRange<Double> = -6...2, imaginary: ClosedRange<Double> = -5...5,
        resolution: Int = 401
    ) {
        name = method.name
        realInterval = StabilityAnalysis.realInterval(method)
        imaginaryInterval = StabilityAnalysis.imaginaryInterval(method)
        isAStable = StabilityAnalysis.isAStable(method)
        amplificationAtInfinity = method.amplificationAtInfinity
        isLStable = isAStable && amplificationAtInfinity < 1e-9
        sectorAngleDegrees = isAStable ? 90 : method.sectorAngle() * 180 / Double.pi
        area = StabilityGrid.amplification(method, real: real, imaginary: imaginary, columns: resolution, rows: resolution).area()
        areaBox = (real, imaginary)
    }
}
