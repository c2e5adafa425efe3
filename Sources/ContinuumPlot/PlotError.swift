/// Which axis of a plot a value or setting belongs to.
public enum AxisName: String, Sendable, Hashable {
    /// The horizontal axis.
    case x
    /// The vertical axis.
    case y
}

/// Input that cannot be drawn. Every case says what was wrong and where, so a message can be shown
/// to the user as is (``description``).
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// The plot (or figure) has nothing to draw.
    case noData
    /// A series has a different number of `x` and `y` values.
    case lengthMismatch(series: String, xCount: Int, yCount: Int)
    /// A series has no points at all.
    case emptySeries(series: String)
    /// No point of any series has both coordinates finite, so no axis range can be derived.
    case noFinitePoints
    /// A finite value that is zero or negative was given for a logarithmic axis.
    case nonPositiveOnLogarithmicAxis(axis: AxisName, series: String, index: Int, value: Double)
    /// User-set axis limits are unusable (not finite, empty, or not positive on a logarithmic axis).
    case invalidLimits(axis: AxisName, lower: Double, upper: Double, reason: String)
    /// The requested size is not finite or leaves no room for the plot area.
    case invalidSize(width: Double, height: Double)
    /// A figure was given an unusable number of columns.
    case invalidColumnCount(Int)
    /// Writing the SVG file failed; the previous file, if any, is left untouched.
    case writeFailed(path: String, reason: String)
    /// A contour grid is malformed (too small, unordered coordinates, wrong number of values).
    case invalidGrid(reason: String)
    /// A fill or line setting is out of range (opacity outside [0, 1], negative line width).
    case invalidStyle(series: String, reason: String)

    /// A sentence saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .noData:
            return "nothing to plot: add a series with addLine(x:y:label:) or addScatter(x:y:label:)"
        case let .lengthMismatch(series, xCount, yCount):
            return "series \(series) has \(xCount) x values but \(yCount) y values; they must match"
        case let .emptySeries(series):
            return "series \(series) has no points"
        case .noFinitePoints:
            return "nothing to plot: no point has both coordinates finite (all are NaN or infinite)"
        case let .nonPositiveOnLogarithmicAxis(axis, series, index, value):
            return "\(axis.rawValue) value \(value) at index \(index) of series \(series) cannot be shown on "
                + "a logarithmic axis; values must be positive (use a linear \(axis.rawValue) scale or drop it)"
        case let .invalidLimits(axis, lower, upper, reason):
            return "invalid \(axis.rawValue) limits \(lower)...\(upper): \(reason)"
        case let .invalidSize(width, height):
            return "a figure of \(width) x \(height) cannot hold a plot; use a finite size of at least about 200 x 150"
        case let .invalidColumnCount(columns):
            return "a figure needs at least one column, got \(columns)"
        case let .writeFailed(path, reason):
            return "could not write \(path): \(reason)"
        case let .invalidGrid(reason):
            return "invalid contour grid: \(reason)"
        case let .invalidStyle(series, reason):
            return "series \(series): \(reason)"
        }
    }
}
