import ContinuumNumerics
import ContinuumODE

/// The discrete adjoint of many initial-value problems that share one vector field, solved
/// together: the losses `L_w = Σᵢ ℓ_{w,i}(y_w(t_{w,i}))` of the windows `w` and
/// `∂(Σ_w L_w)/∂θ`, `∂L_w/∂y_{w,0}`.
///
/// Each window keeps its own time grid, adaptive step size, accept/reject decisions, PI
/// controller and stiffness test, and takes exactly the steps its solve alone would take
/// (``gradient(of:at:for:with:options:sensitivity:)`` with `.discrete()`); only the evaluations
/// of `f` are shared: at every stage all running windows are evaluated in one
/// ``BatchedDifferentiableVectorField`` call, so a network works on a batch instead of one
/// latency-bound sample at a time.
///
/// The forward pass keeps, for every accepted step `y₁ = y + h Σᵢ bᵢkᵢ` with `kᵢ = f(t + cᵢh, Yᵢ)`,
/// the stage states `Yᵢ` and the field's per-row record (e.g. hidden activations). The reverse
/// pass then needs neither a replay nor a forward recomputation: with `λ = ∂L/∂y₁`, stages from
/// last to first,
///
///     k̄ᵢ = h bᵢ λ + h Σⱼ>ᵢ aⱼᵢ ūⱼ,   ūᵢ = (∂f/∂y)ᵀ(Yᵢ) k̄ᵢ,   θ̄ += (∂f/∂θ)ᵀ(Yᵢ) k̄ᵢ,   ∂L/∂y = λ + Σᵢ ūᵢ,
///
/// evaluated for all windows still reversing in one batched VJP. The loss gradients
/// `∂ℓ_{w,i}/∂y` enter `λ_w` when the sweep reaches `t_{w,i}`.
///
/// Create it once and reuse it: its buffers and per-window tapes only grow, so a training loop
/// allocates nothing per step after the first batch.
///
/// ```swift
/// let adjoint = try BatchedDiscreteAdjoint(field: field, method: .dopri5,
///                                          options: SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9))
/// let result = try adjoint.gradient(of: losses, over: windows)
/// optimizer.step(&theta, gradient: result.parameterGradient)
/// ```
///
/// Supported: FSAL tableaux with an embedded error estimate (Dopri5 and Tsit5 are tested), adaptive
/// steps with the PI controller; not events, fixed steps or extra stop times.
public final class BatchedDiscreteAdjoint<Field: BatchedDifferentiableVectorField> {
    /// The shared vector field (update its parameters between calls).
    public var field: Field {
        get { fieldStorage.pointee }
        set { fieldStorage.pointee = newValue }
        _modify { yield &fieldStorage.pointee }
    }
    /// The field's one copy, which batched calls use in place (a stored property would be copied,
    /// retaining everything it holds, around every call).
    let fieldStorage: UnsafeMutablePointer<Field>
    /// The solver options (tolerances, step limits, controller constants).
    public let options: SolverOptions
    let tableau: BatchedTableau
    let methodOrder: Double
    /// The driver's controller, copied into each window as it starts.
    let controller: ControllerState
    let n: Int
    let p: Int
    let rw: Int
    /// The most windows solved together; larger batches are taken in chunks of this size.
    public let capacity: Int
    /// Values per taped step: `t`, `h`, then `Yᵢ` and its record for each needed stage.
    let stride: Int
    /// Where stage `i`'s state and record sit in a tape entry (-1: not taped).
    let tapeSlot: [Int]
    let states: UnsafeMutablePointer<BatchedWindowState>
    var failures: [SensitivityError?] = []
    let tapes: UnsafeMutablePointer<BatchedTape>
    /// Per loss time of every window (flat, at each window's ``BatchedWindowState/lossOffset``):
    /// the grid index where the solve reached it, the state there, and `∂ℓᵢ/∂y`.
    var lossGrid: [Int] = []
    var lossStates: [Double] = []
    var lossGradients: [Double] = []
    /// One pointer per batch row: where its record goes (or comes from), and its tape entry.
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    let entries: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// Per window: `y` (n), slopes `k` (s·n), stage states `Y` (s·n), `λ` (n), stage cotangents
    /// `ū` (s·n); then per batch row: times, states (n), outputs (n), cotangents (n), records of
    /// stages that are not taped (rw), the window's time and step in an attempt; then `n` of
    /// scratch. All views of `work` (constants, so reading them costs no exclusivity check).
    let work: ScratchBuffer
    let y: UnsafeMutablePointer<Double>
    let k: UnsafeMutablePointer<Double>
    let stageStates: UnsafeMutablePointer<Double>
    let lambda: UnsafeMutablePointer<Double>
    let stageCotangents: UnsafeMutablePointer<Double>
    let batchTimes: UnsafeMutablePointer<Double>
    let batchStates: UnsafeMutablePointer<Double>
    let batchOutputs: UnsafeMutablePointer<Double>
    let batchCotangents: UnsafeMutablePointer<Double>
    let discarded: UnsafeMutablePointer<Double>
    let rowTimes: UnsafeMutablePointer<Double>
    let rowSteps: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>

