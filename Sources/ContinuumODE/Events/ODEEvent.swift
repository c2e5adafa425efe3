/// An event: a time at which the scalar condition `g(t, y(t))` crosses zero.
///
/// After every accepted step the solver checks the sign of `g` at the step's end; on a sign change
/// it locates the root on the method's dense output to near machine precision, records an
/// ``EventOccurrence``, and, if the event is terminal, ends the solve there — like torchdiffeq's
/// `odeint_event` and diffrax's `Event`.
///
/// ```swift
/// // Stop when a falling ball (y = height, v) hits the ground.
/// let ground = ODEEvent(direction: .falling, isTerminal: true) { t, y in y[0] }
/// ```
public struct ODEEvent: Sendable {
    /// Which zero crossings count.
    public enum Direction: Sendable {
        /// `g` goes from negative to positive.
        case rising
        /// `g` goes from positive to negative.
        case falling
        /// Either.
        case either
    }

    /// The condition's signature: time and state.
    public typealias Condition = @Sendable (Double, UnsafeBufferPointer<Double>) -> Double

    /// Which crossings trigger the event.
    public var direction: Direction
    /// Whether the solve stops at the first occurrence.
    public var isTerminal: Bool
    /// The condition `g(t, y)`.
    public var condition: Condition

    /// Creates an event from its condition.
    public init(direction: Direction = .either, isTerminal: Bool = false, _ condition: @escaping Condition) {
        self.direction = direction
        self.isTerminal = isTerminal
        self.condition = condition
    }

    /// Whether a change from `before` to `after` is a crossing this event reports.
    @usableFromInline
    func triggers(from before: Double, to after: Double) -> Bool {
        let rising = before < 0 && after >= 0
        let falling = before > 0 && after <= 0
        switch direction {
        case .rising: return rising
        case .falling: return falling
        case .either: return rising || falling
        }
    }
}

/// A located event: which event, when, and the state there.
public struct EventOccurrence: Sendable, Equatable {
    /// Index of the event in the options' event list.
    public let index: Int
    /// The time of the zero crossing.
    public let time: Double
    /// The state at that time.
    public let state: [Double]

    @usableFromInline
    init(index: Int, time: Double, state: [Double]) {
        self.index = index
        self.time = time
        self.state = state
    }
}
