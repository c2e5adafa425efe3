/// Samples drawn by a diffusion sampler, with its work and a few trajectories.
public struct SamplerResult: Sendable {
    /// The samples at `t = 0`.
    public let samples: SampleSet
    /// Score (or flow-field) evaluations over all samples.
    public let functionEvaluations: Int
    /// Samples whose path failed (non-finite state or a solver failure); their rows are NaN.
    public let failures: Int
    /// The first few paths, each a list of `(t, x)` from `T` down to `0`.
    public let trajectories: [[(t: Double, x: [Double])]]
}
