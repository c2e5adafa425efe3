import ContinuumODE

/// The scalar state of one window of a batched solve: time, step size, the PI controller's
/// history, Hairer's stiffness bookkeeping and the loss times reached — the same quantities, in
/// the same arithmetic, as the ODE driver keeps for a solve alone.
struct BatchedWindowState {
    init(controller: ControllerState) { self.controller = controller }

    var t = 0.0
    var tEnd = 0.0
    var direction = 1.0
    var h = 0.0
    var maximumStep = 0.0
    /// The signed step of the current attempt and whether it lands on the next loss time.
    var step = 0.0
    var landsOnTarget = false
    var accepted = 0
    var rejected = 0
    var evaluations = 0
    /// The driver's step-size controller and stiffness test, so that the window takes exactly
    /// the steps of its solve alone.
    var controller: ControllerState
    var stiffness = StiffnessMonitor()
    var lastRejectionNonFinite = false
    /// Index of the next loss time to step onto.
    var nextLoss = 0
    var running = false
    /// The slope at the current point must be evaluated afresh (after a stop time).
    var needsRestart = false
    /// Where the window's loss times start in the flat per-batch arrays.
    var lossOffset = 0
    var lossCount = 0
    /// The window failed (its solve, its loss or its adjoint) and is left out.
    var failed = false
    /// It failed because its loss was not finite (its states are still reported).
    var lossFailed = false
    var loss = Double.nan

    /// The controller's factor for the next step after a step whose error norm squared is `squaredError`.
    mutating func nextFactor(squaredError: Double) -> Double {
        controller.nextFactor(squaredError: squaredError)
    }

    /// Hairer's stiffness bookkeeping after an accepted step; `ratio` is read only when the test
    /// is due. True once the problem is declared stiff.
    mutating func stiffnessDeclared(interval: Int, ratio: () -> Double) -> Bool {
        guard interval > 0, stiffness.isDue(interval: interval) else { return false }
        return stiffness.record(ratio: ratio())
    }
}

/// A growable store of doubles reused across calls (capacity only grows), so steady-state
/// batches allocate nothing per step. A value kept in unsafe storage by its owner (which
/// releases it with ``deallocate()``): no reference counting or exclusivity checks per access.
struct BatchedTape {
    private(set) var pointer: UnsafeMutablePointer<Double>
    private(set) var capacity: Int
    /// Values committed.
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    /// Frees the storage.
    func deallocate() { pointer.deallocate() }

    /// Makes room for `extra` values beyond ``count`` (keeping everything stored, committed or
    /// not); returns where the uncommitted part starts.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Double> {
        if count + extra > capacity {
            let grown = max(2 * capacity, count + extra)
            let bigger = UnsafeMutablePointer<Double>.allocate(capacity: grown)
            bigger.update(from: pointer, count: capacity)
            (bigger + capacity).initialize(repeating: 0, count: grown - capacity)
            pointer.deallocate()
            pointer = bigger
            capacity = grown
        }
        return pointer + count
    }
}
