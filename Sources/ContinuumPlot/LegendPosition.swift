/// Where a plot puts its legend.
public enum LegendPosition: Sendable, Hashable {
    /// The first inside corner (top right, top left, bottom right, bottom left) that covers no data,
    /// else outside to the right of the plot area.
    case automatic
    /// Inside the plot area, top right.
    case topRight
    /// Inside the plot area, top left.
    case topLeft
    /// Inside the plot area, bottom right.
    case bottomRight
    /// Inside the plot area, bottom left.
    case bottomLeft
    /// Beside the plot area, which narrows to make room.
    case outsideRight
    /// No legend, even when series have labels.
    case hidden
}
