import ContinuumODE
import Testing

/// Separability detection and Hamiltonians given as the first component of a differentiable field.
@Suite struct SymplecticSeparabilityTests {
    /// `(H, 0)` over `(q, p)` with `H = p²/2 + q⁴/4 + c·q·p`, differentiated by hand.
    struct QuarticField: DifferentiableVectorField {
        let coupling: Double
        var dimension: Int { 2 }
        var parameterCount: Int { 0 }
        func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
            dy[0] = y[1] * y[1] / 2 + y[0] * y[0] * y[0] * y[0] / 4 + coupling * y[0] * y[1]
            dy[1] = 0
        }
        func vectorJacobianProduct(
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
            stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
        ) {
            stateProduct[0] = v[0] * (y[0] * y[0] * y[0] + coupling * y[1])
            stateProduct[1] = v[0] * (y[1] + coupling * y[0])
        }
    }

    @Test func separableAndCoupledHamiltoniansAreTold() {
        #expect(SeparableHamiltonian.kepler.appearsSeparable(near: [0.4, 0], [0, 2]))
        #expect(SeparableHamiltonian.henonHeiles.appearsSeparable(near: [0, 0.1], [0.4, 0]))
        #expect(ScalarFieldHamiltonian(QuarticField(coupling: 0)).appearsSeparable(near: [1], [0]))
        #expect(!ScalarFieldHamiltonian(QuarticField(coupling: 0.1)).appearsSeparable(near: [1], [0]))
        #expect(!SymplecticCollocationTests.coupled.appearsSeparable(near: [1], [0.5]))
    }

    @Test func fieldHamiltonianMatchesItsClosedForm() throws {
        let h = ScalarFieldHamiltonian(QuarticField(coupling: 0))
        let problem = try PartitionedProblem(h, q0: [1], p0: [0], from: 0, to: 10)
        let result = try solve(problem, with: SplittingMethod.yoshida4, options: GeometricOptions(stepSize: 0.01, energyEvery: 1))
        #expect(result.energies.first == 0.25)
        #expect(result.energyErrors.max()! < 1e-7)
        // The same orbit through the implicit solver.
        let gauss = try solve(problem, with: CollocationMethod.gauss6, options: GeometricOptions(stepSize: 0.01, saveEvery: 0))
        #expect(SymplecticTestProblems.distance(gauss.solution.finalState!, result.solution.finalState!) < 1e-7)
    }
}
