import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Robertson's chemical kinetics (Hairer & Wanner II, IV.1).
private let robertsonField = ClosureVectorField(dimension: 3) { _, y, dy in
    dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
    dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
    dy[2] = 3e7 * y[1] * y[1]
}

/// `y' = M (y − g(t)) + g'(t)` with a constant `M` and its exact Jacobian; from `g(t₀)` the
/// solution is `g`. Counts the Jacobians it hands out.
private final class ForcedLinearField: DifferentiableVectorField {
    let m: [[Double]]
    let g: @Sendable (Double) -> [Double]
    let gDot: @Sendable (Double) -> [Double]
    var jacobianCalls = 0
    init(m: [[Double]], g: @escaping @Sendable (Double) -> [Double], gDot: @escaping @Sendable (Double) -> [Double]) {
        (self.m, self.g, self.gDot) = (m, g, gDot)
    }
    var dimension: Int { m.count }
    var parameterCount: Int { 0 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let (value, slope) = (g(t), gDot(t))
        for i in m.indices { dy[i] = slope[i] + m[i].indices.reduce(0) { $0 + m[i][$1] * (y[$1] - value[$1]) } }
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        for j in m.indices { stateProduct[j] = m.indices.reduce(0) { $0 + v[$1] * m[$1][j] } }
    }
    func jacobian(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) {
        jacobianCalls += 1
        for i in m.indices { for j in m.indices { jacobian[i * m.count + j] = m[i][j] } }
    }

    /// `M = Q B Qᵀ`, `B = diag([[−0.1, 1], [−1, −0.1]], −10³, −10⁴)`, `Q` the Householder reflection
    /// of (1, 2, 3, 4); `g = (2 + sin t) q₁ + cos(2t) q₂` lies in the slow invariant subspace, so the
    /// stiff modes are present but never forced (no order reduction).
    static func slowSubspace() -> ForcedLinearField {
        var q = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for i in 0..<4 { for j in 0..<4 { q[i][j] = (i == j ? 1 : 0) - Double(2 * (i + 1) * (j + 1)) / 30 } }
        let b: [Double] = [-1e3, -1e4]
        var m = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                // Q B Qᵀ with the 2 × 2 rotation block [[−0.1, 1], [−1, −0.1]] and the stiff diagonal.
                var sum = -0.1 * (q[i][0] * q[j][0] + q[i][1] * q[j][1]) + q[i][0] * q[j][1] - q[i][1] * q[j][0]
                for k in 2..<4 { sum += q[i][k] * b[k - 2] * q[j][k] }
                m[i][j] = sum
            }
        }
        let slow = (q.map { $0[0] }, q.map { $0[1] })
        return ForcedLinearField(
            m: m, g: { t in (0..<4).map { slow.0[$0] * (2 + sin(t)) + slow.1[$0] * cos(2 * t) } },
            gDot: { t in (0..<4).map { slow.0[$0] * cos(t) - slow.1[$0] * 2 * sin(2 * t) } })
    }

    /// Prothero and Robinson's test as in the Rosenbrock suite: eigenvalues −10³ and −10⁴, `g` forces
    /// the stiff modes.
    static func protheroRobinson() -> ForcedLinearField {
        ForcedLinearField(
            m: [[-5500, 4500], [4500, -5500]], g: { [sin($0) + 2, cos(2 * $0)] }, gDot: { [cos($0), -2 * sin(2 * $0)] })
    }
}

/// `y' = λy` with a hand-written Jacobian that may be wrong on purpose.
private struct LyingJacobianField: DifferentiableVectorField {
    var rate = -1.0
    let jacobianValue: Double
    var dimension: Int { 1 }
    var parameterCount: Int { 0 }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) { dy[0] = rate * y[0] }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) { stateProduct[0] = v[0] * jacobianValue }
}

/// The ESDIRK engine and its tableaux: the stiff reference problems, orders, order conditions,
/// failures and bookkeeping.
@Suite struct ESDIRKTests {
    static let names = ESDIRKMethod.all.map(\.name)

