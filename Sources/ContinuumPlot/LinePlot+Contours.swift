extension LinePlot {
    /// Adds the contour line `value = level` of `grid`, optionally with the region `{value ≤ level}`
    /// filled translucently in the same colour (`fillBelow`), e.g. a stability region `|R(z)| ≤ 1`.
    /// For the region above the level, pass `fillAbove` instead (order stars, density above a
    /// threshold). The line carries `label` into the legend; the fill is drawn first.
    public mutating func addContour(
        _ grid: ContourGrid, level: Double, label: String? = nil, color: Color? = nil,
        fillBelow: Double? = nil, fillAbove: Double? = nil
    ) {
        let color = color ?? Palette.color(at: series.count)
        if let opacity = fillBelow ?? fillAbove {
            let rings = grid.regionBoundaries(at: level, below: fillBelow != nil)
            let (x, y) = Self.joined(rings)
            if !x.isEmpty {
                add(Series(x: x, y: y, color: color, fill: Fill(opacity: opacity), lineWidth: 0))
            }
        }
        let (x, y) = Self.joined(grid.lines(at: level))
        // An empty contour still gets its legend entry, as a line outside every window.
        add(Series(x: x.isEmpty ? [.nan] : x, y: y.isEmpty ? [.nan] : y, label: label, color: color))
    }

    /// Adds the level sets of `grid` at several `levels` (a density's or a potential's contours),
    /// all in one colour.
    public mutating func addContours(_ grid: ContourGrid, levels: [Double], label: String? = nil, color: Color? = nil) {
        let color = color ?? Palette.color(at: series.count)
        let (x, y) = Self.joined(levels.flatMap { grid.lines(at: $0) })
        add(Series(x: x.isEmpty ? [.nan] : x, y: y.isEmpty ? [.nan] : y, label: label, color: color))
    }

    /// Adds closed polygons (rings separated by NaN in `x` and `y`) filled translucently with
    /// the even-odd rule, outlined unless `lineWidth` is 0.
    public mutating func addPolygons(
        x: [Double], y: [Double], label: String? = nil, color: Color? = nil, opacity: Double = 0.25,
        lineWidth: Double? = nil
    ) {
        add(Series(x: x, y: y, label: label, color: color, fill: Fill(opacity: opacity), lineWidth: lineWidth))
    }

    /// Polylines concatenated with NaN separators, as one series draws them.
    static func joined(_ lines: [ContourLine]) -> ([Double], [Double]) {
        var x: [Double] = [], y: [Double] = []
        for line in lines {
            if !x.isEmpty {
                x.append(.nan)
                y.append(.nan)
            }
            x += line.x
            y += line.y
        }
        return (x, y)
    }
}
