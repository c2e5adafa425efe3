extension Double {
    /// Whether `self` and `other` agree within `absoluteTolerance` or within `relativeTolerance`
    /// times the larger magnitude. NaN is never approximately equal to anything.
    @inlinable
    public func isApproximatelyEqual(
        to other: Double, absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-12
    ) -> Bool {
        guard isFinite, other.isFinite else { return self == other }
        let difference = abs(self - other)
        return difference <= absoluteTolerance || difference <= relativeTolerance * Swift.max(abs(self), abs(other))
    }
}
