/// Cheap checks that vectors hold no NaN or infinity.
public enum FiniteCheck {
    /// Whether every element of `v[0..<count]` is finite. A sum is finite only if every term is
    /// (barring overflow for values near 1e308), so this is one pass without branches.
    @inlinable
    public static func allFinite(_ v: UnsafePointer<Double>, count: Int) -> Bool {
        var sum = 0.0
        for i in 0..<count { sum += v[i] }
        return sum.isFinite
    }

    /// Whether every element of both vectors is finite.
    @inlinable
    public static func allFinite(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Bool {
        var sum = 0.0
        for i in 0..<count { sum += a[i] + b[i] }
        return sum.isFinite
    }
}
