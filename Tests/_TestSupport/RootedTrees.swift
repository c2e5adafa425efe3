// Rooted trees and Runge-Kutta order conditions (Butcher), for checking tableaux in tests.
//
// A Runge-Kutta method with matrix A and weights b has order p iff, for every rooted tree t with
// |t| ≤ p vertices, its elementary weight Φ(t) = Σᵢ bᵢ Φᵢ(t) equals 1/γ(t), where γ is the tree's density.
// The stage vectors are built recursively: for t = [t₁, …, tₘ] (a root with subtrees tⱼ),
// Φᵢ(t) = Πⱼ (A Φ(tⱼ))ᵢ, and γ(t) = |t| Πⱼ γ(tⱼ). A continuous extension with weights bᵢ(θ) has order p
// iff Σᵢ bᵢ(θ) Φᵢ(t) = θ^|t| / γ(t) for the same trees.
//
// The node vector is taken as the row sums of A (the autonomous form), so these conditions are
// independent of the tableau's stated `c`; check Σⱼ aᵢⱼ = cᵢ separately.

/// The floating-point type the order conditions are evaluated in: `Float80` where it exists.
#if arch(x86_64) && !os(Windows) && !os(Android)
public typealias OrderConditionFloat = Float80
#else
public typealias OrderConditionFloat = Double
#endif

/// A rooted tree, as an entry of ``RootedTree/all(upTo:)``: its subtrees are indices into that list.
public struct RootedTree: Sendable, Hashable, CustomStringConvertible {
    /// Number of vertices `|t|`.
    public let order: Int
    /// Indices (into the enumeration) of the subtrees hanging from the root, in non-increasing order.
    public let children: [Int]
    /// The density `γ(t)`.
    public let density: Int
    /// Bracket notation, e.g. `τ`, `[τ]`, `[τ,[τ]]`.
    public let description: String

    /// All rooted trees with `1…maxOrder` vertices (1, 1, 2, 4, 9, 20, 48, 115 of orders 1…8), sorted by
    /// order; every tree comes after its subtrees.
    public static func all(upTo maxOrder: Int) -> [RootedTree] {
        var trees: [RootedTree] = []
        // Multisets of already enumerated trees (as non-increasing index lists) of total order `total`,
        // using indices ≤ `maxIndex`.
        func forests(total: Int, maxIndex: Int) -> [[Int]] {
            if total == 0 { return [[]] }
            var result: [[Int]] = []
            var index = maxIndex
            while index >= 0 {
                let tree = trees[index]
                if tree.order <= total {
                    for rest in forests(total: total - tree.order, maxIndex: index) {
                        result.append([index] + rest)
                    }
                }
                index -= 1
            }
            return result
        }
        guard maxOrder >= 1 else { return [] }
        for order in 1...maxOrder {
            var level: [RootedTree] = []
            for children in forests(total: order - 1, maxIndex: trees.count - 1) {
                let density = children.reduce(order) { $0 * trees[$1].density }
                let description = children.isEmpty
                    ? "τ" : "[" + children.map { trees[$0].description }.joined(separator: ",") + "]"
                level.append(RootedTree(order: order, children: children, density: density, description: description))
            }
            trees += level
        }
        return trees
    }
}

/// One order condition evaluated for a set of weights.
public struct OrderConditionResidual: Sendable {
    /// Index of the tree in ``RootedTree/all(upTo:)``.
    public let treeIndex: Int
    /// The tree.
    public let tree: RootedTree
    /// `Σᵢ bᵢ Φᵢ(t) − 1/γ(t)`, or `Σᵢ bᵢ(θ) Φᵢ(t) − θ^|t| / γ(t)` for a continuous extension.
    public let residual: OrderConditionFloat
    /// `Φ(t)` evaluated with `|aᵢⱼ|` and `|bᵢ|` (for a continuous extension, `Σⱼ |Wᵢⱼ| θʲ⁺¹`): the size of
    /// all the terms that cancel in `Φ(t)`. Rounding every coefficient to `Double` changes `Φ(t)` by at most
    /// about `|t| · ε · magnitude`, so this is the natural scale of a tolerance.
    public let magnitude: OrderConditionFloat

    /// Order `|t|` of the tree.
    public var treeOrder: Int { tree.order }
}

