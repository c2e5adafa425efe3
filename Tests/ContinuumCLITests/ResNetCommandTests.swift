import Foundation
import Testing
import _TestSupport

/// `continuum resnet`, run as a built executable with small settings: the spirals outputs, the
/// deep-limit CSV contract and figures, and usage errors.
@Suite struct ResNetCommandTests {
    static let continuum = builtProduct("continuum")

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("resnet-\(UUID().uuidString)")
    }

    @Test(arguments: ["rk4", "leapfrog", "stochastic"])
    func spiralsWritesTheDecisionBoundaryAndMetrics(block: String) throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(Self.continuum, [
            "resnet", "--task", "spirals", "--block", block, "--depth", "3", "--epochs", "3", "--train", "30",
            "--test", "20", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("test accuracy: "))
        let svg = try String(contentsOf: directory.appendingPathComponent("decision.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains(">class 0<") && svg.contains(">class 1<"))
        let metrics = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("metrics.json")))
                as? [String: Any])
        #expect(metrics["block"] as? String == block && metrics["depth"] as? Int == 3)
        let accuracy = try #require(metrics["test_accuracy"] as? Double)
        #expect(accuracy >= 0 && accuracy <= 1)
    }

    @Test func deepLimitWritesTheErrorTableAndFigures() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(Self.continuum, [
            "resnet", "--deep-limit", "--depths", "4,8,16,32", "--train-depths", "2,4", "--epochs", "2", "--train", "20",
            "--test", "20", "--out", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let csv = try String(contentsOf: directory.appendingPathComponent("deep_limit.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "block,depth,error")
        var errors: [String: [Double]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            try #require(cells.count == 3)
            errors[cells[0], default: []].append(try #require(Double(cells[2])))
        }
        #expect(Set(errors.keys) == ["euler", "rk4", "leapfrog"])
        for (block, values) in errors {
            #expect(values.count == 4)
            #expect(zip(values, values.dropFirst()).allSatisfy { $1 < $0 }, "\(block): errors should fall with depth \(values)")
        }
        // Doubling the depth divides the RK4 error by about 16 and the Euler error by about 2.
        let rk4 = errors["rk4"]!, euler = errors["euler"]!
        #expect(rk4[2] / rk4[3] > 10 && euler[2] / euler[3] > 1.6 && euler[2] / euler[3] < 2.5)
        for name in ["deep_limit.svg", "deep_limit_trained.svg", "deep_limit_trained.csv", "deep_limit_summary.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func usageErrorsExitWithStatusTwo() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [([String], String)] = [
            (["--task", "spirals", "--block", "resnext", "--out", directory.path], "unknown block"),
            (["--task", "spirals"], "--out"),
            (["--task", "spirals", "--block", "leapfrog", "--width", "3", "--out", directory.path], "even width"),
            (["--task", "mnist", "--out", directory.path], "unknown task"),
            (["--deep-limit", "--depths", "4,0", "--out", directory.path], "positive integer"),
        ]
        for (arguments, message) in cases {
            let result = try run(Self.continuum, ["resnet"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }
}
