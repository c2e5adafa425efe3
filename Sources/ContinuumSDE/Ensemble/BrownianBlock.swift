import ContinuumNumerics

/// The Brownian increments of a block of ensemble paths that share one time grid: lane `p` is
/// path `first + p`, driven by `key.split(first + p)` exactly as its single-path Brownian path
/// would be, so a path's increments never depend on the block it was put in.
@usableFromInline
protocol BrownianBlock: AnyObject, SendableMetatype {
    /// Number `m` of Brownian components per path.
    var dimension: Int { get }
    /// Lanes in use: the paths of the block rounded up to a multiple of 4 (extra lanes repeat
    /// the first path and are ignored).
    var lanes: Int { get }
    /// Starts the block over paths `paths` of the ensemble keyed by `key`.
    func reset(key: RandomKey, paths: Range<Int>)
    /// `W(t) − W(s)` of every lane as `scale · values[p · m + j]` (component `j` of lane `p`),
    /// computed as the lane's single Brownian path computes it, so `scale * values[…]` has the
    /// single path's bits. The values stay valid until the next call.
    func increments(from s: Double, to t: Double) -> (values: UnsafePointer<Double>, scale: Double)
}

/// Storage for the per-lane keys of a block.
@usableFromInline
final class BlockKeys {
    @usableFromInline let capacity: Int
    @usableFromInline let keys: UnsafeMutablePointer<RandomKey>
    /// Per four lanes, the keys' first and second words as ``PhiloxLanes`` lanes.
    @usableFromInline let words: UnsafeMutablePointer<PhiloxLanes.Words>
    @exclusivity(unchecked) @usableFromInline var lanes = 0

    /// Keys for up to `capacity` lanes (rounded up to a multiple of 4).
    @usableFromInline
    init(capacity: Int) {
        self.capacity = (capacity + 3) / 4 * 4
        keys = .allocate(capacity: self.capacity)
        keys.initialize(repeating: RandomKey(seed: 0), count: self.capacity)
        words = .allocate(capacity: self.capacity / 2)
        words.initialize(repeating: .zero, count: self.capacity / 2)
    }

    /// Lane `p` gets `key.split(first + p)`; the padding lanes repeat the first path's key.
    @usableFromInline
    func reset(key: RandomKey, paths: Range<Int>) {
        precondition(paths.count <= capacity && !paths.isEmpty)
        lanes = (paths.count + 3) / 4 * 4
        for p in 0..<lanes {
            keys[p] = key.split(UInt64(p < paths.count ? paths.lowerBound + p : paths.lowerBound))
        }
        for p in stride(from: 0, to: lanes, by: 4) {
            let (a, b, c, d) = (keys[p].laneWords, keys[p + 1].laneWords, keys[p + 2].laneWords, keys[p + 3].laneWords)
            words[p / 2] = PhiloxLanes.Words(a.0, b.0, c.0, d.0)
            words[p / 2 + 1] = PhiloxLanes.Words(a.1, b.1, c.1, d.1)
        }
    }

    deinit {
        keys.deallocate()
        words.deallocate()
    }
}

/// ``SequentialBrownianPath`` for a block of paths: the normals of each 64-bit counter are drawn
/// for all lanes at once (``PhiloxLanes`` four lanes at a time, then the ziggurat), and lane `p`
/// consumes them in the same order as a ``SequentialBrownianPath`` of its key, so each lane's
/// increments are bit-identical to the single path's.
@usableFromInline
final class SequentialBrownianBlock: BrownianBlock {
    @usableFromInline let dimension: Int
    @usableFromInline let keys: BlockKeys
    /// The two normals of the current counter, lane by lane: `rows[r · capacity + p]`.
    @usableFromInline let rows: UnsafeMutablePointer<Double>
    // The mutable state is owned by one worker at a time, so the dynamic exclusivity checks Swift
    // emits for class properties (3 % of an ensemble's time) are turned off.
    @exclusivity(unchecked) @usableFromInline var counter: UInt64 = 0
    /// Next unused row (2: both used).
    @exclusivity(unchecked) @usableFromInline var row = 2
    @exclusivity(unchecked) @usableFromInline var lastWidth = Double.nan
    @exclusivity(unchecked) @usableFromInline var lastRoot = Double.nan
    /// The normals of one step, lane after lane, when there are several components.
    @usableFromInline let interleaved: UnsafeMutablePointer<Double>

    @usableFromInline
    init(dimension: Int, capacity: Int) {
        self.dimension = dimension
        keys = BlockKeys(capacity: capacity)
        rows = .allocate(capacity: 2 * capacity)
        rows.initialize(repeating: 0, count: 2 * capacity)
        interleaved = .allocate(capacity: dimension * capacity)
        interleaved.initialize(repeating: 0, count: dimension * capacity)
    }

    deinit {
        rows.deallocate()
        interleaved.deallocate()
    }

    @usableFromInline var lanes: Int { keys.lanes }

    @usableFromInline
    func reset(key: RandomKey, paths: Range<Int>) {
        keys.reset(key: key, paths: paths)
        counter = 0
        row = 2
        lastWidth = .nan
    }

    /// Draws the two normals of the next counter for every lane.
    @inlinable
    func refill() {
        GaussianSampler.fillNormals(counter: counter, keys: keys, first: rows, second: rows + keys.capacity)
        counter &+= 1
        row = 0
    }

    @inlinable
    func increments(from s: Double, to t: Double) -> (values: UnsafePointer<Double>, scale: Double) {
        let width = t - s
        if width != lastWidth {
            lastWidth = width
            lastRoot = abs(width).squareRoot() * (width >= 0 ? 1 : -1)
        }
        let m = dimension, lanes = keys.lanes
        if m == 1 {
            // The normals themselves, in place: no copy for one Brownian component.
            if row == 2 { refill() }
            row += 1
            return (UnsafePointer(rows + (row - 1) &* keys.capacity), lastRoot)
        }
        for j in 0..<m {
            if row == 2 { refill() }
            let z = rows + row &* keys.capacity
            for p in 0..<lanes { interleaved[p &* m &+ j] = z[p] }
            row += 1
        }
        return (UnsafePointer(interleaved), lastRoot)
    }
}
