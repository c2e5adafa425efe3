import ContinuumModels
import ContinuumNeural
import ContinuumNumerics
import Foundation
import Testing

/// The deep limit's convergence orders, the leapfrog blocks' volume preservation, and seeds.
@Suite("ResNet structure")
struct ResNetStructureTests {
    /// A smooth `θ(t)` (three Legendre polynomials) with seeded weights of order one.
    static func smoothNetwork(_ scheme: ResidualScheme) throws -> (ResNet, [Double], [Double]) {
        let net = try ResNet(
            inputWidth: 2, width: 4, outputWidth: 2, depth: 1, horizon: 1, scheme: scheme,
            schedule: .legendre(count: 3), lifting: .padding, hidden: [8])
        let theta = net.initialParameters(seed: 21)
        let features = [0.5, -0.3, 0.2, 0.1, -0.6, 0.4, -0.2, 0.3]
        return (net, theta, features)
    }

    @Test(arguments: [("euler", 1.0, [16, 32, 64, 128, 256]), ("rk4", 4.0, [8, 16, 32, 64]), ("leapfrog", 2.0, [8, 16, 32, 64])])
    func deepLimitConvergesAtTheSchemesOrder(name: String, order: Double, depths: [Int]) throws {
        let (net, theta, features) = try Self.smoothNetwork(ResidualScheme.named(name)!)
        let reference = try DeepLimit.reference(net, parameters: theta, features: features)
        let points = try DeepLimit.errors(net, parameters: theta, features: features, reference: reference, depths: depths)
        let observed = try #require(DeepLimit.observedOrder(points))
        #expect(abs(observed - order) <= 0.2, "\(name): observed order \(observed), errors \(points.map(\.error))")
    }

    /// `det ∂x_N/∂x₀ = 1`: every kick and drift is a shear.
    @Test func leapfrogBlocksPreserveVolume() throws {
        for schedule in [WeightSchedule.independent, .legendre(count: 3)] {
            let net = try ResNet(
                inputWidth: 2, width: 6, outputWidth: 2, depth: 12, horizon: 3, scheme: .leapfrog, schedule: schedule,
                hidden: [10])
            var theta = net.initialParameters(seed: 5)
            var stream = RandomStream(seed: 6)
            for k in theta.indices { theta[k] += 0.5 * stream.nextNormal() }
            let jacobian = net.flowJacobian(
                at: [0.4, -1.1, 0.7, 0.2, -0.3, 0.9], parameters: theta, workspace: net.makeWorkspace())
            let rows = (0..<6).map { Array(jacobian[($0 * 6)..<($0 * 6 + 6)]) }
            let determinant = LUDecomposition(factoring: DenseMatrix(rows)).determinant
            let offDiagonal = (0..<36).filter { $0 % 7 != 0 }.map { abs(jacobian[$0]) }.max()!
            #expect(offDiagonal > 0.1, "the map should be far from the identity")
            #expect(abs(determinant - 1) <= 1e-10, "\(schedule): det = \(determinant)")
        }
        // An Euler ResNet of the same shape does not preserve volume.
        let euler = try ResNet(inputWidth: 2, width: 6, outputWidth: 2, depth: 12, horizon: 3, scheme: .euler, hidden: [10])
        var theta = euler.initialParameters(seed: 5)
        var stream = RandomStream(seed: 6)
        for k in theta.indices { theta[k] += 0.5 * stream.nextNormal() }
        let jacobian = euler.flowJacobian(at: [0.4, -1.1, 0.7, 0.2, -0.3, 0.9], parameters: theta, workspace: euler.makeWorkspace())
        let determinant = LUDecomposition(factoring: DenseMatrix((0..<6).map { Array(jacobian[($0 * 6)..<($0 * 6 + 6)]) })).determinant
        #expect(abs(determinant - 1) > 1e-3)
    }

