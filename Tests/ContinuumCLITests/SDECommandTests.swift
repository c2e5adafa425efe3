import Foundation
import Testing
import _TestSupport

/// `continuum sde` run as a user runs it: the built executable, text drift and diffusion.
@Suite struct SDECommandTests {
    static let continuum = builtProduct("continuum")
    static let gbm = ["sde", "--drift", "mu*x", "--diffusion", "sigma*x", "--vars", "x", "--params", "mu=0.5,sigma=0.3",
                      "--y0", "1", "--t1", "1"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// GBM's mean e^{μT} and variance e^{2μT}(e^{σ²T} − 1) (Itô), from 4 000 paths: the mean lies
    /// within 4 standard errors (plus the O(dt) bias), the variance within 10 %.
    @Test(arguments: ["em", "milstein", "sri"])
    func gbmMomentsInJSON(method: String) throws {
        let result = try run(Self.continuum, Self.gbm + ["--dt", "0.01", "--paths", "4000", "--method", method,
                                                         "--seed", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try Self.json(result.standardOutput)
        let mean = try #require((json["mean"] as? [Double])?.first)
        let variance = try #require((json["variance"] as? [Double])?.first)
        let exactVariance = exp(1.0) * (exp(0.09) - 1)
        #expect(abs(mean - exp(0.5)) < 4 * (exactVariance / 4000).squareRoot() + 0.01, "mean \(mean)")
        #expect(abs(variance / exactVariance - 1) < 0.1, "variance \(variance)")
        #expect(json["paths"] as? Int == 4000)
        let stats = try #require(json["stats"] as? [String: Any])
        #expect(stats["accepted_steps"] as? Int == 400_000)
        #expect(stats["failed_paths"] as? Int == 0)
    }

    @Test func textFormatIsExactAndReproducible() throws {
        let arguments = Self.gbm + ["--dt", "0.1", "--paths", "50", "--seed", "9"]
        let first = try run(Self.continuum, arguments)
        let second = try run(Self.continuum, arguments)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == second.standardOutput)
        let lines = first.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines[4].isEmpty)
        #expect(lines[0] == "# continuum sde: em (ito), 50 paths, t0 = 0.0, t1 = 1.0, dt = 0.1, seed = 9")
        #expect(lines[1] == "variable,mean,variance")
        let fields = lines[2].split(separator: ",")
        #expect(fields.count == 3 && fields[0] == "x" && Double(fields[1]) != nil && Double(fields[2]) != nil)
        #expect(lines[3] == "# accepted steps 500, rejected steps 0, drift evaluations 500, diffusion evaluations 500, failed paths 0")
        let other = try run(Self.continuum, Self.gbm + ["--dt", "0.1", "--paths", "50", "--seed", "10"])
        #expect(other.standardOutput != first.standardOutput)
    }

    /// SGD on the double well as in `--help`: symmetric long-run law (mean ≈ 0, E w² ≈ 0.87 for
    /// ησ = 0.5) and a plot of the sample paths.
    @Test func sgdExampleFromHelpAndPlot() throws {
        let plot = FileManager.default.temporaryDirectory.appendingPathComponent("continuum-sde-\(UUID()).svg").path
        defer { try? FileManager.default.removeItem(atPath: plot) }
        let result = try run(Self.continuum, [
            "sde", "--drift", "w - w^3", "--diffusion", "sqrt(eta*sigma)", "--vars", "w", "--params", "eta=0.1,sigma=5",
            "--y0", "0", "--t1", "8", "--dt", "0.02", "--paths", "2000", "--seed", "1", "--format", "json", "--plot", plot,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try Self.json(result.standardOutput)
        let mean = try #require((json["mean"] as? [Double])?.first)
        let variance = try #require((json["variance"] as? [Double])?.first)
        #expect(abs(mean) < 0.1, "mean \(mean)")
        #expect(abs(variance - 0.87) < 0.08, "variance \(variance)")
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("<path") || svg.contains("<polyline"))
    }

    @Test func additiveNoiseIsDetectedForSRA() throws {
        let ok = try run(Self.continuum, [
            "sde", "--drift", "-x", "--diffusion", "0.5*(1+t)", "--vars", "x", "--y0", "1", "--t1", "1", "--dt", "0.05",
            "--paths", "100", "--method", "sra",
        ])
        #expect(ok.status == 0, "\(ok.standardError)")
        let bad = try run(Self.continuum, Self.gbm + ["--dt", "0.05", "--method", "sra"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("additive"))
    }

    @Test(arguments: [
        (["--method", "heun", "--interpretation", "ito"], "stratonovich"),
        (["--method", "rk4"], "unknown method"),
        (["--paths", "0"], "--paths"),
        (["--seed", "-1"], "--seed"),
        (["--brownian", "magic"], "--brownian"),
    ])
    func usageErrors(extra: [String], message: String) throws {
        let result = try run(Self.continuum, Self.gbm + ["--dt", "0.1"] + extra)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
