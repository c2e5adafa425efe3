extension LinePlot {
    /// Draws this plot into `frame` of `document`. `id` must be unique within the document; it names
    /// the plot's group and its clip path.
    func draw(in frame: Rect, into document: inout SVGDocument, id: String) throws(PlotError) {
        let ranges = try validatedDataRanges()
        let legend = Legend(plot: self)
        let outsideWidth = (legend?.width ?? 0) + 12
        var position = legendPosition
        var layout = try PlotLayout(plot: self, frame: frame, dataRanges: ranges,
                                    reservedRight: position == .outsideRight ? outsideWidth : 0)
        if let legend, position == .automatic {
            let corners: [LegendPosition] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
            let fitsInside = legend.width <= layout.plotArea.width - 2 * Legend.inset
                && legend.height <= layout.plotArea.height - 2 * Legend.inset
            let free = corners.first { corner in
                let origin = legend.origin(at: corner, in: layout.plotArea)
                let box = Rect(x: origin.x, y: origin.y, width: legend.width, height: legend.height)
                return !SeriesDrawing.covers(box, series, layout)
            }
            if fitsInside, let free {
                position = free
            } else {
                position = .outsideRight
                layout = try PlotLayout(plot: self, frame: frame, dataRanges: ranges, reservedRight: outsideWidth)
            }
        }

        let clipID = "\(id)-area"
        document.define(SeriesDrawing.clipPath(layout, id: clipID))
        var panel = SVGElement("g", ["class": "plot", "id": id])
        if showsGrid { panel.append(AxesDrawing.grid(layout)) }
        panel.append(SeriesDrawing.element(series, layout, clipID: clipID))
        panel.append(AxesDrawing.frame(layout))
        panel.append(AxesDrawing.tickMarks(layout))
        for labels in AxesDrawing.tickLabels(layout) { panel.append(labels) }
        for text in titleAndAxisLabels(layout, frame: frame) { panel.append(text) }
        if let legend {
            panel.append(legend.element(at: legend.origin(at: position, in: layout.plotArea)))
        }
        document.append(panel)
    }

    private func titleAndAxisLabels(_ layout: PlotLayout, frame: Rect) -> [SVGElement] {
        typealias M = PlotMetrics
        let area = layout.plotArea, f = SVGNumber.format
        var elements: [SVGElement] = []
        if !title.isEmpty {
            elements.append(SVGElement("text", [
                "class": "title", "x": f(area.x + area.width / 2), "y": f(frame.y + M.padding + 0.8 * M.titleFontSize),
                "text-anchor": "middle", "font-size": f(M.titleFontSize), "font-weight": "bold",
            ], text: title))
        }
        if !xAxis.label.isEmpty {
            let baseline = area.maxY + M.tickLength + M.tickLabelGap + M.tickFontSize + 6 + 0.8 * M.axisLabelFontSize
            elements.append(SVGElement("text", [
                "class": "x-label", "x": f(area.x + area.width / 2), "y": f(baseline),
                "text-anchor": "middle", "font-size": f(M.axisLabelFontSize),
            ], text: xAxis.label))
        }
        if !yAxis.label.isEmpty {
            let x = f(frame.x + M.padding + 0.8 * M.axisLabelFontSize), y = f(area.y + area.height / 2)
            elements.append(SVGElement("text", [
                "class": "y-label", "x": x, "y": y, "transform": "rotate(-90 \(x) \(y))",
                "text-anchor": "middle", "font-size": f(M.axisLabelFontSize),
            ], text: yAxis.label))
        }
        return elements
    }
}
