import Foundation
import Testing
import _TestSupport

/// `continuum likelihood` run as a user runs it: log-likelihoods against the analytic mixture density.
@Suite struct LikelihoodCommandTests {
    static let continuum = builtProduct("continuum")
    static let mixture = "0.3:-2,0:0.5,0.2,0.4|0.5:2,1:0.3,-0.1,0.6|0.2:0,-2.5:1"
    static let points: [[Double]] = [[0.7, -0.4], [-2.1, 0.3], [2.5, 1.2], [0, -3]]

    static func analytic(_ x: [Double]) -> Double {
        let components: [(Double, [Double], [Double])] = [(0.3, [-2, 0], [0.5, 0.2, 0.4]), (0.5, [2, 1], [0.3, -0.1, 0.6]),
                                                          (0.2, [0, -2.5], [1, 0, 1])]
        return log(components.reduce(0.0) { total, c in
            let det = c.2[0] * c.2[2] - c.2[1] * c.2[1]
            let (dx, dy) = (x[0] - c.1[0], x[1] - c.1[1])
            let q = (c.2[2] * dx * dx - 2 * c.2[1] * dx * dy + c.2[0] * dy * dy) / det
            return total + c.0 * exp(-0.5 * q) / (2 * Double.pi * det.squareRoot())
        })
    }

    static func pointsFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("continuum-ll-\(UUID()).csv").path
        try ("x,y\n" + points.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Exact divergence: one line per point under the documented header, within 1e-3 nats of the
    /// analytic density for every SDE, bits/dim = −log p/(2 ln 2).
    @Test(arguments: ["vp", "ve", "subvp", "ou"])
    func exactLikelihoodMatchesTheDensity(sde: String) throws {
        let file = try Self.pointsFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run(Self.continuum, ["likelihood", "--mixture", Self.mixture, "--points", file, "--sde", sde])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "x,y,log_likelihood,standard_error,bits_per_dim")
        #expect(lines.count == Self.points.count + 1)
        for (point, line) in zip(Self.points, lines.dropFirst()) {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            #expect(fields.count == 5 && fields[3] == 0)
            #expect(abs(fields[2] - Self.analytic(point)) < 1e-3, "\(sde) \(point): \(fields[2])")
            #expect(abs(fields[4] + fields[2] / (2 * log(2.0))) < 1e-12)
        }
    }

    /// Hutchinson with 64 probes: each value within 4 of its standard errors (and a positive one).
    @Test func hutchinsonReportsAStandardError() throws {
        let file = try Self.pointsFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try run(Self.continuum, ["likelihood", "--mixture", Self.mixture, "--points", file,
                                              "--divergence", "hutchinson", "--probes", "64", "--seed", "3", "--rtol", "1e-6"])
        #expect(result.status == 0, "\(result.standardError)")
        for (point, line) in zip(Self.points, result.standardOutput.split(separator: "\n").dropFirst()) {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            #expect(fields[3] > 0 && abs(fields[2] - Self.analytic(point)) < 4 * fields[3], "\(point): \(line)")
        }
    }

    @Test func badPointsFileIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("continuum-ll-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a,b\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try run(Self.continuum, ["likelihood", "--mixture", Self.mixture, "--points", path])
        #expect(result.status == 2 && result.standardError.contains("header x,y"))
        let missing = try run(Self.continuum, ["likelihood", "--mixture", Self.mixture, "--points", path + ".none"])
        #expect(missing.status == 2 && missing.standardError.contains("cannot read"))
    }
}
