/// One allocation holding a solver's working vectors: each padded to a multiple of four components
/// and aligned to 32 bytes, so that kernels combine them four components at a time
/// (`SIMD4<Double>`) with no remainder loop, and zero-initialised so that the padding stays zero.
///
/// Vectors are handed out in order by ``take(_:)``; a table of vector pointers whose entries a
/// solver swaps (state ↔ candidate, FSAL stages) comes from ``makeTable(_:)``. Everything is freed
/// with the block, so a workspace keeps the block alive as long as it uses the pointers.
public final class PaddedVectorBlock {
    /// Number of meaningful components per vector.
    public let dimension: Int
    /// Distance between consecutive vectors: `dimension` rounded up to a multiple of four (at least 4).
    public let stride: Int
    private let raw: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private var tables: [UnsafeMutablePointer<UnsafeMutablePointer<Double>>] = []

    /// The padded length for vectors of `dimension` components.
    public static func paddedLength(_ dimension: Int) -> Int { max((dimension + 3) & ~3, 4) }

    /// Room for `vectors` padded vectors plus `extraDoubles` more (e.g. a Jacobian), all zero.
    public init(dimension: Int, vectors: Int, extraDoubles: Int = 0) {
        self.dimension = dimension
        stride = Self.paddedLength(dimension)
        capacity = max(vectors * stride + ((extraDoubles + 3) & ~3), 4)
        raw = .allocate(byteCount: capacity * MemoryLayout<Double>.stride, alignment: 32)
        raw.initializeMemory(as: Double.self, repeating: 0, count: capacity)
    }

    deinit {
        for table in tables { table.deallocate() }
        raw.deallocate()
    }

    /// The next `count` vectors, contiguous (vector `i` at `result + i · stride`).
    public func take(_ count: Int = 1) -> UnsafeMutablePointer<Double> {
        takeDoubles(count * stride)
    }

    /// The next `doubles` values (rounded up to keep later vectors aligned).
    public func takeDoubles(_ doubles: Int) -> UnsafeMutablePointer<Double> {
        let size = (doubles + 3) & ~3
        precondition(used + size <= capacity, "PaddedVectorBlock: more storage taken than reserved")
        defer { used += size }
        return raw.assumingMemoryBound(to: Double.self) + used
    }

    /// A table of `count` vector pointers, each initialised with a fresh vector from the block.
    public func makeTable(_ count: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<Double>> {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: max(count, 1))
        for i in 0..<count { table[i] = take() }
        tables.append(table)
        return table
    }
}

extension UnsafeMutablePointer where Pointee == UnsafeMutablePointer<Double> {
    /// Swaps entries `i` and `j` of a vector table.
    @inlinable @inline(__always)
    public func swapAt(_ i: Int, _ j: Int) {
        let tmp = self[i]
        self[i] = self[j]
        self[j] = tmp
    }
}
