import ContinuumODE

extension EnergyDrift {
    /// Integrates a separable Hamiltonian with a splitting (or conformal) method at the fixed step
    /// `stepSize`, recording the energy every `recordEvery` steps.
    public static func measure<F: PartitionedVectorField & HamiltonianSystem, M: PartitionedStepper>(
        _ problem: PartitionedProblem<F>, method: M, stepSize: Double, recordEvery: Int = 1
    ) throws(ODEError) -> EnergyDrift {
        let options = GeometricOptions(stepSize: stepSize, saveEvery: 0, energyEvery: recordEvery)
        return EnergyDrift(try solve(problem, with: method, options: options))
    }

    /// Integrates a (possibly non-separable) Hamiltonian with an implicit symplectic method.
    public static func measure<F: HamiltonianSystem>(
        _ problem: PartitionedProblem<F>, method: CollocationMethod, stepSize: Double, recordEvery: Int = 1
    ) throws(ODEError) -> EnergyDrift {
        let options = GeometricOptions(stepSize: stepSize, saveEvery: 0, energyEvery: recordEvery)
        return EnergyDrift(try solve(problem, with: method, options: options))
    }

    /// Integrates Hamilton's equations as an ordinary ODE with `solver` through the ODE driver at
    /// the fixed step `stepSize` (adaptive solvers run with adaptivity off, so every method takes
    /// the same steps), recording the energy every `recordEvery` steps.
    public static func measure<F: HamiltonianSystem, S: ODESolver>(
        _ problem: PartitionedProblem<F>, solver: S, stepSize: Double, recordEvery: Int = 1
    ) throws(ODEError) -> EnergyDrift {
        guard recordEvery > 0 else { throw .invalidOption(name: "recordEvery", reason: "must be positive") }
        let field = HamiltonianVectorField(problem.field)
        let odeProblem = try ODEProblem(field, y0: problem.y0, from: problem.t0, to: problem.t1)
        var options = SolverOptions.fixedStep(stepSize)
        options.denseOutput = false
        let expected = try GeometricOptions(stepSize: stepSize).stepCount(t0: problem.t0, t1: problem.t1)
        options.maximumSteps = expected + 10
        let solution = try solve(odeProblem, with: solver, options: options)
        var times: [Double] = []
        var energies: [Double] = []
        let count = solution.count
        times.reserveCapacity(count / recordEvery + 2)
        energies.reserveCapacity(count / recordEvery + 2)
        solution.storage.withUnsafeBufferPointer { storage in
            for k in 0..<count where k % recordEvery == 0 || k == count - 1 {
                times.append(solution.times[k])
                let row = UnsafeBufferPointer(rebasing: storage[(k * field.dimension)..<((k + 1) * field.dimension)])
                energies.append(field.energy(row))
            }
        }
        return EnergyDrift(
            method: solver.name, times: times, energies: energies, steps: solution.statistics.acceptedSteps,
            status: solution.status)
    }

    /// The series of a geometric solve that recorded its energy.
    public init(_ result: GeometricSolution) {
        self.init(
            method: result.solution.methodName, times: result.energyTimes, energies: result.energies,
            steps: result.steps, status: result.solution.status)
    }
}
