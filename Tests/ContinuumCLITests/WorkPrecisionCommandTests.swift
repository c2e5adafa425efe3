import Foundation
import Testing
import _TestSupport

/// `continuum work-precision` run as a user runs it.
@Suite struct WorkPrecisionCommandTests {
    static let continuum = builtProduct("continuum")

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("work-precision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// CSV rows as dictionaries keyed by the header.
    static func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    @Test func lorenzSweepWritesCSVAndSVGWithFallingErrors() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("wp.csv"), svg = directory.appendingPathComponent("wp.svg")
        let result = try run(Self.continuum, [
            "work-precision", "--problem", "lorenz", "--methods", "dopri5,tsit5,dop853", "--rtols", "1e-4,1e-6,1e-8",
            "--repeats", "1", "--csv", csv.path, "--svg", svg.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("reference: dop853"))
        let rows = Self.rows(try String(contentsOf: csv, encoding: .utf8))
        #expect(rows.count == 9)
        for method in ["dopri5", "tsit5", "dop853"] {
            let errors = rows.filter { $0["method"] == method }.map { Double($0["error"]!)! }
            let evaluations = rows.filter { $0["method"] == method }.map { Int($0["nfe"]!)! }
            #expect(errors.count == 3 && errors[0] > errors[1] && errors[1] > errors[2], "\(method): \(errors)")
            #expect(evaluations[0] < evaluations[1] && evaluations[1] < evaluations[2])
        }
        let picture = try String(contentsOf: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<?xml") && picture.contains("dop853") && picture.contains("f evaluations"))
    }

    /// A text right-hand side: the oscillator x'' = −x, checked against its exact solution through
    /// the reported errors (which must follow the tolerance).
    @Test func textRightHandSide() throws {
        let result = try run(Self.continuum, [
            "work-precision", "--rhs", "v, -x", "--vars", "x,v", "--y0", "1,0", "--t1", "10",
            "--methods", "bs3,rodas5p", "--rtols", "1e-3,1e-6", "--repeats", "1",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 5 && lines[0].hasPrefix("method"))
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix("success") })
    }

    @Test func badRequestsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--problem", "nosuch"], "unknown problem"),
            (["--problem", "lorenz", "--methods", "rk4"], "fixed steps"),
            (["--problem", "lorenz", "--rhs", "x"], "either --problem or --rhs"),
            (["--rhs", "-x", "--y0", "1"], "--t1"),
            (["--problem", "lorenz", "--rtols", "0"], "positive"),
        ]
        for (arguments, message) in cases {
            let result = try run(Self.continuum, ["work-precision"] + arguments)
            #expect(result.status == 2 && result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }
}
