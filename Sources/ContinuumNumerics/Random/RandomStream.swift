/// A sequential reader of a ``RandomKey``'s stream: uniforms and normals drawn in order, with no
/// allocation. Two streams with the same key and starting counter produce the same numbers.
public struct RandomStream: Sendable {
    /// The key of the stream.
    public let key: RandomKey
    /// The next counter to consume; setting it moves the stream (and drops any spare draws).
    public var counter: UInt64 {
        get { position }
        set {
            position = newValue
            spareUniform = nil
            spareNormal = nil
        }
    }
    @usableFromInline var position: UInt64
    @usableFromInline var spareUniform: Double?
    @usableFromInline var spareNormal: Double?

    /// A stream reading `key` from counter `start`.
    public init(key: RandomKey, start: UInt64 = 0) {
        self.key = key
        self.position = start
    }

    /// A stream for `seed` (shorthand for `RandomStream(key: RandomKey(seed: seed))`).
    public init(seed: UInt64) { self.init(key: RandomKey(seed: seed)) }

    /// The next uniform number in (0, 1).
    @inlinable
    public mutating func nextUniform() -> Double {
        if let u = spareUniform {
            spareUniform = nil
            return u
        }
        let (u0, u1) = key.uniformPair(at: position)
        position &+= 1
        spareUniform = u1
        return u0
    }

    /// The next standard normal number.
    @inlinable
    public mutating func nextNormal() -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return z
        }
        let (z0, z1) = key.normalPair(at: position)
        position &+= 1
        spareNormal = z1
        return z0
    }

    /// Fills `buffer` with standard normal numbers (continuing the sequence of ``nextNormal()``).
    @inlinable
    public mutating func fillNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var i = 0
        if i < buffer.count, let z = spareNormal {
            buffer[i] = z
            spareNormal = nil
            i += 1
        }
        while i + 1 < buffer.count {
            let (z0, z1) = key.normalPair(at: position)
            position &+= 1
            buffer[i] = z0
            buffer[i + 1] = z1
            i += 2
        }
        if i < buffer.count { buffer[i] = nextNormal() }
    }
}
