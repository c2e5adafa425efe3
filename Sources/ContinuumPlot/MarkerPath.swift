/// Path data for one marker, so that all markers of a series fit into a single `<path>`.
enum MarkerPath {
    /// A closed subpath of `shape` centred at `center`; `radius` is the circle radius, and the other
    /// shapes are scaled to a similar visual weight.
    static func data(_ shape: MarkerShape, at center: Point, radius r: Double) -> String {
        let f = SVGNumber.format
        switch shape {
        case .circle:
            // Two half-circle arcs: a full circle in one subpath.
            return "M\(f(center.x - r)) \(f(center.y))a\(f(r)) \(f(r)) 0 1 0 \(f(2 * r)) 0"
                + "a\(f(r)) \(f(r)) 0 1 0 \(f(-2 * r)) 0z"
        case .square:
            let s = r * 0.9
            return "M\(f(center.x - s)) \(f(center.y - s))h\(f(2 * s))v\(f(2 * s))h\(f(-2 * s))z"
        case .triangle:
            let s = r * 1.25
            return "M\(f(center.x)) \(f(center.y - s))l\(f(s * 0.866)) \(f(s * 1.5))h\(f(-s * 1.732))z"
        case .diamond:
            let s = r * 1.25
            return "M\(f(center.x)) \(f(center.y - s))l\(f(s)) \(f(s))l\(f(-s)) \(f(s))l\(f(-s)) \(f(-s))z"
        }
    }
}
