/// The result of a solve: saved times and states, how the solve ended, work counters, and — when
/// dense output was kept — a continuous interpolant.
///
/// States are stored contiguously; ``states`` copies them out as rows.
public struct Solution: Sendable {
    /// Dimension of the state.
    public let dimension: Int
    /// Saved times, in the order of integration.
    public internal(set) var times: [Double] = []
    /// Saved states, row-major: state `i` is `storage[i*dimension ..< (i+1)*dimension]`.
    public internal(set) var storage: [Double] = []
    /// How the solve ended.
    public internal(set) var status: SolutionStatus = .success
    /// A sentence explaining a non-success status (with the time at which it happened), else `nil`.
    public internal(set) var message: String?
    /// Work counters.
    public internal(set) var statistics = SolverStatistics()
    /// The start time and the end time of every accepted step, when
    /// ``SolverOptions/recordStepTimes`` is set; otherwise empty.
    public internal(set) var stepTimes: [Double] = []
    /// Events that fired, in order.
    public internal(set) var events: [EventOccurrence] = []
    /// Name of the method that produced the solution.
    public let methodName: String
    /// The continuous extension, when the solve kept one (see ``SolverOptions/denseOutput``).
    public internal(set) var dense: DenseHistory?

    @usableFromInline
    init(dimension: Int, methodName: String) {
        self.dimension = dimension
        self.methodName = methodName
    }

    /// Number of saved points.
    public var count: Int { times.count }

    /// The saved state at index `i`.
    public subscript(i: Int) -> [Double] {
        Array(storage[(i * dimension)..<((i + 1) * dimension)])
    }

    /// All saved states as rows (copies).
    public var states: [[Double]] { (0..<count).map { self[$0] } }

    /// The last saved state.
    public var finalState: [Double]? { count > 0 ? self[count - 1] : nil }

    /// The last saved time.
    public var finalTime: Double? { times.last }

    /// Whether `solution(at:)` uses the method's own continuous extension (otherwise it interpolates
    /// linearly between saved points).
    public var hasDenseOutput: Bool { !(dense?.isEmpty ?? true) }

    /// The state at time `t`, which must lie between the first and the last saved time.
    ///
    /// With dense output (the default when no save-at times are given) this evaluates the method's
    /// continuous extension, accurate to its dense-output order; otherwise it interpolates linearly
    /// between saved points. Returns `nil` outside the covered span.
    public func solution(at t: Double) -> [Double]? {
        guard let first = times.first, let last = times.last, t.isFinite else { return nil }
        let direction: Double = last >= first ? 1 : -1
        guard direction * (t - first) >= 0, direction * (last - t) >= 0 else { return nil }
        var out = [Double](repeating: 0, count: dimension)
        if let dense, !dense.isEmpty {
            out.withUnsafeMutableBufferPointer { dense.evaluate(at: t, into: $0) }
            return out
        }
        if count == 1 { return self[0] }
        var hi = 1
        while hi < count - 1 && direction * (times[hi] - t) < 0 { hi += 1 }
        let lo = max(hi - 1, 0)
        let span = times[hi] - times[lo]
        let w = span == 0 ? 0 : (t - times[lo]) / span
        for i in 0..<dimension {
            out[i] = (1 - w) * storage[lo * dimension + i] + w * storage[min(hi, count - 1) * dimension + i]
        }
        return out
    }

    /// Writes the state at time `t` into `out` (``dimension`` elements) without allocating, using
    /// the dense output; returns `false` (leaving `out` unchanged) when the solution kept no dense
    /// output or `t` lies outside the covered span.
    public func interpolate(at t: Double, into out: UnsafeMutableBufferPointer<Double>) -> Bool {
        guard let dense, dense.covers(t) else { return false }
        dense.evaluate(at: t, into: out)
        return true
    }

    @usableFromInline
    mutating func recordStepTime(_ t: Double) { stepTimes.append(t) }

    @usableFromInline
    mutating func save(t: Double, state: UnsafePointer<Double>) {
        times.append(t)
        storage.append(contentsOf: UnsafeBufferPointer(start: state, count: dimension))
    }

    @usableFromInline
    mutating func fail(_ status: SolutionStatus, at t: Double, _ reason: String) {
        self.status = status
        self.message = "\(reason) at t = \(t)"
    }

    @usableFromInline
    mutating func finish(_ status: SolutionStatus, statistics: SolverStatistics) {
        if self.status == .success { self.status = status }
        self.statistics = statistics
    }

    @usableFromInline
    mutating func record(_ occurrences: some Sequence<EventOccurrence>) {
        events.append(contentsOf: occurrences)
    }

    @usableFromInline
    mutating func enableDenseOutput(degree: Int) {
        dense = DenseHistory(dimension: dimension, degree: degree)
    }

    @usableFromInline
    mutating func appendDense(
        t: Double, h: Double, y0: UnsafePointer<Double>, terms: UnsafePointer<Double>, stride: Int
    ) {
        dense?.append(t: t, h: h, y0: y0, terms: terms, stride: stride)
    }
}
