import Foundation

/// A function of `z` sampled on a rectangular grid of the complex plane: what stability regions,
/// order stars and areas are drawn and measured from.
public struct StabilityGrid: Sendable {
    /// Real parts of the grid columns, ascending and equally spaced.
    public let x: [Double]
    /// Imaginary parts of the grid rows, ascending and equally spaced.
    public let y: [Double]
    /// `values[row * x.count + column]` at `x[column] + i y[row]`.
    public let values: [Double]

    /// `function` sampled at `columns × rows` points spanning `real × imaginary` (ends included).
    public init(
        real: ClosedRange<Double>, imaginary: ClosedRange<Double>, columns: Int, rows: Int,
        _ function: (Complex) -> Double
    ) {
        precondition(columns >= 2 && rows >= 2, "a grid needs at least 2 × 2 points")
        x = (0..<columns).map { real.lowerBound + (real.upperBound - real.lowerBound) * Double($0) / Double(columns - 1) }
        y = (0..<rows).map { imaginary.lowerBound + (imaginary.upperBound - imaginary.lowerBound) * Double($0) / Double(rows - 1) }
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for yValue in y { for xValue in x { values.append(function(Complex(xValue, yValue))) } }
        self.values = values
    }

    /// The method's amplification on the grid: the region is where the value is at most 1.
    public static func amplification(
        _ method: some LinearStability, real: ClosedRange<Double>, imaginary: ClosedRange<Double>,
        columns: Int = 321, rows: Int = 321
    ) -> StabilityGrid {
        StabilityGrid(real: real, imaginary: imaginary, columns: columns, rows: rows) { method.amplification(at: $0) }
    }

    /// The order star of Wanner, Hairer & Nørsett: `|R(z) e^{−z}|` (amplification relative to the
    /// exact flow), whose level set 1 splits the plane into the "fingers" where the method
    /// amplifies more than `eᶻ` (value > 1) and those where it damps more.
    public static func orderStar(
        _ method: some LinearStability, real: ClosedRange<Double>, imaginary: ClosedRange<Double>,
        columns: Int = 321, rows: Int = 321
    ) -> StabilityGrid {
        StabilityGrid(real: real, imaginary: imaginary, columns: columns, rows: rows) {
            method.amplification(at: $0) * exp(-$0.re)
        }
    }

    /// The area of `{values ≤ level}` within the grid's rectangle, counting each grid point as
    /// the cell around it (half cells on the edges). Accurate to about the boundary length times
    /// the grid spacing.
    public func area(belowOrAt level: Double = 1) -> Double {
        let dx = x.count > 1 ? x[1] - x[0] : 0, dy = y.count > 1 ? y[1] - y[0] : 0
        var total = 0.0
        for (row, _) in y.enumerated() {
            let rowWeight = (row == 0 || row == y.count - 1) ? 0.5 : 1
            for column in x.indices where values[row * x.count + column] <= level {
                total += rowWeight * ((column == 0 || column == x.count - 1) ? 0.5 : 1)
            }
        }
        return total * dx * dy
    }
}
