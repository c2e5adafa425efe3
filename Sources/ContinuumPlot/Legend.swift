/// The legend box: one row per labelled series with a sample of its line or marker.
struct Legend {
    struct Entry {
        var label: String
        var appearance: SeriesAppearance
    }

    static let rowHeight = 18.0
    static let inset = 8.0
    static let sampleWidth = 26.0

    var entries: [Entry]

    /// The legend for the labelled series of `plot`; `nil` when there is nothing to show.
    init?(plot: LinePlot) {
        guard plot.legendPosition != .hidden else { return nil }
        entries = plot.series.enumerated().compactMap { index, series in
            series.label.map { Entry(label: $0, appearance: SeriesAppearance(series: series, index: index)) }
        }
        if entries.isEmpty { return nil }
    }

    var width: Double {
        let text = entries.map { TextMetrics.width(of: $0.label, fontSize: PlotMetrics.legendFontSize) }.max() ?? 0
        return 2 * Self.inset + Self.sampleWidth + 6 + text
    }

    var height: Double {
        Double(entries.count) * Self.rowHeight + Self.inset
    }

    /// The legend drawn with its top-left corner at `origin`.
    func element(at origin: Point) -> SVGElement {
        var group = SVGElement("g", ["class": "legend"])
        group.append(SVGElement("rect", [
            "x": SVGNumber.format(origin.x), "y": SVGNumber.format(origin.y),
            "width": SVGNumber.format(width), "height": SVGNumber.format(height), "rx": "3",
            "fill": "#ffffff", "fill-opacity": "0.9", "stroke": "#bbbbbb", "stroke-width": "1",
        ]))
        for (row, entry) in entries.enumerated() {
            let centerY = origin.y + Self.inset / 2 + (Double(row) + 0.5) * Self.rowHeight
            let sampleX = origin.x + Self.inset
            for element in entry.appearance.sample(from: Point(x: sampleX, y: centerY), width: Self.sampleWidth) {
                group.append(element)
            }
            group.append(SVGElement("text", [
                "x": SVGNumber.format(sampleX + Self.sampleWidth + 6), "y": SVGNumber.format(centerY),
                "dy": "0.35em", "font-size": SVGNumber.format(PlotMetrics.legendFontSize),
            ], text: entry.label))
        }
        return group
    }

    /// The top-left corner of the legend inside `area` at one of its corners.
    func origin(at position: LegendPosition, in area: Rect) -> Point {
        let left = area.x + Self.inset, right = area.maxX - Self.inset - width
        let top = area.y + Self.inset, bottom = area.maxY - Self.inset - height
        switch position {
        case .topLeft: return Point(x: left, y: top)
        case .bottomLeft: return Point(x: left, y: bottom)
        case .bottomRight: return Point(x: right, y: bottom)
        case .outsideRight: return Point(x: area.maxX + 12, y: area.y)
        case .topRight, .automatic, .hidden: return Point(x: right, y: top)
        }
    }
}
