import ContinuumNumerics

/// A Brownian path built from the intervals actually queried (Kidger, Foster, Li and Lyons 2021,
/// "Efficient and accurate gradients for neural SDEs"), with an LRU cache of increments.
///
/// The domain is the root of a binary tree of intervals. A query `[s, t]` splits the leaves that
/// contain `s` or `t` and returns the sum of the increments of the nodes covering `[s, t]`. A node
/// remembers only its interval and its key (children get `key.split(0)` and `key.split(1)`); its
/// increment is the Brownian bridge sample `W(c) − W(a) = r w + √(r (1 − r) h) z` of its parent at the
/// split point (`r = (c − a)/h`, `z` from the parent's key), computed on demand and kept in a cache
/// of `cacheCapacity` increments (least recently used evicted first). Evicted values are recomputed
/// bit-identically from the nearest cached ancestor, so **an interval, once queried, returns the same
/// increment forever**, whatever is queried in between — what an adjoint sweeping back over the
/// forward steps needs. Different query histories may give different (equally distributed) paths;
/// use a ``VirtualBrownianTree`` when answers must not depend on history at all.
///
/// Queries start from the last node visited, so a forward or backward sweep costs O(1) per step;
/// memory is O(number of distinct query times) for the structure plus the bounded cache. No
/// space-time area: the order-1.5 schemes need the tree.
public struct BrownianInterval: BrownianPath, Sendable {
    public let dimension: Int
    public let lower: Double, upper: Double
    public let cacheCapacity: Int
    @usableFromInline var storage: IntervalStore

    /// A path of `dimension` components on `[t0, t1]` (either order) keeping at most
    /// `cacheCapacity` node increments in memory.
    public init(key: RandomKey, dimension: Int, from t0: Double, to t1: Double, cacheCapacity: Int = 256) {
        self.dimension = dimension
        lower = min(t0, t1)
        upper = max(t0, t1)
        self.cacheCapacity = max(cacheCapacity, 4)
        storage = IntervalStore(key: key, dimension: dimension, lower: lower, upper: upper, capacity: self.cacheCapacity)
    }

    public var isQueryableInAnyOrder: Bool { true }
    public var providesSpaceTimeArea: Bool { false }
    public func covers(_ t0: Double, _ t1: Double) -> Bool { min(t0, t1) >= lower && max(t0, t1) <= upper }

    /// Number of nodes in the interval tree (grows with the distinct query times).
    public var nodeCount: Int { storage.start.count }

    public mutating func increment(from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let a = min(max(min(s, t), lower), upper), b = min(max(max(s, t), lower), upper)
        for j in 0..<dimension { dw[j] = 0 }
        if a < b { storage.accumulate(from: a, to: b, into: dw) }
        if t < s { for j in 0..<dimension { dw[j] = -dw[j] } }
    }

    public mutating func increment(
        from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>, area: UnsafeMutableBufferPointer<Double>
    ) {
        increment(from: s, to: t, into: dw)
        for j in 0..<dimension { area[j] = 0 }
    }
}

/// The interval tree and the LRU cache of a ``BrownianInterval`` (copied on write).
@usableFromInline
final class IntervalStore: @unchecked Sendable {
    let dimension: Int, capacity: Int
    var start: [Double], end: [Double], keys: [RandomKey]
    var parent: [Int], left: [Int], right: [Int]
    /// Cache slot of each node, or −1; the slots' nodes, values and LRU list (most recent first).
    var slotOfNode: [Int], nodeOfSlot: [Int], values: [Double], newer: [Int], older: [Int]
    var newest = -1, oldest = -1, usedSlots = 0
    /// Counters of a node's split normals (its own value, for the root, uses counters `j`).
    static let splitCounter: UInt64 = 1 << 40
    /// The node where the last query ended (searches start there).
    var cursor = 0
    var scratch: [Double]

    init(key: RandomKey, dimension: Int, lower: Double, upper: Double, capacity: Int) {
        self.dimension = dimension
        self.capacity = capacity
        start = [lower]; end = [upper]; keys = [key]
        parent = [-1]; left = [-1]; right = [-1]
        slotOfNode = [-1]
        nodeOfSlot = [Int](repeating: -1, count: capacity)
        values = [Double](repeating: 0, count: capacity * dimension)
        newer = [Int](repeating: -1, count: capacity)
        older = [Int](repeating: -1, count: capacity)
        scratch = [Double](repeating: 0, count: dimension)
    }

