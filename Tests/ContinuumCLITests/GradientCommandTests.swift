import Foundation
import Testing
import _TestSupport

/// `continuum gradient`: the JSON contract, the reference gradient of `lotka_volterra.json`, and
/// usage errors.
@Suite struct GradientCommandTests {
    static let continuum = builtProduct("continuum")
    static let lotkaVolterra = [
        "gradient", "--rhs", "a*x-b*x*y, -c*y+d*x*y", "--vars", "x,y", "--params", "a=1.5,b=1,c=3,d=1",
        "--y0", "1,1", "--times", "1,2,3,4,5,6,7,8,9,10", "--loss", "sumsq", "--method", "tsit5",
        "--rtol", "1e-10", "--atol", "1e-12", "--format", "json",
    ]
    /// `lotka_volterra.json`: loss_value and gradient (a, b, c, d).
    static let referenceLoss = 171.9072945501524
    static let referenceGradient = [30.32137551692723, -111.95853459386387, 107.43939761142836, -353.6888587196884]

    @Test(arguments: ["forward", "discrete", "backsolve", "interpolating", "quadrature"])
    func reproducesTheReferenceGradient(sensitivity: String) throws {
        let result = try run(Self.continuum, Self.lotkaVolterra + ["--sensitivity", sensitivity])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let loss = try #require(object["loss"] as? Double)
        #expect(abs(loss - Self.referenceLoss) < 1e-8 * Self.referenceLoss)
        let gradient = try #require(object["gradient"] as? [String: Double])
        for (name, expected) in zip(["a", "b", "c", "d"], Self.referenceGradient) {
            let value = try #require(gradient[name])
            #expect(abs(value - expected) < 1e-6 * 353.7, "\(sensitivity) dL/d\(name) = \(value)")
        }
        let y0 = try #require(object["gradient_y0"] as? [Double])
        #expect(y0.count == 2)
        let stats = try #require(object["stats"] as? [String: Any])
        #expect((stats["nfe_forward"] as? Int ?? 0) > 0)
    }

    @Test func checkpointedDiscreteAdjointAgrees() throws {
        let all = try run(Self.continuum, Self.lotkaVolterra + ["--sensitivity", "discrete"])
        let binomial = try run(Self.continuum, Self.lotkaVolterra + ["--sensitivity", "discrete", "--checkpoints", "4"])
        #expect(all.status == 0 && binomial.status == 0)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(all.standardOutput.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(binomial.standardOutput.utf8)) as? [String: Any])
        let ga = try #require(a["gradient"] as? [String: Double]), gb = try #require(b["gradient"] as? [String: Double])
        for name in ["a", "b", "c", "d"] { #expect(abs(ga[name]! - gb[name]!) < 1e-9 * abs(ga[name]!)) }
        let stored = try #require((b["stats"] as? [String: Any])?["stored_states"] as? Int)
        #expect(stored <= 4)
    }

    @Test func usageErrors() throws {
        let cases: [[String]] = [
            ["gradient", "--rhs", "-k*y", "--params", "k=1", "--y0", "1"],  // no --times
            ["gradient", "--rhs", "-k*y", "--params", "k=1", "--y0", "1", "--times", "2,1"],
            ["gradient", "--rhs", "-k*y", "--params", "k=1", "--y0", "1", "--times", "1", "--sensitivity", "magic"],
            ["gradient", "--rhs", "-k*y", "--params", "k=1", "--y0", "1", "--times", "1", "--loss", "l1"],
            ["gradient", "--rhs", "-k*y", "--params", "k=1", "--y0", "1", "--times", "1", "--method", "radau5", "--sensitivity", "discrete"],
            ["gradient", "--rhs", "-k*", "--params", "k=1", "--y0", "1", "--times", "1"],
        ]
        for arguments in cases {
            let result = try run(Self.continuum, arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(result.standardError.hasPrefix("continuum gradient: "))
        }
    }

    /// dL/dk of L = y(1)² for y' = -k y, y(0) = 1: L = e^{-2k}, dL/dk = -2 e^{-2k}.
    @Test func exponentialDecayTextOutput() throws {
        let result = try run(Self.continuum, [
            "gradient", "--rhs", "-k*y", "--vars", "y", "--params", "k=0.5", "--y0", "1", "--times", "1",
            "--rtol", "1e-10", "--atol", "1e-12",
        ])
        #expect(result.status == 0)
        let line = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("dL/dk ") })
        let value = try #require(Double(line.split(separator: " ")[1]))
        #expect(abs(value - (-2 * exp(-1.0))) < 1e-8)
    }
}
