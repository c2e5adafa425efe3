/// Observations of a trajectory for training: times (increasing, possibly irregular) and values
/// row-major with a mask for missing entries, already normalised by the caller.
public struct TrajectoryData: Sendable {
    /// Observation times, strictly increasing.
    public let times: [Double]
    /// Values, row-major (`count × dimension`); entries whose mask is false are ignored.
    public let values: [Double]
    /// Whether each value was observed.
    public let observed: [Bool]
    /// Number of observed dimensions.
    public let dimension: Int

    /// Data with `values` (`times.count × dimension`) and an optional mask (default: all observed).
    public init(times: [Double], values: [Double], dimension: Int, observed: [Bool]? = nil) {
        precondition(values.count == times.count * dimension, "values must be times.count × dimension")
        self.times = times
        self.values = values
        self.dimension = dimension
        self.observed = observed ?? values.map(\.isFinite)
    }

    /// Number of observation times.
    public var count: Int { times.count }

    /// Row `i` with each missing entry replaced by linear interpolation in time between the nearest
    /// observed entries of its column (or the nearest one at either end): a starting state.
    public func filledRow(_ i: Int) -> [Double] {
        (0..<dimension).map { j in
            if observed[i * dimension + j] { return values[i * dimension + j] }
            let before = stride(from: i - 1, through: 0, by: -1).first { observed[$0 * dimension + j] }
            let after = ((i + 1)..<count).first { observed[$0 * dimension + j] }
            switch (before, after) {
            case let (b?, a?):
                let w = (times[i] - times[b]) / (times[a] - times[b])
                return (1 - w) * values[b * dimension + j] + w * values[a * dimension + j]
            case let (b?, nil): return values[b * dimension + j]
            case let (nil, a?): return values[a * dimension + j]
            case (nil, nil): return 0
            }
        }
    }

    /// Rows `range` as targets and weights for a ``SquaredErrorLoss`` over `stateDimension`
    /// components (extra components get weight zero).
    func targets(_ range: Range<Int>, stateDimension: Int) -> (targets: [[Double]], weights: [[Double]], observedCount: Int) {
        var targets: [[Double]] = [], weights: [[Double]] = []
        var observedCount = 0
        for i in range {
            var row = [Double](repeating: 0, count: stateDimension)
            var weight = [Double](repeating: 0, count: stateDimension)
            for j in 0..<dimension where observed[i * dimension + j] {
                row[j] = values[i * dimension + j]
                weight[j] = 1
                observedCount += 1
            }
            targets.append(row)
            weights.append(weight)
        }
        return (targets, weights, observedCount)
    }
}
