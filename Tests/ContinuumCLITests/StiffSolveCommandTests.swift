import Foundation
import Testing
import _TestSupport

/// Stiff methods from the command line, on the stiff reference problems written as text.
@Suite struct StiffSolveCommandTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let continuum = builtProduct("continuum")

    static func states(_ arguments: [String]) throws -> [[Double]] {
        let result = try run(continuum, arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return try #require(object?["states"] as? [[Double]])
    }

    @Test(arguments: ["rosenbrock23", "rodas4", "rodas5p", "radau5", "kvaerno5", "kencarp4", "bdf", "ndf", "auto"])
    func vanDerPolMu1000(method: String) throws {
        let reference = try ReferenceProblem.load("vanderpol_mu1000", from: Self.fixtures)
        let states = try Self.states([
            "solve", "--method", method, "--rhs", "v, mu*(1-u^2)*v - u", "--vars", "u,v", "--params", "mu=1000",
            "--y0", "2,0", "--t1", "3000", "--times", reference.times.map { "\($0)" }.joined(separator: ","),
            "--rtol", "1e-8", "--atol", "1e-10", "--max-steps", "1000000", "--format", "json",
        ])
        let error = reference.maximumRelativeError(states)
        #expect(error < 1e-5, "\(method): max relative error \(error)")
    }

    @Test(arguments: ["rodas5p", "radau5", "kvaerno5", "bdf"])
    func robertson(method: String) throws {
        let reference = try ReferenceProblem.load("robertson", from: Self.fixtures)
        let states = try Self.states([
            "solve", "--method", method, "--rhs", "-0.04*a + 1e4*b*c, 0.04*a - 1e4*b*c - 3e7*b^2, 3e7*b^2",
            "--vars", "a,b,c", "--y0", "1,0,0", "--t1", "1e10",
            "--times", reference.times.map { "\($0)" }.joined(separator: ","),
            "--rtol", "1e-8", "--atol", "1e-14", "--max-steps", "1000000", "--format", "json",
        ])
        // Relative error per component; y2 (≈ 1e-12 at the end) with an absolute floor of 1e-12.
        for (computed, exact) in zip(states, reference.states) {
            for (i, (a, b)) in zip(computed, exact).enumerated() {
                let scale = i == 1 ? max(abs(b), 1e-12) : abs(b)
                #expect(abs(a - b) / scale < 1e-5, "\(method): component \(i): \(a) vs \(b)")
            }
        }
    }
}
