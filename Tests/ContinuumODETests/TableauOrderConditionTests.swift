import ContinuumODE
import Testing
import _TestSupport

/// Checks every tableau in ``ButcherTableau/all`` against the Runge-Kutta order conditions (rooted trees up
/// to the stated orders, evaluated in extended precision): the propagated solution, the embedded solution(s)
/// of the error estimator, and the continuous extension over the logical stages.
@Suite("Tableau order conditions")
struct TableauOrderConditionTests {
    /// Tolerance on an order-condition residual relative to `max(1, magnitude)`, where the magnitude bounds
    /// the terms that cancel (see ``OrderConditionResidual/magnitude``). Coefficients rounded to `Double`
    /// leave relative residuals below 1e-16; a coefficient off by 1e-12 gives about 1e-12.
    static let tolerance: OrderConditionFloat = 1e-14
    /// Tolerance on a sum of coefficients computed in `Double`, relative to `max(1, Σ|terms|)`.
    static let sumTolerance = 1e-13
    /// A residual of the first order beyond the stated one must exceed this (the stated order is sharp).
    static let sharpness: OrderConditionFloat = 1e-9
    /// Interior points at which the continuous order conditions are checked.
    static let thetas: [Double] = [0.3, 0.7]

    static let names = ButcherTableau.all.map(\.name)

    static func tableau(named name: String) throws -> ButcherTableau {
        try #require(ButcherTableau.all.first { $0.name == name })
    }

    @Test("rooted trees: counts and densities")
    func rootedTrees() {
        let trees = RootedTree.all(upTo: 8)
        #expect((1...8).map { n in trees.filter { $0.order == n }.count } == [1, 1, 2, 4, 9, 20, 48, 115])
        #expect(Set(trees.map(\.description)).count == trees.count)
        // The tall tree of order n has density n!, the bushy one n.
        let tall = trees.filter { $0.description.allSatisfy { $0 == "[" || $0 == "]" || $0 == "τ" } }
        #expect(tall.map(\.density) == [1, 2, 6, 24, 120, 720, 5040, 40320])
        let bushy = trees.filter { $0.children.allSatisfy { $0 == 0 } }
        #expect(bushy.map(\.density) == Array(1...8))
    }

    @Test("tableau names are unique")
    func namesAreUnique() {
        #expect(Set(Self.names).count == Self.names.count)
    }

    @Test("nodes are row sums, weights sum to one, error weights to zero", arguments: names)
    func consistency(name: String) throws {
        let t = try Self.tableau(named: name)
        for (i, row) in t.a.enumerated() {
            Self.expectClose(
                row.reduce(0, +), t.c[i], scale: row.map(abs).reduce(0, +), "\(name): Σⱼ a[\(i)][j] = c[\(i)]"
            )
        }
        Self.expectClose(t.b.reduce(0, +), 1, scale: t.b.map(abs).reduce(0, +), "\(name): Σ b = 1")

        for (k, extra) in t.denseOutput.extraStages.enumerated() {
            let index = t.baseLogicalStageCount + k
            #expect(extra.a.count <= index, "\(name): extra stage \(index) refers to later stages")
            Self.expectClose(
                extra.a.reduce(0, +), extra.c, scale: extra.a.map(abs).reduce(0, +),
                "\(name): extra stage \(index): Σ a = c"
            )
        }
        #expect(t.denseOutput.weights.count <= t.logicalStageCount, "\(name): dense weights beyond logical stages")

        for (label, e) in Self.errorWeights(of: t) {
            #expect(e.count <= t.baseLogicalStageCount, "\(name): \(label) has too many weights")
            Self.expectClose(e.reduce(0, +), 0, scale: e.map(abs).reduce(0, +), "\(name): Σ \(label) = 0")
        }
    }

    @Test("propagated solution has the stated order", arguments: names)
    func propagatedOrder(name: String) throws {
        let t = try Self.tableau(named: name)
        Self.checkOrder(orderConditions(a: t.a, b: t.b, upTo: t.order + 1), order: t.order, "\(name): b")
    }

