import ContinuumNumerics
import Foundation

/// A Brownian path queried at any time, in any order, with bit-identical answers and bounded memory
/// (Li, Wong, Chen and Duvenaud 2020, "Scalable gradients for stochastic differential equations").
///
/// The domain `[t0, t1]` is bisected down to `depth` levels, the first level whose intervals are no
/// wider than `tolerance`. Node `k` of the implicit binary heap (root 1, children `2k`, `2k + 1`)
/// draws the normals of its own bisection from counter `k · m + j` of the key (component `j`), so
/// every value is a pure function of the key and the node: splitting keys deterministically,
/// without storing them. Within a leaf, `W` is the bridge's conditional mean given the leaf's
/// increment and area (`W = θw + 6θ(1 − θ)H`); dyadic points of the grid are exact.
///
/// With ``providesSpaceTimeArea`` each node also carries its space-time Lévy area, bisected with
/// ``BrownianBridge`` (Foster's formulas), and queries return `∫W` as well; this gives a different
/// (equally distributed) path than the tree without areas for the same key.
///
/// The tree keeps the last root-to-leaf descent: a query near the previous one re-descends only
/// from their common ancestor, so a forward (or backward) sweep costs O(1) bisections per step on
/// average, and memory is O(depth · m) whatever the number of queries.
///
/// ```swift
/// var path = VirtualBrownianTree(key: RandomKey(seed: 1), dimension: 2, from: 0, to: 1, tolerance: 1e-6)
/// var dw = [0.0, 0.0]
/// dw.withUnsafeMutableBufferPointer { path.increment(from: 0.25, to: 0.5, into: $0) } // same in any order
/// ```
public struct VirtualBrownianTree: BrownianPath, Sendable {
    public let dimension: Int
    /// Start and end of the domain (`lower < upper`).
    public let lower: Double, upper: Double
    /// Number of bisection levels below the root.
    public let depth: Int
    public let providesSpaceTimeArea: Bool
    @usableFromInline let key: RandomKey
    @usableFromInline var storage: TreeCursor

    /// A tree for `dimension` components on `[t0, t1]` (either order) whose leaves are no wider
    /// than `tolerance`; `spaceTimeArea` adds the areas the order-1.5 schemes need.
    public init(
        key: RandomKey, dimension: Int, from t0: Double, to t1: Double, tolerance: Double,
        spaceTimeArea: Bool = false
    ) {
        self.key = key
        self.dimension = dimension
        lower = min(t0, t1)
        upper = max(t0, t1)
        depth = Self.depth(span: upper - lower, tolerance: tolerance)
        providesSpaceTimeArea = spaceTimeArea
        storage = TreeCursor(levels: depth + 1, dimension: dimension)
    }

    public var isQueryableInAnyOrder: Bool { true }

    /// The number of bisection levels whose intervals are no wider than `tolerance` (1 to 52).
    @usableFromInline
    static func depth(span: Double, tolerance: Double) -> Int {
        let ratio = span / max(tolerance, .leastNormalMagnitude)
        return Swift.min(Swift.max(Int((ratio.isFinite ? ratio : 1).ceilingLog2), 1), 52)
    }

    public func covers(_ t0: Double, _ t1: Double) -> Bool {
        Swift.min(t0, t1) >= lower && Swift.max(t0, t1) <= upper
    }

    @inlinable
    public mutating func increment(from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>) {
        let cursor = uniqueCursor()
        let m = dimension
        if s != cursor.lastTime { query(s, cursor, into: cursor.previous) }
        query(t, cursor, into: cursor.current)
        for j in 0..<m {
            dw[j] = cursor.current[j] - cursor.previous[j]
            cursor.previous[j] = cursor.current[j]
            cursor.previous[m + j] = cursor.current[m + j]
        }
        cursor.lastTime = t
    }

    @inlinable
    public mutating func increment(
        from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>,
        area: UnsafeMutableBufferPointer<Double>
    ) {
        let cursor = uniqueCursor()
        let m = dimension, h = t - s, areaKnown = providesSpaceTimeArea
        if s != cursor.lastTime { query(s, cursor, into: cursor.previous) }
        query(t, cursor, into: cursor.current)
        for j in 0..<m {
            let ws = cursor.previous[j]
            dw[j] = cursor.current[j] - ws
            area[j] = areaKnown ? (cursor.current[m + j] - cursor.previous[m + j] - h * ws) / h - 0.5 * dw[j] : 0
            cursor.previous[j] = cursor.current[j]
            cursor.previous[m + j] = cursor.current[m + j]
        }
        cursor.lastTime = t
    }

    /// `W(t)` and `∫ W` from the start of the domain to `t`, as two `m`-vectors.
    public mutating func value(at t: Double) -> (w: [Double], integral: [Double]) {
        let cursor = uniqueCursor()
        query(t, cursor, into: cursor.current)
        let m = dimension
        return (Array(UnsafeBufferPointer(start: cursor.current, count: m)),
                Array(UnsafeBufferPointer(start: cursor.current + m, count: m)))
    }

