/// Where the parts of one plot go within its frame: the plot area and the two resolved axes.
///
/// The order matters: the y ticks depend only on the height, their label widths set the left margin,
/// and only then is the width known that the x ticks are chosen for.
struct PlotLayout {
    var plotArea: Rect
    var x: ResolvedAxis
    var y: ResolvedAxis

    init(
        plot: LinePlot, frame: Rect, dataRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>),
        reservedRight: Double
    ) throws(PlotError) {
        typealias M = PlotMetrics
        var top = M.padding + M.tickFontSize / 2
        if !plot.title.isEmpty { top += M.titleFontSize + 8 }
        var bottom = M.padding + M.tickLength + M.tickLabelGap + M.tickFontSize
        if !plot.xAxis.label.isEmpty { bottom += M.axisLabelFontSize + 8 }
        let height = frame.height - top - bottom
        guard height >= M.minimumPlotSize else { throw .invalidSize(width: frame.width, height: frame.height) }

        y = ResolvedAxis.resolve(plot.yAxis, dataRange: dataRanges.y, length: height, spacing: M.yTickSpacing) {
            Self.labelsFit($0, length: height) { _ in M.tickFontSize }
        }
        let yLabelWidth = y.ticks.labels.map { TextMetrics.width(of: $0, fontSize: M.tickFontSize) }.max() ?? 0
        var left = M.padding + yLabelWidth + M.tickLength + M.tickLabelGap + 2
        if !plot.yAxis.label.isEmpty { left += M.axisLabelFontSize + 8 }
        // The last x label is centred on the right edge of the plot area; leave room for half of a
        // typical one.
        let right = M.padding + max(reservedRight, 3 * M.tickFontSize * 0.62)
        let width = frame.width - left - right
        guard width >= M.minimumPlotSize else { throw .invalidSize(width: frame.width, height: frame.height) }

        x = ResolvedAxis.resolve(plot.xAxis, dataRange: dataRanges.x, length: width, spacing: M.xTickSpacing) {
            Self.labelsFit($0, length: width) { TextMetrics.width(of: $0, fontSize: M.tickFontSize) }
        }
        plotArea = Rect(x: frame.x + left, y: frame.y + top, width: width, height: height)
        if let ratio = plot.aspectRatio, ratio.isFinite, ratio > 0, plot.xAxis.scale == .linear, plot.yAxis.scale == .linear {
            fixAspect(ratio, plot: plot)
        }
    }

    /// Shrinks the plot area along the axis with more pixels per unit than `ratio` allows (keeping
    /// its top-left corner, where title and labels are anchored) and re-chooses that axis' ticks for its new length over the same domain.
    private mutating func fixAspect(_ ratio: Double, plot: LinePlot) {
        typealias M = PlotMetrics
        let xSpan = x.ticks.domain.upperBound - x.ticks.domain.lowerBound
        let ySpan = y.ticks.domain.upperBound - y.ticks.domain.lowerBound
        let xScale = plotArea.width / xSpan, yScale = plotArea.height / ySpan
        if yScale > ratio * xScale {
            let height = ratio * xScale * ySpan
            plotArea.height = height
            var axis = plot.yAxis
            axis.limits = y.ticks.domain
            y = ResolvedAxis.resolve(axis, dataRange: y.ticks.domain, length: height, spacing: M.yTickSpacing) {
                Self.labelsFit($0, length: height) { _ in M.tickFontSize }
            }
        } else if yScale < ratio * xScale {
            let width = yScale / ratio * xSpan
            plotArea.width = width
            var axis = plot.xAxis
            axis.limits = x.ticks.domain
            x = ResolvedAxis.resolve(axis, dataRange: x.ticks.domain, length: width, spacing: M.xTickSpacing) {
                Self.labelsFit($0, length: width) { TextMetrics.width(of: $0, fontSize: M.tickFontSize) }
            }
        }
    }

    /// Whether neighbouring major-tick labels, `extent` pixels long along the axis, keep
    /// ``PlotMetrics/labelGap`` apart.
    private static func labelsFit(_ axis: ResolvedAxis, length: Double, extent: (String) -> Double) -> Bool {
        let ticks = axis.ticks
        for i in ticks.major.indices.dropFirst() {
            let distance = abs(axis.fraction(ticks.major[i]) - axis.fraction(ticks.major[i - 1])) * length
            let needed = (extent(ticks.labels[i]) + extent(ticks.labels[i - 1])) / 2 + PlotMetrics.labelGap
            if distance < needed { return false }
        }
        return true
    }

    /// The pixel position of a data point; `nil` when either coordinate is NaN or infinite, or the
    /// point is so far outside that its position is not finite.
    func project(_ xValue: Double, _ yValue: Double) -> Point? {
        guard xValue.isFinite, yValue.isFinite else { return nil }
        let point = Point(x: plotArea.x + x.fraction(xValue) * plotArea.width,
                          y: plotArea.maxY - y.fraction(yValue) * plotArea.height)
        return point.x.isFinite && point.y.isFinite ? point : nil
    }
}
