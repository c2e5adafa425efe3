/// The user-facing description of one axis: its label, scale and optional fixed limits.
///
/// ```swift
/// var plot = LinePlot(title: "Error", xLabel: "h", yLabel: "error")
/// plot.xAxis.scale = .logarithmic
/// plot.yAxis.limits = 1e-12...1
/// ```
public struct Axis: Sendable, Hashable {
    /// Text shown along the axis; empty for none.
    public var label: String
    /// Linear or logarithmic placement of values.
    public var scale: Scale
    /// Fixed axis range. `nil` derives a range from the data and widens it to tick positions.
    public var limits: ClosedRange<Double>?

    /// An axis with the given label and scale, and limits taken from the data.
    public init(label: String = "", scale: Scale = .linear, limits: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.limits = limits
    }
}
