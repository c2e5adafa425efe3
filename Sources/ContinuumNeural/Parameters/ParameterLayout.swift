import ContinuumNumerics

/// One named slice of a flat parameter vector: a weight matrix or a bias vector.
public struct ParameterBlock: Sendable, Hashable {
    /// What the block holds, which decides how initialisers treat it.
    public enum Kind: Sendable, Hashable { case weight, bias }

    /// A readable name such as `"layer1.weight"`.
    public let name: String
    public let kind: Kind
    /// Index of the block's first entry in the flat vector.
    public let offset: Int
    /// Number of entries.
    public let count: Int
    /// Inputs feeding each output unit (initialisers scale by it).
    public let fanIn: Int
    /// Output units fed by each input.
    public let fanOut: Int

    /// The indices `offset ..< offset + count`.
    public var range: Range<Int> { offset..<(offset + count) }
}

/// The layout of all parameters of a model in one contiguous `[Double]`.
///
/// Models never own their parameters: forward passes and vector-Jacobian products read a flat
/// buffer and write gradients into a buffer of the same shape, so optimisers, adjoints and file
/// formats see one vector. Composite models concatenate layouts with ``appending(_:)`` and hand each
/// part the slice `offset ..< offset + part.count`.
///
/// ```swift
/// let drift = try MLP(widths: [2, 50, 2], activation: .tanh)
/// let diffusion = try MLP(widths: [2, 16, 2], activation: .softplus)
/// let (layout, diffusionOffset) = drift.layout.appending(diffusion.layout)
/// var theta = [Double](repeating: 0, count: layout.count)   // drift first, then diffusion
/// ```
public struct ParameterLayout: Sendable, Hashable {
    /// The blocks in storage order; they tile `0 ..< count` without gaps.
    public private(set) var blocks: [ParameterBlock]
    /// Total number of parameters.
    public private(set) var count: Int

    /// An empty layout.
    public init() {
        blocks = []
        count = 0
    }

    /// Adds a block at the end and returns its offset.
    @discardableResult
    public mutating func append(_ name: String, kind: ParameterBlock.Kind, count n: Int, fanIn: Int, fanOut: Int) -> Int
    {
        let offset = count
        blocks.append(ParameterBlock(name: name, kind: kind, offset: offset, count: n, fanIn: fanIn, fanOut: fanOut))
        count += n
        return offset
    }

    /// This layout followed by `other` (its blocks shifted), and the offset where `other` starts.
    public func appending(_ other: ParameterLayout) -> (layout: ParameterLayout, offset: Int) {
        var result = self
        for block in other.blocks {
            result.append(block.name, kind: block.kind, count: block.count, fanIn: block.fanIn, fanOut: block.fanOut)
        }
        return (result, count)
    }

    /// A new parameter vector: every weight block filled by `weights`, every bias block by
    /// `biases`, drawing from `stream` block by block in storage order (so a seed fixes it).
    public func initialize(
        weights: Initializer = .glorotUniform, biases: Initializer = .zeros, stream: inout RandomStream
    ) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { buffer in
            for block in blocks {
                let slice = UnsafeMutableBufferPointer(rebasing: buffer[block.range])
                let initializer = block.kind == .weight ? weights : biases
                initializer.fill(slice, fanIn: block.fanIn, fanOut: block.fanOut, stream: &stream)
            }
        }
        return values
    }

    /// PyTorch's default for `nn.Linear`: weights and biases uniform on `±1/√fanIn`.
    public func initializeLikePyTorch(stream: inout RandomStream) -> [Double] {
        initialize(weights: .pyTorchLinear, biases: .pyTorchLinear, stream: &stream)
    }
}
