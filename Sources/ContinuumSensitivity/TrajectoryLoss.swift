/// A loss `L = Σᵢ ℓᵢ(y(tᵢ))` over the states at the loss times `t₀ < t₁ < …` (in the direction of
/// integration), each term with its own gradient.
///
/// Implementations write `∂ℓᵢ/∂y` into `gradient` and return `ℓᵢ`; they must not allocate (the
/// fitting loop calls them for every sample of every iteration).
public protocol TrajectoryLoss {
    /// `ℓᵢ(y)` for loss time number `index` at time `t`, with its gradient written into `gradient`
    /// (same length as `y`).
    func evaluate(
        index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double
}

/// `L = Σᵢ Σⱼ yⱼ(tᵢ)²`, the loss of the reference gradients and of `continuum gradient --loss sumsq`.
public struct SumOfSquaresLoss: TrajectoryLoss, Sendable {
    public init() {}

    @inlinable
    public func evaluate(
        index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        var sum = 0.0
        for j in y.indices {
            sum += y[j] * y[j]
            gradient[j] = 2 * y[j]
        }
        return sum
    }
}

/// The weighted squared distance to observed data, `ℓᵢ = Σⱼ wᵢⱼ (yⱼ(tᵢ) − dᵢⱼ)²`, where a
/// weight of zero masks a missing observation.
public struct SquaredErrorLoss: TrajectoryLoss, Sendable {
    /// Observations, row-major: row `i` holds the data at loss time `i` (`dimension` values).
    public var targets: [Double]
    /// Weights of the same shape; `0` excludes a value (missing data).
    public var weights: [Double]

    /// A loss against `targets` (rows of the observed state at each loss time) with `weights` of
    /// the same shape (default: all ones).
    public init(targets: [[Double]], weights: [[Double]]? = nil) {
        self.targets = targets.flatMap { $0 }
        self.weights = weights?.flatMap { $0 } ?? [Double](repeating: 1, count: self.targets.count)
        precondition(self.weights.count == self.targets.count, "weights and targets must have the same shape")
    }

    @inlinable
    public func evaluate(
        index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let n = y.count
        var sum = 0.0
        for j in 0..<n {
            let w = weights[index * n + j]
            let r = y[j] - targets[index * n + j]
            sum += w * r * r
            gradient[j] = 2 * w * r
        }
        return sum
    }
}

/// A ``TrajectoryLoss`` given by a closure `(index, t, y, gradient) -> ℓ`.
public struct ClosureTrajectoryLoss: TrajectoryLoss, Sendable {
    /// The closure's signature.
    public typealias Function = @Sendable (
        Int, Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Double
    @usableFromInline let function: Function

    /// Wraps `function`, which returns `ℓᵢ(y)` and writes `∂ℓᵢ/∂y` into its last argument.
    public init(_ function: @escaping Function) { self.function = function }

    @inlinable
    public func evaluate(
        index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        function(index, t, y, gradient)
    }
}
