/// A method's linear stability: how one step acts on the test equation `y' = λy` as a function of
/// `z = hλ`.
///
/// The stability region is `{z : amplification(z) ≤ 1}`. One-step methods (Runge-Kutta,
/// Rosenbrock) have a stability function `R(z)` with `y₁ = R(z) y₀`, and their amplification is
/// `|R(z)|` (``OneStepStability``). A multistep method's amplification is the largest modulus of
/// the roots of its characteristic polynomial (``MultistepStability``). Other families conform by
/// supplying the same three answers: symplectic methods on the harmonic oscillator (amplification
/// on the imaginary axis) or stochastic schemes (mean-square growth) are meant to plug in here.
///
/// Everything in ``StabilityAnalysis`` (intervals, A- and L-stability, the A(α) angle, area) and
/// the regions and order stars drawn by tools work through this protocol alone.
public protocol LinearStability: Sendable {
    /// The method's short name, e.g. `"dopri5"`.
    var name: String { get }
    /// The factor by which a step multiplies the solution of `y' = λy` at `z = hλ` (in modulus).
    func amplification(at z: Complex) -> Double
    /// `lim_{|z|→∞} amplification(z)`; `.infinity` when it grows without bound (explicit methods).
    var amplificationAtInfinity: Double { get }
    /// Places in the open left half-plane where the region may be broken in a way that sampling the
    /// imaginary axis cannot see: the poles of `R` for a one-step method (by the maximum
    /// principle `|R| ≤ 1` on the axis then no longer bounds `|R|` inside), the points of the
    /// boundary locus with `Re z < 0` for a multistep method. Empty means none.
    func leftHalfPlaneSingularities() -> [Complex]
    /// Whether the points `t·direction` are stable for all small `t > 0`. Sampling cannot tell
    /// along the imaginary axis, where `amplification − 1 = O(t^{p+1})` sinks below rounding;
    /// methods answer from their series. The default samples `t = 10⁻³`.
    func isStableNearOrigin(along direction: Complex) -> Bool
    /// The A(α) angle in radians (see ``StabilityAnalysis/sectorAngle(_:)``, the default).
    func sectorAngle() -> Double
}

extension LinearStability {
    public func isStableNearOrigin(along direction: Complex) -> Bool {
        amplification(at: 1e-3 * direction) <= 1 + StabilityAnalysis.tolerance
    }

    public func sectorAngle() -> Double { StabilityAnalysis.sectorAngle(self) }
}
