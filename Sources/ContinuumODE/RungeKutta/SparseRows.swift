/// Rows of coefficients over stage vectors, stored compressed (nonzeros only) in contiguous memory
/// so that a combination `out = base + h Σ coef · k[col]` reads no zeros and allocates nothing.
///
/// The storage is immutable after creation and freed with the owner.
@usableFromInline
final class SparseRows: @unchecked Sendable {
    @usableFromInline let rowStart: UnsafeMutablePointer<Int>
    @usableFromInline let column: UnsafeMutablePointer<Int>
    @usableFromInline let value: UnsafeMutablePointer<Double>
    @usableFromInline let rowCount: Int
    /// Holds 1: the stride between the components of a small system, read from memory (see
    /// ``combine(row:h:base:stages:chunks:into:)``).
    @usableFromInline let unitStride: UnsafeMutablePointer<Int>
    /// Systems of at most this many (padded) components are combined one component at a time.
    @usableFromInline static var smallSystem: Int { 8 }

    init(_ rows: [[Double]]) {
        rowCount = rows.count
        unitStride = .allocate(capacity: 1)
        unitStride.initialize(to: 1)
        let nonzeros = rows.map { $0.filter { $0 != 0 }.count }.reduce(0, +)
        rowStart = .allocate(capacity: rows.count + 1)
        column = .allocate(capacity: max(nonzeros, 1))
        value = .allocate(capacity: max(nonzeros, 1))
        var p = 0
        for (r, row) in rows.enumerated() {
            rowStart[r] = p
            for (j, x) in row.enumerated() where x != 0 {
                column[p] = j
                value[p] = x
                p += 1
            }
        }
        rowStart[rows.count] = p
    }

    deinit {
        rowStart.deallocate()
        column.deallocate()
        value.deallocate()
        unitStride.deallocate()
    }

    /// `Σₚ value[p] · stages[column[p]][offset + j]` for the four components `j` of a chunk of a
    /// small system, read one by one at `offset`, `offset + s1`, `offset + s2`, `offset + s3`
    /// (`strides` hold 1, 2, 3, read from memory; see ``combine(row:h:base:stages:chunks:into:)``).
    @inlinable @inline(__always)
    func chunkSums(
        terms: Range<Int>, stages: UnsafePointer<UnsafeMutablePointer<Double>>, offset: Int, strides: (Int, Int, Int)
    ) -> (Double, Double, Double, Double) {
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
        for p in terms {
            let q = UnsafePointer(stages[column[p]]) + offset
            let v = value[p]
            a0 += v * q[0]
            a1 += v * q[strides.0]
            a2 += v * q[strides.1]
            a3 += v * q[strides.2]
        }
        return (a0, a1, a2, a3)
    }

    /// `out[i] = base[i] + h Σₚ value[p] · stages[column[p]][i]` over row `row` (`base` may be nil
    /// for 0), over the `4 · chunks` aligned components of every vector (padding included).
    ///
    /// The stages are summed oldest first and the newest (usually just evaluated) term is added
    /// last, already scaled by `h`: a step is a chain of dependent stages, and this leaves only one
    /// multiply-add between a stage's derivative and the next stage's argument.
    @inlinable @inline(__always)
    func combine(
        row: Int, h: Double, base: UnsafePointer<Double>?, stages: UnsafePointer<UnsafeMutablePointer<Double>>,
        chunks: Int, into out: UnsafeMutablePointer<Double>
    ) {
        let start = rowStart[row]
        let end = rowStart[row + 1]
        guard end > start else {
            for chunk in 0..<chunks {
                let offset = 4 * chunk
                let zero = SIMD4<Double>()
                let result = base.map { UnsafeRawPointer($0 + offset).load(as: SIMD4<Double>.self) } ?? zero
                UnsafeMutableRawPointer(out + offset).storeBytes(of: result, as: SIMD4<Double>.self)
            }
            return
        }
        let last = end - 1
        let newest = UnsafePointer(stages[column[last]])
        let newestWeight = h * value[last]
        if 4 * chunks <= SparseRows.smallSystem {
            // A small system: the vector field stored the recent slopes one component at a time
            // a moment ago, and they are still in the store buffer while the step's chain of
            // dependent stages holds back retirement. A vector load spanning two such scalar
            // stores is not forwarded and waits for them to reach the cache. So each component is
            // read on its own (with the fused error norm, 3 % off a Lorenz solve), at offsets
            // built from a stride of 1 read from memory: LLVM cannot prove the components
            // consecutive and merge the loads back into vector loads.
            let s1 = unitStride.pointee
            let s2 = s1 + s1
            let s3 = s2 + s1
            for chunk in 0..<chunks {
                let offset = 4 * chunk
                let (a0, a1, a2, a3) = chunkSums(terms: start..<last, stages: stages, offset: offset, strides: (s1, s2, s3))
                let b = base.map { $0 + offset }
                let k = newest + offset
                let o = out + offset
                o[0] = (b.map { $0[0] } ?? 0) + h * a0 + newestWeight * k[0]
                o[s1] = (b.map { $0[s1] } ?? 0) + h * a1 + newestWeight * k[s1]
                o[s2] = (b.map { $0[s2] } ?? 0) + h * a2 + newestWeight * k[s2]
                o[s3] = (b.map { $0[s3] } ?? 0) + h * a3 + newestWeight * k[s3]
            }
            return
        }
        for chunk in 0..<chunks {
            let offset = 4 * chunk
            var acc = SIMD4<Double>()
            for p in start..<last {
                acc += value[p] * UnsafeRawPointer(stages[column[p]] + offset).load(as: SIMD4<Double>.self)
            }
            var partial = h * acc
            if let base { partial += UnsafeRawPointer(base + offset).load(as: SIMD4<Double>.self) }
            let result = partial + newestWeight * UnsafeRawPointer(newest + offset).load(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(out + offset).storeBytes(of: result, as: SIMD4<Double>.self)
        }
    }
}
