import ContinuumODE

/// The result of one SDE solve along one Brownian path: saved times and states, how the solve
/// ended, and work counters.
public struct SDESolution: Sendable {
    /// State dimension.
    public let dimension: Int
    /// Saved times (the initial and final time, or every accepted step).
    public internal(set) var times: [Double] = []
    /// Saved states, row-major.
    public internal(set) var storage: [Double] = []
    /// How the solve ended (``SolutionStatus/success`` when it reached `t1`).
    public internal(set) var status: SolutionStatus = .success
    /// Why a solve failed, with the time, else `nil`.
    public internal(set) var message: String?
    /// Work counters.
    public internal(set) var statistics = SDEStatistics()
    /// The scheme's name.
    public let methodName: String

    @usableFromInline
    init(dimension: Int, methodName: String) {
        self.dimension = dimension
        self.methodName = methodName
    }

    /// Number of saved states.
    public var count: Int { times.count }
    /// Saved state `i`.
    public subscript(i: Int) -> [Double] { Array(storage[(i * dimension)..<((i + 1) * dimension)]) }
    /// The last saved state.
    public var finalState: [Double]? { count > 0 ? self[count - 1] : nil }

    @usableFromInline
    mutating func save(_ t: Double, _ y: UnsafeMutableBufferPointer<Double>) {
        times.append(t)
        storage.append(contentsOf: y)
    }

    @usableFromInline
    mutating func fail(_ status: SolutionStatus, at t: Double, _ reason: String) {
        self.status = status
        message = "\(reason) at t = \(t)"
    }

    @usableFromInline
    mutating func record(_ statistics: SDEStatistics) { self.statistics = statistics }
}
