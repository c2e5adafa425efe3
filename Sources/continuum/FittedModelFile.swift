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
    /// The known part of a universal differential equation (`--known`) in the data's units, if any.
    var known: String?
    /// The solver regularisation used in training, if any.
    var solverRegularization: SolverRegularization?
    /// Function evaluations of a solve of the trained model over the training span (Tsit5 at the
    /// training tolerances).
    var functionEvaluations: Int?

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
        _ = try file.knownField()
        return file
    }

    /// The model's forecast at `times` (original units, after `endTime`), denormalised rows.
    func forecast(at times: [Double]) throws(UsageError) -> [[Double]] {
        let normalization = self.normalization
        let tau = [normalization.normalize(time: endTime)] + times.map { normalization.normalize(time: $0) }
        let solution = try solve(from: endState, at: tau, context: "forecast")
        return solution.states.dropFirst().map { normalization.denormalize(states: Array($0.prefix(columns.count))) }
    }

    /// The model (with its known part, if any) solved from the normalised state `start` at
    /// normalised times `tau`, the first of which is the start.
    func solve(from start: [Double], at tau: [Double], context: String) throws(UsageError) -> Solution {
        let known: RescaledVectorField<ExpressionVectorField>?
        do {
            known = try knownField()
        } catch {
            throw UsageError("\(context): \(error)")
        }
        if let known {
            return try Self.solve(UniversalVectorField(known: known, neural: model.vectorField), from: start, at: tau, context: context)
        }
        return try Self.solve(model.vectorField, from: start, at: tau, context: context)
    }

    static func solve<F: DifferentiableVectorField>(
        _ field: F, from start: [Double], at tau: [Double], context: String
    ) throws(UsageError) -> Solution {
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.maximumSteps = 1_000_000
        options.saveAt = tau
        let solution: Solution
        do {
            solution = try Continuum.solve(ODEProblem(field, y0: start, from: tau[0], to: tau[tau.count - 1]), with: .autoTsit5Rodas5P, options: options)
        } catch {
            throw UsageError("\(context): \(error)")
        }
        guard solution.status == .success else {
            throw UsageError("\(context): the solve failed: \(solution.message ?? solution.status.rawValue)")
        }
        return solution
    }

    /// The known part in normalised units, if the model has one.
    func knownField() throws(UsageError) -> RescaledVectorField<ExpressionVectorField>? {
        guard let known else { return nil }
        return try Self.knownField(known, columns: columns, timeName: timeName, normalization: normalization)
    }

    /// `--known`: one expression per column over the column names and `timeName`, in the data's
    /// units, seen in the normalised units the network is trained in.
    static func knownField(
        _ text: String, columns: [String], timeName: String, normalization: TimeSeriesNormalization
    ) throws(UsageError) -> RescaledVectorField<ExpressionVectorField> {
        do {
            let field = try ExpressionVectorField(rhs: text, variables: columns, timeName: timeName)
            return RescaledVectorField(
                field, means: normalization.means, scales: normalization.scales, timeOrigin: normalization.timeOrigin,
                timeScale: normalization.timeScale)
        } catch {
            throw UsageError("--known: \(error) (variables: \(columns.joined(separator: ", ")), time: \(timeName))")
        }
    }
}
