/// The buffers of an ``MLP`` evaluation: a copy of the input, every layer's pre-activation `z`
/// and activation `a` (for a batch of up to ``batchCapacity`` rows), and two cotangent buffers.
///
/// A forward pass fills it; ``MLP/vjp(_:parameters:inputCotangent:accumulatingInto:workspace:)``
/// reads what the last forward pass left. Created once, reused for every call; not thread-safe
/// (give each thread its own).
public final class MLPWorkspace {
    /// The largest batch the workspace holds.
    public let batchCapacity: Int
    /// The fingerprint of the network the workspace was made for.
    @usableFromInline let signature: UInt64
    /// Rows of the last forward pass.
    public internal(set) var rows: Int = 0
    @usableFromInline let storage: UnsafeMutablePointer<Double>
    /// Offsets of the input copy, then of `z` and `a` of each layer (`a` equals `z` for identity).
    @usableFromInline let inputOffset: Int
    @usableFromInline let preactivationOffsets: [Int]
    @usableFromInline let valueOffsets: [Int]
    /// Distance from a primal buffer (input, `z`, `a`) to its tangent twin.
    @usableFromInline let tangentShift: Int
    @usableFromInline let cotangentOffsets: (Int, Int, Int, Int)
    /// Offset of room for one layer's transposed weights.
    @usableFromInline let transposeOffset: Int
    @usableFromInline let storageCount: Int
    /// Scratch for input Jacobians (`2 · n₀ · max width`), allocated on first use.
    @usableFromInline var jacobianScratch: UnsafeMutablePointer<Double>?

    init(widths: [Int], activations: [Activation], batchCapacity: Int, signature: UInt64) {
        self.signature = signature
        let capacity = Swift.max(batchCapacity, 1)
        self.batchCapacity = capacity
        var offset = 0
        inputOffset = 0
        offset += capacity * widths[0]
        var zs: [Int] = []
        var as_: [Int] = []
        for (l, activation) in activations.enumerated() {
            zs.append(offset)
            offset += capacity * widths[l + 1]
            if activation.isIdentity {
                as_.append(zs[l])
            } else {
                as_.append(offset)
                offset += capacity * widths[l + 1]
            }
        }
        preactivationOffsets = zs
        valueOffsets = as_
        tangentShift = offset
        offset *= 2
        let widest = capacity * (widths.max() ?? 1)
        cotangentOffsets = (offset, offset + widest, offset + 2 * widest, offset + 3 * widest)
        offset += 4 * widest
        transposeOffset = offset
        offset += zip(widths, widths.dropFirst()).map { $0 * $1 }.max() ?? 0
        storageCount = offset
        storage = .allocate(capacity: offset)
        storage.initialize(repeating: 0, count: offset)
    }

    deinit {
        storage.deallocate()
        jacobianScratch?.deallocate()
    }

    /// The input copy.
    @inlinable var input: UnsafeMutablePointer<Double> { storage + inputOffset }
    /// `z` of layer `l`.
    @inlinable func preactivation(_ l: Int) -> UnsafeMutablePointer<Double> { storage + preactivationOffsets[l] }
    /// `a` of layer `l`.
    @inlinable func value(_ l: Int) -> UnsafeMutablePointer<Double> { storage + valueOffsets[l] }
    /// The tangent of the input copy.
    @inlinable var tangentInput: UnsafeMutablePointer<Double> { input + tangentShift }
    /// `ż` of layer `l`.
    @inlinable func tangentPreactivation(_ l: Int) -> UnsafeMutablePointer<Double> { preactivation(l) + tangentShift }
    /// `ȧ` of layer `l`.
    @inlinable func tangentValue(_ l: Int) -> UnsafeMutablePointer<Double> { value(l) + tangentShift }
    /// The four cotangent buffers.
    @inlinable var cotangents:
        (
            UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
            UnsafeMutablePointer<Double>
        )
    {
        (
            storage + cotangentOffsets.0, storage + cotangentOffsets.1, storage + cotangentOffsets.2,
            storage + cotangentOffsets.3
        )
    }

    /// Room for the transposed weights of the widest layer.
    @inlinable var transposeScratch: UnsafeMutablePointer<Double> { storage + transposeOffset }

    @usableFromInline func setRows(_ n: Int) { rows = n }

    @usableFromInline func jacobianBuffers(count: Int) -> UnsafeMutablePointer<Double> {
        if let jacobianScratch { return jacobianScratch }
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 2 * count)
        buffer.initialize(repeating: 0, count: 2 * count)
        jacobianScratch = buffer
        return buffer
    }
}
