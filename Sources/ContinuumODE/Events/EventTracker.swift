/// The running state of event detection in one solve: the condition values at the start of the
/// current step.
@usableFromInline
struct EventTracker {
    @usableFromInline let events: [ODEEvent]
    @usableFromInline var previous: [Double]

    @usableFromInline
    init(_ events: [ODEEvent]) {
        self.events = events
        previous = [Double](repeating: 0, count: events.count)
    }

    @inlinable var isEmpty: Bool { events.isEmpty }

    @usableFromInline
    mutating func start(t: Double, state: UnsafePointer<Double>, dimension n: Int) {
        for (i, event) in events.enumerated() {
            previous[i] = event.condition(t, UnsafeBufferPointer(start: state, count: n))
        }
    }
}

extension Integrator {
    /// Checks every event over the accepted step `[t, tNew]`. Non-terminal occurrences are recorded
    /// in time order; returns the first terminal occurrence, if any (the solve stops there).
    @inlinable
    mutating func handleEvents(from t: Double, step: Double, to tNew: Double) -> EventOccurrence? {
        guard !events.isEmpty else { return nil }
        let n = workspace.dimension
        var found: [EventOccurrence] = []
        for (i, event) in events.events.enumerated() {
            let before = events.previous[i]
            let after = event.condition(tNew, UnsafeBufferPointer(start: workspace.candidate, count: n))
            events.previous[i] = after
            guard event.triggers(from: before, to: after) else { continue }
            let root = locateRoot(of: event, from: t, step: step, to: tNew, before: before, after: after)
            prepareDenseOutput(t: t, step: step)
            let state = state(at: root, from: t, step: step, tNew: tNew)
            found.append(EventOccurrence(index: i, time: root, state: state))
        }
        guard !found.isEmpty else { return nil }
        found.sort { plan.direction * ($1.time - $0.time) > 0 }
        if let terminal = found.firstIndex(where: { events.events[$0.index].isTerminal }) {
            solution.record(found[..<terminal])
            return found[terminal]
        }
        solution.record(found)
        return nil
    }

    @inlinable
    mutating func locateRoot(
        of event: ODEEvent, from t: Double, step: Double, to tNew: Double, before: Double, after: Double
    ) -> Double {
        prepareDenseOutput(t: t, step: step)
        let n = workspace.dimension
        let degree = solver.denseOutputDegree
        let w = workspace
        let tolerance = 4 * Double.ulpOfOne * max(abs(t), abs(tNew), abs(step))
        return RootBracket.solve(t, tNew, ga: before, gb: after, tolerance: tolerance) { tau in
            w.interpolate(theta: (tau - t) / step, degree: degree, into: w.scratch2)
            return event.condition(tau, UnsafeBufferPointer(start: w.scratch2, count: n))
        }
    }

    @inlinable
    func state(at time: Double, from t: Double, step: Double, tNew: Double) -> [Double] {
        let n = workspace.dimension
        if time == tNew { return Array(UnsafeBufferPointer(start: workspace.candidate, count: n)) }
        workspace.interpolate(theta: (time - t) / step, degree: solver.denseOutputDegree, into: workspace.scratch2)
        return Array(UnsafeBufferPointer(start: workspace.scratch2, count: n))
    }
}
