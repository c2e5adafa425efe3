import ContinuumIO
import ContinuumODE
import Foundation
import Testing

/// Values of compiled expressions against the same mathematics computed directly.
@Suite struct EvaluationTests {
    /// `f` of one variable `x` at `x`.
    func scalar(_ rhs: String, _ x: Double, t: Double = 0) throws -> Double {
        try value(ExpressionVectorField(rhs: rhs, variables: ["x"]), t: t, [x])[0]
    }

    @Test(arguments: [-2.5, -0.3, 0.0, 0.7, 1.9, 42.0])
    func functionsMatchFoundation(x: Double) throws {
        let cases: [(String, Double)] = [
            ("sin(x)", sin(x)), ("cos(x)", cos(x)), ("tan(x)", tan(x)), ("exp(x)", exp(x)),
            ("log(x)", log(x)), ("sqrt(x)", sqrt(x)), ("tanh(x)", tanh(x)), ("abs(x)", abs(x)),
            ("pow(x, 3)", pow(x, 3)), ("pow(2, x)", pow(2, x)), ("pow(x, x)", pow(x, x)), ("pow(x, 0.5)", pow(x, 0.5)),
            ("min(x, 1)", min(x, 1)), ("min(1, x)", min(1, x)), ("max(x, 0.5)", max(x, 0.5)),
            ("max(-x, x)", max(-x, x)), ("min(x, 2*x)", min(x, 2 * x)),
            ("x + 3", x + 3), ("3 - x", 3 - x), ("x - 3", x - 3), ("x * 7", x * 7), ("x / 7", x / 7),
            ("7 / x", 7 / x), ("x / x", x / x), ("x ^ 3", pow(x, 3)), ("3 ^ x", pow(3, x)), ("x^x", pow(x, x)),
            ("-x", -x), ("+x", x), ("x^2", x * x), ("x*x*x", x * x * x),
        ]
        for (rhs, expected) in cases {
            let computed = try scalar(rhs, x)
            #expect(computed.bitPattern == expected.bitPattern || (computed.isNaN && expected.isNaN),
                    "\(rhs) at x = \(x): \(computed) ≠ \(expected)")
        }
    }

    @Test func precedenceAndAssociativity() throws {
        let x = 1.7
        let cases: [(String, Double)] = [
            ("-x^2", -(x * x)), ("(-x)^2", x * x), ("2^3^2", 512), ("(2^3)^2", 64), ("2^-1", 0.5),
            ("-2^-2", -0.25), ("2^-x^2", pow(2, -(x * x))), ("1 - 2 - 3", -4), ("1 - (2 - 3)", 2),
            ("24 / 4 / 2", 3), ("24 / (4 / 2)", 12), ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("2 * 3 ^ 2", 18),
            ("-3 * -2", 6), ("--x", x), ("-+-x", x), ("x - -x", 2 * x), ("2 * -x", -2 * x),
            ("x*-x^2", -(x * x * x)), ("8/3*x", 8.0 / 3.0 * x), ("x/2*3", x / 2 * 3), ("-(x + 1) * 2", -(x + 1) * 2),
            ("pow(x, 2) - x", x * x - x), ("max(x, 2) * min(x, 3)", 2 * x),
        ]
        for (rhs, expected) in cases {
            let computed = try scalar(rhs, x)
            #expect(computed.isApproximatelyEqualTo(expected), "\(rhs): \(computed) ≠ \(expected)")
        }
    }

    @Test func numberFormats() throws {
        let cases: [(String, Double)] = [
            ("12", 12), ("0.25", 0.25), (".5", 0.5), ("3.", 3), ("1e-3", 1e-3), ("2.5E+4", 2.5e4), ("7e2", 700),
            ("1.5e0", 1.5), ("1.e2", 100), ("007", 7), ("0.1", 0.1), ("9007199254740993", 9007199254740992), ("5e-324", .leastNonzeroMagnitude), ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ]
        for (rhs, expected) in cases { #expect(try scalar(rhs, 0) == expected, "\(rhs)") }
    }

    @Test func timeParametersAndWhitespace() throws {
        let field = try ExpressionVectorField(
            rhs: "a * sin(omega * t)\n  - x ,\tmin(t, y) * b", variables: ["x", "y"],
            parameterNames: ["a", "omega", "b"], parameterValues: [2, 3, -1])
        #expect(field.dimension == 2 && field.parameterCount == 3 && field.parameters == [2, 3, -1])
        let (t, x, y) = (0.4, 1.25, 0.1)
        #expect(value(field, t: t, [x, y]) == [2 * sin(3 * t) - x, min(t, y) * -1])
        let other = field.withParameters([1, 1, 1])
        #expect(other.parameters == [1, 1, 1])
        #expect(value(other, t: t, [x, y]) == [sin(t) - x, min(t, y)])
        #expect(value(field, t: t, [x, y]) == [2 * sin(3 * t) - x, min(t, y) * -1], "the original is unchanged")

        let renamed = try ExpressionVectorField(rhs: "-s * q", variables: ["q"], timeName: "s")
        #expect(renamed.timeName == "s")
        #expect(value(renamed, t: 3, [2]) == [-6])
        let greek = try ExpressionVectorField(rhs: "-λ * θ_1", variables: ["θ_1"], parameterNames: ["λ"], parameterValues: [0.5])
        #expect(value(greek, [4]) == [-2])
    }

    @Test func constantAndCopiedOutputs() throws {
        let field = try ExpressionVectorField(rhs: "2*3 + 1, y, t, x - x + 0*y, k", variables: ["x", "y", "z", "w", "u"],
                                              parameterNames: ["k"], parameterValues: [9])
        #expect(value(field, t: 5, [1, 2, 3, 4, 5]) == [7, 2, 5, 0, 9])
    }

    @Test func lorenzIsBitForBitTheClosure() throws {
        let text = try ExpressionVectorField(rhs: "10*(y-x), x*(28-z)-y, x*y-8/3*z", variables: ["x", "y", "z"])
        let closure = ClosureVectorField(dimension: 3) { _, y, dy in
            dy[0] = 10 * (y[1] - y[0])
            dy[1] = y[0] * (28 - y[2]) - y[1]
            dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
        }
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let y = (0..<3).map { _ in Double.random(in: -30...30, using: &generator) }
            #expect(value(text, y) == value(closure, y))
        }
    }

    @Test func evaluationIsThreadSafe() async throws {
        let field = try ExpressionVectorField(
            rhs: "a*x - b*x*y + sin(t), -c*y + d*x*y", variables: ["x", "y"],
            parameterNames: ["a", "b", "c", "d"], parameterValues: [1.5, 1, 3, 1])
        let expected = (0..<1000).map { i in value(field, t: Double(i), [Double(i) / 100, 1 - Double(i) / 1000]) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<20 {
                        for i in 0..<1000 where value(field, t: Double(i), [Double(i) / 100, 1 - Double(i) / 1000]) != expected[i] {
                            bad += 1
                        }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}

extension Double {
    fileprivate func isApproximatelyEqualTo(_ other: Double) -> Bool {
        Swift.abs(self - other) <= 1e-14 * Swift.max(1, Swift.abs(other))
    }
}
