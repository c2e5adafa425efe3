/// Per-column affine normalisation of a time series, fitted on its observed values:
/// `ŷⱼ = (yⱼ − μⱼ) / σⱼ` for each column `j`, and `τ = (t − t₀) / s` for time.
///
/// `μⱼ` and `σⱼ` are the mean and the population standard deviation (divisor `n`, the number of
/// observed values) of column `j`, so the normalised observed values have mean 0 and standard
/// deviation 1 exactly. A column whose observed values are all equal (zero variance) gets
/// `σⱼ = 1`: it is only shifted to 0, since dividing by 0 is impossible and any other scale would
/// be arbitrary.
///
/// Time is either kept (`t₀ = 0`, `s = 1`) or mapped to the unit span: `t₀` is the first time and
/// `s` the span `t_last − t₀`, so the fitted data lies on `[0, 1]`. Derivatives transform with the
/// chain rule: `dŷⱼ/dτ = (s/σⱼ) dyⱼ/dt`.
///
/// ```swift
/// let normalization = TimeSeriesNormalization(fitting: training)
/// let scaled = normalization.normalize(training)   // observed mean 0, std 1 per column; t on [0, 1]
/// let forecast = normalization.denormalize(states: predicted)   // back to the data's units
/// ```
public struct TimeSeriesNormalization: Equatable, Sendable {
    /// How the time axis is treated.
    public enum TimeScaling: String, Equatable, Sendable, CaseIterable {
        /// Times are unchanged.
        case keep
        /// Times are mapped affinely so that the fitted series spans `[0, 1]`.
        case unitSpan
    }

    /// The mean `μⱼ` of each column's observed values.
    public let means: [Double]
    /// The scale `σⱼ` of each column: the standard deviation of its observed values, or 1 when that is 0.
    public let scales: [Double]
    /// The time origin `t₀` (0 when time is kept).
    public let timeOrigin: Double
    /// The time scale `s` (1 when time is kept).
    public let timeScale: Double

    /// The number of columns.
    public var dimension: Int { means.count }

    /// A normalisation with the given parameters; a zero or non-finite scale is replaced by 1.
    public init(means: [Double], scales: [Double], timeOrigin: Double = 0, timeScale: Double = 1) {
        self.means = means
        self.scales = scales.map { $0 > 0 && $0.isFinite ? $0 : 1 }
        self.timeOrigin = timeOrigin
        self.timeScale = timeScale > 0 && timeScale.isFinite ? timeScale : 1
    }

    /// The normalisation fitted to the observed values of `series`.
    public init(fitting series: TimeSeries, time: TimeScaling = .unitSpan) {
        let d = series.dimension
        var sums = [Double](repeating: 0, count: d)
        let counts = series.observedCounts
        for (index, x) in series.values.enumerated() where series.observed[index] { sums[index % d] += x }
        let means = (0..<d).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        // Two passes: the centred sum of squares does not cancel catastrophically.
        var squares = [Double](repeating: 0, count: d)
        for (index, x) in series.values.enumerated() where series.observed[index] {
            let deviation = x - means[index % d]
            squares[index % d] += deviation * deviation
        }
        let deviations = (0..<d).map { counts[$0] > 0 ? (squares[$0] / Double(counts[$0])).squareRoot() : 1 }
        let first = series.times.first ?? 0, last = series.times.last ?? 1
        switch time {
        case .keep: self.init(means: means, scales: deviations)
        case .unitSpan: self.init(means: means, scales: deviations, timeOrigin: first, timeScale: last - first)
        }
    }

    /// `τ = (t − t₀) / s`.
    public func normalize(time t: Double) -> Double { (t - timeOrigin) / timeScale }

    /// `t = t₀ + s τ`.
    public func denormalize(time tau: Double) -> Double { timeOrigin + timeScale * tau }

    /// Normalised states, row-major: entry `i` belongs to column `i % dimension`. NaN stays NaN.
    /// A normalisation of no columns returns `states` unchanged (likewise below).
    public func normalize(states: [Double]) -> [Double] {
        guard dimension > 0 else { return states }
        return states.enumerated().map { (index, y) in (y - means[index % dimension]) / scales[index % dimension] }
    }

    /// States in the data's units, row-major: entry `i` belongs to column `i % dimension`.
    public func denormalize(states: [Double]) -> [Double] {
        guard dimension > 0 else { return states }
        return states.enumerated().map { (index, y) in means[index % dimension] + scales[index % dimension] * y }
    }

    /// Normalises one state in place (`state.count == dimension`), without allocating.
    public func normalize(state: UnsafeMutableBufferPointer<Double>) {
        guard dimension > 0 else { return }
        for j in state.indices { state[j] = (state[j] - means[j % dimension]) / scales[j % dimension] }
    }

    /// Denormalises one state in place (`state.count == dimension`), without allocating.
    public func denormalize(state: UnsafeMutableBufferPointer<Double>) {
        guard dimension > 0 else { return }
        for j in state.indices { state[j] = means[j % dimension] + scales[j % dimension] * state[j] }
    }

    /// `series` with normalised times and values; the mask and names are unchanged.
    /// The series must have ``dimension`` columns.
    public func normalize(_ series: TimeSeries) -> TimeSeries {
        TimeSeries(unchecked: series.times.map(normalize(time:)), values: normalize(states: series.values),
                   observed: series.observed, columnNames: series.columnNames, timeName: series.timeName)
    }

    /// `series` mapped back to the data's units; inverts ``normalize(_:)`` up to rounding.
    public func denormalize(_ series: TimeSeries) -> TimeSeries {
        TimeSeries(unchecked: series.times.map(denormalize(time:)), values: denormalize(states: series.values),
                   observed: series.observed, columnNames: series.columnNames, timeName: series.timeName)
    }
}
