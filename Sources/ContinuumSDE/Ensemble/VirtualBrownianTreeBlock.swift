import ContinuumNumerics

/// ``VirtualBrownianTree`` (without space-time areas) for a block of paths queried at the same
/// times.
///
/// The descent of a query (which intervals, which heap nodes, down to which level the previous
/// descent is reused) depends only on the query times, so it is done once for the whole block;
/// only the bridge normals and values differ between lanes. Each level's normals come four lanes
/// at once from ``GaussianSampler/fillNormals(counter:keys:first:second:)`` at the node's counter, and the
/// bridge recurrence runs as one loop over the lanes. Lane `p` does the arithmetic of the tree of
/// `key.split(first + p)`, so its increments are bit-identical to that single tree's, in any query
/// order.
@usableFromInline
final class VirtualBrownianTreeBlock: BrownianBlock {
    @usableFromInline let dimension: Int
    @usableFromInline let keys: BlockKeys
    @usableFromInline let lower: Double, upper: Double, depth: Int
    /// Per level: the interval and its heap node.
    @usableFromInline let bounds: UnsafeMutablePointer<Double>, nodes: UnsafeMutablePointer<UInt64>
    /// Per level and component, lane by lane: `W(left)` then the interval's increment.
    @usableFromInline let values: UnsafeMutablePointer<Double>
    /// Per component, lane by lane: W at the current query, W at the previous query's end.
    @usableFromInline let current: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>
    /// The normals of one level, lane by lane; the last increments, lane after lane.
    @usableFromInline let normals: UnsafeMutablePointer<Double>, differences: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var validLevel = -1
    @exclusivity(unchecked) @usableFromInline var lastTime = Double.nan

