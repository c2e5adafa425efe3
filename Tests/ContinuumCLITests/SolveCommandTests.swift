import Foundation
import Testing
import _TestSupport

/// `continuum solve` run as a user runs it: the built executable, text right-hand sides.
@Suite struct SolveCommandTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let continuum = builtProduct("continuum")

    /// The reference problems written as text: right-hand side and variable names.
    static let textProblems: [String: (rhs: String, vars: String)] = [
        "lorenz": ("sigma*(y-x), x*(rho-z)-y, x*y-beta*z", "x,y,z"),
        "vanderpol_mu1": ("v, mu*(1-u^2)*v-u", "u,v"),
        "brusselator": ("a + x^2*y - (b+1)*x, b*x - x^2*y", "x,y"),
        "lotka_volterra": ("a*x - b*x*y, -c*y + d*x*y", "x,y"),
    ]

    static func list(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: ",") }

    static func parseJSON(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test(arguments: ["lorenz", "vanderpol_mu1", "brusselator", "lotka_volterra"])
    func reproducesReferenceFromText(name: String) throws {
        let reference = try ReferenceProblem.load(name, from: Self.fixtures)
        let text = try #require(Self.textProblems[name])
        let params = reference.params.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let result = try run(Self.continuum, [
            "solve", "--rhs", text.rhs, "--vars", text.vars, "--params", params,
            "--y0", Self.list(reference.y0), "--t0", "\(reference.t0)", "--t1", "\(reference.times.last!)",
            "--times", Self.list(reference.times), "--method", "tsit5", "--rtol", "1e-10", "--atol", "1e-12",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try Self.parseJSON(result.standardOutput)
        #expect(json["status"] as? String == "success")
        let states = try #require(json["states"] as? [[Double]])
        let error = reference.maximumRelativeError(states)
        #expect(error < 1e-7, "\(name): max relative error \(error)")
    }

    @Test func arenstorfFromTextReturnsToStart() throws {
        let reference = try ReferenceProblem.load("arenstorf", from: Self.fixtures)
        let mu = try #require(reference.params["mu"])
        let d1 = "((x+mu)^2+y^2)^1.5"
        let d2 = "((x-nu)^2+y^2)^1.5"
        let rhs = "u, v, x + 2*v - nu*(x+mu)/\(d1) - mu*(x-nu)/\(d2), y - 2*u - nu*y/\(d1) - mu*y/\(d2)"
        let result = try run(Self.continuum, [
            "solve", "--rhs", rhs, "--vars", "x,y,u,v", "--params", "mu=\(mu),nu=\(1 - mu)",
            "--y0", Self.list(reference.y0), "--t1", "\(reference.times[0])", "--times", "\(reference.times[0])",
            "--method", "dop853", "--rtol", "1e-12", "--atol", "1e-12", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let states = try #require(try Self.parseJSON(result.standardOutput)["states"] as? [[Double]])
        let distance = zip(states[0], reference.y0).map { abs($0 - $1) }.max()!
        #expect(distance < 1e-6)
    }

    @Test func csvOutputAndValuesThatLookLikeFlags() throws {
        // y' = -y from y0 = -1: values beginning with '-' are values, not flags.
        let result = try run(Self.continuum, [
            "solve", "--rhs", "-y0", "--y0", "-1", "--t1", "1", "--times", "0,0.5,1", "--rtol", "1e-10", "--atol", "1e-12",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "t,y0")
        #expect(lines.count == 4)
        let last = lines.last!.split(separator: ",").compactMap { Double($0) }
        #expect(last[0] == 1)
        #expect(abs(last[1] + exp(-1)) < 1e-9)
    }

    @Test func writesOutputFileAtomically() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("continuum-solve-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try run(Self.continuum, [
            "solve", "--rhs", "1", "--y0", "0", "--t1", "2", "--format", "json", "--output", path,
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        let json = try Self.parseJSON(try String(contentsOfFile: path, encoding: .utf8))
        let states = try #require(json["states"] as? [[Double]])
        #expect(abs(states.last![0] - 2) < 1e-12)
    }

    /// Bad input: one line naming the problem, exit status 2.
    @Test(arguments: [
        (["solve", "--rhs", "x + w", "--vars", "x", "--y0", "1", "--t1", "1"], "w"),
        (["solve", "--rhs", "-x, -y", "--vars", "x,y", "--y0", "1", "--t1", "1"], "--y0"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "nan", "--t1", "1"], "--y0"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1.2.3", "--t1", "1"], "1.2.3"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t1", "1", "--method", "rk99"], "rk99"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t0", "1", "--t1", "1"], "empty"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t1", "1", "--tol", "3"], "--tol"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1"], "--t1"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t1", "1", "--method", "rk4"], "--dt"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t1", "1", "--times", "2"], "--times"),
        (["solve", "--rhs", "-x", "--vars", "x", "--y0", "1", "--t1", "1", "--params", "a"], "--params"),
        (["solve", "--rhs", "(x", "--vars", "x", "--y0", "1", "--t1", "1"], "column"),
        (["frobnicate"], "frobnicate"),
    ])
    func badInputIsAOneLineUsageError(arguments: [String], mentions: String) throws {
        let result = try run(Self.continuum, arguments)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(mentions), "\(result.standardError)")
    }

    @Test func failedSolveReportsStatusWithExitOne() throws {
        // y' = y² from 1 blows up at t = 1.
        let result = try run(Self.continuum, ["solve", "--rhs", "y0^2", "--y0", "1", "--t1", "2"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("solve failed"))
    }

    @Test func helpDescribesEveryOption() throws {
        let result = try run(Self.continuum, ["solve", "--help"])
        #expect(result.status == 0)
        for option in ["--rhs", "--vars", "--params", "--y0", "--t0", "--t1", "--times", "--method", "--rtol", "--atol", "--format", "--plot"] {
            #expect(result.standardOutput.contains(option))
        }
    }
}
