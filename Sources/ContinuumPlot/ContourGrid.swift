/// Values of a function of two variables on a rectangular grid, for contour lines and filled
/// regions (stability regions, density contours, level sets).
///
/// ```swift
/// let grid = try ContourGrid(x: xs, y: ys, values: zs)   // zs[row * xs.count + column]
/// plot.addContour(grid, level: 1, label: "|R(z)| = 1", fillOpacity: 0.2)
/// ```
public struct ContourGrid: Sendable {
    /// Column coordinates, strictly increasing.
    public let x: [Double]
    /// Row coordinates, strictly increasing.
    public let y: [Double]
    /// `values[row * x.count + column]` at `(x[column], y[row])`. NaN counts as above every level.
    public let values: [Double]

    /// A grid; throws ``PlotError/invalidGrid(reason:)`` unless there are at least 2 × 2 points,
    /// coordinates are finite and strictly increasing, and there is one value per point.
    public init(x: [Double], y: [Double], values: [Double]) throws(PlotError) {
        guard x.count >= 2, y.count >= 2 else {
            throw .invalidGrid(reason: "a contour grid needs at least 2 × 2 points, got \(x.count) × \(y.count)")
        }
        guard values.count == x.count * y.count else {
            throw .invalidGrid(reason: "\(x.count) × \(y.count) grid points but \(values.count) values")
        }
        for (name, coordinates) in [("x", x), ("y", y)] {
            guard coordinates.allSatisfy(\.isFinite), zip(coordinates, coordinates.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalidGrid(reason: "\(name) coordinates must be finite and strictly increasing")
            }
        }
        self.x = x
        self.y = y
        self.values = values
    }

    /// The value at `(column, row)`; NaN reads as +∞ so that undefined points lie outside.
    func value(_ column: Int, _ row: Int) -> Double {
        let v = values[row * x.count + column]
        return v.isNaN ? .infinity : v
    }

    /// The contour lines `value = level` by marching squares: open polylines end on the grid's
    /// edge, the others are closed (first point repeated at the end).
    public func lines(at level: Double) -> [ContourLine] {
        MarchingSquares(grid: self, level: level, border: nil).polylines()
    }

    /// The boundary of `{value ≤ level}` (`below: true`) or `{value > level}` inside the grid as
    /// closed rings: contour lines closed along the grid's edge. Filled with the even-odd rule they
    /// cover exactly that set, holes included.
    public func regionBoundaries(at level: Double, below: Bool) -> [ContourLine] {
        MarchingSquares(grid: self, level: level, border: below ? .infinity : -.infinity).polylines()
    }
}

/// One contour polyline in data coordinates.
public struct ContourLine: Sendable, Equatable {
    /// Horizontal coordinates of the vertices.
    public var x: [Double]
    /// Vertical coordinates of the vertices.
    public var y: [Double]
    /// Whether the line closes on itself (its last vertex repeats the first).
    public var isClosed: Bool
}
