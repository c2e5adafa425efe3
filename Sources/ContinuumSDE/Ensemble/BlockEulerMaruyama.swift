import ContinuumNumerics
import ContinuumODE

/// The states, drift, diffusion and increments of a block of paths, path after path
/// (`y[p · n + i]`), allocated once per worker.
@usableFromInline
final class BlockWorkspace {
    @usableFromInline let y: UnsafeMutablePointer<Double>, f: UnsafeMutablePointer<Double>
    @usableFromInline let g: UnsafeMutablePointer<Double>, dw: UnsafeMutablePointer<Double>
    let sizes: [Int]

    @usableFromInline
    init(lanes: Int, dimension n: Int, noise: NoiseKind) {
        sizes = [lanes * n, lanes * n, lanes * noise.diffusionCount(stateDimension: n),
                 lanes * noise.brownianDimension(stateDimension: n)]
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            return pointer
        }
        (y, f, g, dw) = (buffer(sizes[0]), buffer(sizes[1]), buffer(sizes[2]), buffer(sizes[3]))
    }

    deinit {
        for pointer in [y, f, g, dw] { pointer.deallocate() }
    }
}

/// The fixed time grid of a solve: `t` advances by `h = ±stepSize`, the last step cut to end at
/// `t1`, exactly as the single-path driver steps (``runSolve``), so both see the same times.
@usableFromInline
struct FixedGrid: Sendable {
    @usableFromInline let t0: Double, t1: Double, direction: Double, stepSize: Double
    /// Number of steps the grid takes.
    @usableFromInline let count: Int

    @usableFromInline
    init(t0: Double, t1: Double, stepSize: Double, limit: Int) {
        (self.t0, self.t1, direction, self.stepSize) = (t0, t1, t1 > t0 ? 1 : -1, stepSize)
        var steps = 0
        var t = t0, h = direction * stepSize
        while direction * (t1 - t) > 0 && steps <= limit {
            let last = Self.isLast(t, h, t1, direction)
            if last { h = t1 - t }
            t = last ? t1 : t + h
            steps += 1
        }
        count = steps
    }

    /// The counters of one path's Euler-Maruyama solve on the grid.
    @usableFromInline
    var eulerMaruyamaStatistics: SDEStatistics {
        var statistics = SDEStatistics()
        (statistics.acceptedSteps, statistics.driftEvaluations, statistics.diffusionEvaluations) = (count, count, count)
        return statistics
    }

    @inlinable
    static func isLast(_ t: Double, _ h: Double, _ t1: Double, _ direction: Double) -> Bool {
        direction * (t + h - t1) >= 0 || abs(t1 - (t + h)) <= 1e-12 * abs(h)
    }
}

extension VectorField {
    /// `f(t, yₚ)` for `count` states stored one after another (`y[p · n ..< (p + 1) · n]`), into
    /// `out` laid out the same way: one ``evaluate(_:_:_:)`` per state. For fields the compiler
    /// sees (structs, specialised), the loop inlines the body and runs over the block as one
    /// vector loop.
    @inlinable @inline(__always)
    func evaluate(_ t: Double, states y: UnsafePointer<Double>, count: Int, into out: UnsafeMutablePointer<Double>) {
        let n = dimension
        for p in 0..<count {
            evaluate(t, UnsafeBufferPointer(start: y + p &* n, count: n), UnsafeMutableBufferPointer(start: out + p &* n, count: n))
        }
    }
}

/// Euler-Maruyama on a block of paths in lockstep: per step one increment query for the block,
/// the drift and diffusion over the block, then `y ← (y + h f) + g ΔW` as one loop over all
/// lanes (`ΔW = scale · v` formed in the loop). Each lane does exactly the arithmetic of ``EulerMaruyama/step`` in ``runSolve``, so its
/// states are bit-identical to the single-path solve's. Leaves the final states in `workspace.y`.
@inlinable
func runBlockEulerMaruyama<F: VectorField, G: DiffusionField, B: BrownianBlock>(
    _ problem: SDEProblem<F, G>, _ grid: FixedGrid, _ source: B, _ workspace: BlockWorkspace
) {
    let n = problem.dimension, lanes = source.lanes, m = source.dimension
    let y = workspace.y, f = workspace.f, g = workspace.g, dw = workspace.dw
    problem.y0.withUnsafeBufferPointer { y0 in
        for p in 0..<lanes {
            for i in 0..<n { y[p * n + i] = y0[i] }
        }
    }
    let direction = grid.direction, t1 = grid.t1, noise = problem.noise
    let entries = noise.diffusionCount(stateDimension: n)
    var t = grid.t0, h = direction * grid.stepSize
    for _ in 0..<grid.count {
        let last = FixedGrid.isLast(t, h, t1, direction)
        if last { h = t1 - t }
        let (v, scale) = source.increments(from: t, to: t + h)
        problem.drift.evaluate(t, states: y, count: lanes, into: f)
        problem.diffusion.evaluate(t, states: y, count: lanes, into: g, entries: entries)
        // ΔW = scale · v, formed where it is used (the single path forms it the same way).
        switch noise {
        case .diagonal:
            for k in 0..<(lanes &* n) { y[k] = (y[k] + h * f[k]) + g[k] * (scale * v[k]) }
        case .scalar:
            for p in 0..<lanes {
                for i in 0..<n {
                    let k = p &* n &+ i
                    y[k] = (y[k] + h * f[k]) + (scale * v[p]) * g[k]
                }
            }
        case .general:
            for k in 0..<(lanes &* m) { dw[k] = scale * v[k] }
            for k in 0..<(lanes &* n) { y[k] = y[k] + h * f[k] }
            for p in 0..<lanes {
                noise.addProduct(g + p * n * m, dw + p * m, scale: 1, to: y + p * n, stateDimension: n)
            }
        }
        t = last ? t1 : t + h
    }
}
