/// Sizes, in pixels, shared by layout and drawing so that the two agree.
enum PlotMetrics {
    static let padding = 12.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    static let tickLabelGap = 3.0
    static let tickFontSize = 12.0
    static let axisLabelFontSize = 13.0
    static let titleFontSize = 15.0
    static let legendFontSize = 12.0
    /// Preferred distance between major ticks; labels that still collide thin the ticks further.
    static let xTickSpacing = 90.0
    static let yTickSpacing = 50.0
    /// Free space required between neighbouring tick labels.
    static let labelGap = 8.0
    /// Smallest plot area worth drawing.
    static let minimumPlotSize = 40.0
    static let lineWidth = 1.6
    static let markerRadius = 3.5
}