    /// An adjoint for `field` solved with `method` under `options`, solving up to `capacity`
    /// windows together (default: the field's ``BatchedDifferentiableVectorField/batchCapacity``,
    /// at most 64).
    ///
    /// Throws ``SensitivityError/unsupported(_:)`` for a method or options it cannot reproduce
    /// exactly (non-FSAL tableaux, fixed steps, the PID controller, events, stop times).
    public init(
        field: Field, method: ExplicitRungeKutta, options: SolverOptions, capacity: Int? = nil
    ) throws(SensitivityError) {
        self.options = options
        tableau = try BatchedTableau(method.tableau)
        methodOrder = Double(method.order)
        guard options.fixedStepSize == nil else { throw .unsupported("the batched discrete adjoint needs adaptive steps") }
        guard options.events.isEmpty else { throw .unsupported("events are not differentiated; remove them from the options") }
        guard options.stopTimes.isEmpty else { throw .unsupported("the batched discrete adjoint takes no extra stop times") }
        guard options.tolerance.isValid else { throw .unsupported("tolerances must be finite, non-negative and not both zero") }
        guard case .pi = options.controller else {
            throw .unsupported("the batched discrete adjoint runs the PI controller")
        }
        controller = ControllerState(options.controller, order: method.controllerOrder, defaults: method.controllerDefaults)
        // Allocated after the last throw, so a rejected configuration leaks nothing.
        fieldStorage = .allocate(capacity: 1)
        fieldStorage.initialize(to: field)
        let n = field.dimension
        let rw = field.recordWidth
        let s = tableau.s
        self.n = n
        p = field.parameterCount
        self.rw = rw
        let needed = tableau.needed
        stride = 2 + needed.count * (n + rw)
        tapeSlot = (0..<s).map { i in needed.firstIndex(of: i).map { 2 + $0 * (n + rw) } ?? -1 }
        let count = max(1, min(capacity ?? 64, field.batchCapacity))
        self.capacity = count
        work = ScratchBuffer(count: count * (n + 2 * s * n + n + s * n + 1 + 3 * n + rw + 2) + n)
        y = work.pointer
        k = y + count * n
        stageStates = k + count * s * n
        lambda = stageStates + count * s * n
        stageCotangents = lambda + count * n
        batchTimes = stageCotangents + count * s * n
        batchStates = batchTimes + count
        batchOutputs = batchStates + count * n
        batchCotangents = batchOutputs + count * n
        discarded = batchCotangents + count * n
        rowTimes = discarded + count * rw
        rowSteps = rowTimes + count
        scratch = rowSteps + count
        states = .allocate(capacity: count)
        states.initialize(repeating: BatchedWindowState(controller: controller), count: count)
        pointers = .allocate(capacity: count)
        entries = .allocate(capacity: count)
        tapes = .allocate(capacity: count)
        for w in 0..<count { (tapes + w).initialize(to: BatchedTape(capacity: 16 * (2 + needed.count * (n + rw)))) }
    }

    deinit {
        for w in 0..<capacity { tapes[w].deallocate() }
        tapes.deinitialize(count: capacity)
        tapes.deallocate()
        fieldStorage.deinitialize(count: 1)
        fieldStorage.deallocate()
        states.deallocate()
        pointers.deallocate()
        entries.deallocate()
    }

    /// Ends window `w`'s solve with `status`.
    func fail(_ w: Int, _ status: SolutionStatus, _ reason: String) {
        states[w].running = false
        states[w].failed = true
        failures[w] = .forwardSolveFailed(status, reason + " (at t = \(states[w].t))")
    }

    /// Evaluates the first `rows` batch rows, in chunks of the field's batch capacity.
    /// `recording`: row `r`'s record goes to `pointers[r]`.
    func evaluateBatch(rows: Int, recording: Bool) {
        Self.evaluate(
            &fieldStorage.pointee, rows: rows, times: batchTimes, states: batchStates, derivatives: batchOutputs,
            records: recording && rw > 0 ? UnsafePointer(pointers) : nil)
    }

    /// Calls the field through `inout`: this generic code is not specialised for the field, and
    /// a call on a value read from memory would copy it (retaining all it holds) first, where an
    /// `inout` parameter is passed by address.
    @inline(__always)
    static func evaluate(
        _ field: inout Field, rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        derivatives: UnsafeMutablePointer<Double>, records: UnsafePointer<UnsafeMutablePointer<Double>>?
    ) {
        field.evaluate(rows: rows, times: times, states: states, derivatives: derivatives, records: records)
    }

    /// The VJP of the first `rows` batch rows (records at `pointers[r]`), adding the parameter
    /// products to `gradient`.
    func vectorJacobianProductBatch(rows: Int, addingTo gradient: UnsafeMutablePointer<Double>) {
        let records = UnsafeMutableRawPointer(pointers).assumingMemoryBound(to: UnsafePointer<Double>.self)
        Self.vectorJacobianProduct(
            &fieldStorage.pointee, rows: rows, times: batchTimes, states: batchStates,
            records: rw > 0 ? UnsafePointer(records) : nil, cotangents: batchCotangents, stateProducts: batchOutputs,
            addingTo: gradient)
    }

