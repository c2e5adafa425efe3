import Foundation
import Testing
import _TestSupport

/// `continuum stability` run as a user runs it.
@Suite struct StabilityCommandTests {
    static let continuum = builtProduct("continuum")

    static func methods(_ arguments: [String]) throws -> [String: [String: Any]] {
        let result = try run(Self.continuum, ["stability", "--format", "json", "--resolution", "61"] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let rows = try #require(object["methods"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0) })
    }

    /// The JSON contract: `{"methods":[{"name", "real_interval":[lo,hi], "imaginary_interval":[lo,hi],
    /// "a_stable", "l_stable", …}]}`, unbounded ends as `null`.
    @Test func jsonReportsIntervalsAndStability() throws {
        let rows = try Self.methods(["--methods", "rk4,dopri5,tsit5,bs3,radau5"])
        #expect(rows.keys.sorted() == ["bs3", "dopri5", "radau5", "rk4", "tsit5"])
        let rk4 = try #require(rows["rk4"])
        let real = try #require(rk4["real_interval"] as? [Double])
        #expect(real.count == 2 && abs(real[0] + 2.785293563405282) < 1e-9 && real[1] == 0)
        let imaginary = try #require(rk4["imaginary_interval"] as? [Double])
        #expect(abs(imaginary[1] - 2 * 2.0.squareRoot()) < 1e-9 && imaginary[0] == -imaginary[1])
        #expect(rk4["a_stable"] as? Bool == false && rk4["l_stable"] as? Bool == false)
        let radau = try #require(rows["radau5"])
        #expect(radau["a_stable"] as? Bool == true && radau["l_stable"] as? Bool == true)
        let radauReal = try #require(radau["real_interval"] as? [Any])
        #expect(radauReal.first is NSNull && radauReal.last as? Double == 0)
        let dopri = try #require(rows["dopri5"]?["real_interval"] as? [Double])
        #expect(abs(dopri[0] + 3.3066) < 1e-4)
    }

    @Test func fixedOrderBDFAndEmbeddedEstimators() throws {
        let rows = try Self.methods(["--methods", "bdf2,bdf5,dopri5:embedded"])
        #expect(rows["bdf2"]?["a_stable"] as? Bool == true)
        #expect(rows["bdf5"]?["a_stable"] as? Bool == false)
        let alpha = try #require(rows["bdf5"]?["a_alpha_degrees"] as? Double)
        #expect(abs(alpha - 51.84) < 0.01)
        #expect(rows["dopri5 (embedded)"]?["order"] as? Int == 4)
    }

    @Test func writesRegionAndOrderStarFigures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let regions = directory.appendingPathComponent("regions.svg"), stars = directory.appendingPathComponent("stars.svg")
        let result = try run(Self.continuum, [
            "stability", "--methods", "euler,rk4,radau5", "--resolution", "61", "--svg", regions.path, "--order-stars", stars.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("rk4") && result.standardOutput.contains("A-stable"))
        for url in [regions, stars] {
            let svg = try String(contentsOf: url, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("fill-rule=\"evenodd\"") && svg.hasSuffix("</svg>\n"))
        }
    }

    @Test func unknownAndVariableOrderMethodsAreUsageErrors() throws {
        let unknown = try run(Self.continuum, ["stability", "--methods", "rk4,nosuch"])
        #expect(unknown.status == 2 && unknown.standardError.contains("unknown method 'nosuch'"))
        let bdf = try run(Self.continuum, ["stability", "--methods", "bdf"])
        #expect(bdf.status == 2 && bdf.standardError.contains("bdf1"))
        let box = try run(Self.continuum, ["stability", "--box", "1,0,0,1"])
        #expect(box.status == 2)
    }
}
