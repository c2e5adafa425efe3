/// A sample path of an `m`-dimensional Brownian motion `W`, read through its increments.
///
/// ``increment(from:to:into:)`` writes `W(t) − W(s)`; ``increment(from:to:into:area:)`` also writes
/// the space-time Lévy area `H(s, t) = (1/h) ∫ₛᵗ (W(u) − W(s) − ((u − s)/h)(W(t) − W(s))) du`,
/// `h = t − s`, which the order-1.5 schemes need through `∫ₛᵗ (W(u) − W(s)) du = h (ΔW/2 + H)`.
///
/// Paths that are ``isQueryableInAnyOrder`` (the virtual Brownian tree) return bit-identical values
/// for the same query whatever was asked before, so adaptive solvers may re-query after a rejected
/// step and adjoints may walk the path backwards. A ``SequentialBrownianPath`` instead draws fresh
/// increments in order: the fastest choice for forward fixed-step runs.
public protocol BrownianPath {
    /// Number `m` of Brownian components.
    var dimension: Int { get }
    /// Whether queries may come in any order with the same answers.
    var isQueryableInAnyOrder: Bool { get }
    /// Whether ``increment(from:to:into:area:)`` returns areas consistent with the increments.
    var providesSpaceTimeArea: Bool { get }
    /// Whether `[t0, t1]` lies inside the path's domain.
    func covers(_ t0: Double, _ t1: Double) -> Bool
    /// Writes `W(t) − W(s)` (`dimension` entries).
    mutating func increment(from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>)
    /// Writes `W(t) − W(s)` and the space-time Lévy area `H(s, t)`.
    mutating func increment(
        from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>,
        area: UnsafeMutableBufferPointer<Double>)
}
