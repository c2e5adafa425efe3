import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing

/// Failures, events, stop and save times, controllers and stiffness detection.
@Suite struct SolveBehaviourTests {
    static let decay = ClosureVectorField(dimension: 1) { _, y, dy in dy[0] = -y[0] }

    @Test func apiMisuseThrowsTypedErrors() throws {
        #expect(throws: ODEError.dimensionMismatch(expected: 1, actual: 2, what: "y0")) {
            try ODEProblem(Self.decay, y0: [1, 2], from: 0, to: 1)
        }
        #expect(throws: ODEError.nonFinite(what: "y0[0]")) { try ODEProblem(Self.decay, y0: [.nan], from: 0, to: 1) }
        #expect(throws: ODEError.emptyTimeSpan(t0: 1)) { try ODEProblem(Self.decay, y0: [1], from: 1, to: 1) }
        #expect(throws: ODEError.nonFinite(what: "t1")) { try ODEProblem(Self.decay, y0: [1], from: 0, to: .nan) }
        let problem = try ODEProblem(Self.decay, y0: [1], from: 0, to: 1)
        #expect(throws: ODEError.self) { try solve(problem, with: .rk4) }  // no step size
        var options = SolverOptions()
        options.saveAt = [2]
        #expect(throws: ODEError.timeOutsideSpan(what: "save-at time", time: 2)) {
            try solve(problem, with: .dopri5, options: options)
        }
        #expect(throws: ODEError.self) {
            try solve(problem, with: .dopri5, options: SolverOptions(relativeTolerance: -1, absoluteTolerance: 1e-6))
        }
    }

    /// Small systems with a scalar absolute tolerance measure the error without storing it (a fused
    /// kernel); with per-component tolerances they take the general path. Both must agree bit for
    /// bit, for a system of 3 (one padded vector) and of 7 (two), and with a seminorm.
    @Test func fusedErrorNormEqualsTheGeneralPath() throws {
        let lorenz = ClosureVectorField(dimension: 3) { _, y, dy in
            dy[0] = 10 * (y[1] - y[0])
            dy[1] = y[0] * (28 - y[2]) - y[1]
            dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
        }
        let chain = ClosureVectorField(dimension: 7) { _, y, dy in
            for i in 0..<7 { dy[i] = -Double(i + 1) * y[i] + (i > 0 ? y[i - 1] : 1) }
        }
        for (field, y0, controlled) in [(lorenz, [1.0, 0, 0], nil), (chain, [Double](repeating: 1, count: 7), nil),
                                        (chain, [Double](repeating: 1, count: 7), 5)] as [(ClosureVectorField, [Double], Int?)] {
            let problem = try ODEProblem(field, y0: y0, from: 0, to: 2)
            var fused = SolverOptions(relativeTolerance: 1e-7, absoluteTolerance: 1e-9)
            fused.tolerance.controlledComponents = controlled
            var general = fused
            general.tolerance = Tolerance(relative: 1e-7, absolute: [Double](repeating: 1e-9, count: y0.count))
            general.tolerance.controlledComponents = controlled
            for method in [ExplicitRungeKutta.dopri5, .tsit5, .bs3] {
                let a = try solve(problem, with: method, options: fused)
                let b = try solve(problem, with: method, options: general)
                #expect(a.finalState! == b.finalState!)
                #expect(a.statistics.acceptedSteps == b.statistics.acceptedSteps)
                #expect(a.statistics.rejectedSteps == b.statistics.rejectedSteps)
            }
        }
    }

    @Test func blowUpEndsWithAStatusNotACrash() throws {
        // y' = y², y(0) = 1 blows up at t = 1.
        let field = ClosureVectorField(dimension: 1) { _, y, dy in dy[0] = y[0] * y[0] }
        let solution = try solve(try ODEProblem(field, y0: [1], from: 0, to: 2), with: .dopri5)
        #expect(!solution.status.isSuccess)
        #expect([.stepSizeUnderflow, .nonFiniteState, .maxStepsReached].contains(solution.status))
        #expect(solution.message != nil)
        #expect(abs(solution.finalTime! - 1) < 1e-3)
    }

    @Test func nanDerivativeIsReported() throws {
        let field = ClosureVectorField(dimension: 1) { t, _, dy in dy[0] = t > 0.5 ? .nan : 1 }
        let adaptive = try solve(try ODEProblem(field, y0: [0], from: 0, to: 1), with: .tsit5)
        #expect(adaptive.status == .nonFiniteState)
        let fixed = try solve(try ODEProblem(field, y0: [0], from: 0, to: 1), with: .rk4, options: .fixedStep(0.1))
        #expect(fixed.status == .nonFiniteState)
        #expect(fixed.finalTime! <= 0.5 + 1e-12)
    }

    @Test func maximumStepsIsReported() throws {
        var options = SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-12)
        options.maximumSteps = 10
        let field = ClosureVectorField(dimension: 1) { t, _, dy in dy[0] = cos(10 * t) }
        let solution = try solve(try ODEProblem(field, y0: [0], from: 0, to: 10), with: .dopri5, options: options)
        #expect(solution.status == .maxStepsReached)
        #expect(solution.statistics.steps == 10)
    }

    @Test func stiffnessIsDetectedOnVanDerPolMu1000() throws {
        let mu = 1000.0
        let field = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
        }
        for method in [ExplicitRungeKutta.dopri5, .dop853] {
            var options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-6)
            options.maximumSteps = 1_000_000
            let solution = try solve(try ODEProblem(field, y0: [2, 0], from: 0, to: 3000), with: method, options: options)
            #expect(solution.status == .stiffnessDetected, "\(method.name): \(solution.status)")
        }
    }

    @Test func terminalEventStopsAtTheRoot() throws {
        // A ball dropped from height 10 (g = 9.81) hits the ground at t = sqrt(2·10/9.81).
        let field = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = -9.81
        }
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.events = [ODEEvent(direction: .falling, isTerminal: true) { _, y in y[0] }]
        let solution = try solve(try ODEProblem(field, y0: [10, 0], from: 0, to: 5), with: .tsit5, options: options)
        let exact = (2 * 10 / 9.81).squareRoot()
        #expect(solution.status == .terminatedByEvent)
        #expect(solution.events.count == 1)
        #expect(abs(solution.events[0].time - exact) < 1e-12)
        #expect(abs(solution.finalTime! - exact) < 1e-12)
        #expect(abs(solution.finalState![0]) < 1e-10)
    }

    @Test func recordedEventsRespectDirection() throws {
        // sin crosses zero upwards at 2π, 4π and downwards at π, 3π within [0, 13].
        let field = ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = -y[0]
        }
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        options.events = [
            ODEEvent(direction: .rising) { _, y in y[0] },
            ODEEvent(direction: .falling) { _, y in y[0] },
        ]
        let solution = try solve(try ODEProblem(field, y0: [0, 1], from: 0, to: 13), with: .dop853, options: options)
        #expect(solution.status == .success)
        let rising = solution.events.filter { $0.index == 0 }.map(\.time)
        let falling = solution.events.filter { $0.index == 1 }.map(\.time)
        #expect(rising.count == 2 && falling.count == 2)
        for (t, k) in zip(rising, [2.0, 4.0]) { #expect(abs(t - k * .pi) < 1e-8) }
        for (t, k) in zip(falling, [1.0, 3.0]) { #expect(abs(t - k * .pi) < 1e-8) }
    }

    @Test func stopAndSaveTimesAreHitExactly() throws {
        // y' = |t − 1| has a kink at t = 1; stepping onto it leaves two polynomial pieces that
        // Dopri5 integrates exactly.
        let field = ClosureVectorField(dimension: 1) { t, _, dy in dy[0] = abs(t - 1) }
        var options = SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        options.stopTimes = [1]
        options.saveAt = [0, 0.5, 1, 1.5, 2]
        let solution = try solve(try ODEProblem(field, y0: [0], from: 0, to: 2), with: .dopri5, options: options)
        #expect(solution.times == [0, 0.5, 1, 1.5, 2])
        for (value, exact) in zip(solution.states.map { $0[0] }, [0, 0.375, 0.5, 0.625, 1]) {
            #expect(abs(value - exact) < 1e-12)
        }
    }

    @Test func pidControllerMeetsTheTolerance() throws {
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        options.controller = .pid(PIDController())
        options.saveAt = [5]
        let solution = try solve(try ODEProblem(Self.decay, y0: [1], from: 0, to: 5), with: .tsit5, options: options)
        #expect(solution.status == .success)
        #expect(abs(solution.finalState![0] - exp(-5)) < 1e-9)
    }

    @Test func statisticsCountWork() throws {
        let solution = try solve(try ODEProblem(Self.decay, y0: [1], from: 0, to: 1), with: .rk4, options: .fixedStep(0.1))
        #expect(solution.statistics.acceptedSteps == 10)
        #expect(solution.statistics.rejectedSteps == 0)
        // First stage once, then three new stages per step plus f(t + h, y₁).
        #expect(solution.statistics.functionEvaluations == 1 + 10 * 4)
        #expect(solution.count == 11)
    }

    @Test func stepSizeLimitsAreHonoured() throws {
        let problem = try ODEProblem(Self.decay, y0: [1], from: 0, to: 1)
        var capped = SolverOptions(relativeTolerance: 1e-3, absoluteTolerance: 1e-6)
        capped.maximumStepSize = 0.01
        let many = try solve(problem, with: .dopri5, options: capped)
        #expect(many.status == .success)
        #expect(many.statistics.acceptedSteps >= 100)
        #expect(zip(many.times, many.times.dropFirst()).allSatisfy { $1 - $0 <= 0.01 * (1 + 1e-12) })

        // A sharp transient needs steps far below the minimum allowed: the solve reports it.
        let stiffish = ClosureVectorField(dimension: 1) { t, y, dy in dy[0] = -1e6 * (y[0] - cos(t)) }
        var floor = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        floor.minimumStepSize = 0.1
        let limited = try solve(try ODEProblem(stiffish, y0: [0], from: 0, to: 1), with: .dopri5, options: floor)
        #expect(limited.status == .stepSizeUnderflow)

        var first = SolverOptions()
        first.initialStepSize = 1e-3
        first.saveAt = []
        let started = try solve(problem, with: .tsit5, options: first)
        #expect(abs(started.times[1] - 1e-3) < 1e-15)
    }
}
