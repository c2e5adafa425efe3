import ContinuumIO
import ContinuumODE
import Foundation
import Testing

/// Exact derivatives from the symbolic compiler against hand-derived Jacobians and central differences.
@Suite struct DerivativeTests {
    struct System: CustomStringConvertible, Sendable {
        let rhs: String
        let variables: [String]
        let parameters: [String: Double]
        /// Box the random evaluation points are drawn from (away from kinks and singularities).
        let range: ClosedRange<Double>
        var description: String { rhs }

        func field() throws -> ExpressionVectorField {
            let names = parameters.keys.sorted()
            return try ExpressionVectorField(rhs: rhs, variables: variables, parameterNames: names,
                                             parameterValues: names.map { parameters[$0]! })
        }
    }

    static let systems: [System] = [
        System(rhs: "sigma*(y-x), x*(rho-z)-y, x*y-beta*z", variables: ["x", "y", "z"],
               parameters: ["sigma": 10, "rho": 28, "beta": 8.0 / 3.0], range: -20...20),
        System(rhs: "v, mu*(1-x^2)*v - x", variables: ["x", "v"], parameters: ["mu": 3], range: -3...3),
        System(rhs: "a + x^2*y - (b+1)*x, b*x - x^2*y", variables: ["x", "y"], parameters: ["a": 1, "b": 3], range: 0.1...4),
        System(rhs: """
               sin(a*x) * exp(-t*y) + tan(y/3) - 2^(z*t),
               sqrt(1 + x^2) * log(2 + cos(t*x)) - tanh(b*y) / (1 + z^2),
               pow(abs(x) + 1, b) / (1 + y^2) + min(x, y) * max(a, z) - z^3 + pow(x^2 + 1, y/4) + x^-2
               """, variables: ["x", "y", "z"], parameters: ["a": 0.7, "b": 1.3], range: 0.2...1.5),
        System(rhs: """
               u, w,
               x + 2*w - nu*(x + mu)/((x + mu)^2 + y^2)^1.5 - mu*(x - nu)/((x - nu)^2 + y^2)^1.5,
               y - 2*u - nu*y/((x + mu)^2 + y^2)^1.5 - mu*y/((x - nu)^2 + y^2)^1.5
               """, variables: ["x", "y", "u", "w"], parameters: ["mu": 0.012277471, "nu": 0.987722529], range: 0.3...0.8),
        System(rhs: "-k*x*t + exp(-t) * q, q / (1 + t^2) - k^2 * x", variables: ["x", "q"], parameters: ["k": 0.3], range: -2...2),
    ]

    @Test(arguments: systems)
    func jacobianAndProductsMatchFiniteDifferences(system: System) throws {
        let field = try system.field()
        let (n, m) = (field.dimension, field.parameterCount)
        var generator = SplitMix64(seed: 2024)
        for _ in 0..<20 {
            let y = (0..<n).map { _ in Double.random(in: system.range, using: &generator) }
            let v = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
            let t = Double.random(in: 0...2, using: &generator)

            let exact = jacobian(field, t: t, y)
            let scale = exact.map(abs).max()!
            #expect(agree(exact, finiteDifferenceJacobian(field, t: t, y), relative: 1e-7, scale: scale),
                    "∂f/∂y at t = \(t), y = \(y)")

            let (stateProduct, parameterProduct) = vectorJacobianProduct(field, t: t, y, v)
            #expect(agree(stateProduct, transposedProduct(v, exact, columns: n), relative: 1e-13, scale: scale))
            #expect(agree(stateProduct, transposedProduct(v, finiteDifferenceJacobian(field, t: t, y), columns: n),
                          relative: 1e-7, scale: scale))
            let parameterJacobian = finiteDifferenceParameterJacobian(field, t: t, y)
            #expect(agree(parameterProduct, transposedProduct(v, parameterJacobian, columns: m), relative: 1e-7,
                          scale: max(1, parameterJacobian.map(abs).max() ?? 0)), "vᵀ∂f/∂θ at t = \(t), y = \(y)")
            #expect(agree(exact, jacobian(ProductsOnly(base: field), t: t, y), relative: 1e-14, scale: scale),
                    "the override agrees with the protocol's row-by-row default")
        }
    }

    @Test func lorenzJacobianByHand() throws {
        let (sigma, rho, beta) = (10.0, 28.0, 8.0 / 3.0)
        let field = try DerivativeTests.systems[0].field()
        #expect(field.parameterNames == ["beta", "rho", "sigma"])
        var generator = SplitMix64(seed: 1)
        for _ in 0..<50 {
            let y = (0..<3).map { _ in Double.random(in: -20...20, using: &generator) }
            let (x, yy, z) = (y[0], y[1], y[2])
            #expect(jacobian(field, y) == [-sigma, sigma, 0, rho - z, -1, -x, yy, x, -beta])
            let v = [0.3, -1.1, 2.0]
            let (state, parameters) = vectorJacobianProduct(field, y, v)
            let expected = [-sigma * v[0] + (rho - z) * v[1] + yy * v[2], sigma * v[0] - v[1] + x * v[2], -x * v[1] - beta * v[2]]
            #expect(agree(state, expected, relative: 1e-15, scale: 10))
            #expect(agree(parameters, [-z * v[2], x * v[1], (yy - x) * v[0]], relative: 1e-15, scale: 10))  // β, ρ, σ
        }
    }

    @Test func vanDerPolJacobianByHand() throws {
        let mu = 3.0
        let field = try DerivativeTests.systems[1].field()
        for (x, v) in [(0.5, -1.0), (2.0, 0.25), (-1.5, 3.0), (0.0, 0.0)] {
            #expect(agree(jacobian(field, [x, v]), [0, 1, -2 * mu * x * v - 1, mu * (1 - x * x)], relative: 1e-15))
            let (_, parameters) = vectorJacobianProduct(field, [x, v], [0, 1])
            #expect(agree(parameters, [(1 - x * x) * v], relative: 1e-15))
        }
    }

    @Test func kinksFollowTheSelectedBranch() throws {
        let field = try ExpressionVectorField(rhs: "abs(x) + min(x, y), max(x, 2*y)", variables: ["x", "y"])
        #expect(jacobian(field, [-1, 3]) == [-1 + 1, 0, 0, 2])
        #expect(jacobian(field, [2, -3]) == [1, 1, 1, 0])
        #expect(jacobian(field, [1, 3]) == [1 + 1, 0, 0, 2])
    }

    @Test func parameterFreeAndConstantFields() throws {
        let field = try ExpressionVectorField(rhs: "1, t, 2*x", variables: ["x", "y", "z"])
        #expect(jacobian(field, t: 5, [1, 2, 3]) == [0, 0, 0, 0, 0, 0, 2, 0, 0])
        let (state, parameters) = vectorJacobianProduct(field, [1, 2, 3], [1, 1, 1])
        #expect(state == [2, 0, 0] && parameters.isEmpty)
    }
}

/// Forwards everything but the Jacobian, so the protocol's default (built from products) is used.
struct ProductsOnly<Base: DifferentiableVectorField>: DifferentiableVectorField {
    let base: Base
    var dimension: Int { base.dimension }
    var parameterCount: Int { base.parameterCount }
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        base.evaluate(t, y, dy)
    }
    func vectorJacobianProduct(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        base.vectorJacobianProduct(t, y, v, stateProduct: stateProduct, parameterProduct: parameterProduct)
    }
}
