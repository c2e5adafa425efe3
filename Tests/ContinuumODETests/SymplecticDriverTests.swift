import ContinuumODE
import Testing

/// The fixed-step driver: step counts, saving and energy records, direction, validation.
@Suite struct SymplecticDriverTests {
    static let oscillator = SeparableHamiltonian.harmonicOscillator

    @Test func shortenedLastStepEndsExactlyAtTheFinalTime() throws {
        let problem = try PartitionedProblem(Self.oscillator, q0: [1], p0: [0], from: 0, to: 1)
        let result = try solve(problem, with: SplittingMethod.velocityVerlet, options: GeometricOptions(stepSize: 0.3))
        #expect(result.steps == 4)
        #expect(result.solution.times == [0, 0.3, 0.6, 0.8999999999999999, 1])
        #expect(result.solution.statistics.acceptedSteps == 4)
        #expect(result.solution.status == .success)
    }

    @Test func savesAndRecordsEveryKthStep() throws {
        let problem = try PartitionedProblem(Self.oscillator, q0: [1], p0: [0], from: 0, to: 1)
        let options = GeometricOptions(stepSize: 0.1, saveEvery: 3, energyEvery: 4)
        let result = try solve(problem, with: SplittingMethod.yoshida4, options: options)
        #expect(result.steps == 10)
        let saved = result.solution.times.map { ($0 * 10).rounded() }
        #expect(saved == [0, 3, 6, 9, 10])
        #expect(result.energyTimes.map { ($0 * 10).rounded() } == [0, 4, 8, 10])
        #expect(result.energies.count == 4 && result.energyErrors.max()! < 1e-4)
        // The same run in one go gives bit-identical final states.
        let plain = try solve(problem, with: SplittingMethod.yoshida4, options: GeometricOptions(stepSize: 0.1, saveEvery: 0))
        #expect(plain.solution.finalState == result.solution.finalState)
        #expect(plain.solution.times == [0, 1])
    }

    @Test func backwardsIntegrationRetracesTheForwardOne() throws {
        let forward = try solve(
            PartitionedProblem(SeparableHamiltonian.pendulum, q0: [1], p0: [0], from: 0, to: 5),
            with: SplittingMethod.blanesMoan6, options: GeometricOptions(stepSize: 0.05, saveEvery: 0))
        let end = forward.solution.finalState!
        let back = try solve(
            PartitionedProblem(SeparableHamiltonian.pendulum, q0: [end[0]], p0: [end[1]], from: 5, to: 0),
            with: SplittingMethod.blanesMoan6, options: GeometricOptions(stepSize: 0.05, saveEvery: 0))
        #expect(back.solution.times.last == 0)
        #expect(SymplecticTestProblems.distance(back.solution.finalState!, [1, 0]) < 1e-13)
    }

    @Test func misuseThrowsTypedErrors() throws {
        #expect(throws: ODEError.dimensionMismatch(expected: 1, actual: 2, what: "q0")) {
            try PartitionedProblem(Self.oscillator, q0: [1, 2], p0: [0], from: 0, to: 1)
        }
        #expect(throws: ODEError.nonFinite(what: "p0[0]")) {
            try PartitionedProblem(Self.oscillator, q0: [1], p0: [.nan], from: 0, to: 1)
        }
        #expect(throws: ODEError.emptyTimeSpan(t0: 1)) {
            try PartitionedProblem(Self.oscillator, q0: [1], p0: [0], from: 1, to: 1)
        }
        let problem = try PartitionedProblem(Self.oscillator, q0: [1], p0: [0], from: 0, to: 1)
        for options in [GeometricOptions(stepSize: 0), GeometricOptions(stepSize: -0.1), GeometricOptions(stepSize: .nan),
                        GeometricOptions(stepSize: 0.1, saveEvery: -1), GeometricOptions(stepSize: 0.1, energyEvery: -2)] {
            #expect(throws: ODEError.self) { try solve(problem, with: SplittingMethod.velocityVerlet, options: options) }
        }
    }

    @Test func blowUpIsAStatusNotACrash() throws {
        // An anti-oscillator (V = −q⁴) escapes to infinity in finite time.
        let escape = SeparableHamiltonian.particle(degreesOfFreedom: 1, potentialGradient: { q, dV in dV[0] = -4 * q[0] * q[0] * q[0] })
        let problem = try PartitionedProblem(escape, q0: [1], p0: [1], from: 0, to: 100)
        let result = try solve(problem, with: SplittingMethod.velocityVerlet, options: GeometricOptions(stepSize: 0.01, saveEvery: 0))
        #expect(result.solution.status == .nonFiniteState)
        #expect(result.solution.message?.contains("NaN") == true)
    }
}