    @inlinable
    mutating func uniqueCursor() -> TreeCursor {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Writes W(t) and ∫W up to t into `out[0 ..< 2m]`, descending from the deepest cached node on
    /// t's path (intervals are half-open `[left, right)`, except the last, which contains `upper`).
    @inlinable
    func query(_ time: Double, _ cursor: TreeCursor, into out: UnsafeMutablePointer<Double>) {
        let t = Swift.min(Swift.max(time, lower), upper)
        let m = dimension, stride = cursor.stride, area = providesSpaceTimeArea
        let lv = cursor.levels, nodes = cursor.nodes
        var level = cursor.validLevel
        if level < 0 {
            initializeRoot(cursor)
            level = 0
        }
        while level > 0 {
            let left = lv[level * stride], right = lv[level * stride + 1]
            if t >= left && (t < right || right == upper) { break }
            level -= 1
        }
        // Three passes over the levels still to descend: the intervals and node numbers (no
        // randomness), then every level's normals (independent Philox blocks, which the processor
        // overlaps), then the bridge recurrence.
        let first = level
        while level < depth {
            let base = level * stride, child = base + stride
            let left = lv[base], right = lv[base + 1]
            let mid = left + 0.5 * (right - left)
            let goRight = !(t < mid)
            nodes[level + 1] = 2 &* nodes[level] &+ (goRight ? 1 : 0)
            lv[child] = goRight ? mid : left
            lv[child + 1] = goRight ? right : mid
            level += 1
        }
        let normals = cursor.normals
        for l in first..<depth {
            for j in 0..<m {
                let counter = nodes[l] &* UInt64(m) &+ UInt64(j), slot = 2 * (l * m + j)
                if area {
                    (normals[slot], normals[slot + 1]) = GaussianSampler.normalPair(key: key, counter: counter)
                } else {
                    normals[slot] = GaussianSampler.firstNormal(key: key, counter: counter)
                }
            }
        }
        for l in first..<depth {
            let base = l * stride, child = base + stride
            let left = lv[base], h = lv[base + 1] - left
            let goRight = nodes[l + 1] & 1 == 1
            for j in 0..<m {
                let slot = 2 * (l * m + j)
                let wa = lv[base + 2 + j], w = lv[base + 2 + 2 * m + j]
                if area {
                    let ka = lv[base + 2 + m + j], hArea = lv[base + 2 + 3 * m + j]
                    let (w1, a1, a2) = BrownianBridge.bisect(
                        increment: w, area: hArea, width: h, normals: (normals[slot], normals[slot + 1]))
                    lv[child + 2 + j] = goRight ? wa + w1 : wa
                    lv[child + 2 + m + j] = goRight ? ka + 0.5 * h * (wa + 0.5 * w1 + a1) : ka
                    lv[child + 2 + 2 * m + j] = goRight ? w - w1 : w1
                    lv[child + 2 + 3 * m + j] = goRight ? a2 : a1
                } else {
                    let w1 = BrownianBridge.bisect(increment: w, width: h, normal: normals[slot])
                    lv[child + 2 + j] = goRight ? wa + w1 : wa
                    lv[child + 2 + 2 * m + j] = goRight ? w - w1 : w1
                }
            }
        }
        cursor.validLevel = depth
        let base = depth * stride
        let left = lv[base], h = lv[base + 1] - left
        let theta = (t - left) / h
        for j in 0..<m {
            let wa = lv[base + 2 + j], ka = lv[base + 2 + m + j]
            let w = lv[base + 2 + 2 * m + j], hArea = lv[base + 2 + 3 * m + j]
            out[j] = theta == 0 ? wa : wa + theta * w + 6 * theta * (1 - theta) * hArea
            out[m + j] = ka + h * (theta * wa + 0.5 * theta * theta * w + hArea * theta * theta * (3 - 2 * theta))
        }
    }

    /// Level 0: the whole domain, W(lower) = 0, its increment and area from counter block `j`.
    @inlinable
    func initializeRoot(_ cursor: TreeCursor) {
        let m = dimension, h = upper - lower, lv = cursor.levels
        lv[0] = lower
        lv[1] = upper
        cursor.nodes[0] = 1
        for j in 0..<m {
            let z = GaussianSampler.normalPair(key: key, counter: UInt64(j))
            lv[2 + j] = 0
            lv[2 + m + j] = 0
            lv[2 + 2 * m + j] = h.squareRoot() * z.0
            lv[2 + 3 * m + j] = providesSpaceTimeArea ? (h / 12).squareRoot() * z.1 : 0
        }
    }
}

extension Double {
    /// `⌈log₂(self)⌉`, or 0 for `self ≤ 1`.
    var ceilingLog2: Double { self <= 1 ? 0 : Foundation.log2(self).rounded(.up) }
}
