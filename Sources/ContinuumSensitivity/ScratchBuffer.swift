/// Caller-owned scratch storage shared by value-type vector fields: allocated once when a gradient
/// computation starts, reused by every evaluation, freed with the last reference.
@usableFromInline
final class ScratchBuffer: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Double>
    @usableFromInline let count: Int

    @usableFromInline
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// `count` elements starting at `offset`.
    @inlinable
    func slice(_ offset: Int, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: pointer + offset, count: count)
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The sub-buffer of `count` elements from `offset`.
    @inlinable
    func part(_ offset: Int, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: baseAddress! + offset, count: count)
    }
}

extension UnsafeBufferPointer where Element == Double {
    /// The sub-buffer of `count` elements from `offset`.
    @inlinable
    func part(_ offset: Int, _ count: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: baseAddress! + offset, count: count)
    }
}
