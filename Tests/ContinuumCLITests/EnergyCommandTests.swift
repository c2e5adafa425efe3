import Foundation
import Testing
import _TestSupport

/// `continuum energy`, run as a built executable: the JSON contract, the table, the SVG, the
/// separability detection and the usage errors.
@Suite struct EnergyCommandTests {
    static let continuum = builtProduct("continuum")

    static func methods(_ output: String) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let rows = try #require(object["methods"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0) })
    }

    @Test func keplerJSONShowsBoundedSymplecticErrorAndRungeKuttaDrift() throws {
        let result = try run(Self.continuum, [
            "energy", "--problem", "kepler", "--methods", "verlet,yoshida4,rk4,dopri5", "--t1", "200", "--dt", "0.01",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try Self.methods(result.standardOutput)
        #expect(Set(rows.keys) == ["verlet", "yoshida4", "rk4", "dopri5"])
        for (name, row) in rows {
            for key in ["max_energy_error", "max_error_first_tenth", "max_error_last_tenth"] {
                #expect((row[key] as? Double).map { $0 >= 0 && $0.isFinite } == true, "\(name).\(key)")
            }
            #expect(row["steps"] as? Int == 20_000, "\(name)")
        }
        for name in ["verlet", "yoshida4"] {
            let (first, last) = (rows[name]!["max_error_first_tenth"] as! Double, rows[name]!["max_error_last_tenth"] as! Double)
            #expect(last <= 2 * first, "\(name): \(first) → \(last)")
        }
        let rk4 = rows["rk4"]!
        #expect(rk4["max_error_last_tenth"] as! Double > 4 * (rk4["max_error_first_tenth"] as! Double))
    }

    @Test func textHamiltonianIsDifferentiatedAndWrittenAsTableAndSVG() throws {
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("energy-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: svg) }
        let result = try run(Self.continuum, [
            "energy", "--hamiltonian", "p^2/2 - cos(q)", "--q0", "1", "--p0", "0", "--methods", "verlet,gauss4,rk4",
            "--t1", "50", "--dt", "0.05", "--svg", svg.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("(separable)"))
        for name in ["verlet", "gauss4", "rk4"] { #expect(result.standardOutput.contains(name)) }
        let document = try String(contentsOf: svg, encoding: .utf8)
        #expect(document.hasPrefix("<?xml") || document.hasPrefix("<svg"))
        for name in ["verlet", "gauss4", "rk4"] { #expect(document.contains(">\(name)<"), "legend entry \(name)") }
    }

    @Test func nonSeparableHamiltonianRunsImplicitMethodsAndSaysWhySplittingsAreSkipped() throws {
        let result = try run(Self.continuum, [
            "energy", "--hamiltonian", "(q1^2 + 1)*(p1^2 + 1)/2 + q2^2/2 + p2^2/2", "--q0", "1,0.5", "--p0", "0.5,0",
            "--methods", "verlet,gauss4,gauss6", "--t1", "20", "--dt", "0.1", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("skipping verlet") && result.standardError.contains("not separable"))
        let rows = try Self.methods(result.standardOutput)
        #expect(Set(rows.keys) == ["gauss4", "gauss6"])
        #expect((rows["gauss6"]!["max_energy_error"] as! Double) < 1e-8)
    }

    @Test(arguments: [
        (["energy"], "give --problem or --hamiltonian"),
        (["energy", "--problem", "kepler", "--hamiltonian", "p^2"], "not both"),
        (["energy", "--problem", "saturn"], "unknown problem"),
        (["energy", "--hamiltonian", "p^2/2 - cos(q)"], "needs --q0 and --p0"),
        (["energy", "--hamiltonian", "p^2/2 - cos(q", "--q0", "1", "--p0", "0"], "--hamiltonian"),
        (["energy", "--problem", "pendulum", "--methods", "nosuch"], "unknown method 'nosuch'"),
        (["energy", "--problem", "pendulum", "--dt", "-1"], "--dt must be positive"),
        (["energy", "--problem", "pendulum", "--format", "xml"], "unknown format"),
        (["energy", "--hamiltonian", "(q^2+1)*(p^2+1)", "--q0", "1", "--p0", "1", "--methods", "verlet"], "none of the methods"),
    ])
    func usageErrorsExitWithStatusTwo(_ arguments: [String], _ message: String) throws {
        let result = try run(Self.continuum, arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
