/// The resolved look of one series: its colour, and its dash pattern or marker.
struct SeriesAppearance {
    var color: Color
    var style: Series.Style
    var dash: String?
    var lineWidth: Double
    var fill: Fill?

    init(series: Series, index: Int) {
        color = series.color ?? Palette.color(at: index)
        style = series.style
        dash = series.style.drawsLine ? Palette.dash(at: index) : nil
        lineWidth = series.lineWidth ?? PlotMetrics.lineWidth
        fill = series.fill
    }

    /// Whether a line is stroked at all (a series may be a fill alone).
    var strokesLine: Bool { style.drawsLine && lineWidth > 0 }

    /// Stroke attributes for a line of this series.
    func lineElement(pathData: String) -> SVGElement {
        var path = SVGElement("path", [
            "d": pathData, "fill": "none", "stroke": color.hexString,
            "stroke-width": SVGNumber.format(lineWidth),
            "stroke-linejoin": "round", "stroke-linecap": "round",
        ])
        if let dash { path.set("stroke-dasharray", dash) }
        return path
    }

    /// The translucent interior of closed subpaths, even-odd, without an outline.
    func fillElement(pathData: String) -> SVGElement? {
        guard let fill else { return nil }
        return SVGElement("path", [
            "class": "fill", "d": pathData, "fill": (fill.color ?? color).hexString,
            "fill-opacity": SVGNumber.format(fill.opacity), "fill-rule": "evenodd", "stroke": "none",
        ])
    }

    /// All markers of this series as one path; a thin white outline keeps overlapping markers apart.
    func markerElement(pathData: String) -> SVGElement {
        SVGElement("path", [
            "d": pathData, "fill": color.hexString, "stroke": "#ffffff", "stroke-width": "0.6",
        ])
    }

    /// The legend sample starting at `start` (vertically centred): a short line, one marker, or both.
    func sample(from start: Point, width: Double) -> [SVGElement] {
        var elements: [SVGElement] = []
        let f = SVGNumber.format
        if let swatch = fillElement(pathData: "M\(f(start.x)) \(f(start.y - 6))h\(f(width))v12h\(f(-width))z") {
            elements.append(swatch)
        }
        if strokesLine {
            let y = SVGNumber.format(start.y)
            elements.append(lineElement(
                pathData: "M\(SVGNumber.format(start.x)) \(y)H\(SVGNumber.format(start.x + width))"))
        }
        if let shape = style.marker {
            let center = Point(x: start.x + width / 2, y: start.y)
            elements.append(markerElement(
                pathData: MarkerPath.data(shape, at: center, radius: PlotMetrics.markerRadius)))
        }
        return elements
    }
}
