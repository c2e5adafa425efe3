import ContinuumNeural
import ContinuumNumerics

/// The buffers of a ``ResNet`` pass over a batch of up to ``batchCapacity`` rows: the input, the
/// state after every block, the input of every stage (kick, drift) of every block, the logits,
/// cotangents, the blended weights `θ(t)` and the field networks' own workspaces.
///
/// A forward pass stores what back-propagation needs: the states at the stage inputs, from which
/// the backward pass re-runs each field network once before its vector-Jacobian product (the
/// activations of all `N · s` evaluations are not kept). Created once; not thread-safe.
public final class ResNetWorkspace {
    /// The largest batch.
    public let batchCapacity: Int
    /// Rows of the last forward pass.
    public internal(set) var rows = 0
    @usableFromInline func setRows(_ n: Int) { rows = n }
    /// The noise of stochastic blocks: drawn in order while set; nil makes the blocks deterministic
    /// (the mean-field network, for evaluation).
    public var noise: RandomStream?
    @usableFromInline let fieldWorkspace: MLPWorkspace
    @usableFromInline let velocityWorkspace: MLPWorkspace?
    @usableFromInline let storage: UnsafeMutablePointer<Double>
    @usableFromInline let count: Int
    @usableFromInline let stride: Int
    @usableFromInline let stages: Int
    @usableFromInline let depth: Int
    @usableFromInline let inputOffset, statesOffset, stageInputsOffset, slopesOffset: Int
    @usableFromInline let stateCotangentOffset, slopeCotangentsOffset, scratchOffset: Int
    @usableFromInline let gatherOffset, logitsOffset, thetaOffset, thetaGradientOffset, transposeOffset: Int

    init(_ net: ResNet, batchCapacity: Int) {
        let b = Swift.max(batchCapacity, 1)
        self.batchCapacity = b
        stride = b * net.width
        stages = net.scheme.stageCount
        depth = net.depth
        fieldWorkspace = net.field.makeWorkspace(batchCapacity: b)
        velocityWorkspace = net.velocity?.makeWorkspace(batchCapacity: b)
        var offset = 0
        func take(_ n: Int) -> Int {
            defer { offset += n }
            return offset
        }
        inputOffset = take(b * net.inputWidth)
        statesOffset = take((net.depth + 1) * stride)
        stageInputsOffset = take(net.depth * stages * stride)
        slopesOffset = take(stages * stride)
        stateCotangentOffset = take(stride)
        slopeCotangentsOffset = take(stages * stride)
        scratchOffset = take(stride)
        gatherOffset = take(3 * stride)
        logitsOffset = take(b * net.outputWidth)
        thetaOffset = take(net.setParameterCount)
        thetaGradientOffset = take(net.setParameterCount)
        transposeOffset = take(Swift.max(net.width * net.outputWidth, net.width * net.inputWidth))
        count = offset
        storage = .allocate(capacity: offset)
        storage.initialize(repeating: 0, count: offset)
    }

    deinit { storage.deallocate() }

    @inlinable var input: UnsafeMutablePointer<Double> { storage + inputOffset }
    /// `x_k` (`rows × width`), `k = 0 … N`.
    @inlinable func state(_ k: Int) -> UnsafeMutablePointer<Double> { storage + statesOffset + k * stride }
    /// The input of stage `i` of block `k`.
    @inlinable func stageInput(_ k: Int, _ i: Int) -> UnsafeMutablePointer<Double> {
        storage + stageInputsOffset + (k * stages + i) * stride
    }
    /// `Kᵢ` of the current block.
    @inlinable func slope(_ i: Int) -> UnsafeMutablePointer<Double> { storage + slopesOffset + i * stride }
    /// `x̄`.
    @inlinable var stateCotangent: UnsafeMutablePointer<Double> { storage + stateCotangentOffset }
    /// `K̄ᵢ`.
    @inlinable func slopeCotangent(_ i: Int) -> UnsafeMutablePointer<Double> {
        storage + slopeCotangentsOffset + i * stride
    }
    /// A state-sized scratch buffer.
    @inlinable var scratch: UnsafeMutablePointer<Double> { storage + scratchOffset }
    /// Three state-sized buffers for gathered halves.
    @inlinable func gather(_ i: Int) -> UnsafeMutablePointer<Double> { storage + gatherOffset + i * stride }
    @inlinable var logits: UnsafeMutablePointer<Double> { storage + logitsOffset }
    /// Blended `θ(t)` of one coefficient set.
    @inlinable var theta: UnsafeMutablePointer<Double> { storage + thetaOffset }
    /// The gradient with respect to a blended `θ(t)`.
    @inlinable var thetaGradient: UnsafeMutablePointer<Double> { storage + thetaGradientOffset }
    /// Room for a transposed lifting or head matrix.
    @inlinable var transposeScratch: UnsafeMutablePointer<Double> { storage + transposeOffset }
}
