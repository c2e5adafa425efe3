import ContinuumModels
import ContinuumNeural
import ContinuumNumerics
import Foundation
import Testing

/// Back-propagation through the blocks (the discrete adjoint) against central differences of the
/// same discrete network, for every scheme, weight schedule and lifting.
@Suite("ResNet gradient")
struct ResNetGradientTests {
    static let inputs = [0.3, -0.7, -0.4, 0.9, 0.8, 0.1]
    static let labels = [0, 2, 1]

    /// The mean softmax cross-entropy of the three samples and, with `gradient`, its gradient.
    static func loss(_ net: ResNet, _ theta: [Double], gradient: inout [Double]?) -> Double {
        let workspace = net.makeWorkspace(batchCapacity: 3)
        if case .eulerMaruyama = net.scheme { workspace.noise = RandomStream(seed: 9) }
        var logits = [Double](repeating: 0, count: 3 * net.outputWidth)
        var cotangent = logits
        return theta.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                logits.withUnsafeMutableBufferPointer { z in
                    net.forward(x, parameters: p, into: z, workspace: workspace)
                    let value = labels.withUnsafeBufferPointer { y in
                        cotangent.withUnsafeMutableBufferPointer { v in
                            SoftmaxCrossEntropy.evaluate(logits: UnsafeBufferPointer(z), labels: y, classes: 3, gradient: v)
                        }
                    }
                    if gradient != nil {
                        cotangent.withUnsafeBufferPointer { v in
                            gradient!.withUnsafeMutableBufferPointer {
                                net.backward(v, parameters: p, accumulatingInto: $0, workspace: workspace)
                            }
                        }
                    }
                    return value
                }
            }
        }
    }

    static let cases: [(String, WeightSchedule, ResNet.Lifting)] = [
        ("euler", .independent, .dense), ("heun", .piecewiseLinear(nodes: 3), .dense),
        ("rk4", .legendre(count: 3), .padding), ("rk4", .piecewiseLinear(nodes: 4), .dense),
        ("leapfrog", .independent, .padding), ("leapfrog", .legendre(count: 2), .dense),
        ("stochastic", .independent, .dense),
    ]

    @Test(arguments: 0..<cases.count)
    func backpropagationMatchesCentralDifferences(index: Int) throws {
        let (name, schedule, lifting) = Self.cases[index]
        let net = try ResNet(
            inputWidth: 2, width: 4, outputWidth: 3, depth: 3, horizon: 1.5, scheme: ResidualScheme.named(name, noise: 0.3)!,
            schedule: schedule, lifting: lifting, hidden: [5])
        var theta = net.initialParameters(seed: 4)
        var stream = RandomStream(seed: 11)
        for k in theta.indices { theta[k] += 0.3 * stream.nextNormal() }  // nonzero biases too
        var gradient: [Double]? = [Double](repeating: 0, count: net.parameterCount)
        _ = Self.loss(net, theta, gradient: &gradient)
        var none: [Double]?
        let epsilon = 1e-5
        var worst = 0.0
        var largest = 0.0
        for k in theta.indices {
            var plus = theta, minus = theta
            plus[k] += epsilon
            minus[k] -= epsilon
            let difference = (Self.loss(net, plus, gradient: &none) - Self.loss(net, minus, gradient: &none)) / (2 * epsilon)
            worst = max(worst, abs(difference - gradient![k]))
            largest = max(largest, abs(difference))
        }
        #expect(largest > 1e-3, "\(name): the gradient should not vanish")
        #expect(worst <= 1e-7 * largest, "\(name) \(schedule) \(lifting): max error \(worst), max |∂L| \(largest)")
    }
}
