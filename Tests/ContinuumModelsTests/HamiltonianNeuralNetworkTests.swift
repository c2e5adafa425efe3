import ContinuumModels
import ContinuumNeural
import ContinuumODE
import Foundation
import Testing

/// Hamiltonian neural networks: the symplectic gradient and the second-order training gradient
/// are exact (finite differences), and a network trained on a pendulum and on a mass-spring
/// system, integrated with Gauss-Legendre collocation, conserves its learned energy to the
/// integrator's accuracy and reproduces the period.
@Suite("Hamiltonian neural network")
struct HamiltonianNeuralNetworkTests {
    /// Mean spacing of the downward zero crossings of `q` (linear interpolation between saves).
    static func period(_ solution: Solution) -> Double {
        var crossings = [Double]()
        for k in 1..<solution.count where solution[k - 1][0] > 0 && solution[k][0] <= 0 {
            let (a, b) = (solution[k - 1][0], solution[k][0])
            let (ta, tb) = (solution.times[k - 1], solution.times[k])
            crossings.append(ta + (tb - ta) * a / (a - b))
        }
        return (crossings.last! - crossings.first!) / Double(crossings.count - 1)
    }

    static func pendulumSamples() throws -> HamiltonianSamples {
        let starts = stride(from: 0.25, through: 1.5, by: 0.25).map { (q: [$0], p: [0.0]) }
        return try HamiltonianSamples.trajectories(
            of: Pendulum(), from: starts, duration: 7, stepSize: 0.01, saveEvery: 20)
    }

    @Test func symplecticGradientIsTheInputGradient() throws {
        let model = try HamiltonianNeuralNetwork(degreesOfFreedom: 2, hiddenWidths: [8, 8], seed: 3)
        let (q, p) = ([0.3, -0.7], [1.1, 0.2])
        var dHdq = [0.0, 0], dHdp = [0.0, 0]
        q.withUnsafeBufferPointer { q in
            p.withUnsafeBufferPointer { p in
                dHdq.withUnsafeMutableBufferPointer { a in dHdp.withUnsafeMutableBufferPointer { b in model.gradient(q, p, a, b) } }
            }
        }
        let e = 1e-6
        func energy(_ q: [Double], _ p: [Double]) -> Double {
            q.withUnsafeBufferPointer { q in p.withUnsafeBufferPointer { p in model.energy(q, p) } }
        }
        for i in 0..<2 {
            var qp = q, qm = q, pp = p, pm = p
            qp[i] += e; qm[i] -= e; pp[i] += e; pm[i] -= e
            #expect(abs((energy(qp, p) - energy(qm, p)) / (2 * e) - dHdq[i]) < 1e-8)
            #expect(abs((energy(q, pp) - energy(q, pm)) / (2 * e) - dHdp[i]) < 1e-8)
        }
    }

