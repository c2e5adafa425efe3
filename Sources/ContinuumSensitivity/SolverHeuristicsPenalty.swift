import ContinuumNumerics
import ContinuumODE

/// The ``SolverRegularization`` penalty of a discrete-adjoint sweep: for every replayed step it
/// adds the step's `w_E Eⱼ|hⱼ| + w_S Sⱼ` to running totals and writes the penalty's derivative with
/// respect to each stage slope `kᵢ` into ``slopeCotangents``, which ``RungeKuttaReplay`` adds to the
/// slope cotangents of its reverse step.
///
/// With `e = h Σᵢ eᵢ kᵢ`, scale `σ = atol + rtol·max(|y|, |y₁|)` and `E = (Σ (e/σ)² / m)^½` over
/// the `m` controlled components, `∂(w_E E|h|)/∂kᵢ = h eᵢ g` with `g = w_E |h| e / (m σ² E)`; the
/// scale depends on the states too (`∂E/∂σ = −(e/σ)² / (m σ E)`, through whichever of `|y|`, `|y₁|`
/// is larger), which reaches the slopes through `y₁ = y + h Σ bᵢkᵢ` and the step's start directly
/// (``startCotangent``). With `ΔK = k_q − k_p`, `ΔY = Y_q − Y_p = h Σⱼ (a_qj − a_pj) kⱼ` and
/// `S = |h| ‖ΔK‖ / ‖ΔY‖`: `∂S/∂ΔK = |h| ΔK / (‖ΔK‖‖ΔY‖)` on `k_q` (and its negative on `k_p`), and
/// `∂S/∂ΔY = −|h| ‖ΔK‖ ΔY / ‖ΔY‖³` spread over the slopes through the stage coefficients.
@usableFromInline
final class SolverHeuristicsPenalty {
    @usableFromInline let n: Int
    @usableFromInline let s: Int
    @usableFromInline let weights: SolverRegularization
    @usableFromInline let tolerance: Tolerance
    /// `eᵢ` (`s`), the stiffness stage differences `a_qj − a_pj` (`s`, zero from `q` on), then `bᵢ` (`s`).
    @usableFromInline let coefficients: ScratchBuffer
    /// Stages compared by the stiffness estimate (`q` holds `f(t + h, y₁)`); -1 when not used.
    @usableFromInline let probeStage: Int
    @usableFromInline let lastStage: Int
    /// The penalty's slope cotangents (`s × n`) of the step last added, its cotangent of the step's
    /// start `y` (`n`), then the error vector (`n`).
    @usableFromInline let scratch: ScratchBuffer
    /// `Σⱼ Eⱼ|hⱼ|` and `Σⱼ Sⱼ` (unweighted) over the steps added so far.
    @usableFromInline var errorTotal = 0.0
    @usableFromInline var stiffnessTotal = 0.0

    /// The penalty for `tableau` on states of `dimension`, or a thrown ``SensitivityError`` when the
    /// tableau lacks what a weight asks for (an embedded error estimate over its own stages; a
    /// stiffness probe on the last two stages of an FSAL method).
    @inlinable
    init(_ tableau: ButcherTableau, dimension: Int, weights: SolverRegularization, tolerance: Tolerance) throws(SensitivityError) {
        guard weights.isValid else {
            throw .unsupported("solver regularisation weights must be finite and non-negative")
        }
        let s = tableau.stageCount
        n = dimension
        self.s = s
        self.weights = weights
        self.tolerance = tolerance
        coefficients = ScratchBuffer(count: 3 * s)
        scratch = ScratchBuffer(count: s * dimension + 2 * dimension)
        for i in 0..<s { coefficients.pointer[2 * s + i] = tableau.b[i] }
        if weights.errorWeight != 0 {
            guard case let .embedded(e, _) = tableau.errorEstimator, e.dropFirst(s).allSatisfy({ $0 == 0 }) else {
                throw .unsupported(
                    "\(tableau.name) has no embedded error estimate over its own stages; the error penalty needs one (tsit5, dopri5, bs3)")
            }
            for i in 0..<min(s, e.count) { coefficients.pointer[i] = e[i] }
        }
        if weights.stiffnessWeight != 0 {
            guard let probe = tableau.stiffnessProbe, tableau.isFSAL, probe.stage < s - 1 else {
                throw .unsupported("\(tableau.name) has no stiffness estimate on its last two stages; the stiffness penalty needs one (tsit5, dopri5)")
            }
            probeStage = probe.stage
            lastStage = s - 1
            for j in 0..<lastStage {
                let later = tableau.a[lastStage][j]
                let earlier = j < probeStage ? tableau.a[probeStage][j] : 0
                coefficients.pointer[s + j] = later - earlier
            }
        } else {
            probeStage = -1
            lastStage = -1
        }
    }

    /// `s × n` slope cotangents of the step last added.
    @inlinable
    var slopeCotangents: UnsafePointer<Double> { UnsafePointer(scratch.pointer) }

