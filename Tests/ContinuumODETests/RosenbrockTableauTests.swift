import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// A Rosenbrock tableau back in the untransformed form of Hairer & Wanner II (IV.7): `αᵢⱼ`, `Γ = (γᵢⱼ)`
/// (lower triangular with diagonal `γ`) and weights `b`, in extended precision.
private struct UntransformedRosenbrock {
    typealias F = OrderConditionFloat
    let alpha: [[F]]
    let gammas: [[F]]
    let s: Int

    init(_ tableau: RosenbrockTableau) {
        let s = tableau.stageCount
        self.s = s
        func entry(_ rows: [[Double]], _ i: Int, _ j: Int) -> F { j < rows[i].count ? F(rows[i][j]) : 0 }
        // Γ⁻¹ = diag(1/γ) − C, inverted by forward substitution.
        var inverse = [[F]](repeating: [F](repeating: 0, count: s), count: s)
        for i in 0..<s {
            inverse[i][i] = 1 / F(tableau.gamma)
            for j in 0..<i { inverse[i][j] = -entry(tableau.c, i, j) }
        }
        var gammas = [[F]](repeating: [F](repeating: 0, count: s), count: s)
        for column in 0..<s {
            for i in column..<s {
                var sum: F = i == column ? 1 : 0
                for k in column..<i { sum -= inverse[i][k] * gammas[k][column] }
                gammas[i][column] = sum / inverse[i][i]
            }
        }
        self.gammas = gammas
        // α = a Γ.
        var alpha = [[F]](repeating: [F](repeating: 0, count: s), count: s)
        for i in 0..<s {
            for j in 0..<s {
                var sum: F = 0
                for k in 0..<s { sum += entry(tableau.a, i, k) * gammas[k][j] }
                alpha[i][j] = sum
            }
        }
        self.alpha = alpha
    }

    /// `bⱼ = Σᵢ wᵢ γᵢⱼ` for weights `w` over the transformed stages.
    func weights(_ w: [Double]) -> [F] {
        var b = [F](repeating: 0, count: s)
        for j in 0..<s {
            for i in 0..<min(s, w.count) { b[j] += F(w[i]) * gammas[i][j] }
        }
        return b
    }

    /// `Σⱼ bⱼ Φⱼ(t) − θ^|t|/γ(t)` for every rooted tree up to `maxOrder`. A vertex with one child
    /// couples through `βᵢⱼ = αᵢⱼ + γᵢⱼ` (the Jacobian terms, diagonal included), a vertex with
    /// several children through `αᵢⱼ`.
    func residuals(_ b: [F], theta: F = 1, upTo maxOrder: Int) -> [(order: Int, residual: F)] {
        var phis: [[F]] = []
        var result: [(order: Int, residual: F)] = []
        for tree in RootedTree.all(upTo: maxOrder) {
            var phi = [F](repeating: 1, count: s)
            if tree.children.count == 1 {
                let child = phis[tree.children[0]]
                for i in 0..<s {
                    var sum: F = 0
                    for k in 0...i { sum += (alpha[i][k] + gammas[i][k]) * child[k] }
                    phi[i] = sum
                }
            } else {
                for c in tree.children {
                    let child = phis[c]
                    for i in 0..<s {
                        var sum: F = 0
                        for k in 0..<i { sum += alpha[i][k] * child[k] }
                        phi[i] *= sum
                    }
                }
            }
            phis.append(phi)
            var expected = 1 / F(tree.density)
            for _ in 0..<tree.order { expected *= theta }
            var total: F = 0
            for i in 0..<s { total += b[i] * phi[i] }
            result.append((tree.order, total - expected))
        }
        return result
    }
}

/// Every Rosenbrock tableau satisfies the order conditions of its stated orders (and not the next
/// one), its nodes and time weights are consistent, and its continuous extension has its order.
@Suite struct RosenbrockTableauTests {
    static let tolerance: OrderConditionFloat = 1e-11