    /// The exact flow Jacobian matches central differences of the flow.
    @Test func flowJacobianMatchesFiniteDifferences() throws {
        let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 5, scheme: .rk4, schedule: .piecewiseLinear(nodes: 3), hidden: [6])
        let theta = net.initialParameters(seed: 8)
        let x = [0.3, -0.2, 0.5, 0.9]
        let workspace = net.makeWorkspace()
        let jacobian = net.flowJacobian(at: x, parameters: theta, workspace: workspace)
        func flow(_ y: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: 4)
            theta.withUnsafeBufferPointer { p in
                y.withUnsafeBufferPointer { yb in out.withUnsafeMutableBufferPointer { net.flow(yb, parameters: p, into: $0, workspace: workspace) } }
            }
            return out
        }
        let epsilon = 1e-6
        for column in 0..<4 {
            var plus = x, minus = x
            plus[column] += epsilon
            minus[column] -= epsilon
            let (fp, fm) = (flow(plus), flow(minus))
            for row in 0..<4 {
                #expect(abs((fp[row] - fm[row]) / (2 * epsilon) - jacobian[row * 4 + column]) < 1e-8)
            }
        }
    }

    /// The data, the initial weights, training and the stochastic blocks' noise depend only on seeds.
    @Test func everythingIsReproducibleFromTheSeed() throws {
        let (a, b) = (TwoSpirals.trainAndTest(trainPerClass: 20, testPerClass: 10, seed: 3),
                      TwoSpirals.trainAndTest(trainPerClass: 20, testPerClass: 10, seed: 3))
        #expect(a.train.inputs == b.train.inputs && a.test.inputs == b.test.inputs && a.train.labels == b.train.labels)
        #expect(a.train.inputs != a.test.inputs.prefix(40).map { $0 } + [])
        let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 4, scheme: .eulerMaruyama(noise: 0.2), hidden: [8])
        let options = ResNetTrainingOptions(epochs: 3, batchSize: 8, learningRate: 1e-2, seed: 7)
        var first = net.initialParameters(seed: 1)
        var second = net.initialParameters(seed: 1)
        #expect(first == second)
        let lossesA = try ResNetClassifier.train(net, parameters: &first, inputs: a.train.inputs, labels: a.train.labels, options: options)
        let lossesB = try ResNetClassifier.train(net, parameters: &second, inputs: a.train.inputs, labels: a.train.labels, options: options)
        #expect(first == second && lossesA == lossesB)
        var other = net.initialParameters(seed: 1)
        var changed = options
        changed.seed = 8
        _ = try ResNetClassifier.train(net, parameters: &other, inputs: a.train.inputs, labels: a.train.labels, options: changed)
        #expect(other != first)
    }

    /// A short training run separates the spirals well above chance (the ≥ 98 % bar is measured
    /// in release by `continuum resnet`).
    @Test func shortTrainingLearnsTheSpirals() throws {
        let data = TwoSpirals.trainAndTest(trainPerClass: 100, testPerClass: 100, seed: 1)
        let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 8, horizon: 2, scheme: .euler, hidden: [16])
        var theta = net.initialParameters(seed: 1)
        let before = ResNetClassifier.accuracy(net, parameters: theta, inputs: data.test.inputs, labels: data.test.labels)
        let losses = try ResNetClassifier.train(
            net, parameters: &theta, inputs: data.train.inputs, labels: data.train.labels,
            options: ResNetTrainingOptions(epochs: 40, batchSize: 20, learningRate: 2e-2, seed: 1))
        let after = ResNetClassifier.accuracy(net, parameters: theta, inputs: data.test.inputs, labels: data.test.labels)
        #expect(losses.last! < 0.6 * losses.first!)
        #expect(after >= 0.95 && after > before, "test accuracy \(before) → \(after)")
    }

    /// With the fields' output weights scaled to zero (biases start at zero), every block is the
    /// identity; bad configurations are typed errors.
    @Test func zeroFieldsGiveTheIdentityAndBadSizesThrow() throws {
        for name in ["euler", "rk4", "leapfrog"] {
            let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 5, scheme: ResidualScheme.named(name)!)
            let theta = net.initialParameters(seed: 3, fieldScale: 0)
            let x = [0.2, -0.4, 0.6, 0.1]
            var out = [Double](repeating: 0, count: 4)
            theta.withUnsafeBufferPointer { p in
                x.withUnsafeBufferPointer { xb in
                    out.withUnsafeMutableBufferPointer { net.flow(xb, parameters: p, into: $0, workspace: net.makeWorkspace()) }
                }
            }
            #expect(out == x, "\(name)")
        }
        #expect(throws: ResNetError.self) { try ResNet(inputWidth: 2, width: 3, outputWidth: 2, depth: 4, scheme: .leapfrog) }
        #expect(throws: ResNetError.self) { try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 0, scheme: .euler) }
        #expect(throws: ResNetError.self) {
            try ResNet(inputWidth: 5, width: 4, outputWidth: 2, depth: 4, scheme: .euler, lifting: .padding)
        }
        #expect(throws: ResNetError.self) {
            try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 4, scheme: .euler, schedule: .piecewiseLinear(nodes: 1))
        }
        let net = try ResNet(inputWidth: 2, width: 4, outputWidth: 2, depth: 4, scheme: .euler)
        var theta = net.initialParameters(seed: 1)
        #expect(throws: ResNetError.self) {
            try ResNetClassifier.train(net, parameters: &theta, inputs: [0, 1], labels: [3], options: ResNetTrainingOptions())
        }
        #expect(throws: ResNetError.self) {
            try DeepLimit.errors(net, parameters: theta, features: [0, 0, 0, 0], reference: [0, 0, 0, 0], depths: [2])
        }
    }
}
