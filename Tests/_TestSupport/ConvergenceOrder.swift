import Foundation

/// Observed order of convergence from errors at step sizes halving each time: the least-squares
/// slope of `log(error)` against `log(h)` over the usable points (errors above `floor`, where
/// round-off does not yet dominate). NaN if fewer than two points are usable.
public func observedOrder(stepSizes: [Double], errors: [Double], floor: Double = 1e-12) -> Double {
    let points = zip(stepSizes, errors).filter { $0.1 > floor && $0.1.isFinite }
    guard points.count >= 2 else { return .nan }
    let xs = points.map { log($0.0) }
    let ys = points.map { log($0.1) }
    let mx = xs.reduce(0, +) / Double(xs.count)
    let my = ys.reduce(0, +) / Double(ys.count)
    let sxy = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
    let sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
    return sxy / sxx
}
