/// The data of one plot: lines and markers, clipped to the plot area.
enum SeriesDrawing {
    /// One `<path>` per series inside a group clipped to the plot area (via `clipID`).
    static func element(_ series: [Series], _ layout: PlotLayout, clipID: String) -> SVGElement {
        var group = SVGElement("g", ["class": "series", "clip-path": "url(#\(clipID))"])
        // Half a pixel of slack keeps points that sit exactly on the edge (the usual case when the
        // domain ends at the data's extremes) from being split off by rounding.
        let bounds = layout.plotArea.insetBy(-0.5)
        for (index, item) in series.enumerated() {
            let appearance = SeriesAppearance(series: item, index: index)
            if let element = appearance.fillElement(pathData: fillData(item, layout)) {
                group.append(element)
            }
            if appearance.strokesLine {
                var path = PathData(clip: bounds)
                for (x, y) in zip(item.x, item.y) {
                    path.add(layout.project(x, y))
                }
                let data = path.finish()
                if !data.isEmpty { group.append(appearance.lineElement(pathData: data)) }
            }
            if let shape = item.style.marker {
                let data = zip(item.x, item.y)
                    .compactMap { layout.project($0, $1) }
                    .filter { bounds.contains($0) }
                    .map { MarkerPath.data(shape, at: $0, radius: PlotMetrics.markerRadius) }
                    .joined()
                if !data.isEmpty { group.append(appearance.markerElement(pathData: data)) }
            }
        }
        return group
    }

    /// Closed subpaths through the projected points, split at non-finite values. Not clipped
    /// segment by segment (that would cut the polygons open): the group's clip path trims the
    /// fill, and coordinates are only held within a generous box so they stay representable.
    static func fillData(_ series: Series, _ layout: PlotLayout) -> String {
        guard series.fill != nil else { return "" }
        let f = SVGNumber.format, area = layout.plotArea, margin = 1e5
        var data = "", open = false
        for (x, y) in zip(series.x, series.y) {
            guard let point = layout.project(x, y) else {
                if open { data += "Z" }
                open = false
                continue
            }
            let px = min(max(point.x, area.x - margin), area.maxX + margin)
            let py = min(max(point.y, area.y - margin), area.maxY + margin)
            data += (open ? "L" : "M") + "\(f(px)) \(f(py))"
            open = true
        }
        if open { data += "Z" }
        return data
    }

    /// The clip path for ``element(_:_:clipID:)``: the plot area plus room for half a stroke, so lines
    /// along the edge keep their full width.
    static func clipPath(_ layout: PlotLayout, id: String) -> SVGElement {
        let area = layout.plotArea.insetBy(-PlotMetrics.lineWidth), f = SVGNumber.format
        return SVGElement("clipPath", ["id": id], children: [.element(SVGElement("rect", [
            "x": f(area.x), "y": f(area.y), "width": f(area.width), "height": f(area.height),
        ]))])
    }

    /// Whether any line or marker of `series` would be drawn inside `box` (in pixels).
    static func covers(_ box: Rect, _ series: [Series], _ layout: PlotLayout) -> Bool {
        let markerBox = box.insetBy(-PlotMetrics.markerRadius)
        for item in series {
            var previous: Point?
            for (x, y) in zip(item.x, item.y) {
                let point = layout.project(x, y)
                if item.style.drawsLine, let point, let previous, LineClipping.clip(previous, point, to: box) != nil {
                    return true
                }
                if item.style.marker != nil, let point, markerBox.contains(point) { return true }
                previous = point
            }
        }
        return false
    }
}