    @Test(arguments: RosenbrockTableau.all.map(\.name))
    func solutionSatisfiesOrderConditions(name: String) throws {
        let tableau = try #require(RosenbrockTableau.all.first { $0.name == name })
        let method = UntransformedRosenbrock(tableau)
        let residuals = method.residuals(method.weights(tableau.m), upTo: tableau.order + 1)
        for (order, residual) in residuals where order <= tableau.order {
            #expect(abs(residual) < Self.tolerance, "\(name): order-\(order) condition off by \(residual)")
        }
        let worstNext = residuals.filter { $0.order == tableau.order + 1 }.map { abs($0.residual) }.max()!
        #expect(worstNext > 1e-6, "\(name) satisfies the order-\(tableau.order + 1) conditions too")
    }

    /// The embedded solution `m̂ = m − (m − m̂)`; for ode23s it involves the error stage, whose
    /// derivative weights fall outside the classical theory, so only classical tableaux are checked.
    @Test(arguments: RosenbrockTableau.all.filter { $0.derivativeWeights.allSatisfy(\.isEmpty) }.map(\.name))
    func embeddedSolutionSatisfiesOrderConditions(name: String) throws {
        let tableau = try #require(RosenbrockTableau.all.first { $0.name == name })
        let method = UntransformedRosenbrock(tableau)
        let embedded = zip(tableau.m, tableau.errorWeights).map { $0 - $1 }
        for (order, residual) in method.residuals(method.weights(embedded), upTo: tableau.embeddedOrder) {
            #expect(abs(residual) < Self.tolerance, "\(name): embedded order-\(order) condition off by \(residual)")
        }
    }

    /// `αᵢ = Σⱼ αᵢⱼ` and `γᵢ = Σⱼ γᵢⱼ`: what makes the non-autonomous form agree with the autonomous one.
    @Test(arguments: RosenbrockTableau.all.map(\.name))
    func nodesAndTimeWeightsAreConsistent(name: String) throws {
        let tableau = try #require(RosenbrockTableau.all.first { $0.name == name })
        let method = UntransformedRosenbrock(tableau)
        for i in 0..<tableau.stageCount where i >= tableau.derivativeWeights.count || tableau.derivativeWeights[i].isEmpty {
            let nodeSum = method.alpha[i].reduce(0, +)
            let gammaSum = method.gammas[i].reduce(0, +)
            #expect(abs(nodeSum - OrderConditionFloat(tableau.nodes[i])) < Self.tolerance, "\(name): α\(i) = \(nodeSum)")
            #expect(abs(gammaSum - OrderConditionFloat(tableau.timeWeights[i])) < Self.tolerance, "\(name): γ\(i) = \(gammaSum)")
        }
    }

    @Test(arguments: RosenbrockTableau.all.map(\.name))
    func continuousExtensionSatisfiesOrderConditions(name: String) throws {
        let tableau = try #require(RosenbrockTableau.all.first { $0.name == name })
        let method = UntransformedRosenbrock(tableau)
        let dense = tableau.denseOutput
        for theta in [0.25, 0.5, 0.8, 1.0] {
            var w = [Double](repeating: 0, count: tableau.stageCount)
            var power = 1.0
            for row in dense.weights {
                power *= theta
                for (i, value) in row.enumerated() { w[i] += value * power }
            }
            let residuals = method.residuals(method.weights(w), theta: OrderConditionFloat(theta), upTo: dense.order)
            for (order, residual) in residuals {
                #expect(abs(residual) < Self.tolerance, "\(name): θ = \(theta), order-\(order) condition off by \(residual)")
            }
        }
        // At θ = 1 the extension ends on y₁.
        for i in 0..<tableau.stageCount {
            let total = dense.weights.reduce(0.0) { $0 + (i < $1.count ? $1[i] : 0) }
            #expect(abs(total - tableau.m[i]) < 1e-12 * max(1, abs(tableau.m[i])), "\(name): stage \(i)")
        }
    }
}
