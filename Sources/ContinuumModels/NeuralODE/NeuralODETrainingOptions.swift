import ContinuumSensitivity

/// How ``NeuralODETraining`` fits a ``NeuralODE``.
public struct NeuralODETrainingOptions: Sendable {
    /// Adam iterations (one minibatch of windows each).
    public var iterations = 300
    /// Windows per minibatch (multiple shooting).
    public var batchSize = 8
    /// Observation points per window at the start of the curriculum (at least 2).
    public var initialWindow = 4
    /// The longest window in points (`nil`: the whole series). Oscillating series train better
    /// with windows of a cycle or two; the L-BFGS polish then fits the whole series.
    public var maximumWindow: Int? = 16
    /// Fraction of the iterations after which windows reach their longest (the curriculum
    /// lengthens them linearly until then).
    public var curriculumFraction = 0.6
    /// Peak learning rate of Adam (cosine decay to a tenth of it, after a short warm-up).
    public var learningRate = 0.02
    /// Global gradient-norm clip.
    public var gradientClip = 10.0
    /// The sensitivity method for every window's gradient.
    public var sensitivity: SensitivityMethod = .discrete()
    /// Solver tolerances.
    public var relativeTolerance = 1e-6
    public var absoluteTolerance = 1e-8
    /// Step limit per solve: a window that needs more is skipped.
    public var maximumSteps = 20_000
    /// L-BFGS iterations on the whole-series loss after Adam (0: none).
    public var polishIterations = 60
    /// Solver-cost regularisation (Pal et al. 2021) of every window's loss, per observed value:
    /// a window adds `w_E R_E + w_S R_S` of its own solve to its mean squared error. Needs the
    /// discrete adjoint; `.none` (default) trains exactly as without it. The final whole-series
    /// loss in the report is the plain data loss.
    public var solverRegularization: SolverRegularization = .none
    /// Seed of the window sampler.
    public var seed: UInt64 = 0

    public init() {}
}

/// What happened in one training iteration.
public struct TrainingProgress: Sendable {
    /// 1-based iteration (Adam), or the L-BFGS evaluation count during polishing.
    public var iteration: Int
    /// Total iterations planned.
    public var total: Int
    /// Mean squared error per observed value over the minibatch.
    public var loss: Double
    /// Points per window.
    public var window: Int
    /// Whether this is the L-BFGS polish.
    public var polishing: Bool
}

/// The record of a training run.
public struct TrainingReport: Sendable {
    /// Minibatch loss of every Adam iteration, then whole-series losses of the polish.
    public var losses: [Double] = []
    /// Windows whose solve failed and that were left out of their minibatch.
    public var skippedWindows = 0
    /// Windows solved with the stiff fallback (Rodas5P) after the explicit solver gave up.
    public var stiffFallbacks = 0
    /// The first few failure messages.
    public var failures: [String] = []
    /// Whole-series loss after training.
    public var finalLoss = Double.nan
    /// Function evaluations of the final whole-series forward solve.
    public var finalFunctionEvaluations = 0
}
