/// The shape drawn at each point of a scatter series.
public enum MarkerShape: Sendable, Hashable, CaseIterable {
    /// A filled disc.
    case circle
    /// A filled square, slightly smaller than the circle so both look equally heavy.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled square standing on a corner.
    case diamond
}

/// One data set of a plot: paired `x` and `y` values drawn as a line or as markers.
///
/// Non-finite values (NaN, ±infinity) are gaps: a line breaks there and no marker is drawn.
public struct Series: Sendable, Equatable {
    /// How the points are drawn.
    public enum Style: Sendable, Hashable {
        /// A polyline through the points in order.
        case line
        /// A marker at each point, unconnected.
        case scatter(MarkerShape)
        /// A polyline with a marker at each point, e.g. a convergence study's step sizes.
        case lineAndMarkers(MarkerShape)

        var drawsLine: Bool {
            if case .scatter = self { false } else { true }
        }

        var marker: MarkerShape? {
            switch self {
            case .line: nil
            case .scatter(let shape), .lineAndMarkers(let shape): shape
            }
        }
    }

    /// Horizontal coordinates, paired with `y` by index.
    public var x: [Double]
    /// Vertical coordinates; must have as many values as `x`.
    public var y: [Double]
    /// Legend text; `nil` keeps the series out of the legend.
    public var label: String?
    /// Line, markers, or both.
    public var style: Style
    /// A fixed colour; `nil` takes the next colour of ``Palette/colorBlindSafe``.
    public var color: Color?
    /// Fills the area enclosed by the series' subpaths (separated by NaN, each closed back to its
    /// start) with the series' colour, by the even-odd rule so that nested rings make holes.
    /// `nil`: no fill.
    public var fill: Fill?
    /// Stroke width in pixels; `nil` for the default, `0` for no outline (a fill alone).
    public var lineWidth: Double?

    /// A series from paired coordinates. Lengths are checked when the plot is drawn.
    public init(
        x: [Double], y: [Double], label: String? = nil, style: Style = .line, color: Color? = nil,
        fill: Fill? = nil, lineWidth: Double? = nil
    ) {
        self.x = x
        self.y = y
        self.label = label
        self.style = style
        self.color = color
        self.fill = fill
        self.lineWidth = lineWidth
    }

    /// How error messages name this series: its label, or its position when it has none.
    func name(index: Int) -> String {
        label.map { "\"\($0)\"" } ?? "#\(index + 1)"
    }
}
