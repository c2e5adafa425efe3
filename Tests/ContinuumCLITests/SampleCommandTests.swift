import Foundation
import Testing
import _TestSupport

/// `continuum sample` run as a user runs it: the built executable writing samples.csv and an SVG.
@Suite struct SampleCommandTests {
    static let continuum = builtProduct("continuum")
    static let mixture = "0.3:-2,0:0.5,0.2,0.4|0.5:2,1:0.3,-0.1,0.6|0.2:0,-2.5:0.8,0,0.2"

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("continuum-sample-\(UUID())").path
    }

    static func samples(_ directory: String) throws -> [[Double]] {
        let text = try String(contentsOfFile: directory + "/samples.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "x,y")
        return lines.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
    }

    /// Every sampler writes N finite samples under the header `x,y` and an SVG; the sample mean is the
    /// mixture's, (0.4, 0) with per-coordinate standard deviation ≤ 2, within 4 standard errors.
    @Test(arguments: [["--sampler", "pf-ode"], ["--sampler", "pf-ode", "--gauge", "0.5"],
                      ["--sampler", "reverse-sde", "--steps", "200"], ["--sampler", "pc", "--steps", "100"]])
    func samplersWriteTheirFiles(options: [String]) throws {
        let out = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run(Self.continuum, ["sample", "--mixture", Self.mixture, "--n", "600", "--seed", "4", "--out", out] + options)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("# continuum sample: \(options[1]), vp, n = 600, seed = 4, evaluations = "))
        let points = try Self.samples(out)
        #expect(points.count == 600 && points.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isFinite) })
        let mean = (0..<2).map { j in points.map { $0[j] }.reduce(0, +) / 600 }
        #expect(abs(mean[0] - 0.4) < 4 * 2 / 600.0.squareRoot() && abs(mean[1] - 0) < 4 * 2 / 600.0.squareRoot(), "\(mean)")
        let svg = try String(contentsOfFile: out + "/samples.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("trajectories"))
    }

    @Test func sameSeedSameSamplesAndDataInput() throws {
        let (a, b) = (Self.directory(), Self.directory())
        defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
        for out in [a, b] {
            let result = try run(Self.continuum, ["sample", "--mixture", Self.mixture, "--n", "50", "--seed", "2", "--out", out])
            #expect(result.status == 0, "\(result.standardError)")
        }
        #expect(try Self.samples(a) == Self.samples(b))
        let fromData = try run(Self.continuum, ["sample", "--data", a + "/samples.csv", "--sampler", "reverse-sde",
                                                "--steps", "50", "--n", "20", "--out", b])
        #expect(fromData.status == 0, "\(fromData.standardError)")
        #expect(try Self.samples(b).count == 20)
    }

    /// `--score learned` trains on the data file and samples with the network: 200 finite samples and the
    /// DSM loss on the summary line. Only 25 Adam steps, to stay fast in debug, so the samples' quality
    /// is not asserted here (it is measured by `continuum-bench diffusion-learned`).
    @Test func learnedScoreFromData() throws {
        let (data, out) = (Self.directory(), Self.directory())
        defer { for d in [data, out] { try? FileManager.default.removeItem(atPath: d) } }
        let exact = try run(Self.continuum, ["sample", "--mixture", Self.mixture, "--n", "1000", "--sampler", "reverse-sde",
                                             "--steps", "100", "--out", data])
        #expect(exact.status == 0, "\(exact.standardError)")
        let result = try run(Self.continuum, ["sample", "--data", data + "/samples.csv", "--score", "learned", "--train-steps", "25", "--sampler", "reverse-sde", "--steps", "50",
                                              "--n", "200", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("score = learned (DSM loss "))
        let points = try Self.samples(out)
        #expect(points.count == 200 && points.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    @Test(arguments: [
        (["--mixture", "1:0,0"], "weight:mx,my"), (["--mixture", "1:0,0:1,2,1"], "positive definite"),
        (["--mixture", "1:0,0:1", "--sampler", "ode"], "unknown sampler"), (["--mixture", "1:0,0:1", "--sde", "x"], "unknown SDE"),
        (["--mixture", "1:0,0:1", "--sampler", "pc", "--gauge", "1"], "pf-ode sampler only"), ([], "--mixture"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) throws {
        let result = try run(Self.continuum, ["sample", "--out", Self.directory()] + arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
