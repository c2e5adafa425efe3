import ContinuumNumerics

extension HamiltonianSystem {
    /// Whether `H` behaves as separable, `H = T(p) + V(q)`, near `(q0, p0)`: at `samples` random
    /// points within `radius` of it, `∂H/∂q` must not change *in a single bit* when only `p` moves,
    /// nor `∂H/∂p` when only `q` moves.
    ///
    /// With exactly computed derivatives (symbolic, as the expression language makes them) a term
    /// that does not depend on a variable gives bit-identical results, so a separable `H` always
    /// passes, while a genuine dependence changes the value at almost every point. A Hamiltonian
    /// separable only after cancellation (`q·(sin²p + cos²p)`) may be reported non-separable, which
    /// is the safe side: the implicit methods handle it. The points come from a fixed Philox key.
    public func appearsSeparable(near q0: [Double], _ p0: [Double], samples: Int = 8, radius: Double = 0.5) -> Bool {
        let n = degreesOfFreedom
        precondition(q0.count == n && p0.count == n, "q0 and p0 need \(n) components")
        var stream = RandomStream(seed: 0x5EB_A2AB1E)
        var (q, p, q2, p2) = (q0, p0, q0, p0)
        var (gq, gp, gq2, gp2) = ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n),
                                  [Double](repeating: 0, count: n), [Double](repeating: 0, count: n))
        func randomize(_ x: inout [Double], around centre: [Double]) {
            for i in 0..<n { x[i] = centre[i] + radius * (2 * stream.nextUniform() - 1) }
        }
        func same(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern } }
        for _ in 0..<samples {
            randomize(&q, around: q0)
            randomize(&p, around: p0)
            randomize(&q2, around: q0)
            randomize(&p2, around: p0)
            gradient(q, p, &gq, &gp)
            gradient(q, p2, &gq2, &gp2)
            guard same(gq, gq2) else { return false }
            gradient(q2, p, &gq2, &gp2)
            guard same(gp, gp2) else { return false }
        }
        return true
    }

    private func gradient(_ q: [Double], _ p: [Double], _ dHdq: inout [Double], _ dHdp: inout [Double]) {
        q.withUnsafeBufferPointer { q in
            p.withUnsafeBufferPointer { p in
                dHdq.withUnsafeMutableBufferPointer { dq in
                    dHdp.withUnsafeMutableBufferPointer { dp in gradient(q, p, dq, dp) }
                }
            }
        }
    }
}
