import ContinuumODE
import Foundation
import Testing

/// Symplecticity and time-reversibility of the splitting methods.
///
/// The exact Jacobian of one step comes from running the *same* engine on the variational system:
/// the state `(q, δq₁…δq₄)`, `(p, δp₁…δp₄)` with velocity `(v(p), Dv·δp)` and force
/// `(F(q), DF·δq)`. A drift (kick) of that system is the drift (kick) of the original together with
/// its derivative, so the composition yields `∂(q₁, p₁)/∂(q₀, p₀)` up to rounding.
@Suite struct SymplecticGeometryTests {
    /// The Kepler problem with its tangent dynamics in four directions.
    struct KeplerVariational: PartitionedVectorField {
        var degreesOfFreedom: Int { 10 }
        func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
            for i in 0..<10 { dq[i] = p[i] }
        }
        func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
            let (x, y) = (q[0], q[1])
            let r2 = x * x + y * y
            let r = r2.squareRoot()
            let r3 = r2 * r, r5 = r3 * r2
            dp[0] = -x / r3
            dp[1] = -y / r3
            // DF = −I/r³ + 3 q qᵀ/r⁵.
            let (axx, axy, ayy) = (-1 / r3 + 3 * x * x / r5, 3 * x * y / r5, -1 / r3 + 3 * y * y / r5)
            for k in 0..<4 {
                let (u, v) = (q[2 + 2 * k], q[3 + 2 * k])
                dp[2 + 2 * k] = axx * u + axy * v
                dp[3 + 2 * k] = axy * u + ayy * v
            }
        }
    }

    /// The 4×4 Jacobian (row-major, state order q1 q2 p1 p2) of one step of `method` at a point of
    /// the e = 0.6 orbit.
    static func jacobian(_ method: SplittingMethod, h: Double) -> [[Double]] {
        jacobian(h: h) { field, q, p, workspace in method.step(field, t: 0, h: h, q: q, p: p, workspace: workspace) }
    }

    /// The same for any step acting on the variational system.
    static func jacobian(
        h: Double,
        _ step: (KeplerVariational, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, SplittingWorkspace) -> Void
    ) -> [[Double]] {
        var q = [Double](repeating: 0, count: 10), p = [Double](repeating: 0, count: 10)
        (q[0], q[1], p[0], p[1]) = (0.4, 0.1, -0.3, 1.9)
        // Tangent k starts as the unit vector e_k of (q1, q2, p1, p2).
        for k in 0..<4 {
            if k < 2 { q[2 + 2 * k + k] = 1 } else { p[2 + 2 * k + (k - 2)] = 1 }
        }
        let workspace = SplittingWorkspace(degreesOfFreedom: 10)
        q.withUnsafeMutableBufferPointer { q in
            p.withUnsafeMutableBufferPointer { p in
                step(KeplerVariational(), q, p, workspace)
            }
        }
        // Column k of J is the image of tangent k.
        var j = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for k in 0..<4 {
            j[0][k] = q[2 + 2 * k]; j[1][k] = q[3 + 2 * k]
            j[2][k] = p[2 + 2 * k]; j[3][k] = p[3 + 2 * k]
        }
        return j
    }

    /// max |JᵀΩJ − Ω| with Ω = [[0, I], [−I, 0]].
    static func symplecticDefect(_ j: [[Double]]) -> Double {
        let omega: [[Double]] = [[0, 0, 1, 0], [0, 0, 0, 1], [-1, 0, 0, 0], [0, -1, 0, 0]]
        var defect = 0.0
        for a in 0..<4 {
            for b in 0..<4 {
                var sum = 0.0
                for i in 0..<4 { for k in 0..<4 { sum += j[i][a] * omega[i][k] * j[k][b] } }
                defect = max(defect, abs(sum - omega[a][b]))
            }
        }
        return defect
    }

    @Test(arguments: SplittingMethod.all.map(\.name))
    func oneStepMapIsSymplectic(_ name: String) {
        let method = SplittingMethod.named(name)!
        let j = Self.jacobian(method, h: 0.05)
        let defect = Self.symplecticDefect(j)
        #expect(defect <= 1e-12, "\(name): |JᵀΩJ − Ω| = \(defect)")
        // The map is far from the identity, so the check has teeth.
        #expect(abs(j[2][0]) > 1e-3, "\(name): J = \(j)")
    }

    @Test func nonSymplecticLinearMapFailsTheCheck() {
        // Control: a linear map that is not symplectic fails the same check, so 1e-12 discriminates.
        let h = 0.05
        let j: [[Double]] = [[1, 0, h, 0], [0, 1, 0, h], [-h, 0, 1 - h * h * 0.5, 0], [0, -h, 0, 1]]
        #expect(Self.symplecticDefect(j) > 1e-4)
    }

    @Test(arguments: SplittingMethod.all.map(\.name))
    func symmetricMethodsRetraceTheirSteps(_ name: String) {
        let method = SplittingMethod.named(name)!
        var q: [Double] = [0.4, 0], p: [Double] = [0, 2]
        let h = 0.01
        let workspace = SplittingWorkspace(degreesOfFreedom: 2)
        q.withUnsafeMutableBufferPointer { q in
            p.withUnsafeMutableBufferPointer { p in
                for k in 0..<200 { method.step(SymplecticTestProblems.kepler, t: Double(k) * h, h: h, q: q, p: p, workspace: workspace) }
                for k in (0..<200).reversed() {
                    method.step(SymplecticTestProblems.kepler, t: Double(k + 1) * h, h: -h, q: q, p: p, workspace: workspace)
                }
            }
        }
        let distance = SymplecticTestProblems.distance(q + p, [0.4, 0, 0, 2])
        if method.isSymmetric {
            #expect(distance <= 1e-12, "\(name): 200 steps forward and back end \(distance) away")
        } else {
            #expect(distance > 1e-11, "\(name) is not symmetric, yet retraced to \(distance)")
        }
    }

    @Test func reusedForceGivesTheSameTrajectoryAsFreshEvaluations() {
        // First-same-as-last reuse must not change a single bit.
        var q1: [Double] = [0.4, 0], p1: [Double] = [0, 2]
        var q2 = q1, p2 = p1
        let shared = SplittingWorkspace(degreesOfFreedom: 2)
        var evaluations = (0, 0)
        for k in 0..<100 {
            let t = Double(k) * 0.01
            q1.withUnsafeMutableBufferPointer { q in
                p1.withUnsafeMutableBufferPointer { p in
                    evaluations.0 += SplittingMethod.yoshida4.step(SymplecticTestProblems.kepler, t: t, h: 0.01, q: q, p: p, workspace: shared)
                }
            }
            let fresh = SplittingWorkspace(degreesOfFreedom: 2)
            q2.withUnsafeMutableBufferPointer { q in
                p2.withUnsafeMutableBufferPointer { p in
                    evaluations.1 += SplittingMethod.yoshida4.step(SymplecticTestProblems.kepler, t: t, h: 0.01, q: q, p: p, workspace: fresh)
                }
            }
        }
        #expect(q1 == q2 && p1 == p2)
        // Three drifts each step; four kicks fresh, three when the last force is reused.
        #expect(evaluations.0 == 100 * 6 + 1)
        #expect(evaluations.1 == 100 * 7)
    }
}