    func copy() -> IntervalStore {
        let other = IntervalStore(key: keys[0], dimension: dimension, lower: start[0], upper: end[0], capacity: capacity)
        (other.start, other.end, other.keys) = (start, end, keys)
        (other.parent, other.left, other.right) = (parent, left, right)
        (other.slotOfNode, other.nodeOfSlot, other.values) = (slotOfNode, nodeOfSlot, values)
        (other.newer, other.older, other.newest, other.oldest, other.usedSlots) = (newer, older, newest, oldest, usedSlots)
        other.cursor = cursor
        return other
    }

    /// Adds the increments of the nodes that exactly cover `[a, b]` (a < b), splitting leaves.
    @usableFromInline
    func accumulate(from a: Double, to b: Double, into dw: UnsafeMutableBufferPointer<Double>) {
        var node = cursor
        while node != 0 && !(start[node] <= a && b <= end[node]) { node = parent[node] }
        var stack = [node]
        var last = node
        while let current = stack.popLast() {
            let (s, e) = (start[current], end[current])
            if b <= s || e <= a { continue }
            if a <= s && e <= b {
                let slot = value(of: current)
                for j in 0..<dimension { dw[j] += values[slot * dimension + j] }
                last = current
                continue
            }
            if left[current] < 0 { split(current, at: s < a ? a : b) }
            stack.append(right[current])
            stack.append(left[current])
        }
        cursor = last
    }

    func split(_ node: Int, at c: Double) {
        for (child, range) in [(0, (start[node], c)), (1, (c, end[node]))] {
            start.append(range.0)
            end.append(range.1)
            keys.append(keys[node].split(UInt64(child)))
            parent.append(node)
            left.append(-1)
            right.append(-1)
            slotOfNode.append(-1)
        }
        left[node] = start.count - 2
        right[node] = start.count - 1
    }

    /// The cache slot holding `node`'s increment, computing it (and its uncached ancestors) if needed.
    func value(of node: Int) -> Int {
        if slotOfNode[node] >= 0 {
            touch(slotOfNode[node])
            return slotOfNode[node]
        }
        if node == 0 {
            let slot = allocateSlot(for: 0)
            let h = end[0] - start[0]
            for j in 0..<dimension {
                values[slot * dimension + j] = h.squareRoot() * GaussianSampler.firstNormal(key: keys[0], counter: UInt64(j))
            }
            return slot
        }
        let p = parent[node]
        let parentSlot = value(of: p)
        for j in 0..<dimension { scratch[j] = values[parentSlot * dimension + j] }
        // The parent's bridge at its split point: left = r w + √(r(1 − r)h) z, right = w − left.
        let h = end[p] - start[p], c = end[left[p]]
        let r = (c - start[p]) / h
        let spread = (r * (1 - r) * h).squareRoot()
        let slot = allocateSlot(for: node)
        let isLeft = left[p] == node
        for j in 0..<dimension {
            let z = GaussianSampler.firstNormal(key: keys[p], counter: IntervalStore.splitCounter | UInt64(j))
            let leftValue = r * scratch[j] + spread * z
            values[slot * dimension + j] = isLeft ? leftValue : scratch[j] - leftValue
        }
        return slot
    }

    func allocateSlot(for node: Int) -> Int {
        let slot: Int
        if usedSlots < capacity {
            slot = usedSlots
            usedSlots += 1
        } else {
            slot = oldest
            unlink(slot)
            slotOfNode[nodeOfSlot[slot]] = -1
        }
        nodeOfSlot[slot] = node
        slotOfNode[node] = slot
        pushNewest(slot)
        return slot
    }

    func touch(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        pushNewest(slot)
    }

    func unlink(_ slot: Int) {
        let (n, o) = (newer[slot], older[slot])
        if n >= 0 { older[n] = o } else { newest = o }
        if o >= 0 { newer[o] = n } else { oldest = n }
        newer[slot] = -1
        older[slot] = -1
    }

    func pushNewest(_ slot: Int) {
        newer[slot] = -1
        older[slot] = newest
        if newest >= 0 { newer[newest] = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
