import ContinuumNeural
import ContinuumNumerics
import Testing

@Suite("Parameter layout and initialisers")
struct InitializerTests {
    /// Sample variance of 100 000 draws within 5 standard errors of the target; the standard
    /// error of a sample variance is `σ² √((κ − 1)/n)` with kurtosis κ = 1.8 (uniform) or 3 (normal).
    @Test(arguments: [Initializer.glorotUniform, .glorotNormal, .heUniform, .heNormal, .pyTorchLinear])
    func varianceMatchesTheory(_ initializer: Initializer) {
        let fanIn = 200
        let fanOut = 500
        let n = fanIn * fanOut
        var values = [Double](repeating: 0, count: n)
        var stream = RandomStream(seed: 99)
        values.withUnsafeMutableBufferPointer { initializer.fill($0, fanIn: fanIn, fanOut: fanOut, stream: &stream) }
        let mean = values.reduce(0, +) / Double(n)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let target = initializer.variance(fanIn: fanIn, fanOut: fanOut)
        let kurtosis: Double
        switch initializer {
        case .glorotNormal, .heNormal: kurtosis = 3
        default: kurtosis = 1.8
        }
        #expect(abs(variance - target) < 5 * target * ((kurtosis - 1) / Double(n)).squareRoot())
        #expect(abs(mean) < 5 * (target / Double(n)).squareRoot())
    }

    /// Exact bounds: Glorot uniform stays in ±√(6/(nᵢ+nₒ)), PyTorch's default in ±1/√nᵢ.
    @Test func uniformBounds() {
        var stream = RandomStream(seed: 1)
        var values = [Double](repeating: 0, count: 5000)
        values.withUnsafeMutableBufferPointer {
            Initializer.glorotUniform.fill($0, fanIn: 20, fanOut: 30, stream: &stream)
        }
        #expect(values.allSatisfy { abs($0) <= (6.0 / 50).squareRoot() })
        values.withUnsafeMutableBufferPointer {
            Initializer.pyTorchLinear.fill($0, fanIn: 16, fanOut: 3, stream: &stream)
        }
        #expect(values.allSatisfy { abs($0) <= 0.25 } && values.contains { abs($0) > 0.24 })
    }

    /// The same seed gives the same parameters; another seed different ones; biases are zero by
    /// default and the layout tiles the vector.
    @Test func determinismAndLayout() throws {
        let mlp = try MLP(widths: [2, 50, 2], activation: .tanh)
        #expect(mlp.parameterCount == 2 * 50 + 50 + 50 * 2 + 2)
        var a = RandomStream(seed: 4)
        var b = RandomStream(seed: 4)
        var c = RandomStream(seed: 5)
        let first = mlp.initialParameters(stream: &a)
        #expect(first == mlp.initialParameters(stream: &b))
        #expect(first != mlp.initialParameters(stream: &c))
        let blocks = mlp.layout.blocks
        #expect(blocks.map(\.name) == ["layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"])
        #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.range.upperBound == $1.offset })
        #expect(first[blocks[1].range].allSatisfy { $0 == 0 })
        let (combined, offset) = mlp.layout.appending(mlp.layout)
        #expect(offset == mlp.parameterCount && combined.count == 2 * mlp.parameterCount)
        #expect(combined.blocks[5].offset == offset + blocks[1].offset)
    }
}