    /// The forward-over-reverse parameter gradient of the derivative-matching loss equals
    /// central differences.
    @Test func derivativeMatchingGradientMatchesFiniteDifferences() throws {
        let model = try HamiltonianNeuralNetwork(degreesOfFreedom: 1, hiddenWidths: [6, 5], seed: 7)
        let samples = try HamiltonianSamples.trajectories(
            of: Pendulum(), from: [(q: [1], p: [0]), (q: [0.2], p: [0.9])], duration: 3, stepSize: 0.05, saveEvery: 6)
        let loss = try HamiltonianDerivativeMatching(network: model.network, samples: samples)
        var gradient = [Double](repeating: 0, count: model.parameters.count), scratch = gradient
        func value(_ x: [Double]) -> Double {
            x.withUnsafeBufferPointer { x in scratch.withUnsafeMutableBufferPointer { loss.evaluate(x, gradient: $0) } }
        }
        _ = model.parameters.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { loss.evaluate(x, gradient: $0) }
        }
        let e = 1e-6
        var worst = 0.0
        for k in model.parameters.indices {
            var plus = model.parameters, minus = model.parameters
            plus[k] += e
            minus[k] -= e
            worst = max(worst, abs((value(plus) - value(minus)) / (2 * e) - gradient[k]))
        }
        let scale = gradient.map(abs).max()!
        #expect(worst < 1e-6 * max(scale, 1), "largest difference \(worst), gradient scale \(scale)")
    }

    /// Trained on pendulum swings of amplitude 0.25…1.5, the network's own orbit from rest at
    /// amplitude 1 (Gauss-Legendre 4) keeps its learned energy to integrator accuracy — the
    /// error falls ~16× when the step halves and does not grow — and its period matches
    /// `4K(sin ½)` within 2%.
    @Test func learnsThePendulum() throws {
        var model = try HamiltonianNeuralNetwork(degreesOfFreedom: 1, hiddenWidths: [16, 16], seed: 1)
        let report = try HamiltonianTraining.train(
            &model, on: try Self.pendulumSamples(),
            options: HamiltonianTrainingOptions(adamIterations: 100, polishIterations: 150))
        #expect(report.finalLoss < 1e-3 * report.initialLoss, "loss \(report.initialLoss) → \(report.finalLoss)")
        func orbit(_ h: Double) throws -> GeometricSolution {
            let problem = try PartitionedProblem(model, q0: [1], p0: [0], from: 0, to: 30)
            return try solve(problem, with: .gauss4, options: GeometricOptions(stepSize: h, saveEvery: 1, energyEvery: 1))
        }
        let coarse = try orbit(0.1), fine = try orbit(0.05)
        #expect(fine.solution.status == .success)
        let coarseError = coarse.energyErrors.max()!, fineError = fine.energyErrors.max()!
        #expect(fineError < 1e-5, "energy error \(fineError)")
        #expect(coarseError / fineError > 10, "energy error \(coarseError) at h = 0.1, \(fineError) at h = 0.05")
        let errors = fine.energyErrors, tenth = errors.count / 10
        #expect(errors.suffix(tenth).max()! <= 2 * errors.prefix(tenth).max()! + 1e-12, "energy drifts")
        let exact = Pendulum().exactPeriod(amplitude: 1)
        let measured = Self.period(fine.solution)
        #expect(abs(measured / exact - 1) < 0.02, "period \(measured), exact \(exact)")
    }

    /// A mass-spring system `H = p²/(2m) + kq²/2` (m = 1, k = 2): period `2π√(m/k)`.
    @Test func learnsTheMassSpring() throws {
        let spring = SeparableHamiltonian.particle(
            degreesOfFreedom: 1, mass: 1, potentialGradient: { q, dV in dV[0] = 2 * q[0] }, potential: { q in q[0] * q[0] })
        let starts = [0.5, 1.0, 1.5].map { (q: [$0], p: [0.0]) }
        let samples = try HamiltonianSamples.trajectories(of: spring, from: starts, duration: 4.5, stepSize: 0.01, saveEvery: 15)
        var model = try HamiltonianNeuralNetwork(degreesOfFreedom: 1, hiddenWidths: [16, 16], seed: 2)
        try HamiltonianTraining.train(
            &model, on: samples, options: HamiltonianTrainingOptions(adamIterations: 100, polishIterations: 150))
        let problem = try PartitionedProblem(model, q0: [1], p0: [0], from: 0, to: 25)
        let orbit = try solve(problem, with: .gauss4, options: GeometricOptions(stepSize: 0.05, energyEvery: 1))
        let exact = 2 * Double.pi / 2.0.squareRoot()
        let measured = Self.period(orbit.solution)
        #expect(abs(measured / exact - 1) < 0.02, "period \(measured), exact \(exact)")
        #expect(orbit.energyErrors.max()! < 1e-5)
    }

    @Test func rejectsMisuse() throws {
        #expect(throws: NeuralError.self) {
            try HamiltonianNeuralNetwork(network: try MLP(widths: [2, 4, 2], activation: .tanh), parameters: [Double](repeating: 0, count: 22))
        }
        #expect(throws: NeuralError.self) {
            try HamiltonianNeuralNetwork(network: try MLP(widths: [2, 4, 1], activation: .tanh), parameters: [0])
        }
        let samples = try HamiltonianSamples(degreesOfFreedom: 1, states: [1, 0], derivatives: [0, -1])
        var model = try HamiltonianNeuralNetwork(degreesOfFreedom: 2, hiddenWidths: [4])
        #expect(throws: NeuralError.self) { try HamiltonianTraining.train(&model, on: samples) }
        #expect(throws: ODEError.self) { try HamiltonianSamples(degreesOfFreedom: 1, states: [1, 0], derivatives: [0]) }
        #expect(throws: ODEError.self) { try HamiltonianSamples(degreesOfFreedom: 1, states: [1, .nan], derivatives: [0, 1]) }
    }
}
