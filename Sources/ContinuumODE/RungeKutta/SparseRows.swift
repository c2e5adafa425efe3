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

    init(_ rows: [[Double]]) {
        rowCount = rows.count
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
