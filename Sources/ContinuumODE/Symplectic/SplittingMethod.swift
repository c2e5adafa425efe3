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
        let program = program
        let n = w.degreesOfFreedom
        let last = program.stageCount - 1
        var evaluations = 0
        for i in 0...last {
            let c = program.fractions[i] * h
            if program.isDrift(i) {
                field.velocity(UnsafeBufferPointer(p), w.velocity)
                evaluations += 1
                for j in 0..<n { q[j] += c * w.velocity[j] }
            } else {
                let tStage = t + program.clock[i] * h
                if !(program.isFSAL && i == 0 && w.cacheHolds(t: tStage, q)) {
                    field.force(tStage, UnsafeBufferPointer(q), w.force)
                    evaluations += 1
                }
                for j in 0..<n { p[j] += c * w.force[j] }
                if program.isFSAL && i == last { w.remember(t: tStage, q) }
            }
        }
        return evaluations
    }
}