    @Test("embedded solutions have the stated order", arguments: names)
    func embeddedOrder(name: String) throws {
        let t = try Self.tableau(named: name)
        let a = Self.logicalMatrix(of: t, includingExtras: false)
        switch t.errorEstimator {
        case nil:
            return
        case .embedded(let e, let order):
            let b = Self.embeddedWeights(t, e)
            Self.checkOrder(orderConditions(a: a, b: b, upTo: order + 1), order: order, "\(name): b − e")
        case .blended(let fifth, let third, let order):
            let b5 = Self.embeddedWeights(t, fifth)
            Self.checkOrder(orderConditions(a: a, b: b5, upTo: order + 1), order: order, "\(name): b − e5")
            // The damping estimate of DOP853 is the difference to a third-order solution.
            let b3 = Self.embeddedWeights(t, third)
            Self.checkOrder(orderConditions(a: a, b: b3, upTo: 4), order: 3, "\(name): b − e3")
        }
    }

    @Test("dense output reproduces b at θ = 1", arguments: names)
    func denseOutputEndpoint(name: String) throws {
        let t = try Self.tableau(named: name)
        let w = t.denseOutput.weights
        for i in 0..<t.logicalStageCount {
            let row = i < w.count ? w[i] : []
            // The new-point stage and the extra stages must not contribute at θ = 1.
            let expected = i < t.stageCount ? t.b[i] : 0
            Self.expectClose(
                row.reduce(0, +), expected, scale: row.map(abs).reduce(0, +), "\(name): Σⱼ W[\(i)][j] = b[\(i)]"
            )
        }
    }

    @Test("dense output has the stated order", arguments: names)
    func denseOutputOrder(name: String) throws {
        let t = try Self.tableau(named: name)
        let a = Self.logicalMatrix(of: t, includingExtras: true)
        let order = t.denseOutput.order
        for theta in Self.thetas {
            let conditions = continuousOrderConditions(
                a: a, weights: t.denseOutput.weights, theta: theta, upTo: order + 1
            )
            Self.checkOrder(conditions, order: order, "\(name): b(θ = \(theta))")
        }
    }

    // MARK: - Helpers

    /// The matrix over all logical stages: the method's stages, then `f(t + h, y₁)` (row `b`) if the method
    /// is not FSAL, then (optionally) the dense output's extra stages.
    static func logicalMatrix(of t: ButcherTableau, includingExtras: Bool) -> [[Double]] {
        var a = t.a
        if !t.isFSAL { a.append(t.b) }
        if includingExtras { a += t.denseOutput.extraStages.map(\.a) }
        return a
    }

    /// `b̂ = b − e` over the logical stages `e` covers.
    static func embeddedWeights(_ t: ButcherTableau, _ e: [Double]) -> [Double] {
        let count = max(t.stageCount, e.count)
        let b = t.b + [Double](repeating: 0, count: count - t.stageCount)
        let e = e + [Double](repeating: 0, count: count - e.count)
        return zip(b, e).map { $0 - $1 }
    }

    static func errorWeights(of t: ButcherTableau) -> [(String, [Double])] {
        switch t.errorEstimator {
        case nil: return []
        case .embedded(let e, _): return [("e", e)]
        case .blended(let fifth, let third, _): return [("e5", fifth), ("e3", third)]
        }
    }

    /// Expects every order condition up to `order` to hold, and some condition of order `order + 1` to fail.
    static func checkOrder(
        _ conditions: [OrderConditionResidual], order: Int, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        func relative(_ c: OrderConditionResidual) -> OrderConditionFloat { abs(c.residual) / max(1, c.magnitude) }
        let failing = conditions.filter { $0.treeOrder <= order && relative($0) > tolerance }
        let worst = failing.max { relative($0) < relative($1) }
        #expect(
            failing.isEmpty,
            """
            \(label): \(failing.count) order conditions of order ≤ \(order) fail; \
            worst: tree \(worst?.tree.description ?? "") (order \(worst?.treeOrder ?? 0)), \
            residual \(Double(worst?.residual ?? 0)), relative \(Double(worst.map(relative) ?? 0))
            """,
            sourceLocation: sourceLocation
        )
        let beyond = conditions.filter { $0.treeOrder == order + 1 }.map { abs($0.residual) }.max() ?? 0
        #expect(
            beyond > sharpness,
            "\(label): the conditions of order \(order + 1) hold too (max residual \(Double(beyond)))",
            sourceLocation: sourceLocation
        )
    }

    static func expectClose(
        _ value: Double, _ expected: Double, scale: Double, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let tolerance = sumTolerance * max(1, scale)
        #expect(
            abs(value - expected) <= tolerance, "\(label): \(value) vs \(expected)", sourceLocation: sourceLocation
        )
    }
}