    @usableFromInline
    init(dimension m: Int, capacity: Int, from t0: Double, to t1: Double, tolerance: Double) {
        dimension = m
        keys = BlockKeys(capacity: capacity)
        lower = min(t0, t1)
        upper = max(t0, t1)
        depth = VirtualBrownianTree.depth(span: upper - lower, tolerance: tolerance)
        let levels = depth + 1
        func buffer<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            return pointer
        }
        bounds = buffer(2 * levels, Double.self)
        nodes = buffer(levels, UInt64.self)
        values = buffer(levels * 2 * m * capacity, Double.self)
        current = buffer(m * capacity, Double.self)
        previous = buffer(m * capacity, Double.self)
        normals = buffer(m * capacity, Double.self)
        differences = buffer(m * capacity, Double.self)
    }

    deinit {
        bounds.deallocate()
        nodes.deallocate()
        values.deallocate()
        current.deallocate()
        previous.deallocate()
        normals.deallocate()
        differences.deallocate()
    }

    @usableFromInline var lanes: Int { keys.lanes }

    @usableFromInline
    func reset(key: RandomKey, paths: Range<Int>) {
        keys.reset(key: key, paths: paths)
        validLevel = -1
        lastTime = .nan
    }

    /// `W(left)` (`part` 0) or the increment (`part` 1) of component `j` at `level`, lane by lane.
    @inlinable
    func slice(_ level: Int, _ part: Int, _ j: Int) -> UnsafeMutablePointer<Double> {
        values + ((level * 2 + part) * dimension + j) * keys.capacity
    }

    /// The increments themselves (`scale` 1), lane after lane.
    @inlinable
    func increments(from s: Double, to t: Double) -> (values: UnsafePointer<Double>, scale: Double) {
        let m = dimension, lanes = keys.lanes, capacity = keys.capacity, dw = differences
        if s != lastTime { query(s, into: previous) }
        query(t, into: current)
        for j in 0..<m {
            let now = current + j * capacity, before = previous + j * capacity
            if m == 1 {
                for p in stride(from: 0, to: lanes, by: 4) {
                    let nowp = Lanes.load(now, p)
                    Lanes.store(nowp - Lanes.load(before, p), dw, p)
                    Lanes.store(nowp, before, p)
                }
            } else {
                for p in 0..<lanes {
                    dw[p &* m &+ j] = now[p] - before[p]
                    before[p] = now[p]
                }
            }
        }
        lastTime = t
        return (UnsafePointer(dw), 1)
    }

    /// W(t) of every lane into `out[j · capacity + p]` (``VirtualBrownianTree``'s query).
    @inlinable
    func query(_ time: Double, into out: UnsafeMutablePointer<Double>) {
        let t = Swift.min(Swift.max(time, lower), upper)
        let m = dimension, lanes = keys.lanes, capacity = keys.capacity
        var level = validLevel
        if level < 0 {
            initializeRoot()
            level = 0
        }
        while level > 0 {
            let left = bounds[2 * level], right = bounds[2 * level + 1]
            if t >= left && (t < right || right == upper) { break }
            level -= 1
        }
        while level < depth {
            let left = bounds[2 * level], right = bounds[2 * level + 1]
            let mid = left + 0.5 * (right - left)
            let goRight = !(t < mid)
            nodes[level + 1] = 2 &* nodes[level] &+ (goRight ? 1 : 0)
            bounds[2 * level + 2] = goRight ? mid : left
            bounds[2 * level + 3] = goRight ? right : mid
            for j in 0..<m {
                GaussianSampler.fillNormals(counter: nodes[level] &* UInt64(m) &+ UInt64(j), keys: keys, first: normals, second: nil)
                let h = right - left
                let wa = slice(level, 0, j), w = slice(level, 1, j)
                let childWa = slice(level + 1, 0, j), childW = slice(level + 1, 1, j)
                // `BrownianBridge.bisect` (`w/2 + (√h/2) z`), four lanes per vector.
                let root = 0.5 * h.squareRoot()
                for p in stride(from: 0, to: lanes, by: 4) {
                    let wp = Lanes.load(w, p), w1 = 0.5 * wp + root * Lanes.load(normals, p), wap = Lanes.load(wa, p)
                    Lanes.store(goRight ? wap + w1 : wap, childWa, p)
                    Lanes.store(goRight ? wp - w1 : w1, childW, p)
                }
            }
            level += 1
        }
        validLevel = depth
        let left = bounds[2 * depth], h = bounds[2 * depth + 1] - left
        let theta = (t - left) / h
        // The tree's leaf formula with the area term (zero without areas) kept, for the same bits.
        let areaWeight = 6 * theta * (1 - theta)
        for j in 0..<m {
            let wa = slice(depth, 0, j), w = slice(depth, 1, j), target = out + j * capacity
            for p in stride(from: 0, to: lanes, by: 4) {
                let wap = Lanes.load(wa, p)
                Lanes.store(theta == 0 ? wap : wap + theta * Lanes.load(w, p) + areaWeight * 0.0, target, p)
            }
        }
    }

    /// Level 0: the whole domain, `W(lower) = 0`, increment `√h z` from counter `j`.
    @inlinable
    func initializeRoot() {
        let m = dimension, root = (upper - lower).squareRoot()
        bounds[0] = lower
        bounds[1] = upper
        nodes[0] = 1
        for j in 0..<m {
            let wa = slice(0, 0, j), w = slice(0, 1, j)
            GaussianSampler.fillNormals(counter: UInt64(j), keys: keys, first: normals, second: nil)
            for p in 0..<keys.lanes {
                wa[p] = 0
                w[p] = root * normals[p]
            }
        }
    }
}

/// Four consecutive lanes of a block buffer as one vector (the lane count is a multiple of 4).
@usableFromInline
enum Lanes {
    @inlinable @inline(__always)
    static func load(_ base: UnsafeMutablePointer<Double>, _ p: Int) -> SIMD4<Double> {
        UnsafeRawPointer(base + p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inlinable @inline(__always)
    static func store(_ value: SIMD4<Double>, _ base: UnsafeMutablePointer<Double>, _ p: Int) {
        UnsafeMutableRawPointer(base + p).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
