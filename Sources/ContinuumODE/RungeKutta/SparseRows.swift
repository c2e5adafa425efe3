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
    /// `0, 1, 2, 3`: the components of a chunk, read through a table (see ``combine(row:h:base:stages:chunks:into:)``).
    @usableFromInline let componentIndex: UnsafeMutablePointer<Int>

    init(_ rows: [[Double]]) {
        rowCount = rows.count
        componentIndex = .allocate(capacity: 4)
        for i in 0..<4 { componentIndex[i] = i }
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
        componentIndex.deallocate()
    }

    /// Four slope components from `q`.
    ///
    /// In a small system the newest slopes were stored a moment ago, one component at a time, by
    /// the vector field. A vector load spanning separate scalar stores defeats store-to-load
    /// forwarding and stalls the step's chain of dependent stages (4 % of a Lorenz solve), so small
    /// systems read them one by one; the indices come from a table so that LLVM cannot prove them
    /// consecutive and merge the loads back into vector loads. (Older stages have left the store
    /// buffer by the time they are read; reading them one by one only costs.)
    @inlinable @inline(__always)
    func load(_ q: UnsafePointer<Double>, small: Bool) -> SIMD4<Double> {
        guard small else { return UnsafeRawPointer(q).load(as: SIMD4<Double>.self) }
        return SIMD4(q[componentIndex[0]], q[componentIndex[1]], q[componentIndex[2]], q[componentIndex[3]])
    }

    /// `out[i] = base[i] + h Σₚ value[p] · stages[column[p]][i]` over row `row` (`base` may be nil
    /// for 0), four components at a time: every vector holds `4 · chunks` aligned components.
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
        let small = chunks <= 2
        for chunk in 0..<chunks {
            let offset = 4 * chunk
            var acc = SIMD4<Double>()
            for p in start..<last {
                acc += value[p] * UnsafeRawPointer(stages[column[p]] + offset).load(as: SIMD4<Double>.self)
            }
            var partial = h * acc
            if let base { partial += UnsafeRawPointer(base + offset).load(as: SIMD4<Double>.self) }
            let result = partial + newestWeight * load(newest + offset, small: small)
            UnsafeMutableRawPointer(out + offset).storeBytes(of: result, as: SIMD4<Double>.self)
        }
    }
}