    /// The penalty's direct cotangent of the step's start `y` (`n`), to add to `∂L/∂y` after the
    /// replay's reverse step.
    @inlinable
    var startCotangent: UnsafePointer<Double> { UnsafePointer(scratch.pointer + s * n) }

    /// Adds the penalty of the step of size `h` from `y` to `y1` whose stage states and slopes the
    /// replay holds, and sets ``slopeCotangents`` to its gradient.
    @inlinable
    func addStep(_ replay: RungeKuttaReplay, h: Double, from y: UnsafePointer<Double>, to y1: UnsafePointer<Double>) {
        let stageStates = UnsafePointer(replay.scratch.pointer)
        let slopes = UnsafePointer(replay.scratch.pointer + s * n)
        let cotangents = scratch.pointer
        for k in 0..<((s + 1) * n) { cotangents[k] = 0 }
        if weights.errorWeight != 0 { addError(slopes: slopes, h: h, y: y, y1: y1) }
        if weights.stiffnessWeight != 0 { addStiffness(stageStates: stageStates, slopes: slopes, h: h) }
    }

    @inlinable
    func addError(slopes: UnsafePointer<Double>, h: Double, y: UnsafePointer<Double>, y1: UnsafePointer<Double>) {
        let e = coefficients.pointer
        let start = scratch.pointer + s * n
        let error = scratch.pointer + (s + 1) * n
        let m = tolerance.controlledCount(of: n)
        for k in 0..<n { error[k] = 0 }
        for i in 0..<s where e[i] != 0 {
            let he = h * e[i]
            let ki = slopes + i * n
            for k in 0..<n { error[k] += he * ki[k] }
        }
        var sum = 0.0
        for k in 0..<m {
            let r = error[k] / scale(k, y, y1)
            sum += r * r
        }
        let norm = (sum / Double(m)).squareRoot()
        errorTotal += norm * abs(h)
        guard norm > 0 else { return }
        let g = weights.errorWeight * abs(h) / (Double(m) * norm)
        let b = coefficients.pointer + 2 * s
        for k in 0..<m {
            let sigma = scale(k, y, y1)
            let r = error[k] / sigma
            // Through e: g e/σ² on every slope with eᵢ ≠ 0 (below). Through σ: −g (e/σ)²/σ · rtol·sign.
            let scaleCotangent = -g * r * r / sigma * tolerance.relative
            error[k] = g * r / sigma
            if abs(y1[k]) > abs(y[k]) {
                let cotangent = y1[k] > 0 ? scaleCotangent : -scaleCotangent
                start[k] += cotangent
                for i in 0..<s where b[i] != 0 { cotangents(i)[k] += h * b[i] * cotangent }
            } else if y[k] != 0 {
                start[k] += y[k] > 0 ? scaleCotangent : -scaleCotangent
            }
        }
        for i in 0..<s where e[i] != 0 {
            let factor = h * e[i]
            let ci = cotangents(i)
            for k in 0..<m { ci[k] += factor * error[k] }
        }
    }

    /// `atol + rtol·max(|y|, |y₁|)` of component `k`.
    @inlinable
    func scale(_ k: Int, _ y: UnsafePointer<Double>, _ y1: UnsafePointer<Double>) -> Double {
        (tolerance.absoluteVector?[k] ?? tolerance.absolute) + tolerance.relative * max(abs(y[k]), abs(y1[k]))
    }

    /// The slope cotangent of stage `i`.
    @inlinable
    func cotangents(_ i: Int) -> UnsafeMutablePointer<Double> { scratch.pointer + i * n }

    @inlinable
    func addStiffness(stageStates: UnsafePointer<Double>, slopes: UnsafePointer<Double>, h: Double) {
        let p = probeStage, q = lastStage
        var slopeSquares = 0.0, stateSquares = 0.0
        for k in 0..<n {
            let dk = slopes[q * n + k] - slopes[p * n + k]
            let dy = stageStates[q * n + k] - stageStates[p * n + k]
            slopeSquares += dk * dk
            stateSquares += dy * dy
        }
        guard stateSquares > 0 else { return }
        let slopeNorm = slopeSquares.squareRoot(), stateNorm = stateSquares.squareRoot()
        stiffnessTotal += abs(h) * slopeNorm / stateNorm
        guard slopeNorm > 0 else { return }
        let w = weights.stiffnessWeight * abs(h)
        let slopeFactor = w / (slopeNorm * stateNorm)
        let stateFactor = -w * slopeNorm / (stateNorm * stateSquares)
        let d = coefficients.pointer + s
        for k in 0..<n {
            let dk = slopes[q * n + k] - slopes[p * n + k]
            let dy = stageStates[q * n + k] - stageStates[p * n + k]
            scratch.pointer[q * n + k] += slopeFactor * dk
            scratch.pointer[p * n + k] -= slopeFactor * dk
            let gy = h * stateFactor * dy
            for j in 0..<q where d[j] != 0 { scratch.pointer[j * n + k] += d[j] * gy }
        }
    }

    /// `w_E R_E + w_S R_S` over the steps added so far.
    @inlinable
    var value: Double { weights.errorWeight * errorTotal + weights.stiffnessWeight * stiffnessTotal }
}
