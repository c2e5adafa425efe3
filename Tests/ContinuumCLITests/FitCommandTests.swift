import Foundation
import Testing
import _TestSupport

/// `continuum fit` and `continuum forecast`: the files and their formats, and the errors.
@Suite struct FitCommandTests {
    static let continuum = builtProduct("continuum")

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "continuum-fit-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A short fit of the bundled lynx/hare series writes every file with the data's own names,
    /// and `continuum forecast` continues the model.
    @Test func writesModelFitForecastAndPlots() throws {
        let out = Self.temporaryDirectory() + "/run"
        let fit = try run(Self.continuum, ["fit", "--iterations", "4", "--polish", "2", "--hidden", "8", "--depth", "1", "--out", out])
        #expect(fit.status == 0, "\(fit.standardError)")
        #expect(fit.standardOutput.contains("holdout RMSE (3 rows): hare"))
        for file in ["model.json", "fit.csv", "forecast.csv", "fit.svg", "loss.svg"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file) missing")
        }
        let fitCSV = try String(contentsOfFile: "\(out)/fit.csv", encoding: .utf8).split(separator: "\n")
        #expect(fitCSV.first == "year,hare,lynx")
        #expect(fitCSV.count == 1 + 18)
        #expect(fitCSV[1] == "1900,30,4")
        let forecastCSV = try String(contentsOfFile: "\(out)/forecast.csv", encoding: .utf8).split(separator: "\n")
        #expect(forecastCSV.first == "year,hare,lynx")
        #expect(forecastCSV.dropFirst().allSatisfy { Double($0.split(separator: ",")[0])! > 1917 })

        let forecast = try run(Self.continuum, ["forecast", "--model", "\(out)/model.json", "--times", "1918,1925.5"])
        #expect(forecast.status == 0, "\(forecast.standardError)")
        let lines = forecast.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "year,hare,lynx")
        #expect(lines[2].hasPrefix("1925.5,"))
        let until = try run(Self.continuum, ["forecast", "--model", "\(out)/model.json", "--until", "1930", "--points", "5"])
        #expect(until.standardOutput.split(separator: "\n").count == 6)
    }

    @Test func malformedDataNamesRowAndColumn() throws {
        let dir = Self.temporaryDirectory()
        let cases: [(String, String)] = [
            ("t,a,b\n0,1,2\n1,x,3\n2,3,4\n", "column 2 'a'"),
            ("t,a,b\n0,1,2\n1,2\n2,3,4\n", "row 2"),
            ("t,a\n0,1\n0,2\n1,3\n", "time"),
            ("t,a\n0,1\n1,2\n", "3"),
        ]
        for (index, (text, fragment)) in cases.enumerated() {
            let path = "\(dir)/bad\(index).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run(Self.continuum, ["fit", path, "--iterations", "1", "--holdout", "0", "--out", "\(dir)/out"])
            #expect(result.status == 2, "\(text)")
            #expect(result.standardError.contains(fragment), "\(result.standardError)")
        }
    }

    @Test func usageErrors() throws {
        let cases: [[String]] = [
            ["fit", "--regularize-solver-weight", "0.1"], ["fit", "--regularize-solver", "--sensitivity", "interpolating"],
            ["fit", "--regularize-solver", "--regularize-solver-weight", "-1"], ["fit", "--known", "hare"],
            ["fit", "--known", "hare, wolf"], ["fit", "--hidden", "0"], ["fit", "--holdout", "19"], ["fit", "/no/such.csv"],
            ["forecast"], ["forecast", "--model", "/no/such/model.json", "--until", "2000"],
        ]
        for arguments in cases {
            let result = try run(Self.continuum, arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
        }
    }
}
