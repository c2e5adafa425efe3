import ContinuumNeural
import Testing

@Suite("L-BFGS")
struct LBFGSTests {
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
        let a = 1 - x[0]
        let b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
    }

    /// From (−1.2, 1) the strong-Wolfe variant reaches (1, 1) to 1e-8 in fewer than 100 iterations.
    @Test func minimisesRosenbrock() {
        var x = [-1.2, 1.0]
        let result = LBFGS(historySize: 10, maxIterations: 100, gradientTolerance: 1e-11).minimize(
            &x, objective: Self.rosenbrock)
        #expect(result.status == .converged)
        #expect(result.iterations < 100)
        #expect(abs(x[0] - 1) < 1e-8 && abs(x[1] - 1) < 1e-8)
    }

    /// With a backtracking line search it still converges on Rosenbrock (more iterations allowed).
    @Test func backtrackingMinimisesRosenbrock() {
        var x = [-1.2, 1.0]
        let search = LineSearch.backtracking(c1: 1e-4, contraction: 0.5)
        let result = LBFGS(maxIterations: 500, gradientTolerance: 1e-11, lineSearch: search).minimize(
            &x, objective: Self.rosenbrock)
        #expect(result.status == .converged)
        #expect(abs(x[0] - 1) < 1e-8 && abs(x[1] - 1) < 1e-8)
    }

    /// On a 40-dimensional quadratic with condition number 100, m = 5 converges to 1e-10 and
    /// reports consistent counts; a NaN start is reported, not iterated.
    @Test func quadraticAndBadStart() {
        let n = 40
        let scales = (0..<n).map { 1 + 99 * Double($0) / Double(n - 1) }
        var x = [Double](repeating: 1, count: n)
        let result = LBFGS(historySize: 5).minimize(&x) { x, g in
            var f = 0.0
            for k in 0..<n {
                g[k] = scales[k] * (x[k] - Double(k))
                f += 0.5 * scales[k] * (x[k] - Double(k)) * (x[k] - Double(k))
            }
            return f
        }
        #expect(result.status == .converged && result.evaluations >= result.iterations)
        #expect((0..<n).allSatisfy { abs(x[$0] - Double($0)) < 1e-10 })
        var bad = [Double.nan]
        let failed = LBFGS().minimize(&bad) { x, g in
            g[0] = 2 * x[0]
            return x[0] * x[0]
        }
        #expect(failed.status == .nonFiniteStart)
    }
}
