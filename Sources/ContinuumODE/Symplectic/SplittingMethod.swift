/// The composition engine: one implementation that runs every splitting method given as
/// ``SplittingCoefficients`` on a ``PartitionedVectorField``.
///
/// Each drift and kick is the exact flow of its half of the system, so for a separable Hamiltonian
/// every method is symplectic, and the symmetric ones are time-reversible: the step with `−h`
/// inverts the step with `h` up to rounding. ``step(_:t:h:q:p:workspace:)`` advances caller-owned
/// buffers in place, which is what a constant-memory adjoint needs to run the integration
/// backwards.
///
/// ```swift
/// let workspace = SplittingWorkspace(degreesOfFreedom: 2)
/// for k in 0..<1000 {
///     _ = SplittingMethod.yoshida4.step(kepler, t: Double(k) * h, h: h, q: q, p: p, workspace: workspace)
/// }
/// ```
public struct SplittingMethod: Sendable {
    /// Short name (`"verlet"`).
    public let name: String
    /// Name with authors.
    public let displayName: String
    /// Classical order of accuracy.
    public let order: Int
    /// The coefficients, merged.
    public let coefficients: SplittingCoefficients
    @usableFromInline let program: SplittingProgram

    /// A method from its coefficients (merged on the way in).
    public init(name: String, displayName: String, order: Int, coefficients: SplittingCoefficients) {
        self.name = name
        self.displayName = displayName
        self.order = order
        self.coefficients = coefficients.merged
        program = SplittingProgram(coefficients)
    }

    /// Whether the method is time-reversible (its stage sequence is a palindrome).
    public var isSymmetric: Bool { coefficients.isSymmetric }

    /// Force evaluations per step in a run of steps (one fewer than the kicks when the last
    /// force is reused).
    public var forceEvaluationsPerStep: Int { program.kickCount - (program.isFSAL ? 1 : 0) }

    /// Advances `(q, p)` from `t` to `t + h` in place; `h` may be negative. Returns the number of
    /// field evaluations (velocity and force) it made. Allocates nothing.
    @inlinable
    @discardableResult
    public func step<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace w: SplittingWorkspace
    ) -> Int {
        let known = program.isFSAL && w.cacheHolds(t: t, q)
        let evaluations = stages(
            field, t: t, h: h, q: q, p: p, velocity: w.velocity, force: w.force, firstForceKnown: known)
        if program.isFSAL { w.remember(t: t + h * program.clock[program.stageCount - 1], q) }
        return evaluations
    }

    /// `steps` steps from `t`; inside the run the last force of a step is handed to the next
    /// step directly, without the cache's key check.
    @inlinable
    public func advance<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double, steps: Int,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace w: SplittingWorkspace
    ) -> Int {
        guard steps > 0 else { return 0 }
        let n = field.degreesOfFreedom
        precondition(n == w.degreesOfFreedom, "the workspace was made for \(w.degreesOfFreedom) degrees of freedom, the field has \(n)")
        var evaluations = 0
        let known = program.isFSAL && w.cacheHolds(t: t, q)
        if n <= 4 {
            // Small systems run on stack copies: when the field inlines, the optimiser keeps them in
            // registers instead of round-tripping every stage through memory.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 16) { local in
                let (lq, lp) = (UnsafeMutableBufferPointer(rebasing: local[0..<n]), UnsafeMutableBufferPointer(rebasing: local[4..<(4 + n)]))
                let (lv, lf) = (UnsafeMutableBufferPointer(rebasing: local[8..<(8 + n)]), UnsafeMutableBufferPointer(rebasing: local[12..<(12 + n)]))
                for j in 0..<n { lq[j] = q[j]; lp[j] = p[j]; lf[j] = w.force[j] }
                var first = known
                for k in 0..<steps {
                    evaluations += stages(field, t: t + Double(k) * h, h: h, q: lq, p: lp, velocity: lv, force: lf, firstForceKnown: first)
                    first = program.isFSAL
                }
                for j in 0..<n { q[j] = lq[j]; p[j] = lp[j]; w.force[j] = lf[j] }
            }
        } else {
            var first = known
            for k in 0..<steps {
                evaluations += stages(field, t: t + Double(k) * h, h: h, q: q, p: p, velocity: w.velocity, force: w.force, firstForceKnown: first)
                first = program.isFSAL
            }
        }
        if program.isFSAL { w.remember(t: t + Double(steps - 1) * h + h * program.clock[program.stageCount - 1], q) }
        return evaluations
    }

    /// The drifts and kicks of one step, with scratch `velocity` and `force`; with
    /// `firstForceKnown`, `force` already holds the first kick's force.
    @inlinable @inline(__always)
    func stages<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        velocity: UnsafeMutableBufferPointer<Double>, force: UnsafeMutableBufferPointer<Double>, firstForceKnown: Bool
    ) -> Int {
        let program = program
        let n = field.degreesOfFreedom
        var evaluations = 0
        for i in 0..<program.stageCount {
            let c = program.fractions[i] * h
            if program.isDrift(i) {
                field.velocity(UnsafeBufferPointer(p), velocity)
                evaluations += 1
                for j in 0..<n { q[j] += c * velocity[j] }
            } else {
                if !(i == 0 && firstForceKnown) {
                    field.force(t + program.clock[i] * h, UnsafeBufferPointer(q), force)
                    evaluations += 1
                }
                for j in 0..<n { p[j] += c * force[j] }
            }
        }
        return evaluations
    }
}
