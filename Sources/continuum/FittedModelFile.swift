import Continuum
import Foundation

/// `model.json` of `continuum fit`: the trained neural ODE with everything `continuum forecast`
/// needs to continue it in the data's own units.
struct FittedModelFile: Codable {
    var format = "continuum-neural-ode"
    var version = 1
    var timeName: String
    var columns: [String]
    /// Per-column means and scales, time origin and scale of the normalisation.
    var means: [Double]
    var scales: [Double]
    var timeOrigin: Double
    var timeScale: Double
    var model: NeuralODE
    /// The end of the training data (original units) and the model's full state there (normalised,
    /// augmented dimensions included): where forecasts start.
    var endTime: Double
    var endState: [Double]

    var normalization: TimeSeriesNormalization {
        TimeSeriesNormalization(means: means, scales: scales, timeOrigin: timeOrigin, timeScale: timeScale)
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try AtomicFile.write(String(decoding: try encoder.encode(self), as: UTF8.self), to: path)
    }

    static func read(from path: String) throws(UsageError) -> FittedModelFile {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--model: cannot read \(path)") }
        let file: FittedModelFile
        do {
            file = try decoder.decode(FittedModelFile.self, from: data)
        } catch {
            throw UsageError("--model: \(path) is not a model written by `continuum fit` (\(error))")
        }
        guard file.format == "continuum-neural-ode", file.columns.count == file.model.dataDimension,
              file.endState.count == file.model.stateDimension, file.model.parameters.count == file.model.network.parameterCount
        else { throw UsageError("--model: \(path) is inconsistent (format, columns or state size)") }
        return file
    }

    /// The model's forecast at `times` (original units, after `endTime`), denormalised rows.
    func forecast(at times: [Double]) throws(UsageError) -> [[Double]] {
        let normalization = self.normalization
        let tau = [normalization.normalize(time: endTime)] + times.map { normalization.normalize(time: $0) }
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.maximumSteps = 1_000_000
        let field = model.vectorField
        let solution: Solution
        do {
            let problem = try ODEProblem(field, y0: endState, from: tau[0], to: tau[tau.count - 1])
            options.saveAt = tau
            solution = try solve(problem, with: .autoTsit5Rodas5P, options: options)
        } catch {
            throw UsageError("forecast: \(error)")
        }
        guard solution.status == .success else {
            throw UsageError("forecast: the solve failed: \(solution.message ?? solution.status.rawValue)")
        }
        return solution.states.dropFirst().map { normalization.denormalize(states: Array($0.prefix(columns.count))) }
    }
}
