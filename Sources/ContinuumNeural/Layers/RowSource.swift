/// Where the rows of a `rows × width` matrix live: one contiguous block (row `r` at
/// `base + r · width`), or one pointer per row plus a fixed offset (row `r` at
/// `records[r] + offset`), as a network's recorded forward passes are stored.
///
/// The backward kernels read their inputs through it, so a vector-Jacobian product can run on
/// recorded activations where they lie instead of first copying them into a workspace.
@usableFromInline
struct RowSource {
    @usableFromInline let base: UnsafePointer<Double>
    @usableFromInline let width: Int
    @usableFromInline let records: UnsafePointer<UnsafePointer<Double>>?
    @usableFromInline let offset: Int

    /// Rows stored contiguously from `base`.
    @inlinable
    init(_ base: UnsafePointer<Double>, width: Int) {
        self.base = base
        self.width = width
        records = nil
        offset = 0
    }

    /// Row `r` at `records[r] + offset` when `records` is given and `offset ≥ 0`, otherwise
    /// contiguous from `base`.
    @inlinable
    init(_ base: UnsafePointer<Double>, width: Int, records: UnsafePointer<UnsafePointer<Double>>?, offset: Int) {
        self.base = base
        self.width = width
        self.records = offset >= 0 ? records : nil
        self.offset = offset
    }

    /// Whether the rows are one contiguous block.
    @inlinable var isContiguous: Bool { records == nil }

    /// The start of row `r`.
    @inlinable @inline(__always)
    subscript(_ r: Int) -> UnsafePointer<Double> {
        if let records { return records[r] + offset }
        return base + r &* width
    }
}
