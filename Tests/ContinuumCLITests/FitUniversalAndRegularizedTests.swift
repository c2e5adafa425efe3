import Foundation
import Testing
import _TestSupport

/// `continuum fit --known` (universal differential equation) and `--regularize-solver`: what
/// `model.json` records, and that `continuum forecast` reproduces the fit's own forecast.
@Suite struct FitUniversalAndRegularizedTests {
    static let continuum = builtProduct("continuum")
    /// Lotka-Volterra rates of the same series (Stan case study), in pelts (thousands) per year.
    static let known = "0.55*hare - 0.028*hare*lynx, -0.8*lynx + 0.024*hare*lynx"

    static func rows(_ csv: String) -> [[Double]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    }

    static func model(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func knownPartRoundTripsThroughModelJSON() throws {
        let out = NSTemporaryDirectory() + "continuum-ude-\(UUID().uuidString)"
        let fit = try run(Self.continuum, [
            "fit", "--known", Self.known, "--iterations", "4", "--polish", "2", "--hidden", "8", "--depth", "1", "--out", out,
        ])
        #expect(fit.status == 0, "\(fit.standardError)")
        let json = try Self.model("\(out)/model.json")
        #expect(json["known"] as? String == Self.known)
        // The fit's forecast.csv and `continuum forecast` at the same times agree.
        let expected = Self.rows(try String(contentsOfFile: "\(out)/forecast.csv", encoding: .utf8))
        let times = [expected[10][0], expected[60][0]]
        let forecast = try run(Self.continuum, [
            "forecast", "--model", "\(out)/model.json", "--times", times.map { String($0) }.joined(separator: ","),
        ])
        #expect(forecast.status == 0, "\(forecast.standardError)")
        let got = Self.rows(forecast.standardOutput)
        for (row, index) in zip(got, [10, 60]) {
            for j in 1..<3 { #expect(abs(row[j] - expected[index][j]) <= 1e-6 * max(1, abs(expected[index][j])), "\(row) vs \(expected[index])") }
        }
        // Without its known part the same network forecasts something else: the part is used.
        var stripped = json
        stripped["known"] = nil
        try JSONSerialization.data(withJSONObject: stripped).write(to: URL(fileURLWithPath: "\(out)/neural.json"))
        let neural = try run(Self.continuum, [
            "forecast", "--model", "\(out)/neural.json", "--times", times.map { String($0) }.joined(separator: ","),
        ])
        #expect(neural.status == 0, "\(neural.standardError)")
        #expect(Self.rows(neural.standardOutput)[1][1] != got[1][1])
    }

    @Test func regularizedFitRecordsItsCost() throws {
        let out = NSTemporaryDirectory() + "continuum-reg-\(UUID().uuidString)"
        let fit = try run(Self.continuum, [
            "fit", "--regularize-solver", "--regularize-solver-weight", "0.05", "--iterations", "4", "--polish", "2",
            "--hidden", "8", "--depth", "1", "--out", out,
        ])
        #expect(fit.status == 0, "\(fit.standardError)")
        #expect(fit.standardOutput.contains("function evaluations of the trained model"))
        let json = try Self.model("\(out)/model.json")
        let regularization = json["solver_regularization"] as? [String: Any]
        #expect(regularization?["error_weight"] as? Double == 0.05)
        #expect((json["function_evaluations"] as? Int ?? 0) > 0)
    }
}
