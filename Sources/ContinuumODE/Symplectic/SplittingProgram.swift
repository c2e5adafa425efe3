/// Merged ``SplittingCoefficients`` compiled for the engine: after merging, drifts and kicks
/// alternate, so the program is the kind of the first stage and one contiguous list of fractions,
/// plus, for every stage, the fraction of the step the clock has advanced (drifts move time).
@usableFromInline
final class SplittingProgram: @unchecked Sendable {
    @usableFromInline let stageCount: Int
    @usableFromInline let firstIsDrift: Bool
    /// The step fractions, in order.
    @usableFromInline let fractions: UnsafeMutablePointer<Double>
    /// Before stage `i`: the sum of the drift fractions of stages `0..<i` (the kick's time offset).
    @usableFromInline let clock: UnsafeMutablePointer<Double>
    /// Whether the first and the last stage are kicks: the last kick's force, at the final `q`,
    /// is the next step's first force ("first same as last").
    @usableFromInline let isFSAL: Bool
    /// Number of drifts (velocity evaluations) and kicks (force evaluations) per step.
    @usableFromInline let driftCount: Int, kickCount: Int

    init(_ coefficients: SplittingCoefficients) {
        let stages = coefficients.merged.stages
        stageCount = stages.count
        firstIsDrift = stages.first?.isDrift ?? true
        fractions = .allocate(capacity: max(stages.count, 1))
        clock = .allocate(capacity: max(stages.count, 1))
        var elapsed = 0.0
        for (i, stage) in stages.enumerated() {
            fractions[i] = stage.fraction
            clock[i] = elapsed
            if stage.isDrift { elapsed += stage.fraction }
        }
        isFSAL = stages.count > 1 && !stages.first!.isDrift && !stages.last!.isDrift
        driftCount = stages.filter(\.isDrift).count
        kickCount = stages.count - driftCount
    }

    deinit {
        fractions.deallocate()
        clock.deallocate()
    }

    /// Whether stage `i` is a drift.
    @inlinable @inline(__always)
    func isDrift(_ i: Int) -> Bool { (i & 1 == 0) == firstIsDrift }
}

/// The scratch storage of a splitting method on one system: a velocity and a force buffer, and the
/// cache that lets a "first same as last" method reuse the previous step's last force. The cache is
/// keyed by the time (to a few ulps) and the bit pattern of `q`, so it is reused only when the caller has not
/// moved `q` in between (stepping backwards, or editing `q`, simply misses it).
public final class SplittingWorkspace {
    /// Number of coordinates.
    public let degreesOfFreedom: Int
    @usableFromInline let velocity: UnsafeMutableBufferPointer<Double>
    @usableFromInline let force: UnsafeMutableBufferPointer<Double>
    @usableFromInline let cachedQ: UnsafeMutableBufferPointer<Double>
    /// Spare coordinates (the look-ahead point of Nesterov's scheme).
    @usableFromInline let scratch: UnsafeMutableBufferPointer<Double>
    /// `[time of the cached force, 1 if the cache is valid else 0]`, in unsafe storage so that the
    /// hot loop pays no exclusivity checks.
    @usableFromInline let cacheState: UnsafeMutablePointer<Double>

    /// Storage for systems with `degreesOfFreedom` coordinates.
    public init(degreesOfFreedom n: Int) {
        degreesOfFreedom = n
        velocity = .allocate(capacity: n)
        force = .allocate(capacity: n)
        cachedQ = .allocate(capacity: n)
        scratch = .allocate(capacity: n)
        scratch.initialize(repeating: 0)
        cacheState = .allocate(capacity: 2)
        cacheState.initialize(repeating: 0, count: 2)
        velocity.initialize(repeating: 0)
        force.initialize(repeating: 0)
        cachedQ.initialize(repeating: 0)
    }

    deinit {
        velocity.deallocate()
        force.deallocate()
        cachedQ.deallocate()
        scratch.deallocate()
        cacheState.deallocate()
    }

    /// Forgets the cached force (the next step evaluates it afresh).
    public func invalidate() { cacheState[1] = 0 }

    @inlinable @inline(__always)
    func cacheHolds(t: Double, _ q: UnsafeMutableBufferPointer<Double>) -> Bool {
        // Stage times are sums of rounded fractions of h, so the next step's first kick time may
        // differ from the last kick's by a few ulps; that is the same instant.
        guard cacheState[1] != 0, abs(cacheState[0] - t) <= 1e-13 * max(1, abs(t)) else { return false }
        for i in 0..<degreesOfFreedom where cachedQ[i].bitPattern != q[i].bitPattern { return false }
        return true
    }

    @inlinable @inline(__always)
    func remember(t: Double, _ q: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<degreesOfFreedom { cachedQ[i] = q[i] }
        cacheState[0] = t
        cacheState[1] = 1
    }
}
