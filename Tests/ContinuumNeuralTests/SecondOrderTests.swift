import ContinuumNeural
import ContinuumNumerics
import Testing

@Suite("MLP forward-mode and second-order products")
struct SecondOrderTests {
    /// σ″ against central differences of σ′ (h = 1e-6) to 1e-8.
    @Test(arguments: Activation.allCases)
    func secondDerivativeMatchesFiniteDifferences(_ activation: Activation) {
        let failures = expectDerivative(
            { activation.secondDerivative($0, value: activation.value($0)) }, of: { activation.derivative($0) },
            over: stride(from: -3.0, through: 3.0, by: 0.41), tolerance: 1e-8, "\(activation)")
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The directional derivative of the VJP along u against central differences of the VJP at
    /// x ± h u (h = 1e-5), to 1e-7 of the largest entry, for a batch of two rows; the first-order
    /// outputs equal the plain VJP; the JVP equals the difference quotient of the output.
    @Test(arguments: Activation.allCases)
    func vjpDerivativeMatchesFiniteDifferences(_ activation: Activation) throws {
        let mlp = try MLP(
            widths: [3, 6, 4, 2], activation: activation, outputActivation: activation == .relu ? .softplus : activation
        )
        var stream = RandomStream(seed: 21)
        let theta = mlp.initialParameters(
            weights: .glorotNormal, biases: .normal(standardDeviation: 0.3), stream: &stream)
        let x = (0..<6).map { _ in stream.nextNormal() }
        let u = (0..<6).map { _ in stream.nextNormal() }
        let v = (0..<4).map { _ in stream.nextNormal() }
        let workspace = mlp.makeWorkspace(batchCapacity: 2)
        let (gx, gTheta) = mlp.vjp(x, theta, v, workspace)
        // Output buffers owned here (zeroed), so the call sees four distinct mutable buffers.
        func zeros(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            buffer.initialize(repeating: 0)
            return buffer
        }
        let gx2 = zeros(6)
        let gTheta2 = zeros(mlp.parameterCount)
        let gxDotBuffer = zeros(6)
        let gThetaDotBuffer = zeros(mlp.parameterCount)
        let outputTangentBuffer = zeros(4)
        defer { [gx2, gTheta2, gxDotBuffer, gThetaDotBuffer, outputTangentBuffer].forEach { $0.deallocate() } }
        theta.withUnsafeBufferPointer { tb in
            v.withUnsafeBufferPointer { vb in
                u.withUnsafeBufferPointer { ub in
                    mlp.vjpDirectionalDerivative(
                        vb, along: ub, parameters: tb, inputCotangent: gx2, accumulatingInto: gTheta2,
                        inputCotangentTangent: gxDotBuffer, accumulatingTangentInto: gThetaDotBuffer,
                        workspace: workspace)
                    mlp.jvp(ub, parameters: tb, into: outputTangentBuffer, workspace: workspace)
                }
            }
        }
        let gxDot = Array(gxDotBuffer)
        let gThetaDot = Array(gThetaDotBuffer)
        let outputTangent = Array(outputTangentBuffer)
        #expect(Array(gx2) == gx && Array(gTheta2) == gTheta)
        let h = 1e-5
        let plus = zip(x, u).map { $0 + h * $1 }
        let minus = zip(x, u).map { $0 - h * $1 }
        let (gxPlus, gThetaPlus) = mlp.vjp(plus, theta, v, workspace)
        let (gxMinus, gThetaMinus) = mlp.vjp(minus, theta, v, workspace)
        func check(_ analytic: [Double], _ plus: [Double], _ minus: [Double], _ what: String) {
            let numeric = zip(plus, minus).map { ($0 - $1) / (2 * h) }
            let scale = max(numeric.map { abs($0) }.max()!, 1e-3)
            for k in analytic.indices {
                #expect(abs(analytic[k] - numeric[k]) <= 1e-7 * scale, "\(activation) \(what) \(k)")
            }
        }
        check(gxDot, gxPlus, gxMinus, "input")
        check(gThetaDot, gThetaPlus, gThetaMinus, "parameters")
        check(outputTangent, mlp.outputs(plus, theta, workspace), mlp.outputs(minus, theta, workspace), "JVP")
    }

    /// Σᵢ of the parameter output with u = v = eᵢ is ∇θ tr(∂f/∂x): checked against central
    /// differences of the exact divergence in θ (h = 1e-5) to 1e-7.
    @Test func divergenceGradient() throws {
        let mlp = try MLP(widths: [2, 8, 2], activation: .softplus)
        var stream = RandomStream(seed: 6)
        let theta = mlp.initialParameters(biases: .uniform(bound: 0.5), stream: &stream)
        let workspace = mlp.makeWorkspace()
        let x = [0.7, -0.3]
        func divergence(_ theta: [Double]) -> Double {
            var out = [0.0, 0]
            return x.withUnsafeBufferPointer { xb in
                theta.withUnsafeBufferPointer { tb in
                    out.withUnsafeMutableBufferPointer {
                        mlp.forward(xb, parameters: tb, into: $0, workspace: workspace)
                    }
                    return mlp.divergence(parameters: tb, workspace: workspace)
                }
            }
        }
        _ = divergence(theta)
        var gradient = [Double](repeating: 0, count: mlp.parameterCount)
        theta.withUnsafeBufferPointer { tb in
            for i in 0..<2 {
                let unit = i == 0 ? [1.0, 0] : [0.0, 1]
                unit.withUnsafeBufferPointer { e in
                    gradient.withUnsafeMutableBufferPointer {
                        mlp.vjpDirectionalDerivative(
                            e, along: e, parameters: tb, inputCotangentTangent: nil, accumulatingTangentInto: $0,
                            workspace: workspace)
                    }
                }
            }
        }
        let h = 1e-5
        let scale = gradient.map { abs($0) }.max()!
        for k in theta.indices {
            var plus = theta
            var minus = theta
            plus[k] += h
            minus[k] -= h
            #expect(abs(gradient[k] - (divergence(plus) - divergence(minus)) / (2 * h)) <= 1e-7 * scale, "entry \(k)")
        }
    }
}
