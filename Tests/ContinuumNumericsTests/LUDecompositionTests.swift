import ContinuumNumerics
import Testing

/// SplitMix64: a small reproducible generator for test matrices.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func symmetric() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}

private func randomMatrix(_ n: Int, seed: UInt64, diagonalShift: Double = 0) -> DenseMatrix {
    var rng = SplitMix64(state: seed)
    var a = DenseMatrix(rows: n, columns: n)
    for i in 0..<n {
        for j in 0..<n { a[i, j] = rng.symmetric() }
        a[i, i] += diagonalShift
    }
    return a
}

private func maxAbs(_ v: [Double]) -> Double { v.map(abs).max() ?? 0 }

@Suite struct LUDecompositionTests {
    /// Backward stability: `‖A x − b‖∞ ≤ c · n · ε · ‖A‖∞ ‖x‖∞` for random dense matrices (which need
    /// pivoting: nothing makes their diagonal large).
    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 40, 64])
    func residualIsSmallForRandomMatrices(n: Int) {
        for seed in UInt64(1)...5 {
            let a = randomMatrix(n, seed: seed &* 7919 &+ UInt64(n))
            var rng = SplitMix64(state: seed)
            let b = (0..<n).map { _ in rng.symmetric() }
            let lu = LUDecomposition(factoring: a)
            #expect(lu.status.isFactored, "n = \(n), seed \(seed): \(lu.status)")
            let x = lu.solve(b)
            let residual = maxAbs(zip(a.multiplied(by: x), b).map { $0 - $1 })
            let scale = a.infinityNorm * maxAbs(x) * Double(n) * Double.ulpOfOne
            #expect(residual <= 10 * scale, "n = \(n), seed \(seed): residual \(residual), scale \(scale)")
        }
    }

    /// Forward error on well-conditioned (diagonally shifted) matrices with a known solution.
    @Test(arguments: [4, 16, 50])
    func recoversKnownSolutionOfWellConditionedMatrices(n: Int) {
        let a = randomMatrix(n, seed: 42 + UInt64(n), diagonalShift: Double(n))
        let x = (0..<n).map { Double($0 % 7) - 3.5 }
        let lu = LUDecomposition(factoring: a)
        #expect(lu.status == .regular)
        let solved = lu.solve(a.multiplied(by: x))
        let error = maxAbs(zip(solved, x).map { $0 - $1 })
        #expect(error < 1e-13, "n = \(n): max error \(error)")
    }

    @Test func factorisationIsReusedForManyRightHandSides() {
        let a = randomMatrix(10, seed: 3, diagonalShift: 4)
        let lu = LUDecomposition(factoring: a)
        let factors = Array(UnsafeBufferPointer(start: lu.elements, count: 100))
        for k in 0..<10 {
            var e = [Double](repeating: 0, count: 10)
            e[k] = 1
            let column = lu.solve(e)
            // A · (A⁻¹ eₖ) = eₖ
            let back = a.multiplied(by: column)
            #expect(maxAbs(zip(back, e).map { $0 - $1 }) < 1e-14)
        }
        #expect(Array(UnsafeBufferPointer(start: lu.elements, count: 100)) == factors, "solving must not touch the factors")
    }

    @Test func pivotingHandlesZeroAndTinyLeadingEntries() {
        // A zero leading entry: impossible without a row swap.
        let swap = LUDecomposition(factoring: DenseMatrix([[0, 2], [3, 1]]))
        #expect(swap.status == .regular)
        #expect(swap.solve([4, 5]) == [1, 2])
        #expect(swap.determinant == -6)
        // A tiny leading entry: without pivoting the multiplier 1e20 destroys the second row.
        let tiny = LUDecomposition(factoring: DenseMatrix([[1e-20, 1], [1, 1]]))
        let x = tiny.solve([1, 2])
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 1) < 1e-15, "\(x)")
        // A permutation matrix.
        let permutation = DenseMatrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        let p = LUDecomposition(factoring: permutation)
        #expect(p.solve([3, 1, 2]) == [1, 2, 3])
        #expect(p.determinant == 1)
    }

    @Test func detectsExactlySingularMatrices() {
        #expect(LUDecomposition(factoring: DenseMatrix([[1, 2], [2, 4]])).status == .singular(column: 1))
        #expect(LUDecomposition(factoring: DenseMatrix(rows: 3, columns: 3)).status == .singular(column: 0))
        // Rank 2 in 3 dimensions: the third row is the sum of the first two.
        let rank2 = DenseMatrix([[1, 2, 3], [4, 5, 6], [5, 7, 9]])
        let lu = LUDecomposition(factoring: rank2)
        #expect(!lu.status.isFactored || lu.pivotRatio < 1e-15, "\(lu.status)")
        #expect(lu.determinant.magnitude < 1e-12)
    }

    @Test func nonFiniteEntriesAreSingular() {
        for bad in [Double.nan, .infinity, -.infinity] {
            for position in 0..<4 {
                var m = DenseMatrix([[2, 1], [1, 3]])
                m.elements[position] = bad
                let status = LUDecomposition(factoring: m).status
                #expect(!status.isFactored, "entry \(position) = \(bad): \(status)")
            }
        }
    }

    @Test func conditionGuardFlagsTinyRelativePivots() {
        let lu = LUDecomposition(factoring: DenseMatrix([[1, 0], [0, 1e-20]]))
        #expect(lu.status == .nearlySingular(pivotRatio: 1e-20))
        #expect(lu.status.isFactored)
        #expect(lu.solve([1, 1e-20]) == [1, 1])
        // The threshold is the caller's choice.
        let loose = LUDecomposition(factoring: DenseMatrix([[1, 0], [0, 1e-20]]), nearlySingularBelow: 1e-30)
        #expect(loose.status == .regular)
        #expect(loose.pivotRatio == 1e-20)
        // Scaling does not matter: the guard is relative.
        let scaled = LUDecomposition(factoring: DenseMatrix([[1e-200, 0], [0, 2e-200]]))
        #expect(scaled.status == .regular)
        #expect(scaled.pivotRatio == 0.5)
    }

    @Test func refactorisingReusesStorage() {
        let lu = LUDecomposition(dimension: 2)
        #expect(lu.status == .unfactored)
        lu.load(DenseMatrix([[2, 0], [0, 4]]))
        lu.factor()
        #expect(lu.solve([2, 4]) == [1, 1])
        // Write the next matrix straight into the storage, as an implicit solver does each step.
        lu.elements[0] = 1; lu.elements[1] = 1; lu.elements[2] = 0; lu.elements[3] = 1
        #expect(lu.factor() == .regular)
        #expect(lu.solve([3, 1]) == [2, 1])
        #expect(lu.determinant == 1)
    }

    @Test func emptyAndScalarMatrices() {
        let empty = LUDecomposition(factoring: DenseMatrix(rows: 0, columns: 0))
        #expect(empty.status == .regular)
        #expect(empty.solve([]) == [])
        let scalar = LUDecomposition(factoring: DenseMatrix([[-4]]))
        #expect(scalar.solve([2]) == [-0.5])
    }
}
