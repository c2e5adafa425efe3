import ContinuumNeural
import ContinuumNumerics
import ContinuumODE

// The blocks forward: one engine for every scheme, running tableau or splitting data.
extension ResNet {
    /// `θ(t)` of block `k` as a pointer to one coefficient set: the set itself when `θ(t)` is a
    /// single set, otherwise the blend `Σⱼ wⱼ(t) cⱼ` written into the workspace.
    @inlinable
    func weights(at t: Double, block k: Int, _ p: UnsafePointer<Double>, _ w: ResNetWorkspace) -> UnsafePointer<Double> {
        let size = setParameterCount
        if let j = schedule.singleSet(at: t, block: k, horizon: horizon) { return p + fieldOffset + j * size }
        let theta = w.theta
        theta.update(repeating: 0, count: size)
        let base = p + fieldOffset
        schedule.forEachWeight(at: t, block: k, horizon: horizon) { j, weight in
            let c = base + j * size
            for m in 0..<size { theta[m] += weight * c[m] }
        }
        return UnsafePointer(theta)
    }

    /// `out = network(x)` for `rows` rows.
    @inlinable
    static func apply(
        _ network: MLP, _ theta: UnsafePointer<Double>, rows: Int, _ x: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, workspace: MLPWorkspace
    ) {
        network.forward(
            UnsafeBufferPointer(start: x, count: rows * network.inputWidth),
            parameters: UnsafeBufferPointer(start: theta, count: network.parameterCount),
            into: UnsafeMutableBufferPointer(start: out, count: rows * network.outputWidth), workspace: workspace)
    }

    /// `y += a x` over `n` entries.
    @inlinable
    static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        for m in 0..<n { y[m] += a * x[m] }
    }

    /// Copies half `half` (0: `q`, 1: `p`) of each row of `x` (`rows × width`), times `scale`,
    /// into the contiguous `rows × width/2` buffer `out`.
    @inlinable
    func gatherHalf(
        _ x: UnsafePointer<Double>, _ half: Int, rows: Int, scale: Double = 1, into out: UnsafeMutablePointer<Double>
    ) {
        let m = width / 2
        for r in 0..<rows {
            let source = x + r * width + half * m
            for i in 0..<m { out[r * m + i] = scale * source[i] }
        }
    }

    /// Adds `scale · v` (`rows × width/2`) to half `half` of each row of `x`.
    @inlinable
    func addHalf(_ v: UnsafePointer<Double>, scale: Double, _ half: Int, rows: Int, into x: UnsafeMutablePointer<Double>) {
        let m = width / 2
        for r in 0..<rows {
            let target = x + r * width + half * m
            for i in 0..<m { target[i] += scale * v[r * m + i] }
        }
    }

    /// Runs the `N` blocks from `w.state(0)` to `w.state(N)`, storing every stage's input.
    @inlinable
    func propagate(rows: Int, parameters p: UnsafePointer<Double>, workspace w: ResNetWorkspace) {
        let h = stepSize
        let n = rows * width
        for k in 0..<depth {
            let t = Double(k) * h
            let x = w.state(k)
            let next = w.state(k + 1)
            next.update(from: x, count: n)
            switch scheme {
            case .rungeKutta(let tableau):
                for i in 0..<tableau.stageCount {
                    let y = w.stageInput(k, i)
                    y.update(from: x, count: n)
                    let row = tableau.a[i]
                    for j in 0..<i where row[j] != 0 { Self.axpy(h * row[j], w.slope(j), y, n) }
                    let theta = weights(at: t + tableau.c[i] * h, block: k, p, w)
                    Self.apply(field, theta, rows: rows, y, into: w.slope(i), workspace: w.fieldWorkspace)
                    if tableau.b[i] != 0 { Self.axpy(h * tableau.b[i], w.slope(i), next, n) }
                }
            case .splitting(let coefficients):
                var kicked = 0.0
                var drifted = 0.0
                for (i, stage) in coefficients.stages.enumerated() {
                    w.stageInput(k, i).update(from: next, count: n)
                    switch stage {
                    case .kick(let beta):
                        let theta = weights(at: t + drifted * h, block: k, p, w)
                        gatherHalf(next, 0, rows: rows, into: w.gather(0))
                        Self.apply(field, theta, rows: rows, w.gather(0), into: w.gather(1), workspace: w.fieldWorkspace)
                        addHalf(w.gather(1), scale: beta * h, 1, rows: rows, into: next)
                        kicked += beta
                    case .drift(let alpha):
                        let theta = weights(at: t + kicked * h, block: k, p, w) + field.parameterCount
                        gatherHalf(next, 1, rows: rows, into: w.gather(0))
                        Self.apply(
                            velocity!, theta, rows: rows, w.gather(0), into: w.gather(1), workspace: w.velocityWorkspace!)
                        addHalf(w.gather(1), scale: alpha * h, 0, rows: rows, into: next)
                        drifted += alpha
                    }
                }
            case .eulerMaruyama(let noise):
                w.stageInput(k, 0).update(from: x, count: n)
                Self.apply(field, weights(at: t, block: k, p, w), rows: rows, x, into: w.slope(0), workspace: w.fieldWorkspace)
                Self.axpy(h, w.slope(0), next, n)
                if noise > 0, var stream = w.noise {
                    let scale = noise * h.squareRoot()
                    for m in 0..<n { next[m] += scale * stream.nextNormal() }
                    w.noise = stream
                }
            }
        }
    }
}
