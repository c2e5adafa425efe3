/// The one loop behind every fixed-step geometric integration (splitting, collocation, conformal):
/// it walks the steps, saves every `saveEvery`-th state and records the energy every
/// `energyEvery`-th step into storage reserved up front, so the loop itself allocates nothing.
///
/// The state lives in one buffer `y = (q, p)`. `step(t, h, count, q, p)` takes `count` steps of
/// size `h` from `t` in place and returns the number of field evaluations, or a negative number
/// when a step could not be completed (an implicit iteration that did not converge). The driver
/// hands it whole runs of steps between two saves or records, so a specialised stepper loops
/// without a call per step; the last step, which may be shortened to end exactly at `t1`, is taken
/// on its own. A NaN or infinite state is detected after each run (at the latest at the end), and
/// the solve stops there with ``SolutionStatus/nonFiniteState``.
@usableFromInline
struct FixedStepDriver {
    @usableFromInline typealias Step = (Double, Double, Int, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Int
    @usableFromInline typealias Energy = (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Double

    let q0: [Double], p0: [Double], t0: Double, t1: Double
    let options: GeometricOptions
    let stepCount: Int
    let methodName: String

    @usableFromInline
    init<F>(problem: PartitionedProblem<F>, options: GeometricOptions, methodName: String) throws(ODEError) {
        q0 = problem.q0
        p0 = problem.p0
        t0 = problem.t0
        t1 = problem.t1
        self.options = options
        self.methodName = methodName
        stepCount = try options.stepCount(t0: t0, t1: t1)
    }

    @usableFromInline
    func run(energy: Energy?, step: Step) -> GeometricSolution {
        let n = q0.count
        let h = (t1 > t0 ? 1.0 : -1.0) * options.stepSize
        let saveEvery = options.saveEvery
        let energyEvery = energy == nil ? 0 : options.energyEvery
        var result = GeometricSolution(solution: Solution(dimension: 2 * n, methodName: methodName))
        let saves = saveEvery > 0 ? stepCount / saveEvery + 2 : 2
        result.solution.times.reserveCapacity(saves)
        result.solution.storage.reserveCapacity(saves * 2 * n)
        if energyEvery > 0 {
            result.energyTimes.reserveCapacity(stepCount / energyEvery + 2)
            result.energies.reserveCapacity(stepCount / energyEvery + 2)
        }
        var statistics = SolverStatistics()
        var y = q0 + p0
        y.withUnsafeMutableBufferPointer { y in
            let q = UnsafeMutableBufferPointer(rebasing: y[0..<n])
            let p = UnsafeMutableBufferPointer(rebasing: y[n..<(2 * n)])
            let state = UnsafePointer(y.baseAddress!)
            func recordEnergy(_ t: Double) {
                result.energyTimes.append(t)
                result.energies.append(energy!(UnsafeBufferPointer(q), UnsafeBufferPointer(p)))
            }
            result.solution.save(t: t0, state: state)
            if energyEvery > 0 { recordEnergy(t0) }
            var k = 0
            while k < stepCount {
                // Up to the next save or record, never past the last (possibly shortened) step.
                var run = stepCount - 1 - k
                if saveEvery > 0 { run = min(run, saveEvery - k % saveEvery) }
                if energyEvery > 0 { run = min(run, energyEvery - k % energyEvery) }
                let isLast = run == 0
                let t = t0 + Double(k) * h
                let evaluations = isLast ? step(t, t1 - t, 1, q, p) : step(t, h, run, q, p)
                let taken = isLast ? 1 : run
                if evaluations < 0 {
                    result.solution.fail(.newtonDivergence, at: t, "the implicit stage equations did not converge")
                    break
                }
                statistics.functionEvaluations += evaluations
                statistics.acceptedSteps += taken
                k += taken
                let tNew = isLast ? t1 : t0 + Double(k) * h
                if !isFiniteState(y) {
                    result.solution.fail(.nonFiniteState, at: tNew, "the state became NaN or infinite")
                    result.solution.save(t: tNew, state: state)
                    break
                }
                if isLast || (saveEvery > 0 && k % saveEvery == 0) { result.solution.save(t: tNew, state: state) }
                if energyEvery > 0 && (isLast || k % energyEvery == 0) { recordEnergy(tNew) }
            }
            result.steps = k
        }
        result.solution.finish(.success, statistics: statistics)
        return result
    }
}

@inline(__always)
private func isFiniteState(_ y: UnsafeMutableBufferPointer<Double>) -> Bool {
    var sum = 0.0
    for x in y { sum += x * 0 }
    return sum == 0
}
