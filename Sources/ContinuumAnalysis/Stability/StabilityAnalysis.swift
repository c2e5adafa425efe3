import Foundation

/// The numbers that characterise a stability region, computed from ``LinearStability`` alone.
///
/// Points count as stable when their amplification is at most `1 + tolerance` (``tolerance`` =
/// 1e-12 absorbs rounding of `|R| = 1` on the boundary). Lines are scanned outwards from 0 with
/// steps of 10⁻³ up to 1, 10⁻² up to 20 and then geometrically (1 %) up to ``scanLimit``; the
/// first unstable sample is bracketed and bisected to 10⁻¹³ relative. Whether the line starts
/// stable at 0 is decided by the method's series (``LinearStability/isStableNearOrigin(along:)``).
/// So the intervals reported are the connected pieces that contain 0 (a region may have further
/// pieces: islands are not part of the interval), resolved down to gaps of about the step.
public enum StabilityAnalysis {
    /// Amplification above `1 + tolerance` counts as unstable.
    public static let tolerance = 1e-12
    /// How far lines are scanned before the region is declared unbounded along them (the verdict
    /// then also needs `amplification(∞) ≤ 1`).
    public static let scanLimit = 1e6

    /// The stable interval of the real axis that contains 0.
    public static func realInterval(_ method: some LinearStability) -> StabilityInterval {
        StabilityInterval(lower: -extent(method, along: Complex(-1)), upper: extent(method, along: Complex(1)))
    }

    /// The stable interval of the imaginary axis that contains 0, as `[−y, y]` (regions of real
    /// methods are symmetric about the real axis).
    public static func imaginaryInterval(_ method: some LinearStability) -> StabilityInterval {
        let y = extent(method, along: .i)
        return StabilityInterval(lower: y == 0 ? 0 : -y, upper: y)
    }

    /// How far the stable segment from 0 along `direction` (a unit complex number) reaches: the
    /// distance to the first unstable point, `0` when points arbitrarily close to 0 are unstable,
    /// `.infinity` when none is found up to ``scanLimit`` and the method is bounded at infinity.
    public static func extent(_ method: some LinearStability, along direction: Complex) -> Double {
        func stable(_ t: Double) -> Bool { method.amplification(at: t * direction) <= 1 + tolerance }
        guard method.isStableNearOrigin(along: direction) else { return 0 }
        var previous = 0.0
        var t = 1e-3
        while t <= scanLimit {
            if !stable(t) { return bisect(from: previous, to: t, stable: stable) }
            previous = t
            t = nextSample(after: t)
        }
        return method.amplificationAtInfinity <= 1 + tolerance ? .infinity : scanLimit
    }

    /// The scan's sample after `t`: steps of 10⁻³ below 1, 10⁻² below 20, then 1 % further out.
    static func nextSample(after t: Double) -> Double {
        t < 1 ? t + 1e-3 : t < 20 ? t + 1e-2 : t * 1.01
    }

    /// The boundary between a stable `a` and an unstable `b`.
    static func bisect(from a: Double, to b: Double, stable: (Double) -> Bool) -> Double {
        var (low, high) = (a, b)
        while high - low > 1e-13 * max(1, low) {
            let middle = low + (high - low) / 2
            if middle == low || middle == high { break }
            if stable(middle) { low = middle } else { high = middle }
        }
        return low + (high - low) / 2
    }

    /// The largest amplification found on the imaginary axis: `|R(iy)|` sampled as the scan does,
    /// up to 10⁸, with every local maximum refined by golden-section
    /// search, and the value at infinity.
    public static func maximumOnImaginaryAxis(_ method: some LinearStability) -> Double {
        func f(_ y: Double) -> Double { method.amplification(at: Complex(0, y)) }
        var points: [Double] = []
        var y = 0.0
        while y <= 1e8 {
            points.append(y)
            y = nextSample(after: y)
        }
        let values = points.map(f)
        var largest = max(values.max() ?? 0, method.amplificationAtInfinity)
        for k in 1..<(points.count - 1) where values[k] >= values[k - 1] && values[k] >= values[k + 1] {
            largest = max(largest, goldenMaximum(f, points[k - 1], points[k + 1]))
        }
        return largest
    }

    static func goldenMaximum(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var (low, high) = (a, b)
        var x1 = high - ratio * (high - low), x2 = low + ratio * (high - low)
        var f1 = f(x1), f2 = f(x2)
        for _ in 0..<60 where high - low > 1e-14 * max(1, high) {
            if f1 < f2 {
                low = x1; x1 = x2; f1 = f2
                x2 = low + ratio * (high - low); f2 = f(x2)
            } else {
                high = x2; x2 = x1; f2 = f1
                x1 = high - ratio * (high - low); f1 = f(x1)
            }
        }
        return max(f1, f2)
    }

    /// A-stability: the closed left half-plane lies in the region. Checked as `|amplification| ≤ 1`
    /// on the imaginary axis (``maximumOnImaginaryAxis(_:)``, within 10⁻⁹) and at infinity, and no
    /// ``LinearStability/leftHalfPlaneSingularities()`` (poles of `R`; for multistep methods the
    /// boundary locus entering `Re z < 0`).
    public static func isAStable(_ method: some LinearStability) -> Bool {
        method.amplificationAtInfinity <= 1 + 1e-9
            && method.leftHalfPlaneSingularities().isEmpty
            && maximumOnImaginaryAxis(method) <= 1 + 1e-9
    }

    /// L-stability: A-stable and the amplification vanishes at infinity (below 10⁻⁹).
    public static func isLStable(_ method: some LinearStability) -> Bool {
        method.amplificationAtInfinity < 1e-9 && isAStable(method)
    }

    /// The A(α) angle in radians: the largest `α ≤ π/2` such that the sector `|arg(−z)| < α` lies
    /// in the region, found by bisection on the angle, each ray sampled logarithmically from
    /// 10⁻³ to 10⁶ (and at infinity). 0 when even the negative real axis is not wholly stable.
    public static func sectorAngle(_ method: some LinearStability) -> Double {
        let radii = (0...900).map { pow(10, -3 + Double($0) / 100) }
        func rayIsStable(_ angle: Double) -> Bool {
            let direction = Complex(magnitude: 1, phase: Double.pi - angle)
            return radii.allSatisfy { method.amplification(at: $0 * direction) <= 1 + 1e-9 }
        }
        guard method.amplificationAtInfinity <= 1 + 1e-9, rayIsStable(0) else { return 0 }
        if rayIsStable(Double.pi / 2) && isAStable(method) { return Double.pi / 2 }
        var (low, high) = (0.0, Double.pi / 2)
        while high - low > 1e-7 {
            let middle = (low + high) / 2
            // Every ray up to the angle must be stable; check a few in between on the way.
            if rayIsStable(middle) && rayIsStable((low + middle) / 2) { low = middle } else { high = middle }
        }
        return low
    }
}
