/// How a series fills the area its closed subpaths enclose.
public struct Fill: Sendable, Hashable {
    /// The fill colour; `nil` uses the series' colour.
    public var color: Color?
    /// Opacity in [0, 1]: translucent fills let overlapping regions show through each other.
    public var opacity: Double

    /// A fill of `opacity` in `color` (the series' colour when `nil`).
    public init(color: Color? = nil, opacity: Double = 0.25) {
        self.color = color
        self.opacity = opacity
    }
}
