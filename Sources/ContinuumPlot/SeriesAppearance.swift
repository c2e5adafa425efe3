/// The resolved look of one series: its colour, and its dash pattern or marker.
struct SeriesAppearance {
    var color: Color
    var style: Series.Style
    var dash: String?

    init(series: Series, index: Int) {
        color = series.color ?? Palette.color(at: index)
        style = series.style
        dash = series.style.drawsLine ? Palette.dash(at: index) : nil
    }

    /// Stroke attributes for a line of this series.
    func lineElement(pathData: String) -> SVGElement {
        var path = SVGElement("path", [
            "d": pathData, "fill": "none", "stroke": color.hexString,
            "stroke-width": SVGNumber.format(PlotMetrics.lineWidth),
            "stroke-linejoin": "round", "stroke-linecap": "round",
        ])
        if let dash { path.set("stroke-dasharray", dash) }
        return path
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
        if style.drawsLine {
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
