import Foundation

/// A two-dimensional plot of lines and markers, drawn as SVG.
///
/// ```swift
/// var plot = LinePlot(title: "Lorenz", xLabel: "t", yLabel: "state")
/// plot.addLine(x: t, y: x, label: "x")
/// plot.addScatter(x: tObserved, y: xObserved, label: "observed")
/// plot.yScale = .logarithmic
/// try plot.write(to: URL(fileURLWithPath: "lorenz.svg"))
/// ```
///
/// Axes take their range from the data, widened to "nice" tick positions (1-2-5 steps, or decades on
/// logarithmic axes), unless ``Axis/limits`` fixes it. Lines and markers are clipped to the plot
/// area; NaN and infinite values leave gaps. Input problems (no data, mismatched lengths, values a
/// logarithmic axis cannot show) are reported as ``PlotError`` when the plot is drawn.
public struct LinePlot: Sendable {
    /// Text above the plot area; empty for none.
    public var title: String
    /// The horizontal axis: label, scale and optional fixed limits.
    public var xAxis: Axis
    /// The vertical axis: label, scale and optional fixed limits.
    public var yAxis: Axis
    /// The series in drawing order (later ones on top).
    public private(set) var series: [Series] = []
    /// Where the legend of the labelled series goes; by default a corner free of data.
    public var legendPosition: LegendPosition = .automatic
    /// Whether light grid lines mark the major (and, on logarithmic axes, minor) ticks.
    public var showsGrid = true
    /// When set, a unit along y takes `aspectRatio` times the pixels of a unit along x (1: equal
    /// scales, so circles look round, as complex-plane plots need). The plot area shrinks along
    /// one axis (from the right or the bottom) to keep the ratio. Ignored unless both axes are linear.
    public var aspectRatio: Double?

    /// An empty plot with the given title and axis labels.
    public init(title: String = "", xLabel: String = "", yLabel: String = "") {
        self.title = title
        xAxis = Axis(label: xLabel)
        yAxis = Axis(label: yLabel)
    }

    /// The label of the horizontal axis.
    public var xLabel: String {
        get { xAxis.label }
        set { xAxis.label = newValue }
    }

    /// The label of the vertical axis.
    public var yLabel: String {
        get { yAxis.label }
        set { yAxis.label = newValue }
    }

    /// The scale of the horizontal axis.
    public var xScale: Scale {
        get { xAxis.scale }
        set { xAxis.scale = newValue }
    }

    /// The scale of the vertical axis.
    public var yScale: Scale {
        get { yAxis.scale }
        set { yAxis.scale = newValue }
    }

    /// Adds a polyline through `(x[i], y[i])` in order, with a `marker` at each point if one is given,
    /// coloured from ``Palette/colorBlindSafe`` unless `color` is given.
    public mutating func addLine(
        x: [Double], y: [Double], label: String? = nil, marker: MarkerShape? = nil, color: Color? = nil
    ) {
        let style: Series.Style = marker.map { .lineAndMarkers($0) } ?? .line
        series.append(Series(x: x, y: y, label: label, style: style, color: color))
    }

    /// Adds unconnected markers at `(x[i], y[i])`, e.g. observed data next to a model curve.
    public mutating func addScatter(
        x: [Double], y: [Double], label: String? = nil, marker: MarkerShape = .circle, color: Color? = nil
    ) {
        series.append(Series(x: x, y: y, label: label, style: .scatter(marker), color: color))
    }

    /// Adds a prepared series.
    public mutating func add(_ series: Series) {
        self.series.append(series)
    }

    /// The plot as a standalone SVG document of `width` × `height` pixels.
    public func svg(width: Double = 800, height: Double = 500) throws(PlotError) -> String {
        try Figure(plots: [self]).svg(width: width, height: height)
    }

    /// Writes ``svg(width:height:)`` to `url` atomically: readers see the old file or the new one,
    /// never a partial write.
    public func write(to url: URL, width: Double = 800, height: Double = 500) throws(PlotError) {
        try AtomicWrite.write(svg(width: width, height: height), to: url)
    }
}
