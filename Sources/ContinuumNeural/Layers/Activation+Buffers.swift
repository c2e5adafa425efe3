extension Activation {
    /// Writes `σ(z[i])` into `a[i]` for `i < count` (`a` may equal `z`). The `switch` is hoisted
    /// out of the loop so each case is a tight, vectorisable loop.
    @inlinable
    public func apply(_ z: UnsafePointer<Double>, to a: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .identity:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .tanh:
            Self.applyTanh(z, to: a, count: count)
        case .relu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
        default:
            for i in 0..<count { a[i] = value(z[i]) }
        }
    }

    /// Multiplies `delta[i]` by `σ′(z[i])` in place, given the stored values `a[i] = σ(z[i])`:
    /// the step of a vector-Jacobian product through the activation.
    @inlinable
    public func multiplyByDerivative(
        _ delta: UnsafeMutablePointer<Double>, preactivation z: UnsafePointer<Double>,
        value a: UnsafePointer<Double>, count: Int
    ) {
        switch self {
        case .identity:
            return
        case .tanh:
            // Two lanes at a time without the vectoriser's runtime overlap checks, which cost
            // more than the loop for the short rows of a recorded batch.
            var i = 0
            while i &+ 2 <= count {
                let value = Dense.load2(a + i)
                Dense.store2(Dense.load2(delta + i) * (1 - value * value), delta + i)
                i &+= 2
            }
            if i < count { delta[i] *= 1 - a[i] * a[i] }
        case .sigmoid:
            for i in 0..<count { delta[i] *= a[i] * (1 - a[i]) }
        case .relu:
            for i in 0..<count { delta[i] = z[i] > 0 ? delta[i] : 0 }
        default:
            for i in 0..<count { delta[i] *= derivative(z[i], value: a[i]) }
        }
    }

    /// `a[i] = tanh z[i]` two lanes at a time, in blocks of 64 values: a pass of reductions into
    /// stack scratch (1 KiB, the most the standard library places on the stack unconditionally),
    /// then a pass of quotients. Each pass is short enough for the core to keep
    /// many elements in flight, where one fused loop was limited by its dependency chain. `a`
    /// may equal `z`: the second pass reads `z[i]` (for its sign) before writing `a[i]`. With
    /// `copy`, every value is stored there too (a recorded forward pass).
    @inlinable
    static func applyTanh(
        _ z: UnsafePointer<Double>, to a: UnsafeMutablePointer<Double>, count: Int,
        copyingTo copy: UnsafeMutablePointer<Double>? = nil
    ) {
        let block = 64
        withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: block) { scratch in
            let reduced = scratch.baseAddress!
            let scales = reduced + block / 2
            let pairs = count >> 1
            var done = 0
            // Plain pair counters (no checked index arithmetic in the loops).
            while done < pairs {
                let n = Swift.min(block / 2, pairs &- done)
                let x = z + 2 &* done
                for j in 0..<n {
                    let (r, t) = reduce(Dense.load2(x + 2 &* j))
                    reduced[j] = r
                    scales[j] = t
                }
                let y = a + 2 &* done
                if let copy {
                    let c = copy + 2 &* done
                    for j in 0..<n {
                        let value = tanh(reduced: reduced[j], scale: scales[j], sign: Dense.load2(x + 2 &* j))
                        Dense.store2(value, y + 2 &* j)
                        Dense.store2(value, c + 2 &* j)
                    }
                } else {
                    for j in 0..<n {
                        Dense.store2(tanh(reduced: reduced[j], scale: scales[j], sign: Dense.load2(x + 2 &* j)), y + 2 &* j)
                    }
                }
                done &+= n
            }
            if count & 1 == 1 {
                a[count - 1] = fastTanh(z[count - 1])
                copy?[count - 1] = a[count - 1]
            }
        }
    }
}