    /// The bar, read off the continuous extension (`saveAt`), relative errors measured as in the
    /// Rosenbrock suite (absolute below 1e-12): Robertson to t = 10¹⁰ at rtol = 1e-8, atol = 1e-14
    /// (Kvaerno5 1.4e-6, KenCarp4 7e-7) and Van der Pol μ = 1000 on [0, 3000] at rtol = 1e-8,
    /// atol = 1e-10 (Kvaerno5 3.0e-6, KenCarp4 6e-7).
    @Test(arguments: names, ["robertson", "vanderpol_mu1000"])
    func reproducesStiffReference(name: String, problem: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let reference = try ReferenceProblem.load(problem, from: RosenbrockTests.fixtures)
        let robertson = problem == "robertson"
        let field = robertson ? robertsonField : reference.field
        let start = try ODEProblem(field, y0: reference.y0, from: reference.t0, to: reference.times.last!)
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: robertson ? 1e-14 : 1e-10)
        options.saveAt = reference.times
        options.maximumSteps = 1_000_000
        let solution = try solve(start, with: method, options: options)
        #expect(solution.status == .success, "\(name): \(solution.message ?? "")")
        let error = reference.maximumRelativeError(solution.states, floor: 1e-12)
        #expect(error < 1e-5, "\(name) on \(problem): max relative error \(error), \(solution.statistics)")
    }

    /// Fixed-step global errors at the end of `[0, span]`, with the Newton iteration converged far
    /// below them.
    fileprivate static func globalErrors(_ method: ESDIRKMethod, field: ForcedLinearField, span: Double, steps: [Int]) throws -> [Double] {
        try steps.map { n in
            let problem = try ODEProblem(field, y0: field.g(0), from: 0, to: span)
            var options = SolverOptions.fixedStep(span / Double(n))
            options.tolerance = Tolerance(relative: 1e-13, absolute: 1e-15)
            let solution = try solve(problem, with: method, options: options)
            #expect(solution.statistics.acceptedSteps == n)
            return zip(try #require(solution.finalState), field.g(span)).map { abs($0 - $1) }.max()!
        }
    }

    /// Stiff modes present but not forced, `|hλ|` of them from 5·10³ down to 40: the classical order.
    @Test(arguments: names)
    func stiffLinearProblemHasNominalOrder(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let steps = [4, 8, 16, 32, 64]
        let errors = try Self.globalErrors(method, field: .slowSubspace(), span: 2, steps: steps)
        let observed = observedOrder(stepSizes: steps.map { 2 / Double($0) }, errors: errors, floor: 1e-13)
        #expect(abs(observed - Double(method.order)) <= 0.3, "\(name): observed \(observed); errors \(errors)")
    }

    /// Prothero-Robinson with the stiff modes forced (`|hλ|` from 2.5·10³ down to 30): the stage
    /// order (2 for an ESDIRK with an explicit first stage) limits convergence, O(h^(q+1)/|hλ|)
    /// (Hairer & Wanner II, IV.15): we observe 2.2 for both (local slopes rising from 2.1 to 2.5 as
    /// `|hλ|` falls), where the classical orders are 5 and 4.
    @Test(arguments: names)
    func protheroRobinsonShowsStageOrderReduction(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let steps = [4, 8, 16, 32, 64]
        let errors = try Self.globalErrors(method, field: .protheroRobinson(), span: 1, steps: steps)
        let observed = observedOrder(stepSizes: steps.map { 1 / Double($0) }, errors: errors)
        #expect(abs(observed - 2) <= 0.3, "\(name): observed \(observed); errors \(errors)")
        #expect(errors.last! < 1e-7, "\(name): errors \(errors)")
    }

    /// The continuous extension's local error at θ = 0.4 of one step from the exact state is
    /// O(h^(q+1)) for its order q, on the stiff linear problem; also for the Hermite interpolant.
    @Test(arguments: 0..<3)
    func denseOutputHasItsOrder(index: Int) throws {
        let k = ESDIRKTableau.kvaerno5
        let hermite = ESDIRKTableau(name: "hermite", displayName: "", gamma: k.gamma, a: k.a, b: k.b,
            embeddedWeights: k.embeddedWeights, c: k.c, order: 5, embeddedOrder: 4, denseOutput: .hermite)
        let method = index < 2 ? ESDIRKMethod.all[index] : ESDIRKMethod(hermite)
        let (name, field) = (method.name, ForcedLinearField.slowSubspace())
        let sizes = (0..<6).map { 0.5 / Double(1 << $0) }
        let errors = try sizes.map { h in
            let problem = try ODEProblem(field, y0: field.g(0.3), from: 0.3, to: 0.3 + h)
            var options = SolverOptions.fixedStep(h)
            options.tolerance = Tolerance(relative: 1e-13, absolute: 1e-15)
            options.denseOutput = true
            let solution = try solve(problem, with: method, options: options)
            return zip(try #require(solution.solution(at: 0.3 + 0.4 * h)), field.g(0.3 + 0.4 * h)).map { abs($0 - $1) }.max()!
        }
        let observed = observedOrder(stepSizes: Array(sizes.suffix(3)), errors: Array(errors.suffix(3)), floor: 1e-14)
        let nominal = Double(method.tableau.denseOutput.order + 1)
        #expect(abs(observed - nominal) <= 0.3, "\(name): local dense order \(observed); errors \(errors)")
    }

    /// A Jacobian full of NaN makes every iteration matrix singular: the solve ends with a status
    /// after ten attempts at the initial state, with the one Jacobian reused.
    @Test(arguments: names)
    func persistentlySingularMatrixEndsWithStatus(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let problem = try ODEProblem(LyingJacobianField(jacobianValue: .nan), y0: [1], from: 0, to: 1)
        let solution = try solve(problem, with: method)
        #expect(solution.status == .singularMatrix)
        #expect(solution.message?.contains("NaN") == true, "\(solution.message ?? "")")
        #expect(solution.finalTime == 0)
        #expect(solution.statistics.jacobianEvaluations == 1)
        #expect(solution.statistics.factorizations == 10)
    }

    /// `y' = −10¹² y` with the Jacobian +10¹²: the simplified Newton iteration's error is multiplied by
    /// about 2 per iteration at every step size above ~10⁻¹², so from h = 0.1 the solve ends with
    /// `.newtonDivergence` after ten attempts at the initial state, not with a crash.
    @Test(arguments: names)
    func persistentDivergenceEndsWithStatus(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let problem = try ODEProblem(LyingJacobianField(rate: -1e12, jacobianValue: 1e12), y0: [1], from: 0, to: 1)
        var options = SolverOptions()
        options.initialStepSize = 0.1  // ten failures shrink it to 1e-8, still far from converging
        let solution = try solve(problem, with: method, options: options)
        #expect(solution.status == .newtonDivergence, "\(solution.message ?? "")")
        #expect(solution.finalTime == 0)
        #expect(solution.statistics.rejectedSteps == 10)
    }

    /// Jacobians are kept while the iteration converges well, and the factorisation is shared by
    /// all stages of an attempt: fewer Jacobians than steps (far fewer with a lenient reuse
    /// threshold), one LU per attempt at most.
    @Test(arguments: names)
    func jacobianReuseShowsInStatistics(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let problem = try ODEProblem(robertsonField, y0: [1, 0, 0], from: 0, to: 1e5)
        let solution = try solve(problem, with: method, options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10))
        #expect(solution.status == .success)
        let stats = solution.statistics
        #expect(stats.jacobianEvaluations < stats.acceptedSteps, "\(name): \(stats)")
        #expect(stats.factorizations <= stats.steps, "\(name): \(stats)")
        #expect(stats.factorizations >= stats.jacobianEvaluations, "\(name): \(stats)")
        let lenient = ESDIRKMethod(method.tableau, jacobianReuseThreshold: 0.5)
        let reused = try solve(problem, with: lenient, options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-10))
        #expect(reused.status == .success)
        #expect(reused.statistics.jacobianEvaluations * 3 < reused.statistics.acceptedSteps, "\(name): \(reused.statistics)")
    }

    /// An exact Jacobian replaces finite differences: no evaluations of `f` for it.
    @Test func exactJacobianIsUsed() throws {
        let field = ForcedLinearField.slowSubspace()
        let problem = try ODEProblem(field, y0: field.g(0), from: 0, to: 1)
        let solution = try solve(problem, with: .kvaerno5, options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10))
        #expect(solution.status == .success)
        #expect(field.jacobianCalls == solution.statistics.jacobianEvaluations)
        for (a, b) in zip(solution.finalState!, field.g(1)) { #expect(abs(a - b) < 1e-7) }
    }

    /// Backwards in time, across stop times (where the driver restarts the method), with the
    /// continuous extension read between steps: `y' = −cos(t) y²`, `y = 1/(1 + sin t)`.
    @Test(arguments: names)
    func integratesBackwardsAcrossStopTimes(name: String) throws {
        let method = try #require(ESDIRKMethod.named(name))
        let exact = BackwardsAcrossStopTimes.exact
        let solution = try BackwardsAcrossStopTimes.solve(with: method)
        #expect(solution.status == .success, "\(solution.message ?? "")")
        #expect(solution.times.contains(1.5) && solution.times.contains(0.7))
        #expect(abs(solution.finalState![0] - 1) < 1e-7, "\(name): y(0) = \(solution.finalState![0])")
        for t in BackwardsAcrossStopTimes.denseTimes {
            let value = try #require(solution.solution(at: t))
            #expect(abs(value[0] - exact(t)) < 1e-6, "\(name): dense output at \(t)")
        }
    }

    /// `Σᵢ bᵢ Φᵢ(t) − 1/γ(t)` for every rooted tree up to `maxOrder`, over the full (diagonally
    /// implicit) matrix `a`: `Φᵢ(t) = Πⱼ (A Φ(tⱼ))ᵢ` for `t = [t₁, …]`.
    static func implicitResiduals(_ a: [[Double]], _ b: [Double], theta: Double = 1, upTo maxOrder: Int) -> [(Int, OrderConditionFloat)] {
        typealias R = OrderConditionFloat
        var products: [[R]] = []
        return RootedTree.all(upTo: maxOrder).map { tree in
            var phi = [R](repeating: 1, count: b.count)
            for child in tree.children { for i in phi.indices { phi[i] *= products[child][i] } }
            products.append(a.map { row in zip(row, phi).reduce(0) { $0 + R($1.0) * $1.1 } })
            let expected = (0..<tree.order).reduce(R(1) / R(tree.density)) { p, _ in p * R(theta) }
            return (tree.order, zip(b, phi).reduce(0) { $0 + R($1.0) * $1.1 } - expected)
        }
    }

    /// Row sums `Σⱼ aᵢⱼ = cᵢ`, the order conditions of `b` (order p, not p + 1) and `b̂` (order p̂),
    /// stiff accuracy, and the continuous extension: its order at several θ, `y(1) = y₁`, and
    /// bounded stiff components (`Σᵢ Dₖᵢ αᵢ = 0`, `zᵢ ≈ αᵢ hλ y` as `hλ → −∞`).
    @Test(arguments: ESDIRKTableau.all.map(\.name))
    func tableauSatisfiesItsConditions(name: String) throws {
        let tableau = try #require(ESDIRKTableau.all.first { $0.name == name })
        let (a, s) = (tableau.butcherMatrix, tableau.stageCount)
        for i in 0..<s { #expect(abs(a[i].reduce(0, +) - tableau.c[i]) < 1e-14, "\(name): row \(i)") }
        #expect(tableau.isStifflyAccurate)
        let main = Self.implicitResiduals(a, tableau.b, upTo: tableau.order + 1)
        for (order, r) in main where order <= tableau.order { #expect(abs(r) < 1e-13, "\(name): order \(order): \(r)") }
        #expect(main.contains { $0.0 == tableau.order + 1 && abs($0.1) > 1e-6 }, "\(name) has order \(tableau.order + 1)")
        let embedded = Self.implicitResiduals(a, tableau.embeddedWeights, upTo: tableau.embeddedOrder + 1)
        for (order, r) in embedded where order <= tableau.embeddedOrder { #expect(abs(r) < 1e-13, "\(name): embedded \(order)") }
        #expect(embedded.contains { $0.0 == tableau.embeddedOrder + 1 && abs($0.1) > 1e-6 })
        let weights = try #require(tableau.denseWeights)
        for theta in [0.3, 0.7, 1.0] {
            let b = (0..<s).map { i in weights.indices.reduce(0.0) { $0 + (i < weights[$1].count ? weights[$1][i] : 0) * pow(theta, Double($1 + 1)) } }
            for (order, r) in Self.implicitResiduals(a, b, theta: theta, upTo: tableau.denseOutput.order) {
                #expect(abs(r) < 1e-13, "\(name): dense θ = \(theta), order \(order): \(r)")
            }
            if theta == 1 { for i in 0..<s { #expect(abs(b[i] - tableau.b[i]) < 1e-13) } }
        }
        var alpha = [Double](repeating: 1, count: s)
        for i in 1..<s { alpha[i] = -(0..<i).reduce(0.0) { $0 + a[i][$1] * alpha[$1] } / tableau.gamma }
        #expect(abs(zip(tableau.b, alpha).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-13, "\(name): y₁ bounded")
        for row in weights { #expect(abs(zip(row, alpha).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-12, "\(name): dense bounded") }
    }

    @Test func catalogueAndLeadingDotAccess() throws {
        #expect(ESDIRKMethod.all.map(\.name) == ["kvaerno5", "kencarp4"])
        #expect(ESDIRKMethod.named("KenCarp4")?.name == "kencarp4")
        let problem = try ODEProblem(robertsonField, y0: [1, 0, 0], from: 0, to: 1)
        for method: ESDIRKMethod in [.kvaerno5, .kenCarp4] {
            let solution = try solve(problem, with: method)
            #expect(solution.status == .success && solution.methodName == method.name)
        }
    }
}
