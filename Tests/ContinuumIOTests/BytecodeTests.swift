@testable import ContinuumIO
import Foundation
import Testing

/// The shape of the compiled code: folding, sharing, fusion, register reuse and large programs.
@Suite struct BytecodeTests {
    @Test func lorenzCompilesToFiveInstructions() throws {
        let field = try ExpressionVectorField(rhs: "10*(y-x), x*(28-z)-y, x*y-8/3*z", variables: ["x", "y", "z"])
        #expect(field.field.description == """
            r4 = (r2 - r1) * 10.0
            r5 = 28.0 - r3
            r5 = r1 * r5 - r2
            r6 = r3 * 2.6666666666666665
            r6 = r2 * r1 - r6
            outputs: r4, r5, r6
            """)
        #expect(field.field.registerCount == 7)
        // The Jacobian is mostly constants, written without instructions.
        #expect(field.stateJacobian.instructions.count == 2)
        #expect(field.stateJacobian.constants.count == 4)  // −σ, σ, −1, −β; the 0 by clearing
        #expect(field.stateJacobian.hasZeroOutputs && !field.field.hasZeroOutputs)
        #expect(field.stateJacobian.description == """
            r4 = 28.0 - r3
            r5 = -r1
            outputs: -10.0, 10.0, 0.0, r4, -1.0, r5, r2, r1, -2.6666666666666665
            """)
    }

    @Test func constantsAreFoldedAndSubexpressionsShared() throws {
        let folded = try ExpressionVectorField(rhs: "(2*3 - 1)^2 * x + (sqrt(16) - exp(0))", variables: ["x"])
        #expect(folded.field.description == "r2 = r1 * 25.0\nr2 = r2 + 3.0\noutputs: r2")
        // No reassociation: (25x + 4) − 1 keeps both additions, as a closure would.
        let unfolded = try ExpressionVectorField(rhs: "(2*3 - 1)^2 * x + sqrt(16) - exp(0)", variables: ["x"])
        #expect(unfolded.field.description == "r2 = r1 * 25.0\nr2 = r2 + 4.0\nr2 = r2 - 1.0\noutputs: r2")
        let shared = try ExpressionVectorField(rhs: "sin(x*y) + cos(x*y), sin(y*x)*x", variables: ["x", "y"])
        let opcodes = shared.field.instructions.map(\.opcode)
        #expect(opcodes.filter { $0 == .sin }.count == 1)
        #expect(opcodes.filter { $0 == .multiplyRR }.count == 2)  // x·y once, then sin(x·y)·x
        #expect(value(shared, [0.3, 0.7]) == [sin(0.3 * 0.7) + cos(0.3 * 0.7), sin(0.7 * 0.3) * 0.3])
    }

    @Test func registersAreReused() throws {
        let sum = (1...40).map { "sin(\($0)*x)" }.joined(separator: " + ")
        let field = try ExpressionVectorField(rhs: sum, variables: ["x"])
        #expect(field.field.instructions.count > 80)
        #expect(field.field.registerCount <= 5, "temporaries die as soon as they are read")
        let expected = (1...40).map { sin(Double($0) * 0.1) }.dropFirst().reduce(sin(0.1), +)
        #expect(value(field, [0.1])[0] == expected)
    }

    @Test func largeSystemsUseThreadScratchCorrectly() async throws {
        let n = 80
        let names = (0..<n).map { "y\($0)" }
        let rhs = (0..<n).map { "sin(y\($0)) * y\(($0 + 1) % n) - 0.1*y\($0)^2 + t" }.joined(separator: ", ")
        let field = try ExpressionVectorField(rhs: rhs, variables: names)
        #expect(field.field.registerCount > RegisterScratch.stackLimit)
        #expect(field.product.registerCount > RegisterScratch.stackLimit)
        func expected(_ t: Double, _ y: [Double]) -> [Double] {
            (0..<n).map { sin(y[$0]) * y[($0 + 1) % n] - 0.1 * (y[$0] * y[$0]) + t }
        }
        let y = (0..<n).map { 0.01 * Double($0) - 0.3 }
        #expect(value(field, t: 0.5, y) == expected(0.5, y))
        let exact = jacobian(field, t: 0.5, y)
        #expect(agree(Array(exact[0..<3]), [cos(y[0]) * y[1] - 0.2 * y[0], sin(y[0]), 0], relative: 1e-15))
        #expect(agree(exact, finiteDifferenceJacobian(field, t: 0.5, y), relative: 1e-7))
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<6 {
                group.addTask {
                    (0..<200).reduce(0) { bad, i in
                        let t = Double(task * 1000 + i)
                        return bad + (value(field, t: t, y) == expected(t, y) ? 0 : 1)
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }
}
