import Foundation

/// Grid, frame, tick marks and tick labels of one plot.
enum AxesDrawing {
    typealias M = PlotMetrics

    /// `value` moved to the nearest pixel centre, so that 1-pixel lines are crisp instead of smeared
    /// over two pixel rows.
    static func crisp(_ value: Double) -> Double {
        floor(value) + 0.5
    }

    static func grid(_ layout: PlotLayout) -> SVGElement {
        var group = SVGElement("g", ["class": "grid", "fill": "none", "stroke-width": "1"])
        let minor = lines(layout, xValues: layout.x.ticks.minor, yValues: layout.y.ticks.minor)
        if !minor.isEmpty { group.append(SVGElement("path", ["d": minor, "stroke": "#f2f2f2"])) }
        let major = lines(layout, xValues: layout.x.ticks.major, yValues: layout.y.ticks.major)
        if !major.isEmpty { group.append(SVGElement("path", ["d": major, "stroke": "#e3e3e3"])) }
        return group
    }

    /// Full-height lines at `xValues` and full-width lines at `yValues`.
    private static func lines(_ layout: PlotLayout, xValues: [Double], yValues: [Double]) -> String {
        let area = layout.plotArea, f = SVGNumber.format
        let vertical = xValues.map { "M\(f(crisp(xPosition($0, layout)))) \(f(area.y))V\(f(area.maxY))" }
        let horizontal = yValues.map { "M\(f(area.x)) \(f(crisp(yPosition($0, layout))))H\(f(area.maxX))" }
        return (vertical + horizontal).joined()
    }

    static func frame(_ layout: PlotLayout) -> SVGElement {
        let area = layout.plotArea, f = SVGNumber.format
        return SVGElement("rect", [
            "class": "frame", "x": f(crisp(area.x)), "y": f(crisp(area.y)),
            "width": f(crisp(area.maxX) - crisp(area.x)), "height": f(crisp(area.maxY) - crisp(area.y)),
            "fill": "none", "stroke": "#444444", "stroke-width": "1",
        ])
    }

    /// Outward tick marks on the bottom and left edges.
    static func tickMarks(_ layout: PlotLayout) -> SVGElement {
        let area = layout.plotArea, f = SVGNumber.format
        var data = ""
        for (values, length) in [(layout.x.ticks.major, M.tickLength), (layout.x.ticks.minor, M.minorTickLength)] {
            for value in values {
                data += "M\(f(crisp(xPosition(value, layout)))) \(f(crisp(area.maxY)))v\(f(length))"
            }
        }
        for (values, length) in [(layout.y.ticks.major, M.tickLength), (layout.y.ticks.minor, M.minorTickLength)] {
            for value in values {
                data += "M\(f(crisp(area.x))) \(f(crisp(yPosition(value, layout))))h\(f(-length))"
            }
        }
        return SVGElement("path", ["class": "ticks", "d": data, "stroke": "#444444", "stroke-width": "1"])
    }

    static func tickLabels(_ layout: PlotLayout) -> [SVGElement] {
        let area = layout.plotArea, f = SVGNumber.format
        var xLabels = SVGElement("g", ["class": "x-tick-labels", "text-anchor": "middle", "fill": "#222222"])
        let baseline = area.maxY + M.tickLength + M.tickLabelGap + 0.8 * M.tickFontSize
        for (value, label) in zip(layout.x.ticks.major, layout.x.ticks.labels) {
            xLabels.append(SVGElement("text", ["x": f(xPosition(value, layout)), "y": f(baseline)], text: label))
        }
        var yLabels = SVGElement("g", ["class": "y-tick-labels", "text-anchor": "end", "fill": "#222222"])
        let right = area.x - M.tickLength - M.tickLabelGap
        for (value, label) in zip(layout.y.ticks.major, layout.y.ticks.labels) {
            yLabels.append(SVGElement("text", [
                "x": f(right), "y": f(yPosition(value, layout)), "dy": "0.35em",
            ], text: label))
        }
        return [xLabels, yLabels]
    }

    static func xPosition(_ value: Double, _ layout: PlotLayout) -> Double {
        layout.plotArea.x + layout.x.fraction(value) * layout.plotArea.width
    }

    static func yPosition(_ value: Double, _ layout: PlotLayout) -> Double {
        layout.plotArea.maxY - layout.y.fraction(value) * layout.plotArea.height
    }
}