    /// The field's batched VJP through `inout` (see ``evaluate(_:rows:times:states:derivatives:records:)``).
    @inline(__always)
    static func vectorJacobianProduct(
        _ field: inout Field, rows: Int, times: UnsafePointer<Double>, states: UnsafePointer<Double>,
        records: UnsafePointer<UnsafePointer<Double>>?, cotangents: UnsafePointer<Double>,
        stateProducts: UnsafeMutablePointer<Double>, addingTo gradient: UnsafeMutablePointer<Double>
    ) {
        field.vectorJacobianProduct(
            rows: rows, times: times, states: states, records: records, cotangents: cotangents,
            stateProducts: stateProducts, addingParameterProductTo: gradient)
    }

    /// Copies one state (`n` values). A plain loop would become a `memmove` call per row, which
    /// costs more than the copy itself for states of a few values.
    @inline(__always)
    func copyState(_ source: UnsafePointer<Double>, to destination: UnsafeMutablePointer<Double>) {
        var c = 0
        while c &+ 2 <= n {
            let pair = UnsafeRawPointer(source + c).loadUnaligned(as: SIMD2<Double>.self)
            UnsafeMutableRawPointer(destination + c).storeBytes(of: pair, as: SIMD2<Double>.self)
            c &+= 2
        }
        if c < n { destination[c] = source[c] }
    }

    // MARK: Entry point

    /// The losses of `windows` (window `w` scored by `losses[w]`) and their gradients.
    ///
    /// Throws for misuse (count or dimension mismatches, invalid loss times); a window whose
    /// solve or loss fails is reported in ``BatchedGradientResult/failures`` instead.
    public func gradient<L: TrajectoryLoss>(
        of losses: [L], over windows: [TrajectoryWindow]
    ) throws(SensitivityError) -> BatchedGradientResult {
        guard losses.count == windows.count else {
            throw .unsupported("\(losses.count) losses for \(windows.count) windows")
        }
        var lossTimes: [LossTimes] = []
        lossTimes.reserveCapacity(windows.count)
        for window in windows {
            guard window.y0.count == n else {
                throw .invalidProblem(.dimensionMismatch(expected: n, actual: window.y0.count, what: "initial state"))
            }
            guard window.y0.allSatisfy(\.isFinite), window.t0.isFinite else {
                throw .invalidTimes("a window's initial state or time is not finite")
            }
            let end = window.times.last ?? window.t0
            lossTimes.append(try LossTimes(window.times, t0: window.t0, t1: end, dimension: n))
        }
        var result = BatchedGradientResult(
            loss: 0, losses: [], parameterGradient: [Double](repeating: 0, count: p), initialStateGradients: [],
            states: [], failures: [], statistics: GradientStatistics())
        var start = 0
        while start < windows.count {
            let end = min(start + capacity, windows.count)
            solveChunk(
                Array(losses[start..<end]), lossTimes: Array(lossTimes[start..<end]), windows: Array(windows[start..<end]),
                into: &result)
            start = end
        }
        guard result.parameterGradient.allSatisfy(\.isFinite) else {
            throw .nonFiniteLoss("the adjoint became non-finite in the reverse sweep")
        }
        return result
    }

    /// Solves at most ``capacity`` windows together and appends their results to `result`.
    func solveChunk<L: TrajectoryLoss>(
        _ losses: [L], lossTimes: [LossTimes], windows: [TrajectoryWindow], into result: inout BatchedGradientResult
    ) {
        runForward(windows, statistics: &result.statistics)
        lossGradients = [Double](repeating: 0, count: lossStates.count)
        for w in windows.indices where !states[w].failed {
            let range = (states[w].lossOffset * n)..<((states[w].lossOffset + states[w].lossCount) * n)
            do {
                let (value, gradients) = try lossTimes[w].evaluate(losses[w], states: Array(lossStates[range]))
                states[w].loss = value
                lossGradients.replaceSubrange(range, with: gradients)
            } catch {
                failures[w] = error
                states[w].failed = true
                states[w].lossFailed = true
            }
        }
        result.parameterGradient.withUnsafeMutableBufferPointer {
            runReverse(windows.count, gradient: $0.baseAddress!, statistics: &result.statistics)
        }
        result.failures += failures
        for w in windows.indices {
            let state = states[w]
            let ok = !state.failed
            result.losses.append(ok ? state.loss : .nan)
            if ok { result.loss += state.loss }
            result.initialStateGradients.append(ok ? Array(UnsafeBufferPointer(start: lambda + w * n, count: n)) : [])
            let rows = (state.lossOffset * n)..<((state.lossOffset + state.lossCount) * n)
            result.states.append(state.failed && !state.lossFailed ? [] : Array(lossStates[rows]))
        }
    }
}
