import ContinuumNeural
import ContinuumNumerics
import ContinuumODE

/// A neural ODE `dy/dt = MLP(y)` over `d` data dimensions, optionally augmented with `a` extra
/// dimensions that start at zero (Dupont et al. 2019) and optionally with time as an input: the
/// model `continuum fit` trains and `continuum forecast` runs. Codable as `model.json`.
public struct NeuralODE: Codable, Sendable {
    /// Number of observed dimensions `d`.
    public let dataDimension: Int
    /// Number of augmented dimensions `a` (state `[y, 0…]`).
    public let augmentedDimension: Int
    /// Whether the network also sees `t`.
    public let usesTime: Bool
    /// The network `(d + a [+ 1]) → hidden^depth → (d + a)`.
    public let network: MLP
    /// The network's parameters.
    public var parameters: [Double]

    /// A model with `depth` hidden layers of `hidden` units and `activation`, initialised like
    /// PyTorch's `Linear` from `seed`, with the last layer scaled by `outputScale` so the initial
    /// dynamics are gentle.
    public init(
        dataDimension: Int, augmentedDimension: Int = 0, hidden: Int = 64, depth: Int = 2,
        activation: Activation = .tanh, usesTime: Bool = false, seed: UInt64 = 0, outputScale: Double = 0.1
    ) throws(NeuralError) {
        let state = dataDimension + augmentedDimension
        let widths = [state + (usesTime ? 1 : 0)] + [Int](repeating: hidden, count: max(depth, 1)) + [state]
        network = try MLP(widths: widths, activation: activation)
        self.dataDimension = dataDimension
        self.augmentedDimension = augmentedDimension
        self.usesTime = usesTime
        var stream = RandomStream(seed: seed)
        var parameters = network.layout.initializeLikePyTorch(stream: &stream)
        if let last = network.layout.blocks.suffix(2).first { for k in last.range { parameters[k] *= outputScale } }
        self.parameters = parameters
    }

    /// Dimension of the integrated state `d + a`.
    public var stateDimension: Int { dataDimension + augmentedDimension }

    /// The vector field with the current parameters (with its own workspace).
    public var vectorField: NeuralVectorField {
        NeuralVectorField(network: network, parameters: parameters, usesTime: usesTime)
    }

    /// The integrated initial state for observed values `y0` (augmented dimensions zero).
    public func initialState(_ y0: [Double]) -> [Double] {
        y0 + [Double](repeating: 0, count: augmentedDimension)
    }

    /// The observed dimensions of the solution at `times` (the first is the initial time `t0` with
    /// state `y0`), solved with `solver`; falls back to Rodas5P if the explicit solve turns stiff.
    public func predict<S: ODESolver>(
        from y0: [Double], at times: [Double], with solver: S, options: SolverOptions = SolverOptions()
    ) throws(ODEError) -> (states: [[Double]], status: SolutionStatus, statistics: SolverStatistics) {
        guard times.count >= 2 else { return ([y0], .success, SolverStatistics()) }
        let problem = try ODEProblem(vectorField, y0: initialState(y0), from: times[0], to: times[times.count - 1])
        var saving = options
        saving.saveAt = times
        var solution = try solve(problem, with: solver, options: saving)
        if solution.status == .stiffnessDetected || solution.status == .stepSizeUnderflow {
            solution = try solve(problem, with: RosenbrockMethod.rodas5P, options: saving)
        }
        let rows = solution.states.map { Array($0.prefix(dataDimension)) }
        return (rows, solution.status, solution.statistics)
    }
}
