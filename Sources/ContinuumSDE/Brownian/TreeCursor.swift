/// The mutable memory of a ``VirtualBrownianTree``: its last root-to-leaf descent and the values at
/// the last two query times. Owned uniquely by one tree value (copied on write), so copies of a
/// tree never share it across threads.
@usableFromInline
final class TreeCursor: @unchecked Sendable {
    /// Per level: `left, right`, then per component `W(left)`, `∫W` up to `left`, increment, area.
    @usableFromInline let levels: UnsafeMutablePointer<Double>
    /// Heap index of the node at each level.
    @usableFromInline let nodes: UnsafeMutablePointer<UInt64>
    /// W and ∫W at the current query and at the previous query's end (`2m` each).
    @usableFromInline let current: UnsafeMutablePointer<Double>
    @usableFromInline let previous: UnsafeMutablePointer<Double>
    /// Scratch for the normals of one descent (two per level and component).
    @usableFromInline let normals: UnsafeMutablePointer<Double>
    @usableFromInline let levelCount: Int, dimension: Int
    @usableFromInline var validLevel = -1
    @usableFromInline var lastTime = Double.nan

    @usableFromInline var stride: Int { 2 + 4 * dimension }

    init(levels levelCount: Int, dimension: Int) {
        self.levelCount = levelCount
        self.dimension = dimension
        let stride = 2 + 4 * dimension
        levels = .allocate(capacity: levelCount * stride)
        levels.initialize(repeating: 0, count: levelCount * stride)
        nodes = .allocate(capacity: levelCount)
        nodes.initialize(repeating: 0, count: levelCount)
        current = .allocate(capacity: 2 * dimension)
        current.initialize(repeating: 0, count: 2 * dimension)
        previous = .allocate(capacity: 2 * dimension)
        previous.initialize(repeating: 0, count: 2 * dimension)
        normals = .allocate(capacity: 2 * levelCount * dimension)
        normals.initialize(repeating: 0, count: 2 * levelCount * dimension)
    }

    @usableFromInline func copy() -> TreeCursor {
        let other = TreeCursor(levels: levelCount, dimension: dimension)
        other.levels.update(from: levels, count: levelCount * stride)
        other.nodes.update(from: nodes, count: levelCount)
        other.current.update(from: current, count: 2 * dimension)
        other.previous.update(from: previous, count: 2 * dimension)
        other.validLevel = validLevel
        other.lastTime = lastTime
        return other
    }

    deinit {
        levels.deallocate()
        nodes.deallocate()
        current.deallocate()
        previous.deallocate()
        normals.deallocate()
    }
}
