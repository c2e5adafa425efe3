import ContinuumIO
import ContinuumODE
import Testing

/// No input crashes the compiler; random well-formed expressions evaluate as a direct tree walk
/// does and differentiate as finite differences say.
@Suite struct FuzzTests {
    static let alphabet = Array("xyt p0123456789.eE+-*/^(),sincotaexplgqrhbmwd_$ \n")
    static let tokens = ["x", "y", "t", "p", "1", "2.5", "1e-3", "e", ".", "+", "-", "*", "/", "^", "(", ")", ",", " ",
                         "sin", "pow", "max", "min", "abs", "q", "1e", "sin(", "pow(", "))", "--", "^-"]

    /// Compiles `rhs`; if it compiles, runs every program once. Returns whether it compiled.
    func compileAndRun(_ rhs: String) -> Bool {
        do {
            let field = try ExpressionVectorField(rhs: rhs, variables: ["x"], parameterNames: ["y", "p"], parameterValues: [-1.2, 0.5])
            _ = value(field, t: 0.3, [0.7])
            _ = jacobian(field, t: 0.3, [0.7])
            _ = vectorJacobianProduct(field, t: 0.3, [0.7], [1])
            return true
        } catch {
            #expect(error.column >= 0 && error.column <= rhs.count + 1, "\(rhs): \(error)")
            #expect(!error.message.isEmpty)
            return false
        }
    }

    @Test func randomTextParsesOrThrows() {
        var generator = SplitMix64(seed: 42)
        var compiled = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            let characters = String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! })
            let pieces = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.tokens.randomElement(using: &generator)! }
            if compileAndRun(characters) { compiled += 1 }
            if compileAndRun(pieces.joined()) { compiled += 1 }
        }
        #expect(compiled > 100)
    }

    @Test func randomExpressionsEvaluateLikeATreeWalk() throws {
        var generator = SplitMix64(seed: 7)
        var compared = 0
        for _ in 0..<400 {
            let trees = (0..<2).map { _ in RandomExpression.random(depth: 5, using: &generator) }
            let rhs = trees.map { $0.render(using: &generator) }.joined(separator: ", ")
            let p = Double.random(in: -2...2, using: &generator)
            let field = try ExpressionVectorField(rhs: rhs, variables: ["x", "y"], parameterNames: ["p"], parameterValues: [p])
            for _ in 0..<5 {
                let inputs = [Double.random(in: -3...3, using: &generator), Double.random(in: -3...3, using: &generator),
                              Double.random(in: 0...2, using: &generator), p]
                let computed = value(field, t: inputs[2], Array(inputs[0..<2]))
                for (tree, result) in zip(trees, computed) where tree.value(inputs).isFinite {
                    compared += 1
                    #expect(result == tree.value(inputs), "\(rhs) at \(inputs)")
                }
            }
        }
        #expect(compared > 2000)
    }

    @Test func randomExpressionsDifferentiateLikeFiniteDifferences() throws {
        var generator = SplitMix64(seed: 11)
        var compared = 0
        for _ in 0..<300 {
            let trees = (0..<2).map { _ in RandomExpression.random(depth: 4, using: &generator) }
            let rhs = trees.map { $0.render(using: &generator) }.joined(separator: ", ")
            let field = try ExpressionVectorField(rhs: rhs, variables: ["x", "y"], parameterNames: ["p"], parameterValues: [0.8])
            let y = [Double.random(in: 0.2...2, using: &generator), Double.random(in: 0.2...2, using: &generator)]
            let t = Double.random(in: 0.1...1, using: &generator)
            let exact = jacobian(field, t: t, y) + vectorJacobianProduct(field, t: t, y, [1, 0]).parameters
                + vectorJacobianProduct(field, t: t, y, [0, 1]).parameters
            let differences = finiteDifferenceJacobian(field, t: t, y) + finiteDifferenceParameterJacobian(field, t: t, y)
            // Skip points where f is not smooth or badly scaled: there differences of two step sizes disagree.
            let coarse = centralDifferences(at: y, outputs: 2) { y in value(field, t: t, y.map { $0 }) }
            let scale = exact.map(abs).max() ?? 0
            guard exact.allSatisfy(\.isFinite), differences.allSatisfy(\.isFinite), scale < 1e6,
                  agree(Array(differences[0..<4]), coarse, relative: 1e-9, scale: max(1, scale)),
                  stable(field, t: t, y) else { continue }
            compared += 1
            // Exact derivatives in the order ∂f/∂y (row-major) then ∂f₀/∂p, ∂f₁/∂p.
            #expect(agree(exact, differences, relative: 1e-6, scale: max(1, scale)), "\(rhs) at t = \(t), y = \(y)")
        }
        #expect(compared > 100)
    }

    /// Whether differences with a step ten times larger agree with the usual ones (no kink or
    /// singularity near `y`).
    func stable(_ field: ExpressionVectorField, t: Double, _ y: [Double]) -> Bool {
        let fine = finiteDifferenceJacobian(field, t: t, y)
        var coarse = [Double](repeating: 0, count: 4)
        for j in 0..<2 {
            var (plus, minus) = (y, y)
            plus[j] += 1e-5
            minus[j] -= 1e-5
            let (up, down) = (value(field, t: t, plus), value(field, t: t, minus))
            for i in 0..<2 { coarse[i * 2 + j] = (up[i] - down[i]) / (plus[j] - minus[j]) }
        }
        return agree(fine, coarse, relative: 1e-6, scale: max(1, fine.map(abs).max() ?? 0))
    }
}