/// Evaluates every order condition with trees of order ≤ `maxOrder` for the weights `b` over the stages of
/// the strictly lower-triangular matrix `a` (row `i` may be shorter than `i`; missing entries are zero).
/// `b` may be shorter than `a` (missing weights are zero).
public func orderConditions(a: [[Double]], b: [Double], upTo maxOrder: Int) -> [OrderConditionResidual] {
    let weights = b.map { OrderConditionFloat($0) }
    return evaluateOrderConditions(a: a, weights: weights, magnitudes: weights.map(abs), theta: 1, upTo: maxOrder)
}

/// Evaluates the order conditions `Σᵢ bᵢ(θ) Φᵢ(t) = θ^|t| / γ(t)` of a continuous extension with
/// `bᵢ(θ) = Σⱼ weights[i][j] θʲ⁺¹` (the layout of ``ButcherTableau/DenseOutput``), for trees of order
/// ≤ `maxOrder`. `a` is the matrix over all the logical stages the weights refer to; `weights` may have
/// fewer rows than `a`. The polynomials are evaluated in extended precision.
public func continuousOrderConditions(
    a: [[Double]], weights: [[Double]], theta: Double, upTo maxOrder: Int
) -> [OrderConditionResidual] {
    typealias F = OrderConditionFloat
    let th = F(theta)
    var values: [F] = []
    var magnitudes: [F] = []
    for row in weights {
        var power: F = 1
        var value: F = 0
        var magnitude: F = 0
        for w in row {
            power *= th
            value += F(w) * power
            magnitude += abs(F(w) * power)
        }
        values.append(value)
        magnitudes.append(magnitude)
    }
    return evaluateOrderConditions(a: a, weights: values, magnitudes: magnitudes, theta: th, upTo: maxOrder)
}

private func evaluateOrderConditions(
    a: [[Double]], weights b: [OrderConditionFloat], magnitudes m: [OrderConditionFloat],
    theta: OrderConditionFloat, upTo maxOrder: Int
) -> [OrderConditionResidual] {
    typealias F = OrderConditionFloat
    let trees = RootedTree.all(upTo: maxOrder)
    let s = a.count
    precondition(b.count <= s, "more weights than stages")
    for (i, row) in a.enumerated() {
        precondition(row.count <= i, "row \(i) of a is not strictly lower triangular")
    }
    let matrix = a.map { $0.map { F($0) } }
    let padding = [F](repeating: 0, count: s - b.count)
    let weights = b + padding
    let weightMagnitudes = m + padding

    // A Φ(t) for each tree t, in enumeration order, and the same with |A| and all-positive terms.
    var aTimesStage: [[F]] = []
    var absATimesStage: [[F]] = []
    var results: [OrderConditionResidual] = []
    results.reserveCapacity(trees.count)
    for (index, tree) in trees.enumerated() {
        var stage = [F](repeating: 1, count: s)
        var absStage = [F](repeating: 1, count: s)
        for child in tree.children {
            for i in 0..<s {
                stage[i] *= aTimesStage[child][i]
                absStage[i] *= absATimesStage[child][i]
            }
        }
        var product = [F](repeating: 0, count: s)
        var absProduct = [F](repeating: 0, count: s)
        for i in 0..<s {
            for (j, aij) in matrix[i].enumerated() {
                product[i] += aij * stage[j]
                absProduct[i] += abs(aij) * absStage[j]
            }
        }
        aTimesStage.append(product)
        absATimesStage.append(absProduct)

        var phi: F = 0
        var magnitude: F = 0
        for i in 0..<s {
            phi += weights[i] * stage[i]
            magnitude += weightMagnitudes[i] * absStage[i]
        }
        var expected: F = 1 / F(tree.density)
        for _ in 0..<tree.order { expected *= theta }
        results.append(
            OrderConditionResidual(treeIndex: index, tree: tree, residual: phi - expected, magnitude: magnitude)
        )
    }
    return results
}

/// The residuals `Φ(t) − 1/γ(t)` of all order conditions with trees of order ≤ `maxOrder`, for the weights `b`
/// over the stages of `a`. See ``orderConditions(a:b:upTo:)``.
public func orderConditionResiduals(
    a: [[Double]], b: [Double], upTo maxOrder: Int
) -> [(treeOrder: Int, residual: OrderConditionFloat)] {
    orderConditions(a: a, b: b, upTo: maxOrder).map { (treeOrder: $0.treeOrder, residual: $0.residual) }
}
